/*
 * h-sec-handover: replays the attack on a hand-over that let sendmsg
 * through for a fixed socket number and msghdr address.  It reads its
 * parent's stack pointer from /proc/PPID/syscall, maps a page there if it
 * can, builds a msghdr in it, puts one end of a socketpair on each of the
 * fds 3 to 9 (the numbers such a socket had) and calls sendmsg on each,
 * from that address: 7 calls.  Exit status: 0 if all of them worked, else
 * 10 + errno of the first that failed (11: EPERM, 48: ENOSYS).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

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
	struct msghdr *msg;
	struct iovec *iov;
	char *page = local, byte = 'x';
	uintptr_t sp = parent_sp() & ~(uintptr_t)4095;
	int sv[2], fd, first = 0;
	void *m;

	if (sp != 0 && (m = mmap((void *)sp, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0)) !=
	    MAP_FAILED)
		page = m;
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		return 2;
	msg = (struct msghdr *)page;
	iov = (struct iovec *)(page + 256);
	memset(msg, 0, sizeof(*msg));
	iov->iov_base = &byte;
	iov->iov_len = 1;
	msg->msg_iov = iov;
	msg->msg_iovlen = 1;
	for (fd = 3; fd <= 9; fd++) {
		if (fd != sv[0] && fd != sv[1] && dup2(sv[0], fd) < 0)
			return 2;
		if (sendmsg(fd == sv[1] ? sv[0] : fd, msg, MSG_DONTWAIT) < 0 &&
		    first == 0)
			first = 10 + errno;
	}
	return first;
}
