/*
 * view.c - the rows of the process tree and the syscall pane, rebuilt from
 * the model on every frame that needs them.  Cursors are kept by stable id
 * (process id, section << 32 | syscall index), so rows may come and go and
 * move around under the cursor without it jumping.
 */
#include "config.h"
#include "ui-int.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "idmap.h"
#include "profile.h"
#include "run.h"
#include "sysname.h"
#include "xalloc.h"

/* The name of a syscall, with its arch when it is not the native one. */
const char *
view_sys_name(const struct ui *ui, uint32_t sys, char *buf, size_t len)
{
	const struct model_sys *s = model_sys(ui->model, sys);
	uint32_t arch = sysname_arch(s->sysid);

	if (arch == sysname_native())
		snprintf(buf, len, "%s", sysname_name(s->sysid));
	else
		snprintf(buf, len, "%s/%s", sysname_name(s->sysid),
		    sysname_arch_name(arch));
	return buf;
}

void
list_move(struct ui_list *l, long delta)
{
	long c = (long)l->cur + delta;

	if (c >= (long)l->n)
		c = (long)l->n - 1;
	if (c < 0)
		c = 0;
	l->cur = (size_t)c;
	l->follow = 1;
	assert(l->n == 0 || l->cur < l->n);
}

void
list_home(struct ui_list *l, int end)
{
	l->cur = end && l->n > 0 ? l->n - 1 : 0;
	l->follow = 1;
}

/* After a rebuild that lost the cursor's row: stay at the same index. */
static void
list_clamp(struct ui_list *l)
{
	if (l->cur >= l->n)
		l->cur = l->n > 0 ? l->n - 1 : 0;
	assert(l->n == 0 || l->cur < l->n);
}

/* ---- the process tree -------------------------------------------- */

struct kids {
	uint32_t	*first;		/* per proc: first child + 1 */
	uint32_t	*next;		/* per proc: next sibling + 1 */
};

static void
tree_push(struct ui *ui, size_t *n, uint32_t proc, int depth,
    const char *prefix)
{
	struct ui_trow *r;

	if (*n == ui->ctrows) {
		ui->ctrows = ui->ctrows ? ui->ctrows * 2 : 64;
		ui->trows = xreallocarray(ui->trows, ui->ctrows,
		    sizeof(*ui->trows));
	}
	r = &ui->trows[(*n)++];
	r->proc = proc;
	r->depth = (uint16_t)depth;
	snprintf(r->prefix, sizeof(r->prefix), "%s", prefix);
}

static void
tree_walk(struct ui *ui, const struct kids *k, size_t *n, uint32_t proc,
    int depth, char *lead, size_t leadlen)
{
	const char *tee = ui->utf8 ? "\u251c\u2500" : "|-";
	const char *elbow = ui->utf8 ? "\u2514\u2500" : "`-";
	const char *bar = ui->utf8 ? "\u2502 " : "| ";
	char prefix[64];
	uint32_t c;
	size_t l = strlen(lead);
	int last;

	for (c = k->first[proc]; c != 0; c = k->next[c - 1]) {
		last = k->next[c - 1] == 0;
		snprintf(prefix, sizeof(prefix), "%s%s", lead,
		    last ? elbow : tee);
		tree_push(ui, n, c - 1, depth, prefix);
		if (k->first[c - 1] != 0 && l + 8 < leadlen) {
			snprintf(lead + l, leadlen - l, "%s", last ? "  " : bar);
			tree_walk(ui, k, n, c - 1, depth + 1, lead, leadlen);
			lead[l] = '\0';
		}
	}
}

static void
tree_rebuild(struct ui *ui)
{
	size_t np = model_nprocs(ui->model), n = 0, i;
	struct kids k;
	uint32_t *last;
	const struct model_proc *p;
	char lead[64] = "";

	k.first = xcalloc(np + 1, sizeof(uint32_t));
	k.next = xcalloc(np + 1, sizeof(uint32_t));
	last = xcalloc(np + 1, sizeof(uint32_t));
	tree_push(ui, &n, TROW_ALL, 0, "");
	/* Children in id (birth) order; roots are those without a parent. */
	for (i = 0; i < np; i++) {
		p = model_proc(ui->model, (uint32_t)i);
		if (p->parent == IDMAP_NONE || p->parent >= np)
			continue;
		if (last[p->parent] == 0)
			k.first[p->parent] = (uint32_t)i + 1;
		else
			k.next[last[p->parent] - 1] = (uint32_t)i + 1;
		last[p->parent] = (uint32_t)i + 1;
	}
	for (i = 0; i < np; i++) {
		p = model_proc(ui->model, (uint32_t)i);
		if (p->parent != IDMAP_NONE && p->parent < np)
			continue;
		tree_push(ui, &n, (uint32_t)i, 0, "");
		if (k.first[i] != 0) {
			lead[0] = '\0';
			tree_walk(ui, &k, &n, (uint32_t)i, 1, lead,
			    sizeof(lead));
		}
	}
	free(k.first);
	free(k.next);
	free(last);
	ui->tree.n = n;
	/* The cursor follows its process; "all" is id 0, process p is p+1. */
	for (i = 0; ui->tree.follow && i < n; i++) {
		uint64_t id = ui->trows[i].proc == TROW_ALL ? 0 :
		    (uint64_t)ui->trows[i].proc + 1;

		if (id == ui->tree.cur_id) {
			ui->tree.cur = i;
			break;
		}
	}
	list_clamp(&ui->tree);
}

/* ---- the syscall pane -------------------------------------------- */

static const struct ui *sort_ui;

static int
cmp_rows(const void *a, const void *b)
{
	const struct ui_srow *x = a, *y = b;
	const struct model *m = sort_ui->model;
	const char *nx = sysname_name(model_sys(m, x->sys)->sysid);
	const char *ny = sysname_name(model_sys(m, y->sys)->sysid);
	int c;

	switch (sort_ui->sort) {
	case SORT_COUNT:
		if (x->count != y->count)
			return x->count > y->count ? -1 : 1;
		break;
	case SORT_FIRST:
		if (x->first != y->first)
			return x->first < y->first ? -1 : 1;
		break;
	default:
		break;
	}
	if ((c = strcmp(nx, ny)) != 0)
		return c;
	return x->sys < y->sys ? -1 : x->sys > y->sys;
}

static struct ui_srow *
srow_add(struct ui *ui, size_t *n)
{
	struct ui_srow *r;

	if (*n == ui->csrows) {
		ui->csrows = ui->csrows ? ui->csrows * 2 : 256;
		ui->srows = xreallocarray(ui->srows, ui->csrows,
		    sizeof(*ui->srows));
	}
	r = &ui->srows[(*n)++];
	memset(r, 0, sizeof(*r));
	return r;
}

int
view_home_phase(const uint64_t pc[PHASE_N])
{
	if (pc[PHASE_SERVING] > 0)
		return PHASE_SERVING;
	if (pc[PHASE_STARTUP] > 0)
		return PHASE_STARTUP;
	return pc[PHASE_SHUTDOWN] > 0 ? PHASE_SHUTDOWN : -1;
}

int
view_filter_pass(enum ui_filter f, const uint64_t pc[PHASE_N])
{
	int only = f == FILTER_STARTUP ? PHASE_STARTUP : PHASE_SERVING;
	int ph;

	if (f == FILTER_ALL)
		return 1;
	for (ph = 0; ph < PHASE_N; ph++)
		if ((pc[ph] > 0) != (ph == only))
			return 0;
	return 1;
}

static int
matches(const struct ui *ui, uint32_t sys)
{
	if (ui->search_len == 0)
		return 1;
	return strcasestr(sysname_name(model_sys(ui->model, sys)->sysid),
	    ui->search) != NULL;
}

/*
 * The entries in scope: every syscall, or those of one process, with the
 * counts of that scope.  Returns how many were put in *out (caller frees).
 */
static size_t
scope_entries(const struct ui *ui, uint32_t proc, struct ui_srow **out)
{
	const struct model *m = ui->model;
	const struct model_proc *p;
	const struct model_sys *s;
	struct ui_srow *v;
	size_t n = 0, i;
	int ph;

	if (proc == TROW_ALL) {
		v = xcalloc(model_nsys(m) + 1, sizeof(*v));
		/* An entry the filter drops is overwritten by the next one. */
		for (i = 0; i < model_nsys(m); i++) {
			if (!matches(ui, (uint32_t)i))
				continue;
			s = model_sys(m, (uint32_t)i);
			v[n].sys = (uint32_t)i;
			for (ph = 0; ph < PHASE_N; ph++)
				v[n].pc[ph] = s->count[ph];
			v[n].count = s->total;
			v[n].first = s->first;
			n += view_filter_pass(ui->filter, v[n].pc);
		}
	} else {
		p = model_proc(m, proc);
		v = xcalloc(p->nstats + 1, sizeof(*v));
		for (i = 0; i < p->nstats; i++) {
			if (!matches(ui, p->stats[i].sys))
				continue;
			memset(&v[n], 0, sizeof(v[n]));
			v[n].sys = p->stats[i].sys;
			for (ph = 0; ph < PHASE_N; ph++) {
				v[n].pc[ph] = p->stats[i].count[ph];
				v[n].count += p->stats[i].count[ph];
			}
			v[n].first = p->stats[i].first;
			n += view_filter_pass(ui->filter, v[n].pc);
		}
	}
	*out = v;
	return n;
}

/*
 * Appends a section: a header row, then the entries sorted; with a phase,
 * only the entries whose home phase (view_home_phase()) it is.
 */
static void
add_section(struct ui *ui, size_t *n, uint32_t section, struct ui_srow *v,
    size_t nv, int phase)
{
	struct ui_srow *h = NULL, *r;
	size_t i, hi = 0, start;

	if (section != UINT32_MAX) {
		h = srow_add(ui, n);
		hi = *n - 1;
		h->sys = SROW_HEADER;
		h->section = section;
		h->id = (uint64_t)(section + 1) << 32 | SROW_HEADER;
	}
	start = *n;
	for (i = 0; i < nv; i++) {
		if (phase >= 0 && view_home_phase(v[i].pc) != phase)
			continue;
		r = srow_add(ui, n);
		*r = v[i];
		r->section = section == UINT32_MAX ? 0 : section;
		r->id = (uint64_t)(section == UINT32_MAX ? 0 : section + 1)
		    << 32 | r->sys;
		if (h != NULL) {
			ui->srows[hi].nsys++;
			ui->srows[hi].count += r->count;
		}
	}
	/* Nothing to sort: srows may still be NULL, which qsort() may not get. */
	if (*n - start < 2)
		return;
	sort_ui = ui;
	xqsort(&ui->srows[start], *n - start, sizeof(*ui->srows), cmp_rows);
}

static void
sys_rebuild(struct ui *ui)
{
	struct ui_srow *v;
	size_t n = 0, nv, i, np;
	int ph;

	switch (ui->group) {
	case GROUP_FLAT:
		nv = scope_entries(ui, ui->sel_proc, &v);
		add_section(ui, &n, UINT32_MAX, v, nv, -1);
		free(v);
		break;
	case GROUP_PHASE:
		nv = scope_entries(ui, ui->sel_proc, &v);
		for (ph = 0; ph < PHASE_N; ph++)
			add_section(ui, &n, (uint32_t)ph, v, nv, ph);
		free(v);
		break;
	case GROUP_PROC:
		np = model_nprocs(ui->model);
		for (i = 0; i < np; i++) {
			if (ui->sel_proc != TROW_ALL && ui->sel_proc != i)
				continue;
			nv = scope_entries(ui, (uint32_t)i, &v);
			if (nv > 0 || ui->sel_proc == i)
				add_section(ui, &n, (uint32_t)i, v, nv, -1);
			free(v);
		}
		break;
	default:
		break;
	}
	ui->sys.n = n;
	/* Until the user moves, the cursor stays on the top row. */
	for (i = 0; ui->sys.follow && i < n; i++)
		if (ui->srows[i].id == ui->sys.cur_id) {
			ui->sys.cur = i;
			break;
		}
	if (ui->sys.follow && i == n && ui->group != GROUP_FLAT) {
		/*
		 * The same syscall in another section, if the id is gone (a
		 * call that moved to serving, a process section).
		 */
		for (i = 0; i < n; i++)
			if (ui->srows[i].sys == (uint32_t)ui->sys.cur_id &&
			    ui->srows[i].sys != SROW_HEADER) {
				ui->sys.cur = i;
				break;
			}
	}
	list_clamp(&ui->sys);
}

/* Records the ids under the cursors, after a move. */
void
view_sync_ids(struct ui *ui)
{
	if (ui->tree.cur < ui->tree.n) {
		uint32_t p = ui->trows[ui->tree.cur].proc;

		ui->tree.cur_id = p == TROW_ALL ? 0 : (uint64_t)p + 1;
		if (ui->sel_proc != p) {
			ui->sel_proc = p;
			ui->rebuild = 1;
			ui->dirty |= DIRTY_SYS | DIRTY_BOTTOM;
		}
	}
	if (ui->sys.cur < ui->sys.n)
		ui->sys.cur_id = ui->srows[ui->sys.cur].id;
}

/*
 * Under --profile the profile's own calls are rows too, with no count, so
 * that they can be toggled and F2 can take one out: added to the model
 * once, on this machine's arch, those it denies by hand toggled off.
 */
static void
profile_rows(struct ui *ui)
{
	const struct profile *base = run_base(ui->run);
	const struct profile_entry *e;
	struct profile *r;
	uint32_t id;
	size_t i, j;

	if (ui->profile_rows || base == NULL)
		return;
	ui->profile_rows = 1;
	r = profile_resolve(base, NULL);
	for (i = 0; i < r->nentries; i++) {
		e = &r->entries[i];
		if (e->action != PROFILE_ACT_ALLOW &&
		    e->action != PROFILE_ACT_LOG && !e->denied)
			continue;
		for (j = 0; j < e->nnames; j++) {
			id = sysname_lookup(sysname_native(), e->names[j]);
			if (id != SYSID_NONE &&
			    model_sys_find(ui->model, id) == IDMAP_NONE)
				model_restore_sys(ui->model, id, e->denied ?
				    TOGGLE_DENY : TOGGLE_ALLOW, 0);
		}
	}
	profile_free(r);
}

void
view_rebuild(struct ui *ui)
{
	profile_rows(ui);
	tree_rebuild(ui);
	view_sync_ids(ui);
	sys_rebuild(ui);
	view_sync_ids(ui);
	ui->rebuild = 0;
}

const struct model_sys *
view_details_sys(const struct ui *ui, uint32_t *sys)
{
	const struct ui_srow *r;

	if (ui->bottom != BOTTOM_DETAILS || ui->focus == PANE_TREE ||
	    ui->sys.cur >= ui->sys.n)
		return NULL;
	r = &ui->srows[ui->sys.cur];
	if (r->sys == SROW_HEADER)
		return NULL;
	*sys = r->sys;
	return model_sys(ui->model, r->sys);
}

size_t
view_argval(const struct model_sys *s, size_t idx, uint32_t *arg,
    uint32_t *val)
{
	size_t n = 0;
	uint32_t j, k;

	for (j = 0; j < s->nargs; j++)
		for (k = 0; k < s->args[j].nvals; k++, n++)
			if (n == idx) {
				*arg = j;
				*val = k;
			}
	return n;
}

size_t
view_val_cursor(struct ui *ui, uint32_t sys, const struct model_sys *s)
{
	uint32_t arg, val;
	size_t n = view_argval(s, 0, &arg, &val);

	if (ui->val_sys != sys) {
		ui->val_sys = sys;
		ui->val_cur = 0;
	}
	if (n > 0 && ui->val_cur >= n)
		ui->val_cur = n - 1;
	return ui->val_cur;
}

int
view_next_call(struct ui *ui, int from_cur)
{
	size_t i, k, start;

	view_rebuild(ui);
	if (ui->sys.n == 0)
		return -ENOENT;
	start = from_cur ? ui->sys.cur + 1 : 0;
	for (k = 0; k < ui->sys.n; k++) {
		i = (start + k) % ui->sys.n;
		if (ui->srows[i].sys == SROW_HEADER)
			continue;
		ui->sys.cur = i;
		ui->sys.follow = 1;
		view_sync_ids(ui);
		return 0;
	}
	return -ENOENT;
}

/* Did process p reach serving? */
static int
proc_served(const struct model_proc *p)
{
	return p->phase_since[PHASE_SERVING] != 0 || p->phase ==
	    PHASE_SERVING;
}

static int (*refusal_risk)(const struct ui *, uint32_t);
static const struct ui *refusal_ui;

static int
cmp_refusals(const void *a, const void *b)
{
	const struct view_refusal *x = a, *y = b;
	int rx = refusal_risk(refusal_ui, x->sys);
	int ry = refusal_risk(refusal_ui, y->sys);

	if (rx != ry)
		return rx > ry ? -1 : 1;
	return strcmp(sysname_name(model_sys(refusal_ui->model, x->sys)->sysid),
	    sysname_name(model_sys(refusal_ui->model, y->sys)->sysid));
}

size_t
view_refusals(struct ui *ui, int (*risk)(const struct ui *, uint32_t),
    struct view_refusal **out, size_t *nserving)
{
	const struct model *m = ui->model;
	const struct model_proc *p;
	const struct model_sys *s;
	struct view_refusal *v;
	size_t nsys = model_nsys(m), i, j, n = 0;
	uint32_t k;

	v = xcalloc(nsys + 1, sizeof(*v));
	*nserving = 0;
	for (i = 0; i < model_nprocs(m); i++) {
		p = model_proc(m, (uint32_t)i);
		if (!proc_served(p))
			continue;
		(*nserving)++;
		for (j = 0; j < p->nstats; j++) {
			k = p->stats[j].sys;
			s = model_sys(m, k);
			/* A profile keeps the locked calls whatever it is. */
			if (p->stats[j].count[PHASE_STARTUP] == 0 ||
			    s->count[PHASE_SERVING] > 0 ||
			    s->count[PHASE_SHUTDOWN] > 0 ||
			    profile_is_locked(sysname_name(s->sysid)))
				continue;
			v[k].sys = k;
			v[k].count += p->stats[j].count[PHASE_STARTUP];
			v[k].nprocs++;
		}
	}
	/* Packs the calls found to the front, in model order. */
	for (i = 0; i < nsys; i++)
		if (v[i].nprocs > 0)
			v[n++] = v[i];
	if (n > 1) {
		refusal_risk = risk;
		refusal_ui = ui;
		xqsort(v, n, sizeof(*v), cmp_refusals);
	}
	*out = v;
	return n;
}
