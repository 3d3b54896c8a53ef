/*
 * cli.c - command-line parsing; see cli.h.
 */
#include "config.h"
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profile.h"
#include "runtime.h"
#include "sysname.h"
#include "xalloc.h"

static const char cli_usage[] =
"Usage: sctui [OPTION]... [--] COMMAND [ARG]...\n"
"   or: sctui [OPTION]... -p PID[,PID]...\n"
"   or: sctui --enforce=PROFILE [--runtime=NAME [-v]] [--] COMMAND [ARG]...\n"
"   or: sctui --demo [--batch] [--demo-duration=SECS] [--demo-dir=DIR]\n"
"             [-o OUT] [--stats FILE]\n"
"   or: sctui --open=SESSION [-b] [-o FILE] [--stats FILE]\n"
"   or: sctui --convert IN -o OUT [--format FMT] [--skip-unknown]\n"
"             [--default-action ACTION] [--errno N]\n"
"   or: sctui --merge A B... -o OUT [--format FMT]\n"
"   or: sctui --diff A B       (A may be docker-default)\n"
"Trace a program's system calls, by process and phase, and write the\n"
"seccomp profile it needs.\n"
"\n"
"  -b, --batch             trace without the UI; print a summary on stderr\n"
"  -o, --output=FILE       write the profile to FILE (Docker format unless\n"
"                          --format says otherwise)\n"
"  -p, --pid=PID[,PID]...  attach to running processes (all their threads)\n"
"      --no-seccomp        trace with PTRACE_SYSCALL, not the seccomp fast path\n"
"      --serve-on=LIST     syscalls that start the serving phase\n"
"                          (comma-separated; default: epoll_wait, poll, accept...)\n"
"      --serve-after=SECS  a process is serving SECS seconds after it starts\n"
"      --stop-signal=SIG   signal that stops the program (default: TERM)\n"
"      --stats=FILE        write per-syscall and per-process counts as TSV\n"
"      --session=FILE      batch mode: also save the session, for --open\n"
"      --stacks[=PER]      capture where each call first comes from (the\n"
"                          user stack, per executable, or per process with\n"
"                          PER 'process'); batch mode prints them after the\n"
"                          summary\n"
"      --profile=FILE      start from a profile: what it allows runs at full\n"
"                          speed, every call it lacks is traced and shown\n"
"      --no-notify         with --profile, follow the tree with ptrace rather\n"
"                          than seccomp user notification: slower, but sees\n"
"                          every process, signal and exit; with --enforce,\n"
"                          leave the profile to the kernel alone\n"
"      --runtime=NAME      add the calls runtime NAME makes itself before the\n"
"                          program starts: docker, podman, runc (default),\n"
"                          crun, or none\n"
"      --caps=LIST         the capabilities a loaded profile's includes and\n"
"                          excludes are resolved for (default: all; \"docker\"\n"
"                          is Docker's default set; \"none\")\n"
"      --deny=LIST         what-if: these calls fail with EPERM (or --errno)\n"
"                          without running, and are left out of -o\n"
"      --enforce=FILE      run the command under the profile, as a container\n"
"                          runtime would, and name each call it denies;\n"
"                          with --runtime=runc, crun or podman: in that\n"
"                          runtime, with the host's root read-only, network,\n"
"                          cwd, ids\n"
"      --phases[=kill]     with --enforce, a call the profile allows in startup\n"
"                          only fails once its process serves (kill: the\n"
"                          process is killed)\n"
"  -v, --verbose           with --enforce and --runtime: print the runtime's\n"
"                          command line; with --batch: how the tracer's\n"
"                          loop ran (its stops, and how they were found)\n"
"      --demo              the classroom demo: nginx (or a bundled server)\n"
"                          on 127.0.0.1 traced through start-up, requests\n"
"                          sent by sctui, and SIGQUIT\n"
"      --demo-duration=SECS\n"
"                          seconds of requests, then SIGQUIT (default: in\n"
"                          the UI until you quit, P pauses; with --batch 3;\n"
"                          0: until stopped)\n"
"      --demo-dir=DIR      keep the demo's nginx configuration and logs in\n"
"                          DIR, a new folder or an empty one of yours\n"
"      --open=FILE         explore a session saved with w (or a profile's\n"
"                          calls) without tracing: no ptrace needed; with\n"
"                          -b, print its summary (and -o writes the profile)\n"
"  -q, --quiet             no summary table in batch mode\n"
"  -h, --help              show this help and exit\n"
"  -V, --version           show the version and exit\n"
"\n"
"Profiles (read: Docker JSON, OCI linux.seccomp or config.json, a list of\n"
"names one a line; written with the calls that can never be denied added):\n"
"      --convert=IN        write IN in another format to -o OUT\n"
"      --merge A B...      write the union of the profiles to -o OUT\n"
"      --diff A B          what A and B allow differently, per arch; with A\n"
"                          docker-default: what B needs that Docker denies\n"
"      --format=FMT        @FORMATS@\n"
"                          (for -o too)\n"
"      --skip-unknown      drop names that are not system calls, say which\n"
"      --default-action=A  errno, kill (kill-process), kill-thread, trap, log\n"
"      --errno=N           the errno of the errno default action (default 1)\n"
"\n"
"Exit status: in batch mode, the command's own (128+N if killed by signal N);\n"
"127 if the command is not found, 126 if it cannot be run, 2 on bad usage.\n"
"Profile commands: 0 done, 1 bad input (the error names it), 2 bad usage.\n";

void
cli_help(FILE *out)
{
	const char *at = strstr(cli_usage, "@FORMATS@");
	char names[96];

	profile_format_list(1, PROFILE_FMT_DOCKER, names, sizeof(names));
	fprintf(out, "%.*s%s%s", (int)(at - cli_usage), cli_usage, names,
	    at + strlen("@FORMATS@"));
}

int
cli_signal(const char *s)
{
	char *end;
	long n;
	int i;

	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0')
		return n > 0 && n < NSIG ? (int)n : -1;
	for (i = 1; i < NSIG; i++) {
		const char *abbrev = sigabbrev_np(i);

		if (abbrev != NULL && strcasecmp(abbrev, s) == 0)
			return i;
	}
	return -1;
}

static int
parse_pids(struct cli *c, const char *arg, char *err, size_t errlen)
{
	char *copy = xstrdup(arg), *tok, *save = NULL, *end;
	long n;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		n = strtol(tok, &end, 10);
		if (*tok == '\0' || *end != '\0' || n <= 0 || n > INT_MAX) {
			snprintf(err, errlen, "-p: '%s' is not a process id "
			    "(give numbers, e.g. -p 1234,1240)", tok);
			free(copy);
			return -EINVAL;
		}
		c->pids = xreallocarray(c->pids, c->npids + 1,
		    sizeof(*c->pids));
		c->pids[c->npids++] = (pid_t)n;
	}
	free(copy);
	if (c->npids == 0) {
		snprintf(err, errlen, "-p: no process id given");
		return -EINVAL;
	}
	return 0;
}

/* Frees a NULL-terminated list of strings and sets it to NULL. */
static void
strv_free(char ***v)
{
	size_t i;

	for (i = 0; *v != NULL && (*v)[i] != NULL; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
}

/* A comma-separated list of syscall names, each checked on this arch. */
static int
parse_names(const char *opt, const char *arg, char ***out, char *err,
    size_t errlen)
{
	char *copy = xstrdup(arg), *tok, *save = NULL;
	size_t n = 0;
	uint32_t native = sysname_native();

	/* Given again: the last list wins (fuzz/corpus/cli/leak-*). */
	strv_free(out);

	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (sysname_lookup(native, tok) == SYSID_NONE) {
			snprintf(err, errlen, "%s: '%s' is not a system call on "
			    "%s", opt, tok, sysname_arch_name(native));
			free(copy);
			return -EINVAL;
		}
		*out = xreallocarray(*out, n + 2, sizeof(**out));
		(*out)[n++] = xstrdup(tok);
		(*out)[n] = NULL;
	}
	free(copy);
	if (n == 0) {
		snprintf(err, errlen, "%s: give at least one syscall name, e.g. "
		    "%s=epoll_wait,accept4", opt, opt);
		return -EINVAL;
	}
	return 0;
}

enum {
	OPT_NO_SECCOMP = 256,
	OPT_SERVE_ON,
	OPT_SERVE_AFTER,
	OPT_STOP_SIGNAL,
	OPT_STATS,
	OPT_PROFILE,
	OPT_ENFORCE,
	OPT_FORMAT,
	OPT_DEFAULT_ACTION,
	OPT_ERRNO,
	OPT_RUNTIME,
	OPT_DENY,
	OPT_CAPS,
	OPT_DEMO,
	OPT_DEMO_DURATION,
	OPT_DEMO_DIR,
	OPT_OPEN,
	OPT_SESSION,
	OPT_STACKS,
	OPT_NO_NOTIFY,
	OPT_PHASES,
};

/*
 * --caps: capabilities (CAP_SYS_ADMIN or sys_admin), "docker" for Docker's
 * default set, or "none".
 */
static int
parse_caps(struct cli *c, const char *arg, char *err, size_t errlen)
{
	char *copy = xstrdup(arg), *tok, *save = NULL, name[64], *q;
	size_t n = 0, i;

	strv_free(&c->caps);	/* given again: the last list wins */
	c->caps = xcalloc(1, sizeof(*c->caps));
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (strcmp(tok, "none") == 0)
			continue;
		if (strcmp(tok, "docker") == 0) {
			for (i = 0; profile_docker_caps[i] != NULL; i++) {
				c->caps = xreallocarray(c->caps, n + 2,
				    sizeof(*c->caps));
				c->caps[n++] = xstrdup(profile_docker_caps[i]);
			}
			c->caps[n] = NULL;
			continue;
		}
		snprintf(name, sizeof(name), "%s%s",
		    strncasecmp(tok, "CAP_", 4) == 0 ? "" : "CAP_", tok);
		for (q = name; *q != '\0'; q++) {
			if (!isalnum((unsigned char)*q) && *q != '_') {
				snprintf(err, errlen, "--caps: '%s' is not a "
				    "capability (give e.g. CAP_NET_ADMIN, "
				    "net_admin, docker or none)", tok);
				free(copy);
				return -EINVAL;
			}
			*q = (char)toupper((unsigned char)*q);
		}
		c->caps = xreallocarray(c->caps, n + 2, sizeof(*c->caps));
		c->caps[n++] = xstrdup(name);
		c->caps[n] = NULL;
	}
	free(copy);
	return 0;
}

void
cli_env(const struct cli *c, struct profile_env *env)
{
	memset(env, 0, sizeof(*env));
	env->caps = (const char *const *)c->caps;
}

/* --format: an output format (not a read-only one). */
static int
parse_format(struct cli *c, const char *val, char *err, size_t errlen)
{
	const struct profile_format_info *fi;
	char names[64];

	c->format = profile_format_parse(val);
	fi = profile_format_info((enum profile_format)c->format);
	if (c->format < 0 || fi == NULL || fi->write == NULL) {
		profile_format_list(1, PROFILE_FMT_AUTO, names, sizeof(names));
		snprintf(err, errlen, "--format: '%s' is not an output format "
		    "(give %s)", val, names);
		return -EINVAL;
	}
	return 0;
}

static int
parse_default_action(struct cli *c, const char *val, char *err,
    size_t errlen)
{
	enum profile_action act;

	if (profile_action_parse(val, &act) < 0 || act == PROFILE_ACT_ALLOW ||
	    act == PROFILE_ACT_TRACE) {
		snprintf(err, errlen, "--default-action: '%s' is not an action "
		    "(give errno, kill, kill-process, kill-thread, trap or log)",
		    val);
		return -EINVAL;
	}
	c->default_action = val;
	return 0;
}

static int
parse_errno(struct cli *c, const char *val, char *err, size_t errlen)
{
	char *end;
	long n = strtol(val, &end, 10);

	if (*val == '\0' || *end != '\0' || n < 0 || n > 4095) {
		snprintf(err, errlen, "--errno: '%s' is not an errno value "
		    "(give 0 to 4095, e.g. 1 for EPERM)", val);
		return -EINVAL;
	}
	c->errno_ret = (int)n;
	return 0;
}

/* --stacks[=PER]: per executable (no PER) or per process. */
static int
parse_stacks(struct cli *c, const char *val, char *err, size_t errlen)
{
	if (val == NULL || strcmp(val, "executable") == 0)
		c->stacks = CLI_STACKS_EXE;
	else if (strcmp(val, "process") == 0)
		c->stacks = CLI_STACKS_PROCESS;
	else {
		snprintf(err, errlen, "--stacks: '%s' is not a choice (give "
		    "--stacks for each executable, --stacks=process for each "
		    "process)", val);
		return -EINVAL;
	}
	return 0;
}

static int
check_errno_action(const struct cli *c, char *err, size_t errlen)
{
	if (c->default_action != NULL && c->errno_ret >= 0 &&
	    strcmp(c->default_action, "errno") != 0) {
		snprintf(err, errlen, "--errno goes with --default-action "
		    "errno, not %s", c->default_action);
		return -EINVAL;
	}
	return 0;
}

/*
 * --convert, --merge, --diff: options and file names in any order (a lone
 * "-" is standard input); see cli_help().
 */
static int
parse_profile_cmd(int argc, char **argv, struct cli *c, char *err,
    size_t errlen)
{
	const char *cmd = argv[1], *val;
	int i;

	c->inputs = xcalloc((size_t)argc, sizeof(*c->inputs));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		size_t klen = eq && a[0] == '-' ? (size_t)(eq - a) : strlen(a);

#define OPT(s)	(klen == strlen(s) && strncmp(a, (s), klen) == 0)
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			c->inputs[c->ninputs++] = argv[i];
			continue;
		}
		if ((OPT("--help") || OPT("-h")) && eq == NULL) {
			c->action = CLI_HELP;
			return 0;
		}
		if ((OPT("--version") || OPT("-V")) && eq == NULL) {
			c->action = CLI_VERSION;
			return 0;
		}
		if (OPT("--skip-unknown") && eq == NULL) {
			c->skip_unknown = 1;
			continue;
		}
		if (!OPT("--convert") && !OPT("--merge") && !OPT("--diff") &&
		    !OPT("-o") && !OPT("--output") && !OPT("--format") &&
		    !OPT("--default-action") && !OPT("--errno") &&
		    !OPT("--caps")) {
			snprintf(err, errlen, "unknown option '%s' with %s",
			    a, cmd);
			return -EINVAL;
		}
		if ((OPT("--merge") || OPT("--diff")) && eq == NULL)
			continue;
		if (eq != NULL)
			val = eq + 1;
		else if (i + 1 < argc)
			val = argv[++i];
		else {
			snprintf(err, errlen, "option '%s' needs an argument",
			    a);
			return -EINVAL;
		}
		if (OPT("--convert") || OPT("--merge") || OPT("--diff"))
			c->inputs[c->ninputs++] = (char *)val;
		else if (OPT("-o") || OPT("--output"))
			c->output = val;
		else if (OPT("--caps")) {
			if (parse_caps(c, val, err, errlen) < 0)
				return -EINVAL;
		} else if (OPT("--format")) {
			if (parse_format(c, val, err, errlen) < 0)
				return -EINVAL;
		} else if (OPT("--default-action")) {
			if (parse_default_action(c, val, err, errlen) < 0)
				return -EINVAL;
		} else if (parse_errno(c, val, err, errlen) < 0)
			return -EINVAL;
#undef OPT
	}
	if (check_errno_action(c, err, errlen) < 0)
		return -EINVAL;
	if (c->action == CLI_DIFF) {
		if (c->ninputs != 2 || c->output != NULL ||
		    c->format != 0) {
			snprintf(err, errlen, "--diff takes two profiles and no "
			    "-o or --format: sctui --diff A B");
			return -EINVAL;
		}
		return 0;
	}
	if (c->output == NULL) {
		snprintf(err, errlen, "%s needs -o OUT: the file to write",
		    cmd);
		return -EINVAL;
	}
	if (c->action == CLI_CONVERT && c->ninputs != 1) {
		snprintf(err, errlen, "--convert takes one input profile, "
		    "got %zu", c->ninputs);
		return -EINVAL;
	}
	if (c->action == CLI_MERGE && (c->ninputs < 2 || c->ninputs > 32)) {
		snprintf(err, errlen, "--merge takes 2 to 32 profiles, got "
		    "%zu", c->ninputs);
		return -EINVAL;
	}
	return 0;
}

int
cli_parse(int argc, char **argv, struct cli *c, char *err, size_t errlen)
{
	static const struct option longopts[] = {
		{ "batch",	 no_argument,	    NULL, 'b' },
		{ "output",	 required_argument, NULL, 'o' },
		{ "pid",	 required_argument, NULL, 'p' },
		{ "quiet",	 no_argument,	    NULL, 'q' },
		{ "verbose",	 no_argument,	    NULL, 'v' },
		{ "help",	 no_argument,	    NULL, 'h' },
		{ "version",	 no_argument,	    NULL, 'V' },
		{ "no-seccomp",	 no_argument,	    NULL, OPT_NO_SECCOMP },
		{ "no-notify",	 no_argument,	    NULL, OPT_NO_NOTIFY },
		{ "serve-on",	 required_argument, NULL, OPT_SERVE_ON },
		{ "serve-after", required_argument, NULL, OPT_SERVE_AFTER },
		{ "stop-signal", required_argument, NULL, OPT_STOP_SIGNAL },
		{ "stats",	 required_argument, NULL, OPT_STATS },
		{ "profile",	 required_argument, NULL, OPT_PROFILE },
		{ "enforce",	 required_argument, NULL, OPT_ENFORCE },
		{ "phases",	 optional_argument, NULL, OPT_PHASES },
		{ "format",	 required_argument, NULL, OPT_FORMAT },
		{ "default-action", required_argument, NULL, OPT_DEFAULT_ACTION },
		{ "errno",	 required_argument, NULL, OPT_ERRNO },
		{ "runtime",	 required_argument, NULL, OPT_RUNTIME },
		{ "deny",	 required_argument, NULL, OPT_DENY },
		{ "caps",	 required_argument, NULL, OPT_CAPS },
		{ "demo",	 no_argument,	    NULL, OPT_DEMO },
		{ "demo-duration", required_argument, NULL, OPT_DEMO_DURATION },
		{ "demo-dir",	 required_argument, NULL, OPT_DEMO_DIR },
		{ "open",	 required_argument, NULL, OPT_OPEN },
		{ "session",	 required_argument, NULL, OPT_SESSION },
		{ "stacks",	 optional_argument, NULL, OPT_STACKS },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	int ch;

	memset(c, 0, sizeof(*c));
	c->stop_signal = SIGTERM;
	c->errno_ret = -1;
	c->demo_seconds = -1;
	if (argc > 1 && (strncmp(argv[1], "--convert", 9) == 0 ||
	    strcmp(argv[1], "--merge") == 0 || strcmp(argv[1], "--diff") == 0)) {
		c->action = argv[1][2] == 'c' ? CLI_CONVERT :
		    argv[1][2] == 'm' ? CLI_MERGE : CLI_DIFF;
		return parse_profile_cmd(argc, argv, c, err, errlen);
	}
	optind = 0;	/* full reset: callers (tests) parse more than once */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:bo:p:qvhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			c->batch = 1;
			break;
		case 'o':
			c->output = optarg;
			break;
		case 'p':
			if (parse_pids(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case 'q':
			c->quiet = 1;
			break;
		case 'v':
			c->verbose = 1;
			break;
		case 'h':
			c->action = CLI_HELP;
			return 0;
		case 'V':
			c->action = CLI_VERSION;
			return 0;
		case OPT_NO_SECCOMP:
			c->no_seccomp = 1;
			break;
		case OPT_NO_NOTIFY:
			c->no_notify = 1;
			break;
		case OPT_SERVE_ON:
			if (parse_names("--serve-on", optarg, &c->serve_on, err,
			    errlen) < 0)
				return -EINVAL;
			break;
		case OPT_SERVE_AFTER:
			c->serve_after = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' ||
			    !isfinite(c->serve_after) || c->serve_after <= 0) {
				snprintf(err, errlen, "--serve-after: '%s' is not "
				    "a positive number of seconds", optarg);
				return -EINVAL;
			}
			break;
		case OPT_STOP_SIGNAL:
			if ((c->stop_signal = cli_signal(optarg)) < 0) {
				snprintf(err, errlen, "--stop-signal: '%s' is not "
				    "a signal (try TERM, INT, QUIT or 15)", optarg);
				return -EINVAL;
			}
			break;
		case OPT_STATS:
			c->stats = optarg;
			break;
		case OPT_PROFILE:
			c->profile = optarg;
			break;
		case OPT_ENFORCE:
			c->enforce = optarg;
			c->action = CLI_ENFORCE;
			break;
		case OPT_PHASES:
			if (optarg != NULL && strcmp(optarg, "kill") != 0 &&
			    strcmp(optarg, "errno") != 0) {
				snprintf(err, errlen, "--phases: '%s' is not "
				    "errno or kill (--phases=kill)", optarg);
				return -EINVAL;
			}
			c->phases = optarg != NULL &&
			    strcmp(optarg, "kill") == 0 ? CLI_PHASES_KILL :
			    CLI_PHASES_ERRNO;
			break;
		case OPT_FORMAT:
			if (parse_format(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case OPT_DEFAULT_ACTION:
			if (parse_default_action(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case OPT_ERRNO:
			if (parse_errno(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case OPT_SESSION:
			c->session = optarg;
			break;
		case OPT_STACKS:
			if (parse_stacks(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case OPT_OPEN:
			c->open = optarg;
			c->action = CLI_OPEN;
			break;
		case OPT_DENY:
			if (parse_names("--deny", optarg, &c->deny, err,
			    errlen) < 0)
				return -EINVAL;
			break;
		case OPT_CAPS:
			if (parse_caps(c, optarg, err, errlen) < 0)
				return -EINVAL;
			break;
		case OPT_RUNTIME:
			if (!runtime_known(optarg)) {
				snprintf(err, errlen, "--runtime: '%s' is not a "
				    "runtime sctui knows (give docker, podman, "
				    "runc, crun or none)", optarg);
				return -EINVAL;
			}
			c->runtime = optarg;
			break;
		case OPT_DEMO:
			c->demo = 1;
			break;
		case OPT_DEMO_DURATION:
			c->demo_seconds = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' ||
			    c->demo_seconds < 0 || c->demo_seconds > 86400) {
				snprintf(err, errlen, "--demo-duration: '%s' is "
				    "not a number of seconds from 0 (until "
				    "stopped) to 86400", optarg);
				return -EINVAL;
			}
			break;
		case OPT_DEMO_DIR:
			c->demo_dir = optarg;
			break;
		case ':':
			snprintf(err, errlen, "option '%s' needs an argument",
			    argv[optind - 1]);
			return -EINVAL;
		default:
			snprintf(err, errlen, "unknown option '%s'",
			    argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc)
		c->argv = &argv[optind];
	if (check_errno_action(c, err, errlen) < 0)
		return -EINVAL;
	if (c->demo) {
		if (c->action == CLI_ENFORCE || c->action == CLI_OPEN ||
		    c->npids > 0 || c->argv != NULL) {
			snprintf(err, errlen, "--demo starts its own web "
			    "server: give it no command, -p, --enforce or "
			    "--open");
			return -EINVAL;
		}
		c->action = CLI_DEMO;
		return 0;
	}
	if (c->demo_dir != NULL || c->demo_seconds >= 0) {
		snprintf(err, errlen, "%s is for the demo: add --demo",
		    c->demo_dir != NULL ? "--demo-dir" : "--demo-duration");
		return -EINVAL;
	}
	if (c->action == CLI_OPEN) {
		if (c->argv != NULL || c->npids > 0 || c->profile != NULL ||
		    c->enforce != NULL || c->deny != NULL) {
			snprintf(err, errlen, "--open explores a saved session "
			    "without tracing: it takes no command, -p, "
			    "--profile, --enforce or --deny");
			return -EINVAL;
		}
		return 0;
	}
	if (c->phases && c->action != CLI_ENFORCE) {
		snprintf(err, errlen, "--phases enforces a profile's phases: "
		    "give it with --enforce=PROFILE");
		return -EINVAL;
	}
	if (c->phases && c->runtime != NULL &&
	    strcmp(c->runtime, "none") != 0) {
		snprintf(err, errlen, "--phases needs sctui to answer the "
		    "program's calls, which it cannot inside --runtime=%s: "
		    "leave out one of them", c->runtime);
		return -EINVAL;
	}
	if (c->phases && c->no_notify) {
		snprintf(err, errlen, "--phases needs seccomp user "
		    "notification: leave out --no-notify");
		return -EINVAL;
	}
	if (c->action == CLI_ENFORCE && (c->npids > 0 || c->profile != NULL)) {
		snprintf(err, errlen, "--enforce runs a new command under the "
		    "profile: give it a command, not -p or --profile");
		return -EINVAL;
	}
	if (c->profile != NULL && c->npids > 0) {
		snprintf(err, errlen, "--profile needs a command to start "
		    "under the profile's filter; it cannot be used with -p");
		return -EINVAL;
	}
	if (c->npids > 0 && c->argv != NULL) {
		snprintf(err, errlen, "give either -p PID or a command, not "
		    "both");
		return -EINVAL;
	}
	if (c->npids == 0 && c->argv == NULL) {
		snprintf(err, errlen, "no command to trace: give one after "
		    "'--' (sctui -- nginx) or attach with -p PID");
		return -EINVAL;
	}
	return 0;
}

void
cli_free(struct cli *c)
{
	free(c->pids);
	strv_free(&c->serve_on);
	strv_free(&c->deny);
	strv_free(&c->caps);
	free(c->inputs);
	memset(c, 0, sizeof(*c));
}
