/*
 * batch.c - batch mode; see batch.h.
 *
 * Single-threaded: the tracer's sink is the model itself, so no event ever
 * waits in a queue.  SIGINT, SIGTERM and SIGHUP end the trace: attached
 * processes are detached and keep running, a spawned command is sent the
 * stop signal (then SIGKILL after a grace period); the summary and the
 * profile of what was seen are written either way.  A second signal kills.
 */
#include "config.h"
#include "batch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <seccomp.h>
#include <sys/wait.h>

#include "atomicfile.h"
#include "cli.h"
#include "escape.h"
#include "minprofile.h"
#include "model.h"
#include "profile.h"
#include "profilecmd.h"
#include "session.h"
#include "summary.h"
#include "sysdoc.h"
#include "sysname.h"
#include "escape.h"
#include "tracer.h"
#include "tracesetup.h"
#include "xalloc.h"

static struct tracer *volatile the_tracer;
static volatile sig_atomic_t ends;

static void
on_signal(int sig)
{
	(void)sig;
	if (the_tracer != NULL)
		tracer_request(the_tracer, ends++ ? TRACER_REQ_KILL :
		    TRACER_REQ_END);
}

static void
sink_emit(void *ctx, const struct sc_event *ev)
{
	model_event(ctx, ev);
	if (ev->kind == SC_EV_EXEC && (ev->flags & SC_EVF_SETUID))
		fprintf(stderr, "sctui: pid %d exec'd the setuid/setgid program "
		    "%s, which runs without its privileges when traced by a "
		    "non-root user: trace as root to see its privileged "
		    "calls\n", ev->tgid, ev->u.name);
}

/* SCTUI_DEBUG_EVENTS=1: every event on stderr, for debugging the tracer. */
static void
sink_emit_debug(void *ctx, const struct sc_event *ev)
{
	fprintf(stderr, "ev kind=%u tid=%d tgid=%d arch=%#x nr=%d aux=%d "
	    "flags=%#x\n", ev->kind, ev->tid, ev->tgid, ev->arch, ev->nr,
	    ev->aux, ev->flags);
	sink_emit(ctx, ev);
}

static int
exit_code(int status)
{
	if (status < 0)
		return 0;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

/* --stats: built in memory, then saved like a profile (atomicfile.h). */
static int
write_stats(const struct model *m, const char *path)
{
	char *text = NULL, err[1024];
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&text, &len)) == NULL)
		fatal("out of memory");
	summary_tsv(m, f);
	if (fclose(f) != 0)
		fatal("out of memory");
	rc = atomicfile_write(path, text, len, err, sizeof(err));
	free(text);
	if (rc < 0)
		fprintf(stderr, "sctui: %s\n", err);
	return rc;
}

/* Every call the model saw under --profile is one the profile lacks. */
static void
report_missing(const struct cli *c, const struct model *m)
{
	const struct model_proc *p;
	const struct model_pstat *ps;
	size_t i, j, n = model_nsys(m);
	char name[128];
	int ph;

	if (n == 0) {
		fprintf(stderr, "sctui: %s allowed every call the program "
		    "made\n", c->profile);
		return;
	}
	fprintf(stderr, "sctui: %zu call%s the profile %s lacks:\n", n,
	    n == 1 ? "" : "s", c->profile);
	for (i = 0; i < model_nprocs(m); i++) {
		p = model_proc(m, (uint32_t)i);
		for (j = 0; j < p->nstats; j++) {
			ps = &p->stats[j];
			for (ph = 0; ph < PHASE_N; ph++)
				if (ps->count[ph] > 0)
					fprintf(stderr, "sctui:   %s (%s) in pid %d "
					    "(%s), %s, %llu time%s\n",
					    sysname_name(model_sys(m, ps->sys)->sysid),
					    sysname_arch_name(sysname_arch(
					    model_sys(m, ps->sys)->sysid)),
					    p->pid, escape_name(p->name, name,
					    sizeof(name)), phase_name(ph),
					    (unsigned long long)ps->count[ph],
					    ps->count[ph] == 1 ? "" : "s");
		}
	}
}

/* --deny: leave the calls out of the profile, say how often they failed. */
static void
report_denied(const struct cli *c, struct model *m)
{
	const struct model_sys *s;
	char *const *name;
	uint32_t i;

	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		for (name = c->deny; name != NULL && *name != NULL; name++)
			if (strcmp(*name, sysname_name(s->sysid)) == 0)
				model_toggle(m, i, TOGGLE_DENY);
		if (s->denials > 0 && !c->quiet)
			fprintf(stderr, "sctui: denied %s (%s) %llu time%s\n",
			    sysname_name(s->sysid),
			    sysname_arch_name(sysname_arch(s->sysid)),
			    (unsigned long long)s->denials,
			    s->denials == 1 ? "" : "s");
	}
}

/* The high-risk calls seen, with why (assets/syscalls.tsv). */
static void
report_risky(const struct model *m)
{
	const struct sysdoc_entry *de;
	struct sysdoc *doc;
	char err[512];
	uint32_t i;

	if (sysdoc_load_default(&doc, err, sizeof(err)) < 0) {
		fprintf(stderr, "sctui: no risk notes: %s\n", err);
		return;
	}
	for (i = 0; i < model_nsys(m); i++) {
		de = sysdoc_find(doc, sysname_name(model_sys(m, i)->sysid));
		if (de != NULL && de->level == SYSDOC_HIGH)
			fprintf(stderr, "sctui: risk high: %s (%s): %s\n",
			    de->name, de->category, de->note);
	}
	sysdoc_free(doc);
}

/* --session: the run as a session file that --open explores later. */
static int
save_session(const struct cli *c, const struct model *m,
    const struct tracer *t, const struct tracesetup *ts)
{
	struct session_meta meta;
	struct model_totals tot;
	uint32_t arches[SYSNAME_MAX_ARCH];
	char *names[SYSNAME_MAX_ARCH + 1], cmd[1024], err[1024], *base;
	size_t o = 0;
	int i, n, rc;

	memset(&meta, 0, sizeof(meta));
	n = sysname_native_arches(arches, SYSNAME_MAX_ARCH);
	for (i = 0; i < n; i++)
		names[i] = (char *)sysname_arch_name(arches[i]);
	names[n] = NULL;
	cmd[0] = '\0';
	for (i = 0; c->argv != NULL && c->argv[i] != NULL &&
	    o < sizeof(cmd); i++)
		o += (size_t)snprintf(cmd + o, sizeof(cmd) - o, "%s%s",
		    i ? " " : "", c->argv[i]);
	if (c->npids > 0)
		snprintf(cmd, sizeof(cmd), "attached to %d", (int)c->pids[0]);
	model_totals(m, &tot);
	meta.command = cmd;
	base = c->argv != NULL ? strrchr(c->argv[0], '/') : NULL;
	meta.cmdname = c->argv == NULL ? (char *)"attached" :
	    base != NULL ? base + 1 : c->argv[0];
	meta.mode = (char *)tracesetup_mode_name(ts, t);
	meta.arches = names;
	meta.start = tot.first;
	meta.saved = tot.last;
	meta.root_status = tracer_root_status(t);
	meta.attached = c->npids > 0;
	if ((rc = session_save(c->session, m, &meta, err, sizeof(err))) < 0)
		fprintf(stderr, "sctui: %s\n", err);
	else if (!c->quiet)
		fprintf(stderr, "sctui: wrote the session %s (sctui --open "
		    "explores it)\n", c->session);
	return rc;
}

int
batch_main(const struct cli *c)
{
	struct model_opts mo = { 0 };
	struct tracer_opts to = { 0 };
	struct sc_sink sink;
	struct sigaction sa;
	struct model *m;
	struct tracer *t;
	struct tracesetup ts;
	char status[32], err[1024], cmd[256];
	int rc, code;

	if (tracesetup_profile(c, &ts) < 0) {
		tracesetup_free(&ts);
		return 1;
	}

	mo.serve_on = (const char *const *)c->serve_on;
	mo.serve_after_ns = (uint64_t)(c->serve_after * 1e9);
	m = model_new(&mo);
	sink.ctx = m;
	sink.emit = getenv("SCTUI_DEBUG_EVENTS") ? sink_emit_debug : sink_emit;

	to.argv = c->argv;
	to.attach = c->pids;
	to.nattach = c->npids;
	to.mode = c->no_seccomp ? TRACER_SYSCALL : c->no_notify ?
	    TRACER_SECCOMP : TRACER_NOTIFY;
	to.stdin_fd = to.stdout_fd = to.stderr_fd = -1;
	to.stop_signal = c->stop_signal;
	to.filter = ts.bpf;
	to.filter_len = ts.bpf_len;

	tracer_block_signals();
	t = tracer_new(&to, &sink);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (tracesetup_deny(c, t) < 0) {
		tracer_free(t);
		model_free(m);
		tracesetup_free(&ts);
		return 1;
	}
	/* Before start: a signal during the attach must not be lost. */
	the_tracer = t;
	if ((rc = tracer_start(t)) < 0) {
		the_tracer = NULL;
		fprintf(stderr, "sctui: %s\n", tracer_error(t));
		tracer_free(t);
		model_free(m);
		tracesetup_free(&ts);
		if (c->npids == 0 && rc == -ENOENT)
			return 127;
		if (c->npids == 0 && rc == -EACCES)
			return 126;
		return 1;
	}
	if (!c->quiet)
		fprintf(stderr, "sctui: tracing with the %s%s%s\n",
		    tracesetup_mode_name(&ts, t),
		    *tracer_mode_note(t) ? ": " : "", tracer_mode_note(t));
	rc = tracer_run(t);
	the_tracer = NULL;
	if (rc < 0)
		fprintf(stderr, "sctui: tracing stopped: %s\n", strerror(-rc));

	code = c->npids > 0 ? 0 : exit_code(tracer_root_status(t));
	if (!c->quiet) {
		summary_status(tracer_root_status(t), status, sizeof(status));
		if (c->npids > 0)
			fprintf(stderr, "sctui: detached\n");
		else
			fprintf(stderr, "sctui: %s: %s\n", escape_name(c->argv[0],
			    cmd, sizeof(cmd)), status);
		summary_table(m, stderr);
		report_risky(m);
	}
	if (c->stats != NULL && write_stats(m, c->stats) < 0)
		code = code ? code : 1;
	if (c->deny != NULL)
		report_denied(c, m);
	if (c->session != NULL && save_session(c, m, t, &ts) < 0)
		code = code ? code : 1;
	if (ts.base != NULL)
		report_missing(c, m);
	if (c->output != NULL) {
		if (tracesetup_save(c, m, ts.base, c->format, c->output, err,
		    sizeof(err)) < 0) {
			fprintf(stderr, "sctui: %s\n", err);
			code = code ? code : 1;
		} else if (!c->quiet)
			fprintf(stderr, "sctui: wrote %s\n", c->output);
	}
	tracesetup_free(&ts);
	tracer_free(t);
	model_free(m);
	return code;
}

int
batch_open(const struct cli *c)
{
	struct model_opts mo = { 0 };
	struct session_meta meta;
	struct model *m;
	char status[32], err[1024], cmd[512];
	int code = 0;

	mo.serve_on = (const char *const *)c->serve_on;
	if (session_load(c->open, &mo, &m, &meta, err, sizeof(err)) < 0) {
		fprintf(stderr, "sctui: %s\n", err);
		return 1;
	}
	if (!c->quiet) {
		if (meta.from_profile)
			fprintf(stderr, "sctui: the calls %s allows (a "
			    "profile, not a trace)\n", c->open);
		else {
			summary_status(meta.root_status, status,
			    sizeof(status));
			fprintf(stderr, "sctui: session %s: %s: %s\n", c->open,
			    escape_name(meta.command, cmd, sizeof(cmd)),
			    meta.root_status < 0 &&
			    meta.attached ? "attached" : status);
		}
		summary_table(m, stderr);
	}
	if (c->stats != NULL && write_stats(m, c->stats) < 0)
		code = 1;
	if (c->output != NULL) {
		if (tracesetup_save(c, m, NULL, c->format, c->output, err,
		    sizeof(err)) < 0) {
			fprintf(stderr, "sctui: %s\n", err);
			code = 1;
		} else if (!c->quiet)
			fprintf(stderr, "sctui: wrote %s\n", c->output);
	}
	session_meta_free(&meta);
	model_free(m);
	return code;
}
