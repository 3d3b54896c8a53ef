/*
 * tracer-int.h - what the tracer's front (tracer.c) and its engines share.
 *
 * Private to tracer/.  tracer.c holds the options, the start, the
 * requests from other threads, the live denials and the emitting of
 * events; an engine follows the tree and turns what it sees into events:
 * ptrace.c (TRACER_SECCOMP and TRACER_SYSCALL, one stop handling) and
 * unotify.c (TRACER_NOTIFY, seccomp user notification, no ptrace).  Each
 * engine is a struct tracer_engine; tracer.c picks one by mode, and
 * adding an engine is a file with one more of them and its row in
 * tracer.c's table.  Everything here runs on the tracer's thread unless
 * it says otherwise.
 */
#ifndef SCTUI_TRACER_INT_H
#define SCTUI_TRACER_INT_H

#include <linux/filter.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "guard.h"
#include "tcb.h"
#include "tracer.h"

struct tracer;
struct notify_shared;
struct stack_seen;

/*
 * One way of following a tree.  prepare and spawn run in tracer_start(),
 * child in the forked command before its exec, the rest on the tracer's
 * thread.  A NULL hook: the engine has nothing to do there.
 */
struct tracer_engine {
	/*
	 * Checks that this kernel can run the engine and readies the filter;
	 * returns 0, or -1 having called tracer_fall_back() to another.
	 */
	int	(*prepare)(struct tracer *t);
	/* Starts the command (t->path); 0 or -errno with t->error set. */
	int	(*spawn)(struct tracer *t);
	/* In the child: syncfd as spawn gave it; _exit(125) on failure. */
	void	(*child)(struct tracer *t, int syncfd);
	/* Seizes t->opts.attach; 0 or -errno with t->error set. */
	int	(*attach)(struct tracer *t);
	/* Follows the tree until it is gone: tracer_run(). */
	int	(*run)(struct tracer *t);
	/* sig to every process (and, for SIGKILL, thread) of the tree. */
	void	(*kill_all)(struct tracer *t, int sig);
	/* sig to the processes whose parent is not traced. */
	void	(*signal_tops)(struct tracer *t, int sig);
	/* Lets every tracee go (TRACER_REQ_DETACH). */
	void	(*detach)(struct tracer *t);
	/*
	 * c's process installs a seccomp filter of its own; tsync: on every
	 * thread.  Non-NULL means the engine follows it with PTRACE_SYSCALL.
	 */
	void	(*own_filter)(struct tracer *t, struct tcb *c, int tsync);
	/* c is about to clone (call, as guard_call() named it). */
	void	(*clone_call)(struct tcb *c, enum guard_call call,
		    uint32_t arch, const uint64_t *args);
	/*
	 * Before each tracer_sample_waiting() round: learns the processes
	 * of the tree it has not met yet, so that they are sampled too.
	 */
	void	(*before_sample)(struct tracer *t);
};

extern const struct tracer_engine ptrace_engine;	/* ptrace.c */
extern const struct tracer_engine unotify_engine;	/* unotify.c */

/* An errno per (arch slot, nr) of the calls to fail; 0 lets one run. */
struct deny_table {
	_Atomic unsigned short	 err[3][1024];
	atomic_int		 n;		/* non-zero entries */
};

/* A tracer_serves() mark on its way to the tracer's thread. */
struct tracer_serve {
	pid_t		tgid;
	uint64_t	since;
};

struct tracer {
	struct tracer_opts	 opts;
	const struct tracer_engine *engine;	/* follows t->mode */
	struct sc_sink		 sink;
	struct sock_filter	*filter;
	unsigned short		 filter_len;
	struct sock_filter	*plain;		/* the profile's, unguarded */
	unsigned short		 plain_len;
	int			 listener;	/* NOTIFY: the filter's fd */
	struct notify_shared	*shared;	/* NOTIFY: for the hand-over */
	pid_t			 reap;		/* NOTIFY: the keeper, sctui's
						   child */
	int			 alivefd;	/* NOTIFY: closed when sctui
						   dies (the keeper checks) */
	int			 statusfd;	/* NOTIFY: the command's status,
						   from the keeper */
	uint64_t		 swept_at;	/* NOTIFY: last liveness sweep */
	enum tracer_mode	 mode;
	char			 mode_note[160];
	char			 error[512];
	char			*path;		/* resolved argv[0] */
	struct tcb_table	 tcbs;
	struct idmap		 early;		/* tid -> 1: seen before its
						   parent's fork event */
	pid_t			 root;
	int			 root_status;
	int			 sigfd;
	/* Set by tracer_start(); read by tracer_request() on any thread. */
	atomic_int		 reqfd;
	atomic_uint		 requests;	/* bit (1 << enum tracer_req) */
	/* The tracer thread's tid while SCHED_IDLE (place.h place_idle_t):
	 * a request or signal to send wakes it to SCHED_OTHER for good. */
	_Atomic pid_t		 idle;
	_Atomic uint64_t	 signals;	/* bit (1 << sig): to send */
	unsigned		 doing;		/* requests being carried out */
	struct timespec		 kill_at;	/* STOP's grace deadline */
	struct deny_table	 deny;		/* live what-if */
	struct deny_table	 serve_deny;	/* serving-only, live */
	/* tracer_serves() marks not taken yet (any thread, under lock). */
	pthread_mutex_t		 serves_lock;
	struct tracer_serve	*serves;
	size_t			 nserves, capserves;
	atomic_int		 serves_pending;
	atomic_int		 returns;	/* tracer_returns() */
	uint32_t		 nown;		/* filters tracees installed */
	uint32_t		 syncing;	/* threads held for a TSYNC */
	struct stack_seen	*seen;		/* opts.stacks: what was captured */
	uint64_t		 sample_at;	/* next waiting_sample() round */
	struct idmap		 waited;	/* tid -> waited_key() of the
						   call last reported, 0: none */
	struct tracer_stats	 stats;		/* the tracer thread's */
	int			 ask_always;	/* SCTUI_TEST_ASK: ask_again()
						   at every stop */
};

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t	 now_ns(void);

/* /proc: Tgid, PPid, TracerPid of tid (NULL: not wanted); 0 or -errno. */
int		 tracer_proc_status(pid_t tid, pid_t *tgid, pid_t *ppid,
		    pid_t *tracer);
/*
 * The children of thread tid of pid, as /proc lists them (pid 0: the
 * calling thread's), into pids; returns how many, at most max.  With pid
 * 0 it is async-signal-safe.
 */
size_t		 tracer_proc_children(pid_t pid, pid_t tid, pid_t *pids,
		    size_t max);
/* tid's name into buf (len bytes); "" if it is gone. */
void		 tracer_proc_comm(pid_t tid, char *buf, size_t len);
/*
 * The same in two steps, for a name read again and again: /proc/TID/comm
 * opened (-1 with errno), and read from the start of fd into buf ("" once
 * the process is gone: the file follows the process, never its pid's
 * next owner).
 */
int		 tracer_comm_open(pid_t tid);
void		 tracer_comm_read(int fd, char *buf, size_t len);

/* Stamps ev and hands it to the sink. */
void		 tracer_emit(struct tracer *t, struct sc_event *ev);
/* An event with no payload but aux: SIGNAL, EXIT. */
void		 tracer_emit_aux(struct tracer *t, enum sc_event_kind kind,
		    pid_t tid, pid_t tgid, int32_t aux);
/* SPAWN or ATTACH of c, with flags; marks c announced. */
void		 tracer_announce(struct tracer *t, struct tcb *c,
		    enum sc_event_kind kind, uint16_t flags);
/*
 * A call c made: SYSCALL (with SC_EVF_RETURN if c has TCB_RETURN), then
 * DENIED if a what-if failed it with err (serving: tracer_serve_errno()
 * said so).
 */
void		 tracer_report_call(struct tracer *t, const struct tcb *c,
		    struct sc_event *ev, int err, int serving);
/* EXEC of c's process (c its leader now): emits ev, ends its mark. */
void		 tracer_emit_exec(struct tracer *t, struct tcb *c,
		    struct sc_event *ev);
/* The call c is owed a RETURN for (TCB_RETURN) returned rval. */
void		 tracer_report_return(struct tracer *t, const struct tcb *c,
		    uint32_t arch, int64_t rval);

/* The command is pid: track and announce it. */
struct tcb	*tracer_add_root(struct tracer *t, pid_t pid);
/* Use mode (and its engine) instead; to ends mode_note's reason. */
void		 tracer_fall_back(struct tracer *t, enum tracer_mode mode,
		    const char *to);
/*
 * Puts the prologue of kind in front of the profile's filter (guard.h);
 * if it cannot, falls back to mode to and returns -1.
 */
int		 tracer_guard(struct tracer *t, enum guard_kind kind,
		    enum tracer_mode to, const char *how);
/* In the forked command: stdio, session, the engine's child(), exec. */
void		 tracer_child_exec(struct tracer *t, int syncfd)
		    __attribute__((noreturn));

/* Carries out what tracer_request() and tracer_signal() asked. */
void		 take_requests(struct tracer *t);
/*
 * Milliseconds poll() may sleep: until STOP's grace runs out or the next
 * tracer_sample_waiting() is due, whichever comes first.
 */
int		 poll_timeout(struct tracer *t);
/*
 * Every TRACER_SAMPLE_NS (engines call it each time round their loop):
 * finds the threads of each traced process asleep in a call
 * (tracer/waiting.h) and emits SC_EV_WAITING for each one whose call
 * differs from the one last reported for it, or that made a call since
 * (tracer_report_call()).  That is how a process that waits in a call
 * nothing stops (one a profile allows) is seen to wait.  A round that
 * takes long (many processes) puts the next one off, so that sampling
 * takes at most a twentieth of the tracer's time.
 */
void		 tracer_sample_waiting(struct tracer *t);
#define TRACER_SAMPLE_NS	100000000ull

/*
 * The slot of arch (0 x86_64, 1 i386, 2 x32, whose bit it clears from
 * *nr) in the tables kept per (arch, nr), or -1: none on this machine.
 */
int		 tracer_arch_slot(uint32_t arch, int *nr);
/* The errno a live denial fails this call with, or 0 to let it run. */
int		 tracer_deny_errno(struct tracer *t, uint32_t arch, int nr);
/*
 * opts.enforce: the data of the SECCOMP_RET_TRACE the profile's filter
 * returns for this call (TRACER_ENFORCE_*), EPERM for any other action.
 */
int		 tracer_enforce_data(const struct tracer *t, uint32_t arch,
		    int nr, uint64_t ip, const uint64_t *args);
/*
 * The errno serving-only refuses this call of c with (c's process is
 * marked serving, tracer_serve_deny() names the call), or 0.
 */
int		 tracer_serve_errno(struct tracer *t, const struct tcb *c,
		    uint32_t arch, int nr);
/*
 * c is a new process made by a thread of process parent: marked serving
 * if parent is (a fork never wins back what serving refuses).
 */
void		 tracer_serve_inherit(struct tracer *t, struct tcb *c,
		    pid_t parent);
/* Does the profile's own filter (without the prologue) allow the call? */
int		 tracer_profile_allows(const struct tracer *t, uint32_t arch,
		    int nr, uint64_t ip, const uint64_t *args);
/* The calls that decide what the trace sees, before they run (guard.h). */
void		 tracer_watch_call(struct tracer *t, struct tcb *c,
		    uint32_t arch, int nr, const uint64_t *args);

/*
 * stack.c: the call ev of c is being reported (each engine calls it once
 * a call); at the first occurrence of its (arch, nr) in c's executable,
 * captures c's stack into opts.stacks.
 * stopped: c is ptrace-stopped (unwound); else it waits for a user
 * notification's answer (its stack is scanned, best effort).
 */
void		 stack_call(struct tracer *t, const struct tcb *c,
		    const struct sc_event *ev, int stopped);
/* stack.c: ev (SPAWN, ATTACH, EXEC) may change what tgid runs. */
void		 stack_event(struct tracer *t, const struct sc_event *ev);
void		 stack_seen_free(struct stack_seen *s);

#endif
