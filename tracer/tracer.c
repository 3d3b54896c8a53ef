/*
 * tracer.c - the tracer's front: options, start, requests, live denials,
 * events.
 *
 * tracer_start() probes what the kernel offers, picks the engine for the
 * mode (engines[] below; tracer-int.h) and has it spawn the command or
 * seize the pids; tracer_run() is the engine's loop.  What the engines
 * share lives here: the requests other threads make (tracer_request(),
 * tracer_signal(), carried out by take_requests() on the tracer's thread),
 * the live what-if denials (tracer_deny()) and serving-only refusals
 * (tracer_serve_deny(), tracer_serves()), the calls that decide what the
 * trace sees (tracer_watch_call()), the forked command's set-up
 * (tracer_child_exec()) and the emitting of events to the sink.
 */
#include "config.h"
#include "tracer.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "cmdpath.h"
#include "guard.h"
#include "notify.h"
#include "place.h"
#include "tracer-int.h"
#include "waiting.h"
#include "xalloc.h"

/* The engine of each mode; adding an engine is a file and a row. */
static const struct tracer_engine *const engines[] = {
	[TRACER_SECCOMP] = &ptrace_engine,
	[TRACER_SYSCALL] = &ptrace_engine,
	[TRACER_NOTIFY] = &unotify_engine,
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

uint64_t
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
	/* The tests' way to take ask_again()'s path at every stop. */
	t->ask_always = getenv("SCTUI_TEST_ASK") != NULL;
	t->mode = opts->nattach > 0 ? TRACER_SYSCALL : opts->mode;
	if (t->mode == TRACER_NOTIFY && (opts->filter == NULL ||
	    opts->filter_len == 0))
		t->mode = TRACER_SECCOMP;	/* nothing to leave unstopped */
	if (t->opts.stop_signal == 0)
		t->opts.stop_signal = SIGTERM;
	if (t->opts.grace_ms == 0)
		t->opts.grace_ms = 5000;
	t->engine = engines[t->mode];
	pthread_mutex_init(&t->serves_lock, NULL);
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
	idmap_free(&t->waited);
	stack_seen_free(t->seen);
	pthread_mutex_destroy(&t->serves_lock);
	free(t->serves);
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

int
tracer_notify_available(char *why, size_t len)
{
	return notify_probe(why, len);
}

pid_t
tracer_root(const struct tracer *t)
{
	return t->root;
}

void
tracer_stats(const struct tracer *t, struct tracer_stats *s)
{
	*s = t->stats;
}

int
tracer_root_status(const struct tracer *t)
{
	return t->root_status;
}

/*
 * Wakes the tracer's loop to a request or signal just posted: its thread
 * back to SCHED_OTHER (place.h), its poll(2) woken.  Async-signal-safe.
 */
static void
wake_loop(struct tracer *t)
{
	uint64_t one = 1;
	ssize_t n;

	place_wake(&t->idle);
	if (t->reqfd >= 0)
		n = write(t->reqfd, &one, sizeof(one));
	(void)n;	/* a full counter still wakes the loop */
}

void
tracer_request(struct tracer *t, enum tracer_req req)
{
	atomic_fetch_or(&t->requests, 1u << req);
	wake_loop(t);
}

void
tracer_signal(struct tracer *t, int sig)
{
	if (sig <= 0 || sig >= 64)
		return;
	atomic_fetch_or(&t->signals, 1ull << sig);
	wake_loop(t);
}

int
tracer_proc_status(pid_t tid, pid_t *tgid, pid_t *ppid, pid_t *tracer)
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

size_t
tracer_proc_children(pid_t pid, pid_t tid, pid_t *pids, size_t max)
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

void
tracer_proc_comm(pid_t tid, char *buf, size_t len)
{
	int fd;

	buf[0] = '\0';
	if ((fd = tracer_comm_open(tid)) < 0)
		return;
	tracer_comm_read(fd, buf, len);
	close(fd);
}

int
tracer_comm_open(pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

void
tracer_comm_read(int fd, char *buf, size_t len)
{
	ssize_t n = pread(fd, buf, len - 1, 0);

	if (n <= 0)
		n = 0;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

void
tracer_emit(struct tracer *t, struct sc_event *ev)
{
	ev->ts = now_ns();
	t->sink.emit(t->sink.ctx, ev);
	/* A new thread with the same tid is reported afresh. */
	if (ev->kind == SC_EV_EXIT &&
	    idmap_get(&t->waited, (uint32_t)ev->tid) != IDMAP_NONE)
		idmap_put(&t->waited, (uint32_t)ev->tid, 0);
	if (ev->kind == SC_EV_EXEC || ev->kind == SC_EV_SPAWN ||
	    ev->kind == SC_EV_ATTACH)
		stack_event(t, ev);
}

void
tracer_emit_aux(struct tracer *t, enum sc_event_kind kind, pid_t tid,
    pid_t tgid, int32_t aux)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = (uint16_t)kind;
	ev.tid = tid;
	ev.tgid = tgid;
	ev.aux = aux;
	tracer_emit(t, &ev);
}

void
tracer_announce(struct tracer *t, struct tcb *c, enum sc_event_kind kind,
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
		tracer_proc_comm(c->tid, ev.u.name, sizeof(ev.u.name));
	else
		memcpy(ev.u.name, c->comm, sizeof(c->comm));
	tracer_emit(t, &ev);
	c->flags |= TCB_ANNOUNCED;
	c->since = ev.ts;
}

void
tracer_emit_exec(struct tracer *t, struct tcb *c, struct sc_event *ev)
{
	tracer_emit(t, ev);
	/* Another program: what marked the old one serving says nothing. */
	c->flags &= ~TCB_SERVES;
	c->since = ev->ts;
}

void
tracer_report_call(struct tracer *t, const struct tcb *c, struct sc_event *ev,
    int err, int serving)
{
	uint32_t key;

	assert(c != NULL);
	ev->kind = SC_EV_SYSCALL;
	ev->tid = c->tid;
	ev->tgid = c->tgid;
	ev->aux = 0;
	ev->flags = c->flags & TCB_RETURN ? SC_EVF_RETURN : 0;
	tracer_emit(t, ev);
	/* It left the call it was found asleep in: the next find is news. */
	if (t->waited.len > 0) {
		key = idmap_get(&t->waited, (uint32_t)c->tid);
		if (key != IDMAP_NONE && key != 0)
			idmap_put(&t->waited, (uint32_t)c->tid, 0);
	}
	if (err != 0) {
		ev->kind = SC_EV_DENIED;
		ev->aux = err;
		ev->flags = serving ? SC_EVF_SERVING : 0;
		tracer_emit(t, ev);
	}
}

void
tracer_report_return(struct tracer *t, const struct tcb *c, uint32_t arch,
    int64_t rval)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_RETURN;
	ev.tid = c->tid;
	ev.tgid = c->tgid;
	ev.arch = arch;
	ev.nr = c->ret_nr;
	ev.u.args[0] = (uint64_t)rval;
	tracer_emit(t, &ev);
}

void
tracer_child_exec(struct tracer *t, int syncfd)
{
	extern char **environ;
	int code;

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
	t->engine->child(t, syncfd);
	execve(t->path, t->opts.argv, environ);
	/*
	 * The root's exit status then tells the batch summary why.  Under
	 * the profile's filter now, nothing but exit_group may be allowed:
	 * the call itself, not _exit(), before which a sanitizer's runtime
	 * makes calls of its own.
	 */
	code = errno == ENOENT ? 127 : 126;
	syscall(SYS_exit_group, code);
	_exit(code);
}

struct tcb *
tracer_add_root(struct tracer *t, pid_t pid)
{
	const char *base = strrchr(t->path, '/');
	struct tcb *c;

	t->root = pid;
	c = tcb_add(&t->tcbs, pid, pid);
	/* The kernel's name for it once it has exec'd: 15 bytes at most. */
	snprintf(c->comm, sizeof(c->comm), "%s", base ? base + 1 : t->path);
	tracer_announce(t, c, SC_EV_SPAWN, SC_EVF_ROOT);
	return c;
}

void
tracer_fall_back(struct tracer *t, enum tracer_mode mode, const char *to)
{
	t->mode = mode;
	t->engine = engines[mode];
	strncat(t->mode_note, to, sizeof(t->mode_note) -
	    strlen(t->mode_note) - 1);
}

int
tracer_guard(struct tracer *t, enum guard_kind kind, enum tracer_mode to,
    const char *how)
{
	struct sock_filter *nf;
	size_t nlen;

	if ((nf = guard_filter(t->filter, t->filter_len, kind, &nlen)) ==
	    NULL) {
		snprintf(t->mode_note, sizeof(t->mode_note), "the profile's "
		    "filter is too long for a prologue");
		tracer_fall_back(t, to, how);
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
	int rc;

	rc = cmdpath_resolve(t->opts.argv[0], &t->path);
	if (rc < 0) {
		snprintf(t->error, sizeof(t->error), "%s: %s", t->opts.argv[0],
		    rc == -ENOENT ? "command not found" :
		    rc == -EACCES ? "permission denied (not executable)" :
		    strerror(-rc));
		return rc;
	}
	/* An engine that cannot run here has fallen back to another. */
	while (t->engine->prepare(t) < 0)
		;
	/* Enforcing, no other engine would fail the calls the profile does. */
	if (t->opts.enforce && t->mode != TRACER_NOTIFY) {
		snprintf(t->error, sizeof(t->error), "cannot enforce through "
		    "seccomp user notification: %s", t->mode_note);
		return -ENOSYS;
	}
	return t->engine->spawn(t);
}

int
tracer_start(struct tracer *t)
{
	sigset_t set;
	int rc;

	assert(t->sigfd < 0 && t->reqfd < 0);	/* started once */
	if (t->opts.nattach > 0) {
		snprintf(t->mode_note, sizeof(t->mode_note),
		    "attached processes are traced with PTRACE_SYSCALL (a "
		    "seccomp filter cannot be added to a running program)");
		assert(t->engine->attach != NULL);
		if ((rc = t->engine->attach(t)) < 0)
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

static void
kill_all(struct tracer *t, int sig)
{
	t->engine->kill_all(t, sig);
}

static void
signal_tops(struct tracer *t, int sig)
{
	t->engine->signal_tops(t, sig);
}

int
tracer_run(struct tracer *t)
{
	assert(t->engine != NULL && t->sigfd >= 0);
	return t->engine->run(t);
}

void
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
		assert(t->engine->detach != NULL);
		t->engine->detach(t);
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

int
poll_timeout(struct tracer *t)
{
	struct timespec now;
	uint64_t ns = now_ns();
	long ms, sample;

	/* Rounded up: waking before it is due would only spin. */
	sample = t->sample_at > ns ?
	    (long)((t->sample_at - ns + 999999) / 1000000) : 0;
	if (!(t->doing & 1u << TRACER_REQ_STOP) ||
	    (t->doing & 1u << TRACER_REQ_KILL))
		return (int)sample;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (t->kill_at.tv_sec - now.tv_sec) * 1000 +
	    (t->kill_at.tv_nsec - now.tv_nsec) / 1000000;
	if (ms <= 0) {
		t->doing |= 1u << TRACER_REQ_KILL;
		kill_all(t, SIGKILL);
		return (int)sample;
	}
	return (int)(ms < sample ? ms : sample);
}

/* One number for the call w is in, never 0 (0: none reported). */
static uint32_t
waited_key(const struct waiting_thread *w)
{
	return ((uint32_t)w->nr + 1) ^ (w->arch == AUDIT_ARCH_I386 ?
	    0x80000000u : 0);
}

#define WAITING_MAX	256	/* threads looked at per process */

void
tracer_sample_waiting(struct tracer *t)
{
	struct waiting_thread w[WAITING_MAX];
	struct sc_event ev;
	struct tcb *c;
	uint64_t ns = now_ns(), took;
	uint32_t key;
	int n, i;

	if (ns < t->sample_at)
		return;
	if (t->engine->before_sample != NULL)
		t->engine->before_sample(t);
	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c)) {
		if (c->tid != c->tgid)
			continue;	/* its leader samples every thread */
		n = waiting_sample(c->tgid, w, WAITING_MAX);
		for (i = 0; i < n; i++) {
			key = waited_key(&w[i]);
			if (idmap_get(&t->waited, (uint32_t)w[i].tid) == key)
				continue;
			idmap_put(&t->waited, (uint32_t)w[i].tid, key);
			memset(&ev, 0, sizeof(ev));
			ev.kind = SC_EV_WAITING;
			ev.tid = w[i].tid;
			ev.tgid = c->tgid;
			ev.arch = w[i].arch;
			ev.nr = w[i].nr;
			tracer_emit(t, &ev);
		}
	}
	/* A tree of many processes makes the rounds rarer, not the tracer
	 * slower: they take at most a twentieth of its time. */
	took = now_ns() - ns;
	t->sample_at = ns + (took * 20 > TRACER_SAMPLE_NS ? took * 20 :
	    TRACER_SAMPLE_NS);
}

#define DENY_NR_MAX	1024
#define X32_BIT		0x40000000

int
tracer_arch_slot(uint32_t arch, int *nr)
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

/* Sets (arch, nr)'s errno in d; as tracer_deny(). */
static int
deny_table_set(struct deny_table *d, uint32_t arch, int nr, int err)
{
	int slot = tracer_arch_slot(arch, &nr), old;

#if !defined(__x86_64__)
	slot = -1;	/* rewriting a call's registers: x86_64 only for now */
#endif
	if (slot < 0)
		return -EOPNOTSUPP;
	if (nr < 0 || nr >= DENY_NR_MAX || err < 0 || err > 4095)
		return -EINVAL;
	old = atomic_exchange(&d->err[slot][nr], (unsigned short)err);
	if (old == 0 && err != 0)
		atomic_fetch_add(&d->n, 1);
	else if (old != 0 && err == 0)
		atomic_fetch_sub(&d->n, 1);
	return 0;
}

/* (arch, nr)'s errno in d, 0: none; one relaxed load while d is empty. */
static int
deny_table_get(struct deny_table *d, uint32_t arch, int nr)
{
	int slot;

	if (atomic_load_explicit(&d->n, memory_order_relaxed) == 0)
		return 0;
	slot = tracer_arch_slot(arch, &nr);
	if (slot < 0 || nr < 0 || nr >= DENY_NR_MAX)
		return 0;
	return atomic_load_explicit(&d->err[slot][nr], memory_order_relaxed);
}

int
tracer_deny(struct tracer *t, uint32_t arch, int nr, int err)
{
	return deny_table_set(&t->deny, arch, nr, err);
}

void
tracer_returns(struct tracer *t, int on)
{
	atomic_store_explicit(&t->returns, on != 0, memory_order_relaxed);
}

int
tracer_deny_errno(struct tracer *t, uint32_t arch, int nr)
{
	return deny_table_get(&t->deny, arch, nr);
}

int
tracer_serve_deny(struct tracer *t, uint32_t arch, int nr, int err)
{
	return deny_table_set(&t->serve_deny, arch, nr, err);
}

void
tracer_serves(struct tracer *t, pid_t tgid, uint64_t since)
{
	pthread_mutex_lock(&t->serves_lock);
	if (t->nserves == t->capserves) {
		t->capserves = t->capserves ? t->capserves * 2 : 16;
		t->serves = xreallocarray(t->serves, t->capserves,
		    sizeof(*t->serves));
	}
	t->serves[t->nserves].tgid = tgid;
	t->serves[t->nserves++].since = since;
	atomic_store(&t->serves_pending, 1);
	pthread_mutex_unlock(&t->serves_lock);
}

/* Takes the marks tracer_serves() queued, on the tracer's thread. */
static void
serves_take(struct tracer *t)
{
	struct tcb *c;
	size_t i;

	if (!atomic_load_explicit(&t->serves_pending, memory_order_relaxed))
		return;
	pthread_mutex_lock(&t->serves_lock);
	for (i = 0; i < t->nserves; i++) {
		c = tcb_get(&t->tcbs, t->serves[i].tgid);
		if (c != NULL && c->tid == c->tgid &&
		    t->serves[i].since >= c->since)
			c->flags |= TCB_SERVES;
	}
	t->nserves = 0;
	atomic_store(&t->serves_pending, 0);
	pthread_mutex_unlock(&t->serves_lock);
}

/* Is process tgid marked serving? */
static int
serves(struct tracer *t, pid_t tgid)
{
	struct tcb *leader;

	serves_take(t);
	leader = tcb_get(&t->tcbs, tgid);
	return leader != NULL && (leader->flags & TCB_SERVES);
}

int
tracer_serve_errno(struct tracer *t, const struct tcb *c, uint32_t arch,
    int nr)
{
	int err = deny_table_get(&t->serve_deny, arch, nr);

	return err != 0 && serves(t, c->tgid) ? err : 0;
}

void
tracer_serve_inherit(struct tracer *t, struct tcb *c, pid_t parent)
{
	struct tcb *p = tcb_get(&t->tcbs, parent);

	if (p != NULL && c->tid == c->tgid && serves(t, p->tgid))
		c->flags |= TCB_SERVES;
}

/* What the profile's own filter (without the prologue) returns. */
static uint32_t
profile_action(const struct tracer *t, uint32_t arch, int nr, uint64_t ip,
    const uint64_t *args)
{
	struct seccomp_data d;

	memset(&d, 0, sizeof(d));
	d.nr = nr;
	d.arch = arch;
	d.instruction_pointer = ip;
	memcpy(d.args, args, sizeof(d.args));
	return guard_run(t->plain, t->plain_len, &d);
}

/*
 * The kernel stopped the call because the same filter returned
 * SECCOMP_RET_TRACE for the same data (registers, never the program's
 * memory), so the answer is that of the kernel's filter.  Anything else
 * cannot happen; it would be refused with EPERM all the same.
 */
int
tracer_enforce_data(const struct tracer *t, uint32_t arch, int nr,
    uint64_t ip, const uint64_t *args)
{
	uint32_t act;

	if (t->plain == NULL)
		return EPERM;
	act = profile_action(t, arch, nr, ip, args);
	if ((act & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE)
		return EPERM;
	return (int)(act & SECCOMP_RET_DATA);
}

/*
 * Does the profile's own filter (without the prologue) allow this call?
 * Calls it allows are not the trace's business: only the prologue, or a
 * tracee followed with PTRACE_SYSCALL, stops them.  No profile: no.
 */
int
tracer_profile_allows(const struct tracer *t, uint32_t arch, int nr,
    uint64_t ip, const uint64_t *args)
{
	if (t->plain == NULL)
		return 0;
	return (profile_action(t, arch, nr, ip, args) &
	    SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE;
}

/*
 * c's process installs a seccomp filter of its own: say so, and let the
 * engine follow it (its own_filter()).
 */
static void
follow_own_filter(struct tracer *t, struct tcb *c, int tsync)
{
	t->nown++;
	tracer_emit_aux(t, SC_EV_OWNFILTER, c->tid, c->tgid,
	    t->engine->own_filter != NULL);
	if (t->engine->own_filter != NULL)
		t->engine->own_filter(t, c, tsync);
}

/*
 * The calls that decide what the trace sees (guard.h), at their entry or
 * seccomp stop, before they run.
 */
void
tracer_watch_call(struct tracer *t, struct tcb *c, uint32_t arch, int nr,
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
		if (t->engine->clone_call != NULL)
			t->engine->clone_call(c, call, arch, args);
		break;
	default:
		break;
	}
}

