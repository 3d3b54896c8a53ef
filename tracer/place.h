/*
 * place.h - where the tracer thread runs, and whether it spins, decided
 * from the tracees that stopped recently.
 *
 * Private to tracer/: tracer_run() feeds it every stop and asks it before
 * it sleeps.  A stop costs the most when the tracer must be woken on
 * another CPU than the tracee's (doc/performance.md, "Where the time
 * goes").  While one tracee makes nearly all the stops, the tracer thread
 * moves to the CPU that tracee last ran on (sched_setaffinity(2) on the
 * tracer thread only: a tracee's affinity is never touched, it would see
 * it), so that each stop and restart is a wake-up on the same CPU.  That
 * holds only while the tracee's other CPUs are busy (a server's clients):
 * with an idle CPU at hand the scheduler wakes the restarted tracee there,
 * away from its tracer.  So, moved beside the only tracee that stopped in
 * the window, the tracer thread also drops to SCHED_IDLE (never a tracee:
 * SCHED_RESET_ON_FORK, and the tracer forks none meanwhile): a CPU running
 * only SCHED_IDLE work counts as idle when the kernel places a woken task,
 * so the restarted tracee stays beside it.  Other tracees stopping too, it
 * stays at SCHED_OTHER: below runnable tracees it would wait for them.
 * A tracee seen away from the tracer's CPU at SCHED_IDLE was moved by the
 * scheduler's balancing, not by its restart: the tracer follows it there,
 * up to PLACE_CHASE times in a row before it stays a window.  Otherwise,
 * it has escaped: the tracer gets its own CPUs and policy back, and no
 * move is tried again for a while (longer each time).  A tracer kept
 * waiting for its CPU (other work there: at SCHED_IDLE it would starve),
 * as read from /proc/thread-self/schedstat every 2 ms at most, on a stop
 * or a wake-up, returns to SCHED_OTHER where it is, and tries SCHED_IDLE
 * again only after a while (longer each time).  A request from another
 * thread (place_wake()) ends SCHED_IDLE for good.  While the tracer is
 * not beside its tracee, it spins before it sleeps as long as the busy
 * tracees leave it a CPU.
 */
#ifndef SCTUI_PLACE_H
#define SCTUI_PLACE_H

#include <sched.h>
#include <stdint.h>
#include <sys/types.h>

#define PLACE_WINDOW	64	/* stops per decision */
#define PLACE_TRACK	4	/* distinct tids counted per window */
#define PLACE_REST_MIN	4	/* windows without a move after an escape, */
#define PLACE_REST_MAX	256	/* doubling up to this */
#define PLACE_HOLD	8	/* windows beside the tracee that reset it */
#define PLACE_CHASE	3	/* follows in a row without a window beside */
/*
 * SCHED_IDLE ends once the tracer has waited this long for its CPU since
 * its last look, and for at least half the time between; it looks at most
 * this often, on a stop (every PLACE_LOOK) or a wake-up.
 */
#define PLACE_STARVE_NS	2000000ull
#define PLACE_LOOK	8

/*
 * The tracer thread's tid while it runs SCHED_IDLE, 0 while it does not,
 * -1 once place_wake() has said never again; shared with other threads.
 */
typedef _Atomic pid_t place_idle_t;

struct place {
	cpu_set_t	orig;		/* the tracer thread's own affinity */
	int		ncpu;		/* CPUs in orig */
	int		cpu;		/* pinned there; -1: orig */
	int		want;		/* a move seen once, waiting for a second */
	int		leave;		/* windows without a dominant tracee */
	int		held;		/* windows the tracee stayed beside */
	int		chased;		/* follows since it last stayed a window */
	int		rest;		/* windows left before a move is tried */
	int		backoff;	/* the next rest */
	unsigned	stops;		/* in this window */
	unsigned	queued;		/* stops of another tracee than the
					   last, pending when it was done */
	pid_t		last;		/* the last stop's tid */
	unsigned	ntid;		/* distinct tids in this window, capped */
	unsigned	busy;		/* the same, of the last whole window */
	pid_t		tid[PLACE_TRACK];
	unsigned	hits[PLACE_TRACK];
	unsigned long	moves;		/* sched_setaffinity() calls made */
	place_idle_t	*idle;		/* NULL: never SCHED_IDLE */
	pid_t		self;		/* the tracer thread */
	int		statfd;		/* its /proc/thread-self/schedstat */
	uint64_t	delay;		/* its run delay (ns) when last read */
	uint64_t	looked;		/* when (CLOCK_MONOTONIC ns) */
	unsigned	since;		/* stops since the clock was read */
	int		idle_rest;	/* windows before SCHED_IDLE again */
	int		idle_backoff;	/* the next idle_rest */
	unsigned long	starved;	/* SCHED_IDLE given up for a wait */
};

/*
 * Reads the calling thread's affinity; the thread is not moved yet.  With
 * idle (shared with place_wake()), the thread runs SCHED_IDLE while it is
 * moved, if it runs SCHED_OTHER now, may return to it (CAP_SYS_NICE or
 * RLIMIT_NICE) and can read its run delay.
 */
void	place_init(struct place *p, place_idle_t *idle);

/*
 * A stop of tid was handled; queued: it was pending already when the
 * tracer asked (wait4(WNOHANG) returned it at once).  Every PLACE_WINDOW
 * stops this may move the calling thread (one sched_setaffinity(2)) or
 * read /proc/TID/stat.
 */
void	place_stop(struct place *p, pid_t tid, int queued);

/*
 * The calling thread woke from a sleep: kept waiting for its CPU too long
 * at SCHED_IDLE, it gives SCHED_IDLE up for a while and stays where it is
 * (while SCHED_IDLE, a clock read and at most every PLACE_STARVE_NS a
 * pread(2)).
 */
void	place_woke(struct place *p);

/*
 * From any thread, async-signal-safe: the thread of idle back to
 * SCHED_OTHER, and never SCHED_IDLE again.  A request to the tracer must
 * not wait behind the work on its CPU.
 */
void	place_wake(place_idle_t *idle);

/*
 * Whether the tracer sits beside the only tracee that stopped in the last
 * window, at SCHED_IDLE: a restart then returns once that tracee has left
 * the CPU (tracer/ptrace.c ask_again()).
 */
int	place_alone(const struct place *p);

/* Whether a tracer that found no stop should spin before sleeping. */
int	place_spin(const struct place *p);

/* The CPU tid last ran on (field 39 of /proc/TID/stat), or -1. */
int	place_task_cpu(pid_t tid);

/* Gives the calling thread its own affinity and policy back. */
void	place_end(struct place *p);

#endif
