/*
 * h-attach DIR threads T N | h-attach DIR fork P N: a program to attach
 * to, which makes an exact number of chdir("/") calls once traced.
 *
 *   threads: T threads besides the main one are started before DIR/pid is
 *            written; once DIR/go exists, every thread (the main one too)
 *            calls chdir N times: (T + 1) * N calls in one process.
 *   fork:    once DIR/go exists, P children are forked; each, like the
 *            main process, calls chdir N times: (P + 1) * N calls in
 *            P + 1 processes, all but the first started after the attach.
 *
 * Then DIR/done is written, and the helper waits for SIGTERM and exits 0.
 * It waits at most 60 s for DIR/go (exit 3).  Nothing else calls chdir.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pthread_barrier_t start;
static long n;

static void
calls(void)
{
	long i;

	for (i = 0; i < n; i++)
		if (chdir("/") != 0)
			abort();
}

static void *
thread_main(void *arg)
{
	(void)arg;
	pthread_barrier_wait(&start);
	calls();
	return NULL;
}

/* DIR/NAME holding text, made whole before it appears (a rename). */
static int
put(const char *dir, const char *name, const char *text)
{
	char tmp[4096], path[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	fputs(text, f);
	if (fclose(f) != 0)
		return -1;
	return rename(tmp, path);
}

/* Waits for DIR/go, polling every millisecond for at most 60 s. */
static int
wait_go(const char *dir)
{
	struct timespec ms = { 0, 1000000 };
	char path[4096];
	int i;

	snprintf(path, sizeof(path), "%s/go", dir);
	for (i = 0; i < 60000; i++) {
		if (access(path, F_OK) == 0)
			return 0;
		nanosleep(&ms, NULL);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	pthread_t tid[64];
	sigset_t term;
	char buf[32];
	int k, i, sig, status, rc = 0;
	pid_t pid;

	if (argc != 5 || (strcmp(argv[2], "threads") != 0 &&
	    strcmp(argv[2], "fork") != 0)) {
		fprintf(stderr, "usage: h-attach DIR threads|fork COUNT N\n");
		return 2;
	}
	k = atoi(argv[3]);
	n = atol(argv[4]);
	if (k < 0 || k > 64 || n < 0)
		return 2;
	/* Blocked in every thread, taken by sigwait() at the end. */
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &term, NULL);

	if (argv[2][0] == 't') {
		pthread_barrier_init(&start, NULL, (unsigned)k + 1);
		for (i = 0; i < k; i++)
			if (pthread_create(&tid[i], NULL, thread_main,
			    NULL) != 0)
				return 1;
	}
	snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (put(argv[1], "pid", buf) < 0)
		return 1;
	if (wait_go(argv[1]) < 0)
		return 3;
	if (argv[2][0] == 't') {
		pthread_barrier_wait(&start);
		calls();
		for (i = 0; i < k; i++)
			pthread_join(tid[i], NULL);
	} else {
		for (i = 0; i < k; i++) {
			if ((pid = fork()) < 0)
				return 1;
			if (pid == 0) {
				calls();
				_exit(0);
			}
		}
		calls();
		while (wait(&status) > 0)
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				rc = 1;
	}
	if (put(argv[1], "done", "") < 0)
		return 1;
	if (sigwait(&term, &sig) != 0)
		return 1;
	return rc;
}
