/*
 * tally.c - the demo's count of its requests' answers; see tally.h.
 */
#include "config.h"
#include "tally.h"

#include <string.h>

void
tally_init(struct tally *t)
{
	int i;

	atomic_init(&t->requests, 0);
	atomic_init(&t->ok, 0);
	atomic_init(&t->notfound, 0);
	atomic_init(&t->other, 0);
	atomic_init(&t->failed, 0);
	for (i = 0; i < DEMO_FAIL_N; i++)
		atomic_init(&t->fails[i], 0);
	atomic_init(&t->short_code, 0);
	atomic_init(&t->short_end, 0);
	atomic_init(&t->short_got, 0);
	atomic_init(&t->short_need, 0);
	atomic_init(&t->stopping, 0);
	memset(t->pend, 0, sizeof(t->pend));
	t->npend = 0;
	memset(&t->last_short, 0, sizeof(t->last_short));
	t->has_short = 0;
	t->since = 0;
}

void
tally_commit(struct tally *t)
{
	int i;

	if (t->has_short) {
		atomic_store(&t->short_code, t->last_short.code);
		atomic_store(&t->short_got, t->last_short.got);
		atomic_store(&t->short_need, t->last_short.need);
		atomic_store(&t->short_end, (int)t->last_short.end);
	}
	for (i = 0; i < DEMO_FAIL_N; i++)
		atomic_fetch_add(&t->fails[i], t->pend[i]);
	atomic_fetch_add(&t->failed, t->npend);
	memset(t->pend, 0, sizeof(t->pend));
	t->npend = 0;
	t->has_short = 0;
}

void
tally_count(struct tally *t, const struct answer *a, double now)
{
	if (a->whole) {
		atomic_fetch_add(&t->requests, 1);
		atomic_fetch_add(a->code == 200 ? &t->ok : a->code == 404 ?
		    &t->notfound : &t->other, 1);
		tally_commit(t);
		return;
	}
	if (atomic_load(&t->stopping) || (unsigned)a->fail >= DEMO_FAIL_N)
		return;
	if (t->npend++ == 0)
		t->since = now;
	t->pend[a->fail]++;
	if (a->fail == DEMO_FAIL_SHORT) {
		t->last_short = *a;
		t->has_short = 1;
	}
}

unsigned
tally_pending(const struct tally *t)
{
	return t->npend;
}

int
tally_due(const struct tally *t, double now, double after)
{
	return t->npend > 0 && now - t->since >= after;
}

void
tally_stopping(struct tally *t)
{
	atomic_store(&t->stopping, 1);
}

int
tally_answered(struct tally *t)
{
	return atomic_load(&t->requests) > 0 ||
	    atomic_load(&t->fails[DEMO_FAIL_SHORT]) > 0 ||
	    atomic_load(&t->fails[DEMO_FAIL_GARBLED]) > 0;
}

void
tally_read(struct tally *t, struct demo_stats *st)
{
	int i;

	st->requests = atomic_load(&t->requests);
	st->ok = atomic_load(&t->ok);
	st->notfound = atomic_load(&t->notfound);
	st->other = atomic_load(&t->other);
	st->failed = atomic_load(&t->failed);
	for (i = 0; i < DEMO_FAIL_N; i++)
		st->fails[i] = atomic_load(&t->fails[i]);
	st->short_code = atomic_load(&t->short_code);
	st->short_got = atomic_load(&t->short_got);
	st->short_need = atomic_load(&t->short_need);
	st->short_end = (enum demo_fail)atomic_load(&t->short_end);
}
