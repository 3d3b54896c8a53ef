/*
 * summary.c - batch-mode reports; see summary.h.
 */
#include "config.h"
#include "summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "argspec.h"
#include "escape.h"
#include "model.h"
#include "sysdoc.h"
#include "sysname.h"
#include "xalloc.h"

void
summary_status(int status, char *buf, size_t len)
{
	const char *sig;

	if (status == SC_STATUS_UNKNOWN)
		snprintf(buf, len, "ended");
	else if (status < 0)
		snprintf(buf, len, "live");
	else if (WIFEXITED(status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status)) {
		sig = sigabbrev_np(WTERMSIG(status));
		if (sig != NULL)
			snprintf(buf, len, "signal %s", sig);
		else
			snprintf(buf, len, "signal %d", WTERMSIG(status));
	} else
		snprintf(buf, len, "status %#x", status);
}

int
summary_failed(int status)
{
	return status >= 0 && (WIFSIGNALED(status) || (WIFEXITED(status) &&
	    WEXITSTATUS(status) != 0));
}

static const struct model *sort_model;

static int
by_count(const void *a, const void *b)
{
	const struct model_sys *x = model_sys(sort_model, *(const uint32_t *)a);
	const struct model_sys *y = model_sys(sort_model, *(const uint32_t *)b);
	int c;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	if ((c = strcmp(sysname_name(x->sysid), sysname_name(y->sysid))) != 0)
		return c;
	return x->sysid < y->sysid ? -1 : x->sysid > y->sysid;
}

static int
by_name(const void *a, const void *b)
{
	const struct model_sys *x = model_sys(sort_model, *(const uint32_t *)a);
	const struct model_sys *y = model_sys(sort_model, *(const uint32_t *)b);
	int c;

	c = strcmp(sysname_arch_name(sysname_arch(x->sysid)),
	    sysname_arch_name(sysname_arch(y->sysid)));
	if (c == 0)
		c = strcmp(sysname_name(x->sysid), sysname_name(y->sysid));
	return c;
}

static uint32_t *
sorted_sys(const struct model *m, int (*cmp)(const void *, const void *))
{
	size_t i, n = model_nsys(m);
	uint32_t *v = xreallocarray(NULL, n, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = (uint32_t)i;
	sort_model = m;
	xqsort(v, n, sizeof(*v), cmp);
	return v;
}

/* The pids of av, " 412 413" or "412,413" (sep), "+" when there are more. */
static void
argval_pids(const struct model *m, const struct model_argval *av,
    const char *sep, FILE *f)
{
	uint8_t i;

	for (i = 0; i < av->nprocs; i++)
		fprintf(f, "%s%d", i ? sep : "",
		    model_proc(m, av->procs[i])->pid);
	if (av->more)
		fputs(av->nprocs ? "+" : "-", f);
	else if (av->nprocs == 0)
		fputc('-', f);
}

/*
 * The recorded argument values of the calls in v (n of them): a section
 * after the table, or (tsv) "arg" and "argmany" records.
 */
static void
summary_args(const struct model *m, const uint32_t *v, size_t n, int tsv,
    FILE *f)
{
	const struct model_sys *s;
	const struct model_arg *a;
	const struct model_argval *av;
	const char *arch;
	char val[256];
	size_t i, j, k, head = tsv;

	for (i = 0; i < n; i++) {
		s = model_sys(m, v[i]);
		arch = sysname_arch_name(sysname_arch(s->sysid));
		for (j = 0; j < s->nargs; j++) {
			a = &s->args[j];
			if (a->nvals > 0 && !head++)
				fprintf(f, "%10s %10s %10s %10s  %s\n",
				    "calls", "startup", "serving",
				    "shutdown", "argument value (pids)");
			for (k = 0; k < a->nvals; k++) {
				av = &a->vals[k];
				if (tsv)
					argspec_format(a->spec, av->value, val,
					    sizeof(val));
				else
					argspec_label(a->spec, av->value, val,
					    sizeof(val));
				if (tsv)
					fprintf(f, "arg\t%s\t%s\t%s\t%s\t"
					    "%llu\t%llu\t%llu\t%llu\t", arch,
					    sysname_name(s->sysid),
					    a->spec->what, val,
					    (unsigned long long)(av->count[0] +
					    av->count[1] + av->count[2]),
					    (unsigned long long)av->count[0],
					    (unsigned long long)av->count[1],
					    (unsigned long long)av->count[2]);
				else
					fprintf(f, "%10llu %10llu %10llu "
					    "%10llu  %s(%s=%s) (pids ",
					    (unsigned long long)(av->count[0] +
					    av->count[1] + av->count[2]),
					    (unsigned long long)av->count[0],
					    (unsigned long long)av->count[1],
					    (unsigned long long)av->count[2],
					    sysname_name(s->sysid),
					    a->spec->what, val);
				argval_pids(m, av, tsv ? "," : " ", f);
				fputs(tsv ? "\n" : ")\n", f);
			}
			if (a->many == 0)
				continue;
			if (tsv)
				fprintf(f, "argmany\t%s\t%s\t%s\t%llu\n",
				    arch, sysname_name(s->sysid),
				    a->spec->what,
				    (unsigned long long)a->many);
			else
				fprintf(f, "%10llu %43s%s(%s): more than %d "
				    "distinct values, no rule\n",
				    (unsigned long long)a->many, "",
				    sysname_name(s->sysid), a->spec->what,
				    MODEL_ARG_MAX);
		}
	}
}

void
summary_table(const struct model *m, FILE *f)
{
	size_t i, n = model_nsys(m);
	uint32_t *v = sorted_sys(m, by_count), arch0 = 0;
	const struct model_sys *s;
	struct model_totals t;
	int multiarch = 0;

	for (i = 0; i < n; i++) {
		uint32_t a = sysname_arch(model_sys(m, (uint32_t)i)->sysid);

		if (i == 0)
			arch0 = a;
		else if (a != arch0)
			multiarch = 1;
	}
	model_totals(m, &t);
	fprintf(f, "%10s %10s %10s %10s %6s  %s\n", "calls", "startup",
	    "serving", "shutdown", "procs", "syscall");
	for (i = 0; i < n; i++) {
		s = model_sys(m, v[i]);
		fprintf(f, "%10llu %10llu %10llu %10llu %6u  %s",
		    (unsigned long long)s->total,
		    (unsigned long long)s->count[PHASE_STARTUP],
		    (unsigned long long)s->count[PHASE_SERVING],
		    (unsigned long long)s->count[PHASE_SHUTDOWN],
		    s->nprocs, sysname_name(s->sysid));
		if (multiarch)
			fprintf(f, " (%s)",
			    sysname_arch_name(sysname_arch(s->sysid)));
		fputc('\n', f);
	}
	fprintf(f, "%10llu %10llu %10llu %10llu %6u  total (%zu distinct)\n",
	    (unsigned long long)t.calls,
	    (unsigned long long)t.phase[PHASE_STARTUP],
	    (unsigned long long)t.phase[PHASE_SERVING],
	    (unsigned long long)t.phase[PHASE_SHUTDOWN],
	    t.procs_total, n);
	summary_args(m, v, n, 0, f);
	free(v);
}

void
summary_tsv(const struct model *m, FILE *f)
{
	size_t i, j, n = model_nsys(m);
	uint32_t *v = sorted_sys(m, by_name);
	const struct model_sys *s;
	const struct model_proc *p;
	const struct model_pstat *ps;
	char status[32], name[4 * sizeof(p->name)], ex[1024];

	for (i = 0; i < n; i++) {
		s = model_sys(m, v[i]);
		fprintf(f, "sys\t%s\t%s\t%llu\t%llu\t%llu\t%llu\t%u\n",
		    sysname_arch_name(sysname_arch(s->sysid)),
		    sysname_name(s->sysid), (unsigned long long)s->total,
		    (unsigned long long)s->count[PHASE_STARTUP],
		    (unsigned long long)s->count[PHASE_SERVING],
		    (unsigned long long)s->count[PHASE_SHUTDOWN], s->nprocs);
	}
	summary_args(m, v, n, 1, f);
	free(v);
	for (i = 0; i < model_nprocs(m); i++) {
		p = model_proc(m, (uint32_t)i);
		summary_status(p->state == PROC_LIVE ? -1 : p->status, status,
		    sizeof(status));
		/* Names come from the program: never a raw tab or newline. */
		fprintf(f, "proc\t%d\t%d\t%s\t%s\t%u\t", p->pid, p->ppid,
		    escape_name(p->name, name, sizeof(name)), status,
		    p->threads_total);
		for (j = 0; j < p->nexecs; j++)
			fprintf(f, "%s%s", j ? ">" : "",
			    escape_name(p->execs[j], ex, sizeof(ex)));
		fprintf(f, "%s\n", p->nexecs ? "" : "-");
		for (j = 0; j < p->nstats; j++) {
			ps = &p->stats[j];
			s = model_sys(m, ps->sys);
			fprintf(f, "psys\t%d\t%s\t%s\t%llu\t%llu\t%llu\t%llu\n",
			    p->pid, sysname_arch_name(sysname_arch(s->sysid)),
			    sysname_name(s->sysid),
			    (unsigned long long)(ps->count[0] + ps->count[1] +
			    ps->count[2]),
			    (unsigned long long)ps->count[PHASE_STARTUP],
			    (unsigned long long)ps->count[PHASE_SERVING],
			    (unsigned long long)ps->count[PHASE_SHUTDOWN]);
		}
	}
}

/* The risk of name in doc that a drop counts: high, medium, or 0. */
static int
drop_risk(const struct sysdoc *doc, const char *name)
{
	const struct sysdoc_entry *de;

	de = doc != NULL ? sysdoc_find(doc, name) : NULL;
	return de != NULL && de->level >= SYSDOC_MEDIUM ? (int)de->level : 0;
}

void
summary_phases(FILE *f, const char *prefix, size_t whole, size_t serving,
    char *const *dropped, size_t ndropped, int served)
{
	struct sysdoc *doc = NULL;
	size_t i, high = 0, medium = 0, named = 0;
	char err[SYSDOC_ERR_MAX];
	int risk;

	if (!served) {
		fprintf(f, "%sno process was seen serving, so no call is known "
		    "as startup only (a server: name its waiting call with "
		    "--serve-on, or use --serve-after)\n", prefix);
		return;
	}
	fprintf(f, "%s%zu call%s allowed for the whole run, %zu still needed "
	    "once serving\n", prefix, whole, whole == 1 ? "" : "s", serving);
	fprintf(f, "%s%zu seen in startup only, which a serving-only filter "
	    "would drop", prefix, ndropped);
	if (ndropped == 0 || sysdoc_load_default(&doc, err, sizeof(err)) < 0) {
		fputc('\n', f);
		return;
	}
	for (i = 0; i < ndropped; i++) {
		risk = drop_risk(doc, dropped[i]);
		high += risk == SYSDOC_HIGH;
		medium += risk == SYSDOC_MEDIUM;
	}
	fprintf(f, ": %zu high-risk, %zu medium-risk", high, medium);
	for (i = 0; i < ndropped; i++)
		if (drop_risk(doc, dropped[i]) != 0)
			fprintf(f, "%s%s", named++ ? ", " : ": ", dropped[i]);
	fputc('\n', f);
	sysdoc_free(doc);
}

void
summary_drop(const struct model *m, const struct sysdoc *doc,
    struct summary_drop *out, char *names, size_t len)
{
	const struct model_sys *s;
	size_t at = 0;
	uint32_t i;
	int risk;

	memset(out, 0, sizeof(*out));
	if (names != NULL && len > 0)
		names[0] = '\0';
	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->total == 0)
			continue;
		out->calls++;
		if (s->count[PHASE_SERVING] > 0)
			out->serving++;
		if (!model_sys_startup_only(s))
			continue;
		out->dropped++;
		if ((risk = drop_risk(doc, sysname_name(s->sysid))) == 0)
			continue;
		if (risk == SYSDOC_HIGH)
			out->high++;
		else
			out->medium++;
		if (names != NULL && at < len)
			at += (size_t)snprintf(names + at, len - at, "%s%s",
			    at ? ", " : "", sysname_name(s->sysid));
	}
}
