/*
 * tally-test: the demo's count of its answers (app/tally.c), one case a
 * function: whole answers by status, failures held until a later whole
 * answer, their age or the end, the last cut body, and failures once
 * sctui is stopping the server, which never count.
 */
#include "config.h"

#include <string.h>

#include "tally.h"
#include "tap.h"

static struct answer
whole(int code)
{
	struct answer a;

	memset(&a, 0, sizeof(a));
	a.code = code;
	a.whole = 1;
	return a;
}

static struct answer
failed(enum demo_fail how)
{
	struct answer a;

	memset(&a, 0, sizeof(a));
	a.code = -1;
	a.fail = how;
	return a;
}

static struct demo_stats
read_(struct tally *t)
{
	struct demo_stats st;

	memset(&st, 0, sizeof(st));
	tally_read(t, &st);
	return st;
}

/* Whole answers count at once, by status. */
static void
by_status(void)
{
	struct tally t;
	struct answer a;
	struct demo_stats st;

	tally_init(&t);
	CHECK(!tally_answered(&t));
	a = whole(200);
	tally_count(&t, &a, 1);
	tally_count(&t, &a, 1);
	a = whole(404);
	tally_count(&t, &a, 2);
	a = whole(500);
	tally_count(&t, &a, 3);
	st = read_(&t);
	CHECK_EQ_U(st.requests, 4);
	CHECK_EQ_U(st.ok, 2);
	CHECK_EQ_U(st.notfound, 1);
	CHECK_EQ_U(st.other, 1);
	CHECK_EQ_U(st.failed, 0);
	CHECK(tally_answered(&t));
}

/* A failure waits, and counts with the next whole answer. */
static void
held_until_whole(void)
{
	struct tally t;
	struct answer a;
	struct demo_stats st;

	tally_init(&t);
	a = failed(DEMO_FAIL_RESET);
	tally_count(&t, &a, 10);
	a = failed(DEMO_FAIL_REFUSED);
	tally_count(&t, &a, 11);
	CHECK_EQ_U(tally_pending(&t), 2);
	st = read_(&t);
	CHECK_EQ_U(st.failed, 0);
	CHECK(!tally_answered(&t));
	a = whole(200);
	tally_count(&t, &a, 12);
	st = read_(&t);
	CHECK_EQ_U(tally_pending(&t), 0);
	CHECK_EQ_U(st.requests, 1);
	CHECK_EQ_U(st.failed, 2);
	CHECK_EQ_U(st.fails[DEMO_FAIL_RESET], 1);
	CHECK_EQ_U(st.fails[DEMO_FAIL_REFUSED], 1);
	CHECK_EQ_U(st.fails[DEMO_FAIL_CLOSED], 0);
}

/* Failures are due once the oldest is old enough; the clock starts anew
 * after a commit. */
static void
due_by_age(void)
{
	struct tally t;
	struct answer a;

	tally_init(&t);
	CHECK(!tally_due(&t, 100, 10));
	a = failed(DEMO_FAIL_TIMEOUT);
	tally_count(&t, &a, 100);
	a = failed(DEMO_FAIL_TIMEOUT);
	tally_count(&t, &a, 105);
	CHECK(!tally_due(&t, 109.9, 10));
	CHECK(tally_due(&t, 110, 10));
	tally_commit(&t);
	CHECK_EQ_U(read_(&t).failed, 2);
	CHECK_EQ_U(read_(&t).fails[DEMO_FAIL_TIMEOUT], 2);
	CHECK(!tally_due(&t, 200, 10));
	a = failed(DEMO_FAIL_CLOSED);
	tally_count(&t, &a, 200);
	CHECK(!tally_due(&t, 205, 10));
	CHECK(tally_due(&t, 210, 10));
}

/* The last cut body among the failures is what the summary shows; a cut
 * body or garbled bytes mean some answer came. */
static void
short_body(void)
{
	struct tally t;
	struct answer a;
	struct demo_stats st;

	tally_init(&t);
	a = failed(DEMO_FAIL_SHORT);
	a.code = 200;
	a.got = 10;
	a.need = 100;
	a.end = DEMO_FAIL_RESET;
	tally_count(&t, &a, 1);
	a.got = 20;
	a.end = DEMO_FAIL_CLOSED;
	tally_count(&t, &a, 2);
	CHECK(!tally_answered(&t));
	tally_commit(&t);
	st = read_(&t);
	CHECK_EQ_U(st.fails[DEMO_FAIL_SHORT], 2);
	CHECK_EQ_U(st.short_code, 200);
	CHECK_EQ_U(st.short_got, 20);
	CHECK_EQ_U(st.short_need, 100);
	CHECK(st.short_end == DEMO_FAIL_CLOSED);
	CHECK(tally_answered(&t));
	/* A later commit without a cut body keeps the last one shown. */
	a = failed(DEMO_FAIL_RESET);
	tally_count(&t, &a, 3);
	tally_commit(&t);
	st = read_(&t);
	CHECK_EQ_U(st.short_got, 20);
	CHECK_EQ_U(st.failed, 3);

	tally_init(&t);
	a = failed(DEMO_FAIL_GARBLED);
	tally_count(&t, &a, 1);
	tally_commit(&t);
	CHECK(tally_answered(&t));
}

/*
 * Once sctui is stopping the server, failures are the stop's: one worker
 * reset by its SIGQUIT while the other still answers must not count,
 * though the answer after it is whole.  Answers still count.
 */
static void
stopping(void)
{
	struct tally t;
	struct answer a;
	struct demo_stats st;

	tally_init(&t);
	a = whole(200);
	tally_count(&t, &a, 1);
	tally_stopping(&t);
	a = failed(DEMO_FAIL_RESET);
	tally_count(&t, &a, 2);
	a = failed(DEMO_FAIL_REFUSED);
	tally_count(&t, &a, 2);
	CHECK_EQ_U(tally_pending(&t), 0);
	a = whole(404);
	tally_count(&t, &a, 3);
	tally_commit(&t);
	st = read_(&t);
	CHECK_EQ_U(st.requests, 2);
	CHECK_EQ_U(st.notfound, 1);
	CHECK_EQ_U(st.failed, 0);
	CHECK_EQ_U(st.fails[DEMO_FAIL_RESET], 0);

	/* Failures held from before the stop still count with the next
	 * whole answer: they were no stop's doing. */
	tally_init(&t);
	a = failed(DEMO_FAIL_TIMEOUT);
	tally_count(&t, &a, 1);
	tally_stopping(&t);
	a = failed(DEMO_FAIL_RESET);
	tally_count(&t, &a, 2);
	a = whole(200);
	tally_count(&t, &a, 3);
	st = read_(&t);
	CHECK_EQ_U(st.failed, 1);
	CHECK_EQ_U(st.fails[DEMO_FAIL_TIMEOUT], 1);
	CHECK_EQ_U(st.fails[DEMO_FAIL_RESET], 0);
}

/* A failure kind out of range is not counted anywhere. */
static void
out_of_range(void)
{
	struct tally t;
	struct answer a;

	tally_init(&t);
	a = failed(DEMO_FAIL_REFUSED);
	a.fail = DEMO_FAIL_N;
	tally_count(&t, &a, 1);
	CHECK_EQ_U(tally_pending(&t), 0);
	tally_commit(&t);
	CHECK_EQ_U(read_(&t).failed, 0);
}

int
main(void)
{
	by_status();
	held_until_whole();
	due_by_age();
	short_body();
	stopping();
	out_of_range();
	return tap_done();
}
