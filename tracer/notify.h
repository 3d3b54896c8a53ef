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
 * CONTINUE, Linux 5.5), or fails it for a what-if denial.  A second
 * listener cannot join the chain (the kernel refuses one with EBUSY), so
 * the program cannot answer its own calls behind sctui's back.
 *
 * These are the kernel-facing steps; unotify.c runs the loop.  Functions
 * return 0 (or an fd) or a negative errno.
 */
#ifndef SCTUI_NOTIFY_H
#define SCTUI_NOTIFY_H

#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Linux 6.6's uapi; older headers lack it, older kernels refuse it. */
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS	SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP	(1UL << 0)
#endif

struct sock_filter;

/*
 * The hand-over of the listener, through a page shared by sctui and the
 * child it forks (no call the filter could stop is needed):
 *   sctui:  s = notify_shared_new(); fork
 *   child:  notify_install(f, n, s), then execve (f from guard_filter()
 *           with GUARD_NOTIFY)
 *   sctui:  notify_wait_installed(s, pid); fd = notify_take(s, pid)
 * notify_shared_new() returns NULL if it cannot map the page;
 * notify_shared_free() unmaps it (NULL is fine).
 */
struct notify_shared;
struct notify_shared *notify_shared_new(void);
void		 notify_shared_free(struct notify_shared *s);

/*
 * In the child, between fork and execve: installs f (n instructions)
 * with a new listener, publishes its number and spins until sctui holds
 * it.  Async-signal-safe, and makes no call after the
 * install.  Returns 0 (exec now), -EPERM if sctui refused it, or the
 * -errno of seccomp(2).
 */
int		 notify_install(struct sock_filter *f, size_t n,
		    struct notify_shared *s);

/*
 * In sctui: waits until the child pid has installed the filter (0) or
 * failed to (its -errno), or died (-ESRCH).
 */
int		 notify_wait_installed(struct notify_shared *s, pid_t pid);

/*
 * In sctui, after notify_wait_installed() returned 0: takes a copy of the
 * listener from child (pid in sctui's namespace) with pidfd_getfd(2),
 * asks for sync wake-ups on it where the kernel has them (Linux 6.6;
 * silently without them) and lets the child go on.  Returns the listener
 * (close-on-exec), or -errno (-ENOSYS: the kernel lacks pidfd_getfd;
 * -EBADF: the fd was no seccomp listener); the child then exits, or must
 * be killed if its exit stops.
 */
int		 notify_take(struct notify_shared *s, pid_t child);

/* One notification, as the kernel gave it. */
struct notify_call {
	uint64_t	id;		/* for notify_reply() */
	pid_t		tid;		/* in sctui's pid namespace */
	uint32_t	arch;		/* AUDIT_ARCH_* */
	int32_t		nr;
	uint64_t	ip;		/* instruction pointer */
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
 * Never lets the call run: it fails with -err, or returns 0 for err 0 (a
 * profile's SCMP_ACT_ERRNO(0)).  -ENOENT: gone.
 */
int		 notify_refuse(int fd, uint64_t id, int err);

/*
 * Can this kernel do it all (a listener, and letting a call continue)?
 * Tried on a throwaway child.  Returns 0, or -1 with why filled in.
 */
int		 notify_probe(char *why, size_t len);

#endif
