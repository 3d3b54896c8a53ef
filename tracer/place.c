/*
 * place.c - the tracer thread's CPU, and its spin, from the recent stops.
 *
 * Measured on a 2-vCPU VM (doc/performance.md, "A busy server"): a stop
 * whose tracer is woken on the tracee's CPU costs a fraction of one that
 * wakes the other, halted, vCPU.  Following the one busy tracee brings
 * that to a server (a master asleep, a worker serving), which the spin
 * alone could not: there the other CPU belongs to the clients.
 */
#include "config.h"
#include "place.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
place_init(struct place *p)
{
	memset(p, 0, sizeof(*p));
	p->cpu = p->want = -1;
	p->backoff = PLACE_REST_MIN;
	if (sched_getaffinity(0, sizeof(p->orig), &p->orig) == 0)
		p->ncpu = CPU_COUNT(&p->orig);
	else
		p->ncpu = 1;	/* unknown: never move, never spin */
}

int
place_task_cpu(pid_t tid)
{
	char path[64], buf[1024], *s;
	ssize_t n;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* The name (field 2) may hold spaces and ')': count from the last. */
	if ((s = strrchr(buf, ')')) == NULL)
		return -1;
	for (i = 2; i < 39 && s != NULL; i++)
		if ((s = strchr(s + 1, ' ')) == NULL)
			return -1;
	return atoi(s + 1);
}

static void
place_move(struct place *p, int cpu)
{
	cpu_set_t one;

	if (cpu < 0) {
		if (sched_setaffinity(0, sizeof(p->orig), &p->orig) == 0)
			p->cpu = -1;
	} else {
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) == 0)
			p->cpu = cpu;
	}
	p->moves++;
}

/*
 * The end of a window.  A tracee that made three quarters of its stops
 * is followed to its CPU once it has been seen there twice in a row (a
 * tracee the scheduler moves back and forth is not chased), unless more
 * than an eighth of the window's stops were other tracees' stops already
 * queued.  Such a queue makes the tracer the bottleneck, and pinned among
 * runnable tracees it would get only its share of one CPU; wait4()
 * reports the first tracee of its list first, so the queue can hide
 * behind one tracee that seems to make all the stops.  Seen away
 * from the tracer's CPU, it has escaped: the tracer gets its own CPUs
 * back and rests.  With no dominant tracee for two windows, the same.
 */
static void
place_decide(struct place *p)
{
	unsigned i, queued, top = 0;
	unsigned n = p->ntid > PLACE_TRACK ? PLACE_TRACK : p->ntid;
	int cpu;

	p->busy = p->ntid;
	p->stops = p->ntid = 0;
	for (i = 1; i < n; i++)
		if (p->hits[i] > p->hits[top])
			top = i;
	queued = p->queued;
	p->queued = 0;
	if (n == 0 || p->hits[top] * 4 < PLACE_WINDOW * 3 ||
	    queued * 8 > PLACE_WINDOW) {
		p->want = -1;
		if (p->cpu >= 0 && ++p->leave >= 2)
			place_move(p, -1);
		return;
	}
	p->leave = 0;
	cpu = place_task_cpu(p->tid[top]);
	if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &p->orig)) {
		p->want = -1;
	} else if (p->cpu >= 0) {
		if (cpu != p->cpu) {
			place_move(p, -1);
			p->rest = p->backoff;
			p->backoff = p->backoff * 2 > PLACE_REST_MAX ?
			    PLACE_REST_MAX : p->backoff * 2;
		} else if (++p->held >= PLACE_HOLD)
			p->backoff = PLACE_REST_MIN;
	} else if (p->rest > 0) {
		p->rest--;
	} else if (cpu == p->want) {
		place_move(p, cpu);
		p->want = -1;
		p->held = 0;
	} else
		p->want = cpu;
}

void
place_stop(struct place *p, pid_t tid, int queued)
{
	unsigned i, n = p->ntid > PLACE_TRACK ? PLACE_TRACK : p->ntid;

	if (p->ncpu < 2)
		return;
	if (queued && tid != p->last)
		p->queued++;
	p->last = tid;
	for (i = 0; i < n && p->tid[i] != tid; i++)
		;
	if (i < n)
		p->hits[i]++;
	else if (p->ntid < PLACE_TRACK) {
		p->tid[p->ntid] = tid;
		p->hits[p->ntid++] = 1;
	} else
		p->ntid = PLACE_TRACK + 1;	/* more than can be told */
	if (++p->stops >= PLACE_WINDOW)
		place_decide(p);
}

int
place_spin(const struct place *p)
{
	/* Beside its tracee, a spinning tracer takes the CPU it waits for. */
	return p->ncpu >= 2 && p->cpu < 0 && p->busy < (unsigned)p->ncpu;
}

void
place_end(struct place *p)
{
	if (p->cpu >= 0)
		place_move(p, -1);
}
