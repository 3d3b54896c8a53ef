/*
 * tally.h - the demo's count of its requests' answers.
 *
 * A whole answer counts at once, by its status.  A failure waits: a
 * server that is stopping (Ctrl-C, q, the timed end, its own end) resets
 * and refuses what it was serving, and that is no failure of the
 * lesson's.  Failures count once a later answer comes whole, once the
 * owner finds them old enough with the server still there
 * (tally_due()), or when the requests end on time (tally_commit()).
 * Once the demo was told that sctui is stopping the server
 * (tally_stopping()), a failure is not counted at all: with two workers,
 * one may be reset by its SIGQUIT while the other still answers, and
 * that answer would otherwise count the reset.
 *
 * One thread counts (tally_count(), tally_commit()); any thread may read
 * (tally_read(), tally_answered()) and call tally_stopping().  Pure: the
 * caller passes the time.
 */
#ifndef SCTUI_TALLY_H
#define SCTUI_TALLY_H

#include <stdatomic.h>

#include "demo.h"

/* What one request met. */
struct answer {
	int		 code;		/* the status; -1: none */
	enum demo_fail	 fail;		/* when not whole */
	enum demo_fail	 end;		/* DEMO_FAIL_SHORT: how the body ended */
	int		 whole;
	unsigned long	 got, need;	/* body bytes */
};

struct tally {
	/* Counted: read from any thread. */
	atomic_uint	 requests, ok, notfound, other, failed;
	atomic_uint	 fails[DEMO_FAIL_N];
	atomic_int	 short_code, short_end;
	atomic_ulong	 short_got, short_need;
	atomic_int	 stopping;	/* tally_stopping() was called */

	/* Failures not counted yet: the counting thread's own. */
	unsigned	 pend[DEMO_FAIL_N];
	unsigned	 npend;
	struct answer	 last_short;	/* the last cut body among them */
	int		 has_short;
	double		 since;		/* when the oldest came */
};

void		tally_init(struct tally *t);
/* Counts what a request met at time now (seconds, any clock). */
void		tally_count(struct tally *t, const struct answer *a,
		    double now);
/* Failures not counted yet. */
unsigned	tally_pending(const struct tally *t);
/* Are there failures at least `after` seconds old at time now? */
int		tally_due(const struct tally *t, double now, double after);
/* Counts the failures held back. */
void		tally_commit(struct tally *t);
/* sctui is stopping the server: failures from now on are that. */
void		tally_stopping(struct tally *t);
/* Did any byte of an answer ever come? */
int		tally_answered(struct tally *t);
/* The counts into st (its requests ... short_end fields). */
void		tally_read(struct tally *t, struct demo_stats *st);

#endif
