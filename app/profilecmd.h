/*
 * profilecmd.h - the profile commands: --convert, --merge, --diff.
 *
 * Called by main (app/main.c) for CLI_CONVERT, CLI_MERGE and CLI_DIFF.
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
 * profile_build() of base with --default-action and --errno: the profile
 * --convert, --merge and --enforce use.  Never NULL; profile_free() it.
 */
struct profile *profilecmd_build(const struct cli *c,
		    const struct profile *base);

#endif
