/*
 * h-sec-handover: replays the attack on a listener hand-over that let
 * sendmsg through for one socket number and one msghdr address (the
 * child's stack before exec, which is sctui's tracer thread's stack).  It
 * reads its parent's stack pointer from /proc/PPID/syscall, maps the
 * pages around it that are free (one below, two above), and from every
 * 8-byte place in them that can hold a msghdr calls sendmsg on each of the
 * fds 3 to 15, each a datagram socket.  It prints the number of calls
 * made, and exits 0 if all of them worked (a full socket, EAGAIN, counts
 * as worked), else 10 + errno of the first that failed (11: EPERM, 48:
 * ENOSYS).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#define PAGES	4	/* the parent's stack page, one below, two above */
#define FD_MAX	15

/* The parent's stack pointer (field 8 of /proc/PPID/syscall), or 0. */
static uintptr_t
parent_sp(void)
{
	char path[64], buf[512], *p;
	unsigned long long sp = 0;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)getppid());
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	for (p = buf, i = 0; p != NULL && i < 7; i++)
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	if (p != NULL)
		sscanf(p, "%llx", &sp);
	return (uintptr_t)sp;
}

int
main(void)
{
	static char local[4096];
	static struct iovec iov;
	struct msghdr *msg;
	uintptr_t sp = parent_sp() & ~(uintptr_t)4095;
	char byte = 'x', *pages[PAGES];
	int sv[2], fd, first = 0, n = 0, i;
	size_t off;
	void *m;

	for (i = 0; i < PAGES; i++) {
		pages[i] = local;
		if (sp > 4096 && (m = mmap((void *)(sp - 4096 +
		    (uintptr_t)i * 4096), 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
		    -1, 0)) != MAP_FAILED)
			pages[i] = m;
	}
	/* The pair out of the way, on 100 and 101: 3 to FD_MAX are free. */
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0 ||
	    dup2(sv[0], 100) < 0 || dup2(sv[1], 101) < 0)
		return 2;
	close(sv[0]);
	close(sv[1]);
	for (fd = 3; fd <= FD_MAX; fd++)
		if (dup2(100, fd) < 0)
			return 2;
	iov.iov_base = &byte;
	iov.iov_len = 1;
	for (i = 0; i < PAGES; i++)
		for (off = 0; off + sizeof(*msg) <= 4096; off += 8) {
			msg = (struct msghdr *)(pages[i] + off);
			memset(msg, 0, sizeof(*msg));
			msg->msg_iov = &iov;
			msg->msg_iovlen = 1;
			for (fd = 3; fd <= FD_MAX; fd++) {
				n++;
				if (sendmsg(fd, msg, MSG_DONTWAIT) < 0 &&
				    errno != EAGAIN && first == 0)
					first = 10 + errno;
			}
		}
	printf("%d\n", n);
	return first;
}
