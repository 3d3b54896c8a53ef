/*
 * enforce.h - sctui --enforce PROFILE [--phases[=kill]] -- COMMAND: run a
 * command under a profile the way a container runtime would, and say
 * what it denied; with --phases, refuse the calls the profile allows in
 * startup only once a process serves.  Called by main (app/main.c).
 */
#ifndef SCTUI_ENFORCE_H
#define SCTUI_ENFORCE_H

struct cli;

/*
 * Loads c->enforce, builds its filter with libseccomp, and runs c->argv
 * under it.  Returns the command's exit status (128+N if killed by signal
 * N), 1 if the profile cannot be loaded or enforced (--phases on a profile
 * that says no phases, or on a kernel without user notification), 127/126
 * if the command cannot be found or run.
 */
int	enforce_main(const struct cli *c);

#endif
