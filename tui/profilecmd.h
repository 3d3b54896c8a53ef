/*
 * profilecmd.h - the profile commands: --convert, --merge, --diff.
 *
 * Called by main (tui/main.c) for CLI_CONVERT, CLI_MERGE and CLI_DIFF.
 */
#ifndef SCTUI_PROFILECMD_H
#define SCTUI_PROFILECMD_H

struct cli;

/*
 * Runs the command c asks for.  Returns the exit status: 0 done, 1 bad
 * input (one error line per problem on stderr), 2 bad usage.
 */
int	profilecmd_main(const struct cli *c);

#endif
