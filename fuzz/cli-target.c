/*
 * cli-target.c - the command-line fuzz target body; see cli-target.h.
 */
#include "config.h"
#include "cli-target.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xalloc.h"

#define MAXARGS	64

static void
broken(const char *what, const char *err)
{
	fprintf(stderr, "fuzz-cli: %s (err: '%s')\n", what, err);
	abort();
}

/* Does p point at one of argv[1..argc-1]? */
static int
in_argv(char **argv, int argc, char *const *p)
{
	return p >= argv + 1 && p < argv + argc;
}

static void
check(char **argv, int argc, const struct cli *c, int rc, const char *err)
{
	size_t i;
	int nl = 0;

	if (rc != 0 && rc != -EINVAL)
		broken("cli_parse returned neither 0 nor -EINVAL", err);
	if (rc < 0) {
		if (*err == '\0')
			broken("an error without a message", err);
		/*
		 * The message quotes the argument as given; main() escapes
		 * it (fuzz/corpus/cli/crash-newline-in-format found that).
		 */
		for (i = 1; i < (size_t)argc; i++)
			nl |= strchr(argv[i], '\n') != NULL;
		if (!nl && strchr(err, '\n') != NULL)
			broken("an error message of more than one line", err);
		return;
	}
	switch (c->action) {
	case CLI_HELP:
	case CLI_VERSION:
		return;
	case CLI_DEMO:
		if (c->argv != NULL || c->npids > 0)
			broken("--demo with a command or -p", err);
		return;
	case CLI_OPEN:
		if (c->open == NULL || c->argv != NULL || c->npids > 0)
			broken("--open without a file, or with a command", err);
		return;
	case CLI_TRACE:
	case CLI_ENFORCE:
		if ((c->npids > 0) == (c->argv != NULL))
			broken("neither or both of -p and a command", err);
		if (c->argv != NULL && (!in_argv(argv, argc, c->argv) ||
		    c->argv[0] == NULL))
			broken("the command is not in argv", err);
		for (i = 0; i < c->npids; i++)
			if (c->pids[i] <= 0)
				broken("a pid <= 0 accepted", err);
		if (c->stop_signal <= 0 || c->stop_signal >= NSIG)
			broken("a stop signal out of range", err);
		if (c->action == CLI_ENFORCE &&
		    (c->enforce == NULL || c->npids > 0))
			broken("--enforce without a profile or with -p", err);
		return;
	case CLI_CONVERT:
	case CLI_MERGE:
	case CLI_DIFF:
		if (c->action != CLI_DIFF && c->output == NULL)
			broken("a profile command without -o", err);
		if ((c->action == CLI_CONVERT && c->ninputs != 1) ||
		    (c->action == CLI_MERGE && (c->ninputs < 2 ||
		    c->ninputs > 32)) ||
		    (c->action == CLI_DIFF && c->ninputs != 2))
			broken("a profile command with the wrong inputs", err);
		for (i = 0; i < c->ninputs; i++)
			if (c->inputs[i] == NULL)
				broken("a NULL input", err);
		return;
	}
	broken("an unknown action", err);
}

int
fuzz_cli(const uint8_t *data, size_t size)
{
	char *buf, *argv[MAXARGS + 2], err[512], err2[512];
	struct cli c, c2;
	size_t i, start = 0;
	int argc = 1, rc, rc2;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	xmemcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)"sctui";
	for (i = 0; i <= size && argc <= MAXARGS; i++)
		if (i == size || buf[i] == '\0') {
			buf[i] = '\0';
			argv[argc++] = buf + start;
			start = i + 1;
		}
	argv[argc] = NULL;
	err[0] = err2[0] = '\0';
	rc = cli_parse(argc, argv, &c, err, sizeof(err));
	check(argv, argc, &c, rc, err);
	/* A second parse (getopt state is reset) gives the same answer. */
	rc2 = cli_parse(argc, argv, &c2, err2, sizeof(err2));
	if (rc2 != rc || (rc < 0 && strcmp(err, err2) != 0) ||
	    (rc == 0 && (c.action != c2.action || c.npids != c2.npids ||
	    c.argv != c2.argv || c.ninputs != c2.ninputs)))
		broken("a second parse differs", err2);
	cli_free(&c);
	cli_free(&c2);
	for (i = 1; i < (size_t)argc; i++)
		(void)cli_signal(argv[i]);
	free(buf);
	return 0;
}
