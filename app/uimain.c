/*
 * uimain.c - the UI as a client of the run layer; see uimain.h.
 */
#include "config.h"
#include "uimain.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "demo.h"
#include "run.h"
#include "summary.h"
#include "sysdoc.h"
#include "ui.h"

/* The demo in the UI: what the header line and the pause key need. */
struct uidemo {
	struct demo	*d;
	struct run	*r;
	struct sysdoc	*doc;		/* NULL: no risk levels */
};

/* The demo's progress, and what a serving-only profile would drop. */
static void
demo_banner(void *arg, char *buf, size_t len)
{
	struct uidemo *u = arg;
	struct summary_drop sd;
	size_t at;

	demo_status(u->d, buf, len);
	summary_drop(run_model(u->r), u->doc, &sd, NULL, 0);
	at = strlen(buf);
	if (sd.serving == 0 || at + 1 >= len)
		return;
	at += (size_t)snprintf(buf + at, len - at, "; serving-only would "
	    "drop %zu call%s", sd.dropped, sd.dropped == 1 ? "" : "s");
	if (u->doc != NULL && at < len)
		snprintf(buf + at, len - at, ", %zu high-risk, %zu medium",
		    sd.high, sd.medium);
}

/* The pause key: the demo's requests stop, or go on. */
static int
demo_pause_key(void *arg)
{
	struct uidemo *u = arg;

	demo_pause(u->d, !demo_paused(u->d));
	return demo_paused(u->d);
}

/* The demo's traffic is over: stop the server gracefully. */
static void
demo_over(void *arg)
{
	run_stop(arg, RUN_STOP);
}

int
uimain_trace(const struct cli *c, struct demo *d)
{
	struct run_opts o = { 0 };
	struct ui_opts uo = { 0 };
	struct uidemo u = { d, NULL, NULL };
	struct run *r;
	char note[512], err[SYSDOC_ERR_MAX];
	int rc;

	if ((rc = ui_begin("use --batch to trace without one")) != 0)
		return rc;
	o.ring = 1;
	o.capture = 1;
	if (d != NULL) {
		o.argv = demo_argv(d);
		o.stop_signal = demo_stop_signal(d);
		o.on_stop = demo_stopping;
		o.stop_arg = d;
	}
	if (run_new(c, &o, &r) < 0)
		return 1;
	if (run_start(r) < 0) {
		rc = run_exit_code(r);
		run_free(r);
		return rc;
	}
	if (d != NULL) {
		demo_set_stop(d, demo_over, r);
		u.r = r;
		if (sysdoc_load_default(&u.doc, err, sizeof(err)) < 0)
			u.doc = NULL;	/* the header counts no risk then */
		uo.banner = demo_banner;
		uo.pause = demo_pause_key;
		uo.arg = &u;
		if ((rc = demo_start(d)) < 0) {
			snprintf(note, sizeof(note), "demo: cannot start its "
			    "client: %s", strerror(-rc));
			uo.note = note;
			uo.note_err = 1;
		} else if (demo_note(d) != NULL) {
			snprintf(note, sizeof(note), "demo: %s", demo_note(d));
			uo.note = note;
		}
	}
	rc = ui_run(r, &uo);
	/* The demo's thread may still call demo_over(r): end it first. */
	if (d != NULL)
		demo_stop(d);
	sysdoc_free(u.doc);
	run_free(r);
	return rc;
}

int
uimain_open(const struct cli *c)
{
	struct ui_opts uo = { 0 };
	struct run *r;
	int rc;

	if (run_open(c, &r) < 0)
		return 1;
	if ((rc = ui_begin("use --open with --batch to print the summary"))
	    == 0) {
		uo.title = c->open;
		rc = ui_run(r, &uo);
	}
	run_free(r);
	return rc;
}
