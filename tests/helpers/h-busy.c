/*
 * h-busy: a thread that never blocks, making calls as fast as it can, and
 * a sibling thread and a child that need their turn beside it.
 *
 * Usage: h-busy N
 * The main thread makes getppid calls, and between them only reads
 * memory.  After 20,000 of them (time for the tracer to
 * settle beside it) it starts a thread and forks a child (the
 * clone and fork events come in the middle of its stops).  The thread
 * makes N getpid calls, then sends the main thread SIGUSR1 (a signal to
 * deliver to a thread that keeps stopping).  The child makes 100 getuid
 * calls and exits 7.  The main thread stops once the thread is done and
 * the signal was handled, or after LIMIT calls: then the thread was kept
 * waiting behind it, and h-busy says so and exits 4.
 * Prints "getppid K" (the main thread's calls, every one of them),
 * "getpid N", "signal 1", "child 7".
 * Started SCHED_IDLE (by a tracer run under chrt --idle), it first returns
 * to SCHED_OTHER, as a server's worker beside a SCHED_IDLE tracer is;
 * exits 5 if it may not.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMIT	5000000L

static atomic_int done, signals;
static pid_t main_tid;
static long n;

static void
on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&signals, 1);
}

static void *
sibling(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < n; i++)
		syscall(SYS_getpid);
	syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1);
	atomic_store(&done, 1);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pthread_t th;
	pid_t child;
	long calls = 0;
	int status, i;

	n = argc > 1 ? atol(argv[1]) : 2000;
	if (sched_getscheduler(0) == SCHED_IDLE &&
	    sched_setscheduler(0, SCHED_OTHER, &(struct sched_param){ 0 }) < 0)
		return 5;
	main_tid = (pid_t)syscall(SYS_gettid);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return 1;
	for (; calls < 20000; calls++)
		syscall(SYS_getppid);
	if (pthread_create(&th, NULL, sibling, NULL) != 0)
		return 1;
	if ((child = fork()) < 0)
		return 1;
	if (child == 0) {
		for (i = 0; i < 100; i++)
			syscall(SYS_getuid);
		_exit(7);
	}
	while (!(atomic_load(&done) && atomic_load(&signals) > 0) &&
	    calls < LIMIT) {
		syscall(SYS_getppid);
		calls++;
	}
	if (calls >= LIMIT) {
		printf("starved: the thread was kept waiting (%ld calls)\n",
		    calls);
		fflush(stdout);
		return 4;
	}
	pthread_join(th, NULL);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return 1;
	printf("getppid %ld\ngetpid %ld\nsignal %d\nchild %d\n", calls, n,
	    atomic_load(&signals), WEXITSTATUS(status));
	return 0;
}
