/*
 * tracer.c - spawn or attach, then follow every thread with ptrace(2).
 *
 * One loop: reap every pending stop with wait4(__WALL|WNOHANG), handle it,
 * and only when nothing is pending (and a short spin found nothing either,
 * see spin_wait()) sleep in poll(2) on a SIGCHLD signalfd and the request
 * eventfd.  Each stop is handled with one
 * PTRACE_GET_SYSCALL_INFO and one restart; nothing is allocated per stop.
 *
 * The stop kinds, as ptrace(2) "Stopped states" describes them under
 * PTRACE_SEIZE, and what is done with each:
 *   seccomp stop (PTRACE_EVENT_SECCOMP)   emit SYSCALL; PTRACE_CONT
 *   syscall stop (SIGTRAP|0x80)           emit SYSCALL on entry; PTRACE_SYSCALL
 *   fork/vfork/clone event                announce the child; restart
 *   exec event                            emit EXEC; restart
 *   PTRACE_EVENT_STOP + stop signal       group-stop: PTRACE_LISTEN
 *   PTRACE_EVENT_STOP otherwise           initial or interrupt stop: restart
 *   signal-delivery stop                  emit SIGNAL; restart with the signal
 *
 * TRACER_NOTIFY (a profile's filter, seccomp user notification; see
 * notify.h) has a loop of its own at the end of this file: no ptrace, and
 * only the calls the filter does not allow are seen.
 */
#include "config.h"
#include "tracer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <stddef.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmdpath.h"
#include "guard.h"
#include "notify.h"
#include "tcb.h"
#include "xalloc.h"

/*
 * glibc's <sys/ptrace.h> (2.32 and later) has everything used here,
 * PTRACE_GET_SYSCALL_INFO included; <linux/ptrace.h> would clash with it.
 */

/*
 * EXITKILL only for what we spawn: a program attached with -p must outlive
 * sctui, even a sctui killed with SIGKILL (the kernel then detaches it).
 */
#define SEIZE_OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | \
	PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC)

struct tracer {
	struct tracer_opts	 opts;
	struct sc_sink		 sink;
	struct sock_filter	*filter;
	unsigned short		 filter_len;
	struct sock_filter	*plain;		/* the profile's, unguarded */
	unsigned short		 plain_len;
	int			 listener;	/* NOTIFY: the filter's fd */
	struct notify_shared	*shared;	/* NOTIFY: for the hand-over */
	pid_t			 reap;		/* NOTIFY: the keeper, sctui's
						   child */
	int			 alivefd;	/* NOTIFY: closed when sctui
						   dies (the keeper checks) */
	int			 statusfd;	/* NOTIFY: the command's status,
						   from the keeper */
	uint64_t		 swept_at;	/* NOTIFY: last liveness sweep */
	enum tracer_mode	 mode;
	char			 mode_note[160];
	char			 error[512];
	char			*path;		/* resolved argv[0] */
	struct tcb_table	 tcbs;
	struct idmap		 early;		/* tid -> 1: seen before its
						   parent's fork event */
	pid_t			 root;
	int			 root_status;
	int			 sigfd, reqfd;
	uint32_t		 ncpu;		/* CPUs sctui may run on */
	atomic_uint		 requests;	/* bit (1 << enum tracer_req) */
	_Atomic uint64_t	 signals;	/* bit (1 << sig): to send */
	unsigned		 doing;		/* requests being carried out */
	struct timespec		 kill_at;	/* STOP's grace deadline */
	struct tracer_stats	 stats;
	/* Live what-if: errno per (arch slot, nr); 0 lets the call run. */
	_Atomic unsigned short	 deny[3][1024];
	atomic_int		 ndeny;
	uint32_t		 nown;		/* filters tracees installed */
	uint32_t		 syncing;	/* threads held for a TSYNC */
};

static sigset_t orig_mask;
static int orig_mask_saved;

void
tracer_block_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &set, &orig_mask);
	orig_mask_saved = 1;
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *
tracer_mode_name(enum tracer_mode mode)
{
	return mode == TRACER_SECCOMP ? "seccomp fast path" :
	    mode == TRACER_NOTIFY ? "seccomp user notification" :
	    "ptrace (PTRACE_SYSCALL)";
}

struct tracer *
tracer_new(const struct tracer_opts *opts, const struct sc_sink *sink)
{
	struct tracer *t = xcalloc(1, sizeof(*t));

	t->opts = *opts;
	t->sink = *sink;
	t->sigfd = t->reqfd = t->listener = t->alivefd = t->statusfd = -1;
	t->root_status = -1;
	t->mode = opts->nattach > 0 ? TRACER_SYSCALL : opts->mode;
	if (t->mode == TRACER_NOTIFY && (opts->filter == NULL ||
	    opts->filter_len == 0))
		t->mode = TRACER_SECCOMP;	/* nothing to leave unstopped */
	if (t->opts.stop_signal == 0)
		t->opts.stop_signal = SIGTERM;
	if (t->opts.grace_ms == 0)
		t->opts.grace_ms = 5000;
	if (opts->filter != NULL && opts->filter_len > 0) {
		t->filter_len = (unsigned short)opts->filter_len;
		t->filter = xreallocarray(NULL, opts->filter_len,
		    sizeof(*t->filter));
		xmemcpy(t->filter, opts->filter,
		    opts->filter_len * sizeof(*t->filter));
	}
	return t;
}

void
tracer_free(struct tracer *t)
{
	if (t == NULL)
		return;
	if (t->sigfd >= 0)
		close(t->sigfd);
	if (t->reqfd >= 0)
		close(t->reqfd);
	if (t->listener >= 0)
		close(t->listener);
	if (t->alivefd >= 0)
		close(t->alivefd);
	if (t->statusfd >= 0)
		close(t->statusfd);
	notify_shared_free(t->shared);
	tcb_table_free(&t->tcbs);
	idmap_free(&t->early);
	free(t->filter);
	free(t->plain);
	free(t->path);
	free(t);
}

const char *
tracer_error(const struct tracer *t)
{
	return t->error;
}

enum tracer_mode
tracer_mode(const struct tracer *t)
{
	return t->mode;
}

const char *
tracer_mode_note(const struct tracer *t)
{
	return t->mode_note;
}

const char *
tracer_ownfilter_note(const struct sc_event *ev)
{
	return ev->aux ? "followed with PTRACE_SYSCALL" : "it stacks on the "
	    "profile's, which still sees every call the profile lacks";
}

pid_t
tracer_root(const struct tracer *t)
{
	return t->root;
}

int
tracer_root_status(const struct tracer *t)
{
	return t->root_status;
}

void
tracer_get_stats(const struct tracer *t, struct tracer_stats *s)
{
	*s = t->stats;
	s->tracees = t->tcbs.live;
}

void
tracer_request(struct tracer *t, enum tracer_req req)
{
	uint64_t one = 1;
	ssize_t n;

	atomic_fetch_or(&t->requests, 1u << req);
	if (t->reqfd >= 0)
		n = write(t->reqfd, &one, sizeof(one));
	(void)n;	/* a full counter still wakes the loop */
}

void
tracer_signal(struct tracer *t, int sig)
{
	uint64_t one = 1;
	ssize_t n;

	if (sig <= 0 || sig >= 64)
		return;
	atomic_fetch_or(&t->signals, 1ull << sig);
	if (t->reqfd >= 0)
		n = write(t->reqfd, &one, sizeof(one));
	(void)n;
}

/* ---- /proc helpers ------------------------------------------------- */

/* Reads Tgid, PPid and TracerPid of tid; returns 0 or -errno. */
static int
proc_status(pid_t tid, pid_t *tgid, pid_t *ppid, pid_t *tracer)
{
	char path[64], line[256];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	if ((f = fopen(path, "re")) == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (tgid != NULL && sscanf(line, "Tgid: %d", tgid) == 1)
			found++;
		else if (ppid != NULL && sscanf(line, "PPid: %d", ppid) == 1)
			found++;
		else if (tracer != NULL &&
		    sscanf(line, "TracerPid: %d", tracer) == 1)
			found++;
	}
	fclose(f);
	return found ? 0 : -ESRCH;
}

/*
 * The children of thread tid of pid, as /proc lists them (pid 0: the
 * calling thread's), into pids; returns how many, at most max.  With pid
 * 0 it is async-signal-safe.
 */
static size_t
proc_children(pid_t pid, pid_t tid, pid_t *pids, size_t max)
{
	char path[64] = "/proc/thread-self/children", buf[4096], *p, *end;
	size_t n = 0;
	ssize_t len;
	pid_t kid;
	int fd;

	if (pid != 0)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
		    (int)pid, (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[len > 0 ? len : 0] = '\0';
	for (p = buf; n < max && (kid = (pid_t)strtol(p, &end, 10)) > 0;
	    p = end)
		pids[n++] = kid;
	return n;
}

static void
proc_comm(pid_t tid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		n = 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * Did tid just exec a setuid or setgid program without gaining its
 * privileges?  The kernel never grants them to a process traced by an
 * unprivileged tracer (nor under no_new_privs), so the program runs as
 * the user: what is traced may differ from an untraced run.
 */
static int
setuid_skipped(pid_t tid)
{
	char path[64];
	struct stat st;

	if (geteuid() == 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)tid);
	return stat(path, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID));
}

/* ---- events -------------------------------------------------------- */

static void
emit(struct tracer *t, struct sc_event *ev)
{
	ev->ts = now_ns();
	t->sink.emit(t->sink.ctx, ev);
}

/* An event with no payload but aux: SIGNAL, EXIT. */
static void
emit_aux(struct tracer *t, enum sc_event_kind kind, pid_t tid, pid_t tgid,
    int32_t aux)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = (uint16_t)kind;
	ev.tid = tid;
	ev.tgid = tgid;
	ev.aux = aux;
	emit(t, &ev);
}

static void
announce(struct tracer *t, struct tcb *c, enum sc_event_kind kind,
    uint16_t flags)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = (uint16_t)kind;
	ev.tid = c->tid;
	ev.tgid = c->tgid;
	ev.aux = c->ppid;
	ev.flags = flags;
	if (c->tid != c->tgid)
		ev.flags |= SC_EVF_THREAD;
	if (kind == SC_EV_ATTACH)
		proc_comm(c->tid, ev.u.name, sizeof(ev.u.name));
	else
		memcpy(ev.u.name, c->comm, sizeof(c->comm));
	emit(t, &ev);
	c->flags |= TCB_ANNOUNCED;
}

/* A call c made: SYSCALL, then DENIED if a what-if failed it with err. */
static void
report_call(struct tracer *t, const struct tcb *c, struct sc_event *ev,
    int err)
{
	ev->kind = SC_EV_SYSCALL;
	ev->tid = c->tid;
	ev->tgid = c->tgid;
	ev->aux = 0;
	ev->flags = 0;
	t->stats.syscalls++;
	emit(t, ev);
	if (err != 0) {
		ev->kind = SC_EV_DENIED;
		ev->aux = err;
		emit(t, ev);
	}
}

/* ---- restarting ---------------------------------------------------- */

/*
 * In the fast path, a tracee under a filter of its own, or whose clone3
 * must be checked at its exit, goes on with PTRACE_SYSCALL.  One held for
 * a TSYNC stays stopped until synced() lets it go.
 */
static void
resume(struct tracer *t, pid_t tid, int sig)
{
	int req = PTRACE_SYSCALL;
	struct tcb *c;

	if (t->mode == TRACER_SECCOMP) {
		c = tcb_get(&t->tcbs, tid);
		if (c != NULL && (c->flags & TCB_HELD))
			return;
		if (c != NULL && (c->flags & TCB_TO_SYSCALL))
			c->flags = (c->flags & ~TCB_TO_SYSCALL) | TCB_SYSCALL;
		if (c == NULL || !(c->flags & (TCB_SYSCALL | TCB_EXIT_CHECK)))
			req = PTRACE_CONT;
	}
	/* ESRCH: killed meanwhile (SIGKILL); its exit is reported later. */
	ptrace(req, tid, 0L, (long)sig);
}

static void
detach(struct tracer *t, struct tcb *c, int sig)
{
	ptrace(PTRACE_DETACH, c->tid, 0L, (long)sig);
	tcb_del(&t->tcbs, c);
}

/* ---- spawn --------------------------------------------------------- */

/*
 * Can this kernel run a SECCOMP_RET_TRACE filter?  Tried in a throwaway
 * child so that a failure costs nothing but the fallback.
 */
static int
probe_seccomp(char *why, size_t len)
{
	struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &insn };
	int status;
	pid_t pid;

	if ((pid = fork()) < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(1);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(errno == EINVAL ? 2 : 3);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	snprintf(why, len, "seccomp filters are not available in this kernel "
	    "or container");
	return -1;
}

static void
ptrace_refused(struct tracer *t, const char *call, pid_t pid, int err)
{
	pid_t tracer = 0;
	char by[64] = "";

	if (proc_status(pid, NULL, NULL, &tracer) == 0 && tracer != 0)
		snprintf(by, sizeof(by), "; it is already traced by pid %d "
		    "(strace or gdb?)", (int)tracer);
	snprintf(t->error, sizeof(t->error), "cannot trace pid %d: "
	    "ptrace(%s) failed: %s%s%s", (int)pid, call, strerror(err), by,
	    *by ? "" : "; likely causes: a container without "
	    "CAP_SYS_PTRACE (run it with --cap-add SYS_PTRACE), Yama "
	    "(/proc/sys/kernel/yama/ptrace_scope > 0: run as root or lower "
	    "it), an LSM such as AppArmor, or the process is already traced");
}

static void
child_exec(struct tracer *t, int syncfd)
{
	struct sock_fprog prog;
	struct sock_filter all = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	extern char **environ;
	char go;

	/* Only async-signal-safe calls from here: the parent may be threaded. */
	if (orig_mask_saved)
		sigprocmask(SIG_SETMASK, &orig_mask, NULL);
	if (setsid() < 0)
		_exit(125);	/* a fresh child leads no group: cannot fail */
	if (t->opts.stdin_fd >= 0)
		dup2(t->opts.stdin_fd, 0);
	if (t->opts.stdout_fd >= 0)
		dup2(t->opts.stdout_fd, 1);
	if (t->opts.stderr_fd >= 0)
		dup2(t->opts.stderr_fd, 2);
	/* Failing, it has no controlling terminal at all: safe too. */
	if (t->opts.stdout_ctty)
		(void)ioctl(1, TIOCSCTTY, 0);
	if (t->mode == TRACER_NOTIFY) {
		/* t->shared takes the listener to sctui (notify.h). */
		if ((geteuid() != 0 &&
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
		    notify_install(t->filter, t->filter_len, t->shared) < 0)
			_exit(125);	/* notify_probe() said it would work */
		execve(t->path, t->opts.argv, environ);
		_exit(errno == ENOENT ? 127 : 126);
	}
	/* Wait until the parent has seized us. */
	if (read(syncfd, &go, 1) != 1)
		_exit(125);
	if (t->mode == TRACER_SECCOMP) {
		prog.len = t->filter ? t->filter_len : 1;
		prog.filter = t->filter ? t->filter : &all;
		/*
		 * no_new_privs only when we must: as root it would stop setuid
		 * programs from gaining privileges, changing what is traced.
		 */
		if ((geteuid() != 0 &&
		    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(125);	/* probe_seccomp() said it would work */
	}
	execve(t->path, t->opts.argv, environ);
	/* The root's exit status then tells the batch summary why. */
	_exit(errno == ENOENT ? 127 : 126);
}

/* The command is pid: track and announce it. */
static struct tcb *
add_root(struct tracer *t, pid_t pid)
{
	const char *base = strrchr(t->path, '/');
	struct tcb *c;

	t->root = pid;
	c = tcb_add(&t->tcbs, pid, pid);
	/* The kernel's name for it once it has exec'd: 15 bytes at most. */
	snprintf(c->comm, sizeof(c->comm), "%s", base ? base + 1 : t->path);
	announce(t, c, SC_EV_SPAWN, SC_EVF_ROOT);
	return c;
}

/* Use mode instead of the one asked for; to ends mode_note's reason. */
static void
fall_back(struct tracer *t, enum tracer_mode mode, const char *to)
{
	t->mode = mode;
	strncat(t->mode_note, to, sizeof(t->mode_note) -
	    strlen(t->mode_note) - 1);
}

/*
 * sctui is gone: SIGKILL every process below the keeper, from the top.
 * A killed process's children come to the keeper (it is their subreaper),
 * so it kills its children again after each reap, until none is left.
 */
static void __attribute__((noreturn))
keeper_kill(void)
{
	pid_t pids[512];
	size_t n, i;

	for (;;) {
		n = proc_children(0, 0, pids, sizeof(pids) / sizeof(pids[0]));
		for (i = 0; i < n; i++)
			kill(pids[i], SIGKILL);
		if (waitpid(-1, NULL, __WALL) < 0 && errno == ECHILD)
			_exit(137);
	}
}

/*
 * NOTIFY: no ptrace, so no PTRACE_O_EXITKILL.  What ends the tree with
 * sctui is its keeper: a process sctui forks first, a child subreaper
 * (PR_SET_CHILD_SUBREAPER), so that every process of the tree stays below
 * it, daemons that double-fork included.  It forks the command, reaps
 * orphans, writes the command's wait(2) status to statusfd, and exits once
 * it has no child left.  Other signals it takes and drops: sctui signals
 * the command itself, and a Ctrl-C that reaches sctui's process group
 * must not end the keeper before the tree.  alivefd is the
 * read end of a pipe whose write end only sctui holds: when it reports
 * POLLHUP, sctui is gone (even by SIGKILL), and the keeper kills every
 * process below it before it exits.  The pids stay those of sctui's
 * namespace, so the program's pid files are right.  Only async-signal-safe
 * calls: sctui may be threaded.
 */
static void __attribute__((noreturn))
keeper(struct tracer *t, int alivefd, int statusfd)
{
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	sigset_t all, none;
	pid_t cmd, p;
	int status;

	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &all, NULL);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0 ||
	    (pfd[0].fd = signalfd(-1, &all, SFD_CLOEXEC)) < 0)
		_exit(125);
	if ((cmd = (pid_t)syscall(SYS_clone, SIGCHLD, 0L, 0L, 0L, 0L)) == 0) {
		close(alivefd);
		close(statusfd);
		close(pfd[0].fd);
		sigprocmask(SIG_SETMASK, orig_mask_saved ? &orig_mask : &none,
		    NULL);
		child_exec(t, -1);
	}
	if (cmd < 0)
		_exit(125);
	pfd[0].events = POLLIN;
	pfd[1].fd = alivefd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0)
			continue;
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))
			keeper_kill();
		if (!(pfd[0].revents & POLLIN) ||
		    read(pfd[0].fd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo != SIGCHLD)
			continue;
		while ((p = waitpid(-1, &status, __WALL | WNOHANG)) > 0)
			if (WIFSTOPPED(status))
				ptrace(PTRACE_DETACH, p, 0L, 0L);
			else if (p == cmd) {
				if (write(statusfd, &status,
				    sizeof(status)) < 0)
					keeper_kill();
				cmd = 0;
			}
		if (p < 0 && errno == ECHILD)
			_exit(0);
	}
}

/* NOTIFY: fork the keeper, take over the listener, let the command exec. */
static int
spawn_notify(struct tracer *t)
{
	int alive[2], status[2], rc;
	pid_t pid, cmd;

	if ((t->shared = notify_shared_new()) == NULL ||
	    pipe2(alive, O_CLOEXEC) < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "mmap/pipe: %s",
		    strerror(errno));
		return rc;
	}
	if (pipe2(status, O_CLOEXEC) < 0) {
		rc = -errno;
		close(alive[0]);
		close(alive[1]);
		snprintf(t->error, sizeof(t->error), "pipe: %s",
		    strerror(errno));
		return rc;
	}
	if ((pid = fork()) == 0) {
		close(alive[1]);
		close(status[0]);
		keeper(t, alive[0], status[1]);
	}
	close(alive[0]);
	close(status[1]);
	t->alivefd = alive[1];
	t->statusfd = status[0];
	if (pid < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "fork: %s",
		    strerror(errno));
		return rc;
	}
	t->reap = pid;
	/* The keeper's one child, the command. */
	if ((rc = notify_wait_installed(t->shared, pid)) == 0 &&
	    proc_children(pid, pid, &cmd, 1) != 1)
		rc = -ESRCH;
	if (rc == 0 && (rc = notify_take(t->shared, cmd)) >= 0) {
		t->listener = rc;
		add_root(t, cmd);
		return 0;
	}
	/* The keeper's death ends the command, which may be stuck in a call
	 * on its own listener. */
	close(t->alivefd);
	t->alivefd = -1;
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	t->reap = 0;
	snprintf(t->error, sizeof(t->error), "the command could not install "
	    "the profile's filter with a listener (%s); try --no-notify",
	    strerror(-rc));
	return rc;
}

/*
 * Puts the prologue of kind in front of the profile's filter (guard.h);
 * if it cannot, falls back to mode to and returns -1.
 */
static int
guard(struct tracer *t, enum guard_kind kind, enum tracer_mode to,
    const char *how)
{
	struct sock_filter *nf;
	size_t nlen;

	if ((nf = guard_filter(t->filter, t->filter_len, kind, &nlen)) ==
	    NULL) {
		snprintf(t->mode_note, sizeof(t->mode_note), "the profile's "
		    "filter is too long for a prologue");
		fall_back(t, to, how);
		return -1;
	}
	free(t->plain);
	t->plain = t->filter;
	t->plain_len = t->filter_len;
	t->filter = nf;
	t->filter_len = (unsigned short)nlen;
	return 0;
}

static int
spawn(struct tracer *t)
{
	int syncp[2], rc;
	struct tcb *c;
	pid_t pid;

	rc = cmdpath_resolve(t->opts.argv[0], &t->path);
	if (rc < 0) {
		snprintf(t->error, sizeof(t->error), "%s: %s", t->opts.argv[0],
		    rc == -ENOENT ? "command not found" :
		    rc == -EACCES ? "permission denied (not executable)" :
		    strerror(-rc));
		return rc;
	}
	if (t->mode == TRACER_NOTIFY &&
	    notify_probe(t->mode_note, sizeof(t->mode_note)) < 0)
		fall_back(t, TRACER_SECCOMP,
		    ": following the tree with ptrace instead");
	if (t->mode == TRACER_NOTIFY && guard(t, GUARD_NOTIFY,
	    TRACER_SECCOMP, ": following the tree with ptrace instead") == 0)
		return spawn_notify(t);
	if (t->mode == TRACER_SECCOMP &&
	    probe_seccomp(t->mode_note, sizeof(t->mode_note)) < 0)
		fall_back(t, TRACER_SYSCALL, ": falling back to PTRACE_SYSCALL");
	/* What the profile allows must not hide what decides the trace. */
	if (t->mode == TRACER_SECCOMP && t->filter != NULL)
		guard(t, GUARD_TRACE, TRACER_SYSCALL,
		    ": falling back to PTRACE_SYSCALL");
	if (pipe2(syncp, O_CLOEXEC) < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "pipe: %s", strerror(errno));
		return rc;
	}
	if ((pid = fork()) < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "fork: %s", strerror(errno));
		return rc;
	}
	if (pid == 0) {
		close(syncp[1]);
		child_exec(t, syncp[0]);
	}
	close(syncp[0]);
	if (ptrace(PTRACE_SEIZE, pid, 0L, (long)(SEIZE_OPTIONS |
	    PTRACE_O_EXITKILL |
	    (t->mode == TRACER_SECCOMP ? PTRACE_O_TRACESECCOMP : 0))) < 0) {
		rc = -errno;
		ptrace_refused(t, "PTRACE_SEIZE", pid, errno);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(syncp[1]);
		return rc;
	}
	/* PTRACE_SYSCALL needs a stop to start from: take one now. */
	if (t->mode == TRACER_SYSCALL)
		ptrace(PTRACE_INTERRUPT, pid, 0L, 0L);
	c = add_root(t, pid);
	c->flags |= TCB_PRE_EXEC;
	/* A failed write means the child is gone; its exit is reported. */
	rc = (int)write(syncp[1], "g", 1);
	close(syncp[1]);
	(void)rc;
	return 0;
}

/* ---- attach -------------------------------------------------------- */

static int
attach_thread(struct tracer *t, pid_t tid, pid_t tgid)
{
	struct tcb *c;
	long opts = SEIZE_OPTIONS;

	/* A spawned tree's escapee (adopt()) dies with sctui like the rest. */
	if (t->opts.nattach == 0)
		opts |= PTRACE_O_EXITKILL | (t->mode == TRACER_SECCOMP ?
		    PTRACE_O_TRACESECCOMP : 0);
	if (ptrace(PTRACE_SEIZE, tid, 0L, opts) < 0)
		return -errno;
	ptrace(PTRACE_INTERRUPT, tid, 0L, 0L);
	c = tcb_add(&t->tcbs, tid, tgid);
	if (tid == tgid)
		proc_status(tid, NULL, &c->ppid, NULL);
	announce(t, c, SC_EV_ATTACH, 0);
	return 0;
}

static int
attach_process(struct tracer *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	pid_t tgid, tid;
	int rc, added;
	DIR *dir;

	if (pid <= 1) {
		snprintf(t->error, sizeof(t->error), "refusing to trace pid %d: "
		    "give the pid of the program to trace", (int)pid);
		return -EINVAL;
	}
	if (proc_status(pid, &tgid, NULL, NULL) < 0) {
		snprintf(t->error, sizeof(t->error), "pid %d: no such process",
		    (int)pid);
		return -ESRCH;
	}
	if (tcb_get(&t->tcbs, tgid) == NULL &&
	    (rc = attach_thread(t, tgid, tgid)) < 0) {
		ptrace_refused(t, "PTRACE_SEIZE", tgid, -rc);
		return rc;
	}
	/* Threads may start while we seize: list again until none is new. */
	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	do {
		added = 0;
		if ((dir = opendir(path)) == NULL)
			break;
		while ((d = readdir(dir)) != NULL) {
			tid = (pid_t)atoi(d->d_name);
			if (tid <= 0 || tcb_get(&t->tcbs, tid) != NULL)
				continue;
			if (attach_thread(t, tid, tgid) == 0)
				added++;
		}
		closedir(dir);
	} while (added > 0);
	return 0;
}

int
tracer_start(struct tracer *t)
{
	cpu_set_t cpus;
	sigset_t set;
	size_t i;
	int rc;

	if (t->opts.nattach > 0) {
		snprintf(t->mode_note, sizeof(t->mode_note),
		    "attached processes are traced with PTRACE_SYSCALL (a "
		    "seccomp filter cannot be added to a running program)");
		for (i = 0; i < t->opts.nattach; i++)
			if ((rc = attach_process(t, t->opts.attach[i])) < 0)
				return rc;
	} else {
		if (t->opts.argv == NULL || t->opts.argv[0] == NULL) {
			snprintf(t->error, sizeof(t->error), "no command given");
			return -EINVAL;
		}
		if (t->mode == TRACER_SYSCALL && t->mode_note[0] == '\0')
			snprintf(t->mode_note, sizeof(t->mode_note),
			    "as asked (--no-seccomp)");
		if ((rc = spawn(t)) < 0)
			return rc;
	}
	t->ncpu = 1;
	if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0)
		t->ncpu = (uint32_t)CPU_COUNT(&cpus);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	t->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	t->reqfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (t->sigfd < 0 || t->reqfd < 0) {
		snprintf(t->error, sizeof(t->error), "signalfd/eventfd: %s",
		    strerror(errno));
		return -errno;
	}
	return 0;
}

/* ---- requests ------------------------------------------------------ */

static void	notify_signal_tree(struct tracer *, int, int);

static void
kill_all(struct tracer *t, int sig)
{
	struct tcb *c;

	if (t->mode == TRACER_NOTIFY) {
		notify_signal_tree(t, sig, 1);
		/* The keeper then kills all that is left below it. */
		if (sig == SIGKILL && t->alivefd >= 0) {
			close(t->alivefd);
			t->alivefd = -1;
		}
		return;
	}
	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c))
		if (c->tid == c->tgid)
			kill(c->tgid, sig);
		else if (sig == SIGKILL)
			syscall(SYS_tgkill, c->tgid, c->tid, SIGKILL);
}

/* The processes whose parent is not traced: the tops of the trees. */
static void
signal_tops(struct tracer *t, int sig)
{
	struct tcb *c;

	if (t->mode == TRACER_NOTIFY) {
		notify_signal_tree(t, sig, 0);
		return;
	}
	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c))
		if (c->tid == c->tgid &&
		    (c->ppid == 0 || tcb_get(&t->tcbs, c->ppid) == NULL))
			kill(c->tgid, sig);
}

static void
start_detach(struct tracer *t)
{
	struct tcb *c;

	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c)) {
		c->flags |= TCB_DETACHING;
		ptrace(PTRACE_INTERRUPT, c->tid, 0L, 0L);
	}
}

static void
take_requests(struct tracer *t)
{
	unsigned req = atomic_exchange(&t->requests, 0);
	uint64_t n, sigs = atomic_exchange(&t->signals, 0);
	int sig;

	for (sig = 1; sig < 64; sig++)
		if (sigs & 1ull << sig)
			signal_tops(t, sig);

	if (read(t->reqfd, &n, sizeof(n)) < 0)
		n = 0;	/* EAGAIN: nothing queued */
	if (req & 1u << TRACER_REQ_END)
		req |= 1u << (t->opts.nattach > 0 ? TRACER_REQ_DETACH :
		    TRACER_REQ_STOP);
	/* A filter cannot be taken off: a spawned fast-path tree is stopped. */
	if ((req & 1u << TRACER_REQ_DETACH) && t->opts.nattach == 0 &&
	    t->mode != TRACER_SYSCALL)
		req = (req & ~(1u << TRACER_REQ_DETACH)) | 1u << TRACER_REQ_STOP;
	req &= ~t->doing;
	if (req & 1u << TRACER_REQ_KILL) {
		kill_all(t, SIGKILL);
	} else if (req & 1u << TRACER_REQ_DETACH) {
		start_detach(t);
	} else if (req & 1u << TRACER_REQ_STOP) {
		signal_tops(t, t->opts.stop_signal);
		clock_gettime(CLOCK_MONOTONIC, &t->kill_at);
		t->kill_at.tv_sec += t->opts.grace_ms / 1000;
		t->kill_at.tv_nsec += (long)(t->opts.grace_ms % 1000) * 1000000;
		if (t->kill_at.tv_nsec >= 1000000000) {
			t->kill_at.tv_sec++;
			t->kill_at.tv_nsec -= 1000000000;
		}
	}
	t->doing |= req;
}

/* Milliseconds poll() may sleep: until STOP's grace runs out, or forever. */
static int
poll_timeout(struct tracer *t)
{
	struct timespec now;
	long ms;

	if (!(t->doing & 1u << TRACER_REQ_STOP) ||
	    (t->doing & 1u << TRACER_REQ_KILL))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (t->kill_at.tv_sec - now.tv_sec) * 1000 +
	    (t->kill_at.tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0) {
		t->doing |= 1u << TRACER_REQ_KILL;
		kill_all(t, SIGKILL);
		return -1;
	}
	return (int)ms;
}

/* ---- stops --------------------------------------------------------- */

/* ---- live what-if denials ----------------------------------------- */

#define DENY_NR_MAX	1024
#define X32_BIT		0x40000000

/* The slot of an arch in the deny table, or -1: none on this machine. */
static int
deny_slot(uint32_t arch, int *nr)
{
	switch (arch) {
	case AUDIT_ARCH_X86_64:
		if (*nr & X32_BIT) {
			*nr &= ~X32_BIT;
			return 2;
		}
		return 0;
	case AUDIT_ARCH_I386:
		return 1;
	}
	return -1;
}

int
tracer_deny(struct tracer *t, uint32_t arch, int nr, int err)
{
	int slot = deny_slot(arch, &nr), old;

#if !defined(__x86_64__)
	slot = -1;	/* rewriting a call's registers: x86_64 only for now */
#endif
	if (slot < 0)
		return -EOPNOTSUPP;
	if (nr < 0 || nr >= DENY_NR_MAX || err < 0 || err > 4095)
		return -EINVAL;
	old = atomic_exchange(&t->deny[slot][nr], (unsigned short)err);
	if (old == 0 && err != 0)
		atomic_fetch_add(&t->ndeny, 1);
	else if (old != 0 && err == 0)
		atomic_fetch_sub(&t->ndeny, 1);
	return 0;
}

/* The errno a call must fail with, or 0 to let it run. */
static int
deny_errno(struct tracer *t, uint32_t arch, int nr)
{
	int slot;

	if (atomic_load_explicit(&t->ndeny, memory_order_relaxed) == 0)
		return 0;
	slot = deny_slot(arch, &nr);
	if (slot < 0 || nr < 0 || nr >= DENY_NR_MAX)
		return 0;
	return atomic_load_explicit(&t->deny[slot][nr], memory_order_relaxed);
}

/*
 * Skips the call the tracee is entering.  Setting the number to -1 makes
 * the kernel skip it (seccomp(2), "SECCOMP_RET_TRACE"; ptrace(2), syscall
 * stops).  At a seccomp stop the return register can be set at once; at a
 * PTRACE_SYSCALL entry stop the kernel overwrites it with -ENOSYS, so it is
 * set again at the exit stop (tcb deny_errno).
 */
static void
skip_call(struct tcb *c, int err, int at_seccomp)
{
#if defined(__x86_64__)
	ptrace(PTRACE_POKEUSER, c->tid,
	    (long)offsetof(struct user_regs_struct, orig_rax), -1L);
	if (at_seccomp)
		ptrace(PTRACE_POKEUSER, c->tid,
		    (long)offsetof(struct user_regs_struct, rax), (long)-err);
	else
		c->deny_errno = err;
#else
	(void)c;
	(void)err;
	(void)at_seccomp;
#endif
}

/* ---- what a tracee does to the trace ------------------------------ */

/*
 * Does the profile's own filter (without the prologue) allow this call?
 * Calls it allows are not the trace's business: only the prologue, or a
 * tracee followed with PTRACE_SYSCALL, stops them.  No profile: no.
 */
static int
profile_allows(const struct tracer *t, uint32_t arch, int nr, uint64_t ip,
    const uint64_t *args)
{
	struct seccomp_data d;

	if (t->plain == NULL)
		return 0;
	memset(&d, 0, sizeof(d));
	d.nr = nr;
	d.arch = arch;
	d.instruction_pointer = ip;
	memcpy(d.args, args, sizeof(d.args));
	return (guard_run(t->plain, t->plain_len, &d) &
	    SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE;
}

/*
 * c's process installs a seccomp filter of its own.  Its filter may pre-empt
 * sctui's SECCOMP_RET_TRACE (USER_NOTIF outranks TRACE, and KILL, TRAP and
 * ERRNO end the call before sctui's stop), so from its next restart it is
 * followed with PTRACE_SYSCALL: syscall-entry stops come before any filter
 * runs.  Its children inherit that (new_child()).  With TSYNC the filter
 * reaches every thread at once: each is interrupted and switched, and c is
 * held at this stop until all have stopped once.
 */
static void
follow_own_filter(struct tracer *t, struct tcb *c, int tsync)
{
	struct tcb *o;

	t->nown++;
	emit_aux(t, SC_EV_OWNFILTER, c->tid, c->tgid,
	    t->mode != TRACER_NOTIFY);
	if (t->mode != TRACER_SECCOMP)
		return;		/* every entry is seen already, or no ptrace */
	c->flags |= TCB_TO_SYSCALL;
	if (!tsync)
		return;
	for (o = tcb_first(&t->tcbs); o != NULL; o = tcb_next(&t->tcbs, o)) {
		if (o == c || o->tgid != c->tgid || (o->flags & (TCB_SYSCALL |
		    TCB_TO_SYSCALL)))
			continue;
		/* Not started yet: its first stop comes before any call. */
		if (o->flags & TCB_NEW) {
			o->flags |= TCB_TO_SYSCALL;
			continue;
		}
		o->flags |= TCB_TO_SYSCALL | TCB_SYNCING;
		if (ptrace(PTRACE_INTERRUPT, o->tid, 0L, 0L) == 0)
			t->syncing++;
		else
			o->flags &= ~TCB_SYNCING;
	}
	if (t->syncing > 0)
		c->flags |= TCB_HELD;
}

/* A thread interrupted for a TSYNC has stopped, or is gone. */
static void
synced(struct tracer *t, struct tcb *c)
{
	struct tcb *o;

	c->flags &= ~TCB_SYNCING;
	if (--t->syncing > 0)
		return;
	for (o = tcb_first(&t->tcbs); o != NULL; o = tcb_next(&t->tcbs, o))
		if (o->flags & TCB_HELD) {
			o->flags &= ~TCB_HELD;
			resume(t, o->tid, 0);
		}
}

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED	0x00800000
#endif

/*
 * A clone that asks ptrace not to follow the child: clear the flag, so
 * the child is followed like any other.  clone takes it in a register,
 * which no other thread can change while c is stopped.  clone3 takes it
 * in memory, which a sibling thread could set again before the kernel
 * reads it: the flag is cleared there too, and c's exit stop checks that
 * the child it returns was announced (adopt() if not).
 */
static void
untraced_clone(struct tcb *c, enum guard_call call, uint32_t arch,
    const uint64_t *args)
{
#if defined(__x86_64__)
	long flags;

	if (call == GUARD_CLONE) {
		if (!(args[0] & CLONE_UNTRACED))
			return;
		ptrace(PTRACE_POKEUSER, c->tid, (long)(arch == AUDIT_ARCH_I386 ?
		    offsetof(struct user_regs_struct, rbx) :
		    offsetof(struct user_regs_struct, rdi)),
		    (long)(args[0] & ~(uint64_t)CLONE_UNTRACED));
		return;
	}
	c->flags |= TCB_EXIT_CHECK;
	/* struct clone_args starts with its u64 flags. */
	errno = 0;
	flags = ptrace(PTRACE_PEEKDATA, c->tid, (long)args[0], 0L);
	if (errno == 0 && (flags & CLONE_UNTRACED))
		ptrace(PTRACE_POKEDATA, c->tid, (long)args[0],
		    flags & ~(long)CLONE_UNTRACED);
#else
	(void)arch;
	(void)args;
	if (call == GUARD_CLONE3)
		c->flags |= TCB_EXIT_CHECK;
#endif
}

/*
 * The calls that decide what the trace sees (guard.h), at their entry or
 * seccomp stop, before they run.
 */
static void
watch_call(struct tracer *t, struct tcb *c, uint32_t arch, int nr,
    const uint64_t *args)
{
	enum guard_call call = guard_call(arch, nr);

	switch (call) {
	case GUARD_SECCOMP:
		if (args[0] == SECCOMP_SET_MODE_FILTER)
			follow_own_filter(t, c,
			    (args[1] & SECCOMP_FILTER_FLAG_TSYNC) != 0);
		break;
	case GUARD_PRCTL:
		if ((uint32_t)args[0] == PR_SET_SECCOMP &&
		    args[1] == SECCOMP_MODE_FILTER)
			follow_own_filter(t, c, 0);
		break;
	case GUARD_CLONE:
	case GUARD_CLONE3:
		if (t->mode != TRACER_NOTIFY)
			untraced_clone(c, call, arch, args);
		break;
	default:
		break;
	}
}

static int	attach_process(struct tracer *, pid_t);

/*
 * pid was made by a traced clone3, yet no ptrace event announced it: the
 * flags were changed back behind sctui's back.  Seize it, its threads and
 * whatever it made meanwhile.  Under the fast path its calls failed with
 * ENOSYS until then (sctui's filter, no tracer); under PTRACE_SYSCALL
 * they ran unseen: the window is from its creation to this stop.
 */
static void
adopt(struct tracer *t, pid_t pid, uint32_t inherit)
{
	char path[64];
	struct dirent *d;
	struct tcb *c;
	pid_t tgid, tid, kids[512];
	size_t n, i;
	DIR *dir;

	if (proc_status(pid, &tgid, NULL, NULL) < 0 ||
	    attach_process(t, pid) < 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	if ((dir = opendir(path)) == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if ((tid = (pid_t)atoi(d->d_name)) <= 0)
			continue;
		if ((c = tcb_get(&t->tcbs, tid)) != NULL)
			c->flags |= inherit;
		n = proc_children(tgid, tid, kids, sizeof(kids) /
		    sizeof(kids[0]));
		for (i = 0; i < n; i++)
			if (tcb_get(&t->tcbs, kids[i]) == NULL)
				adopt(t, kids[i], inherit);
	}
	closedir(dir);
}

/*
 * Syscall stops, and seccomp stops.  A tracee followed with PTRACE_SYSCALL
 * in the fast path (TCB_SYSCALL) was counted at its entry stop: its
 * seccomp stop only goes on.
 */
static void
on_syscall_stop(struct tracer *t, struct tcb *c)
{
	struct __ptrace_syscall_info info;
	struct sc_event ev;
	uint32_t inherit;
	pid_t kid;
	long n;
	int err;

	/*
	 * Zeroed so that memcheck, which does not know this request, sees
	 * the kernel's answer as initialised (make valgrind); 88 bytes.
	 */
	memset(&info, 0, sizeof(info));
	n = ptrace(PTRACE_GET_SYSCALL_INFO, c->tid, (long)sizeof(info), &info);
	if (n <= 0)
		return;
	if (info.op == PTRACE_SYSCALL_INFO_SECCOMP &&
	    (c->flags & TCB_SYSCALL))
		return;
	if (info.op == PTRACE_SYSCALL_INFO_SECCOMP)
		memcpy(ev.u.args, info.seccomp.args, sizeof(ev.u.args));
	else if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
		memcpy(ev.u.args, info.entry.args, sizeof(ev.u.args));
	else {
		/* Syscall exit: the entry was counted; finish a denial. */
#if defined(__x86_64__)
		if (c->deny_errno != 0)
			ptrace(PTRACE_POKEUSER, c->tid,
			    (long)offsetof(struct user_regs_struct, rax),
			    (long)-c->deny_errno);
#endif
		c->deny_errno = 0;
		if (!(c->flags & TCB_EXIT_CHECK))
			return;
		c->flags &= ~TCB_EXIT_CHECK;
		kid = (pid_t)info.exit.rval;
		inherit = c->flags & (TCB_SYSCALL | TCB_TO_SYSCALL) ?
		    TCB_TO_SYSCALL : 0;
		if (info.op == PTRACE_SYSCALL_INFO_EXIT &&
		    !info.exit.is_error && kid > 0 && kid != c->last_child &&
		    tcb_get(&t->tcbs, kid) == NULL)
			adopt(t, kid, inherit);	/* c may move */
		return;
	}
	ev.nr = (int32_t)(info.op == PTRACE_SYSCALL_INFO_SECCOMP ?
	    info.seccomp.nr : info.entry.nr);
	/*
	 * Before its first exec the root is still our fork running our code
	 * (only in PTRACE_SYSCALL mode are those calls seen): keep execve only.
	 */
	if ((c->flags & TCB_PRE_EXEC) && ev.nr != SYS_execve &&
	    ev.nr != SYS_execveat)
		return;
	ev.arch = info.arch;
	watch_call(t, c, info.arch, ev.nr, ev.u.args);
	/* A seccomp stop not made by the prologue: the profile lacks it. */
	if ((info.op == PTRACE_SYSCALL_INFO_ENTRY ||
	    guard_call(info.arch, ev.nr) != GUARD_NONE) &&
	    profile_allows(t, info.arch, ev.nr, info.instruction_pointer,
	    ev.u.args))
		return;
	if ((err = deny_errno(t, info.arch, ev.nr)) != 0)
		skip_call(c, err, info.op == PTRACE_SYSCALL_INFO_SECCOMP);
	report_call(t, c, &ev, err);
}

static struct tcb *
new_child(struct tracer *t, pid_t tid, pid_t parent, int is_thread)
{
	struct tcb *c, *p = tcb_get(&t->tcbs, parent);
	pid_t tgid = tid, ppid = 0;
	uint32_t inherit;

	if (is_thread < 0) {	/* unknown: ask /proc */
		if (proc_status(tid, &tgid, &ppid, NULL) < 0)
			return NULL;	/* gone already: nothing to follow */
	} else if (is_thread)
		tgid = p ? p->tgid : parent;
	else
		ppid = p ? p->tgid : parent;
	if (tgid == tid && ppid == 0)
		proc_status(tid, NULL, &ppid, NULL);
	/* A filter is inherited; an unknown parent may have one too. */
	inherit = p != NULL ? p->flags & (TCB_SYSCALL | TCB_TO_SYSCALL) :
	    t->nown > 0;
	c = tcb_add(&t->tcbs, tid, tgid);
	c->ppid = tgid == tid ? ppid : 0;
	c->flags |= TCB_NEW | (inherit ? TCB_TO_SYSCALL : 0);
	announce(t, c, SC_EV_SPAWN, 0);
	return c;
}

static void
on_event(struct tracer *t, struct tcb *c, int event, int sig)
{
	unsigned long msg = 0;
	struct sc_event ev;
	struct tcb *o;
	pid_t child, tid;

	switch (event) {
	case PTRACE_EVENT_SECCOMP:
		on_syscall_stop(t, c);
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		tid = c->tid;	/* new_child() may move the table */
		ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg);
		child = (pid_t)msg;
		c->last_child = child;
		/*
		 * The child may have been reported first, and may even be gone
		 * already: then it was announced by handle() and is in early.
		 */
		if (child > 0 && idmap_get(&t->early, (uint32_t)child) == 1)
			idmap_put(&t->early, (uint32_t)child, 0);
		else if (child > 0 && tcb_get(&t->tcbs, child) == NULL)
			new_child(t, child, tid,
			    event == PTRACE_EVENT_CLONE ? -1 : 0);
		resume(t, tid, 0);
		return;
	case PTRACE_EVENT_EXEC:
		ptrace(PTRACE_GETEVENTMSG, c->tid, 0L, &msg);
		/*
		 * A non-leader thread exec'd: it now has the leader's tid and
		 * its old tid is gone without an exit report (ptrace(2),
		 * "execve(2) under ptrace").
		 */
		if ((pid_t)msg != c->tid &&
		    (o = tcb_get(&t->tcbs, (pid_t)msg)) != NULL)
			tcb_del(&t->tcbs, o);
		c->flags &= ~TCB_PRE_EXEC;
		memset(&ev, 0, sizeof(ev));
		ev.kind = SC_EV_EXEC;
		ev.tid = c->tid;
		ev.tgid = c->tgid;
		ev.aux = (int32_t)msg;
		proc_comm(c->tid, ev.u.name, sizeof(ev.u.name));
		if (setuid_skipped(c->tid)) {
			ev.flags |= SC_EVF_SETUID;
			t->stats.setuid_skips++;
		}
		emit(t, &ev);
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_EXIT:
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_STOP:
		if (!(c->flags & TCB_NEW) && (sig == SIGSTOP ||
		    sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)) {
			/* Group-stop: stay stopped, but keep reporting. */
			c->flags |= TCB_LISTENING;
			ptrace(PTRACE_LISTEN, c->tid, 0L, 0L);
			return;
		}
		c->flags &= ~(TCB_NEW | TCB_LISTENING);
		resume(t, c->tid, 0);
		return;
	}
	resume(t, c->tid, 0);
}

static void
on_stop(struct tracer *t, struct tcb *c, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

	t->stats.stops++;
	if (c->flags & TCB_SYNCING)
		synced(t, c);
	if (c->flags & TCB_DETACHING) {
		/* Keep a pending signal, and leave a group-stop stopped. */
		detach(t, c, event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0);
		return;
	}
	if (event != 0) {
		on_event(t, c, event, sig);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		on_syscall_stop(t, c);
		resume(t, c->tid, 0);
		return;
	}
	/* Signal-delivery stop: report it and let the signal through. */
	c->flags &= ~TCB_LISTENING;
	emit_aux(t, SC_EV_SIGNAL, c->tid, c->tgid, sig);
	resume(t, c->tid, sig);
}

static void
on_gone(struct tracer *t, struct tcb *c, pid_t tid, int status)
{
	emit_aux(t, SC_EV_EXIT, tid, c ? c->tgid : tid, status);
	if (tid == t->root)
		t->root_status = status;
	if (c != NULL && (c->flags & TCB_SYNCING))
		synced(t, c);
	if (c != NULL)
		tcb_del(&t->tcbs, c);
}

static void
handle(struct tracer *t, pid_t tid, int status)
{
	struct tcb *c = tcb_get(&t->tcbs, tid);

	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		on_gone(t, c, tid, status);
		return;
	}
	if (!WIFSTOPPED(status))
		return;
	if (c == NULL) {
		/*
		 * A new child whose first stop beat its parent's fork event:
		 * ptrace(2) allows either order.
		 */
		if ((c = new_child(t, tid, 0, -1)) == NULL) {
			resume(t, tid, 0);
			return;
		}
		idmap_put(&t->early, (uint32_t)tid, 1);
	}
	on_stop(t, c, status);
}

static int	run_notify(struct tracer *t);

/*
 * How long to keep asking wait4() before sleeping in poll().  A stop often
 * comes within microseconds of the restart that preceded it (the tracee's
 * next call), and a tracer asleep on another CPU costs that stop a
 * wake-up: on the one-thread loop here, about 32 us a call without the
 * spin and 18 us with it.  But a spinning tracer takes a CPU that a
 * runnable tracee may want (threads and process trees were 1.2x slower
 * with it), so it spins only while every traced thread can have a CPU of
 * its own besides the tracer's (doc/performance.md, "Spinning before
 * sleeping").  0 turns it off.
 */
#ifndef SCTUI_SPIN_NS
#define SCTUI_SPIN_NS	20000u
#endif

/* wait4(WNOHANG) again until a stop comes, a request, or SPIN_NS pass. */
static pid_t
spin_wait(struct tracer *t, int *status)
{
	uint64_t until;
	pid_t tid = 0;

	if (SCTUI_SPIN_NS == 0 || t->tcbs.live >= t->ncpu)
		return 0;
	until = now_ns() + SCTUI_SPIN_NS;
	do {
		if (atomic_load_explicit(&t->requests, memory_order_relaxed) ||
		    atomic_load_explicit(&t->signals, memory_order_relaxed))
			return 0;
		tid = wait4(-1, status, __WALL | WNOHANG, NULL);
	} while (tid == 0 && now_ns() < until);
	return tid;
}

int
tracer_run(struct tracer *t)
{
	struct pollfd pfd[2];
	struct signalfd_siginfo si[16];
	int status, timeout;
	pid_t tid;

	if (t->mode == TRACER_NOTIFY)
		return run_notify(t);
	pfd[0].fd = t->sigfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = t->reqfd;
	pfd[1].events = POLLIN;
	while (t->tcbs.live > 0) {
		if (atomic_load_explicit(&t->requests, memory_order_relaxed) ||
		    atomic_load_explicit(&t->signals, memory_order_relaxed))
			take_requests(t);
		tid = wait4(-1, &status, __WALL | WNOHANG, NULL);
		if (tid == 0)
			tid = spin_wait(t, &status);
		if (tid > 0) {
			handle(t, tid, status);
			continue;
		}
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;	/* every tracee detached or gone */
			return -errno;
		}
		timeout = poll_timeout(t);
		if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
			return -errno;
		/* Drain SIGCHLD; wait4() says what happened.  A full buffer
		 * means more may be queued. */
		if (pfd[0].revents & POLLIN)
			while (read(t->sigfd, si, sizeof(si)) == sizeof(si))
				;
		if (pfd[1].revents & POLLIN)
			take_requests(t);
	}
	return 0;
}

/* ---- TRACER_NOTIFY ------------------------------------------------- */

#define SWEEP_NS	500000000ull	/* how often gone processes are noticed */

/*
 * The processes of the tree as /proc shows them now: the command, every
 * process seen, and all their descendants, into in (pid -> 1).  Returns
 * the pids and parents read, in pairs, for the caller to walk; free() it.
 */
static pid_t *
notify_tree(struct tracer *t, struct idmap *in, size_t *npairs)
{
	pid_t *pairs = NULL, pid, ppid;
	size_t n = 0, cap = 0, i;
	struct dirent *d;
	struct tcb *c;
	int grew;
	DIR *dir;

	if (t->root > 0 && t->root_status == -1)
		idmap_put(in, (uint32_t)t->root, 1);
	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c))
		idmap_put(in, (uint32_t)c->tgid, 1);
	if ((dir = opendir("/proc")) == NULL) {
		*npairs = 0;
		return NULL;
	}
	while ((d = readdir(dir)) != NULL) {
		if ((pid = (pid_t)atoi(d->d_name)) <= 0 ||
		    proc_status(pid, NULL, &ppid, NULL) < 0)
			continue;
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 1024;
			pairs = xreallocarray(pairs, cap, sizeof(*pairs));
		}
		pairs[n++] = pid;
		pairs[n++] = ppid;
	}
	closedir(dir);
	do {
		grew = 0;
		for (i = 0; i < n; i += 2)
			if (idmap_get(in, (uint32_t)pairs[i]) == IDMAP_NONE &&
			    idmap_get(in, (uint32_t)pairs[i + 1]) == 1) {
				idmap_put(in, (uint32_t)pairs[i], 1);
				grew = 1;
			}
	} while (grew);
	*npairs = n / 2;
	return pairs;
}

/*
 * Sends sig to the tree (notify_tree): all of it, or only its tops, the
 * processes whose parent is outside it.  With no ptrace, what sctui sends
 * is the only signal it can report.
 */
static void
notify_signal_tree(struct tracer *t, int sig, int all)
{
	struct idmap in = { 0 };
	struct tcb *c;
	size_t n, i;
	pid_t *pairs;

	pairs = notify_tree(t, &in, &n);
	for (i = 0; i < n; i++) {
		if (idmap_get(&in, (uint32_t)pairs[2 * i]) != 1 || (!all &&
		    idmap_get(&in, (uint32_t)pairs[2 * i + 1]) == 1))
			continue;
		if (kill(pairs[2 * i], sig) < 0)
			continue;
		if ((c = tcb_get(&t->tcbs, pairs[2 * i])) != NULL &&
		    sig != SIGKILL)
			emit_aux(t, SC_EV_SIGNAL, c->tgid, c->tgid, sig);
	}
	free(pairs);
	idmap_free(&in);
}

static void
notify_gone(struct tracer *t, struct tcb *c, int status)
{
	emit_aux(t, SC_EV_EXIT, c->tid, c->tgid, status);
	tcb_del(&t->tcbs, c);
}

/* Reports the threads and processes that are gone; all of them: all. */
static void
notify_sweep(struct tracer *t, int all)
{
	struct tcb *c, *next;

	for (c = tcb_first(&t->tcbs); c != NULL; c = next) {
		next = tcb_next(&t->tcbs, c);
		if (c->tid == t->root)
			continue;	/* waited for: its status is known */
		if (all || syscall(SYS_tgkill, c->tgid, c->tid, 0) < 0)
			notify_gone(t, c, SC_STATUS_UNKNOWN);
	}
	t->swept_at = now_ns();
}

/* A thread seen for the first time: learn it from /proc, announce it. */
static struct tcb *
notify_learn(struct tracer *t, pid_t tid)
{
	pid_t tgid = tid, ppid = 0;
	struct tcb *c;

	if (proc_status(tid, &tgid, &ppid, NULL) < 0)
		tgid = tid;	/* gone meanwhile: count it all the same */
	if (tgid != tid && tcb_get(&t->tcbs, tgid) == NULL)
		notify_learn(t, tgid);
	c = tcb_add(&t->tcbs, tid, tgid);
	c->ppid = tgid == tid ? ppid : 0;
	if (tgid == tid)
		proc_comm(tid, c->comm, sizeof(c->comm));
	announce(t, c, SC_EV_SPAWN, 0);
	return c;
}

/* A known process whose name changed has exec'd: say so. */
static void
notify_check_exec(struct tracer *t, struct tcb *leader)
{
	struct sc_event ev;
	char comm[sizeof(leader->comm)];

	proc_comm(leader->tid, comm, sizeof(comm));
	if (comm[0] == '\0' || strcmp(comm, leader->comm) == 0)
		return;
	memcpy(leader->comm, comm, sizeof(comm));
	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_EXEC;
	ev.tid = ev.tgid = leader->tid;
	ev.aux = leader->tid;
	snprintf(ev.u.name, sizeof(ev.u.name), "%s", comm);
	emit(t, &ev);
}

static void
on_notification(struct tracer *t)
{
	struct notify_call call;
	struct sc_event ev;
	struct tcb *c, *leader;
	int err;

	if (notify_next(t->listener, &call) < 0)
		return;	/* its caller died or was interrupted */
	t->stats.stops++;
	if ((c = tcb_get(&t->tcbs, call.tid)) == NULL)
		c = notify_learn(t, call.tid);
	else if ((leader = tcb_get(&t->tcbs, c->tgid)) != NULL)
		notify_check_exec(t, leader);
	err = deny_errno(t, call.arch, call.nr);
	/* Answer first: the caller waits only for that. */
	notify_reply(t->listener, call.id, err);
	watch_call(t, c, call.arch, call.nr, call.args);
	/* Stopped by the prologue, not by the profile: not one it lacks. */
	if (guard_call(call.arch, call.nr) != GUARD_NONE &&
	    profile_allows(t, call.arch, call.nr, call.ip, call.args))
		return;
	ev.arch = call.arch;
	ev.nr = call.nr;
	memcpy(ev.u.args, call.args, sizeof(ev.u.args));
	report_call(t, c, &ev, err);
}

/* The command ended with status: once. */
static void
notify_root_gone(struct tracer *t, int status)
{
	struct tcb *c;

	if (t->root_status != -1)
		return;
	t->root_status = status;
	if ((c = tcb_get(&t->tcbs, t->root)) != NULL)
		notify_gone(t, c, status);
}

/* The keeper wrote the command's status, or is gone. */
static void
notify_read_status(struct tracer *t)
{
	int status;

	if (read(t->statusfd, &status, sizeof(status)) == sizeof(status))
		notify_root_gone(t, status);
	else {
		close(t->statusfd);
		t->statusfd = -1;
	}
}

/*
 * Until the keeper is reaped: it exits once no process of the tree is
 * left (spawn_notify()).  The listener reports POLLHUP a little earlier,
 * when no process holds the filter any more.
 */
static int
run_notify(struct tracer *t)
{
	struct signalfd_siginfo si[16];
	struct pollfd pfd[4];
	int status, timeout, ms;
	pid_t r;

	pfd[0].fd = t->sigfd;
	pfd[0].events = POLLIN;
	pfd[1].fd = t->reqfd;
	pfd[1].events = POLLIN;
	pfd[2].fd = t->listener;
	pfd[2].events = POLLIN;
	pfd[3].events = POLLIN;
	for (;;) {
		if (atomic_load_explicit(&t->requests, memory_order_relaxed) ||
		    atomic_load_explicit(&t->signals, memory_order_relaxed))
			take_requests(t);
		if (t->reap > 0 &&
		    (r = waitpid(t->reap, &status, WNOHANG)) == t->reap) {
			if (WIFSTOPPED(status)) {
				/* Traced by us unasked: never, but let go. */
				ptrace(PTRACE_DETACH, r, 0L, 0L);
				continue;
			}
			t->reap = 0;
			/* The command's own status, if the keeper wrote it. */
			if (t->statusfd >= 0)
				notify_read_status(t);
			/* Killed before the command ended: end the tree. */
			if (t->root_status == -1)
				notify_signal_tree(t, SIGKILL, 1);
			notify_root_gone(t, status);
		}
		/* The keeper is gone once every process of the tree is. */
		if (t->root_status != -1 && t->reap == 0)
			break;
		if (now_ns() - t->swept_at >= SWEEP_NS)
			notify_sweep(t, 0);
		timeout = poll_timeout(t);
		ms = (int)(SWEEP_NS / 1000000);
		if (timeout < 0 || timeout > ms)
			timeout = ms;
		pfd[3].fd = t->statusfd;	/* poll skips a negative fd */
		if (poll(pfd, 4, timeout) < 0 && errno != EINTR)
			return -errno;
		if (pfd[3].revents & (POLLIN | POLLHUP))
			notify_read_status(t);
		if (pfd[0].revents & POLLIN)
			while (read(t->sigfd, si, sizeof(si)) == sizeof(si))
				;
		if (pfd[1].revents & POLLIN)
			take_requests(t);
		if (pfd[2].revents & POLLIN)
			on_notification(t);
		else if (pfd[2].revents & (POLLHUP | POLLERR))
			pfd[2].fd = -1;	/* no process holds the filter */
	}
	notify_sweep(t, 1);
	return 0;
}
