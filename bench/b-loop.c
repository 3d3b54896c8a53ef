/*
 * b-loop.c - benchmark workload: N cheap system calls in one thread.
 *
 * Usage: b-loop [N]   (default 2000000)
 * Each call is getppid(2) through syscall(2), so libc can never cache or
 * batch it: exactly N getppid calls reach the kernel (and the tracer).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000L;
	long i;

	if (n < 0) {
		fprintf(stderr, "usage: b-loop [N]\n");
		return 2;
	}
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
