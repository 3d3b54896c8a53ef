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
 * away from its tracer.  A tracee seen away from the tracer's CPU so gives
 * the tracer its own CPUs back, and no move is tried again for a while
 * (longer each time).  While the tracer is not beside its tracee, it spins
 * before it sleeps as long as the busy tracees leave it a CPU.
 */
#ifndef SCTUI_PLACE_H
#define SCTUI_PLACE_H

#include <sched.h>
#include <sys/types.h>

#define PLACE_WINDOW	64	/* stops per decision */
#define PLACE_TRACK	4	/* distinct tids counted per window */
#define PLACE_REST_MIN	4	/* windows without a move after an escape, */
#define PLACE_REST_MAX	256	/* doubling up to this */
#define PLACE_HOLD	8	/* windows beside the tracee that reset it */

struct place {
	cpu_set_t	orig;		/* the tracer thread's own affinity */
	int		ncpu;		/* CPUs in orig */
	int		cpu;		/* pinned there; -1: orig */
	int		want;		/* a move seen once, waiting for a second */
	int		leave;		/* windows without a dominant tracee */
	int		held;		/* windows the tracee stayed beside */
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
};

/* Reads the calling thread's affinity; the thread is not moved yet. */
void	place_init(struct place *p);

/*
 * A stop of tid was handled; queued: it was pending already when the
 * tracer asked (wait4(WNOHANG) returned it at once).  Every PLACE_WINDOW
 * stops this may move the calling thread (one sched_setaffinity(2)) or
 * read /proc/TID/stat.
 */
void	place_stop(struct place *p, pid_t tid, int queued);

/* Whether a tracer that found no stop should spin before sleeping. */
int	place_spin(const struct place *p);

/* The CPU tid last ran on (field 39 of /proc/TID/stat), or -1. */
int	place_task_cpu(pid_t tid);

/* Gives the calling thread its own affinity back. */
void	place_end(struct place *p);

#endif
