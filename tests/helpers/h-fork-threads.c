/*
 * h-fork-threads P T N: P processes (the first is this one) each run T
 * threads, and every thread calls chdir("/") exactly N times.  The total
 * is P * T * N chdir calls: an exact count for the tracer tests.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static long n;

static void *
work(void *arg)
{
	long i;

	(void)arg;
	for (i = 0; i < n; i++)
		if (chdir("/") != 0)
			abort();
	return NULL;
}

static void
run_threads(int t)
{
	pthread_t tid[64];
	int i;

	for (i = 0; i < t; i++)
		if (pthread_create(&tid[i], NULL, work, NULL) != 0)
			abort();
	for (i = 0; i < t; i++)
		pthread_join(tid[i], NULL);
}

int
main(int argc, char **argv)
{
	int p, t, i, status, rc = 0;
	pid_t pid;

	if (argc != 4) {
		fprintf(stderr, "usage: h-fork-threads P T N\n");
		return 2;
	}
	p = atoi(argv[1]);
	t = atoi(argv[2]);
	n = atol(argv[3]);
	if (p < 1 || t < 1 || t > 64 || n < 0)
		return 2;
	for (i = 1; i < p; i++) {
		if ((pid = fork()) < 0)
			return 1;
		if (pid == 0) {
			run_threads(t);
			_exit(0);
		}
	}
	run_threads(t);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
	return rc;
}
