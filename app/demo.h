/*
 * demo.h - the embedded classroom demo (sctui --demo): a web server traced
 * through start-up, real traffic and a graceful shutdown.
 *
 * demo_new() prepares a private temporary folder (or the folder the user
 * named, made safely), a free port on 127.0.0.1 and an nginx configuration
 * made from assets/demo/nginx.conf (a master and two workers serving
 * assets/demo/site); when nginx is not in PATH it falls back to the bundled
 * sctui-demo-server, which has the same shape.  The caller spawns
 * demo_argv() under its tracer and calls demo_start(): a thread of sctui
 * itself (never a traced process) waits until the port accepts, then sends
 * real HTTP/1.1 requests (a page, a style sheet, a 404, keep-alive and
 * Connection: close) for the given seconds, or until it is stopped or the
 * server is gone; it never gives up on failed requests, it counts them by
 * what happened.  At the end of a timed run it asks for the graceful stop
 * (demo_stop_signal(), SIGQUIT, to the server's master), so all three
 * phases are recorded.  Nothing leaves the loopback interface.
 *
 * demo_main() below runs it as a client of the run layer (run.h), in batch
 * mode or in the UI (uimain.h), whose header shows demo_status() at its
 * redraw rate and whose pause key calls demo_pause(); the end of the
 * traffic ends the trace through run_stop().  A temporary folder is
 * removed by demo_free(), and at exit() if the caller never got that far;
 * a named one is kept.
 */
#ifndef SCTUI_DEMO_H
#define SCTUI_DEMO_H

#include <stddef.h>

struct cli;
struct demo;

/*
 * The classroom's startup-call step: nginx proxies this path to a helper
 * thread of sctui's on 127.0.0.1, so the worker serving it makes socket
 * and connect, calls it otherwise makes only at start-up.  Only with
 * nginx (the fallback server answers 404).
 */
#define DEMO_STARTUP_CALL	"/startup-call"

/* The seconds of traffic in batch mode, where nobody is there to stop it. */
#define DEMO_BATCH_SECONDS	3

struct demo_opts {
	unsigned	 seconds;	/* of traffic; 0: until stopped */
	unsigned	 pause_ms;	/* between rounds of requests; 0: 10 */
	/*
	 * The folder for the configuration, pid file and logs, kept at the
	 * end (--demo-dir), or NULL: a private temporary one, removed.
	 */
	const char	*dir;
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

/* How a request that got no whole answer failed. */
enum demo_fail {
	DEMO_FAIL_REFUSED,	/* the connection was refused */
	DEMO_FAIL_CLOSED,	/* closed before any byte of an answer */
	DEMO_FAIL_RESET,	/* reset before any byte of an answer */
	DEMO_FAIL_TIMEOUT,	/* no answer within the wait */
	DEMO_FAIL_SHORT,	/* a status line and header, then a cut body */
	DEMO_FAIL_GARBLED,	/* bytes that are no HTTP answer */
	DEMO_FAIL_N
};

struct demo_stats {
	enum demo_state	state;
	unsigned	requests;	/* answered */
	unsigned	ok;		/* 200 */
	unsigned	notfound;	/* 404 */
	unsigned	other;		/* any other status */
	unsigned	failed;		/* no whole answer */
	unsigned	fails[DEMO_FAIL_N];	/* failed, by how */
	/* The last answer cut short: its status, body bytes, how it ended. */
	int		short_code;
	unsigned long	short_got, short_need;
	enum demo_fail	short_end;	/* CLOSED, RESET or TIMEOUT */
	unsigned	connections;
	unsigned	log_resets;	/* error log over its cap, emptied */
	double		elapsed;	/* seconds since demo_start() */
	double		left;		/* seconds of traffic left; 0: none set */
	int		paused;		/* demo_pause() */
	unsigned	startup_calls;	/* DEMO_STARTUP_CALL requests answered */
};

/*
 * Prepares the demo (see above).  Returns NULL with a one-line reason in
 * err (no temporary folder, no data files, no server at all, a named
 * folder that is not safe to use: see demo_dir_make()).  opts is
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
/*
 * The folder (config, pid file, logs), an absolute path: a temporary one
 * is gone after demo_free(), a named one is kept.
 */
const char	*demo_dir(const struct demo *d);
/*
 * One line saying why the fallback server is used ("nginx not found in
 * PATH ..."), or NULL when nginx is.
 */
const char	*demo_note(const struct demo *d);

/* Sets the stop callback of demo_opts; before demo_start() only. */
void		 demo_set_stop(struct demo *d, void (*stop)(void *arg),
		    void *arg);

/*
 * The server is about to be stopped or killed (run_opts.on_stop, any
 * thread; d is the struct demo): a request that fails from now on is the
 * stop's doing, not counted as failed.
 */
void		 demo_stopping(void *d);

/* Starts the traffic thread.  Returns 0 or -errno. */
int		 demo_start(struct demo *d);

/*
 * Pauses the traffic (on) or resumes it (!on); any thread.  A timed run's
 * clock stops while paused.
 */
void		 demo_pause(struct demo *d, int on);
/* 1 while paused. */
int		 demo_paused(struct demo *d);

/*
 * Makes path the demo's folder, safely, since sctui often runs as root
 * next to other users: a new directory (mode 0700), or an existing empty
 * one owned by the caller (made 0700), reached through no symlink and
 * only through directories that root or the caller own, or that are
 * sticky (/tmp).  On success the absolute path is in abs (PATH_MAX
 * bytes).  Returns 0, or -errno with a one-line reason and fix in err:
 *	-ELOOP		path or a folder on the way is a symlink
 *	-ENOTEMPTY	the folder exists and holds files
 *	-EPERM		it, or a folder on the way, is another user's
 *	-ENOTDIR	it exists and is not a directory
 *	others		mkdir(2), open(2) or getcwd(3) failed
 */
int		 demo_dir_make(const char *path, char *abs, char *err,
		    size_t errlen);

/* Non-blocking: fills st with the demo's progress; any thread. */
void		 demo_poll(struct demo *d, struct demo_stats *st);

/*
 * A one-line status for the UI's header, e.g. "demo 127.0.0.1:40123
 * serving: 90 ok, 30 404, 0 failed, 1.8 s left; nginx 1.22.1" ("paused"
 * in place of "serving" while paused).
 */
void		 demo_status(struct demo *d, char *buf, size_t len);

/* Ends the traffic early (if still running) and joins the thread. */
void		 demo_stop(struct demo *d);

/*
 * One line on what the failed requests met, e.g. "120 cut short (the
 * last: status 200, then 0 of 1452 body bytes, connection closed)";
 * "" when none failed.
 */
void		 demo_failures(struct demo *d, char *buf, size_t len);

/* demo_stop(), then removes a temporary folder and frees d. */
void		 demo_free(struct demo *d);

/*
 * sctui --demo: the demo in batch mode (the summary, --stats and -o as in
 * batch mode).  Returns sctui's exit status.
 */
int		 demo_main(const struct cli *c);

#endif
