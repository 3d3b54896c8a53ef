/*
 * ring.h - the bounded single-producer/single-consumer queue of events.
 *
 * The tracer's sink (on the tracer thread) pushes struct sc_event records;
 * the UI thread pops them.  Capacity is a power of two; head and tail are C11
 * atomics with acquire/release ordering, so no lock is taken.  Nothing is
 * ever dropped: when the ring is full the producer blocks (its tracees stay
 * stopped) until the consumer makes room, and each such stall is counted.
 *
 * Wake-ups go through eventfds and are written only when the other side has
 * said it is going to sleep, so a busy ring costs no system calls:
 *   consumer: n = ring_pop(); if (n == 0 && ring_wait_prepare())
 *             poll(ring_fd()); ring_wait_done();
 *   producer: ring_push() (blocks when full); ring_finish() at the end.
 */
#ifndef SCTUI_RING_H
#define SCTUI_RING_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

struct ring;

/*
 * A ring of capacity events (rounded up to a power of two, at least 2).
 * Returns NULL with errno set if the eventfds cannot be made.  The ring owns
 * its eventfds; ring_free() closes them.
 */
struct ring	*ring_new(size_t capacity);
void		 ring_free(struct ring *r);

size_t		 ring_capacity(const struct ring *r);

/*
 * Producer: append ev, blocking while the ring is full.  Returns 0, or
 * -EPIPE once the consumer called ring_close() (ev is then discarded: the
 * consumer is gone and will never read it).
 */
int		 ring_push(struct ring *r, const struct sc_event *ev);

/* Producer: no more events will come.  Always wakes the consumer. */
void		 ring_finish(struct ring *r);

/* Consumer: move up to max events into out; returns how many (0: empty). */
size_t		 ring_pop(struct ring *r, struct sc_event *out, size_t max);

/*
 * Consumer: the fd to poll for POLLIN; readable after a push that followed
 * ring_wait_prepare(), or after ring_finish().
 */
int		 ring_fd(const struct ring *r);

/*
 * Consumer: about to sleep.  Returns 1 if the ring is still empty (sleep on
 * ring_fd()), 0 if events arrived meanwhile (pop them instead).
 */
int		 ring_wait_prepare(struct ring *r);

/* Consumer: awake again; clears ring_fd()'s readiness. */
void		 ring_wait_done(struct ring *r);

/* Consumer: 1 once ring_finish() was called and every event was popped. */
int		 ring_finished(const struct ring *r);

/* Consumer: stop reading; a blocked or later ring_push() returns -EPIPE. */
void		 ring_close(struct ring *r);

/* Times the producer found the ring full and had to wait; any thread. */
uint64_t	 ring_stalls(const struct ring *r);

#endif
