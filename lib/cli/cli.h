/*
 * cli.h - the command line, parsed into a struct cli.
 *
 * Pure: no I/O beyond what libseccomp needs to check syscall names.  Called
 * by main (app/main.c); unit tested in tests/unit/cli-test.c.
 */
#ifndef SCTUI_CLI_H
#define SCTUI_CLI_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

enum cli_action {
	CLI_TRACE,		/* trace a command or pids (UI or batch) */
	CLI_HELP,
	CLI_VERSION,
	CLI_CONVERT,		/* --convert IN -o OUT (app/profilecmd.c) */
	CLI_MERGE,		/* --merge A B... -o OUT */
	CLI_DIFF,		/* --diff A B */
	CLI_ENFORCE,		/* --enforce PROFILE -- COMMAND */
	CLI_DEMO,		/* --demo: the classroom demo (app/demo.c) */
	CLI_OPEN,		/* --open SESSION: explore, trace nothing */
};

struct cli {
	enum cli_action	 action;
	int		 batch;
	int		 no_seccomp;
	int		 no_notify;	/* --profile: ptrace, not user notif */
	const char	*output;	/* -o: profile to write */
	const char	*stats;		/* --stats: TSV for scripts and tests */
	int		 quiet;		/* -q: no summary table */
	pid_t		*pids;		/* -p */
	size_t		 npids;
	char	       **argv;		/* after --; points into main's argv */
	char	       **serve_on;	/* NULL-terminated, or NULL: default */
	char	       **deny;		/* --deny: NULL-terminated, or NULL */
	double		 serve_after;	/* seconds; 0: off */
	int		 stop_signal;
	const char	*profile;	/* --profile: trace from this profile */
	const char	*enforce;	/* --enforce: run under this profile */
	int		 phases;	/* --phases: CLI_PHASES_* ; 0: off */
#define CLI_PHASES_ERRNO 1		/* refused with the errno */
#define CLI_PHASES_KILL	2		/* refused by killing the process */
	int		 demo;		/* --demo */
	long		 demo_seconds;	/* --demo-duration; -1: not given */
	const char	*demo_dir;	/* --demo-dir: a folder to keep */
	const char	*open;		/* --open: a session or a profile */
	const char	*session;	/* --session: batch writes one here */
	int		 stacks;	/* --stacks: capture first stacks */
#define CLI_STACKS_EXE		1	/* per executable */
#define CLI_STACKS_PROCESS	2	/* per process (--stacks=process) */
	const char	*runtime;	/* --runtime; NULL: PROFILE_BUILD_RUNTIME;
					   with --enforce: run in it */
	int		 verbose;	/* -v: how a runtime, or the loop, ran */
	char	       **caps;		/* --caps: NULL-terminated; NULL: all */
	/* --convert, --merge and --diff; format etc. also for -o */
	char	       **inputs;	/* points into main's argv */
	size_t		 ninputs;
	int		 format;	/* enum profile_format; 0: docker */
	int		 skip_unknown;
	const char	*default_action; /* NULL: the input's */
	int		 errno_ret;	/* --errno; -1: not given */
};

/*
 * Parses argv into c.  Returns 0, or -EINVAL with a one-line message in err
 * that names the problem and the fix (the caller exits 2).
 */
int	cli_parse(int argc, char **argv, struct cli *c, char *err,
	    size_t errlen);
void	cli_free(struct cli *c);

struct profile_env;

/*
 * The machine a loaded profile is resolved for (includes/excludes): this
 * arch and kernel, with the --caps capabilities (every one by default).
 */
void	cli_env(const struct cli *c, struct profile_env *env);

/* "TERM", "SIGTERM" or "15" -> 15; -1 if none. */
int	cli_signal(const char *s);

/* Prints the usage text (--help), its list of formats from the table. */
void	cli_help(FILE *out);

#endif
