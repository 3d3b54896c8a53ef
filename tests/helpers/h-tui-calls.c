/*
 * h-tui-calls - a deterministic program for the TUI tests.
 *
 * Usage: h-tui-calls [CHILDREN]
 * Each process (the first and CHILDREN forked ones) makes exactly 7 getppid
 * and 3 chdir calls, writes one line to stdout and one to stderr (the first
 * process only), then waits in sigsuspend (which starts the serving phase)
 * until SIGUSR1, forwards it to its children, reaps them and exits 0.
 * stdin is /dev/null under sctui, so a signal is the way to end it; SIGTERM
 * ends it too (default action).  Left running under sctui's filter after
 * sctui died, every call fails with ENOSYS: then it ends at once instead of
 * spinning on a sigsuspend that never sleeps (if exit_group fails too,
 * glibc's _exit falls through to an instruction that kills it).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t go;

static void
on_usr1(int sig)
{
	(void)sig;
	go = 1;
}

/* Wait for SIGUSR1; exit 1 when there is no tracer left to answer. */
static void
wait_usr1(const sigset_t *wait_mask)
{
	while (!go)
		if (sigsuspend(wait_mask) < 0 && errno == ENOSYS)
			_exit(1);
}

static void
calls(void)
{
	int i;

	for (i = 0; i < 7; i++)
		syscall(SYS_getppid);
	for (i = 0; i < 3; i++)
		syscall(SYS_chdir, "/");
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 0, i;
	pid_t kids[64];
	struct sigaction sa;
	sigset_t block, wait_mask;

	if (n < 0 || n > 64)
		n = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGUSR1);

	for (i = 0; i < n; i++) {
		if ((kids[i] = fork()) == 0) {
			calls();
			wait_usr1(&wait_mask);
			_exit(0);
		}
	}
	calls();
	printf("h-tui-calls: ready with %d children\n", n);
	fflush(stdout);
	fprintf(stderr, "h-tui-calls: a line on stderr\n");
	wait_usr1(&wait_mask);
	for (i = 0; i < n; i++) {
		kill(kids[i], SIGUSR1);
		waitpid(kids[i], NULL, 0);
	}
	return 0;
}
