/*
 * enforce.c - run a command under a profile; see enforce.h.
 *
 * Where the kernel has seccomp user notification, the command runs in a
 * run (run/run.h) whose filter is the profile's as the kernel enforces
 * it, except that the calls the profile fails with an errno stop for
 * sctui (PROFILE_FILTER_NOTIFY, tracer_opts.enforce): sctui fails them
 * with that errno, never lets one run, and counts them per call and
 * process, with the phase the model gives.  Kill and trap actions stay in
 * the kernel.  Each new (call, process) is said on stderr as it happens
 * (at most ENFORCE_LINES a second), all of them again at exit, and a
 * command that fails gets a hint naming the calls denied and the command
 * line that finds the rest; one stopped by a signal sent to sctui and
 * passed on (the usual stop, as a runtime's) has not failed.  The tree ends with sctui (the keeper of
 * tracer/unotify.c).
 *
 * --phases: the calls the profile allows in startup only stop too, and
 * run while their process starts up (enforce_may_start()); accept and
 * accept4 stop and run, so that the model sees a process serve for good
 * (lib/model/model.h), and from then on that process, and any process it
 * forks, is refused them.  Which process serves is kept here (struct
 * eproc), never taken back: an exec gives no startup calls back.
 *
 * Without user notification (or with --no-notify) the filter is loaded in
 * a child right before execv(), as runc and crun do, and sctui only waits:
 * with no_new_privs only when we are not root (root keeps setuid programs
 * working, as a runtime without no-new-privileges does).
 */
#include "config.h"
#include "enforce.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cmdpath.h"
#include "escape.h"
#include "model.h"
#include "profile.h"
#include "profilecmd.h"
#include "run.h"
#include "summary.h"
#include "sysname.h"
#include "xalloc.h"

#define ENFORCE_LINES	5	/* live lines a second, at most */
#define ENFORCE_SUMMARY	30	/* (call, process) lines at exit, at most */
#define ENFORCE_NAMES	4	/* calls named by the hint, at most */

/* One call denied in one process. */
struct denial {
	uint32_t	sysid;
	int32_t		pid;
	char		name[48];	/* the process's, at the first denial */
	uint64_t	count;
	uint64_t	first;		/* event clock */
	uint8_t		phases;		/* bit (1 << enum phase) */
	uint8_t		shown;		/* said live */
	uint16_t	flags;		/* SC_EVF_STARTUP, SC_EVF_KILLED */
};

/*
 * --phases: a process as enforcing sees it.  It serves once the model
 * says it serves for good, or from its birth if a serving process forked
 * it: kids are the children its threads had when it started serving,
 * which alone may still start up.
 */
struct eproc {
	int32_t		 pid;
	int		 serving;
	pid_t		*kids;
	size_t		 nkids;
};

struct enforce {
	const struct cli *cli;
	const struct profile *prof;	/* the profile enforced */
	struct run	*run;
	struct denial	*d;		/* in order of first denial */
	size_t		 n, cap;
	size_t		 hit;		/* the latest one, tried first */
	/* The call of the latest SYSCALL event: a DENIED follows it. */
	int32_t		 tid;
	uint32_t	 sysid;
	int		 phase;
	/*
	 * The command's first call is its execve (tracer/notify.h): denied,
	 * it never started, which is said in one line (errno, or -1 for 0).
	 */
	int		 root_seen;
	int		 first_exec;
	int		 exec_err;
	/* --phases: the processes met, and whether one serves. */
	struct eproc	*procs;
	size_t		 nprocs, capprocs;
	int		 any_serving;
	/* The live lines' rate. */
	uint64_t	 second;	/* start of the current second */
	unsigned	 lines;		/* said in it */
	int		 held;		/* a line was held back: said once */
};

/* 66012 -> "66,012" into buf. */
static const char *
enforce_count(uint64_t n, char *buf, size_t len)
{
	char digits[32];
	size_t nd, i, o = 0;

	nd = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)n);
	for (i = 0; i < nd && o + 2 < len; i++) {
		if (i > 0 && (nd - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

void
enforce_quote(char *buf, size_t len, const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%";
	const unsigned char *p;
	char safe[1024];
	size_t o = strlen(buf);
	int raw;

#define PUT(...) (o += (size_t)snprintf(buf + o, o < len ? len - o : 0, \
	__VA_ARGS__), o = o < len ? o : len)
	if (*s != '\0' && strspn(s, plain) == strlen(s)) {
		PUT("%s", s);
		return;
	}
	/* What escape_name() leaves alone may reach the terminal as it is. */
	raw = strcmp(escape_name(s, safe, sizeof(safe)), s) == 0;
	PUT("%s'", raw ? "" : "$");
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (raw && *p == '\'')
			PUT("'\\''");
		else if (!raw && (*p < 0x20 || *p >= 0x7f || *p == '\'' ||
		    *p == '\\'))
			PUT("\\x%02x", *p);
		else
			PUT("%c", *p);
	PUT("'");
#undef PUT
}

/*
 * "sctui --profile=P -- CMD ARGS...", pastable, into buf; with rt, the
 * batch run that adds runtime rt's own calls to P: "sctui --batch
 * --profile=P --runtime=RT -o P -- CMD ARGS...".
 */
static const char *
enforce_next(const struct cli *c, const char *rt, char *buf, size_t len)
{
	char *const *a;

	snprintf(buf, len, "sctui %s--profile=", rt ? "--batch " : "");
	enforce_quote(buf, len, c->enforce);
	if (rt != NULL) {
		snprintf(buf + strlen(buf), len - strlen(buf), " --runtime=%s "
		    "-o ", rt);
		enforce_quote(buf, len, c->enforce);
	}
	strncat(buf, " --", len - strlen(buf) - 1);
	for (a = c->argv; *a != NULL; a++) {
		strncat(buf, " ", len - strlen(buf) - 1);
		enforce_quote(buf, len, *a);
	}
	return buf;
}

void
enforce_hint(const struct cli *c, const char *how, const char *rt,
    const char *lacks)
{
	char line[4096], name[256], prof[1024], where[64] = "";

	escape_name(c->argv[0], name, sizeof(name));
	escape_name(c->enforce, prof, sizeof(prof));
	if (rt != NULL)
		snprintf(where, sizeof(where), " in %s", rt);
	if (rt != NULL && lacks != NULL && *lacks != '\0')
		fprintf(stderr, "sctui: %s: %s under %s%s, which lacks %s, "
		    "calls %s makes itself before the command starts; this "
		    "adds them: %s\n", name, how, prof, where, lacks, rt,
		    enforce_next(c, rt, line, sizeof(line)));
	else
		fprintf(stderr, "sctui: %s: %s under %s%s; if a denied call "
		    "caused it, this names the calls the profile lacks: %s\n",
		    name, how, prof, where, enforce_next(c, NULL, line,
		    sizeof(line)));
}

/* "startup", "startup and serving", ... of a set of phases. */
static const char *
enforce_phases(uint8_t phases, char *buf, size_t len)
{
	int ph;

	buf[0] = '\0';
	for (ph = 0; ph < PHASE_N; ph++)
		if (phases & 1u << ph)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
			    buf[0] ? " and " : "", phase_name((enum phase)ph));
	return buf;
}

/* "accept4" on the native arch, "socket (i386)" on another. */
static const char *
enforce_call_name(uint32_t sysid, char *buf, size_t len)
{
	uint32_t arch = sysname_arch(sysid);

	if (arch == sysname_native())
		snprintf(buf, len, "%s", sysname_name(sysid));
	else
		snprintf(buf, len, "%s (%s)", sysname_name(sysid),
		    sysname_arch_name(arch));
	return buf;
}

/*
 * "accept4 denied 66,012 times in pid 811 (nginx), serving; first at
 * +0.21 s" (total 1) or "accept4 denied in pid 811 ..." (live, 0).
 */
static void
enforce_say(struct enforce *e, const struct denial *d, int total)
{
	char call[96], name[200], n[32], ph[128];
	double at = (double)(d->first - run_start_ns(e->run)) / 1e9;

	enforce_call_name(d->sysid, call, sizeof(call));
	escape_name(d->name, name, sizeof(name));
	enforce_phases(d->phases, ph, sizeof(ph));
	if (d->flags & SC_EVF_STARTUP)
		strncat(ph, d->flags & SC_EVF_KILLED ? ", allowed in startup "
		    "only: killed" : ", allowed in startup only",
		    sizeof(ph) - strlen(ph) - 1);
	if (total)
		fprintf(stderr, "sctui: %s denied %s time%s in pid %d (%s), "
		    "%s; first at +%.2f s\n", call, enforce_count(d->count, n,
		    sizeof(n)), d->count == 1 ? "" : "s", d->pid, name, ph,
		    at);
	else
		fprintf(stderr, "sctui: %s denied in pid %d (%s), %s; first "
		    "at +%.2f s\n", call, d->pid, name, ph, at);
}

/* A new (call, process) as it happens, ENFORCE_LINES a second at most. */
static void
enforce_live(struct enforce *e, struct denial *d, uint64_t now)
{
	if (now - e->second >= 1000000000u) {
		e->second = now;
		e->lines = 0;
	}
	if (e->lines >= ENFORCE_LINES) {
		if (!e->held)
			fprintf(stderr, "sctui: more calls denied than said "
			    "here: all of them at exit\n");
		e->held = 1;
		return;
	}
	e->lines++;
	d->shown = 1;
	enforce_say(e, d, 0);
}

/* The (call, process) of a denial: found, or a new one. */
static struct denial *
enforce_find(struct enforce *e, uint32_t sysid, int32_t pid, int *isnew)
{
	const struct model_proc *p;
	struct denial *d;
	size_t i;

	*isnew = 0;
	if (e->hit < e->n && e->d[e->hit].sysid == sysid &&
	    e->d[e->hit].pid == pid)
		return &e->d[e->hit];
	for (i = 0; i < e->n; i++)
		if (e->d[i].sysid == sysid && e->d[i].pid == pid) {
			e->hit = i;
			return &e->d[i];
		}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->d = xreallocarray(e->d, e->cap, sizeof(*e->d));
	}
	d = &e->d[e->n];
	memset(d, 0, sizeof(*d));
	d->sysid = sysid;
	d->pid = pid;
	if ((p = model_proc_by_pid(run_model(e->run), pid)) != NULL)
		memcpy(d->name, p->name, sizeof(d->name));
	d->name[sizeof(d->name) - 1] = '\0';
	e->hit = e->n++;
	*isnew = 1;
	return d;
}

/* The parent of pid, from /proc; 0 if it is gone. */
static pid_t
enforce_ppid(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd, ppid = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	/* The name, in parentheses, may hold anything: after its end. */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %*c %d", &ppid) != 1)
		return 0;
	return (pid_t)ppid;
}

/* The children of every thread of pid, as /proc lists them, into *kids. */
static void
enforce_kids(pid_t pid, pid_t **kids, size_t *n)
{
	char path[96], buf[4096], *p, *end;
	size_t cap = 0;
	struct dirent *de;
	ssize_t len;
	long kid;
	DIR *dir;
	int fd;

	*kids = NULL;
	*n = 0;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if ((dir = opendir(path)) == NULL)
		return;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%.20s/children",
		    (int)pid, de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[len > 0 ? len : 0] = '\0';
		for (p = buf; (kid = strtol(p, &end, 10)) > 0; p = end) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*kids = xreallocarray(*kids, cap,
				    sizeof(**kids));
			}
			(*kids)[(*n)++] = (pid_t)kid;
		}
	}
	closedir(dir);
}

static struct eproc *
enforce_proc_find(struct enforce *e, int32_t pid)
{
	size_t i;

	for (i = 0; i < e->nprocs; i++)
		if (e->procs[i].pid == pid)
			return &e->procs[i];
	return NULL;
}

/*
 * Process pid as enforcing sees it, met now if it was not: it serves
 * from birth if its parent served when it forked it (its parent serves
 * and did not have it yet then), or if it lost its parent (a daemon's
 * double fork: reparented to the keeper) once a process serves.
 */
static struct eproc *
enforce_proc(struct enforce *e, int32_t pid)
{
	const struct model_proc *p;
	struct eproc *ep, *parent;
	pid_t ppid;
	size_t i;
	int serving = 0;

	if ((ep = enforce_proc_find(e, pid)) != NULL)
		return ep;
	p = model_proc_by_pid(run_model(e->run), pid);
	ppid = enforce_ppid(pid);
	if ((parent = enforce_proc_find(e, ppid)) != NULL && parent->serving) {
		serving = 1;
		for (i = 0; i < parent->nkids; i++)
			if (parent->kids[i] == pid)
				serving = 0;
	} else if (parent == NULL && e->any_serving &&
	    !(p != NULL && (p->flags & MODEL_PROC_ROOT)))
		serving = 1;
	if (e->nprocs == e->capprocs) {
		e->capprocs = e->capprocs ? e->capprocs * 2 : 16;
		e->procs = xreallocarray(e->procs, e->capprocs,
		    sizeof(*e->procs));
	}
	ep = &e->procs[e->nprocs++];
	memset(ep, 0, sizeof(*ep));
	ep->pid = pid;
	ep->serving = serving;
	e->any_serving |= serving;
	return ep;
}

/* A process the model sees serve for good serves, its children noted. */
static void
enforce_serves(struct enforce *e, struct eproc *ep)
{
	const struct model_proc *p;

	p = model_proc_by_pid(run_model(e->run), ep->pid);
	if (ep->serving || p == NULL || p->phase == PHASE_STARTUP ||
	    p->tent_since != 0)
		return;
	ep->serving = 1;
	e->any_serving = 1;
	enforce_kids(ep->pid, &ep->kids, &ep->nkids);
}

/* After each event: what it changed. */
static void
enforce_phase(struct enforce *e, const struct sc_event *ev)
{
	struct eproc *ep;

	if (ev->tgid <= 0)
		return;
	if (ev->kind == SC_EV_EXIT && ev->tid == ev->tgid) {
		/* Gone: its pid may come back as another process. */
		if ((ep = enforce_proc_find(e, ev->tgid)) != NULL) {
			free(ep->kids);
			*ep = e->procs[--e->nprocs];
		}
		return;
	}
	enforce_serves(e, enforce_proc(e, ev->tgid));
}

/*
 * The run's may_start hook: may tgid still make its startup calls?  Its
 * call comes before its event: --serve-after is applied first.
 */
static int
enforce_may_start(void *arg, pid_t tgid)
{
	struct enforce *e = arg;
	struct eproc *ep;

	model_tick(run_model(e->run), run_now());
	ep = enforce_proc(e, tgid);
	enforce_serves(e, ep);
	return !ep->serving;
}

/* The run's hook (run_opts.on_event), on the tracer's thread. */
static void
enforce_event(void *arg, const struct sc_event *ev, uint32_t sysid,
    int phase)
{
	struct enforce *e = arg;
	const struct model_proc *p;
	struct denial *d;
	int isnew;

	if (e->cli->phases)
		enforce_phase(e, ev);
	if (ev->kind == SC_EV_SYSCALL) {
		e->first_exec = 0;
		e->tid = ev->tid;
		e->sysid = sysid;
		e->phase = phase;
		if (!e->root_seen && sysid != SYSID_NONE &&
		    (p = model_proc_by_pid(run_model(e->run), ev->tgid)) !=
		    NULL && (p->flags & MODEL_PROC_ROOT)) {
			e->root_seen = 1;
			e->first_exec = strncmp(sysname_name(sysid), "execve",
			    6) == 0;
		}
		return;
	}
	if (ev->kind != SC_EV_DENIED || ev->tid != e->tid ||
	    e->sysid == SYSID_NONE)
		return;
	if (e->first_exec) {
		e->first_exec = 0;
		e->exec_err = ev->aux ? ev->aux : -1;
		return;
	}
	d = enforce_find(e, e->sysid, ev->tgid, &isnew);
	if (d->count++ == 0)
		d->first = ev->ts;
	/* Refused as the process serves, whatever the model counts. */
	if ((ev->flags & SC_EVF_STARTUP) && e->phase == PHASE_STARTUP)
		e->phase = PHASE_SERVING;
	d->phases |= (uint8_t)(1u << e->phase);
	d->flags |= ev->flags & (SC_EVF_STARTUP | SC_EVF_KILLED);
	if (isnew)
		enforce_live(e, d, ev->ts);
}

/* At exit: every (call, process) denied, first denied first. */
static void
enforce_summary(struct enforce *e)
{
	size_t i;

	for (i = 0; i < e->n && i < ENFORCE_SUMMARY; i++)
		enforce_say(e, &e->d[i], 1);
	if (e->n > ENFORCE_SUMMARY)
		fprintf(stderr, "sctui: and %zu more calls denied in other "
		    "processes\n", e->n - ENFORCE_SUMMARY);
}

/*
 * Why p denies name on purpose: "denied by hand", "denied by an entry" (an
 * errno entry of its own, as clone3's ENOSYS), or NULL: p lacks it.
 */
static const char *
enforce_purpose(const struct profile *p, const char *name)
{
	const struct profile_entry *pe;
	size_t i, j;

	if (profile_denies(p, name))
		return PROFILE_DENIED_TEXT;
	for (i = 0; i < p->nentries; i++) {
		pe = &p->entries[i];
		if (pe->action != PROFILE_ACT_ERRNO || pe->nargs > 0)
			continue;
		for (j = 0; j < pe->nnames; j++)
			if (strcmp(pe->names[j], name) == 0)
				return "denied by an entry";
	}
	return NULL;
}

/*
 * "mmap, madvise" (the distinct calls denied, first first) into buf, each
 * refused by --phases marked so, and each the profile denies on purpose
 * (enforce_purpose()); *lacked: how many are not the profile's own
 * denials.
 */
static const char *
enforce_names(const struct enforce *e, char *buf, size_t len, size_t *lacked)
{
	const char *why;
	char call[96];
	size_t i, j, named = 0;

	buf[0] = '\0';
	*lacked = 0;
	for (i = 0; i < e->n; i++) {
		for (j = 0; j < i && e->d[j].sysid != e->d[i].sysid; j++)
			;
		if (j < i)
			continue;
		why = e->d[i].flags & SC_EVF_STARTUP ?
		    "allowed in startup only" : enforce_purpose(e->prof,
		    sysname_name(e->d[i].sysid));
		/* A --phases refusal: not one of the profile's denials. */
		*lacked += why == NULL || (e->d[i].flags & SC_EVF_STARTUP);
		if (named++ >= ENFORCE_NAMES) {
			if (named == ENFORCE_NAMES + 1)
				strncat(buf, ", ...", len - strlen(buf) - 1);
			continue;
		}
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s%s%s%s",
		    named > 1 ? ", " : "", enforce_call_name(e->d[i].sysid,
		    call, sizeof(call)), why ? " (" : "", why ? why : "",
		    why ? ")" : "");
	}
	return buf;
}

/*
 * The one line for a command that died of a signal or exited non-zero
 * (status): the calls denied (denied; NULL: unknown, without user
 * notification, as enforce_hint() says), or that a kill or trap action
 * fired (SIGSYS), and the command that names every call the profile
 * lacks; when it lacks none of those denied (lacked 0), what to edit.
 */
static void
enforce_explain(const struct cli *c, int status, const char *denied,
    size_t lacked)
{
	char how[64], name[256], prof[1024], next[4096];

	summary_status(status, how, sizeof(how));
	escape_name(c->argv[0], name, sizeof(name));
	escape_name(c->enforce, prof, sizeof(prof));
	enforce_next(c, NULL, next, sizeof(next));
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS)
		fprintf(stderr, "sctui: %s: %s under %s: a kill or trap action "
		    "of the profile fired on a call it made%s%s%s; find which "
		    "with: %s\n", name, how, prof, denied && *denied ?
		    " (denied too: " : "", denied && *denied ? denied : "",
		    denied && *denied ? ")" : "", next);
	else if (denied == NULL)
		enforce_hint(c, how, NULL, NULL);
	else if (*denied && lacked == 0)
		fprintf(stderr, "sctui: %s: %s under %s, which denied %s; "
		    "each is denied by an entry of the profile, which a "
		    "--profile run keeps: edit that entry to allow one\n",
		    name, how, prof, denied);
	else if (*denied)
		fprintf(stderr, "sctui: %s: %s under %s, which denied %s; "
		    "every call the profile lacks: %s\n", name, how, prof,
		    denied, next);
	else
		fprintf(stderr, "sctui: %s: %s under %s, which failed none of "
		    "its calls with an errno (a kill or trap action may have "
		    "ended one of its processes); every call the profile "
		    "lacks: %s\n", name, how, prof, next);
}

/* With user notification: see the top of the file. */
static int
enforce_notify(const struct cli *c, const struct profile *p, const void *bpf,
    size_t len)
{
	struct run_opts o = { 0 };
	struct enforce e;
	char names[512];
	int code, status;
	size_t i, lacked;

	memset(&e, 0, sizeof(e));
	e.cli = c;
	e.prof = p;
	e.sysid = SYSID_NONE;
	o.enforce = bpf;
	o.enforce_len = len;
	o.on_event = enforce_event;
	o.event_arg = &e;
	o.pass_signals = 1;
	if (c->phases) {
		o.may_start = enforce_may_start;
		o.phases_kill = c->phases == CLI_PHASES_KILL;
	}
	if (run_new(c, &o, &e.run) < 0)
		return 1;
	if (run_start(e.run) < 0) {
		code = run_exit_code(e.run);
		run_free(e.run);
		return code;
	}
	(void)run_wait(e.run);
	code = run_exit_code(e.run);
	status = run_root_status(e.run);
	if (e.exec_err != 0)
		fprintf(stderr, "sctui: %s: %s (does the profile allow "
		    "execve?)\n", escape_name(c->argv[0], names,
		    sizeof(names)), e.exec_err > 0 ? strerror(e.exec_err) :
		    "refused");
	/* A command that could not even start: that line says it all. */
	if (e.exec_err == 0 || e.n > 0) {
		if (e.held || e.n > 0)
			enforce_summary(&e);
		enforce_names(&e, names, sizeof(names), &lacked);
		/* Stopped by a signal sent to sctui: asked for, no failure. */
		if (summary_failed(status) &&
		    run_passed_signal(e.run) == 0)
			enforce_explain(c, status, names, lacked);
	}
	run_free(e.run);
	free(e.d);
	for (i = 0; i < e.nprocs; i++)
		free(e.procs[i].kids);
	free(e.procs);
	return code;
}

static volatile pid_t child;
static volatile sig_atomic_t forwarded;	/* the last signal passed on */

static void
forward(int sig)
{
	forwarded = sig;
	if (child > 0)
		kill(child, sig);
}

/* Without user notification: see the top of the file. */
static int
enforce_plain(const struct cli *c, scmp_filter_ctx ctx)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	char *path = NULL;
	int status, rc, *exec_errno;
	size_t i;

	/* Found before the filter is loaded: its child may not even print. */
	if ((rc = cmdpath_resolve(c->argv[0], &path)) < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->argv[0], rc == -ENOENT ?
		    "command not found" : "permission denied (not "
		    "executable)");
		return rc == -ENOENT ? 127 : 126;
	}
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, geteuid() != 0);
	/*
	 * Under the filter the child may not even write(2) (a profile that
	 * denies write or execve): it reports a failed exec in memory we
	 * share, and we say what happened.
	 */
	exec_errno = mmap(NULL, sizeof(*exec_errno), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (exec_errno == MAP_FAILED) {
		fprintf(stderr, "sctui: mmap: %s\n", strerror(errno));
		free(path);
		return 1;
	}
	*exec_errno = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if ((child = fork()) < 0) {
		fprintf(stderr, "sctui: fork: %s\n", strerror(errno));
		munmap(exec_errno, sizeof(*exec_errno));
		free(path);
		return 1;
	}
	if (child == 0) {
		sa.sa_handler = SIG_DFL;
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			sigaction(sigs[i], &sa, NULL);
		/* Its own session: it cannot type into our terminal. */
		(void)setsid();
		if ((rc = seccomp_load(ctx)) < 0) {
			fprintf(stderr, "sctui: the kernel refused the filter of "
			    "%s: %s\n", c->enforce, strerror(-rc));
			_exit(125);
		}
		execv(path, c->argv);
		rc = errno;
		*exec_errno = rc;
		_exit(rc == ENOENT ? 127 : 126);
	}
	free(path);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "sctui: waitpid: %s\n", strerror(errno));
			munmap(exec_errno, sizeof(*exec_errno));
			return 1;
		}
	rc = *exec_errno;
	munmap(exec_errno, sizeof(*exec_errno));
	if (rc != 0) {
		/* The profile may deny execve itself: say so plainly. */
		fprintf(stderr, "sctui: %s: %s%s\n", c->argv[0], strerror(rc),
		    rc == ENOENT ? " (command not found)" :
		    rc == EPERM || rc == EACCES ? " (does the profile allow "
		    "execve?)" : "");
		return rc == ENOENT ? 127 : 126;
	}
	if (summary_failed(status) && forwarded == 0 && !(WIFEXITED(status) &&
	    WEXITSTATUS(status) >= 125))
		enforce_explain(c, status, NULL, 1);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* 1 if no entry of p carries the phases its calls were seen in. */
static int
enforce_no_phases(const struct profile *p)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (p->entries[i].phases != 0)
			return 0;
	return 1;
}

int
enforce_main(const struct cli *c)
{
	scmp_filter_ctx ctx;
	struct profile *p, *in;
	struct profile_env env;
	char err[1024], why[256];
	char *bpf = NULL;
	size_t len = 0;
	int rc, notify;

	if ((in = run_load_profile(c->enforce, 0)) == NULL)
		return 1;
	p = profilecmd_build(c, in);
	profile_free(in);
	if (c->phases && enforce_no_phases(p)) {
		fprintf(stderr, "sctui: %s: no entry says in which phases its "
		    "calls were seen, so --phases has nothing to enforce: "
		    "write the profile with sctui -o, which groups them\n",
		    c->enforce);
		profile_free(p);
		return 1;
	}
	notify = !c->no_notify;
	if (notify && run_notify_available(why, sizeof(why)) < 0) {
		if (c->phases) {
			fprintf(stderr, "sctui: %s: --phases cannot be "
			    "enforced on this kernel\n", why);
			profile_free(p);
			return 1;
		}
		fprintf(stderr, "sctui: %s: the kernel alone enforces %s, and "
		    "sctui cannot say which calls it denies\n", why,
		    c->enforce);
		notify = 0;
	}
	cli_env(c, &env);
	rc = profile_filter(p, &env, PROFILE_ACT_DEFAULT, PROFILE_ACT_DEFAULT,
	    (notify ? PROFILE_FILTER_NOTIFY : 0) |
	    (c->phases ? PROFILE_FILTER_PHASES : 0), &ctx, err, sizeof(err));
	if (rc == 0 && notify) {
		rc = profile_export(ctx, 1, &bpf, &len, err, sizeof(err));
		seccomp_release(ctx);
	}
	if (rc < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->enforce, err);
		profile_free(p);
		return 1;
	}
	if (!notify) {
		profile_free(p);
		rc = enforce_plain(c, ctx);
		seccomp_release(ctx);
		return rc;
	}
	/* struct sock_filter is 8 bytes. */
	rc = enforce_notify(c, p, bpf, len / 8);
	profile_free(p);
	free(bpf);
	return rc;
}
