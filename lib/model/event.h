/*
 * event.h - the one record that crosses from the tracer to everything else.
 *
 * The tracer (tracer/) fills a struct sc_event for each thing it sees and
 * hands it to its sink: straight to the model in batch mode, through the
 * SPSC ring (lib/model/ring.h) to the UI thread otherwise.  It is plain old
 * data: no pointers, fixed size, copied by value.
 */
#ifndef SCTUI_EVENT_H
#define SCTUI_EVENT_H

#include <stdint.h>

enum sc_event_kind {
	SC_EV_SYSCALL = 1,	/* tid entered syscall nr of arch; u.args;
				   SC_EVF_RETURN: a RETURN follows */
	SC_EV_SPAWN,		/* tid is new; aux = parent pid (tgid) */
	SC_EV_ATTACH,		/* tid existed and was seized (-p); aux = ppid */
	SC_EV_EXEC,		/* tgid exec'd; aux = former tid; u.name = comm */
	SC_EV_SIGNAL,		/* signal aux is being delivered to tid */
	SC_EV_EXIT,		/* tid is gone; aux = wait(2) status, or
				   SC_STATUS_UNKNOWN */
	SC_EV_DENIED,		/* a what-if denial: syscall nr of arch failed
				   with errno aux; SC_EVF_SERVING: refused
				   because its process serves */
	SC_EV_OWNFILTER,	/* tgid installs a seccomp filter of its own;
				   aux 1: from now on followed with
				   PTRACE_SYSCALL, 0: stacked on the
				   profile's (seccomp user notification) */
	SC_EV_WAITING,		/* tid was found asleep in syscall nr of arch
				   (tracer/waiting.h); not a call: it may
				   have been counted already, or be one a
				   profile allows, never seen */
	SC_EV_RETURN,		/* the call tid entered last (a SYSCALL with
				   SC_EVF_RETURN) returned; nr and arch as
				   then; u.args[0] = the return value, as
				   int64_t: -errno on failure */
};

/*
 * The exit status of a process sctui saw end but could not wait for (under
 * seccomp user notification only the command's status is reported).
 */
#define SC_STATUS_UNKNOWN	(-2)

struct sc_event {
	uint64_t	ts;		/* CLOCK_MONOTONIC, nanoseconds */
	int32_t		tid;
	int32_t		tgid;
	uint32_t	arch;		/* AUDIT_ARCH_* == SCMP_ARCH_* */
	int32_t		nr;		/* syscall number as the kernel saw it */
	int32_t		aux;		/* kind-specific, see above */
	uint16_t	kind;		/* enum sc_event_kind */
	uint16_t	flags;
#define SC_EVF_THREAD	0x0001		/* SPAWN/ATTACH: a thread, not a process */
#define SC_EVF_ROOT	0x0002		/* SPAWN: the command sctui started */
#define SC_EVF_SETUID	0x0004		/* EXEC: setuid/setgid not granted */
#define SC_EVF_STARTUP	0x0008		/* DENIED: allowed in startup only,
					   refused once serving (--phases) */
#define SC_EVF_KILLED	0x0010		/* DENIED: and its process killed */
#define SC_EVF_SERVING	0x0020		/* DENIED: by tracer_serve_deny() */
#define SC_EVF_RETURN	0x0040		/* SYSCALL: its RETURN will follow
					   (unless the thread dies first) */
	union {
		uint64_t	args[6];	/* SYSCALL: raw arguments */
		char		name[48];	/* SPAWN/ATTACH/EXEC: comm, NUL-ended */
	} u;
};

_Static_assert(sizeof(struct sc_event) == 80, "sc_event layout changed");

/* A consumer of events: the tracer calls emit() from its own thread. */
struct sc_sink {
	void	*ctx;
	void	(*emit)(void *ctx, const struct sc_event *ev);
};

#endif
