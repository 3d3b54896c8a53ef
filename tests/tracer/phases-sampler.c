/*
 * phases-sampler.c - tracer/waiting.c on real processes: children blocked
 * in epoll_wait, poll, accept, read on a pipe (from a second thread, and
 * through int $0x80) are seen with the exact call; a busy child, a child
 * in a group stop and a gone process are not.
 */
#include "config.h"

#include "waiting.h"

#include <errno.h>
#include <linux/audit.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../unit/tap.h"

enum mode { M_EPOLL, M_POLL, M_ACCEPT, M_READ, M_THREAD, M_INT80, M_BUSY };

static int pipefd[2];

static void *
reader(void *arg)
{
	char c;

	(void)arg;
	syscall(SYS_read, pipefd[0], &c, 1);
	return NULL;
}

/* The child: blocks (or spins) as mode says, until killed. */
static void __attribute__((noreturn))
child(enum mode mode)
{
	struct sockaddr_in sa;
	struct epoll_event ev;
	struct pollfd pfd;
	pthread_t th;
	volatile unsigned long spin = 0;
	char c;
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	switch (mode) {
	case M_EPOLL:
		fd = epoll_create1(0);
		syscall(SYS_epoll_wait, fd, &ev, 1, -1);
		break;
	case M_POLL:
		pfd.fd = pipefd[0];
		pfd.events = POLLIN;
		syscall(SYS_poll, &pfd, 1, -1);
		break;
	case M_ACCEPT:
		fd = socket(AF_INET, SOCK_STREAM, 0);
		memset(&sa, 0, sizeof(sa));
		sa.sin_family = AF_INET;
		sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
		    listen(fd, 1) < 0)
			_exit(2);
		syscall(SYS_accept, fd, NULL, NULL);
		break;
	case M_READ:
		syscall(SYS_read, pipefd[0], &c, 1);
		break;
	case M_THREAD:
		if (pthread_create(&th, NULL, reader, NULL) != 0)
			_exit(2);
		for (;;)
			spin++;
	case M_INT80:
#if defined(__x86_64__)
		/* i386 read(2) is 3; a NULL buffer: an empty pipe blocks
		 * before anything is copied. */
		__asm__ volatile ("int $0x80" : "=a"(fd) : "a"(3),
		    "b"(pipefd[0]), "c"(0), "d"(1) : "memory");
#endif
		break;
	case M_BUSY:
		for (;;)
			spin++;
	}
	_exit(1);	/* only a signal should end it */
}

static pid_t
start(enum mode mode)
{
	pid_t pid = fork();

	if (pid == 0)
		child(mode);
	return pid;
}

/* Samples pid until a thread is seen blocked, for at most ten seconds. */
static int
sample_until(pid_t pid, struct waiting_thread *w, size_t max)
{
	struct timespec ts = { 0, 20000000 };
	int i, n = 0;

	for (i = 0; i < 500; i++) {
		if ((n = waiting_sample(pid, w, max)) != 0)
			return n;
		nanosleep(&ts, NULL);
	}
	return n;
}

static void
end(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A child blocked in call nr of arch is seen, once, on its main thread. */
static void
check_blocked(enum mode mode, uint32_t arch, int nr)
{
	struct waiting_thread w[4];
	pid_t pid = start(mode);

	CHECK(pid > 0);
	CHECK_EQ_U(sample_until(pid, w, 4), 1);
	CHECK_EQ_U(w[0].tid, pid);
	CHECK_EQ_U(w[0].arch, arch);
	CHECK_EQ_U(w[0].nr, nr);
	/* The single-thread form says the same. */
	memset(w, 0, sizeof(w));
	CHECK_EQ_U(waiting_thread(pid, pid, &w[0]), 1);
	CHECK_EQ_U(w[0].nr, nr);
	end(pid);
}

/* /proc says the process is in state c. */
static int
in_state(pid_t pid, char c)
{
	char path[64], buf[512], *p;
	FILE *f;
	int ok = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL)
		ok = p[1] == ' ' && p[2] == c;
	fclose(f);
	return ok;
}

int
main(void)
{
	struct waiting_thread w[4];
	struct timespec ts = { 0, 1000000 };
	pid_t pid;
	int i, n;

	if (pipe(pipefd) < 0)
		return 99;
	check_blocked(M_EPOLL, AUDIT_ARCH_X86_64, SYS_epoll_wait);
	check_blocked(M_POLL, AUDIT_ARCH_X86_64, SYS_poll);
	check_blocked(M_ACCEPT, AUDIT_ARCH_X86_64, SYS_accept);
	check_blocked(M_READ, AUDIT_ARCH_X86_64, SYS_read);
#if defined(__x86_64__)
	check_blocked(M_INT80, AUDIT_ARCH_I386, 3);
#endif

	/* A second thread blocked while the first spins: that thread only. */
	pid = start(M_THREAD);
	CHECK_EQ_U(sample_until(pid, w, 4), 1);
	CHECK(w[0].tid != pid && w[0].tid > 0);
	CHECK_EQ_U(w[0].nr, SYS_read);
	CHECK_EQ_U(waiting_thread(pid, pid, &w[1]), 0);
	/* Only the first max threads are looked at: the busy one. */
	CHECK_EQ_U(waiting_sample(pid, w, 1), 0);
	end(pid);

	/* Busy: never seen blocked, however often it is sampled. */
	pid = start(M_BUSY);
	for (i = n = 0; i < 200; i++) {
		if (waiting_sample(pid, w, 4) != 0)
			n++;
		nanosleep(&ts, NULL);
	}
	CHECK_EQ_U(n, 0);
	end(pid);

	/* Blocked in read, then stopped: its number is still read's, but it
	 * waits for SIGCONT, not in the call. */
	pid = start(M_READ);
	CHECK_EQ_U(sample_until(pid, w, 4), 1);
	kill(pid, SIGSTOP);
	for (i = 0; i < 500 && !in_state(pid, 'T'); i++)
		nanosleep(&ts, NULL);
	CHECK(in_state(pid, 'T'));
	CHECK_EQ_U(waiting_sample(pid, w, 4), 0);
	kill(pid, SIGCONT);
	CHECK_EQ_U(sample_until(pid, w, 4), 1);
	/* max bounds what is written. */
	CHECK_EQ_U(waiting_sample(pid, w, 0), 0);
	end(pid);

	/* Gone. */
	CHECK_EQ_U(waiting_sample(pid, w, 4), -ESRCH);
	CHECK_EQ_U(waiting_thread(pid, pid, w), -ESRCH);
	return tap_done();
}
