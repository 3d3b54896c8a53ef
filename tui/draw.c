/*
 * draw.c - painting the UI's windows from its state and the model.
 *
 * One window per pane; each frame repaints the dirty ones, queues them with
 * wnoutrefresh() and ends with a single doupdate().  Colours map to roles
 * (enum ui_attr) with a monochrome fallback when the terminal has no colours
 * or NO_COLOR is set; line drawing falls back to ASCII outside UTF-8 locales.
 */
#include "config.h"
#include "ui-int.h"

#include <inttypes.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "argspec.h"
#include "build.h"
#include "decode.h"
#include "escape.h"
#include "profile.h"
#include "stacks.h"
#include "summary.h"
#include "sysdoc.h"
#include "sysname.h"

#define MIN_COLS	60
#define MIN_ROWS	15

void
draw_init(struct ui *ui)
{
	static const struct {
		short fg, bg;
		attr_t extra, mono;
	} map[UA_N] = {
		[UA_NORMAL]	 = { -1, -1, 0, 0 },
		[UA_HEADER]	 = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		[UA_TITLE]	 = { COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE },
		[UA_TITLE_FOCUS] = { COLOR_BLACK, COLOR_GREEN, 0,
				     A_REVERSE | A_BOLD },
		[UA_KEY]	 = { COLOR_WHITE, -1, A_BOLD, A_BOLD },
		[UA_KEYLABEL]	 = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		[UA_SECTION]	 = { COLOR_MAGENTA, -1, A_BOLD, A_BOLD },
		[UA_DENIED]	 = { COLOR_RED, -1, 0, A_DIM },
		[UA_LOCKED]	 = { COLOR_YELLOW, -1, 0, 0 },
		[UA_NEW]	 = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
		[UA_BAR]	 = { COLOR_GREEN, -1, 0, 0 },
		[UA_STDERR]	 = { COLOR_RED, -1, 0, A_BOLD },
		[UA_STATUS_ERR]	 = { COLOR_WHITE, COLOR_RED, A_BOLD,
				     A_REVERSE | A_BOLD },
		[UA_DIALOG]	 = { COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
	};
	const char *cs = nl_langinfo(CODESET);
	int i;

	ui->utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 ||
	    strcmp(cs, "utf8") == 0);
	ui->color = has_colors() && getenv("NO_COLOR") == NULL;
	if (ui->color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UA_N; i++) {
		if (ui->color && i > 0) {
			init_pair((short)i, map[i].fg, map[i].bg);
			ui->attrs[i] = COLOR_PAIR(i) | map[i].extra;
		} else
			ui->attrs[i] = map[i].mono;
	}
}

static void
kill_windows(struct ui *ui)
{
	WINDOW **w[] = { &ui->w_header, &ui->w_tree, &ui->w_sys,
	    &ui->w_bottom, &ui->w_status, &ui->w_keys, &ui->w_popup };
	size_t i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (*w[i] != NULL) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

void
draw_layout(struct ui *ui)
{
	int body, top, tw;

	kill_windows(ui);
	getmaxyx(stdscr, ui->rows, ui->cols);
	ui->too_small = ui->cols < MIN_COLS || ui->rows < MIN_ROWS;
	clearok(curscr, TRUE);
	werase(stdscr);
	wnoutrefresh(stdscr);
	ui->dirty = DIRTY_ALL;
	if (ui->too_small)
		return;
	body = ui->rows - 4;
	top = body * 3 / 5;
	if (top < 6)
		top = 6;
	tw = ui->cols * 28 / 100;
	if (tw < 26)
		tw = 26;
	if (tw > 46)
		tw = 46;
	ui->w_header = newwin(2, ui->cols, 0, 0);
	ui->w_tree = newwin(top, tw, 2, 0);
	ui->w_sys = newwin(top, ui->cols - tw, 2, tw);
	ui->w_bottom = newwin(body - top, ui->cols, 2 + top, 0);
	ui->w_status = newwin(1, ui->cols, ui->rows - 2, 0);
	ui->w_keys = newwin(1, ui->cols, ui->rows - 1, 0);
	ui->tree.height = top - 1;
	ui->sys.height = top - 2;
}

/*
 * Writes s at (y, x), at most width columns; every byte that does not
 * continue a UTF-8 sequence is taken as one column.
 */
static int
put(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	int cols = 0, n = 0;

	if (width <= 0)
		return 0;
	while (s[n] != '\0') {
		if (((unsigned char)s[n] & 0xc0) != 0x80) {
			if (cols == width)
				break;
			cols++;
		}
		n++;
	}
	wattrset(w, a);
	mvwaddnstr(w, y, x, s, n);
	wattrset(w, A_NORMAL);
	return cols;
}

/* Fills a row with spaces in attribute a. */
static void
fill(WINDOW *w, int y, attr_t a)
{
	int x, width = getmaxx(w);

	wattrset(w, a);
	for (x = 0; x < width; x++)
		mvwaddch(w, y, x, ' ');
	wattrset(w, A_NORMAL);
}

static void
fmt_elapsed(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / 1000000000u;

	if (s >= 3600)
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64,
		    s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, len, "%" PRIu64 ":%02" PRIu64, s / 60, s % 60);
}

/*
 * What a call does and why it may be dangerous (assets/syscalls.tsv, read
 * by ui_run() before the first frame); NULL when the table could not be.
 */
static const struct sysdoc_entry *
doc_of(const struct ui *ui, const char *name)
{
	return ui->doc != NULL ? sysdoc_find(ui->doc, name) : NULL;
}

static void
draw_header(struct ui *ui)
{
	WINDOW *w = ui->w_header;
	struct model_totals t;
	char line[512], state[96], el[32], st[32], st2[256], live[64];
	attr_t a = ui->attrs[UA_HEADER];
	uint64_t denials;
	int right;
	size_t i;

	model_totals(ui->model, &t);
	fill(w, 0, a);
	fill(w, 1, a);
	if (ui->opened)
		snprintf(state, sizeof(state), "%s (not live)",
		    run_from_profile(ui->run) ? "profile" : "session");
	else if (ui_running(ui))
		snprintf(state, sizeof(state), "%s", ui->quitting ?
		    "stopping" : "running");
	else if (ui->attached)
		snprintf(state, sizeof(state), "detached");
	else {
		summary_status(ui->root_status, st, sizeof(st));
		snprintf(state, sizeof(state), "exited (%s)", st);
	}
	/* The mode and state on the right, whole; the command gets the rest. */
	snprintf(line, sizeof(line), "[%s]  %s ", ui->mode_name, state);
	right = (int)strlen(line) < ui->cols - 20 ? (int)strlen(line) :
	    ui->cols - 20;
	put(w, 0, ui->cols - right, right, a, line);
	if (ui->opts.banner != NULL) {
		ui->opts.banner(ui->opts.arg, st2, sizeof(st2));
		snprintf(line, sizeof(line), " sctui  %s", st2);
	} else
		snprintf(line, sizeof(line), " sctui  %s", ui->command);
	put(w, 0, 0, ui->cols - right - 1, a | A_BOLD, line);
	fmt_elapsed(ui->now - ui->start, el, sizeof(el));
	denials = 0;
	for (i = 0; i < model_nsys(ui->model); i++)
		denials += model_sys(ui->model, (uint32_t)i)->denials;
	live[0] = '\0';
	if (run_ndenied(ui->run) > 0 || denials > 0)
		snprintf(live, sizeof(live), "   denied live: %zu (%" PRIu64
		    " failed)", run_ndenied(ui->run), denials);
	snprintf(line, sizeof(line), " procs %u live / %u   syscalls %zu   "
	    "events %" PRIu64 " (%.0f/s)   elapsed %s%s   stalls %" PRIu64
	    "%s", t.procs_live, t.procs_total, model_nsys(ui->model),
	    t.calls, ui->rate, el, live, run_stalls(ui->run), ui->unsaved ?
	    "   [unsaved toggles]" : "");
	put(w, 1, 0, ui->cols, a, line);
	wnoutrefresh(w);
}

static const char *
phase_abbrev(int ph)
{
	static const char *const a[PHASE_N] = { "start", "serve", "shut" };

	return ph >= 0 && ph < PHASE_N ? a[ph] : "?";
}

static void
proc_state(const struct model_proc *p, char *buf, size_t len)
{
	if (p->state == PROC_LIVE)
		snprintf(buf, len, "live");
	else if (p->status == SC_STATUS_UNKNOWN)
		snprintf(buf, len, "ended");	/* not sctui's child */
	else if (WIFEXITED(p->status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(p->status));
	else if (WIFSIGNALED(p->status))
		snprintf(buf, len, "sig %d", WTERMSIG(p->status));
	else
		snprintf(buf, len, "gone");
}

static void
title(struct ui *ui, WINDOW *w, enum ui_pane pane, const char *text)
{
	attr_t a = ui->attrs[ui->focus == pane ? UA_TITLE_FOCUS : UA_TITLE];

	fill(w, 0, a);
	put(w, 0, 0, getmaxx(w), a, text);
}

/* Scrolls l so that its cursor is visible in height rows. */
static void
list_scroll(struct ui_list *l, int height)
{
	if (height <= 0)
		return;
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)height)
		l->top = l->cur - (size_t)height + 1;
	if (l->top + (size_t)height > l->n)
		l->top = l->n > (size_t)height ? l->n - (size_t)height : 0;
}

static void
draw_tree(struct ui *ui)
{
	WINDOW *w = ui->w_tree;
	int width = getmaxx(w) - 1, h = getmaxy(w), y, x;
	struct model_totals t;
	const struct model_proc *p;
	const struct ui_trow *r;
	char buf[256], name[200], right[48], st[24];
	attr_t a;
	size_t i;

	werase(w);
	model_totals(ui->model, &t);
	snprintf(buf, sizeof(buf), " Processes  %u live / %u", t.procs_live,
	    t.procs_total);
	title(ui, w, PANE_TREE, buf);
	list_scroll(&ui->tree, h - 1);
	for (y = 1, i = ui->tree.top; y < h && i < ui->tree.n; y++, i++) {
		r = &ui->trows[i];
		a = A_NORMAL;
		if (i == ui->tree.cur)
			a = ui->focus == PANE_TREE ? A_REVERSE : A_BOLD;
		fill(w, y, a);
		if (r->proc == TROW_ALL) {
			put(w, y, 0, width, a | A_BOLD, " all processes");
			continue;
		}
		p = model_proc(ui->model, r->proc);
		escape_name(p->name, name, sizeof(name));
		x = put(w, y, 0, width, a, " ");
		x += put(w, y, x, width - x, a, r->prefix);
		snprintf(buf, sizeof(buf), "%d %s", p->pid, name);
		proc_state(p, st, sizeof(st));
		if (p->threads_live > 1)
			snprintf(right, sizeof(right), " %ut %-5s %-4s",
			    p->threads_live, phase_abbrev(p->phase), st);
		else
			snprintf(right, sizeof(right), " %-5s %-4s",
			    phase_abbrev(p->phase), st);
		put(w, y, x, width - x - (int)strlen(right), a |
		    (p->state == PROC_LIVE ? 0 : A_DIM), buf);
		put(w, y, width - (int)strlen(right), (int)strlen(right),
		    a, right);
	}
	/* The separator between the tree and the syscall pane. */
	for (y = 0; y < h; y++)
		put(w, y, width, 1, y == 0 ? ui->attrs[ui->focus == PANE_TREE ?
		    UA_TITLE_FOCUS : UA_TITLE] : A_NORMAL,
		    ui->utf8 ? "\u2502" : "|");
	wnoutrefresh(w);
}

static const char *const group_names[GROUP_N] = { "flat", "phase",
	"process" };
static const char *const sort_names[SORT_N] = { "count", "name",
	"first seen" };

static void
section_label(const struct ui *ui, const struct ui_srow *r, char *buf,
    size_t len)
{
	const struct model_proc *p;
	char name[200];

	if (ui->group == GROUP_PHASE) {
		snprintf(buf, len, "%s: %u syscalls, %" PRIu64 " calls",
		    phase_name((enum phase)r->section), r->nsys, r->count);
		return;
	}
	p = model_proc(ui->model, r->section);
	escape_name(p->name, name, sizeof(name));
	snprintf(buf, len, "%d %s: %u syscalls, %" PRIu64 " calls", p->pid,
	    name, r->nsys, r->count);
}

/*
 * Does the saved profile restrict s's arguments (an argument rule with
 * values seen)?  2 when one it allows is a value Docker's default denies.
 */
static int
arg_rule_mark(const struct model_sys *s)
{
	const struct model_arg *a;
	const char *name = sysname_name(s->sysid);
	uint32_t j, k;
	int mark = 0;

	for (j = 0; j < s->nargs; j++) {
		a = &s->args[j];
		if (a->nvals == 0 || a->many > 0 ||
		    !profile_arg_rule(name, a->spec->arg))
			continue;
		mark = mark ? mark : 1;
		for (k = 0; k < a->nvals; k++)
			if (a->vals[k].toggle == TOGGLE_ALLOW &&
			    profile_docker_denies(name, a->spec->arg,
			    a->vals[k].value))
				mark = 2;
	}
	return mark;
}

static void
draw_sys(struct ui *ui)
{
	WINDOW *w = ui->w_sys;
	int width = getmaxx(w), h = getmaxy(w), y, x, nw, bw, phases, ph;
	const struct model_sys *s;
	const struct ui_srow *r;
	const struct sysdoc_entry *de;
	uint64_t max = 1;
	char buf[512], name[96], scope[128], pname[100];
	const char *bar = ui->utf8 ? "\u2588" : "#";
	attr_t a, rowa;
	size_t i;
	int b, locked, fresh, live, mark;

	werase(w);
	if (ui->sel_proc == TROW_ALL)
		snprintf(scope, sizeof(scope), "all processes");
	else {
		escape_name(model_proc(ui->model, ui->sel_proc)->name, pname,
		    sizeof(pname));
		snprintf(scope, sizeof(scope), "pid %d %s",
		    model_proc(ui->model, ui->sel_proc)->pid, pname);
	}
	snprintf(buf, sizeof(buf), " Syscalls  group: %s  sort: %s  %s%s%s",
	    group_names[ui->group], sort_names[ui->sort], scope,
	    ui->search_len ? "  search: " : "", ui->search);
	title(ui, w, PANE_SYS, buf);

	phases = width >= 64;
	nw = width >= 90 ? 22 : width >= 70 ? 17 : 16;
	bw = width - nw - 24 - (phases ? 24 : 0);
	if (bw < 0)
		bw = 0;
	x = snprintf(buf, sizeof(buf), "    %-*s %8s %-*s", nw, "name",
	    "count", bw, "");
	if (phases)
		x += snprintf(buf + x, sizeof(buf) - (size_t)x, " %7s %7s %7s",
		    "startup", "serving", "shutdn");
	snprintf(buf + x, sizeof(buf) - (size_t)x, " %5s", "procs");
	put(w, 1, 0, width, A_BOLD, buf);

	for (i = 0; i < ui->sys.n; i++)
		if (ui->srows[i].sys != SROW_HEADER &&
		    ui->srows[i].count > max)
			max = ui->srows[i].count;
	list_scroll(&ui->sys, h - 2);
	for (y = 2, i = ui->sys.top; y < h && i < ui->sys.n; y++, i++) {
		r = &ui->srows[i];
		rowa = A_NORMAL;
		if (i == ui->sys.cur)
			rowa = ui->focus == PANE_SYS ? A_REVERSE : A_BOLD;
		fill(w, y, rowa);
		if (r->sys == SROW_HEADER) {
			section_label(ui, r, buf, sizeof(buf));
			put(w, y, 0, width, rowa | ui->attrs[UA_SECTION], buf);
			continue;
		}
		s = model_sys(ui->model, r->sys);
		view_sys_name(ui, r->sys, name, sizeof(name));
		locked = profile_is_locked(sysname_name(s->sysid));
		fresh = !ui->opened && ui->now - s->first < 5000000000ull;
		a = rowa;
		if (s->toggle == TOGGLE_DENY)
			a |= ui->attrs[UA_DENIED];
		x = snprintf(buf, sizeof(buf), "[%c] %-*.*s %8" PRIu64 " ",
		    s->toggle == TOGGLE_DENY ? ' ' : 'x', nw, nw, name,
		    r->count);
		put(w, y, 0, width, a, buf);
		live = run_denied(ui->run, s->sysid);
		if (live) {
			/* The bar gives way to the what-if and its count. */
			snprintf(buf, sizeof(buf), "DENIED LIVE %" PRIu64,
			    s->denials);
			put(w, y, x, bw + (phases ? 24 : 0), rowa |
			    ui->attrs[UA_DENIED] | A_BOLD, buf);
		}
		b = live ? 0 : (int)((r->count * (uint64_t)bw + max - 1) /
		    max);
		for (; b > 0; b--)
			x += put(w, y, x, 1, rowa | ui->attrs[UA_BAR], bar);
		x = 4 + nw + 10 + bw;
		buf[0] = '\0';
		if (phases && live)
			x += 24;	/* the label took their place */
		else if (phases) {
			for (ph = 0; ph < PHASE_N; ph++)
				snprintf(buf + strlen(buf), sizeof(buf) -
				    strlen(buf), " %7" PRIu64, r->pc[ph]);
		}
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
		    " %5u ", s->nprocs);
		x += put(w, y, x, width - x, a, buf);
		if (locked)
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_LOCKED], "L");
		if (fresh)
			x += put(w, y, x, width - x, rowa | ui->attrs[UA_NEW],
			    "N");
		if (s->denials)
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_DENIED], "!");
		de = doc_of(ui, sysname_name(s->sysid));
		if (de != NULL && de->level == SYSDOC_HIGH)
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_DENIED], "R");
		if (s->toggle == TOGGLE_ALLOW && (mark = arg_rule_mark(s)))
			x += put(w, y, x, width - x, rowa | (mark == 2 ?
			    ui->attrs[UA_DENIED] : ui->attrs[UA_LOCKED]), "A");
	}
	if (ui->sys.n == 0)
		put(w, 2, 1, width - 1, A_DIM, ui->search_len ?
		    "no syscall matches the search (Esc clears it)" :
		    "no syscalls yet");
	wnoutrefresh(w);
}

/* ---- the bottom pane ---------------------------------------------- */

/*
 * One value of a recorded argument: "[x] AF_INET [startup 1; pid 412]",
 * with its box when a rule is made of the argument.
 */
static void
argval_text(const struct ui *ui, const struct model_arg *a,
    const struct model_argval *av, int box, char *buf, size_t len)
{
	const char *sep;
	char val[128];
	size_t x;
	uint8_t i;
	int ph;

	x = (size_t)snprintf(buf, len, "%s%s [", box ? av->toggle ==
	    TOGGLE_DENY ? "[ ] " : "[x] " : "", argspec_format(a->spec,
	    av->value, val, sizeof(val)));
	for (sep = "", ph = 0; ph < PHASE_N && x < len; ph++)
		if (av->count[ph] > 0) {
			x += (size_t)snprintf(buf + x, len - x, "%s%s %"
			    PRIu64, sep, phase_name(ph), av->count[ph]);
			sep = ", ";
		}
	if (x < len)
		x += (size_t)snprintf(buf + x, len - x, "; pid");
	for (i = 0; i < av->nprocs && x < len; i++)
		x += (size_t)snprintf(buf + x, len - x, " %d",
		    model_proc(ui->model, av->procs[i])->pid);
	if (x < len)
		snprintf(buf + x, len - x, "%s]", av->more ? " +" : "");
}

/*
 * The recorded values of s's arguments from line y, an argument a line
 * (wrapped where a value does not fit): "family (a rule: only these):
 * [x] AF_INET [startup 1; pid 412], [ ] AF_UNIX [...]".  With the focus
 * here, the value under the details cursor (cur) is in reverse.  Returns
 * the next line.
 */
static int
details_args(struct ui *ui, WINDOW *w, int width, int y,
    const struct model_sys *s, size_t cur)
{
	const struct model_arg *a;
	const char *name = sysname_name(s->sysid);
	char buf[512], val[128];
	uint32_t j, k;
	size_t idx = 0;
	int x, h = getmaxy(w), rule, len;
	attr_t at;

	for (j = 0; j < s->nargs && y < h; j++) {
		a = &s->args[j];
		if (a->nvals == 0)
			continue;
		rule = profile_arg_rule(name, a->spec->arg) && a->many == 0;
		snprintf(buf, sizeof(buf), "%s%s:", a->spec->what,
		    a->many > 0 ? " (more than 64 values: no rule)" : rule ?
		    " (a rule: only these)" : "");
		x = 1 + put(w, y, 1, width - 1, A_NORMAL, buf);
		for (k = 0; k < a->nvals; k++, idx++) {
			argval_text(ui, a, &a->vals[k], rule, buf,
			    sizeof(buf));
			if (k > 0)
				x += put(w, y, x, width - x, A_NORMAL, ",");
			len = (int)strlen(buf) + 1;
			if (x + len > width && x > 2 && y + 1 < h) {
				y++;
				x = 2;
			}
			x += put(w, y, x, width - x, A_NORMAL, " ");
			at = a->vals[k].toggle == TOGGLE_DENY ? A_DIM :
			    A_NORMAL;
			if (ui->focus == PANE_BOTTOM && idx == cur)
				at = A_REVERSE;
			x += put(w, y, x, width - x, at, buf);
		}
		y++;
		for (k = 0; rule && k < a->nvals && y < h; k++)
			if (a->vals[k].toggle == TOGGLE_ALLOW &&
			    profile_docker_denies(name, a->spec->arg,
			    a->vals[k].value)) {
				snprintf(buf, sizeof(buf), "%s with %s seen: "
				    "this profile allows what Docker's "
				    "default denies", name, argspec_format(
				    a->spec, a->vals[k].value, val,
				    sizeof(val)));
				put(w, y++, 1, width - 1,
				    ui->attrs[UA_DENIED] | A_BOLD, buf);
			}
	}
	return y;
}

/*
 * --stacks: from line y, the first stack of s (model index sys) in the
 * executable ui->stack_pick names, innermost frame first, one line each
 * from ui->stack_top; the program's own frames stand out, the libraries'
 * are dim.
 */
static void
details_stack(struct ui *ui, WINDOW *w, int width, int y, uint32_t sys,
    const struct model_sys *s)
{
	const struct stacks *all = run_stacks(ui->run);
	const struct stack *k;
	char buf[1024], exe[512], name[128], text[512];
	const char *base;
	uint32_t n, j;
	int h = getmaxy(w);

	if (all == NULL || y >= h)
		return;
	if (ui->stack_sys != sys) {
		ui->stack_sys = sys;
		ui->stack_pick = 0;
		ui->stack_top = 0;
	}
	n = stacks_of_call(all, s->sysid, ui->stack_pick, &k);
	if (k == NULL) {
		put(w, y, 1, width - 1, A_DIM, "no stack captured for this "
		    "call (made before the program's exec, or by a process "
		    "already gone)");
		return;
	}
	if (ui->stack_top >= k->nframes)
		ui->stack_top = k->nframes > 0 ? k->nframes - 1 : 0;
	/*
	 * The hints, the executable's name and the pid before its whole
	 * path, which a narrow pane cuts.
	 */
	base = strrchr(k->exe, '/');
	snprintf(buf, sizeof(buf), "first stack (%u of %u%s%s): %s pid %d, "
	    "%s", ui->stack_pick % n + 1, n, n > 1 ? ", c: next" : "",
	    ui->stack_top > 0 ? ", [ ] scroll" : "",
	    escape_name(base != NULL ? base + 1 : k->exe, name, sizeof(name)),
	    (int)k->tgid, escape_name(k->exe, exe, sizeof(exe)));
	put(w, y++, 1, width - 1, ui->attrs[UA_SECTION], buf);
	for (j = (uint32_t)ui->stack_top; j < k->nframes && y < h; j++) {
		snprintf(buf, sizeof(buf), "#%-2u %s", j, escape_name(
		    k->frames[j].text, text, sizeof(text)));
		put(w, y++, 2, width - 2, k->frames[j].program ? A_BOLD |
		    ui->attrs[UA_NEW] : A_DIM, buf);
	}
	if (k->note != NULL && y < h)
		put(w, y, 2, width - 2, A_DIM, k->note);
}

static void
details_sys(struct ui *ui, WINDOW *w, int width)
{
	const struct ui_srow *r;
	const struct model_sys *s;
	const struct model_proc *p;
	const struct sysdoc_entry *de;
	uint32_t arches[SYSNAME_MAX_ARCH], sid;
	char buf[1024], name[96], pname[100];
	const char *sname, *en;
	size_t i, j, np;
	int n, k, y = 1, x;

	if (ui->sys.cur >= ui->sys.n) {
		put(w, y, 1, width - 1, A_DIM, "no syscall selected");
		return;
	}
	r = &ui->srows[ui->sys.cur];
	if (r->sys == SROW_HEADER) {
		section_label(ui, r, buf, sizeof(buf));
		put(w, y, 1, width - 1, ui->attrs[UA_SECTION], buf);
		return;
	}
	s = model_sys(ui->model, r->sys);
	sname = sysname_name(s->sysid);
	view_sys_name(ui, r->sys, name, sizeof(name));
	snprintf(buf, sizeof(buf), "%s  %s%s", name,
	    s->toggle == TOGGLE_DENY ? "denied in the profile" :
	    "allowed in the profile", profile_is_locked(sname) ?
	    " (locked on: it can never be denied)" : "");
	put(w, y++, 1, width - 1, A_BOLD, buf);
	if ((de = doc_of(ui, sname)) != NULL) {
		snprintf(buf, sizeof(buf), "%s [%s, risk %s]%s%s", de->desc,
		    de->category, sysdoc_level_name(de->level),
		    *de->note ? ": " : "", de->note);
		put(w, y++, 1, width - 1, de->level == SYSDOC_HIGH ?
		    ui->attrs[UA_DENIED] : A_NORMAL, buf);
	}
	x = snprintf(buf, sizeof(buf), "number:");
	n = sysname_native_arches(arches, SYSNAME_MAX_ARCH);
	for (k = 0; k < n; k++) {
		sid = sysname_lookup(arches[k], sname);
		x += snprintf(buf + x, sizeof(buf) - (size_t)x, "  %s %s",
		    sysname_arch_name(arches[k]), sid == SYSID_NONE ? "-" :
		    "");
		if (sid != SYSID_NONE)
			x += snprintf(buf + x, sizeof(buf) - (size_t)x, "%d",
			    sysname_nr(sid));
	}
	put(w, y++, 1, width - 1, A_NORMAL, buf);
	if (s->total == 0)
		snprintf(buf, sizeof(buf), "never called: %s",
		    run_from_profile(ui->run) ? "the profile allows it" :
		    "listed, no calls counted");
	else
		snprintf(buf, sizeof(buf), "calls %" PRIu64 ": startup %"
		    PRIu64 ", serving %" PRIu64 ", shutdown %" PRIu64
		    "   first seen +%.3fs, last +%.3fs", s->total,
		    s->count[PHASE_STARTUP], s->count[PHASE_SERVING],
		    s->count[PHASE_SHUTDOWN],
		    (double)(s->first - ui->start) / 1e9,
		    (double)(s->last - ui->start) / 1e9);
	put(w, y++, 1, width - 1, A_NORMAL, buf);
	if (run_denied(ui->run, s->sysid)) {
		en = strerrorname_np(run_deny_errno(ui->run));
		snprintf(buf, sizeof(buf), "denied live now: every call fails "
		    "with %s without running; %" PRIu64 " denied so far "
		    "(x lets it run)", en != NULL ? en : "an error",
		    s->denials);
		put(w, y++, 1, width - 1, ui->attrs[UA_DENIED] | A_BOLD, buf);
	} else if (s->denials > 0) {
		snprintf(buf, sizeof(buf), "runs again; %" PRIu64 " call%s "
		    "denied live earlier (x denies it again)", s->denials,
		    s->denials == 1 ? " was" : "s were");
		put(w, y++, 1, width - 1, ui->attrs[UA_DENIED], buf);
	}
	x = snprintf(buf, sizeof(buf), "%u process%s:", s->nprocs,
	    s->nprocs == 1 ? "" : "es");
	np = model_nprocs(ui->model);
	for (i = 0; i < np && x < (int)sizeof(buf) - 80; i++) {
		p = model_proc(ui->model, (uint32_t)i);
		for (j = 0; j < p->nstats; j++)
			if (p->stats[j].sys == r->sys)
				break;
		if (j == p->nstats)
			continue;
		escape_name(p->name, pname, sizeof(pname));
		x += snprintf(buf + x, sizeof(buf) - (size_t)x, " %d %s "
		    "(%" PRIu64 ")", p->pid, pname, p->stats[j].count[0] +
		    p->stats[j].count[1] + p->stats[j].count[2]);
	}
	put(w, y++, 1, width - 1, A_NORMAL, buf);
	y = details_args(ui, w, width, y, s, view_val_cursor(ui, r->sys, s));
	details_stack(ui, w, width, y, r->sys, s);
}

static void
details_proc(struct ui *ui, WINDOW *w, int width)
{
	const struct model_proc *p;
	char buf[1024], name[100], st[32];
	uint32_t i;
	int y = 1, x;

	if (ui->sel_proc == TROW_ALL) {
		struct model_totals t;

		model_totals(ui->model, &t);
		snprintf(buf, sizeof(buf), "all processes: %u live of %u, "
		    "threads %u live of %u, %" PRIu64 " calls (startup %"
		    PRIu64 ", serving %" PRIu64 ", shutdown %" PRIu64 ")",
		    t.procs_live, t.procs_total, t.threads_live,
		    t.threads_total, t.calls, t.phase[0], t.phase[1],
		    t.phase[2]);
		put(w, y, 1, width - 1, A_NORMAL, buf);
		return;
	}
	p = model_proc(ui->model, ui->sel_proc);
	escape_name(p->name, name, sizeof(name));
	proc_state(p, st, sizeof(st));
	snprintf(buf, sizeof(buf), "pid %d %s  parent %d  %s%s%s", p->pid,
	    name, p->ppid, st, p->flags & MODEL_PROC_ROOT ? "  (the command)" :
	    "", p->flags & MODEL_PROC_ATTACHED ? "  (attached)" : "");
	put(w, y++, 1, width - 1, A_BOLD, buf);
	x = snprintf(buf, sizeof(buf), "phase %s since +%.3fs;",
	    phase_name((enum phase)p->phase),
	    (double)(p->phase_since[p->phase] - ui->start) / 1e9);
	snprintf(buf + x, sizeof(buf) - (size_t)x, " threads %u live of %u; "
	    "%" PRIu64 " calls, %u distinct; %" PRIu64 " signals",
	    p->threads_live, p->threads_total, p->calls, p->nstats,
	    p->signals);
	put(w, y++, 1, width - 1, A_NORMAL, buf);
	x = snprintf(buf, sizeof(buf), "execs:");
	for (i = 0; i < p->nexecs && x < (int)sizeof(buf) - 120; i++) {
		escape_name(p->execs[i], name, sizeof(name));
		x += snprintf(buf + x, sizeof(buf) - (size_t)x, "%s %s",
		    i ? " >" : "", name);
	}
	if (p->nexecs == 0)
		snprintf(buf + x, sizeof(buf) - (size_t)x, " none");
	put(w, y++, 1, width - 1, A_NORMAL, buf);
}

static void
draw_output(struct ui *ui, WINDOW *w, int width, int h)
{
	size_t shown = (size_t)(h - 1), first, i;
	const struct ui_line *l;
	char buf[1024];
	int y = 1;

	if (ui->out_n == 0) {
		put(w, 1, 1, width - 1, A_DIM, "no output from the program "
		    "yet (its stdout and stderr are shown here)");
		return;
	}
	if (ui->bottom_scroll > ui->out_n - 1)
		ui->bottom_scroll = ui->out_n - 1;
	first = ui->out_n > shown + ui->bottom_scroll ?
	    ui->out_n - shown - ui->bottom_scroll : 0;
	for (i = first; i < ui->out_n && y < h; i++, y++) {
		l = &ui->out[(ui->out_head + i) % UI_OUT_LINES];
		escape_name(l->text, buf, sizeof(buf));
		put(w, y, 1, width - 1, l->err ? ui->attrs[UA_STDERR] :
		    A_NORMAL, buf);
	}
}

/*
 * A line of the log, as strace writes a call: the wall-clock time (ms
 * since the epoch), the thread, its process's name (escaped: the program
 * chose it), the phase, the call decoded, and its outcome.
 */
static void
log_line(struct ui *ui, const struct ui_logent *e, int64_t ms, char *buf,
    size_t len)
{
	const struct model_proc *p = model_proc_by_pid(ui->model, e->tgid);
	uint32_t arch = sysname_arch(e->sysid);
	const char *name = sysname_name(e->sysid), *en;
	char comm[4 * sizeof(p->name)], call[512], val[48], ret[64];
	time_t secs = (time_t)(ms / 1000);
	struct tm tm;
	size_t off;

	escape_name(p != NULL ? p->name : "?", comm, sizeof(comm));
	localtime_r(&secs, &tm);
	off = strftime(buf, len, "%H:%M:%S", &tm);
	decode_call(arch, name, e->args, call, sizeof(call));
	switch (e->state) {
	case LOG_DONE:
		snprintf(ret, sizeof(ret), " = %s", decode_return(arch, name,
		    e->ret, val, sizeof(val)));
		break;
	case LOG_DENIED:
		en = decode_errno((int)-e->ret);
		snprintf(ret, sizeof(ret), " DENIED (%s)", en ? en : "?");
		break;
	case LOG_PENDING:
		snprintf(ret, sizeof(ret), " ...");
		break;
	default:
		snprintf(ret, sizeof(ret), " = ?");
		break;
	}
	snprintf(buf + off, len - off, ".%03d %6d %-11s %-5s %s%s",
	    (int)(ms % 1000), e->tid, comm, phase_abbrev(e->phase), call, ret);
}

static void
draw_log(struct ui *ui, WINDOW *w, int width, int h)
{
	const struct model_proc *sel = ui->sel_proc == TROW_ALL ? NULL :
	    model_proc(ui->model, ui->sel_proc);
	const struct ui_logent *e;
	size_t idx[UI_LOG_LEN], n = 0, i, shown = (size_t)(h - 1), first;
	struct timespec wall;
	uint64_t now;
	char buf[1024];
	int y = 1;

	for (i = 0; i < ui->log_n; i++) {
		e = &ui->log[(ui->log_head + i) % UI_LOG_LEN];
		if (sel != NULL && e->tgid != sel->pid)
			continue;
		if (ui->search_len && strcasestr(sysname_name(e->sysid),
		    ui->search) == NULL)
			continue;
		idx[n++] = (ui->log_head + i) % UI_LOG_LEN;
	}
	if (n == 0) {
		put(w, 1, 1, width - 1, A_DIM, "no calls logged yet");
		return;
	}
	if (ui->bottom_scroll > n - 1)
		ui->bottom_scroll = n - 1;
	first = n > shown + ui->bottom_scroll ? n - shown -
	    ui->bottom_scroll : 0;
	clock_gettime(CLOCK_REALTIME, &wall);
	now = run_now();
	for (i = first; i < n && y < h; i++, y++) {
		e = &ui->log[idx[i]];
		log_line(ui, e, (int64_t)wall.tv_sec * 1000 +
		    wall.tv_nsec / 1000000 - (int64_t)(now - e->ts) / 1000000,
		    buf, sizeof(buf));
		put(w, y, 1, width - 1, e->state == LOG_DENIED ?
		    ui->attrs[UA_DENIED] : A_NORMAL, buf);
	}
}

static void
draw_bottom(struct ui *ui)
{
	static const char *const names[BOTTOM_N] = { "Details", "Output",
		"Log" };
	WINDOW *w = ui->w_bottom;
	int width = getmaxx(w), h = getmaxy(w), i, x = 1;
	attr_t a = ui->attrs[ui->focus == PANE_BOTTOM ? UA_TITLE_FOCUS :
	    UA_TITLE];
	char buf[64];

	werase(w);
	fill(w, 0, a);
	for (i = 0; i < BOTTOM_N; i++) {
		snprintf(buf, sizeof(buf), i == (int)ui->bottom ? "[%s]" :
		    " %s ", names[i]);
		x += put(w, 0, x, width - x, a | (i == (int)ui->bottom ?
		    A_BOLD : 0), buf);
	}
	if (ui->bottom == BOTTOM_LOG && ui->log_paused)
		x += put(w, 0, x, width - x, a | A_BOLD, "  (paused)");
	if (ui->bottom != BOTTOM_DETAILS && ui->bottom_scroll)
		put(w, 0, x, width - x, a, "  (scrolled back)");
	put(w, 0, width - 22 > x ? width - 22 : x, 22, a, "v: next view ");
	switch (ui->bottom) {
	case BOTTOM_DETAILS:
		if (ui->focus == PANE_TREE)
			details_proc(ui, w, width);
		else
			details_sys(ui, w, width);
		break;
	case BOTTOM_OUTPUT:
		draw_output(ui, w, width, h);
		break;
	default:
		draw_log(ui, w, width, h);
		break;
	}
	wnoutrefresh(w);
}

static void
draw_status(struct ui *ui)
{
	WINDOW *w = ui->w_status;
	char buf[256];

	werase(w);
	if (ui->mode == MODE_SEARCH) {
		snprintf(buf, sizeof(buf), "Search: %s", ui->search);
		put(w, 0, 0, ui->cols, A_BOLD, buf);
		put(w, 0, (int)strlen(buf), 1, A_REVERSE, " ");
		put(w, 0, (int)strlen(buf) + 2, ui->cols - 2 -
		    (int)strlen(buf), A_DIM, "(Enter keeps, Esc clears)");
	} else if (ui->status[0] != '\0') {
		if (ui->status_err)
			fill(w, 0, ui->attrs[UA_STATUS_ERR]);
		put(w, 0, 0, ui->cols, ui->status_err ?
		    ui->attrs[UA_STATUS_ERR] : A_BOLD, ui->status);
	} else
		put(w, 0, 0, ui->cols, A_DIM, " Tab: next pane  Space: "
		    "allow/deny  a/d: allow/deny all shown  /: search  "
		    "?: all keys");
	wnoutrefresh(w);
}

/* ---- popups ------------------------------------------------------- */

static WINDOW *
popup(struct ui *ui, int h, int wd)
{
	if (h > ui->rows - 2)
		h = ui->rows - 2;
	if (wd > ui->cols - 2)
		wd = ui->cols - 2;
	if (ui->w_popup != NULL)
		delwin(ui->w_popup);
	ui->w_popup = newwin(h, wd, (ui->rows - h) / 2, (ui->cols - wd) / 2);
	wbkgdset(ui->w_popup, ' ' | ui->attrs[UA_DIALOG]);
	werase(ui->w_popup);
	if (ui->utf8)
		wborder_set(ui->w_popup, WACS_VLINE, WACS_VLINE, WACS_HLINE,
		    WACS_HLINE, WACS_ULCORNER, WACS_URCORNER, WACS_LLCORNER,
		    WACS_LRCORNER);
	else
		wborder(ui->w_popup, '|', '|', '-', '-', '+', '+', '+', '+');
	return ui->w_popup;
}

/* Word-wraps text into the popup from row y; returns the next row. */
static int
wrap(WINDOW *w, int y, attr_t a, const char *text)
{
	int width = getmaxx(w) - 4, len, cut;

	while (*text != '\0' && y < getmaxy(w) - 1) {
		len = (int)strlen(text);
		cut = len;
		if (len > width) {
			for (cut = width; cut > 0 && text[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = width;
		}
		wattrset(w, a);
		mvwaddnstr(w, y++, 2, text, cut);
		text += cut;
		while (*text == ' ')
			text++;
	}
	return y;
}

static void
draw_ask(struct ui *ui)
{
	WINDOW *w = popup(ui, 7, 70);
	attr_t a = ui->attrs[UA_DIALOG];

	wrap(w, 2, a, ui->ask.text);
	wnoutrefresh(w);
}

static void
draw_save(struct ui *ui)
{
	WINDOW *w;
	attr_t a = ui->attrs[UA_DIALOG];
	int width, y = 1, off, n = 0;
	size_t i;
	char buf[256];

	for (i = 0; i < profile_nformats; i++)
		n += profile_formats[i].write != NULL;
	w = popup(ui, 9 + n, 72);
	width = getmaxx(w) - 4;

	put(w, y++, 2, width, a | A_BOLD, "Save the seccomp profile");
	y++;
	put(w, y, 2, width, a, "File:");
	off = (int)ui->save_len > width - 8 ? (int)ui->save_len - (width - 8)
	    : 0;
	put(w, y, 8, width - 6, a | A_UNDERLINE, ui->save_path + off);
	put(w, y++, 8 + (int)ui->save_len - off, 1, A_REVERSE, " ");
	put(w, y++, 2, width, a, "Format:");
	for (i = 0; i < profile_nformats; i++) {
		if (profile_formats[i].write == NULL)
			continue;
		snprintf(buf, sizeof(buf), " (%c) %-8s %s",
		    i == ui->save_format ? '*' : ' ', profile_formats[i].name,
		    profile_formats[i].desc);
		put(w, y++, 2, width, a | (i == ui->save_format ? A_BOLD : 0),
		    buf);
	}
	y++;
	put(w, y, 2, width, a, "Enter: save   Up/Down: format   Esc: cancel");
	wnoutrefresh(w);
}

static void
draw_help(struct ui *ui)
{
	WINDOW *w = popup(ui, ui->rows - 2, 78);
	attr_t a = ui->attrs[UA_DIALOG];
	int h = getmaxy(w), y = 1, n = actions_help_lines(), i;
	char keys[64], buf[256];
	const char *desc;

	put(w, y++, 2, getmaxx(w) - 4, a | A_BOLD, "sctui keys  (Esc or q "
	    "closes, Up/Down scroll)");
	put(w, y++, 2, getmaxx(w) - 4, a, "row marks: N new, A argument rule "
	    "(red: allows what Docker's default denies)");
	if (ui->help_top + (size_t)(h - 4) > (size_t)n)
		ui->help_top = n > h - 4 ? (size_t)(n - (h - 4)) : 0;
	for (i = (int)ui->help_top; i < n && y < h - 1; i++) {
		actions_help_line(i, keys, sizeof(keys), &desc);
		snprintf(buf, sizeof(buf), "%-16s %s", keys, desc);
		put(w, y++, 2, getmaxx(w) - 4, a, buf);
	}
	wnoutrefresh(w);
}

static void
draw_small(struct ui *ui)
{
	char buf[96];
	int y = ui->rows / 2;

	werase(stdscr);
	snprintf(buf, sizeof(buf), "terminal too small (need %dx%d)",
	    MIN_COLS, MIN_ROWS);
	put(stdscr, y > 0 ? y - 1 : 0, 0, ui->cols, A_BOLD, buf);
	snprintf(buf, sizeof(buf), "now %dx%d; still tracing, q quits",
	    ui->cols, ui->rows);
	if (ui->rows > 1)
		put(stdscr, y, 0, ui->cols, A_NORMAL, buf);
	wnoutrefresh(stdscr);
}

void
draw_frame(struct ui *ui)
{
	unsigned d = ui->dirty;

	if (d & DIRTY_LAYOUT)
		draw_layout(ui);
	if (ui->too_small) {
		draw_small(ui);
		doupdate();
		ui->dirty = 0;
		return;
	}
	if (ui->rebuild || (d & (DIRTY_TREE | DIRTY_SYS)))
		view_rebuild(ui);
	if (d & DIRTY_HEADER)
		draw_header(ui);
	if (d & DIRTY_TREE)
		draw_tree(ui);
	if (d & DIRTY_SYS)
		draw_sys(ui);
	if (d & DIRTY_BOTTOM)
		draw_bottom(ui);
	if (d & DIRTY_STATUS)
		draw_status(ui);
	if (d & DIRTY_LAYOUT) {
		werase(ui->w_keys);
		actions_fkey_bar(ui, ui->w_keys);
		wnoutrefresh(ui->w_keys);
	}
	switch (ui->mode) {
	case MODE_ASK:
		draw_ask(ui);
		break;
	case MODE_SAVE:
		draw_save(ui);
		break;
	case MODE_HELP:
		draw_help(ui);
		break;
	default:
		break;
	}
	doupdate();
	ui->dirty = 0;
}

void
draw_restore(void)
{
	if (!isendwin())
		endwin();
}
