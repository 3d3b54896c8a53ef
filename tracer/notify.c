/*
 * notify.c - seccomp user notification; see notify.h.
 *
 * The hand-over: the child installs the filter, and sctui must then hold
 * the listener before the child makes a call the filter stops, or that
 * call would wait on a listener nobody holds.  No call is let through for
 * it: the child writes the listener's number into a page shared with sctui
 * (a store, not a call) and spins on that page; sctui takes its own copy of
 * the listener with pidfd_getfd(2) (Linux 5.6), checks that it is a seccomp
 * listener, and writes "go".  The filter thus allows nothing the profile
 * does not, and nothing the program could replay: the page is gone with the
 * exec, and pidfd_getfd needs ptrace rights over the child.
 */
#include "config.h"
#include "notify.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "xalloc.h"

/* The page the child and sctui share for the hand-over. */
struct notify_shared {
	_Atomic int	state;
	int		fd;		/* the child's listener */
	int		err;		/* errno of a failed install */
};

enum {
	SHARED_START,
	SHARED_INSTALLED,	/* fd is set */
	SHARED_FAILED,		/* err is set */
	SHARED_GO,		/* sctui holds the listener: exec */
	SHARED_REFUSED,		/* sctui could not take it: _exit */
};

struct notify_shared *
notify_shared_new(void)
{
	struct notify_shared *s;

	s = mmap(NULL, sizeof(*s), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED)
		return NULL;
	atomic_store(&s->state, SHARED_START);
	return s;
}

void
notify_shared_free(struct notify_shared *s)
{
	if (s != NULL)
		munmap(s, sizeof(*s));
}

int
notify_install(struct sock_filter *f, size_t n, struct notify_shared *s)
{
	struct sock_fprog prog = { (unsigned short)n, f };
	int fd, state;

	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0) {
		s->err = errno;
		atomic_store(&s->state, SHARED_FAILED);
		return -s->err;
	}
	/* From here on every call may stop: stores and loads only. */
	s->fd = fd;
	atomic_store(&s->state, SHARED_INSTALLED);
	while ((state = atomic_load(&s->state)) == SHARED_INSTALLED)
		;
	/* The listener is close-on-exec: exec drops the child's copy. */
	return state == SHARED_GO ? 0 : -EPERM;
}

/* Is fd a seccomp listener?  anon_inode:seccomp notify, as fdinfo says. */
static int
is_listener(int fd)
{
	char path[64], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return 0;
	link[n] = '\0';
	return strcmp(link, "anon_inode:seccomp notify") == 0;
}

int
notify_wait_installed(struct notify_shared *s, pid_t pid)
{
	struct timespec tick = { 0, 20000 };
	siginfo_t si;
	int state;

	/* The child needs microseconds; it is waited for while it lives. */
	while ((state = atomic_load(&s->state)) == SHARED_START) {
		memset(&si, 0, sizeof(si));
		/* Dead, zombie included: WNOWAIT leaves it to be reaped. */
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG |
		    WNOWAIT) < 0 || si.si_pid == pid)
			return -ESRCH;
		nanosleep(&tick, NULL);
	}
	return state == SHARED_INSTALLED ? 0 : -s->err;
}

/*
 * Asks the kernel to wake the caller and sctui on the waker's CPU (a sync
 * wake-up): a notification's round trip then stays on one CPU instead of
 * waking a halted one, about 4x cheaper here (doc/performance.md).  A
 * kernel before 6.6 refuses it (-EINVAL) and the listener works as
 * before.  SCTUI_TEST_NOTIFY_REFUSED asks for a flag no kernel knows
 * instead, so that a test sees the refused path on a recent kernel.
 */
static void
set_sync_wakeup(int fd)
{
	uint64_t flags = SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP;

	if (getenv("SCTUI_TEST_NOTIFY_REFUSED") != NULL)
		flags = 1ULL << 63;
	(void)ioctl(fd, SECCOMP_IOCTL_NOTIF_SET_FLAGS, flags);
}

int
notify_take(struct notify_shared *s, pid_t child)
{
	int pidfd, fd = -ENOSYS;

	pidfd = (int)syscall(SYS_pidfd_open, child, 0);
	if (pidfd >= 0) {
		fd = (int)syscall(SYS_pidfd_getfd, pidfd, s->fd, 0);
		fd = fd < 0 ? -errno : fd;
		close(pidfd);
	} else
		fd = -errno;
	if (fd >= 0 && !is_listener(fd)) {
		close(fd);
		fd = -EBADF;
	}
	if (fd >= 0)
		set_sync_wakeup(fd);
	atomic_store(&s->state, fd >= 0 ? SHARED_GO : SHARED_REFUSED);
	return fd;
}

#define NOTIF_BUF	512	/* far more than any kernel's structures */

/*
 * The kernel's size for one of the two structures (they may grow): the
 * request (resp 0) or the response; -EOVERFLOW if it is smaller than ours
 * or larger than NOTIF_BUF.
 */
static ssize_t
kernel_size(int resp, size_t ours)
{
	static struct seccomp_notif_sizes sz;
	size_t n;

	if (sz.seccomp_notif == 0 &&
	    syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sz) < 0)
		return -errno;
	n = resp ? sz.seccomp_notif_resp : sz.seccomp_notif;
	return n < ours || n > NOTIF_BUF ? -EOVERFLOW : (ssize_t)n;
}

static int
ioctl_retry(int fd, unsigned long req, void *arg)
{
	while (ioctl(fd, req, arg) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int
notify_next(int fd, struct notify_call *call)
{
	union {
		struct seccomp_notif	n;
		char			buf[NOTIF_BUF];
	} u;
	ssize_t size = kernel_size(0, sizeof(u.n));
	int rc;

	if (size < 0)
		return (int)size;
	xmemset(&u, 0, (size_t)size);	/* the kernel wants it zeroed */
	if ((rc = ioctl_retry(fd, SECCOMP_IOCTL_NOTIF_RECV, &u)) < 0)
		return rc;
	call->id = u.n.id;
	call->tid = (pid_t)u.n.pid;
	call->arch = u.n.data.arch;
	call->nr = u.n.data.nr;
	call->ip = u.n.data.instruction_pointer;
	memcpy(call->args, u.n.data.args, sizeof(call->args));
	return 0;
}

/* The answer to call id: fails it with -err, or lets it run (cont). */
static int
notify_send(int fd, uint64_t id, int err, int cont)
{
	union {
		struct seccomp_notif_resp	r;
		char				buf[NOTIF_BUF];
	} u;
	ssize_t size = kernel_size(1, sizeof(u.r));

	if (size < 0)
		return (int)size;
	xmemset(&u, 0, (size_t)size);
	u.r.id = id;
	if (cont)
		u.r.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	else
		u.r.error = -err;	/* 0: returns 0, never runs */
	return ioctl_retry(fd, SECCOMP_IOCTL_NOTIF_SEND, &u);
}

int
notify_reply(int fd, uint64_t id, int err)
{
	return notify_send(fd, id, err, err == 0);
}

int
notify_refuse(int fd, uint64_t id, int err)
{
	return notify_send(fd, id, err, 0);
}

/* ---- probe ----------------------------------------------------------- */

#define PROBE_MS	5000	/* the child needs microseconds; a bound */

static void
probe_child(struct sock_filter *f, size_t n, struct notify_shared *s,
    pid_t parent)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(2);
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		_exit(2);
	if (notify_install(f, n, s) < 0)
		_exit(3);
	/* Notified; the parent lets it continue, so it returns the truth. */
	_exit(syscall(SYS_getppid) == parent ? 0 : 4);
}

int
notify_probe(char *why, size_t len)
{
	const struct sock_filter getppid_only[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct notify_shared *s;
	struct notify_call call;
	struct pollfd pfd;
	struct sock_filter *f;
	size_t n;
	int fd = -1, status = 0, rc = -1;
	pid_t pid, self = getpid();

	snprintf(why, len, "seccomp user notification is not available "
	    "(it needs Linux 5.5)");
	if ((f = guard_filter(getppid_only, 4, GUARD_NOTIFY, &n)) == NULL) {
		snprintf(why, len, "seccomp user notification is not "
		    "supported on this architecture yet");
		return -1;
	}
	if ((s = notify_shared_new()) == NULL) {
		free(f);
		return -1;
	}
	if ((pid = fork()) == 0)
		probe_child(f, n, s, self);
	free(f);
	if (pid < 0) {
		notify_shared_free(s);
		return -1;
	}
	if (notify_wait_installed(s, pid) == 0 &&
	    (fd = notify_take(s, pid)) == -ENOSYS)
		snprintf(why, len, "taking the listener needs pidfd_getfd "
		    "(Linux 5.6)");
	else if (fd == -EPERM)
		snprintf(why, len, "pidfd_getfd was refused the listener (it "
		    "needs the right to ptrace the command: Yama or an LSM?)");
	if (fd >= 0) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, PROBE_MS) == 1 &&
		    notify_next(fd, &call) == 0 && call.tid == pid &&
		    notify_reply(fd, call.id, 0) == 0)
			rc = 0;
		close(fd);
	}
	if (rc < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	notify_shared_free(s);
	if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		rc = -1;
	if (rc == 0)
		why[0] = '\0';
	return rc;
}
