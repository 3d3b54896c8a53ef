/*
 * b-fork.c - benchmark workload: P forked children of N calls each.
 *
 * Usage: b-fork [P [N]]   (default 200 children of 10000 calls)
 * All children are forked first and run at the same time; the parent then
 * reaps them.  Each child makes N getppid(2) calls through syscall(2) and
 * leaves with _exit(2).  Exits 1 if a child failed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long p = argc > 1 ? atol(argv[1]) : 200;
	long n = argc > 2 ? atol(argv[2]) : 10000;
	long i, j, started = 0;
	int status, rc = 0;
	pid_t pid;

	if (p < 0 || n < 0) {
		fprintf(stderr, "usage: b-fork [CHILDREN [CALLS]]\n");
		return 2;
	}
	for (i = 0; i < p; i++) {
		if ((pid = fork()) < 0) {
			perror("b-fork: fork");
			rc = 1;
			break;
		}
		if (pid == 0) {
			for (j = 0; j < n; j++)
				syscall(SYS_getppid);
			_exit(0);
		}
		started++;
	}
	while (started > 0) {
		if (wait(&status) < 0) {
			perror("b-fork: wait");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = 1;
		started--;
	}
	return rc;
}
