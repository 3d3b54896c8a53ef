/*
 * h-place: a busy tracee that moves between CPUs, to see the tracer
 * follow it.
 *
 * Usage: h-place N
 * For each of the first two CPUs it may use, it pins itself there (its
 * own affinity, as a program may), then makes N getppid calls, and after
 * every 64 of them reads its parent's (the tracer's) Cpus_allowed_list.
 * Prints "cpu C: followed" if the parent was seen allowed on C alone, else
 * "cpu C: not followed (LIST)".  Then "own policy: other" if h-place's
 * own policy stayed SCHED_OTHER throughout (else the policy number): the
 * tracer's SCHED_IDLE beside it is never the tracee's.  Exactly 2 * N + 1 getppid calls either
 * way (one finds the parent).
 * Exits 3 with fewer than two CPUs.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The parent's Cpus_allowed_list, into buf. */
static void
parent_cpus(pid_t parent, char *buf, size_t len)
{
	char path[64], line[256];
	FILE *f;

	snprintf(buf, len, "?");
	snprintf(path, sizeof(path), "/proc/%d/status", (int)parent);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "Cpus_allowed_list:", 18) == 0) {
			line[strcspn(line, "\n")] = '\0';
			snprintf(buf, len, "%s", line + 18 + strspn(line + 18,
			    " \t"));
		}
	fclose(f);
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000, i;
	int cpus[2], ncpu = 0, c, k, seen, pol, own = SCHED_OTHER;
	char want[16], got[64];
	cpu_set_t all, one;
	pid_t parent = getppid();

	if (sched_getaffinity(0, sizeof(all), &all) < 0)
		return 1;
	for (c = 0; c < CPU_SETSIZE && ncpu < 2; c++)
		if (CPU_ISSET(c, &all))
			cpus[ncpu++] = c;
	if (ncpu < 2)
		return 3;
	for (k = 0; k < 2; k++) {
		CPU_ZERO(&one);
		CPU_SET(cpus[k], &one);
		if (sched_setaffinity(0, sizeof(one), &one) < 0)
			return 1;
		snprintf(want, sizeof(want), "%d", cpus[k]);
		seen = 0;
		for (i = 1; i <= n; i++) {
			syscall(SYS_getppid);
			if (i % 64 != 0)
				continue;
			pol = sched_getscheduler(0) & ~SCHED_RESET_ON_FORK;
			if (pol != SCHED_OTHER)
				own = pol;
			if (seen)
				continue;
			parent_cpus(parent, got, sizeof(got));
			seen = strcmp(got, want) == 0;
		}
		if (seen)
			printf("cpu %d: followed\n", cpus[k]);
		else
			printf("cpu %d: not followed (%s)\n", cpus[k], got);
	}
	if (own == SCHED_OTHER)
		printf("own policy: other\n");
	else
		printf("own policy: %d\n", own);
	return 0;
}
