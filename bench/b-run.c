/*
 * b-run.c - the benchmark driver's stopwatch and helpers.
 *
 * Usage:
 *   b-run time [-r] [-t SECS] [-o FILE] -- COMMAND [ARG]...
 *	Run COMMAND, wait for it, and print one line
 *	    wall_ns=N hwm_kb=N maxrss_kb=N status=N
 *	to FILE (appended) or stdout.  wall_ns is CLOCK_MONOTONIC from just
 *	before fork(2) to the reaping wait4(2).  maxrss_kb is wait4's
 *	ru_maxrss: the largest of COMMAND and every descendant it reaped, so
 *	for a tracer it may be the traced program's.  With -r, hwm_kb is
 *	COMMAND's own peak RSS (VmHWM), read at its PTRACE_EVENT_EXIT stop:
 *	b-run seizes COMMAND with PTRACE_O_TRACEEXIT alone, so it stops only
 *	when it exits (and for signals, which are passed on); its children
 *	are not traced.  That works on a tracer too.  hwm_kb is -1 without -r
 *	or if the seize failed.  With -t, COMMAND gets SIGTERM after SECS
 *	seconds and SIGKILL 10 s later, and status is then 124 (as for
 *	timeout(1)).  Exits with COMMAND's status (128+N if killed by
 *	signal N).
 *   b-run port
 *	Print a TCP port on 127.0.0.1 that was free a moment ago.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void
on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static long
read_hwm(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmHWM: %ld", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static int
cmd_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		perror("b-run port");
		return 1;
	}
	printf("%d\n", ntohs(sa.sin_port));
	close(fd);
	return 0;
}

static int
cmd_time(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	const char *out = NULL;
	long hwm = -1, kb;
	int opt, rss = 0, seized = 0, syncp[2], status, sig, event, code;
	unsigned limit = 0, seen = 0;
	struct sigaction sa;
	char go = 'g';
	pid_t pid, w;
	FILE *f;

	while ((opt = getopt(argc, argv, "+rt:o:")) != -1) {
		switch (opt) {
		case 't':
			limit = (unsigned)atoi(optarg);
			break;
		case 'r':
			rss = 1;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: b-run time [-r] [-t SECS] [-o FILE] "
		    "-- CMD...\n");
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: wait4 sees EINTR */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	if (pipe2(syncp, O_CLOEXEC) < 0) {
		perror("b-run: pipe");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0) {
		perror("b-run: fork");
		return 1;
	}
	if (pid == 0) {
		close(syncp[1]);
		if (read(syncp[0], &go, 1) != 1)
			_exit(125);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "b-run: %s: %s\n", argv[optind],
		    strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(syncp[0]);
	if (rss && ptrace(PTRACE_SEIZE, pid, 0L,
	    (long)PTRACE_O_TRACEEXIT) == 0)
		seized = 1;
	else if (rss)
		fprintf(stderr, "b-run: cannot seize %d (%s): no hwm_kb\n",
		    (int)pid, strerror(errno));
	if (write(syncp[1], &go, 1) != 1)
		perror("b-run: write");
	close(syncp[1]);
	alarm(limit);
	for (;;) {
		w = wait4(pid, &status, __WALL, &ru);
		if (w < 0 && errno == EINTR) {
			if (alarms > seen) {
				seen = alarms;
				fprintf(stderr, "b-run: %s ran over %u s: %s\n",
				    argv[optind], limit,
				    seen == 1 ? "SIGTERM" : "SIGKILL");
				kill(pid, seen == 1 ? SIGTERM : SIGKILL);
				alarm(10);
			}
			continue;
		}
		if (w < 0) {
			perror("b-run: wait4");
			return 1;
		}
		if (!WIFSTOPPED(status))
			break;
		sig = WSTOPSIG(status);
		event = (unsigned)status >> 16;
		if (event == PTRACE_EVENT_EXIT) {
			if ((kb = read_hwm(pid)) > hwm)
				hwm = kb;
			sig = 0;
		} else if (event == PTRACE_EVENT_STOP) {
			if (sig == SIGSTOP || sig == SIGTSTP ||
			    sig == SIGTTIN || sig == SIGTTOU) {
				ptrace(PTRACE_LISTEN, pid, 0L, 0L);
				continue;
			}
			sig = 0;
		} else if (event != 0)
			sig = 0;
		ptrace(PTRACE_CONT, pid, 0L, (long)sig);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	(void)seized;
	code = WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
	if (seen > 0)
		code = 124;
	f = out ? fopen(out, "ae") : stdout;
	if (f == NULL) {
		perror(out);
		return 1;
	}
	fprintf(f, "wall_ns=%lld hwm_kb=%ld maxrss_kb=%ld status=%d\n",
	    (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL +
	    (t1.tv_nsec - t0.tv_nsec), hwm, ru.ru_maxrss, code);
	if (out)
		fclose(f);
	else
		fflush(f);
	return code;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "port") == 0)
		return cmd_port();
	if (argc >= 2 && strcmp(argv[1], "time") == 0)
		return cmd_time(argc - 1, argv + 1);
	fprintf(stderr, "usage: b-run time [-r] [-t SECS] [-o FILE] -- "
	    "COMMAND...\n"
	    "       b-run port\n");
	return 2;
}
