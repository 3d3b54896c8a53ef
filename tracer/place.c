/*
 * place.c - the tracer thread's CPU, and its spin, from the recent stops.
 *
 * Measured on a 2-vCPU VM (doc/performance.md, "A busy server"): a stop
 * whose tracer is woken on the tracee's CPU costs a fraction of one that
 * wakes the other, halted, vCPU.  Following the one busy tracee brings
 * that to a server (a master asleep, a worker serving), which the spin
 * alone could not: there the other CPU belongs to the clients.  Beside it
 * at SCHED_IDLE, the restarted tracee stays there even while the other
 * CPU idles: nginx served about 14,000 requests a second against 6,000 to
 * 12,000 (doc/performance.md, "SCHED_IDLE beside the tracee").
 */
#include "config.h"
#include "place.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/*
 * Whether the calling thread, once SCHED_IDLE, may return to SCHED_OTHER
 * at its nice value: the kernel's can_nice(), CAP_SYS_NICE or 20 - nice
 * within RLIMIT_NICE.  A thread that could not would stay SCHED_IDLE.
 */
static int
may_return(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	struct rlimit rl;
	int nice;

	if (syscall(SYS_capget, &h, d) == 0 &&
	    (d[CAP_TO_INDEX(CAP_SYS_NICE)].effective &
	    CAP_TO_MASK(CAP_SYS_NICE)))
		return 1;
	errno = 0;
	nice = getpriority(PRIO_PROCESS, 0);
	if (errno != 0 || getrlimit(RLIMIT_NICE, &rl) < 0)
		return 0;
	return rl.rlim_cur == RLIM_INFINITY ||
	    (rlim_t)(20 - nice) <= rl.rlim_cur;
}

/* Time the thread of fd (a schedstat file) spent waiting for a CPU; 0 if
 * unknown. */
static uint64_t
run_delay(int fd)
{
	unsigned long long ran, waited;
	char buf[96];
	ssize_t n;

	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return 0;
	buf[n] = '\0';
	return sscanf(buf, "%llu %llu", &ran, &waited) == 2 ? waited : 0;
}

/*
 * tracer.c's now_ns(), here again so that place.c needs nothing of the
 * tracer's (tests/tracer/place-test links it alone).
 */
static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Whether the tracer thread runs SCHED_IDLE now. */
static int
at_idle(const struct place *p)
{
	return p->idle != NULL && atomic_load(p->idle) == p->self;
}

/* The calling thread to SCHED_IDLE (on) or back to SCHED_OTHER. */
static void
set_idle(struct place *p, int on)
{
	struct sched_param sp = { 0 };
	pid_t self = p->self, none = 0;

	if (p->idle == NULL)
		return;
	if (!on) {
		if (atomic_compare_exchange_strong(p->idle, &self, 0))
			sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK,
			    &sp);
		return;
	}
	if (atomic_load(p->idle) != 0 ||
	    sched_setscheduler(0, SCHED_IDLE | SCHED_RESET_ON_FORK, &sp) < 0)
		return;
	/* place_wake() came first: it found no tid to wake, so undo. */
	if (!atomic_compare_exchange_strong(p->idle, &none, p->self)) {
		sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp);
		return;
	}
	p->delay = run_delay(p->statfd);
	p->looked = mono_ns();
	p->since = 0;
}

void
place_init(struct place *p, place_idle_t *idle)
{
	memset(p, 0, sizeof(*p));
	p->cpu = p->want = -1;
	p->backoff = p->idle_backoff = PLACE_REST_MIN;
	p->statfd = -1;
	p->self = (pid_t)syscall(SYS_gettid);
	if (sched_getaffinity(0, sizeof(p->orig), &p->orig) == 0)
		p->ncpu = CPU_COUNT(&p->orig);
	else
		p->ncpu = 1;	/* unknown: never move, never spin */
	if (idle != NULL && p->ncpu >= 2 &&
	    (sched_getscheduler(0) & ~SCHED_RESET_ON_FORK) == SCHED_OTHER &&
	    may_return() &&
	    (p->statfd = open("/proc/thread-self/schedstat",
	    O_RDONLY | O_CLOEXEC)) >= 0)
		p->idle = idle;
}

void
place_wake(place_idle_t *idle)
{
	struct sched_param sp = { 0 };
	pid_t tid;

	if (idle != NULL && (tid = atomic_exchange(idle, -1)) > 0)
		syscall(SYS_sched_setscheduler, tid,
		    SCHED_OTHER | SCHED_RESET_ON_FORK, &sp);
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
		set_idle(p, 0);
		if (sched_setaffinity(0, sizeof(p->orig), &p->orig) == 0)
			p->cpu = -1;
	} else {
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) == 0) {
			p->cpu = cpu;
			set_idle(p, p->busy == 1 && p->idle_rest == 0);
		}
	}
	p->moves++;
}

/* The rest due now, from *backoff, which doubles up to PLACE_REST_MAX. */
static int
next_rest(int *backoff)
{
	int rest = *backoff;

	*backoff = rest * 2 > PLACE_REST_MAX ? PLACE_REST_MAX : rest * 2;
	return rest;
}

/* Away from the tracee's CPU, to rest before the next move. */
static void
place_escape(struct place *p)
{
	place_move(p, -1);
	p->rest = next_rest(&p->backoff);
}

/*
 * Kept waiting at SCHED_IDLE: back to SCHED_OTHER, still beside the
 * tracee (the work on its CPU may be the tracee's own), and no SCHED_IDLE
 * for a while, longer each time.
 */
static void
idle_give_up(struct place *p)
{
	set_idle(p, 0);
	p->idle_rest = next_rest(&p->idle_backoff);
}

/*
 * At SCHED_IDLE and kept waiting for its CPU since the last look, at least
 * PLACE_STARVE_NS ago: PLACE_STARVE_NS of waiting, and half the time.
 * Beside its tracee the tracer waits a microsecond or two a stop, while
 * the tracee leaves the CPU.
 */
static int
starving(struct place *p)
{
	uint64_t now, d, waited, since;

	if (!at_idle(p))
		return 0;
	now = mono_ns();
	if ((since = now - p->looked) < PLACE_STARVE_NS ||
	    (d = run_delay(p->statfd)) == 0)
		return 0;
	waited = d > p->delay ? d - p->delay : 0;
	p->delay = d;
	p->looked = now;
	if (waited < PLACE_STARVE_NS || waited * 2 < since)
		return 0;
	p->starved++;
	return 1;
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
 * from the tracer's CPU while the tracer is at SCHED_IDLE, it is
 * followed (a restart leaves it beside a SCHED_IDLE tracer, so the
 * balancer moved it: an nginx worker, about 10 times a second, and each
 * rest cost thousands of slow stops), unless it did not stay a window
 * after the last PLACE_CHASE follows.  Otherwise it has escaped: the
 * tracer gets its own CPUs back and rests.  Kept waiting for its CPU at
 * SCHED_IDLE, it stays but gives SCHED_IDLE up for a while.  With no
 * dominant tracee for two windows, it has its CPUs back.
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
	if (p->idle_rest > 0)
		p->idle_rest--;
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
		if (cpu != p->cpu && p->chased < PLACE_CHASE && at_idle(p)) {
			place_move(p, cpu);
			p->chased++;
			p->held = 0;
		} else if (cpu != p->cpu)
			place_escape(p);
		else {
			p->chased = 0;
			/* Among other tracees that stop, not below them. */
			set_idle(p, p->busy == 1 && p->idle_rest == 0);
			if (++p->held >= PLACE_HOLD)
				p->backoff = PLACE_REST_MIN;
		}
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
	/* A tracer that never sleeps looks on stops; so often that a
	 * window's end needs no look of its own. */
	if (p->cpu >= 0 && ++p->since >= PLACE_LOOK) {
		p->since = 0;
		if (starving(p))
			idle_give_up(p);
	}
	if (++p->stops >= PLACE_WINDOW)
		place_decide(p);
}

void
place_woke(struct place *p)
{
	if (p->cpu >= 0 && starving(p))
		idle_give_up(p);
}

int
place_alone(const struct place *p)
{
	return p->cpu >= 0 && p->busy == 1 && at_idle(p);
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
	if (p->statfd >= 0)
		close(p->statfd);
	p->statfd = -1;
}
