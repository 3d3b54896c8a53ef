/*
 * model.h - what has been seen: processes, their syscalls, counts by phase.
 *
 * The model is fed struct sc_event records (lib/model/event.h) by one
 * thread, the consumer (the UI loop or, in batch mode, the tracer's sink),
 * and queried by the views and the profile code from that same thread.  It is pure: no
 * clock, no I/O; time comes from the events.  Records are never freed while
 * the model lives, so their indexes are stable ids the views can keep.
 *
 * Phases (shared/DESIGN.md "Phases") are per process (thread group):
 * startup from exec or fork; serving from a waiting call (below), a user
 * mark, or serve_after; shutdown from a terminating signal, a user stop,
 * or exit_group (exit from the last thread).  A call is counted in the
 * phase its process is in when the call is made, after any transition
 * that call itself causes.
 *
 * Serving from a waiting call (model_opts.serve_on): a process in startup
 * starts serving when one of its threads makes such a call, or is found
 * asleep in one by the tracer's sampler (SC_EV_WAITING: under a profile
 * the waiting calls are allowed and never seen otherwise).  A wait that
 * cannot block does not count: epoll_wait, epoll_pwait and poll with a
 * zero timeout.  Threaded runtimes (node, the JVM, python) wait on helper
 * threads long before their main thread is ready, so serving begins
 * tentatively: if the process then makes a set-up call (bind, listen;
 * not socket or connect, which servers also make while they serve, to
 * reach their backends), it was still starting up, and it goes back to
 * startup with every call counted since the tentative start moved back to
 * startup (the set-up call itself included).  Serving is for good once the process accepts
 * a connection (accept, accept4), is marked, or reaches serve_after, and
 * it ends, as any phase, at shutdown.
 */
#ifndef SCTUI_MODEL_H
#define SCTUI_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

enum phase {
	PHASE_STARTUP,
	PHASE_SERVING,
	PHASE_SHUTDOWN,
	PHASE_N
};

/* "startup", "serving", "shutdown". */
const char	*phase_name(enum phase p);

/* The default --serve-on list, NULL-terminated. */
extern const char *const phase_default_serve_on[];

/* Bit (1 << sig) for each signal that starts shutdown by default. */
uint64_t	 phase_default_stop_sigs(void);

struct model_opts {
	const char *const *serve_on;	/* NULL-terminated; NULL: default */
	uint64_t	serve_after_ns;	/* 0: never by time */
	uint64_t	stop_sigs;	/* 0: phase_default_stop_sigs() */
};

enum model_toggle {
	TOGGLE_ALLOW,
	TOGGLE_DENY
};

/*
 * Bounds of what is kept of argument values: values past MODEL_ARG_MAX
 * distinct ones are counted in the argument's "many" alone (no rule can
 * come of it), processes past MODEL_ARG_PROCS in a value's "more".
 */
#define MODEL_ARG_MAX	64
#define MODEL_ARG_PROCS	4

/* One distinct value of a recorded argument (lib/model/argspec.h). */
struct model_argval {
	uint64_t	value;		/* argspec_value() of the raw one */
	uint64_t	count[PHASE_N];
	uint32_t	procs[MODEL_ARG_PROCS];	/* ids, first seen first */
	uint8_t		nprocs;
	uint8_t		more;		/* other processes made it too */
	uint8_t		toggle;		/* enum model_toggle: in the rule? */
};

/* A recorded argument of one system call (arch, nr). */
struct model_arg {
	const struct argspec *spec;
	struct model_argval *vals;	/* in order of first use */
	uint32_t	nvals;
	uint64_t	many;		/* calls with a value past the bound */
};

/* One system call (arch, nr) over every process. */
struct model_sys {
	uint32_t	sysid;		/* lib/model/sysname.h */
	uint32_t	nprocs;		/* processes that made it */
	uint64_t	count[PHASE_N];
	uint64_t	total;
	uint64_t	first, last;	/* event timestamps */
	uint64_t	denials;	/* what-if denials seen */
	uint64_t	refused;	/* refused because the process
					   served (SC_EVF_SERVING) */
	uint64_t	refused_late;	/* of them, counted in serving or
					   shutdown: not uses of the call */
	struct model_arg *args;		/* recorded arguments, or NULL */
	uint8_t		nargs;
	uint8_t		toggle;		/* enum model_toggle */
	uint8_t		flags;
#define MODEL_SYS_SERVE	0x01		/* starts serving (serve_on) */
#define MODEL_SYS_EXIT_GROUP 0x02	/* exit_group: starts shutdown */
#define MODEL_SYS_EXIT	0x04		/* exit: shutdown if last thread */
#define MODEL_SYS_SETUP	0x08		/* bind, listen: back to startup */
#define MODEL_SYS_ACCEPT 0x10		/* accept, accept4: serving for good */
	uint8_t		tmo_arg;	/* serve_on calls: 1 + the argument
					   whose 0 means no wait; 0: none */
};

/* One system call in one process. */
struct model_pstat {
	uint32_t	sys;		/* index into the model's syscalls */
	uint64_t	count[PHASE_N];
	uint64_t	first, last;
	uint64_t	tent;		/* of count[PHASE_SERVING]: since the
					   process serves tentatively */
};

enum model_proc_state {
	PROC_LIVE,
	PROC_EXITED
};

/* One process (thread group); pid reuse makes a new record. */
struct model_proc {
	uint32_t	id;		/* its index: stable */
	int32_t		pid;
	int32_t		ppid;		/* 0: started by sctui or unknown */
	uint32_t	parent;		/* id of the parent record or IDMAP_NONE */
	char		name[48];	/* comm after the latest exec */
	char	      **execs;		/* names, oldest first */
	uint32_t	nexecs;
	uint8_t		phase;		/* enum phase */
	uint8_t		state;		/* enum model_proc_state */
	uint8_t		flags;
#define MODEL_PROC_ROOT	0x01		/* the command sctui started */
#define MODEL_PROC_ATTACHED 0x02	/* seized with -p */
	int		status;		/* wait(2) status when PROC_EXITED */
	uint32_t	threads_live;
	uint32_t	threads_total;
	uint64_t	born;		/* fork, exec or attach time */
	uint64_t	ended;
	uint64_t	phase_since[PHASE_N];	/* 0: never entered */
	uint64_t	tent_since;	/* serving tentatively since; 0: not */
	struct model_tent *tents;	/* recorded arguments meanwhile */
	uint32_t	ntents, captents;
	uint64_t	calls;
	uint64_t	signals;
	struct model_pstat *stats;	/* in order of first use */
	uint32_t	nstats, capstats;
	void	       *statmap;	/* sysid -> index into stats */
};

struct argspec;
struct model;
struct model_tent;

/* A new, empty model.  opts may be NULL for the defaults. */
struct model	*model_new(const struct model_opts *opts);
void		 model_free(struct model *m);

/* Account for one event. */
void		 model_event(struct model *m, const struct sc_event *ev);

/* What model_event_note() counted: the call and its phase (SYSCALL). */
struct model_note {
	uint32_t	sysid;		/* SYSID_NONE: not a call counted */
	enum phase	phase;		/* of the caller's process, after it */
};

/*
 * model_event(), telling a caller that also records the event what it was
 * counted as, so that neither the name nor the process is looked up twice.
 */
void		 model_event_note(struct model *m, const struct sc_event *ev,
		    struct model_note *note);

/*
 * Move every live process in startup to serving (mark_serving), or every
 * live process to shutdown (mark_shutdown), as of time now.
 */
void		 model_mark_serving(struct model *m, uint64_t now);
void		 model_mark_shutdown(struct model *m, uint64_t now);

/* Apply serve_after to processes that made no call lately. */
void		 model_tick(struct model *m, uint64_t now);

/* Set the allow/deny toggle of a syscall; returns 0 or -EINVAL. */
int		 model_toggle(struct model *m, uint32_t sys, enum model_toggle t);

/*
 * Set the allow/deny toggle of one recorded value of argument arg (an
 * argument number argspec_find() lists) of the syscall at index sys: a
 * denied value is left out of the argument's rule in the saved profile.
 * Returns 0, -EINVAL for an unknown syscall, argument, value or toggle,
 * -EPERM to deny a value of an argument past MODEL_ARG_MAX values (no
 * rule can list them, so none is made).
 */
int		 model_toggle_arg(struct model *m, uint32_t sys,
		    unsigned int arg, uint64_t value, enum model_toggle t);

size_t			 model_nprocs(const struct model *m);
const struct model_proc	*model_proc(const struct model *m, uint32_t id);
/* The newest record of pid, or NULL. */
const struct model_proc	*model_proc_by_pid(const struct model *m, int32_t pid);

size_t			 model_nsys(const struct model *m);
const struct model_sys	*model_sys(const struct model *m, uint32_t i);
/*
 * 1 if s was seen in startup and never used once serving: its calls
 * counted in serving or shutdown, if any, were all refused because their
 * process served (refused_late).  What a serving-only filter drops.
 */
int			 model_sys_startup_only(const struct model_sys *s);
/* Index of sysid in the syscalls, or IDMAP_NONE. */
uint32_t		 model_sys_find(const struct model *m, uint32_t sysid);

struct model_totals {
	uint64_t	calls;
	uint64_t	phase[PHASE_N];
	uint32_t	procs_live, procs_total;
	uint32_t	threads_live, threads_total;
	uint64_t	first, last;	/* first and latest event time */
};

void		 model_totals(const struct model *m, struct model_totals *t);

/*
 * Rebuilding a saved model (lib/session/session.c reads sessions and plain
 * profiles through these).  Call model_restore_sys() for every syscall in
 * the saved index order, then model_restore_proc() for each process in id
 * order, each followed by model_restore_stat() for its calls in their
 * order, then model_restore_span().  The counts of the syscalls, the
 * processes' call counts and the totals are summed from the stats, so they
 * agree as they do when built from events.
 */

/* Adds (or finds) sysid with its toggle and denial count; its index. */
uint32_t	 model_restore_sys(struct model *m, uint32_t sysid,
		    enum model_toggle t, uint64_t denials);

/*
 * A new process record copied from r: pid, ppid, parent (IDMAP_NONE or an
 * earlier id), name, execs (copied), phase, state, flags, status, threads,
 * born, ended, phase_since and signals; not id, calls or stats.  Returns
 * its id in *id, or -EINVAL (bad parent, phase or state).
 */
int		 model_restore_proc(struct model *m,
		    const struct model_proc *r, uint32_t *id);

/*
 * The counts of sysid (restored with model_restore_sys) in process proc:
 * count per phase, first and last seen.  Returns 0, -EINVAL for an
 * unknown process or syscall, -EEXIST when proc already has sysid.
 */
int		 model_restore_stat(struct model *m, uint32_t proc,
		    uint32_t sysid, const uint64_t count[PHASE_N],
		    uint64_t first, uint64_t last);

/*
 * One value of argument arg (an argument number argspec_find() lists for
 * the call) of sysid (restored with model_restore_sys), after the
 * processes: its counts per phase and up to MODEL_ARG_PROCS process ids
 * (more: others made it too).  Returns 0, -EINVAL for an unknown call,
 * argument or process, -EEXIST for a value already restored, -E2BIG past
 * MODEL_ARG_MAX values.
 */
int		 model_restore_arg(struct model *m, uint32_t sysid,
		    unsigned int arg, uint64_t value,
		    const uint64_t count[PHASE_N], const uint32_t *procs,
		    size_t nprocs, int more);

/* The calls of sysid whose argument arg was past the bound; as above. */
int		 model_restore_many(struct model *m, uint32_t sysid,
		    unsigned int arg, uint64_t many);

/* The first and latest event times (model_totals first and last). */
void		 model_restore_span(struct model *m, uint64_t first,
		    uint64_t last);

#endif
