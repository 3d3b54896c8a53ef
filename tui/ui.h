/*
 * ui.h - the interactive ncurses UI, sctui's default mode: the screen only.
 *
 * Called by main (app/main.c) and the demo (app/demo.c) when --batch is not
 * given.  The trace itself is a struct run (run/run.h): the UI drains its
 * events into the model on this thread, which alone owns the model and the
 * screen, and sends its commands back through it.
 */
#ifndef SCTUI_UI_H
#define SCTUI_UI_H

#include <stddef.h>

struct run;

struct ui_opts {
	/*
	 * The header's first line in place of the command (the demo's
	 * progress), asked at each redraw; NULL: the command.
	 */
	void		(*banner)(void *arg, char *buf, size_t len);
	/*
	 * The demo's pause key: pauses or resumes its requests, returns 1
	 * when now paused; NULL: no demo.
	 */
	int		(*pause)(void *arg);
	void		*arg;
	/* A first line for the status bar, or NULL; note_err: an error. */
	const char	*note;
	int		 note_err;
	/* What was opened (run_open()), for the status bar. */
	const char	*title;
};

/*
 * Checks that stdin and stdout are a terminal terminfo knows, and installs
 * the signal handlers that end the UI cleanly; call it before the run
 * starts.  hint ends the message when there is no terminal.  Returns 0, or
 * sctui's exit status with the reason said on stderr: 2 without a usable
 * terminal, 1 when a pipe cannot be made.
 */
int	ui_begin(const char *hint);

/*
 * Runs the UI on r (started, or opened) until the user quits or a
 * terminating signal arrives; r stays the caller's.  Returns sctui's exit
 * status: 0, 1 on a failure that was reported, 128+N after signal N.
 */
int	ui_run(struct run *r, const struct ui_opts *o);

#endif
