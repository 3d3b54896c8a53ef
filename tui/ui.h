/*
 * ui.h - the interactive ncurses UI, sctui's default mode.
 *
 * Called by main (tui/main.c) when --batch is not given.  The tracer runs on
 * a thread of its own and hands events over through the SPSC ring
 * (lib/model/ring.h); the UI thread alone owns the model and the screen.
 */
#ifndef SCTUI_UI_H
#define SCTUI_UI_H

struct cli;

/*
 * Runs the UI until the user quits (or a terminating signal arrives);
 * returns sctui's exit status: 0, 1 on a failure that was reported, 126/127
 * when the command cannot be run, 128+N after signal N.
 */
int	ui_main(const struct cli *c);

struct demo;

/*
 * ui_main() for the classroom demo: c->argv is the demo's server; once it
 * runs under the tracer the demo's traffic starts, its progress shows in
 * the header, and when it is over the tracer stops the server with
 * c->stop_signal.  d stays the caller's.
 */
int	ui_main_demo(const struct cli *c, struct demo *d);

/*
 * --open: the same UI on a saved session (or a profile's calls), tracing
 * nothing.  Returns 0, 1 when the file cannot be opened (said on stderr),
 * 128+N after signal N.
 */
int	ui_open(const struct cli *c);

#endif
