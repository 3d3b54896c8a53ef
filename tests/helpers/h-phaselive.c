/*
 * h-phaselive - a process that makes a startup-only call again once it
 * serves, for the serving-only live tests.
 *
 * Usage: h-phaselive FILE
 * At start it creates a UDP socket (socket(2), then close(2)) and appends
 * "pid N" and "startup socket: E" to FILE, E being 0 or the errno's name;
 * then it waits for signals in sigsuspend(2) (which starts serving):
 *   SIGUSR1  creates a socket again: "serving socket: E"
 *   SIGUSR2  forks a child that creates one: "child socket: E", then,
 *            from the parent once the child is reaped, "child done"
 *   SIGALRM  execs itself (FILE is appended to, never truncated), or
 *            says "exec: E" if it cannot
 * Every line is one write(2) to FILE (opened O_APPEND at start), so that
 * the parent writes while it serves and the child writes nothing the
 * parent does not.  SIGTERM (default action) ends it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static int out = -1;

static void
on_signal(int sig)
{
	got = sig;
}

static void
say(const char *what, int err)
{
	char line[128];
	const char *name = err ? strerrorname_np(err) : "0";
	int n;

	n = snprintf(line, sizeof(line), "%s: %s\n", what,
	    name != NULL ? name : "?");
	if (write(out, line, (size_t)n) != n)
		_exit(3);
}

/* Creates and closes a UDP socket; 0 or the errno of socket(2). */
static int
probe(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, none;
	char line[64];
	pid_t kid;
	int n;

	if (argc != 2) {
		fprintf(stderr, "usage: h-phaselive FILE\n");
		return 2;
	}
	if ((out = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC,
	    0644)) < 0)
		return 2;
	n = snprintf(line, sizeof(line), "pid %d\n", (int)getpid());
	if (write(out, line, (size_t)n) != n)
		return 3;
	say("startup socket", probe());

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigemptyset(&none);
	for (;;) {
		got = 0;
		sigsuspend(&none);
		if (got == SIGUSR1)
			say("serving socket", probe());
		else if (got == SIGUSR2) {
			if ((kid = fork()) == 0) {
				say("child socket", probe());
				_exit(0);
			}
			if (kid > 0)
				waitpid(kid, NULL, 0);
			say("child done", kid < 0 ? errno : 0);
		} else if (got == SIGALRM) {
			/* The signals stay blocked until it waits again. */
			execv(argv[0], argv);
			say("exec", errno);
		}
	}
}
