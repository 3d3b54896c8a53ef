/*
 * profilecmd.h - the profile commands: --convert, --merge, --diff.
 *
 * Called by main (tui/main.c) for CLI_CONVERT, CLI_MERGE and CLI_DIFF.
 */
#ifndef SCTUI_PROFILECMD_H
#define SCTUI_PROFILECMD_H

struct cli;
struct profile;

/*
 * Runs the command c asks for.  Returns the exit status: 0 done, 1 bad
 * input (one error line per problem on stderr), 2 bad usage.
 */
int	profilecmd_main(const struct cli *c);

/*
 * Loads a profile of any readable format, printing each error line as
 * "sctui: ..." on stderr; NULL on failure.  Also used by --profile and
 * --enforce.
 */
struct profile *profilecmd_load(const char *path, int skip_unknown);

/* Applies --default-action and --errno, then sctui's rules, to p. */
void	profilecmd_apply_options(const struct cli *c, struct profile *p);

#endif
