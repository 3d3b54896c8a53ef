/*
 * waiting.c - threads blocked in a call, sampled from /proc; see waiting.h.
 */
#include "config.h"
#include "waiting.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* The machine's own arch, for the calls not told apart below. */
#if defined(__x86_64__)
#define WAITING_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define WAITING_ARCH	AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define WAITING_ARCH	AUDIT_ARCH_I386
#else
#define WAITING_ARCH	0	/* not ported: reported as arch 0 */
#endif

/*
 * Reads the small /proc file path into buf (len bytes, NUL-ended).
 * Returns the length or -errno.
 */
static ssize_t
read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, err;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	err = errno;
	close(fd);
	if (n < 0)
		return -err;
	buf[n] = '\0';
	return n;
}

/*
 * Where a sleeping thread sleeps, if it is sctui's doing or a stop rather
 * than a call of the program's: a ptrace stop, a group stop, the freezer,
 * or the wait for a seccomp user notification's answer.
 */
static int
wchan_not_waiting(const char *wchan)
{
	return strcmp(wchan, "ptrace_stop") == 0 ||
	    strcmp(wchan, "do_signal_stop") == 0 ||
	    strncmp(wchan, "__refrigerator", 14) == 0 ||
	    strncmp(wchan, "seccomp_", 8) == 0;
}

/*
 * The arch tid entered the call nr with, from the two bytes before its
 * return address pc: "int $0x80" is i386 on x86_64.  Unreadable: the
 * machine's own.
 */
static uint32_t
call_arch(pid_t tid, unsigned long pc)
{
#if defined(__x86_64__)
	unsigned char insn[2];
	struct iovec local = { insn, sizeof(insn) };
	struct iovec remote = { (void *)(pc - 2), sizeof(insn) };

	if (pc >= 2 && process_vm_readv(tid, &local, 1, &remote, 1, 0) ==
	    (ssize_t)sizeof(insn) && insn[0] == 0xcd && insn[1] == 0x80)
		return AUDIT_ARCH_I386;
#else
	(void)tid;
	(void)pc;
#endif
	return WAITING_ARCH;
}

int
waiting_thread(pid_t tgid, pid_t tid, struct waiting_thread *w)
{
	char path[64], buf[256], *p, *end;
	unsigned long pc;
	long nr;
	ssize_t n;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)tgid,
	    (int)tid);
	if ((n = read_small(path, buf, sizeof(buf))) < 0)
		return n == -ENOENT ? -ESRCH : (int)n;
	/* "running", or "-1 SP PC" for a thread in user space. */
	nr = strtol(buf, &end, 10);
	if (end == buf || nr < 0)
		return 0;
	/* nr, six arguments, the stack pointer, then the return address. */
	for (p = end, i = 0; i < 7 && p != NULL; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return 0;
	pc = strtoul(p + 1, NULL, 16);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/wchan", (int)tgid,
	    (int)tid);
	if ((n = read_small(path, buf, sizeof(buf))) < 0)
		return n == -ENOENT ? -ESRCH : (int)n;
	/* "0": it woke up meanwhile. */
	if (strcmp(buf, "0") == 0 || wchan_not_waiting(buf))
		return 0;
	w->tid = tid;
	w->nr = (int32_t)nr;
	w->arch = call_arch(tid, pc);
	return 1;
}

/* Layout of a getdents64(2) record. */
struct waiting_dirent {
	uint64_t	ino;
	int64_t		off;
	unsigned short	reclen;
	unsigned char	type;
	char		name[];
};

int
waiting_sample(pid_t tgid, struct waiting_thread *out, size_t max)
{
	char path[64], buf[4096];
	struct waiting_dirent *d;
	size_t found = 0, seen = 0;
	long len = 0, o;
	pid_t tid;
	int fd, rc, err;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	/* getdents64 rather than opendir(3): no allocation. */
	while (seen < max &&
	    (len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (o = 0; o < len && seen < max; o += d->reclen) {
			d = (struct waiting_dirent *)(buf + o);
			if ((tid = (pid_t)atoi(d->name)) <= 0)
				continue;
			seen++;
			rc = waiting_thread(tgid, tid, &out[found]);
			if (rc == -EACCES || rc == -EPERM) {
				close(fd);
				return rc;
			}
			if (rc == 1)
				found++;
		}
	err = errno;
	close(fd);
	return len < 0 ? -err : (int)found;
}
