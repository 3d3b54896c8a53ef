/*
 * batch.c - batch mode; see batch.h.
 *
 * The tracer's sink is the model itself (run.h, opts.ring 0), so no event
 * ever waits in a queue.  SIGINT, SIGTERM and SIGHUP end the trace: attached
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

#include "argspec.h"
#include "atomicfile.h"
#include "build.h"
#include "cli.h"
#include "escape.h"
#include "idmap.h"
#include "model.h"
#include "profile.h"
#include "run.h"
#include "stacks.h"
#include "summary.h"
#include "sysdoc.h"
#include "sysname.h"
#include "xalloc.h"

/* --stats: built in memory, then saved like a profile (atomicfile.h). */
static int
write_stats(const struct model *m, const struct stacks *stk,
    const char *path)
{
	char *text = NULL, err[1024];
	size_t len = 0;
	FILE *f;
	int rc;

	if ((f = open_memstream(&text, &len)) == NULL)
		fatal("out of memory");
	summary_tsv(m, f);
	if (stk != NULL)
		stacks_tsv(stk, f);
	if (fclose(f) != 0)
		fatal("out of memory");
	rc = atomicfile_write(path, text, len, err, sizeof(err));
	free(text);
	if (rc < 0)
		fprintf(stderr, "sctui: %s\n", err);
	return rc;
}

/*
 * The argument values of s that were recorded: " with family=AF_VSOCK,
 * ..." into buf, empty when none was.
 */
static const char *
lacking_values(const struct model_sys *s, char *buf, size_t len)
{
	const struct model_arg *a;
	size_t off = 0;
	char val[128];
	uint32_t j, k;

	buf[0] = '\0';
	for (j = 0; j < s->nargs; j++) {
		a = &s->args[j];
		for (k = 0; k < a->nvals; k++)
			off += (size_t)snprintf(buf + off, off < len ?
			    len - off : 0, "%s%s=%s", off ? ", " : " with ",
			    a->spec->what, argspec_label(a->spec,
			    a->vals[k].value, val, sizeof(val)));
	}
	return buf;
}

/* The pids listed on one line before "and N more". */
#define MISSING_PIDS	12

/* The calls of process p at index sys of the model (0: none). */
static uint64_t
proc_calls(const struct model_proc *p, uint32_t sys)
{
	uint32_t n;

	for (n = 0; n < p->nstats; n++)
		if (p->stats[n].sys == sys)
			return p->stats[n].count[0] + p->stats[n].count[1] +
			    p->stats[n].count[2];
	return 0;
}

/*
 * The processes that made the call at index sys, grouped by name in the
 * order first seen: "812, 813 (bash); 900 (sh)", at most MISSING_PIDS
 * pids, then "and N more".  Returns how many made it.
 */
static size_t
missing_pids(const struct model *m, uint32_t sys, FILE *f)
{
	const struct model_proc *p, *q;
	char name[128];
	size_t i, j, k, n = 0, shown = 0;

	for (i = 0; i < model_nprocs(m); i++) {
		p = model_proc(m, (uint32_t)i);
		if (proc_calls(p, sys) == 0)
			continue;
		n++;
		for (j = 0; j < i; j++) {
			q = model_proc(m, (uint32_t)j);
			if (strcmp(q->name, p->name) == 0 &&
			    proc_calls(q, sys) > 0)
				break;
		}
		/* Listed with the first process of its name. */
		if (j < i || shown >= MISSING_PIDS)
			continue;
		fputs(shown ? "; " : "", f);
		for (k = i, j = 0; k < model_nprocs(m); k++) {
			q = model_proc(m, (uint32_t)k);
			if (strcmp(q->name, p->name) != 0 ||
			    proc_calls(q, sys) == 0 || shown >= MISSING_PIDS)
				continue;
			fprintf(f, "%s%d", j++ ? ", " : "", q->pid);
			shown++;
		}
		fprintf(f, " (%s)", escape_name(p->name, name, sizeof(name)));
	}
	if (n > shown)
		fprintf(f, " and %zu more", n - shown);
	return n;
}

/*
 * Every call the model saw under --profile is one the profile lacks, or
 * one whose arguments fall outside its rules, one line a call: "socket
 * (x86_64) with family=AF_VSOCK, startup only, 3 times in 2 processes:
 * 812, 813 (nginx)".  Then the calls the profile denies by hand, which
 * fail in the kernel and are never seen.
 */
static void
report_missing(const struct cli *c, struct run *r)
{
	const struct model *m = run_model(r);
	const struct model_sys *s;
	size_t i, n = 0, nprocs, nd, len;
	char vals[512], **denied, *pids;
	FILE *f;
	uint8_t ph;
	int k;

	for (i = 0; i < model_nsys(m); i++)
		n += model_sys(m, (uint32_t)i)->total > 0;
	if (n == 0)
		fprintf(stderr, "sctui: %s allowed every call the program "
		    "made\n", c->profile);
	else
		fprintf(stderr, "sctui: %zu call%s the profile %s lacks:\n",
		    n, n == 1 ? "" : "s", c->profile);
	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, (uint32_t)i);
		if (s->total == 0)	/* a --deny never made */
			continue;
		for (ph = 0, k = 0; k < PHASE_N; k++)
			if (s->count[k] > 0)
				ph |= (uint8_t)(1u << k);
		pids = NULL;
		if ((f = open_memstream(&pids, &len)) == NULL)
			fatal("out of memory");
		nprocs = missing_pids(m, (uint32_t)i, f);
		if (fclose(f) != 0)
			fatal("out of memory");
		fprintf(stderr, "sctui:   %s (%s)%s, %s, %llu time%s in %zu "
		    "process%s: %s\n", sysname_name(s->sysid),
		    sysname_arch_name(sysname_arch(s->sysid)),
		    lacking_values(s, vals, sizeof(vals)),
		    ph ? profile_phases_text(ph) : "no phase",
		    (unsigned long long)s->total, s->total == 1 ? "" : "s",
		    nprocs, nprocs == 1 ? "" : "es", pids);
		free(pids);
	}
	nd = profile_denied_names(run_base(r), &denied);
	for (i = 0; i < nd; i++) {
		fprintf(stderr, "%s%s", i ? ", " : "sctui: denied by the "
		    "profile (by hand, failed in the kernel, never traced): ",
		    denied[i]);
		free(denied[i]);
	}
	if (nd > 0)
		fputc('\n', stderr);
	free(denied);
}

/*
 * --deny: deny the calls by hand in the profile, say how often they
 * failed.  One the program never made is listed with no count, so that
 * the profile still denies it; one a --profile allows failed in the
 * kernel (run.c, filter_base()), uncounted.
 */
static void
report_denied(const struct cli *c, struct run *r)
{
	const struct profile *base = run_base(r);
	struct model *m = run_model(r);
	const struct model_sys *s;
	char *const *name;
	uint32_t i, id;
	int asked;

	for (name = c->deny; name != NULL && *name != NULL; name++)
		if ((id = sysname_lookup(sysname_native(), *name)) !=
		    SYSID_NONE && model_sys_find(m, id) == IDMAP_NONE)
			model_restore_sys(m, id, TOGGLE_DENY, 0);
	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		asked = 0;
		for (name = c->deny; name != NULL && *name != NULL; name++)
			if (strcmp(*name, sysname_name(s->sysid)) == 0) {
				model_toggle(m, i, TOGGLE_DENY);
				asked = 1;
			}
		if (s->denials > 0 && !c->quiet)
			fprintf(stderr, "sctui: denied %s (%s) %llu time%s\n",
			    sysname_name(s->sysid),
			    sysname_arch_name(sysname_arch(s->sysid)),
			    (unsigned long long)s->denials,
			    s->denials == 1 ? "" : "s");
		else if (asked && !c->quiet)
			fprintf(stderr, "sctui: denied %s (%s) %s\n",
			    sysname_name(s->sysid),
			    sysname_arch_name(sysname_arch(s->sysid)),
			    base != NULL && profile_allows(base,
			    sysname_name(s->sysid)) ? "in the kernel, not "
			    "counted: the profile allows it, so it never "
			    "reached sctui" : "0 times: the program never "
			    "made it");
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

/*
 * The phases of the profile of the run, as -o writes it: what a
 * serving-only filter would drop, when phases are known.  Nothing when
 * the runtime's set cannot be read (-o says why).
 */
static void
report_phases(struct run *r)
{
	struct profile_phase_split s;
	struct profile *p;
	char err[256];

	if ((p = run_profile(r, err, sizeof(err))) == NULL)
		return;
	profile_phase_split(p, &s);
	if (s.known)
		summary_phases(stderr, "sctui: ", s.whole, s.serving,
		    s.dropped, s.ndropped, s.served);
	profile_phase_split_free(&s);
	profile_free(p);
}

/*
 * What the saved profile allows beyond Docker's default, or could not
 * keep: said even with -q when a profile is written.
 */
static void
report_warnings(const struct model *m)
{
	char **w = profile_build_warnings(m), **l;

	for (l = w; l != NULL && *l != NULL; l++)
		fprintf(stderr, "sctui: warning: %s\n", *l);
	profile_build_warnings_free(w);
}

/* --session: the run as a session file that --open explores later. */
static int
save_session(const struct cli *c, struct run *r)
{
	struct model_totals tot;
	char err[1024];
	int rc;

	model_totals(run_model(r), &tot);
	if ((rc = run_save_session(r, c->session, tot.last, err,
	    sizeof(err))) < 0)
		fprintf(stderr, "sctui: %s\n", err);
	else if (!c->quiet)
		fprintf(stderr, "sctui: wrote the session %s (sctui --open "
		    "explores it)\n", c->session);
	return rc;
}

/* -o: the profile, after a trace or of what was opened. */
static int
save_profile(const struct cli *c, struct run *r)
{
	char err[1024];
	int rc;

	/* > 0: written, with a note (calls denied by hand it cannot keep). */
	if ((rc = run_save_profile(r, c->format, c->output, err,
	    sizeof(err))) != 0)
		fprintf(stderr, "sctui: %s\n", err);
	if (rc < 0)
		return rc;
	if (!c->quiet)
		fprintf(stderr, "sctui: wrote %s\n", c->output);
	return 0;
}

int
batch_trace(const struct cli *c, const struct run_opts *o,
    int (*started)(void *arg, struct run *r), void *arg)
{
	struct model *m;
	struct run *r;
	char status[32], cmd[256], loop[160];
	int code;

	if (run_new(c, o, &r) < 0)
		return 1;
	if (run_start(r) < 0) {
		code = run_exit_code(r);
		run_free(r);
		return code;
	}
	if (started != NULL && (code = started(arg, r)) != 0) {
		run_close(r, RUN_STOP);
		run_free(r);
		return code;
	}
	if (!c->quiet)
		fprintf(stderr, "sctui: tracing with the %s%s%s\n",
		    run_mode_name(r), *run_mode_note(r) ? ": " : "",
		    run_mode_note(r));
	(void)run_wait(r);
	m = run_model(r);
	code = run_exit_code(r);
	if (c->verbose && run_loop_note(r, loop, sizeof(loop)))
		fprintf(stderr, "sctui: tracer: %s\n", loop);
	if (!c->quiet) {
		summary_status(run_root_status(r), status, sizeof(status));
		if (c->npids > 0)
			fprintf(stderr, "sctui: detached\n");
		else
			fprintf(stderr, "sctui: %s: %s\n", escape_name(
			    o->argv != NULL ? o->argv[0] : c->argv[0], cmd,
			    sizeof(cmd)), status);
		summary_table(m, stderr);
		report_risky(m);
		report_phases(r);
	}
	if (c->stacks)
		stacks_print(run_stacks(r), stderr);
	if (!c->quiet || c->output != NULL)
		report_warnings(m);
	if (c->stats != NULL && write_stats(m, run_stacks(r), c->stats) < 0)
		code = code ? code : 1;
	if (c->deny != NULL)
		report_denied(c, r);
	if (c->session != NULL && save_session(c, r) < 0)
		code = code ? code : 1;
	if (run_has_base(r))
		report_missing(c, r);
	if (c->output != NULL && save_profile(c, r) < 0)
		code = code ? code : 1;
	run_free(r);
	return code;
}

int
batch_main(const struct cli *c)
{
	struct run_opts o = { 0 };

	return batch_trace(c, &o, NULL, NULL);
}

int
batch_open(const struct cli *c)
{
	struct model *m;
	struct run *r;
	char status[32];
	int code = 0;

	if (run_open(c, &r) < 0)
		return 1;
	m = run_model(r);
	if (!c->quiet) {
		if (run_from_profile(r))
			fprintf(stderr, "sctui: the calls %s allows (a "
			    "profile, not a trace)\n", c->open);
		else {
			summary_status(run_root_status(r), status,
			    sizeof(status));
			fprintf(stderr, "sctui: session %s: %s: %s\n", c->open,
			    run_command(r), run_root_status(r) < 0 &&
			    run_attached(r) ? "attached" : status);
		}
		summary_table(m, stderr);
		report_phases(r);
	}
	if (c->stacks && run_stacks(r) != NULL)
		stacks_print(run_stacks(r), stderr);
	if (c->stats != NULL && write_stats(m, run_stacks(r), c->stats) < 0)
		code = 1;
	if (c->output != NULL && save_profile(c, r) < 0)
		code = 1;
	run_free(r);
	return code;
}
