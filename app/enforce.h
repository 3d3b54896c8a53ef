/*
 * enforce.h - sctui --enforce PROFILE [--phases[=kill]] -- COMMAND: run a
 * command under a profile the way a container runtime would, and say
 * what it denied; with --phases, refuse the calls the profile allows in
 * startup only once a process serves.  Called by main (app/main.c).
 */
#ifndef SCTUI_ENFORCE_H
#define SCTUI_ENFORCE_H

#include <stddef.h>

struct cli;

/*
 * Loads c->enforce, builds its filter with libseccomp, and runs c->argv
 * under it.  Returns the command's exit status (128+N if killed by signal
 * N), 1 if the profile cannot be loaded or enforced (--phases on a profile
 * that says no phases, or on a kernel without user notification), 127/126
 * if the command cannot be found or run.
 */
int	enforce_main(const struct cli *c);

/*
 * Appends s to buf (len bytes, NUL-terminated) quoted for a shell, so that
 * it pastes back as the same bytes: as it is when it holds only
 * characters no shell treats specially, else in single quotes, a quote
 * inside as '\''; a word that escape_name() (escape.h) would change
 * (control characters, invalid UTF-8, characters that hide text: the line
 * goes to a terminal) is written $'...' with every byte past printable
 * ASCII, a quote and a backslash as \xHH, as bash, zsh and ksh read it.
 * A line too long for buf is cut short.
 */
void	enforce_quote(char *buf, size_t len, const char *s);

/*
 * Prints on stderr the one line that says how the command of c ended under
 * c->enforce (how: "exit 3", "signal SYS", as lib/model/summary.h's
 * summary_status() words it; rt: "runc", or NULL when run directly) and
 * the sctui command, the whole command line quoted for a shell, that
 * names the calls the profile lacks.  lacks (NULL or "": none): the calls
 * runtime rt makes itself that the profile lacks, "pselect6, setresgid";
 * the line names them and gives the command that adds them instead.
 */
void	enforce_hint(const struct cli *c, const char *how, const char *rt,
	    const char *lacks);

#endif
