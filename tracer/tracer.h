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
 * aux = its parent) when it first makes such a call, EXEC when its name
 * changes, no SIGNAL but those sctui sends, and EXIT with aux =
 * SC_STATUS_UNKNOWN soon after it is gone (the command's own status is
 * known: its keeper, sctui's child, reports it).  A process that installs
 * a seccomp filter of its own is reported (SC_EV_OWNFILTER) in every mode.
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
	 * Non-NULL: the stack of each (arch, syscall)'s first occurrence per
	 * executable (per process image with stacks_per_process: each
	 * process from its start or its latest exec) is added there
	 * (lib/model/stacks.h), from the tracer's thread.  Not owned.
	 */
	struct stacks	*stacks;
	int		 stacks_per_process;
};

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

/* The pid of the spawned command (0 when attached). */
pid_t		 tracer_root(const struct tracer *t);

/*
 * Trace until no tracee is left (all exited, were killed or detached).
 * Returns 0, or a negative errno if wait(2) itself failed.
 */
int		 tracer_run(struct tracer *t);

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

/* The command's wait(2) status once tracer_run() returned; -1 if none. */
int		 tracer_root_status(const struct tracer *t);

#endif
