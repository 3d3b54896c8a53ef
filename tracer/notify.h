/*
 * notify.h - seccomp user notification: the engine behind --profile.
 *
 * Private to tracer/.  From a profile, sctui need not stop anything the
 * profile allows, not even a fork or an exec: the spawned command installs
 * a filter that returns SECCOMP_RET_ALLOW for what the profile allows and
 * SECCOMP_RET_USER_NOTIF for the rest, and hands the filter's listener to
 * sctui.  The filter is inherited by every process and thread the command
 * makes, so the whole tree is covered without ptrace, and each call the
 * profile lacks arrives on the listener with its pid, arch, number and
 * arguments; sctui records it and lets it run (SECCOMP_USER_NOTIF_FLAG_
 * CONTINUE, Linux 5.5), or fails it for a what-if denial.
 *
 * These are the kernel-facing steps; tracer.c runs the loop.  Functions
 * return 0 (or an fd) or a negative errno.
 */
#ifndef SCTUI_NOTIFY_H
#define SCTUI_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct sock_filter;

/*
 * A copy of filter (len instructions, SECCOMP_RET_TRACE for what must be
 * seen) in which every SECCOMP_RET_TRACE becomes SECCOMP_RET_USER_NOTIF,
 * behind a prologue that lets exactly the hand-over call through
 * (notify_handover(); see there).  Sets *outlen; free() the result.
 */
struct sock_filter *notify_filter(const struct sock_filter *filter,
		    size_t len, size_t *outlen);

/*
 * In the spawned child, between fork and execve: install f (from
 * notify_filter(), n instructions) with a new listener and pass the
 * listener over the connected unix socket sock.  Async-signal-safe; the
 * prologue is patched in place with the values of this very call so that
 * nothing else can pass through it.  Returns 0 or -errno.
 */
int		 notify_handover(struct sock_filter *f, size_t n, int sock);

/* In sctui: the listener sent by notify_handover(), or -errno. */
int		 notify_receive_fd(int sock);

/* One notification, as the kernel gave it. */
struct notify_call {
	uint64_t	id;		/* for notify_reply() */
	pid_t		tid;		/* in sctui's pid namespace */
	uint32_t	arch;		/* AUDIT_ARCH_* */
	int32_t		nr;
	uint64_t	args[6];
};

/*
 * Reads the next notification from the listener fd (blocks unless one is
 * pending; poll the fd first).  -ENOENT: the caller died or was
 * interrupted meanwhile, nothing to answer.
 */
int		 notify_next(int fd, struct notify_call *call);

/* Lets the call run (err 0) or fails it with -err.  -ENOENT: gone. */
int		 notify_reply(int fd, uint64_t id, int err);

/*
 * Can this kernel do it all (a listener, and letting a call continue)?
 * Tried on a throwaway child.  Returns 0, or -1 with why filled in.
 */
int		 notify_probe(char *why, size_t len);

#endif
