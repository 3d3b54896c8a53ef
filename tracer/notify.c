/*
 * notify.c - seccomp user notification; see notify.h.
 *
 * The hand-over: the child installs the filter and must then give sctui the
 * listener, with a call (sendmsg) that the profile may well lack, which
 * would wait on a listener nobody holds yet.  So the filter starts with a
 * prologue that allows exactly that one call: sendmsg on this socket, from
 * this msghdr address, on the native arch; the child writes both values
 * into the prologue just before installing it.  The socket is close-on-exec
 * and the address is the child's stack before exec, so the program itself
 * can never match it; everything else falls through to the profile.
 */
#include "config.h"
#include "notify.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xalloc.h"

#if defined(__x86_64__)
#define NATIVE_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH	AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ARCH	AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE_ARCH	AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define NATIVE_ARCH	AUDIT_ARCH_S390X
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LO	0
#define HI	4
#else
#define LO	4
#define HI	0
#endif

#define ARG(i)	(offsetof(struct seccomp_data, args) + 8 * (i))

/* The prologue's length and the places the child patches. */
#define PRO_LEN		11
#define PRO_SOCK	5
#define PRO_PTR_LO	7
#define PRO_PTR_HI	9

struct sock_filter *
notify_filter(const struct sock_filter *filter, size_t len, size_t *outlen)
{
#ifdef NATIVE_ARCH
	const struct sock_filter pro[PRO_LEN] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 9),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_sendmsg, 0, 7),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(0) + LO),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 5),	/* socket */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(1) + LO),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 3),	/* &msg */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(1) + HI),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter *f;
	size_t i;

	if (len == 0 || len + PRO_LEN > BPF_MAXINSNS)
		return NULL;
	f = xreallocarray(NULL, len + PRO_LEN, sizeof(*f));
	memcpy(f, pro, sizeof(pro));
	xmemcpy(f + PRO_LEN, filter, len * sizeof(*f));
	for (i = PRO_LEN; i < len + PRO_LEN; i++)
		if (f[i].code == (BPF_RET | BPF_K) &&
		    (f[i].k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE)
			f[i].k = SECCOMP_RET_USER_NOTIF;
	*outlen = len + PRO_LEN;
	return f;
#else
	(void)filter;
	(void)len;
	(void)outlen;
	return NULL;
#endif
}

/* The one-byte message that carries one fd, both ways. */
union fdctl {
	char		buf[CMSG_SPACE(sizeof(int))];
	struct cmsghdr	align;
};

static void
fdmsg(struct msghdr *msg, struct iovec *iov, char *byte, union fdctl *u)
{
	memset(msg, 0, sizeof(*msg));
	memset(u, 0, sizeof(*u));
	iov->iov_base = byte;
	iov->iov_len = 1;
	msg->msg_iov = iov;
	msg->msg_iovlen = 1;
	msg->msg_control = u->buf;
	msg->msg_controllen = sizeof(u->buf);
}

int
notify_handover(struct sock_filter *f, size_t n, int sock)
{
	struct sock_fprog prog = { (unsigned short)n, f };
	struct cmsghdr *cm;
	struct msghdr msg;
	struct iovec iov;
	union fdctl u;
	char byte = 'L';
	int fd;

	fdmsg(&msg, &iov, &byte, &u);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));

	f[PRO_SOCK].k = (uint32_t)sock;
	f[PRO_PTR_LO].k = (uint32_t)(uintptr_t)&msg;
	f[PRO_PTR_HI].k = (uint32_t)((uint64_t)(uintptr_t)&msg >> 32);
	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (fd < 0)
		return -errno;
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	if (sendmsg(sock, &msg, MSG_NOSIGNAL) < 0)
		return -errno;
	/* The listener is close-on-exec: exec drops the child's copy. */
	return 0;
}

int
notify_receive_fd(int sock)
{
	struct cmsghdr *cm;
	struct msghdr msg;
	struct iovec iov;
	union fdctl u;
	char byte;
	ssize_t n;
	int fd;

	fdmsg(&msg, &iov, &byte, &u);
	while ((n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC)) < 0 &&
	    errno == EINTR)
		;
	if (n < 0)
		return -errno;
	cm = CMSG_FIRSTHDR(&msg);
	if (n == 0 || cm == NULL || cm->cmsg_type != SCM_RIGHTS ||
	    cm->cmsg_len != CMSG_LEN(sizeof(int)))
		return -EPIPE;	/* the child failed before sending it */
	memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
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
	memcpy(call->args, u.n.data.args, sizeof(call->args));
	return 0;
}

int
notify_reply(int fd, uint64_t id, int err)
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
	if (err != 0)
		u.r.error = -err;
	else
		u.r.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	return ioctl_retry(fd, SECCOMP_IOCTL_NOTIF_SEND, &u);
}

/* ---- probe ----------------------------------------------------------- */

#define PROBE_MS	5000	/* the child needs microseconds; a bound */

static void
probe_child(struct sock_filter *f, size_t n, int sock, pid_t parent)
{
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		_exit(2);
	if (notify_handover(f, n, sock) < 0)
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
	struct notify_call call;
	struct pollfd pfd;
	struct sock_filter *f;
	size_t n;
	int sv[2], fd = -1, status = 0, rc = -1;
	pid_t pid, self = getpid();

	snprintf(why, len, "seccomp user notification is not available "
	    "(it needs Linux 5.5)");
	if ((f = notify_filter(getppid_only, 4, &n)) == NULL) {
		snprintf(why, len, "seccomp user notification is not "
		    "supported on this architecture yet");
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		free(f);
		return -1;
	}
	if ((pid = fork()) == 0) {
		close(sv[0]);
		probe_child(f, n, sv[1], self);
	}
	close(sv[1]);
	free(f);
	if (pid < 0) {
		close(sv[0]);
		return -1;
	}
	if ((fd = notify_receive_fd(sv[0])) >= 0) {
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, PROBE_MS) == 1 && notify_next(fd, &call) == 0 &&
		    call.tid == pid && notify_reply(fd, call.id, 0) == 0)
			rc = 0;
		close(fd);
	}
	close(sv[0]);
	if (rc < 0)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (rc == 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		rc = -1;
	if (rc == 0)
		why[0] = '\0';
	return rc;
}
