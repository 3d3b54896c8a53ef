/*
 * ring-test.c - unit tests of the SPSC event ring (lib/model/ring.h).
 *
 * Order and capacity on one thread; no loss, no reordering and no lost
 * wake-up across two threads over millions of events through a small ring,
 * with the consumer sleeping on the eventfd whenever the ring is empty;
 * the producer blocking (not dropping) when the ring is full; ring_close()
 * releasing a blocked producer.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ring.h"

#define CHECK(c) do {							\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,	\
		    __LINE__, #c);					\
		exit(1);						\
	}								\
} while (0)

static struct sc_event
mk(uint64_t seq)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_SYSCALL;
	ev.ts = seq;
	ev.u.args[0] = seq * 7;
	return ev;
}

static void
test_order(void)
{
	struct ring *r = ring_new(5);
	struct sc_event out[16];
	uint64_t i, next = 0;
	size_t n, k;

	CHECK(r != NULL);
	CHECK(ring_capacity(r) == 8);
	CHECK(ring_pop(r, out, 16) == 0);
	for (i = 0; i < 8; i++)
		CHECK(ring_push(r, &(struct sc_event){ 0 }) == 0);
	/* drain the zeros, then interleave pushes and pops across the wrap */
	CHECK(ring_pop(r, out, 16) == 8);
	for (i = 0; i < 1000; i++) {
		struct sc_event ev = mk(i);

		CHECK(ring_push(r, &ev) == 0);
		if (i % 3 == 2) {
			n = ring_pop(r, out, 3);
			for (k = 0; k < n; k++, next++) {
				CHECK(out[k].ts == next);
				CHECK(out[k].u.args[0] == next * 7);
			}
		}
	}
	while ((n = ring_pop(r, out, 16)) > 0)
		for (k = 0; k < n; k++, next++)
			CHECK(out[k].ts == next);
	CHECK(next == 1000);
	CHECK(ring_stalls(r) == 0);
	CHECK(!ring_finished(r));
	ring_finish(r);
	CHECK(ring_finished(r));
	ring_free(r);
}

struct prod {
	struct ring	*r;
	uint64_t	 n;
	atomic_int	 done;
	int		 rc;
};

static void *
producer(void *arg)
{
	struct prod *p = arg;
	uint64_t i;

	p->rc = 0;
	for (i = 0; i < p->n; i++) {
		struct sc_event ev = mk(i);

		if ((p->rc = ring_push(p->r, &ev)) < 0)
			break;
	}
	atomic_store(&p->done, 1);
	ring_finish(p->r);
	return NULL;
}

static void
test_two_threads(uint64_t n, size_t cap)
{
	struct prod p = { .n = n };
	struct sc_event out[4096];
	struct pollfd pfd;
	pthread_t th;
	uint64_t next = 0, sleeps = 0;
	size_t got, k;

	p.r = ring_new(cap);
	CHECK(p.r != NULL);
	CHECK(pthread_create(&th, NULL, producer, &p) == 0);
	for (;;) {
		got = ring_pop(p.r, out, 4096);
		for (k = 0; k < got; k++, next++) {
			if (out[k].ts != next || out[k].u.args[0] != next * 7) {
				fprintf(stderr, "event %llu: got %llu\n",
				    (unsigned long long)next,
				    (unsigned long long)out[k].ts);
				exit(1);
			}
		}
		if (got > 0)
			continue;
		if (ring_finished(p.r))
			break;
		if (!ring_wait_prepare(p.r))
			continue;
		pfd.fd = ring_fd(p.r);
		pfd.events = POLLIN;
		/* A lost wake-up would hang here: bound it and fail. */
		CHECK(poll(&pfd, 1, 60000) == 1);
		ring_wait_done(p.r);
		sleeps++;
	}
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(p.rc == 0);
	CHECK(next == n);
	printf("ring %zu: %llu events, %llu consumer sleeps, %llu producer "
	    "stalls\n", cap, (unsigned long long)n,
	    (unsigned long long)sleeps,
	    (unsigned long long)ring_stalls(p.r));
	ring_free(p.r);
}

/* Waits up to 10 s for *flag to equal want, polling; 0 on timeout. */
static int
eventually(atomic_int *flag, int want)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000; i++) {
		if (atomic_load(flag) == want)
			return 1;
		nanosleep(&ms, NULL);
	}
	return 0;
}

/* Waits up to 10 s for the ring to count want stalls; 0 on timeout. */
static int
stalls_reach(struct ring *r, uint64_t want)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000; i++) {
		if (ring_stalls(r) >= want)
			return ring_stalls(r) == want;
		nanosleep(&ms, NULL);
	}
	return 0;
}

/*
 * Pops until n events came, waiting up to 10 s for them: they must be
 * first, first + 1, ...  A pop may return fewer than are there (the
 * consumer reads the head lazily), and the producer may refill meanwhile.
 */
static void
pop_exactly(struct ring *r, size_t max, size_t n, uint64_t first)
{
	struct timespec ms = { 0, 1000000 };
	struct sc_event out[64];
	size_t got, k, total = 0;
	int idle = 0;

	CHECK(max <= 64);
	while (total < n) {
		got = ring_pop(r, out, n - total < max ? n - total : max);
		for (k = 0; k < got; k++, total++) {
			CHECK(out[k].ts == first + total);
			CHECK(out[k].u.args[0] == (first + total) * 7);
		}
		if (got == 0) {
			CHECK(++idle < 10000);
			nanosleep(&ms, NULL);
		}
	}
}

static void
test_full_blocks(void)
{
	struct prod p = { .n = 20 };
	struct sc_event out[4];
	pthread_t th;

	p.r = ring_new(16);
	CHECK(pthread_create(&th, NULL, producer, &p) == 0);
	/* 0..15 go in, 16 blocks: the stall is counted once. */
	CHECK(stalls_reach(p.r, 1));
	CHECK(atomic_load(&p.done) == 0);
	/*
	 * Room for one: 16 goes in and 17 blocks again, a second stall.  A
	 * producer that dropped instead of blocking would finish early, or
	 * leave a gap in the sequence below.
	 */
	pop_exactly(p.r, 1, 1, 0);
	CHECK(stalls_reach(p.r, 2));
	CHECK(atomic_load(&p.done) == 0);
	/* The rest, in order, and then nothing. */
	pop_exactly(p.r, 4, 19, 1);
	CHECK(eventually(&p.done, 1));
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(p.rc == 0);
	CHECK(ring_stalls(p.r) >= 2);
	CHECK(ring_finished(p.r));
	CHECK(ring_pop(p.r, out, 4) == 0);
	ring_free(p.r);

	/* ring_close() releases a producer blocked on a full ring. */
	p.n = 1000;
	atomic_store(&p.done, 0);
	p.r = ring_new(4);
	CHECK(pthread_create(&th, NULL, producer, &p) == 0);
	CHECK(stalls_reach(p.r, 1));
	CHECK(atomic_load(&p.done) == 0);
	ring_close(p.r);
	CHECK(eventually(&p.done, 1));
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(p.rc == -EPIPE);
	/* What was pushed before the close is still there, and no more. */
	pop_exactly(p.r, 4, 4, 0);
	CHECK(ring_pop(p.r, out, 4) == 0);
	ring_free(p.r);
}

int
main(void)
{
	test_order();
	test_full_blocks();
	test_two_threads(4000000, 1024);
	test_two_threads(200000, 2);
	return 0;
}
