/*
 * unotify.c - the user-notification engine (TRACER_NOTIFY): follow the
 * tree through a profile's filter, with no ptrace.
 *
 * The command installs the profile's filter with a listener (notify.c,
 * the kernel side) and hands the listener over; a keeper, sctui's child,
 * starts the command and ends the tree with sctui.  The loop polls the
 * listener, the keeper's status pipe, the SIGCHLD signalfd and the request
 * eventfd; only the calls the filter does not allow are seen, so threads
 * and processes are learnt from /proc when they first make one, and
 * their ends are noticed by a sweep every SWEEP_NS.
 */
#include "config.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guard.h"
#include "notify.h"
#include "tcb.h"
#include "tracer-int.h"
#include "xalloc.h"

#define SWEEP_NS	500000000ull	/* how often gone processes are noticed */

/*
 * The kernel must offer user notification with CONTINUE, and the profile's
 * filter take the prologue; else the tree is followed with ptrace.
 */
static int
unotify_prepare(struct tracer *t)
{
	if (notify_probe(t->mode_note, sizeof(t->mode_note)) < 0) {
		tracer_fall_back(t, TRACER_SECCOMP,
		    ": following the tree with ptrace instead");
		return -1;
	}
	return tracer_guard(t, t->opts.enforce ? GUARD_ENFORCE :
	    GUARD_NOTIFY, TRACER_SECCOMP,
	    ": following the tree with ptrace instead");
}

/* In the child: the filter with its listener, which t->shared takes. */
static void
unotify_child(struct tracer *t, int syncfd)
{
	(void)syncfd;
	if ((geteuid() != 0 &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
	    notify_install(t->filter, t->filter_len, t->shared) < 0)
		_exit(125);	/* notify_probe() said it would work */
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
		n = tracer_proc_children(0, 0, pids,
		    sizeof(pids) / sizeof(pids[0]));
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
		/* tracer_child_exec() puts sctui's own mask back. */
		sigprocmask(SIG_SETMASK, &none, NULL);
		tracer_child_exec(t, -1);
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
unotify_spawn(struct tracer *t)
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
	    tracer_proc_children(pid, pid, &cmd, 1) != 1)
		rc = -ESRCH;
	if (rc == 0 && (rc = notify_take(t->shared, cmd)) >= 0) {
		t->listener = rc;
		tracer_add_root(t, cmd);
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
		    tracer_proc_status(pid, NULL, &ppid, NULL) < 0)
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
			tracer_emit_aux(t, SC_EV_SIGNAL, c->tgid, c->tgid, sig);
	}
	free(pairs);
	idmap_free(&in);
}

static void
unotify_kill_all(struct tracer *t, int sig)
{
	notify_signal_tree(t, sig, 1);
	/* The keeper then kills all that is left below it. */
	if (sig == SIGKILL && t->alivefd >= 0) {
		close(t->alivefd);
		t->alivefd = -1;
	}
}

static void
unotify_signal_tops(struct tracer *t, int sig)
{
	notify_signal_tree(t, sig, 0);
}

static void
notify_gone(struct tracer *t, struct tcb *c, int status)
{
	tracer_emit_aux(t, SC_EV_EXIT, c->tid, c->tgid, status);
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

	if (tracer_proc_status(tid, &tgid, &ppid, NULL) < 0)
		tgid = tid;	/* gone meanwhile: count it all the same */
	if (tgid != tid && tcb_get(&t->tcbs, tgid) == NULL)
		notify_learn(t, tgid);
	c = tcb_add(&t->tcbs, tid, tgid);
	c->ppid = tgid == tid ? ppid : 0;
	if (tgid == tid)
		tracer_proc_comm(tid, c->comm, sizeof(c->comm));
	tracer_announce(t, c, SC_EV_SPAWN, 0);
	/* Learnt late: the parent /proc names, creator or not. */
	if (tgid == tid && ppid > 0)
		tracer_serve_inherit(t, c, ppid);
	return c;
}

/*
 * Before a sample: the children of each known process that made no call
 * the profile lacks are still unknown, and a server's workers may wait
 * for clients in allowed calls only; learn them now, so that the sampler
 * sees them wait.
 */
static void
notify_learn_children(struct tracer *t)
{
	pid_t kids[64];
	struct tcb *c;
	size_t n, i;
	uint32_t nslots = t->tcbs.nslots, s;

	/* By slot, up to those there now: learning adds slots. */
	for (s = 0; s < nslots; s++) {
		c = &t->tcbs.slots[s];
		if (c->tid == 0 || c->tid != c->tgid)
			continue;
		n = tracer_proc_children(c->tgid, c->tid, kids,
		    sizeof(kids) / sizeof(kids[0]));
		for (i = 0; i < n; i++)
			if (tcb_get(&t->tcbs, kids[i]) == NULL)
				notify_learn(t, kids[i]);
	}
}

/*
 * A known process whose name changed has exec'd: say so.  Read before
 * each call is answered, so that the call is counted under the program
 * that made it; from /proc/TID/comm held open, one pread(2) where open,
 * read and close cost the caller's wait 4-5 us more.  Past TCB_FDS
 * processes, by path.
 */
static void
notify_check_exec(struct tracer *t, struct tcb *leader)
{
	struct sc_event ev;
	char comm[sizeof(leader->comm)];

	if (leader->comm_fd < 0 && t->tcbs.nfds < TCB_FDS &&
	    (leader->comm_fd = tracer_comm_open(leader->tid)) >= 0)
		t->tcbs.nfds++;
	if (leader->comm_fd >= 0)
		tracer_comm_read(leader->comm_fd, comm, sizeof(comm));
	else
		tracer_proc_comm(leader->tid, comm, sizeof(comm));
	if (comm[0] == '\0' || strcmp(comm, leader->comm) == 0)
		return;
	memcpy(leader->comm, comm, sizeof(comm));
	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_EXEC;
	ev.tid = ev.tgid = leader->tid;
	ev.aux = leader->tid;
	snprintf(ev.u.name, sizeof(ev.u.name), "%s", comm);
	tracer_emit_exec(t, leader, &ev);
}

/*
 * opts.enforce: a call the profile fails is failed with the profile's
 * errno, never let run; one allowed in startup only runs while its
 * process starts up (opts.may_start), one watched runs.  Then it is
 * reported.
 */
static void
enforce_call(struct tracer *t, const struct tcb *c,
    const struct notify_call *call)
{
	struct sc_event ev;
	int data, err, run;
	uint16_t flags = 0;

	data = tracer_enforce_data(t, call->arch, call->nr, call->ip,
	    call->args);
	err = data & TRACER_ENFORCE_ERRNO;
	run = (data & TRACER_ENFORCE_WATCH) != 0;
	if (data & TRACER_ENFORCE_STARTUP) {
		run = t->opts.may_start == NULL ||
		    t->opts.may_start(t->opts.may_start_ctx, c->tgid);
		flags = SC_EVF_STARTUP;
		/* The process dies before its call could return. */
		if (!run && t->opts.phases_kill &&
		    kill(c->tgid, SIGKILL) == 0)
			flags |= SC_EVF_KILLED;
	}
	memset(&ev, 0, sizeof(ev));
	ev.arch = call->arch;
	ev.nr = call->nr;
	memcpy(ev.u.args, call->args, sizeof(ev.u.args));
	/*
	 * A watched call may start serving: reported while it waits, so
	 * that whatever the process does next comes after.
	 */
	if (data & TRACER_ENFORCE_WATCH)
		tracer_report_call(t, c, &ev, 0, 0);
	if (run)
		notify_reply(t->listener, call->id, 0);
	else
		notify_refuse(t->listener, call->id, err);
	if (!(data & TRACER_ENFORCE_WATCH))
		tracer_report_call(t, c, &ev, 0, 0);
	if (!run) {
		/* Even SCMP_ACT_ERRNO(0) is a refusal. */
		ev.kind = SC_EV_DENIED;
		ev.aux = err;
		ev.flags = flags;
		tracer_emit(t, &ev);
	}
}

static void
on_notification(struct tracer *t)
{
	struct notify_call call;
	struct sc_event ev;
	struct tcb *c, *leader;
	int err, mine, serving = 0;

	assert(t->listener >= 0);
	if (notify_next(t->listener, &call) < 0)
		return;	/* its caller died or was interrupted */
	if ((c = tcb_get(&t->tcbs, call.tid)) == NULL)
		c = notify_learn(t, call.tid);
	else if ((leader = tcb_get(&t->tcbs, c->tgid)) != NULL)
		notify_check_exec(t, leader);
	if (t->opts.enforce) {
		enforce_call(t, c, &call);
		return;
	}
	/* Stopped by the prologue, not by the profile: not one it lacks. */
	mine = guard_call(call.arch, call.nr) != GUARD_NONE &&
	    tracer_profile_allows(t, call.arch, call.nr, call.ip, call.args);
	/* Serving-only refuses what the profile lacks, like the ptrace
	 * engines, which never see what it allows. */
	if ((err = tracer_deny_errno(t, call.arch, call.nr)) == 0 && !mine &&
	    (err = tracer_serve_errno(t, c, call.arch, call.nr)) != 0)
		serving = 1;
	ev.arch = call.arch;
	ev.nr = call.nr;
	memcpy(ev.u.args, call.args, sizeof(ev.u.args));
	/* --stacks: a first occurrence, while the caller still waits. */
	if (!mine)
		stack_call(t, c, &ev, 0);
	/* Answer first: the caller waits only for that. */
	notify_reply(t->listener, call.id, err);
	tracer_watch_call(t, c, call.arch, call.nr, call.args);
	if (mine)
		return;
	tracer_report_call(t, c, &ev, err, serving);
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
 * left (unotify_spawn()).  The listener reports POLLHUP a little earlier,
 * when no process holds the filter any more.
 */
static int
run_notify(struct tracer *t)
{
	struct signalfd_siginfo si[16];
	struct pollfd pfd[4];
	int status, timeout, ms, reap = 1;
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
		/*
		 * The keeper is looked for once SIGCHLD said a child changed
		 * (and at first), not at every notification: a wait4 less
		 * on each call's round trip.
		 */
		if (reap && t->reap > 0 &&
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
		reap = 0;
		if (now_ns() - t->swept_at >= SWEEP_NS)
			notify_sweep(t, 0);
		tracer_sample_waiting(t);
		timeout = poll_timeout(t);
		ms = (int)(SWEEP_NS / 1000000);
		if (timeout < 0 || timeout > ms)
			timeout = ms;
		pfd[3].fd = t->statusfd;	/* poll skips a negative fd */
		if (poll(pfd, 4, timeout) < 0 && errno != EINTR)
			return -errno;
		if (pfd[3].revents & (POLLIN | POLLHUP))
			notify_read_status(t);
		if (pfd[0].revents & POLLIN) {
			while (read(t->sigfd, si, sizeof(si)) == sizeof(si))
				;
			reap = 1;
		}
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

const struct tracer_engine unotify_engine = {
	.prepare = unotify_prepare,
	.spawn = unotify_spawn,
	.child = unotify_child,
	.run = run_notify,
	.kill_all = unotify_kill_all,
	.signal_tops = unotify_signal_tops,
	.before_sample = notify_learn_children,
};
