/*
 * guard.h - the prologue in front of every filter built from a profile.
 *
 * Private to tracer/.  A profile's filter lets through, unseen, whatever
 * the profile allows; a few calls must be seen all the same, because they
 * decide what the trace can see: a filter the program installs itself
 * (seccomp(2), prctl(PR_SET_SECCOMP)), a child ptrace is told not to
 * follow (clone(CLONE_UNTRACED), clone3 with its flags in memory), and, where
 * sctui does not use ptrace, a program making its parent its tracer
 * (ptrace(PTRACE_TRACEME)).  The prologue catches those calls on every
 * arch the machine runs; the profile's filter follows and decides the
 * rest.  Every path through the prologue either returns or falls through
 * to the profile's first instruction, with no assumption on what it loaded.
 */
#ifndef SCTUI_GUARD_H
#define SCTUI_GUARD_H

#include <stddef.h>
#include <stdint.h>

struct sock_filter;
struct seccomp_data;

enum guard_kind {
	GUARD_TRACE,	/* fast path: these calls return SECCOMP_RET_TRACE */
	GUARD_NOTIFY,	/* notify: seccomp, prctl return USER_NOTIF,
			   PTRACE_TRACEME fails with EPERM */
	GUARD_ENFORCE,	/* --enforce: no prologue, the profile's filter
			   decides every call as the kernel would */
};

/*
 * A copy of filter (len instructions, from the profile code: RET_ALLOW for
 * what the profile allows, RET_TRACE for the rest) behind the prologue of
 * kind.  For GUARD_NOTIFY and GUARD_ENFORCE every SECCOMP_RET_TRACE of
 * filter becomes SECCOMP_RET_USER_NOTIF.  Sets *outlen; free() the
 * result.  NULL if len is 0 or the whole would pass BPF_MAXINSNS.
 */
struct sock_filter *guard_filter(const struct sock_filter *filter,
		    size_t len, enum guard_kind kind, size_t *outlen);

/* Which of those calls nr is on arch (AUDIT_ARCH_*). */
enum guard_call {
	GUARD_NONE,
	GUARD_SECCOMP,
	GUARD_PRCTL,
	GUARD_PTRACE,
	GUARD_CLONE,
	GUARD_CLONE3,
};
enum guard_call	 guard_call(uint32_t arch, int nr);

/*
 * What filter (len instructions, classic BPF as seccomp(2) runs it) returns
 * for the call d; SECCOMP_RET_KILL_PROCESS for a filter it cannot run.
 * notify mode asks the profile's own filter whether it allows one of the
 * calls the prologue stops for every program.
 */
uint32_t	 guard_run(const struct sock_filter *f, size_t len,
		    const struct seccomp_data *d);

#endif
