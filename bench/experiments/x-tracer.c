/*
 * x-tracer.c - an experiment, not part of sctui: a minimal one-stop
 * (SECCOMP_RET_TRACE) tracer whose way of waiting for the next ptrace stop
 * can be changed, to measure what a stop costs when the tracer must be
 * woken on the other vCPU, and what avoids it.  doc/performance.md says
 * what was measured with it.
 *
 * Usage: x-tracer [-b] [-s US] [-f N] [-a CPU] [-P] -- COMMAND [ARG]...
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
 * Each stop costs one PTRACE_GET_SYSCALL_INFO and one PTRACE_CONT, as in
 * sctui.  At the end it prints on stderr: stops, syscalls, CPU moves.
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
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int opt_block, opt_follow, opt_pin_tracer = -1, opt_pin_both;
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

/* The CPU tid last ran on: field 39 of /proc/TID/stat. */
static int
task_cpu(pid_t tid)
{
	char path[64], buf[1024], *p;
	int fd, i, cpu = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	/* p + 2 is field 3; field 39 is 36 fields further. */
	p += 2;
	for (i = 3; i < 39 && p != NULL; i++)
		if ((p = strchr(p, ' ')) != NULL)
			p++;
	if (p != NULL)
		cpu = atoi(p);
	return cpu;
}

static void
follow(pid_t tid)
{
	int cpu;

	if (opt_follow <= 0 || stops % (unsigned long)opt_follow != 0)
		return;
	if ((cpu = task_cpu(tid)) >= 0 && cpu != cur_cpu) {
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

	while ((opt = getopt(argc, argv, "+bs:f:a:P")) != -1) {
		switch (opt) {
		case 'b': opt_block = 1; break;
		case 's': opt_spin_us = atol(optarg); break;
		case 'f': opt_follow = atoi(optarg); break;
		case 'a': opt_pin_tracer = atoi(optarg); break;
		case 'P': opt_pin_both = 1; break;
		default: return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: x-tracer [-b] [-s US] [-f N] [-a CPU] "
		    "[-P] -- COMMAND...\n");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (opt_pin_both)
		pin(0, 0);	/* inherited by the child */
	if (opt_pin_tracer >= 0)
		pin(0, opt_pin_tracer);
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
