/*
 * tracer.h - spawn or attach, follow the tree, emit events.
 *
 * The only module that calls ptrace(2) or wait(2).  Behind this front
 * (tracer.c) an engine per way of following does the work: ptrace.c for
 * TRACER_SECCOMP and TRACER_SYSCALL, unotify.c for TRACER_NOTIFY
 * (tracer-int.h).  It knows nothing of names, phases, profiles or the
 * screen: for everything it sees it fills a struct sc_event
 * (lib/model/event.h), hands it to the sink given at creation, on the thread
 * that called tracer_run().  The kernel ties tracees to the thread that
 * seized them, so tracer_start() and tracer_run() must be
 * called from the same thread, and that thread must have SIGCHLD blocked
 * (tracer_block_signals() does it; call it before creating other threads).
 *
 * Other threads, and signal handlers, talk to a running tracer through
 * tracer_request(), which is async-signal-safe.
 *
 * In TRACER_NOTIFY mode nothing is stopped but the calls the filter does
 * not allow, so less is seen: a process or thread is announced (SPAWN,
 * aux = its parent) when it first makes such a call (a process also when
 * it is found a child of one announced, before a sample), EXEC when its
 * name changes, no SIGNAL but those sctui sends, and EXIT with aux =
 * SC_STATUS_UNKNOWN soon after it is gone (the command's own status is
 * known: its keeper, sctui's child, reports it).  A process that installs
 * a seccomp filter of its own is reported (SC_EV_OWNFILTER) in every mode.
 *
 * In every mode the processes are sampled every 100 ms for threads asleep
 * in a call (tracer/waiting.h): SC_EV_WAITING says which, once per thread
 * and call until the thread makes a call again, so that a process waiting
 * in a call nothing stops is seen to wait.
 */
#ifndef SCTUI_TRACER_H
#define SCTUI_TRACER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

struct stacks;

enum tracer_mode {
	TRACER_SECCOMP,		/* SECCOMP_RET_TRACE filter: one stop a call */
	TRACER_SYSCALL,		/* PTRACE_SYSCALL: two stops a call */
	TRACER_NOTIFY,		/* with a filter: seccomp user notification,
				   no ptrace, nothing the filter allows stops
				   (tracer/notify.h); else as SECCOMP */
};

struct tracer_opts {
	/* Spawn: argv[0] is looked up in PATH.  Or attach: pids. */
	char *const	*argv;
	const pid_t	*attach;
	size_t		 nattach;

	enum tracer_mode mode;		/* wanted; attach forces SYSCALL;
					   NOTIFY falls back to SECCOMP */

	/*
	 * A classic BPF filter for the spawned command, from the profile code,
	 * that returns SECCOMP_RET_ALLOW for what a profile allows and
	 * SECCOMP_RET_TRACE for the rest; NULL: trace everything.  Copied.
	 */
	const void	*filter;	/* struct sock_filter[] */
	size_t		 filter_len;	/* instructions */

	/*
	 * The spawned command's stdio; -1 keeps sctui's own.  The command
	 * always starts a session of its own (setsid), so it never shares
	 * sctui's controlling terminal; with stdout_ctty set, stdout_fd (the
	 * slave of a pseudo-terminal sctui owns) becomes its controlling
	 * terminal, else it has none.
	 */
	int		 stdin_fd, stdout_fd, stderr_fd;
	int		 stdout_ctty;

	int		 stop_signal;	/* TRACER_REQ_STOP sends it; 0: TERM */
	unsigned	 grace_ms;	/* then SIGKILL; 0: 5000 */

	/*
	 * --enforce (TRACER_NOTIFY only, never another mode: tracer_start()
	 * fails with -ENOSYS where the kernel lacks it): filter is a
	 * profile's as the kernel enforces it, kill and trap actions
	 * included, with SECCOMP_RET_TRACE and the errno as data where the
	 * profile fails a call (PROFILE_FILTER_NOTIFY); no prologue.  Each
	 * call it stops is failed with that errno, never let run, and
	 * reported as SYSCALL then DENIED (aux = the errno).
	 */
	int		 enforce;
	/*
	 * With enforce, --phases: a call the filter stops with
	 * TRACER_ENFORCE_STARTUP in its data runs while may_start(ctx,
	 * tgid) returns 1 (its process starts up), on the tracer's thread,
	 * and from then on is refused with the errno, its process killed
	 * (SIGKILL) first with phases_kill; the DENIED event has
	 * SC_EVF_STARTUP (and SC_EVF_KILLED).  One with TRACER_ENFORCE_WATCH
	 * runs, only seen.  NULL may_start: every process starts up.
	 */
	int		(*may_start)(void *ctx, pid_t tgid);
	void		*may_start_ctx;
	int		 phases_kill;

	/*
	 * Non-NULL: the stack of each (arch, syscall)'s first occurrence per
	 * executable (per process image with stacks_per_process: each
	 * process from its start or its latest exec) is added there
	 * (lib/model/stacks.h), from the tracer's thread.  Not owned.
	 */
	struct stacks	*stacks;
	int		 stacks_per_process;
};

/* The data of the enforce filter's SECCOMP_RET_TRACE (lib/profile). */
#define TRACER_ENFORCE_ERRNO	0x0fff
#define TRACER_ENFORCE_WATCH	0x4000
#define TRACER_ENFORCE_STARTUP	0x8000

enum tracer_req {
	TRACER_REQ_STOP = 1,	/* stop signal to the command, then KILL */
	TRACER_REQ_KILL,	/* SIGKILL every tracee */
	TRACER_REQ_DETACH,	/* detach every tracee (attach mode) */
	TRACER_REQ_END,		/* detach if attached, else stop */
};

struct tracer;

/* Blocks SIGCHLD in the calling thread; call before any pthread_create. */
void		 tracer_block_signals(void);

/* A new tracer; nothing happens until tracer_start(). */
struct tracer	*tracer_new(const struct tracer_opts *opts,
		    const struct sc_sink *sink);
void		 tracer_free(struct tracer *t);

/*
 * Spawn the command or seize the pids.  Returns 0 or a negative errno;
 * then tracer_error() says what went wrong in one line (for a spawn, -ENOENT
 * and -EACCES mean the command was not found or is not executable).
 */
int		 tracer_start(struct tracer *t);
const char	*tracer_error(const struct tracer *t);

/* The mode in force after start, and a line saying why if it fell back. */
enum tracer_mode tracer_mode(const struct tracer *t);
const char	*tracer_mode_note(const struct tracer *t);
const char	*tracer_mode_name(enum tracer_mode mode);

/*
 * What an SC_EV_OWNFILTER event means, for the user: "pid N installed its
 * own seccomp filter: " and this.
 */
const char	*tracer_ownfilter_note(const struct sc_event *ev);

/*
 * 1 if this sctui captures stacks (built with libdw, and SCTUI_NO_LIBDW
 * unset: that variable lets the tests see a build without it).
 */
int		 tracer_stacks_supported(void);

/*
 * Can this kernel follow a tree with seccomp user notification (and let a
 * call continue)?  Tried on a throwaway child.  Returns 0, or -1 with why
 * filled in (one line, for the user).
 */
int		 tracer_notify_available(char *why, size_t len);

/* The pid of the spawned command (0 when attached). */
pid_t		 tracer_root(const struct tracer *t);

/*
 * Trace until no tracee is left (all exited, were killed or detached).
 * Returns 0, or a negative errno if wait(2) itself failed.
 */
int		 tracer_run(struct tracer *t);

/* How the ptrace engines' loop ran (sctui -b -v); zeros for the others. */
struct tracer_stats {
	unsigned long	stops;		/* stops handled */
	unsigned long	asked;		/* of which found by asking the tracee
					   that was restarted, no wait4() */
	unsigned long	alone;		/* handled beside a lone busy tracee,
					   at SCHED_IDLE */
	unsigned long	moves;		/* the tracer thread's CPU changes */
};

/* Read once tracer_run() has returned. */
void		 tracer_stats(const struct tracer *t, struct tracer_stats *s);

/* Ask a running tracer to act.  Async-signal-safe, any thread. */
void		 tracer_request(struct tracer *t, enum tracer_req req);

/*
 * Send sig to the program: to each traced process whose parent is not
 * traced (the command, or what it daemonised into once it exited; each
 * attached process), not to their children.  Async-signal-safe, any thread.
 */
void		 tracer_signal(struct tracer *t, int sig);

/*
 * Live what-if: from now on every call nr of arch (AUDIT_ARCH_*, as in the
 * events) that any tracee makes fails with errno err without running; err
 * 0 lets it run again.  Each denial is emitted as SC_EV_DENIED after the
 * call's SC_EV_SYSCALL.  Thread-safe.  Returns 0, -EINVAL for a number or
 * errno out of range, -EOPNOTSUPP where sctui cannot rewrite a call (it
 * edits registers: x86_64 only for now).
 */
int		 tracer_deny(struct tracer *t, uint32_t arch, int nr, int err);

/*
 * Serving-only, live: from now on every call nr of arch that a process
 * marked with tracer_serves() makes fails with errno err without running;
 * err 0 lets it run again.  Other processes make it as before.  Each
 * refusal is emitted as SC_EV_DENIED with SC_EVF_SERVING after the call's
 * SC_EV_SYSCALL; a tracer_deny() of the same call comes first.  Only a
 * call the trace sees can be refused: with a filter (opts.filter), in
 * every mode, not one the profile allows.  Thread-safe.  Returns as
 * tracer_deny().
 */
int		 tracer_serve_deny(struct tracer *t, uint32_t arch, int nr,
		    int err);

/*
 * Marks process tgid as serving, decided from the events up to time since
 * (their clock, CLOCK_MONOTONIC ns): a mark decided before the process
 * was announced or last exec'd is dropped, as it speaks of another
 * program.  The mark holds until the process execs; a process it forks or
 * clones is marked from its birth, before its first instruction runs.
 * Thread-safe; the tracer's thread takes the mark before it decides on
 * its next call.
 */
void		 tracer_serves(struct tracer *t, pid_t tgid, uint64_t since);

/*
 * Return values: on, every call the ptrace engine reports from now on is
 * also followed to its exit (in the fast path, PTRACE_SYSCALL from its
 * seccomp stop: a second stop), and its SC_EV_SYSCALL carries
 * SC_EVF_RETURN and is followed by an SC_EV_RETURN; off (the default), the
 * fast path stops once a call.  The notification engine never reports a
 * return: the kernel runs the call after sctui answered.  Thread-safe.
 */
void		 tracer_returns(struct tracer *t, int on);

/* The command's wait(2) status once tracer_run() returned; -1 if none. */
int		 tracer_root_status(const struct tracer *t);

#endif
