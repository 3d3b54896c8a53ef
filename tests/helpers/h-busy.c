/*
 * h-busy: a thread that never blocks, making calls as fast as it can, and
 * a sibling thread and a child that need their turn beside it.
 *
 * Usage: h-busy N
 * The main thread makes getppid calls, and between them only reads
 * memory.  After 20,000 of them (time for the tracer to
 * settle beside it) it starts a thread and forks a child (the
 * clone and fork events come in the middle of its stops).  The thread
 * makes getpid calls until it has made N and the main thread has made N
 * more since it started, so each of the two needs the other's turns: a
 * tracer that keeps finding one of them stopped and never reaps the
 * other's stop leaves it waiting.  Then the thread sends the main thread
 * SIGUSR1 (a signal to deliver to a thread that keeps stopping).  The
 * child makes 100 getuid calls and exits 7.  The main thread stops once
 * the thread is done and the signal was handled.  Either thread gives up
 * after LIMIT calls: the other was kept waiting, and h-busy says so and
 * exits 4.
 * Prints "getppid K" and "getpid M" (each thread's calls, every one of
 * them, M >= N), "signal 1", "child 7"; on stderr "h-busy: gap G", the
 * most calls the main thread made between two of the thread's (or
 * before its first): how long the thread waited for its turn.
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

static atomic_int done, signals, starved;
static atomic_long main_after;	/* main thread's calls since the start */
static pid_t main_tid;
static long n, m, gap;

static void
on_usr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&signals, 1);
}

static void *
sibling(void *arg)
{
	long i, last = 0, now;

	(void)arg;
	for (i = 0; i < n || atomic_load(&main_after) < n; i++) {
		if (i >= LIMIT) {
			atomic_store(&starved, 1);
			break;
		}
		syscall(SYS_getpid);
		now = atomic_load(&main_after);
		if (now - last > gap)
			gap = now - last;
		last = now;
	}
	m = i;
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
		atomic_fetch_add(&main_after, 1);
	}
	pthread_join(th, NULL);
	if (calls >= LIMIT || atomic_load(&starved)) {
		printf("starved: %s was kept waiting (%ld getppid, %ld getpid)\n",
		    calls >= LIMIT ? "the thread" : "the main thread", calls, m);
		fflush(stdout);
		return 4;
	}
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return 1;
	printf("getppid %ld\ngetpid %ld\nsignal %d\nchild %d\n", calls, m,
	    atomic_load(&signals), WEXITSTATUS(status));
	fprintf(stderr, "h-busy: gap %ld\n", gap);
	return 0;
}
