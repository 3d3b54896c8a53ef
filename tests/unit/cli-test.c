/*
 * cli-test.c - command-line parsing.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "cli.h"
#include "tap.h"

#define ARGV(...) ((char *[]){ "sctui", __VA_ARGS__, NULL })

/* argv is NULL-terminated; its length is the argc. */
static int
parse(char **argv, struct cli *c, char *err)
{
	int argc = 0;

	while (argv[argc] != NULL)
		argc++;
	return cli_parse(argc, argv, c, err, 256);
}

int
main(void)
{
	struct cli c;
	char err[256];
	char **v;

	v = ARGV("--batch", "-o", "p.json", "--", "nginx", "-g", "daemon off;");
	CHECK(parse(v, &c, err) == 0);
	CHECK(c.batch && strcmp(c.output, "p.json") == 0);
	CHECK(strcmp(c.argv[0], "nginx") == 0 && strcmp(c.argv[2], "daemon off;") == 0);
	CHECK(c.stop_signal == SIGTERM);
	cli_free(&c);

	/* Options after the command belong to the command. */
	v = ARGV("ls", "--batch");
	CHECK(parse(v, &c, err) == 0);
	CHECK(!c.batch && strcmp(c.argv[1], "--batch") == 0);
	cli_free(&c);

	v = ARGV("-b", "-p", "12,34");
	CHECK(parse(v, &c, err) == 0);
	CHECK(c.npids == 2 && c.pids[0] == 12 && c.pids[1] == 34);
	cli_free(&c);

	v = ARGV("--serve-on=epoll_wait,accept4", "--serve-after", "2.5",
	    "--stop-signal", "SIGQUIT", "true");
	CHECK(parse(v, &c, err) == 0);
	CHECK(strcmp(c.serve_on[0], "epoll_wait") == 0 &&
	    strcmp(c.serve_on[1], "accept4") == 0 && c.serve_on[2] == NULL);
	CHECK(c.serve_after == 2.5 && c.stop_signal == SIGQUIT);
	cli_free(&c);

	v = ARGV("--serve-on", "htons", "true");
	CHECK(parse(v, &c, err) < 0);
	CHECK(strstr(err, "'htons' is not a system call") != NULL);
	cli_free(&c);

	v = ARGV("--serve-after", "-1", "true");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "--serve-after") != NULL);
	cli_free(&c);

	v = ARGV("-p", "0");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "not a process id") != NULL);
	cli_free(&c);

	v = ARGV("--bogus");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "--bogus") != NULL);
	cli_free(&c);

	v = ARGV("-o");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "needs an argument") != NULL);
	cli_free(&c);

	v = ARGV("-b");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "no command") != NULL);
	cli_free(&c);

	v = ARGV("-h");
	CHECK(parse(v, &c, err) == 0 && c.action == CLI_HELP);
	cli_free(&c);

	/* --stacks: per executable by default, per process on request. */
	v = ARGV("--stacks", "true");
	CHECK(parse(v, &c, err) == 0 && c.stacks == CLI_STACKS_EXE);
	cli_free(&c);
	v = ARGV("--stacks=executable", "true");
	CHECK(parse(v, &c, err) == 0 && c.stacks == CLI_STACKS_EXE);
	cli_free(&c);
	v = ARGV("--stacks=process", "true");
	CHECK(parse(v, &c, err) == 0 && c.stacks == CLI_STACKS_PROCESS);
	cli_free(&c);
	v = ARGV("true");
	CHECK(parse(v, &c, err) == 0 && c.stacks == 0);
	cli_free(&c);
	v = ARGV("--stacks=", "true");
	CHECK(parse(v, &c, err) < 0 && strstr(err, "--stacks: '' is not a "
	    "choice") != NULL);
	cli_free(&c);

	CHECK(cli_signal("TERM") == SIGTERM);
	CHECK(cli_signal("sigquit") == SIGQUIT);
	CHECK(cli_signal("9") == 9);
	CHECK(cli_signal("0") < 0);
	CHECK(cli_signal("NOPE") < 0);
	CHECK(cli_signal("") < 0);
	/* The demo's options: only with --demo, and checked. */
	v = ARGV("--demo", "--demo-duration=90", "--demo-dir", "class");
	CHECK(parse(v, &c, err) == 0);
	CHECK(c.action == CLI_DEMO && c.demo_seconds == 90 &&
	    strcmp(c.demo_dir, "class") == 0);
	cli_free(&c);
	v = ARGV("--demo", "-b");
	CHECK(parse(v, &c, err) == 0);
	CHECK(c.demo_seconds == -1 && c.demo_dir == NULL);
	cli_free(&c);
	v = ARGV("--demo", "--demo-duration=0");
	CHECK(parse(v, &c, err) == 0 && c.demo_seconds == 0);
	cli_free(&c);
	v = ARGV("--demo", "--demo-duration=-1");
	CHECK(parse(v, &c, err) < 0);
	CHECK(strcmp(err, "--demo-duration: '-1' is not a number of seconds "
	    "from 0 (until stopped) to 86400") == 0);
	cli_free(&c);
	v = ARGV("--demo-dir=x", "--", "true");
	CHECK(parse(v, &c, err) < 0);
	CHECK(strcmp(err, "--demo-dir is for the demo: add --demo") == 0);
	cli_free(&c);

	return tap_done();
}
