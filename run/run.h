/*
 * run.h - the life of one trace, shared by every front end.
 *
 * One struct run turns the command line into tracer and model options,
 * loads the --profile base and its filter, applies --deny, owns the tracer,
 * the thread it runs on and the way its events reach the model (the SPSC
 * ring drained by the UI, or the model fed inline on the tracer's thread in
 * batch mode), the start handshake, the commands sent back (stop, signal,
 * live denial with the set of calls denied live, serving-only kept in
 * step with the model), the session's metadata and the exit code.
 * run_open() makes the same handle from a saved session or a profile,
 * with nothing traced.
 *
 * Called by the UI (tui/ui.c, through this header only: the screen never
 * sees the tracer or the ring), batch mode (app/batch.c), the demo
 * (app/demo.c) and main (app/main.c).  Every function but run_stop() and
 * run_signal() belongs to the thread that called run_new() or run_open().
 * Never draws; errors the user must see are said on stderr where noted.
 */
#ifndef SCTUI_RUN_H
#define SCTUI_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct cli;
struct model;
struct profile;
struct sc_event;
struct stacks;

struct run_opts {
	/* The command to spawn; NULL: the command line's. */
	char *const	*argv;
	/* The graceful stop signal; 0: the command line's. */
	int		 stop_signal;
	/*
	 * 1: the events wait in a ring for run_drain() on the caller's thread,
	 * which alone owns the model (the UI).  0: the tracer's thread feeds
	 * the model itself and run_wait() waits for the end (batch mode).
	 */
	int		 ring;
	/*
	 * 1: the spawned program gets /dev/null on stdin, a pseudo-terminal
	 * of its own as stdout and controlling terminal, and a pipe as
	 * stderr, read through run_output_fd().  0: sctui's own stdio.
	 */
	int		 capture;
	/* 1: SIGQUIT ends the trace in run_wait() too (the demo). */
	int		 quit_ends;
	/*
	 * opts.ring 0: SIGINT, SIGTERM, SIGHUP and SIGQUIT do not end the
	 * trace: each is passed on to the program (run_signal()), as a
	 * container runtime does (--enforce).
	 */
	int		 pass_signals;
	/*
	 * --enforce (app/enforce.c): the command's filter, a profile's built
	 * with PROFILE_FILTER_NOTIFY (struct sock_filter[], enforce_len
	 * instructions, copied), enforced through seccomp user notification
	 * (tracer_opts.enforce); NULL: none, or --profile's.
	 */
	const void	*enforce;
	size_t		 enforce_len;
	/*
	 * --enforce --phases: the calls the filter allows in startup only
	 * run while may_start(event_arg, tgid) says 1, on the tracer's
	 * thread (tracer_opts.may_start); with phases_kill a refused one
	 * kills its process.
	 */
	int		(*may_start)(void *arg, pid_t tgid);
	int		 phases_kill;
	/*
	 * opts.ring 0: called on the tracer's thread with each event once the
	 * model counted it, with the call and phase it was counted under (as
	 * run_drain() gives them).  NULL: none.
	 */
	void		(*on_event)(void *arg, const struct sc_event *ev,
			    uint32_t sysid, int phase);
	/*
	 * Called by run_stop() on its caller's thread, before the request
	 * reaches the tracer: the program is about to be stopped or killed
	 * (the demo's client then knows that what fails is the stop's
	 * doing).  NULL: none.
	 */
	void		(*on_stop)(void *arg);
	void		*stop_arg;
	void		*event_arg;
};

/* How run_stop() ends the trace. */
enum run_stop {
	RUN_STOP = 1,	/* the stop signal to the command, then SIGKILL */
	RUN_KILL,	/* SIGKILL every tracee */
	RUN_DETACH,	/* detach every tracee (attached with -p) */
	RUN_END,	/* detach if attached, else as RUN_STOP */
};

struct run;

/*
 * A run for c (which must outlive it), not started: loads --profile and
 * builds its filter, makes the tracer and applies --deny.  Returns 0 with
 * *rp set, or -errno with the reason said on stderr in one line.
 */
int		 run_new(const struct cli *c, const struct run_opts *o,
		    struct run **rp);

/*
 * A run that traces nothing: the model and metadata of the session (or the
 * profile's calls) in c->open.  Returns 0 with *rp set, or -errno with the
 * reason said on stderr.
 */
int		 run_open(const struct cli *c, struct run **rp);

/*
 * Ends the trace if it still runs (SIGKILL), joins the tracer's thread
 * and frees everything.  NULL is a no-op.
 */
void		 run_free(struct run *r);

/*
 * Starts the tracer (opts.ring 1: on a thread of its own; 0: on the
 * calling thread, which must then call run_wait()) and waits until the
 * command is spawned or the pids are seized.  Leaves SIGCHLD blocked in
 * the calling thread, and with opts.ring 0 also SIGINT, SIGTERM, SIGHUP
 * (and SIGQUIT with opts.quit_ends or opts.pass_signals), which end the
 * trace from then on, or are passed on (opts.pass_signals).
 * Returns 0, or -errno with tracer_error()'s line said on stderr (-ENOENT,
 * -EACCES: the command is missing or cannot be run); run_exit_code() then
 * gives 127, 126 or 1.
 */
int		 run_start(struct run *r);

/*
 * opts.ring 0: traces on the calling thread until the trace is over.
 * SIGINT, SIGTERM, SIGHUP (and SIGQUIT with opts.quit_ends) end it
 * (RUN_END); a second one kills (RUN_KILL); with opts.pass_signals each
 * goes to the program instead.  Returns 0, or
 * -errno when tracing itself failed (said on stderr).
 */
int		 run_wait(struct run *r);

/*
 * opts.ring 1: moves up to max events from the ring into the model, and
 * hands each one to fn (if not NULL) with the call and phase the model
 * counted it under (SYSCALL; else SYSID_NONE and the phase of the moment).
 * Returns how many were moved.
 */
size_t		 run_drain(struct run *r, void (*fn)(void *arg,
		    const struct sc_event *ev, uint32_t sysid, int phase),
		    void *arg, size_t max);

/*
 * opts.ring 1, about to sleep: returns an fd to poll for POLLIN that is
 * readable once events arrive, or -1 when events came meanwhile (drain
 * them).  Call run_wait_done() after the poll when an fd was given.
 */
int		 run_wait_fd(struct run *r);
void		 run_wait_done(struct run *r);

/*
 * 1 while the tracer runs.  With opts.ring 1, the tracer is found done by
 * run_running() once every event was drained; it joins the thread.
 */
int		 run_running(struct run *r);

/* Ask the tracer to end the trace.  Async-signal-safe, any thread. */
void		 run_stop(struct run *r, enum run_stop how);

/*
 * Ends the trace now with how, reading no more events, and waits for the
 * tracer's thread.  A no-op once it is over.
 */
void		 run_close(struct run *r, enum run_stop how);

/*
 * Sends sig to the program (each traced process whose parent is not
 * traced).  Async-signal-safe, any thread.
 */
void		 run_signal(struct run *r, int sig);

/*
 * Live what-if: makes every call sysid fail with the run's errno from now
 * on (on), or run again (!on), on the arch the kernel reports it under, and
 * keeps the set of calls denied live.  Returns 0, -ESRCH when nothing is
 * traced, or the tracer's -errno (-EOPNOTSUPP where sctui cannot rewrite a
 * call).
 */
int		 run_deny(struct run *r, uint32_t sysid, int on);
/*
 * Return values (tracer_returns()): on while the event log is shown, so
 * that the fast path takes a second stop a call only then.  The thread
 * that owns r; a no-op when nothing is traced.
 */
void		 run_returns(struct run *r, int on);

/*
 * 1 if sysid is denied live; how many sysids are (a name is one per arch
 * it was denied on).
 */
int		 run_denied(const struct run *r, uint32_t sysid);
size_t		 run_ndenied(const struct run *r);
/* The i-th sysid denied live, for i < run_ndenied(). */
uint32_t	 run_denied_sysid(const struct run *r, size_t i);
/* The errno a live denial returns: --errno, else EPERM. */
int		 run_deny_errno(const struct run *r);

/*
 * Serving-only, live: on, every call the model has seen in startup and
 * never used once serving (its calls counted later, if any, are all
 * refusals) fails with the run's errno, without running, when a process
 * serving for good makes it: one that accepted a connection, was marked
 * serving or passed --serve-after (not one serving tentatively, which may
 * still bind and listen), and every process it forks from birth.
 * Processes still starting make the calls as before, and a process that
 * execs starts again in startup, as the model counts it.  The locked
 * calls are never refused.  The sets follow the model as it learns:
 * run_drain() brings them up to date, run_serve_sync() after the caller
 * changed phases itself (model_mark_serving()).  Off lets every call run
 * again.  Returns 0, -ESRCH when nothing is traced, or the tracer's
 * -errno (-EOPNOTSUPP where sctui cannot rewrite a call).
 */
int		 run_serve_only(struct run *r, int on);
int		 run_serve_only_on(const struct run *r);
void		 run_serve_sync(struct run *r);
/* How many calls serving-only refuses now. */
size_t		 run_serve_refusing(const struct run *r);

/* The model: the caller's thread owns it, but with opts.ring 0 only once
 * run_wait() returned. */
struct model	*run_model(struct run *r);

/*
 * --stacks: the first stacks captured so far (lib/model/stacks.h), any
 * thread; NULL without --stacks.
 */
const struct stacks *run_stacks(const struct run *r);

/* What an SC_EV_OWNFILTER event says, in words. */
const char	*run_ownfilter_note(const struct sc_event *ev);

/*
 * Can this kernel run opts.enforce (seccomp user notification that lets
 * a call continue)?  0, or -1 with why (one line) filled in.
 */
int		 run_notify_available(char *why, size_t len);

/* The clock of the events: CLOCK_MONOTONIC in nanoseconds. */
uint64_t	 run_now(void);

/* Metadata, all owned by r. */
const char	*run_command(const struct run *r);	/* shown, escaped */
const char	*run_cmdname(const struct run *r);	/* default file name */
const char	*run_mode_name(const struct run *r);
const char	*run_mode_note(const struct run *r);	/* "" or why */
/*
 * How the ptrace engines' loop ran, in one line, once run_wait() has
 * returned: its stops, those found by asking the tracee just restarted
 * (no wait4), those beside a lone busy tracee at SCHED_IDLE, and the
 * tracer thread's CPU changes (doc/performance.md).  Returns 1, or 0
 * with nothing to say (no ptrace engine ran: --profile's notifications).
 */
int		 run_loop_note(const struct run *r, char *buf, size_t len);
int		 run_attached(const struct run *r);
int		 run_opened(const struct run *r);	/* run_open() */
int		 run_from_profile(const struct run *r);	/* opened a profile */
int		 run_has_base(const struct run *r);	/* --profile given */
/* The --profile base, NULL without one; the run owns it. */
const struct profile *run_base(const struct run *r);
uint64_t	 run_start_ns(const struct run *r);	/* event clock */
uint64_t	 run_saved_ns(const struct run *r);	/* opened: saved at */
int		 run_root_status(const struct run *r);	/* -1: none yet */
/* opts.pass_signals: the last signal passed on, 0 none; after run_wait(). */
int		 run_passed_signal(const struct run *r);
uint64_t	 run_stalls(const struct run *r);	/* ring full, waited */
/*
 * The CPU the tracer's own thread is pinned to while it follows a busy
 * tracee (tracer/place.h), or -1: on all its CPUs, or no thread of its
 * own running.  For the caller to keep its own thread off that CPU.
 */
int		 run_tracer_cpu(const struct run *r);

/*
 * The exit status for sctui: after a failed run_start() 127, 126 or 1;
 * after the trace 0 when attached, else the command's (128 + N when killed
 * by signal N).
 */
int		 run_exit_code(const struct run *r);

/*
 * Saves the session (the model and the metadata, saved at time now on the
 * event clock) to path.  Returns 0 or -errno, err filled.
 */
int		 run_save_session(struct run *r, const char *path, uint64_t now,
		    char *err, size_t errlen);

/*
 * The profile of the run (the model less its toggles, with the --profile
 * base, the runtime's own calls and the command line's options), as
 * run_save_profile() writes it; the caller frees it (profile_free()).
 * NULL, err filled, when the runtime's set cannot be read.
 */
struct profile	*run_profile(struct run *r, char *err, size_t errlen);

/*
 * Saves run_profile() to path in format f (an enum profile_format; 0:
 * docker).  Returns 0 or -errno, err filled.
 */
int		 run_save_profile(struct run *r, int f, const char *path,
		    char *err, size_t errlen);

/* The program's stdout (0) or stderr (1) read end; -1 without opts.capture.
 * The caller takes it over. */
int		 run_output_fd(struct run *r, int which);

/*
 * Loads a profile of any readable format, printing each error line as
 * "sctui: ..." on stderr; NULL on failure.  Used for --profile here, and by
 * --enforce and the profile commands.  profile_free() the result.
 */
struct profile	*run_load_profile(const char *path, int skip_unknown);

#endif
