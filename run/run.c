/*
 * run.c - the life of one trace; see run.h.
 *
 * In the UI's runs (opts.ring 1) the tracer runs on a thread of its own
 * (tracer_start() and tracer_run() both on it, as ptrace requires) and its
 * sink is the ring.  In batch mode (opts.ring 0) it runs on the caller's
 * thread, so the kernel names sctui itself the tracer, and its sink is the
 * model; a second thread only turns terminating signals, read from a
 * signalfd, into run_stop() requests.
 */
#include "config.h"
#include "run.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "model.h"
#include "build.h"
#include "profile.h"
#include "pty.h"
#include "runtime.h"
#include "ring.h"
#include "session.h"
#include "stacks.h"
#include "sysname.h"
#include "tracer.h"
#include "xalloc.h"

#define RING_CAPACITY	65536

_Static_assert(TRACER_ENFORCE_ERRNO == PROFILE_NOTIFY_ERRNO &&
    TRACER_ENFORCE_WATCH == PROFILE_NOTIFY_WATCH &&
    TRACER_ENFORCE_STARTUP == PROFILE_NOTIFY_STARTUP,
    "the enforce filter's data, as the profile code writes it");

struct run {
	const struct cli	*cli;
	struct run_opts		 opts;
	/* --profile: the base profile and the tracee's filter from it. */
	struct profile		*base;		/* NULL without --profile */
	char			*bpf;		/* struct sock_filter[]; NULL: all */
	size_t			 bpf_len;	/* instructions */
	/* --runtime's own calls, read on the first save. */
	struct runtime_set	 runtime;
	int			 have_runtime;
	struct model		*model;
	struct stacks		*stacks;	/* --stacks; NULL: off */
	struct tracer		*tracer;	/* NULL: opened, nothing traced */
	struct ring		*ring;		/* opts.ring */
	int			 debug;		/* SCTUI_DEBUG_EVENTS */
	int			 returns;	/* run_returns() */

	/* The tracer's thread and the start handshake. */
	pthread_t		 thread;
	int			 threaded;	/* created, not joined */
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 started;	/* tracer_start() returned */
	int			 start_rc;
	int			 run_rc;	/* tracer_run()'s */
	/* opts.ring 0: the signal watcher's signalfd, and its end. */
	int			 sig_fd;
	int			 done_fd;	/* eventfd: tracer_run() returned */
	int			 passed_sig;	/* opts.pass_signals: last one */
	int			 running;

	/* The program's stdio (opts.capture). */
	int			 out_fd[2];	/* ours: stdout master, stderr */
	int			 child_fd[3];	/* the program's, closed once
						   it is spawned */

	/* Calls denied live (--deny, then x): sysids. */
	uint32_t		*live;
	size_t			 nlive, caplive;
	int			 deny_errno;

	/* Serving-only, live (run_serve_only()). */
	int			 serve_only;
	uint8_t			*serve_sys;	/* by model call: refused */
	size_t			 nserve_sys;
	size_t			 nrefusing;	/* of them set */
	uint8_t			*serve_told;	/* by model process: marked */
	size_t			 nserve_told;

	/* Metadata. */
	char			 command[256];
	char			 cmdname[64];
	int			 attached;
	int			 root_status;
	uint64_t		 start;
	int			 opened;
	struct session_meta	 meta;		/* opened */
};

uint64_t
run_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- the sinks ------------------------------------------------------ */

static void
sink_ring(void *ctx, const struct sc_event *ev)
{
	/* -EPIPE: the UI has gone and reads no more; nothing to keep. */
	(void)ring_push(ctx, ev);
}

static void
sink_inline(void *ctx, const struct sc_event *ev)
{
	struct run *r = ctx;
	struct model_note note;
	char ret[32] = "";

	/*
	 * SCTUI_DEBUG_EVENTS=1: every event on stderr, for the tracer; a
	 * RETURN ends with its value.
	 */
	if (r->debug) {
		if (ev->kind == SC_EV_RETURN)
			snprintf(ret, sizeof(ret), " ret=%lld",
			    (long long)ev->u.args[0]);
		fprintf(stderr, "ev kind=%u tid=%d tgid=%d arch=%#x nr=%d "
		    "aux=%d flags=%#x%s\n", ev->kind, ev->tid, ev->tgid,
		    ev->arch, ev->nr, ev->aux, ev->flags, ret);
	}
	model_event_note(r->model, ev, &note);
	if (r->opts.on_event != NULL)
		r->opts.on_event(r->opts.event_arg, ev, note.sysid,
		    (int)note.phase);
	if (ev->kind == SC_EV_EXEC && (ev->flags & SC_EVF_SETUID))
		fprintf(stderr, "sctui: pid %d exec'd the setuid/setgid program "
		    "%s, which runs without its privileges when traced by a "
		    "non-root user: trace as root to see its privileged "
		    "calls\n", ev->tgid, ev->u.name);
	if (ev->kind == SC_EV_OWNFILTER)
		fprintf(stderr, "sctui: pid %d installed its own seccomp "
		    "filter: %s\n", ev->tgid, run_ownfilter_note(ev));
}

/* ---- metadata ------------------------------------------------------- */

/* The base of default file names: a plain name in the current folder. */
static void
set_cmdname(struct run *r, const char *name)
{
	size_t i;

	snprintf(r->cmdname, sizeof(r->cmdname), "%s", name);
	for (i = 0; r->cmdname[i] != '\0'; i++)
		if (r->cmdname[i] == '/' || (unsigned char)r->cmdname[i] <
		    0x20 || r->cmdname[i] == 0x7f)
			r->cmdname[i] = '_';
	if (r->cmdname[0] == '\0' || r->cmdname[0] == '.')
		snprintf(r->cmdname, sizeof(r->cmdname), "profile");
}

static void
describe_command(struct run *r)
{
	const struct cli *c = r->cli;
	char *const *argv = r->opts.argv;
	size_t i, o = 0;
	char esc[256];
	char comm[64] = "", path[64];
	const char *base;
	FILE *f;

	if (c->npids > 0) {
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)c->pids[0]);
		if ((f = fopen(path, "re")) != NULL) {
			if (fgets(comm, sizeof(comm), f) != NULL)
				comm[strcspn(comm, "\n")] = '\0';
			fclose(f);
		}
		o = (size_t)snprintf(r->command, sizeof(r->command),
		    "attached to");
		for (i = 0; i < c->npids && o < sizeof(r->command); i++)
			o += (size_t)snprintf(r->command + o,
			    sizeof(r->command) - o, " %d", (int)c->pids[i]);
		if (comm[0] != '\0' && o < sizeof(r->command)) {
			escape_name(comm, esc, sizeof(esc));
			snprintf(r->command + o, sizeof(r->command) - o,
			    " (%.200s)", esc);
		}
		set_cmdname(r, comm[0] ? comm : "attached");
		return;
	}
	for (i = 0; argv[i] != NULL && o < sizeof(r->command); i++) {
		escape_name(argv[i], esc, sizeof(esc));
		o += (size_t)snprintf(r->command + o, sizeof(r->command) - o,
		    "%s%s", i ? " " : "", esc);
	}
	/* The last component of argv[0], however long the path. */
	base = strrchr(argv[0], '/');
	set_cmdname(r, base != NULL && base[1] != '\0' ? base + 1 : argv[0]);
}

/* ---- live denial ---------------------------------------------------- */

int
run_denied(const struct run *r, uint32_t sysid)
{
	size_t i;

	for (i = 0; i < r->nlive; i++)
		if (r->live[i] == sysid)
			return 1;
	return 0;
}

size_t
run_ndenied(const struct run *r)
{
	return r->nlive;
}

uint32_t
run_denied_sysid(const struct run *r, size_t i)
{
	assert(i < r->nlive);
	return r->live[i];
}

int
run_deny_errno(const struct run *r)
{
	return r->deny_errno;
}

/* The arch the kernel reports sysid under: x32 calls as x86_64 ones. */
static uint32_t
kernel_arch(uint32_t sysid)
{
	uint32_t arch = sysname_arch(sysid);

	return arch == SCMP_ARCH_X32 ? SCMP_ARCH_X86_64 : arch;
}

void
run_returns(struct run *r, int on)
{
	if (r->tracer != NULL && on != r->returns) {
		r->returns = on;
		tracer_returns(r->tracer, on);
	}
}

int
run_deny(struct run *r, uint32_t sysid, int on)
{
	size_t i;
	int rc;

	if (r->tracer == NULL)
		return -ESRCH;
	assert(sysid != SYSID_NONE);
	rc = tracer_deny(r->tracer, kernel_arch(sysid), sysname_nr(sysid), on ?
	    r->deny_errno : 0);
	if (rc < 0)
		return rc;
	for (i = 0; i < r->nlive && r->live[i] != sysid; i++)
		;
	if (on && i == r->nlive) {
		if (r->nlive == r->caplive) {
			r->caplive = r->caplive ? r->caplive * 2 : 16;
			r->live = xreallocarray(r->live, r->caplive,
			    sizeof(*r->live));
		}
		r->live[r->nlive++] = sysid;
	} else if (!on && i < r->nlive)
		r->live[i] = r->live[--r->nlive];
	assert(r->nlive <= r->caplive);
	return 0;
}

/* ---- serving-only, live -------------------------------------------- */

/* Grows a byte per model record to n, the new ones 0. */
static void
grow_flags(uint8_t **v, size_t *len, size_t n)
{
	if (n <= *len)
		return;
	*v = xreallocarray(*v, n, 1);
	xmemset(*v + *len, 0, n - *len);
	*len = n;
}

/* Refuses call i of the model once serving (on) or not; 0 or -errno. */
static int
serve_set(struct run *r, uint32_t i, int on)
{
	uint32_t sysid = model_sys(r->model, i)->sysid;
	int rc;

	if (r->serve_sys[i] == on)
		return 0;
	rc = tracer_serve_deny(r->tracer, kernel_arch(sysid),
	    sysname_nr(sysid), on ? r->deny_errno : 0);
	if (rc < 0)
		return rc;
	r->serve_sys[i] = (uint8_t)on;
	if (on)
		r->nrefusing++;
	else
		r->nrefusing--;
	return 0;
}

void
run_serve_sync(struct run *r)
{
	const struct model_proc *p;
	const struct model_sys *s;
	struct model_totals t;
	size_t i, n;

	if (!r->serve_only)
		return;
	n = model_nsys(r->model);
	grow_flags(&r->serve_sys, &r->nserve_sys, n);
	for (i = 0; i < n; i++) {
		s = model_sys(r->model, (uint32_t)i);
		(void)serve_set(r, (uint32_t)i, model_sys_startup_only(s) &&
		    !profile_is_locked(sysname_name(s->sysid)));
	}
	/*
	 * A process serves for good (not tentatively: it may still bind and
	 * listen): the tracer marks it, as of the latest event the model
	 * took, so that a mark never lands on a program it exec'd since.
	 * The mark stays through shutdown; an exec ends it there and here.
	 */
	model_totals(r->model, &t);
	n = model_nprocs(r->model);
	grow_flags(&r->serve_told, &r->nserve_told, n);
	for (i = 0; i < n; i++) {
		p = model_proc(r->model, (uint32_t)i);
		if (p->phase == PHASE_STARTUP)
			r->serve_told[i] = 0;
		else if (!r->serve_told[i] && p->state == PROC_LIVE &&
		    p->phase == PHASE_SERVING && p->tent_since == 0) {
			tracer_serves(r->tracer, p->pid, t.last);
			r->serve_told[i] = 1;
		}
	}
}

int
run_serve_only(struct run *r, int on)
{
	uint32_t arches[1];
	size_t i;
	int rc;

	if (r->tracer == NULL)
		return -ESRCH;
	/* Setting no call to 0 says whether calls can be refused here. */
	if (sysname_native_arches(arches, 1) < 1)
		return -EOPNOTSUPP;
	if ((rc = tracer_serve_deny(r->tracer, arches[0], 0, 0)) < 0)
		return rc;
	r->serve_only = on;
	if (on) {
		run_serve_sync(r);
		return 0;
	}
	for (i = 0; i < r->nserve_sys; i++)
		(void)serve_set(r, (uint32_t)i, 0);
	return 0;
}

int
run_serve_only_on(const struct run *r)
{
	return r->serve_only;
}

size_t
run_serve_refusing(const struct run *r)
{
	return r->nrefusing;
}

/* --deny: each name on every native arch. */
static int
deny_cli(struct run *r)
{
	uint32_t arches[4], id;
	char *const *name;
	int i, n, rc;

	n = sysname_native_arches(arches, 4);
	for (name = r->cli->deny; name != NULL && *name != NULL; name++)
		for (i = 0; i < n; i++) {
			if ((id = sysname_lookup(arches[i], *name)) ==
			    SYSID_NONE)
				continue;
			if ((rc = run_deny(r, id, 1)) < 0) {
				fprintf(stderr, "sctui: --deny %s: %s\n", *name,
				    rc == -EOPNOTSUPP ? "live denial is not "
				    "supported on this architecture yet" :
				    strerror(-rc));
				return rc;
			}
		}
	return 0;
}

/* ---- making a run --------------------------------------------------- */

#define MSGLEN	16384

/* Prints each line of msg as "sctui: LINE". */
static void
print_lines(const char *msg)
{
	const char *p = msg, *eol;

	while (*p != '\0') {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		fprintf(stderr, "sctui: %.*s\n", (int)(eol - p), p);
		p = *eol ? eol + 1 : eol;
	}
}

struct profile *
run_load_profile(const char *path, int skip_unknown)
{
	struct profile_read_opts o = { PROFILE_FMT_AUTO, skip_unknown };
	struct profile *p;
	char *msg = calloc(1, MSGLEN);
	int rc;

	if (msg == NULL)
		return NULL;
	rc = profile_load(path, &o, &p, msg, MSGLEN);
	if (*msg != '\0')
		print_lines(msg);
	if (rc > 0)
		fprintf(stderr, "sctui: %s: skipped %d unknown name%s\n", path,
		    rc, rc == 1 ? "" : "s");
	free(msg);
	return rc < 0 ? NULL : p;
}

/*
 * The tracee's filter of a --profile run: the base, less the calls --deny
 * names, which would otherwise run untraced where it allows them: those
 * are denied by hand, and fail in the kernel with --deny's errno (the
 * base's own denials by hand too, in the one entry they share).
 */
static struct profile *
filter_base(const struct run *r)
{
	struct profile *p = profile_dup(r->base);
	char *const *name;
	size_t i;
	int moved = 0;

	for (name = r->cli->deny; name != NULL && *name != NULL; name++)
		if (profile_allows(p, *name)) {
			profile_deny(p, *name);
			moved = 1;
		}
	for (i = 0; moved && i < p->nentries; i++)
		if (p->entries[i].denied)
			p->entries[i].errno_ret = r->deny_errno;
	return p;
}

/*
 * --profile: loads the base and builds the tracee's filter from it: what
 * the profile allows (and its other rules) as it says, everything else
 * SECCOMP_RET_TRACE.  Returns 0 or -errno with the error said.
 */
static int
load_profile(struct run *r)
{
	const struct cli *c = r->cli;
	scmp_filter_ctx ctx;
	struct profile_env env;
	struct profile *fp;
	char err[1024];
	size_t len = 0;
	int rc;

	if (c->profile == NULL)
		return 0;
	if ((r->base = run_load_profile(c->profile, 0)) == NULL)
		return -EINVAL;
	/*
	 * What the profile lacks is what its default would stop.  A default
	 * that allows stops nothing: tracing from it would report every call
	 * it does not list as lacking, though it allows them all.
	 */
	if (r->base->def_action == PROFILE_ACT_ALLOW ||
	    r->base->def_action == PROFILE_ACT_LOG) {
		fprintf(stderr, "sctui: %s: its defaultAction %s allows every "
		    "call it does not list, so no call can be missing from it: "
		    "trace without --profile to see what the program needs, or "
		    "run it under the profile with --enforce\n", c->profile,
		    r->base->def_action == PROFILE_ACT_ALLOW ?
		    "SCMP_ACT_ALLOW" : "SCMP_ACT_LOG");
		return -EINVAL;
	}
	cli_env(c, &env);
	fp = filter_base(r);
	rc = profile_filter(fp, &env, SCMP_ACT_TRACE(0),
	    SCMP_ACT_TRACE(0), 0, &ctx, err, sizeof(err));
	profile_free(fp);
	if (rc == 0) {
		rc = profile_export(ctx, 1, &r->bpf, &len, err, sizeof(err));
		seccomp_release(ctx);
	}
	if (rc < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->profile, err);
		return rc;
	}
	r->bpf_len = len / 8;	/* struct sock_filter is 8 bytes */
	return 0;
}

static struct run *
run_alloc(const struct cli *c)
{
	struct run *r = xcalloc(1, sizeof(*r));

	r->cli = c;
	r->out_fd[0] = r->out_fd[1] = -1;
	r->child_fd[0] = r->child_fd[1] = r->child_fd[2] = -1;
	r->done_fd = r->sig_fd = -1;
	r->root_status = -1;
	r->deny_errno = c->errno_ret > 0 ? c->errno_ret : EPERM;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->cond, NULL);
	return r;
}

/*
 * The program's stdin is /dev/null; its stdout a pseudo-terminal of its
 * own, also its controlling terminal (it never gets the one sctui draws
 * on), and its stderr a pipe, so the two streams stay apart.
 */
static int
capture_open(struct run *r)
{
	struct winsize ws;
	int errp[2], rc;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0)
		memset(&ws, 0, sizeof(ws));
	if ((rc = pty_open(&r->out_fd[0], &r->child_fd[1], &ws)) < 0) {
		fprintf(stderr, "sctui: cannot open a pseudo-terminal for the "
		    "program: %s (is devpts mounted on /dev/pts?); --batch "
		    "runs it without one\n", strerror(-rc));
		return rc;
	}
	if ((r->child_fd[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0 ||
	    pipe2(errp, O_CLOEXEC) < 0) {
		rc = -errno;
		fprintf(stderr, "sctui: cannot set up the program's stdio: "
		    "%s\n", strerror(errno));
		return rc;
	}
	r->out_fd[1] = errp[0];
	r->child_fd[2] = errp[1];
	fcntl(errp[0], F_SETFL, O_NONBLOCK);
	return 0;
}

static void
child_fds_close(struct run *r)
{
	int i;

	for (i = 0; i < 3; i++)
		if (r->child_fd[i] >= 0) {
			close(r->child_fd[i]);
			r->child_fd[i] = -1;
		}
}

int
run_new(const struct cli *c, const struct run_opts *o, struct run **rp)
{
	struct model_opts mo = { 0 };
	struct tracer_opts to = { 0 };
	struct sc_sink sink;
	struct run *r;
	int rc;

	*rp = NULL;
	r = run_alloc(c);
	r->opts = *o;
	if (r->opts.argv == NULL)
		r->opts.argv = c->argv;
	if (r->opts.stop_signal == 0)
		r->opts.stop_signal = c->stop_signal;
	r->attached = c->npids > 0;
	r->debug = getenv("SCTUI_DEBUG_EVENTS") != NULL;
	describe_command(r);

	mo.serve_on = (const char *const *)c->serve_on;
	mo.serve_after_ns = (uint64_t)(c->serve_after * 1e9);
	r->model = model_new(&mo);
	if (o->ring) {
		if ((r->ring = ring_new(RING_CAPACITY)) == NULL) {
			rc = -errno;
			fprintf(stderr, "sctui: eventfd: %s\n",
			    strerror(errno));
			goto fail;
		}
		sink.ctx = r->ring;
		sink.emit = sink_ring;
	} else {
		sink.ctx = r;
		sink.emit = sink_inline;
		if ((r->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0) {
			rc = -errno;
			fprintf(stderr, "sctui: eventfd: %s\n",
			    strerror(errno));
			goto fail;
		}
	}

	to.stdin_fd = to.stdout_fd = to.stderr_fd = -1;
	if (o->capture && !r->attached) {
		if ((rc = capture_open(r)) < 0)
			goto fail;
		to.stdin_fd = r->child_fd[0];
		to.stdout_fd = r->child_fd[1];
		to.stdout_ctty = 1;
		to.stderr_fd = r->child_fd[2];
	}
	to.argv = r->opts.argv;
	to.attach = c->pids;
	to.nattach = c->npids;
	to.mode = c->no_seccomp ? TRACER_SYSCALL : c->no_notify ?
	    TRACER_SECCOMP : TRACER_NOTIFY;
	to.stop_signal = r->opts.stop_signal;
	if ((rc = load_profile(r)) < 0)
		goto fail;
	to.filter = r->bpf;
	to.filter_len = r->bpf_len;
	if (o->enforce != NULL) {
		to.filter = o->enforce;
		to.filter_len = o->enforce_len;
		to.mode = TRACER_NOTIFY;
		to.enforce = 1;
		to.may_start = o->may_start;
		to.may_start_ctx = o->event_arg;
		to.phases_kill = o->phases_kill;
	}
	if (c->stacks) {
		if (!tracer_stacks_supported()) {
			fprintf(stderr, "sctui: --stacks needs libdw: install "
			    "libdw-dev and rebuild sctui\n");
			rc = -ENOTSUP;
			goto fail;
		}
		to.stacks = r->stacks = stacks_new();
		to.stacks_per_process = c->stacks == CLI_STACKS_PROCESS;
	}
	r->tracer = tracer_new(&to, &sink);
	/* SCTUI_RETURNS=1: return values from the start (debugging). */
	run_returns(r, getenv("SCTUI_RETURNS") != NULL);
	if ((rc = deny_cli(r)) < 0)
		goto fail;
	*rp = r;
	return 0;
fail:
	run_free(r);
	return rc;
}

int
run_open(const struct cli *c, struct run **rp)
{
	struct model_opts mo = { 0 };
	struct run *r;
	char err[1024];
	int rc;

	*rp = NULL;
	r = run_alloc(c);
	r->opened = 1;
	mo.serve_on = (const char *const *)c->serve_on;
	if ((rc = session_load(c->open, &mo, &r->model, &r->meta, err,
	    sizeof(err))) < 0) {
		fprintf(stderr, "sctui: %s\n", err);
		run_free(r);
		return rc;
	}
	escape_name(r->meta.command, r->command, sizeof(r->command));
	set_cmdname(r, r->meta.cmdname);
	r->attached = r->meta.attached;
	r->root_status = r->meta.root_status;
	r->start = r->meta.start;
	*rp = r;
	return 0;
}

/* Waits for the run's thread; the trace is over. */
static void
join(struct run *r)
{
	if (!r->threaded)
		return;
	pthread_join(r->thread, NULL);
	r->threaded = 0;
	r->running = 0;
	r->root_status = tracer_root_status(r->tracer);
}

/* opts.ring 0: ends the signal watcher's thread. */
static void
watch_end(struct run *r)
{
	uint64_t one = 1;
	ssize_t n;

	n = write(r->done_fd, &one, sizeof(one));
	(void)n;
	join(r);
}

/* opts.ring 0: the rest of the trace, on this thread. */
static void
finish_inline(struct run *r)
{
	r->run_rc = tracer_run(r->tracer);
	watch_end(r);
}

void
run_free(struct run *r)
{
	int i;

	if (r == NULL)
		return;
	/* The caller left early: the trace ends with it. */
	run_close(r, RUN_KILL);
	child_fds_close(r);
	for (i = 0; i < 2; i++)
		if (r->out_fd[i] >= 0)
			close(r->out_fd[i]);
	if (r->done_fd >= 0)
		close(r->done_fd);
	if (r->sig_fd >= 0)
		close(r->sig_fd);
	free(r->live);
	free(r->serve_sys);
	free(r->serve_told);
	session_meta_free(&r->meta);
	tracer_free(r->tracer);
	stacks_free(r->stacks);
	ring_free(r->ring);
	model_free(r->model);
	profile_free(r->base);
	free(r->bpf);
	runtime_set_free(&r->runtime);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->cond);
	free(r);
}

/* ---- the tracer's thread -------------------------------------------- */

void
run_close(struct run *r, enum run_stop how)
{
	if (!r->threaded)
		return;
	run_stop(r, how);
	if (r->ring == NULL) {
		finish_inline(r);
		return;
	}
	/* A tracer blocked on a full ring must see that no one reads. */
	ring_close(r->ring);
	join(r);
}

/* The signals that end a trace; the tracer's thread never takes them. */
static void
end_signals(const struct run *r, sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	if (r->opts.quit_ends || r->opts.pass_signals)
		sigaddset(set, SIGQUIT);
}

/* opts.ring 1: the tracer's thread. */
static void *
tracer_main(void *arg)
{
	struct run *r = arg;
	int rc;

	rc = tracer_start(r->tracer);
	pthread_mutex_lock(&r->lock);
	r->start_rc = rc;
	r->started = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	if (rc == 0)
		r->run_rc = tracer_run(r->tracer);
	ring_finish(r->ring);
	return NULL;
}

/*
 * opts.ring 0: the thread that turns terminating signals into requests
 * while the caller's thread traces: the first ends the trace, the next
 * kill (with opts.pass_signals, each goes to the program as it is).  It
 * ends when done_fd is written.
 */
static void *
watch_signals(void *arg)
{
	struct run *r = arg;
	struct signalfd_siginfo si;
	struct pollfd pfd[2];
	int ends = 0;

	pfd[0].fd = r->sig_fd;
	pfd[0].events = POLLIN;
	pfd[1].fd = r->done_fd;
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			fatal("poll: %s", strerror(errno));
		}
		if (pfd[1].revents & POLLIN)
			return NULL;
		if (!(pfd[0].revents & POLLIN) ||
		    read(r->sig_fd, &si, sizeof(si)) != (ssize_t)sizeof(si))
			continue;
		if (r->opts.pass_signals) {
			r->passed_sig = (int)si.ssi_signo;
			run_signal(r, r->passed_sig);
		} else
			run_stop(r, ends++ ? RUN_KILL : RUN_END);
	}
}

/*
 * opts.ring 0: the terminating signals wait in a signalfd.  An ignored
 * signal is dropped before it can wait there: each one ends the trace,
 * as before it would have killed sctui.
 */
static void
watch_open(struct run *r, const sigset_t *set)
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 1; i < NSIG; i++)
		if (sigismember(set, i) == 1)
			sigaction(i, &sa, NULL);
	if ((r->sig_fd = signalfd(-1, set, SFD_CLOEXEC)) < 0)
		fatal("signalfd: %s", strerror(errno));
}

int
run_start(struct run *r)
{
	sigset_t block, old;
	int rc;

	assert(r->tracer != NULL && !r->threaded && !r->started);
	/*
	 * SIGCHLD for the tracer first (the program gets back the mask
	 * tracer_block_signals() found); the terminating signals and SIGWINCH
	 * never reach the tracer's thread, so that they interrupt the UI's
	 * poll(2), or wait in the signalfd of batch mode.
	 */
	tracer_block_signals();
	end_signals(r, &block);
	if (!r->opts.ring)
		watch_open(r, &block);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	r->start = run_now();
	if ((rc = pthread_create(&r->thread, NULL, r->opts.ring ?
	    tracer_main : watch_signals, r)) != 0)
		fatal("pthread_create: %s", strerror(rc));
	r->threaded = 1;
	r->running = 1;
	if (r->opts.ring) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		pthread_mutex_lock(&r->lock);
		while (!r->started)
			pthread_cond_wait(&r->cond, &r->lock);
		rc = r->start_rc;
		pthread_mutex_unlock(&r->lock);
	} else {
		/* Traced from this thread: the kernel names it the tracer. */
		r->start_rc = rc = tracer_start(r->tracer);
		r->started = 1;
	}
	child_fds_close(r);
	if (rc < 0) {
		if (r->ring == NULL)
			watch_end(r);
		else
			join(r);
		fprintf(stderr, "sctui: %s\n", tracer_error(r->tracer));
	}
	return rc;
}

int
run_wait(struct run *r)
{
	assert(!r->opts.ring && r->threaded);
	finish_inline(r);
	if (r->run_rc < 0)
		fprintf(stderr, "sctui: tracing stopped: %s\n",
		    strerror(-r->run_rc));
	return r->run_rc;
}

/* ---- the ring ------------------------------------------------------- */

size_t
run_drain(struct run *r, void (*fn)(void *arg, const struct sc_event *ev,
    uint32_t sysid, int phase), void *arg, size_t max)
{
	struct sc_event buf[256];
	struct model_note note;
	size_t total = 0, n, i, want;

	assert(r->ring != NULL);
	while (total < max) {
		want = max - total < sizeof(buf) / sizeof(buf[0]) ?
		    max - total : sizeof(buf) / sizeof(buf[0]);
		if ((n = ring_pop(r->ring, buf, want)) == 0)
			break;
		for (i = 0; i < n; i++) {
			model_event_note(r->model, &buf[i], &note);
			if (fn != NULL)
				fn(arg, &buf[i], note.sysid, note.phase);
		}
		total += n;
	}
	if (total > 0)
		run_serve_sync(r);
	return total;
}

int
run_wait_fd(struct run *r)
{
	assert(r->ring != NULL);
	return ring_wait_prepare(r->ring) ? ring_fd(r->ring) : -1;
}

void
run_wait_done(struct run *r)
{
	ring_wait_done(r->ring);
}

int
run_running(struct run *r)
{
	if (!r->running)
		return 0;
	if (r->ring != NULL && ring_finished(r->ring))
		join(r);
	return r->running;
}

/* ---- commands ------------------------------------------------------- */

void
run_stop(struct run *r, enum run_stop how)
{
	static const enum tracer_req req[] = {
		[RUN_STOP] = TRACER_REQ_STOP,
		[RUN_KILL] = TRACER_REQ_KILL,
		[RUN_DETACH] = TRACER_REQ_DETACH,
		[RUN_END] = TRACER_REQ_END,
	};

	assert(how >= RUN_STOP && how <= RUN_END);
	if (r->opts.on_stop != NULL)
		r->opts.on_stop(r->opts.stop_arg);
	if (r->tracer != NULL)
		tracer_request(r->tracer, req[how]);
}

void
run_signal(struct run *r, int sig)
{
	/* The tracer's thread sends it: only it knows the live processes. */
	if (r->tracer != NULL)
		tracer_signal(r->tracer, sig);
}

/* ---- what the front ends read --------------------------------------- */

const char *
run_ownfilter_note(const struct sc_event *ev)
{
	return tracer_ownfilter_note(ev);
}

int
run_notify_available(char *why, size_t len)
{
	return tracer_notify_available(why, len);
}

struct model *
run_model(struct run *r)
{
	return r->model;
}

const struct stacks *
run_stacks(const struct run *r)
{
	return r->opened ? r->meta.stacks : r->stacks;
}

const char *
run_command(const struct run *r)
{
	return r->command;
}

const char *
run_cmdname(const struct run *r)
{
	return r->cmdname;
}

const char *
run_mode_name(const struct run *r)
{
	if (r->opened)
		return r->meta.mode;
	if (r->base == NULL)
		return tracer_mode_name(tracer_mode(r->tracer));
	switch (tracer_mode(r->tracer)) {
	case TRACER_NOTIFY:
		return "seccomp user notification from a profile";
	case TRACER_SECCOMP:
		return "seccomp fast path from a profile";
	default:
		return "ptrace from a profile";
	}
}

const char *
run_mode_note(const struct run *r)
{
	return r->tracer != NULL ? tracer_mode_note(r->tracer) : "";
}

int
run_loop_note(const struct run *r, char *buf, size_t len)
{
	struct tracer_stats s = { 0 };

	if (r->tracer != NULL)
		tracer_stats(r->tracer, &s);
	if (s.stops == 0)
		return 0;
	snprintf(buf, len, "%lu stops, %lu found by asking the tracee "
	    "restarted, %lu beside a lone busy tracee, %lu CPU changes",
	    s.stops, s.asked, s.alone, s.moves);
	return 1;
}

int
run_attached(const struct run *r)
{
	return r->attached;
}

int
run_opened(const struct run *r)
{
	return r->opened;
}

int
run_from_profile(const struct run *r)
{
	return r->opened && r->meta.from_profile;
}

int
run_has_base(const struct run *r)
{
	return r->base != NULL;
}

const struct profile *
run_base(const struct run *r)
{
	return r->base;
}

uint64_t
run_start_ns(const struct run *r)
{
	return r->start;
}

uint64_t
run_saved_ns(const struct run *r)
{
	struct model_totals t;

	model_totals(r->model, &t);
	return r->meta.saved > t.last ? r->meta.saved : t.last;
}

int
run_root_status(const struct run *r)
{
	return r->root_status;
}

int
run_passed_signal(const struct run *r)
{
	/* Written by the watcher's thread, which run_wait() has joined. */
	return r->passed_sig;
}

int
run_tracer_cpu(const struct run *r)
{
	cpu_set_t set;
	int c;

	if (!r->running || !r->opts.ring || pthread_getaffinity_np(r->thread,
	    sizeof(set), &set) != 0 || CPU_COUNT(&set) != 1)
		return -1;
	for (c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set))
			return c;
	return -1;
}

uint64_t
run_stalls(const struct run *r)
{
	return r->ring != NULL ? ring_stalls(r->ring) : 0;
}

int
run_output_fd(struct run *r, int which)
{
	int fd;

	assert(which == 0 || which == 1);
	fd = r->out_fd[which];
	r->out_fd[which] = -1;
	return fd;
}

int
run_exit_code(const struct run *r)
{
	int st = r->root_status;

	if (r->tracer != NULL && r->start_rc < 0) {
		if (!r->attached && r->start_rc == -ENOENT)
			return 127;
		if (!r->attached && r->start_rc == -EACCES)
			return 126;
		return 1;
	}
	if (r->attached || st < 0)
		return 0;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 1;
}

/* ---- saving --------------------------------------------------------- */

int
run_save_session(struct run *r, const char *path, uint64_t now, char *err,
    size_t errlen)
{
	struct session_meta meta;
	uint32_t arches[SYSNAME_MAX_ARCH];
	char *names[SYSNAME_MAX_ARCH + 1];
	int i, n;

	if (r->opened)
		return session_save(path, r->model, &r->meta, err, errlen);
	memset(&meta, 0, sizeof(meta));
	n = sysname_native_arches(arches, SYSNAME_MAX_ARCH);
	for (i = 0; i < n; i++)
		names[i] = (char *)sysname_arch_name(arches[i]);
	names[n] = NULL;
	meta.command = r->command;
	meta.cmdname = r->cmdname;
	meta.mode = (char *)run_mode_name(r);
	meta.arches = names;
	meta.start = r->start;
	meta.saved = now;
	meta.root_status = r->running ? -1 : r->root_status;
	meta.attached = r->attached;
	meta.stacks = r->stacks;
	return session_save(path, r->model, &meta, err, errlen);
}

/*
 * The profile a run opened, what saving it builds on: its phase groups and
 * runtime entry kept, less the denials the user has taken back.
 */
static struct profile *
opened_base(const struct run *r)
{
	struct profile *p = profile_dup(r->meta.profile);
	const struct model_sys *s;
	uint32_t i;

	for (i = 0; i < model_nsys(r->model); i++) {
		s = model_sys(r->model, i);
		if (s->toggle == TOGGLE_ALLOW && sysname_known(s->sysid))
			profile_undeny(p, sysname_name(s->sysid));
	}
	return p;
}

struct profile *
run_profile(struct run *r, char *err, size_t errlen)
{
	struct profile_build b = { 0 };
	struct profile *opened = NULL, *p;

	b.runtime_name = r->cli->runtime ? r->cli->runtime :
	    PROFILE_BUILD_RUNTIME;
	if (!r->have_runtime) {
		if (runtime_baseline(b.runtime_name, NULL, &r->runtime, err,
		    errlen) < 0)
			return NULL;
		r->have_runtime = 1;
	}
	if (r->base == NULL && r->meta.profile != NULL)
		opened = opened_base(r);
	b.model = r->model;
	b.base = opened != NULL ? opened : r->base;
	b.runtime = &r->runtime;
	b.default_action = r->cli->default_action;
	b.errno_ret = r->cli->errno_ret;
	p = profile_build(&b);
	profile_free(opened);
	return p;
}

int
run_save_profile(struct run *r, int f, const char *path, char *err,
    size_t errlen)
{
	struct profile_write_opts o = { NULL, NULL };
	struct profile_env env;
	struct profile *p;
	int rc;

	if ((p = run_profile(r, err, errlen)) == NULL)
		return -ENOENT;
	cli_env(r->cli, &env);
	o.env = &env;
	rc = profile_save(p, path, f ? (enum profile_format)f :
	    PROFILE_FMT_DOCKER, &o, err, errlen);
	profile_free(p);
	return rc;
}
