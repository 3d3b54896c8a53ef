/*
 * x-tracer.c - an experiment, not part of sctui: a minimal one-stop
 * (SECCOMP_RET_TRACE) tracer whose way of waiting for the next ptrace stop
 * can be changed, to measure what a stop costs when the tracer must be
 * woken on the other vCPU, and what avoids it.  doc/performance.md says
 * what was measured with it.
 *
 * Usage: x-tracer [-b] [-s US] [-f N] [-a CPU] [-P] [-n [-S] [-p]]
 *                 -- COMMAND [ARG]...
 *   (default)  sctui's loop: reap with wait4(__WALL|WNOHANG) until nothing
 *              is pending, then sleep in poll(2) on a SIGCHLD signalfd.
 *   -b         sleep in a blocking wait4(__WALL) instead of poll(2).
 *   -s US      before sleeping, keep trying wait4(WNOHANG) for up to US
 *              microseconds (spin), so a stop that comes soon is taken
 *              without the tracer being put to sleep and woken.
 *   -f N       follow: every N stops, read the stopped thread's CPU from
 *              /proc/TID/stat and move the tracer (never the tracee) there
 *              with sched_setaffinity(2).  N=1: at every stop.
 *   -a CPU     pin the tracer (only) to CPU.
 *   -P         pin the tracer and the tracee to CPU 0 (a reference: a
 *              tracer must not do that, the tracee can see its affinity).
 *   -n         no ptrace: the filter sends every call to x-tracer through
 *              seccomp user notification (SECCOMP_RET_USER_NOTIF), which
 *              answers each with SECCOMP_USER_NOTIF_FLAG_CONTINUE; the
 *              listener reaches x-tracer through pidfd_getfd(2).
 *   -S         with -n: SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (Linux 6.6), so
 *              each side is woken on the CPU of the side that woke it.
 *   -p         with -n: poll(2) the listener before each RECV (a blocking
 *              RECV is woken by a semaphore, which the flag above skips).
 * Each stop costs one PTRACE_GET_SYSCALL_INFO and one PTRACE_CONT, as in
 * sctui; each notification one NOTIF_RECV and one NOTIF_SEND.  At the end it prints on stderr: stops, syscalls, CPU moves.
 * Exits with COMMAND's status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"		/* its SECCOMP_* constants only */
#include "place.h"

static int opt_block, opt_follow, opt_pin_tracer = -1, opt_pin_both;
static int opt_notify, opt_sync, opt_poll;
static volatile sig_atomic_t root_done;
static long opt_spin_us;
static unsigned long stops, syscalls, moves;
static int cur_cpu = -1;

static long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void
pin(pid_t pid, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(pid, sizeof(set), &set) < 0)
		perror("x-tracer: sched_setaffinity");
}

static void
follow(pid_t tid)
{
	int cpu;

	if (opt_follow <= 0 || stops % (unsigned long)opt_follow != 0)
		return;
	if ((cpu = place_task_cpu(tid)) >= 0 && cpu != cur_cpu) {
		pin(0, cpu);
		cur_cpu = cpu;
		moves++;
	}
}

static void
handle(pid_t tid, int status)
{
	struct __ptrace_syscall_info info;
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

	if (!WIFSTOPPED(status))
		return;
	stops++;
	if (event == PTRACE_EVENT_SECCOMP) {
		if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, (long)sizeof(info),
		    &info) > 0)
			syscalls++;
		follow(tid);
		sig = 0;
	} else if (event != 0)
		sig = 0;
	else if (sig == (SIGTRAP | 0x80))
		sig = 0;
	ptrace(PTRACE_CONT, tid, 0L, (long)sig);
}

static void
on_alarm(int sig)
{
	(void)sig;
}

struct waiter {
	pthread_t	main;
	pid_t		root;
	int		status;
};

/* Reaps the command (its children are its own), then wakes the loop. */
static void *
wait_root(void *arg)
{
	struct waiter *w = arg;

	while (waitpid(w->root, &w->status, __WALL) < 0 && errno == EINTR)
		;
	root_done = 1;
	pthread_kill(w->main, SIGUSR1);
	return NULL;
}

/* Answers every notification until the command is reaped. */
static int
notify_loop(pid_t root, int listener)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	struct sigaction sa;
	struct waiter w = { pthread_self(), root, 0 };
	struct pollfd pfd = { listener, POLLIN, 0 };
	pthread_t th;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: RECV returns EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	if (opt_sync && ioctl(listener, SECCOMP_IOCTL_NOTIF_SET_FLAGS,
	    (unsigned long long)SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP, 0) < 0)
		perror("x-tracer: SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP");
	pthread_create(&th, NULL, wait_root, &w);
	while (!root_done) {
		if (opt_poll && poll(&pfd, 1, -1) < 0)
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			continue;	/* EINTR, or ENOENT: the caller died */
		stops++;
		syscalls++;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
	pthread_join(th, NULL);
	fprintf(stderr, "x-tracer: %lu notifications\n", stops);
	return WIFEXITED(w.status) ? WEXITSTATUS(w.status) :
	    128 + WTERMSIG(w.status);
}

/*
 * The child tells its listener's fd number before it installs the filter
 * (the lowest free fd, which a dup() finds), then its next call waits for
 * an answer; meanwhile x-tracer takes the fd with pidfd_getfd(2).
 */
static int
notify_run(char **argv)
{
	struct sock_filter all = BPF_STMT(BPF_RET | BPF_K,
	    SECCOMP_RET_USER_NOTIF);
	struct sock_fprog prog = { 1, &all };
	int p[2], fd = -1, pidfd, listener = -1;
	pid_t root;

	if (pipe2(p, O_CLOEXEC) < 0 || (root = fork()) < 0) {
		perror("x-tracer");
		return 1;
	}
	if (root == 0) {
		if ((fd = dup(0)) < 0 || close(fd) < 0 ||
		    write(p[1], &fd, sizeof(fd)) != sizeof(fd))
			_exit(125);
		if ((geteuid() != 0 &&
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog) != fd)
			_exit(125);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &fd, sizeof(fd)) != sizeof(fd) ||
	    (pidfd = (int)syscall(SYS_pidfd_open, root, 0)) < 0) {
		perror("x-tracer: pidfd_open");
		return 1;
	}
	/* Until the child has made the listener (a few microseconds). */
	while (listener < 0 && waitpid(root, NULL, WNOHANG) == 0)
		listener = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	if (listener < 0) {
		perror("x-tracer: pidfd_getfd");
		return 1;
	}
	return notify_loop(root, listener);
}

int
main(int argc, char **argv)
{
	struct sock_filter all = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	struct sock_fprog prog = { 1, &all };
	struct signalfd_siginfo si;
	struct pollfd pfd;
	int opt, syncp[2], status, root_status = 0, sfd;
	long deadline;
	sigset_t set;
	pid_t root, tid;
	char go = 'g';

	while ((opt = getopt(argc, argv, "+bs:f:a:PnSp")) != -1) {
		switch (opt) {
		case 'b': opt_block = 1; break;
		case 's': opt_spin_us = atol(optarg); break;
		case 'f': opt_follow = atoi(optarg); break;
		case 'a': opt_pin_tracer = atoi(optarg); break;
		case 'P': opt_pin_both = 1; break;
		case 'n': opt_notify = 1; break;
		case 'S': opt_sync = 1; break;
		case 'p': opt_poll = 1; break;
		default: return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: x-tracer [-b] [-s US] [-f N] [-a CPU] "
		    "[-P] [-n [-S] [-p]] -- COMMAND...\n");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (opt_pin_both)
		pin(0, 0);	/* inherited by the child */
	if (opt_pin_tracer >= 0)
		pin(0, opt_pin_tracer);
	if (opt_notify)
		return notify_run(argv + optind);
	if (pipe2(syncp, O_CLOEXEC) < 0 || (root = fork()) < 0) {
		perror("x-tracer");
		return 1;
	}
	if (root == 0) {
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		if (read(syncp[0], &go, 1) != 1)
			_exit(125);
		if ((geteuid() != 0 &&
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(125);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	if (opt_pin_tracer >= 0 && !opt_pin_both) {
		/* The child inherited the tracer's pin: give it every CPU. */
		cpu_set_t allset;

		sched_getaffinity(1, sizeof(allset), &allset);
		sched_setaffinity(root, sizeof(allset), &allset);
	}
	if (ptrace(PTRACE_SEIZE, root, 0L, (long)(PTRACE_O_TRACESYSGOOD |
	    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
	    PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL |
	    PTRACE_O_TRACESECCOMP)) < 0) {
		perror("x-tracer: PTRACE_SEIZE");
		kill(root, SIGKILL);
		return 1;
	}
	if (write(syncp[1], &go, 1) != 1)
		return 1;
	close(syncp[0]);
	close(syncp[1]);
	sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	pfd.fd = sfd;
	pfd.events = POLLIN;
	for (;;) {
		tid = wait4(-1, &status, __WALL | (opt_block ? 0 : WNOHANG),
		    NULL);
		if (tid == 0 && opt_spin_us > 0) {
			deadline = now_us() + opt_spin_us;
			do
				tid = wait4(-1, &status, __WALL | WNOHANG,
				    NULL);
			while (tid == 0 && now_us() < deadline);
		}
		if (tid > 0) {
			if (tid == root && (WIFEXITED(status) ||
			    WIFSIGNALED(status)))
				root_status = status;
			handle(tid, status);
			continue;
		}
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			break;	/* ECHILD: every tracee is gone */
		}
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			break;
		while (read(sfd, &si, sizeof(si)) == sizeof(si))
			;
	}
	fprintf(stderr, "x-tracer: %lu stops, %lu syscalls, %lu CPU moves\n",
	    stops, syscalls, moves);
	return WIFEXITED(root_status) ? WEXITSTATUS(root_status) :
	    128 + WTERMSIG(root_status);
}
