/*
 * events.h - synthetic event streams for the unit tests that feed a model
 * (model-test.c, session-test.c): each helper builds the struct sc_event
 * the tracer would send and hands it to model_event().  Events are stamped
 * with `now`, which moves on one nanosecond an event; a test may move it
 * further.
 */
#ifndef SCTUI_TESTS_EVENTS_H
#define SCTUI_TESTS_EVENTS_H

#include <seccomp.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "sysname.h"

static uint64_t now = 1000;

/* An empty event of kind for tid of tgid, at now. */
static inline struct sc_event
ev(enum sc_event_kind kind, int tid, int tgid)
{
	struct sc_event e;

	memset(&e, 0, sizeof(e));
	e.kind = (uint16_t)kind;
	e.tid = tid;
	e.tgid = tgid;
	e.ts = now++;
	return e;
}

/*
 * An event of kind with aux and, unless NULL, a name (see
 * lib/model/event.h).
 */
static inline void
emit(struct model *m, enum sc_event_kind kind, int tid, int tgid, int aux,
    const char *name)
{
	struct sc_event e = ev(kind, tid, tgid);

	e.aux = aux;
	if (name != NULL)
		snprintf(e.u.name, sizeof(e.u.name), "%s", name);
	model_event(m, &e);
}

/* tid of tgid calls name of arch, as kind: SC_EV_SYSCALL or SC_EV_DENIED. */
static inline void
call_as(struct model *m, int tid, int tgid, uint32_t arch, const char *name,
    enum sc_event_kind kind)
{
	struct sc_event e = ev(kind, tid, tgid);

	/* The tracer sees an x32 call as x86_64 with the x32 bit set. */
	e.arch = arch == SCMP_ARCH_X32 ? SCMP_ARCH_X86_64 : arch;
	e.nr = sysname_nr(sysname_lookup(arch, name));
	model_event(m, &e);
}

/* tid of tgid makes the x86_64 system call name. */
static inline void
call(struct model *m, int tid, int tgid, const char *name)
{
	call_as(m, tid, tgid, SCMP_ARCH_X86_64, name, SC_EV_SYSCALL);
}

/* tid of tgid makes the x86_64 call name with arguments a0, a1, a2. */
static inline void
call_args(struct model *m, int tid, int tgid, const char *name, uint64_t a0,
    uint64_t a1, uint64_t a2)
{
	struct sc_event e = ev(SC_EV_SYSCALL, tid, tgid);

	e.arch = SCMP_ARCH_X86_64;
	e.nr = sysname_nr(sysname_lookup(SCMP_ARCH_X86_64, name));
	e.u.args[0] = a0;
	e.u.args[1] = a1;
	e.u.args[2] = a2;
	model_event(m, &e);
}

/* Process pid, a child of ppid, starts; name NULL: its parent's. */
static inline void
spawn(struct model *m, int pid, int ppid, const char *name, int flags)
{
	struct sc_event e = ev(SC_EV_SPAWN, pid, pid);

	e.aux = ppid;
	e.flags = (uint16_t)flags;
	if (name != NULL)
		snprintf(e.u.name, sizeof(e.u.name), "%s", name);
	model_event(m, &e);
}

/* Thread tid of process tgid starts. */
static inline void
thread(struct model *m, int tid, int tgid)
{
	struct sc_event e = ev(SC_EV_SPAWN, tid, tgid);

	e.aux = tgid;
	e.flags = SC_EVF_THREAD;
	model_event(m, &e);
}

#endif
