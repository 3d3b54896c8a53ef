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
 *   b-run keys [-n N] [-w SECS] SOCKET SESSION KEY TEXT CLOSEKEY
 *	Key latency in a tmux pane: attach to SESSION of the tmux server
 *	`tmux -L SOCKET` as a control-mode client (tmux -C, one process for
 *	the whole measurement, so no tmux client is started per poll), then
 *	N times (default 9): send KEY (send-keys), and time until the pane's
 *	output (a %output notification) contains TEXT; print "key NS", or
 *	"key lost" if it did not come within SECS (default 30).  Then send
 *	CLOSEKEY, poll capture-pane until TEXT is gone, and time one more
 *	command's round trip through tmux ("rtt NS"): what the figure
 *	carries from tmux itself.  TEXT must be printable ASCII without a
 *	backslash (tmux escapes the others in %output).  Exits 0 if every
 *	press was seen, 1 otherwise.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
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

/* ---- b-run keys: a tmux control-mode client ---------------------- */

struct ctl {
	int	 in, out;	/* tmux's stdin (we write), stdout (we read) */
	char	*buf;
	size_t	 len, cap;
	int	 inblock;	/* between %begin and %end */
	size_t	 sent;	/* commands sent, the attach included */
	size_t	 blocks;	/* command replies ended so far */
	char	*reply;		/* text of the last one */
	size_t	 rlen, rcap;
};

static long long
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Sends "CMD -t SESSION ARG". */
static void
ctl_send(struct ctl *c, const char *cmd, const char *sess, const char *arg)
{
	char line[512];
	int n;

	n = snprintf(line, sizeof(line), "%s -t %s %s\n", cmd, sess, arg);
	if (n < 0 || (size_t)n >= sizeof(line) ||
	    write(c->in, line, (size_t)n) != n) {
		fprintf(stderr, "b-run keys: cannot talk to tmux\n");
		exit(1);
	}
	c->sent++;
}

static void
append(char **p, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		if ((*p = realloc(*p, *cap)) == NULL) {
			perror("b-run keys");
			exit(1);
		}
	}
	memcpy(*p + *len, s, n);
	*len += n;
	(*p)[*len] = '\0';
}

/*
 * Reads one line (without its newline) into *line, waiting at most until
 * the deadline (ns, CLOCK_MONOTONIC).  Returns its length, or -1 at the
 * deadline or when tmux is gone.  Command replies are collected on the way.
 */
static long
ctl_line(struct ctl *c, char **line, long long deadline)
{
	char tmp[65536], *nl;
	struct pollfd pfd;
	long long left;
	ssize_t n;
	size_t l;

	while ((nl = memchr(c->buf, '\n', c->len)) == NULL) {
		left = deadline - mono_ns();
		if (left <= 0)
			return -1;
		pfd.fd = c->out;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)(left / 1000000) + 1) <= 0)
			continue;
		if ((n = read(c->out, tmp, sizeof(tmp))) <= 0)
			return -1;
		append(&c->buf, &c->len, &c->cap, tmp, (size_t)n);
	}
	l = (size_t)(nl - c->buf);
	*nl = '\0';
	*line = c->buf;
	if (c->inblock) {
		if (strncmp(c->buf, "%end", 4) == 0 ||
		    strncmp(c->buf, "%error", 6) == 0) {
			c->inblock = 0;
			c->blocks++;
		} else {
			append(&c->reply, &c->rlen, &c->rcap, c->buf, l);
			append(&c->reply, &c->rlen, &c->rcap, "\n", 1);
		}
	} else if (strncmp(c->buf, "%begin", 6) == 0) {
		c->inblock = 1;
		c->rlen = 0;
		if (c->reply != NULL)
			c->reply[0] = '\0';
	}
	return (long)l;
}

/* Consumes what is read so far up to and including the last line. */
static void
ctl_consume(struct ctl *c, long l)
{
	c->len -= (size_t)l + 1;
	memmove(c->buf, c->buf + l + 1, c->len);
}

/*
 * Runs a command; returns 0 once its reply, and every earlier one, ended
 * (its text in c->reply), -1 at the deadline.
 */
static int
ctl_run(struct ctl *c, const char *cmd, const char *sess, const char *arg,
    long long deadline)
{
	char *line;
	long l;

	ctl_send(c, cmd, sess, arg);
	while (c->blocks < c->sent) {
		if ((l = ctl_line(c, &line, deadline)) < 0)
			return -1;
		ctl_consume(c, l);
	}
	return 0;
}

static int
cmd_keys(int argc, char **argv)
{
	const char *sock, *sess, *key, *text, *close_key;
	int opt, n = 9, wait_s = 30, i, to[2], from[2], bad = 0, seen;
	long long t0, deadline;
	struct ctl c;
	char *line;
	pid_t pid;
	long l;

	while ((opt = getopt(argc, argv, "+n:w:")) != -1) {
		switch (opt) {
		case 'n':
			n = atoi(optarg);
			break;
		case 'w':
			wait_s = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 5) {
		fprintf(stderr, "usage: b-run keys [-n N] [-w SECS] SOCKET "
		    "SESSION KEY TEXT CLOSEKEY\n");
		return 2;
	}
	sock = argv[optind];
	sess = argv[optind + 1];
	key = argv[optind + 2];
	text = argv[optind + 3];
	close_key = argv[optind + 4];
	if (pipe2(to, O_CLOEXEC) < 0 || pipe2(from, O_CLOEXEC) < 0) {
		perror("b-run keys: pipe");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((pid = fork()) < 0) {
		perror("b-run keys: fork");
		return 1;
	}
	if (pid == 0) {
		dup2(to[0], STDIN_FILENO);
		dup2(from[1], STDOUT_FILENO);
		execlp("tmux", "tmux", "-L", sock, "-f", "/dev/null", "-C",
		    "attach", "-t", sess, (char *)NULL);
		fprintf(stderr, "b-run keys: tmux: %s\n", strerror(errno));
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	memset(&c, 0, sizeof(c));
	c.in = to[1];
	c.out = from[0];
	c.sent = 1;	/* the attach answers too */
	/* In step with tmux: every reply so far read. */
	if (ctl_run(&c, "display-message", sess, "-p ok",
	    mono_ns() + wait_s * 1000000000LL) < 0) {
		fprintf(stderr, "b-run keys: no answer from tmux session %s\n",
		    sess);
		return 1;
	}
	for (i = 0; i < n; i++) {
		t0 = mono_ns();
		deadline = t0 + wait_s * 1000000000LL;
		ctl_send(&c, "send-keys", sess, key);
		seen = 0;
		while ((l = ctl_line(&c, &line, deadline)) >= 0) {
			seen = strncmp(line, "%output ", 8) == 0 &&
			    strstr(line, text) != NULL;
			ctl_consume(&c, l);
			if (seen)
				break;
		}
		if (seen)
			printf("key %lld\n", mono_ns() - t0);
		else {
			printf("key lost\n");
			bad = 1;
		}
		fflush(stdout);
		/* Closed: TEXT no longer on the screen. */
		deadline = mono_ns() + wait_s * 1000000000LL;
		if (ctl_run(&c, "send-keys", sess, close_key,
		    deadline) < 0)
			break;
		do {
			if (ctl_run(&c, "capture-pane", sess, "-p",
			    deadline) < 0) {
				fprintf(stderr, "b-run keys: '%s' stayed on "
				    "the screen\n", text);
				bad = 1;
				goto out;
			}
		} while (strstr(c.reply != NULL ? c.reply : "", text) != NULL);
		t0 = mono_ns();
		if (ctl_run(&c, "display-message", sess, "-p ok",
		    deadline) == 0)
			printf("rtt %lld\n", mono_ns() - t0);
	}
out:
	close(c.in);	/* detaches the control client */
	waitpid(pid, NULL, 0);
	free(c.buf);
	free(c.reply);
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "port") == 0)
		return cmd_port();
	if (argc >= 2 && strcmp(argv[1], "time") == 0)
		return cmd_time(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "keys") == 0)
		return cmd_keys(argc - 1, argv + 1);
	fprintf(stderr, "usage: b-run time [-r] [-t SECS] [-o FILE] -- "
	    "COMMAND...\n"
	    "       b-run port\n"
	    "       b-run keys [-n N] [-w SECS] SOCKET SESSION KEY TEXT "
	    "CLOSEKEY\n");
	return 2;
}
