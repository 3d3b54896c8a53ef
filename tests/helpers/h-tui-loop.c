/*
 * h-tui-loop - a flood of system calls for benchmarks of the UI.
 *
 * Usage: h-tui-loop [N]
 * Makes N getppid calls (default 2,000,000) and prints how long they took,
 * in seconds, on stdout: "loop N calls S seconds".
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000, i;
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("loop %ld calls %.3f seconds\n", n, (double)(b.tv_sec -
	    a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	return 0;
}
