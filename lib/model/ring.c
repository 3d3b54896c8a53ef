/*
 * ring.c - SPSC event ring with eventfd wake-ups; see ring.h.
 *
 * The sleep/wake handshake is the classic one for two flags: the side going
 * to sleep publishes its "waiting" flag, issues a full fence and looks at
 * the ring once more; the other side publishes its progress, fences, and
 * writes the eventfd only if it then sees the flag (exchanging it back to 0,
 * so one sleep costs at most one write).  With both fences sequentially
 * consistent, at least one side sees the other's store, so no wake-up is
 * lost and no sleeper misses an event.
 */
#include "config.h"
#include "ring.h"

#include <errno.h>
#include <poll.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "xalloc.h"

#define CACHELINE 64

struct ring {
	/* Written by the producer. */
	alignas(CACHELINE) _Atomic size_t head;
	size_t			 tail_cache;	/* producer's view of tail */
	_Atomic uint64_t	 stalls;
	atomic_int		 finished;

	/* Written by the consumer. */
	alignas(CACHELINE) _Atomic size_t tail;
	size_t			 head_cache;	/* consumer's view of head */
	atomic_int		 closed;

	/* Sleep flags: set by the sleeper, cleared by either side. */
	alignas(CACHELINE) atomic_int cwait;	/* consumer sleeps on cfd */
	atomic_int		 pwait;		/* producer sleeps on pfd */

	alignas(CACHELINE) size_t mask;
	int			 cfd, pfd;
	struct sc_event		*slots;
};

static void
efd_signal(int fd)
{
	uint64_t one = 1;
	ssize_t n;

	n = write(fd, &one, sizeof(one));
	(void)n;	/* EAGAIN: the counter is already non-zero */
}

static void
efd_clear(int fd)
{
	uint64_t v;
	ssize_t n;

	n = read(fd, &v, sizeof(v));
	(void)n;	/* EAGAIN: nothing to clear */
}

struct ring *
ring_new(size_t capacity)
{
	struct ring *r;
	size_t cap = 2;

	while (cap < capacity)
		cap <<= 1;
	r = aligned_alloc(CACHELINE, (sizeof(*r) + CACHELINE - 1) /
	    CACHELINE * CACHELINE);
	if (r == NULL)
		fatal("out of memory");
	r->slots = xreallocarray(NULL, cap, sizeof(*r->slots));
	r->mask = cap - 1;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	atomic_init(&r->stalls, 0);
	atomic_init(&r->finished, 0);
	atomic_init(&r->closed, 0);
	atomic_init(&r->cwait, 0);
	atomic_init(&r->pwait, 0);
	r->tail_cache = r->head_cache = 0;
	r->cfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	r->pfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (r->cfd < 0 || r->pfd < 0) {
		int e = errno;

		ring_free(r);
		errno = e;
		return NULL;
	}
	return r;
}

void
ring_free(struct ring *r)
{
	if (r == NULL)
		return;
	if (r->cfd >= 0)
		close(r->cfd);
	if (r->pfd >= 0)
		close(r->pfd);
	free(r->slots);
	free(r);
}

size_t
ring_capacity(const struct ring *r)
{
	return r->mask + 1;
}

/* Producer: wait until the ring has room; 0, or -EPIPE if closed. */
static int
wait_room(struct ring *r, size_t head)
{
	struct pollfd pfd;
	int counted = 0;

	for (;;) {
		if (atomic_load_explicit(&r->closed, memory_order_acquire))
			return -EPIPE;
		r->tail_cache = atomic_load_explicit(&r->tail,
		    memory_order_acquire);
		if (head - r->tail_cache <= r->mask)
			return 0;
		if (!counted++)
			atomic_fetch_add_explicit(&r->stalls, 1,
			    memory_order_relaxed);
		atomic_store_explicit(&r->pwait, 1, memory_order_relaxed);
		atomic_thread_fence(memory_order_seq_cst);
		if (head - atomic_load_explicit(&r->tail,
		    memory_order_acquire) <= r->mask ||
		    atomic_load_explicit(&r->closed, memory_order_acquire)) {
			atomic_store_explicit(&r->pwait, 0,
			    memory_order_relaxed);
			continue;
		}
		pfd.fd = r->pfd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			fatal("ring: poll: %s", strerror(errno));
		efd_clear(r->pfd);
		atomic_store_explicit(&r->pwait, 0, memory_order_relaxed);
	}
}

int
ring_push(struct ring *r, const struct sc_event *ev)
{
	size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	int rc;

	if (head - r->tail_cache > r->mask && (rc = wait_room(r, head)) < 0)
		return rc;
	r->slots[head & r->mask] = *ev;
	atomic_store_explicit(&r->head, head + 1, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&r->cwait, memory_order_relaxed) &&
	    atomic_exchange_explicit(&r->cwait, 0, memory_order_relaxed))
		efd_signal(r->cfd);
	return 0;
}

void
ring_finish(struct ring *r)
{
	atomic_store_explicit(&r->finished, 1, memory_order_release);
	efd_signal(r->cfd);
}

size_t
ring_pop(struct ring *r, struct sc_event *out, size_t max)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	size_t n, i;

	if (r->head_cache == tail)
		r->head_cache = atomic_load_explicit(&r->head,
		    memory_order_acquire);
	n = r->head_cache - tail;
	if (n > max)
		n = max;
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		out[i] = r->slots[(tail + i) & r->mask];
	atomic_store_explicit(&r->tail, tail + n, memory_order_release);
	atomic_thread_fence(memory_order_seq_cst);
	if (atomic_load_explicit(&r->pwait, memory_order_relaxed) &&
	    atomic_exchange_explicit(&r->pwait, 0, memory_order_relaxed))
		efd_signal(r->pfd);
	return n;
}

int
ring_fd(const struct ring *r)
{
	return r->cfd;
}

int
ring_wait_prepare(struct ring *r)
{
	size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);

	atomic_store_explicit(&r->cwait, 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_seq_cst);
	r->head_cache = atomic_load_explicit(&r->head, memory_order_acquire);
	if (r->head_cache != tail ||
	    atomic_load_explicit(&r->finished, memory_order_acquire)) {
		atomic_store_explicit(&r->cwait, 0, memory_order_relaxed);
		return 0;
	}
	return 1;
}

void
ring_wait_done(struct ring *r)
{
	atomic_store_explicit(&r->cwait, 0, memory_order_relaxed);
	efd_clear(r->cfd);
}

int
ring_finished(const struct ring *r)
{
	return atomic_load_explicit(&r->finished, memory_order_acquire) &&
	    atomic_load_explicit(&r->head, memory_order_acquire) ==
	    atomic_load_explicit(&r->tail, memory_order_relaxed);
}

void
ring_close(struct ring *r)
{
	atomic_store_explicit(&r->closed, 1, memory_order_release);
	efd_signal(r->pfd);
}

uint64_t
ring_stalls(const struct ring *r)
{
	return atomic_load_explicit(&r->stalls, memory_order_relaxed);
}
