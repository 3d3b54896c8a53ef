/*
 * guard.h - the prologue in front of every filter built from a profile.
 *
 * Private to tracer/.  A profile's filter lets through, unseen, whatever
 * the profile allows; a few calls must be seen all the same, because they
 * decide what the trace can see: a filter the program installs itself
 * (seccomp(2), prctl(PR_SET_SECCOMP)), a child ptrace is told not to
 * follow (clone(CLONE_UNTRACED), clone3 with its flags in memory), and, where
 * sctui does not use ptrace, a program making its parent its tracer
 * (ptrace(PTRACE_TRACEME)).  guard_prologue() writes the instructions that
 * catch those calls on every arch the machine runs; the profile's filter
 * follows and decides the rest.
 */
#ifndef SCTUI_GUARD_H
#define SCTUI_GUARD_H

#include <stddef.h>

struct sock_filter;

enum guard_kind {
	GUARD_TRACE,	/* fast path: these calls return SECCOMP_RET_TRACE */
	GUARD_NOTIFY,	/* notify: seccomp, prctl return USER_NOTIF,
			   PTRACE_TRACEME fails with EPERM */
};

/* Room guard_prologue() may need, in instructions. */
#define GUARD_MAX	48

/*
 * Writes the prologue of kind into out (GUARD_MAX instructions of room)
 * and returns its length.  Every path through it either returns or falls
 * through to the instruction after it, with no assumption on what it
 * loaded.
 */
size_t		 guard_prologue(struct sock_filter *out, enum guard_kind kind);

#endif
