/*
 * demo.h - the embedded classroom demo (sctui --demo): a web server traced
 * through start-up, real traffic and a graceful shutdown.
 *
 * demo_new() prepares a private temporary folder, a free port on 127.0.0.1
 * and an nginx configuration made from assets/demo/nginx.conf (a master and
 * two workers serving assets/demo/site); when nginx is not in PATH it falls
 * back to the bundled sctui-demo-server, which has the same shape.  The
 * caller spawns demo_argv() under its tracer and calls demo_start(): a
 * thread of sctui itself (never a traced process) waits until the port
 * accepts, sends real HTTP/1.1 requests for a few seconds (a page, a style
 * sheet, a 404, keep-alive and Connection: close), then asks for the
 * graceful stop (demo_stop_signal(), SIGQUIT, to the server's master), so
 * all three phases are recorded.  Nothing leaves the loopback interface.
 *
 * demo_main() below runs it as a client of the run layer (run.h), in batch
 * mode or in the UI (uimain.h), whose header shows demo_status() at its
 * redraw rate; the end of the traffic ends the trace through run_stop().
 * The temporary folder is removed by demo_free(), and at exit() if the
 * caller never got that far.
 */
#ifndef SCTUI_DEMO_H
#define SCTUI_DEMO_H

#include <stddef.h>

struct cli;
struct demo;

struct demo_opts {
	unsigned	 seconds;	/* of traffic; 0: 3 */
	unsigned	 pause_ms;	/* between rounds of requests; 0: 10 */
	/*
	 * Called once, on the demo's thread, when the traffic is over: the
	 * owner should send demo_stop_signal() to the server's master (with a
	 * run, run_stop() with that stop signal; it is async-signal-safe).
	 * NULL: the demo sends it itself, to the pid in the server's pid
	 * file, only if that is a child of sctui.
	 */
	void		(*stop)(void *arg);
	void		*arg;
};

enum demo_state {
	DEMO_STARTING,		/* waiting for the port to accept */
	DEMO_SERVING,		/* sending requests */
	DEMO_STOPPING,		/* stop asked; the server is shutting down */
	DEMO_DONE,		/* the server removed its pid file: it exited */
	DEMO_FAILED,		/* the server never answered; stop asked too */
};

struct demo_stats {
	enum demo_state	state;
	unsigned	requests;	/* answered */
	unsigned	ok;		/* 200 */
	unsigned	notfound;	/* 404 */
	unsigned	other;		/* any other status */
	unsigned	failed;		/* no valid answer */
	unsigned	connections;
	unsigned	log_resets;	/* error log over its cap, emptied */
	double		elapsed;	/* seconds since demo_start() */
	double		left;		/* seconds of traffic left */
};

/*
 * Prepares the demo (see above).  Returns NULL with a one-line reason in
 * err (no temporary folder, no data files, no server at all).  opts is
 * copied; NULL takes the defaults.  It runs `nginx -V` (untraced) and
 * waits for it: call it before the tracer runs, whose wait4(-1) could
 * reap that child.
 */
struct demo	*demo_new(const struct demo_opts *opts, char *err,
		    size_t errlen);

/* The command to spawn (NULL-terminated); owned by d. */
char *const	*demo_argv(const struct demo *d);
/* The signal that stops the server gracefully: SIGQUIT. */
int		 demo_stop_signal(const struct demo *d);
/* "nginx 1.22.1" or "sctui-demo-server". */
const char	*demo_server(const struct demo *d);
/* The port on 127.0.0.1. */
int		 demo_port(const struct demo *d);
/* The temporary folder (config, pid file, logs); gone after demo_free(). */
const char	*demo_dir(const struct demo *d);
/*
 * One line saying why the fallback server is used ("nginx not found in
 * PATH ..."), or NULL when nginx is.
 */
const char	*demo_note(const struct demo *d);

/* Sets the stop callback of demo_opts; before demo_start() only. */
void		 demo_set_stop(struct demo *d, void (*stop)(void *arg),
		    void *arg);

/* Starts the traffic thread.  Returns 0 or -errno. */
int		 demo_start(struct demo *d);

/* Non-blocking: fills st with the demo's progress; any thread. */
void		 demo_poll(struct demo *d, struct demo_stats *st);

/*
 * A one-line status for the UI's header, e.g. "demo: nginx 1.22.1 on
 * 127.0.0.1:40123, serving: 120 requests (90 ok, 30 404), 1.8 s left".
 */
void		 demo_status(struct demo *d, char *buf, size_t len);

/* Ends the traffic early (if still running) and joins the thread. */
void		 demo_stop(struct demo *d);

/* demo_stop(), then removes the temporary folder and frees d. */
void		 demo_free(struct demo *d);

/*
 * sctui --demo: the demo in batch mode (the summary, --stats and -o as in
 * batch mode).  Returns sctui's exit status.
 */
int		 demo_main(const struct cli *c);

#endif
