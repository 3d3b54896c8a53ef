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
#include "ui.h"

static void
demo_banner(void *arg, char *buf, size_t len)
{
	demo_status(arg, buf, len);
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
	struct run *r;
	char note[512];
	int rc;

	if ((rc = ui_begin("use --batch to trace without one")) != 0)
		return rc;
	o.ring = 1;
	o.capture = 1;
	if (d != NULL) {
		o.argv = demo_argv(d);
		o.stop_signal = demo_stop_signal(d);
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
		uo.banner = demo_banner;
		uo.arg = d;
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
