/*
 * b-threads.c - benchmark workload: T threads making TOTAL calls between
 * them.
 *
 * Usage: b-threads [T [TOTAL]]   (default 8 threads, 2000000 calls)
 * Each thread makes TOTAL / T getppid(2) calls through syscall(2) (the
 * first TOTAL % T threads one more), all threads at the same time.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *
worker(void *arg)
{
	long n = *(const long *)arg, i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return NULL;
}

int
main(int argc, char **argv)
{
	long t = argc > 1 ? atol(argv[1]) : 8;
	long total = argc > 2 ? atol(argv[2]) : 2000000L;
	pthread_t *tid;
	long *share, i;
	int err;

	if (t < 1 || total < 0) {
		fprintf(stderr, "usage: b-threads [THREADS [TOTAL]]\n");
		return 2;
	}
	tid = calloc((size_t)t, sizeof(*tid));
	share = calloc((size_t)t, sizeof(*share));
	if (tid == NULL || share == NULL) {
		perror("b-threads");
		return 1;
	}
	for (i = 0; i < t; i++) {
		share[i] = total / t + (i < total % t);
		if ((err = pthread_create(&tid[i], NULL, worker,
		    &share[i])) != 0) {
			fprintf(stderr, "b-threads: pthread_create: %s\n",
			    strerror(err));
			return 1;
		}
	}
	for (i = 0; i < t; i++)
		pthread_join(tid[i], NULL);
	free(share);
	free(tid);
	return 0;
}
