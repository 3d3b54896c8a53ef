/*
 * uimain.h - the UI as a client of the run layer: a trace (or the demo's)
 * or an opened session, each a struct run (run.h) shown by ui_run()
 * (tui/ui.h).
 *
 * Called by main (app/main.c) and the demo (app/demo.c).
 */
#ifndef SCTUI_UIMAIN_H
#define SCTUI_UIMAIN_H

struct cli;
struct demo;

/*
 * Traces c's command (or pids) in the UI.  With d, the demo's server is
 * traced instead, its traffic starts once it runs, and its progress shows
 * in the header; d stays the caller's.  Returns sctui's exit status: 0, 1
 * on a failure that was reported, 2 without a terminal, 126/127 when the
 * command cannot be run, 128+N after signal N.
 */
int	uimain_trace(const struct cli *c, struct demo *d);

/*
 * --open: the same UI on a saved session (or a profile's calls), tracing
 * nothing.  Returns 0, 1 when the file cannot be opened (said on stderr),
 * 2 without a terminal, 128+N after signal N.
 */
int	uimain_open(const struct cli *c);

#endif
