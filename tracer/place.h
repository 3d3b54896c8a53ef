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
 * it), so that each stop and restart is a wake-up on the same CPU.  While
 * no tracee dominates, the tracer runs wherever it was allowed to, and
 * spins before it sleeps only while the busy tracees leave it a CPU.
 */
#ifndef SCTUI_PLACE_H
#define SCTUI_PLACE_H

#include <sched.h>
#include <sys/types.h>

#define PLACE_WINDOW	64	/* stops per decision */
#define PLACE_TRACK	4	/* distinct tids counted per window */

struct place {
	cpu_set_t	orig;		/* the tracer thread's own affinity */
	int		ncpu;		/* CPUs in orig */
	int		cpu;		/* pinned there; -1: orig */
	int		want;		/* a move seen once, waiting for a second */
	int		leave;		/* windows without a dominant tracee */
	unsigned	stops;		/* in this window */
	unsigned	ntid;		/* distinct tids in this window, capped */
	unsigned	busy;		/* the same, of the last whole window */
	pid_t		tid[PLACE_TRACK];
	unsigned	hits[PLACE_TRACK];
	unsigned long	moves;		/* sched_setaffinity() calls made */
};

/* Reads the calling thread's affinity; the thread is not moved yet. */
void	place_init(struct place *p);

/*
 * A stop of tid was handled.  Every PLACE_WINDOW stops this may move the
 * calling thread (one sched_setaffinity(2)) or read /proc/TID/stat.
 */
void	place_stop(struct place *p, pid_t tid);

/* Whether a tracer that found no stop should spin before sleeping. */
int	place_spin(const struct place *p);

/* The CPU tid last ran on (field 39 of /proc/TID/stat), or -1. */
int	place_task_cpu(pid_t tid);

/* Gives the calling thread its own affinity back. */
void	place_end(struct place *p);

#endif
