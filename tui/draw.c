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

/* The fewest rows the bottom pane and the panes above it keep. */
#define MIN_BOTTOM	3
#define MIN_TOP		6

int
draw_bottom_rows(const struct ui *ui)
{
	int body = ui->rows - 4, b;

	if (ui->bottom_hidden)
		return 0;
	b = ui->bottom_rows > 0 ? ui->bottom_rows : body - body * 3 / 5;
	if (b > body - MIN_TOP)
		b = body - MIN_TOP;
	return b < MIN_BOTTOM ? MIN_BOTTOM : b;
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
	top = body - draw_bottom_rows(ui);
	/* The tree gives columns to the syscall pane on a narrow screen. */
	tw = ui->cols * 28 / 100;
	if (tw < 22)
		tw = 22;
	if (tw > 46)
		tw = 46;
	ui->w_header = newwin(2, ui->cols, 0, 0);
	ui->w_tree = newwin(top, tw, 2, 0);
	ui->w_sys = newwin(top, ui->cols - tw, 2, tw);
	if (top < body)
		ui->w_bottom = newwin(body - top, ui->cols, 2 + top, 0);
	ui->w_status = newwin(1, ui->cols, ui->rows - 2, 0);
	ui->w_keys = newwin(1, ui->cols, ui->rows - 1, 0);
	ui->tree.height = top - 1;
	ui->sys.height = top - 2;
}

size_t
draw_fit(const char *s, int width, size_t *space)
{
	size_t n = 0;
	int cols = 0;

	*space = 0;
	while (s[n] != '\0') {
		if (((unsigned char)s[n] & 0xc0) != 0x80) {
			if (cols == width)
				break;
			cols++;
		}
		n++;
		if (s[n] == ' ')
			*space = n;
	}
	return n;
}

/*
 * Writes s at (y, x), at most width columns (see draw_fit()); returns the
 * columns written.
 */
static int
put(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	size_t n, space, i;
	int cols = 0;

	if (width <= 0)
		return 0;
	n = draw_fit(s, width, &space);
	for (i = 0; i < n; i++)
		cols += ((unsigned char)s[i] & 0xc0) != 0x80;
	wattrset(w, a);
	mvwaddnstr(w, y, x, s, (int)n);
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

int
draw_put(WINDOW *w, int y, int x, int width, attr_t a, const char *s)
{
	return put(w, y, x, width, a, s);
}

const char *
draw_plural(uint64_t n)
{
	return n == 1 ? "" : "s";
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

int
draw_risk(const struct ui *ui, uint32_t sys)
{
	const struct sysdoc_entry *de = doc_of(ui, sysname_name(
	    model_sys(ui->model, sys)->sysid));

	return de != NULL ? (int)de->level : SYSDOC_NONE;
}

/*
 * Live denial, in the header: how many system calls (names, whatever the
 * arch) the tracer fails now, and how many calls it failed in all.
 */
static size_t
denied_names(const struct ui *ui, uint64_t *failed)
{
	const char *names[64];
	const char *nm;
	size_t i, j, n = 0, nd = run_ndenied(ui->run);

	*failed = 0;
	for (i = 0; i < model_nsys(ui->model); i++)
		*failed += model_sys(ui->model, (uint32_t)i)->denials;
	for (i = 0; i < nd; i++) {
		nm = sysname_name(run_denied_sysid(ui->run, i));
		for (j = 0; j < n && strcmp(names[j], nm) != 0; j++)
			;
		if (j == n && n < sizeof(names) / sizeof(names[0]))
			names[n++] = nm;
	}
	return n;
}

/*
 * One figure of the header's second line, in a long and a short form.
 * The line takes the long forms while they fit; then it leaves out the
 * optional figures, then takes short forms, the figures of least use
 * first (shrink: lower goes first, from 1).
 */
struct hfig {
	char	l[96], s[96];
	int	optional;
	int	shrink;
};

static size_t
header_line(const struct hfig *f, size_t nf, const int *form, int drop,
    char *line, size_t len)
{
	size_t i, n = 0;

	line[0] = '\0';
	for (i = 0; i < nf && n < len; i++) {
		if (drop && f[i].optional)
			continue;
		n += (size_t)snprintf(line + n, len - n, "%s%s", n == 0 ? " " :
		    "  ", form[i] ? f[i].s : f[i].l);
	}
	return n;
}

/* The second line: mode and state first when not empty or NULL. */
static void
header_figures(struct ui *ui, WINDOW *w, attr_t a, const char *mode,
    const char *state)
{
	struct model_totals t;
	struct hfig f[10];
	char el[32], line[512];
	uint64_t failed, refused;
	size_t nf = 0, i, names, refusing;
	int form[10] = { 0 }, drop, step;

	memset(f, 0, sizeof(f));
	model_totals(ui->model, &t);
	if (mode != NULL && *mode != '\0') {
		snprintf(f[nf].l, sizeof(f[nf].l), "%s", mode);
		snprintf(f[nf].s, sizeof(f[0].s), "%s", mode);
		f[nf++].shrink = 9;
	}
	if (state != NULL) {
		snprintf(f[nf].l, sizeof(f[nf].l), "%s", state);
		snprintf(f[nf].s, sizeof(f[0].s), "%s", state);
		f[nf++].shrink = 9;
	}
	/* First while on: it changes what the program may do. */
	if (run_serve_only_on(ui->run)) {
		refusing = run_serve_refusing(ui->run);
		for (refused = 0, i = 0; i < model_nsys(ui->model); i++)
			refused += model_sys(ui->model, (uint32_t)i)->refused;
		snprintf(f[nf].l, sizeof(f[nf].l), "serving-only LIVE: %zu "
		    "call%s refused once serving, %" PRIu64 " refusal%s",
		    refusing, draw_plural(refusing), refused,
		    draw_plural(refused));
		snprintf(f[nf].s, sizeof(f[0].s), "serving-only LIVE %zu, %"
		    PRIu64 " refused", refusing, refused);
		f[nf++].shrink = 7;
	}
	snprintf(f[nf].l, sizeof(f[nf].l), "procs %u live / %u",
	    t.procs_live, t.procs_total);
	snprintf(f[nf].s, sizeof(f[0].s), "procs %u/%u", t.procs_live,
	    t.procs_total);
	f[nf++].shrink = 2;
	snprintf(f[nf].l, sizeof(f[nf].l), "syscalls %zu",
	    model_nsys(ui->model));
	snprintf(f[nf].s, sizeof(f[0].s), "sys %zu", model_nsys(ui->model));
	f[nf++].shrink = 3;
	snprintf(f[nf].l, sizeof(f[nf].l), "events %" PRIu64 " (%.0f/s)",
	    t.calls, ui->rate);
	snprintf(f[nf].s, sizeof(f[0].s), "ev %" PRIu64, t.calls);
	f[nf++].shrink = 1;
	fmt_elapsed((ui->end ? ui->end : ui->now) - ui->start, el,
	    sizeof(el));
	snprintf(f[nf].l, sizeof(f[nf].l), "elapsed %s", el);
	snprintf(f[nf].s, sizeof(f[0].s), "%s", el);
	f[nf++].shrink = 4;
	if ((names = denied_names(ui, &failed)) > 0 || failed > 0) {
		snprintf(f[nf].l, sizeof(f[nf].l), "denied live: %zu syscall%s"
		    ", %" PRIu64 " call%s failed", names, draw_plural(names), failed,
		    draw_plural(failed));
		snprintf(f[nf].s, sizeof(f[0].s), "denied live %zu, %" PRIu64
		    " failed", names, failed);
		f[nf++].shrink = 6;
	}
	snprintf(f[nf].l, sizeof(f[nf].l), "stalls %" PRIu64,
	    run_stalls(ui->run));
	snprintf(f[nf].s, sizeof(f[0].s), "stalls %" PRIu64,
	    run_stalls(ui->run));
	f[nf].optional = run_stalls(ui->run) == 0;
	f[nf++].shrink = 9;
	if (ui->unsaved) {
		snprintf(f[nf].l, sizeof(f[nf].l), "[unsaved toggles]");
		snprintf(f[nf].s, sizeof(f[0].s), "[unsaved]");
		f[nf++].shrink = 5;
	}
	drop = 0;
	for (step = -1; step <= 9; step++) {
		if (step == -1 && header_line(f, nf, form, 0, line,
		    sizeof(line)) <= (size_t)ui->cols)
			break;
		drop = 1;
		for (i = 0; i < nf; i++)
			if (f[i].shrink == step)
				form[i] = 1;
		if (header_line(f, nf, form, drop, line, sizeof(line)) <=
		    (size_t)ui->cols)
			break;
	}
	header_line(f, nf, form, drop, line, sizeof(line));
	put(w, 1, 0, ui->cols, a, line);
}

/* The command's columns the mode and state never cover. */
#define HEADER_KEEP	48

/* Blanks n columns of row y from x, in attribute a. */
static void
fill_right(WINDOW *w, int y, int x, int n, attr_t a)
{
	wattrset(w, a);
	mvwhline(w, y, x, ' ' | a, n);
	wattrset(w, A_NORMAL);
}

static void
draw_header(struct ui *ui)
{
	WINDOW *w = ui->w_header;
	char line[512], state[96], st[32], st2[256], mode[96];
	attr_t a = ui->attrs[UA_HEADER];
	int left, right;

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
	if (ui->opts.banner != NULL) {
		ui->opts.banner(ui->opts.arg, st2, sizeof(st2));
		snprintf(line, sizeof(line), " sctui  %s", st2);
	} else
		snprintf(line, sizeof(line), " sctui  %s", ui->command);
	/*
	 * The command (or the demo's line, with its port) keeps its first
	 * HEADER_KEEP columns; the mode and state go on the right where they
	 * fit beside them, else the state alone there and the mode leads the
	 * second line, else both lead it.
	 */
	left = (int)strlen(line);
	put(w, 0, 0, ui->cols, a | A_BOLD, line);
	if (left > HEADER_KEEP)
		left = HEADER_KEEP;	/* a longer command may be cut */
	snprintf(mode, sizeof(mode), "[%s]", ui->mode_name);
	snprintf(line, sizeof(line), "%s  %s ", mode, state);
	if (left + 1 + (int)strlen(line) > ui->cols)
		snprintf(line, sizeof(line), " %s ", state);
	else
		mode[0] = '\0';	/* on the first line */
	right = (int)strlen(line);
	if (left + 1 + right <= ui->cols) {
		fill_right(w, 0, ui->cols - right - 1, right + 1, a);
		put(w, 0, ui->cols - right, right, a, line);
		header_figures(ui, w, a, mode, NULL);
	} else
		header_figures(ui, w, a, mode, state);
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
		if (width < 26)	/* narrow: the phase; an ended one is dim */
			snprintf(right, sizeof(right), " %-5s",
			    phase_abbrev(p->phase));
		else if (p->threads_live > 1)
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

	/* Each call once, in its home phase: view_home_phase(). */
	static const char *const home[PHASE_N] = {
		"made while starting, never while serving",
		"made while serving",
		"made only while shutting down",
	};

	if (ui->group == GROUP_PHASE) {
		snprintf(buf, len, "%s: %u syscall%s %s, %" PRIu64 " call%s",
		    phase_name((enum phase)r->section), r->nsys,
		    draw_plural(r->nsys), home[r->section % PHASE_N], r->count,
		    draw_plural(r->count));
		return;
	}
	p = model_proc(ui->model, r->section);
	escape_name(p->name, name, sizeof(name));
	snprintf(buf, len, "%d %s: %u syscall%s, %" PRIu64 " call%s", p->pid,
	    name, r->nsys, draw_plural(r->nsys), r->count, draw_plural(r->count));
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
		if (!profile_model_arg_rule(s, a))
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

/* What a --profile says of a call never made: its own rows' label. */
static const char *
profile_label(const struct ui *ui, const char *name)
{
	const struct profile *base = run_base(ui->run);

	if (base == NULL)
		return NULL;
	if (profile_denies(base, name))
		return "denied by the profile";
	return profile_allows(base, name) ? "in profile" : NULL;
}

/*
 * The syscall pane's columns at a width: the box, the name, the count and
 * the marks always; then the three phase columns (narrower labels before
 * they go), the processes, and the bar with what is left.  The bar gives
 * way first, then the processes, so the phases stay on an 80-column
 * screen.
 */
struct sys_cols {
	int	nw;		/* name */
	int	cw;		/* count, with its leading space */
	int	bw;		/* bar, with its leading space; 0: none */
	int	pw;		/* each phase column; 0: none */
	int	procs;		/* the processes column (6) or 0 */
};
#define COL_BOX		4	/* "[x] " */
#define COL_MARKS	6	/* " " and up to five marks */

static void
sys_cols(int width, struct sys_cols *c)
{
	int rest;

	c->nw = width >= 90 ? 22 : width >= 70 ? 18 : 16;
	c->cw = width >= 70 ? 9 : 8;
	rest = width - COL_BOX - c->nw - c->cw - COL_MARKS;
	if (rest < 21 && rest + c->nw - 12 >= 21) {
		c->nw -= 21 - rest;	/* a shorter name keeps the phases */
		rest = 21;
	}
	c->pw = rest >= 24 ? 7 : rest >= 21 ? 6 : 0;
	rest -= c->pw ? 3 * (c->pw + 1) : 0;
	c->procs = rest >= 6 ? 6 : 0;
	rest -= c->procs;
	c->bw = rest >= 2 ? rest : 0;
}

static void
draw_sys(struct ui *ui)
{
	static const char *const phase_label[2][PHASE_N] = {
		{ "start", "serve", "shut" },
		{ "startup", "serving", "shutdn" },
	};
	WINDOW *w = ui->w_sys;
	int width = getmaxx(w), h = getmaxy(w), y, x, ph, xb, xp;
	const struct model_sys *s;
	const struct ui_srow *r;
	struct sys_cols c;
	uint64_t max = 1;
	char buf[512], name[96], scope[128], pname[100], filt[48];
	const char *bar = ui->utf8 ? "\u2588" : "#";
	attr_t a, rowa;
	size_t i;
	char label[64];
	const char *pl;
	attr_t la;
	int b, fresh, live, over, mark;

	werase(w);
	if (ui->sel_proc == TROW_ALL)
		snprintf(scope, sizeof(scope), "all processes");
	else {
		escape_name(model_proc(ui->model, ui->sel_proc)->name, pname,
		    sizeof(pname));
		snprintf(scope, sizeof(scope), "pid %d %s",
		    model_proc(ui->model, ui->sel_proc)->pid, pname);
	}
	filt[0] = '\0';
	if (ui->filter != FILTER_ALL)
		snprintf(filt, sizeof(filt), "  only in %s", ui->filter ==
		    FILTER_STARTUP ? "startup" : "serving");
	snprintf(buf, sizeof(buf), " Syscalls  group: %s  sort: %s%s  %s%s%s",
	    group_names[ui->group], sort_names[ui->sort], filt, scope,
	    ui->search_len ? "  search: " : "", ui->search);
	title(ui, w, PANE_SYS, buf);

	sys_cols(width, &c);
	xb = COL_BOX + c.nw + c.cw;
	xp = xb + c.bw;
	x = snprintf(buf, sizeof(buf), "%*s%-*s%*s%*s", COL_BOX, "", c.nw,
	    "name", c.cw, "count", c.bw, "");
	for (ph = 0; c.pw && ph < PHASE_N; ph++)
		x += snprintf(buf + x, sizeof(buf) - (size_t)x, " %*s", c.pw,
		    phase_label[c.pw == 7][ph]);
	if (c.procs)
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
		fresh = !ui->opened && ui->now - s->first < 5000000000ull;
		a = rowa;
		if (s->toggle == TOGGLE_DENY)
			a |= ui->attrs[UA_DENIED];
		snprintf(buf, sizeof(buf), "[%c] %-*.*s%*" PRIu64,
		    s->toggle == TOGGLE_DENY ? ' ' : 'x', c.nw, c.nw, name,
		    c.cw, r->count);
		put(w, y, 0, width, a, buf);
		/*
		 * The bar gives way to a label: the what-if and its count
		 * (live denial only while something is traced: see
		 * act_live_deny), serving-only's refusals, or what a
		 * --profile says of its own call never made; on a narrow
		 * pane the phase columns of the row do too, and without
		 * them the count.
		 */
		live = ui_running(ui) && run_denied(ui->run, s->sysid);
		over = 0;
		la = rowa | ui->attrs[UA_DENIED] | A_BOLD;
		label[0] = '\0';
		if (live)
			snprintf(label, sizeof(label), " DENIED LIVE %" PRIu64,
			    s->denials);
		else if (s->refused > 0)
			snprintf(label, sizeof(label), " refused serving: %"
			    PRIu64, s->refused);
		else if (s->total == 0 && (pl = profile_label(ui,
		    sysname_name(s->sysid))) != NULL) {
			snprintf(label, sizeof(label), " %s", pl);
			la = a;
		}
		if (label[0] != '\0') {
			over = c.bw < (int)strlen(label) && c.pw;
			if (c.bw + (c.pw ? 3 * (c.pw + 1) : 0) < 7) {
				snprintf(buf, sizeof(buf), "%*s", c.cw + c.bw,
				    live ? "DENIED " : s->refused > 0 ?
				    "REFUSED " : "");
				put(w, y, xb - c.cw, c.cw + c.bw, la, buf);
			} else
				put(w, y, xb, c.bw + (over ? 3 * (c.pw + 1) :
				    0), la, label);
		} else if (c.bw > 1) {
			b = (int)((r->count * (uint64_t)(c.bw - 1) + max - 1) /
			    max);
			for (x = xb + 1; b > 0; b--)
				x += put(w, y, x, 1, rowa | ui->attrs[UA_BAR],
				    bar);
		}
		x = xp;
		buf[0] = '\0';
		if (c.pw && !over)
			for (ph = 0; ph < PHASE_N; ph++)
				snprintf(buf + strlen(buf), sizeof(buf) -
				    strlen(buf), " %*" PRIu64, c.pw,
				    r->pc[ph]);
		if (c.procs)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " %5u", s->nprocs);
		strcat(buf, " ");
		if (over)
			x += 3 * (c.pw + 1);	/* the label took them */
		x += put(w, y, x, width - x, a, buf);
		/* The marks: the legend (l) explains each. */
		if (profile_is_locked(sysname_name(s->sysid)))
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_LOCKED], "L");
		if (fresh)
			x += put(w, y, x, width - x, rowa | ui->attrs[UA_NEW],
			    "N");
		if (s->denials)
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_DENIED], "!");
		if (draw_risk(ui, r->sys) == SYSDOC_HIGH)
			x += put(w, y, x, width - x, rowa |
			    ui->attrs[UA_DENIED], "R");
		if (s->toggle == TOGGLE_ALLOW && (mark = arg_rule_mark(s)))
			x += put(w, y, x, width - x, rowa | (mark == 2 ?
			    ui->attrs[UA_DENIED] : ui->attrs[UA_LOCKED]), "A");
	}
	if (ui->sys.n == 0)
		put(w, 2, 1, width - 1, A_DIM, ui->search_len ?
		    "no syscall matches the search (Esc clears it)" :
		    ui->filter != FILTER_ALL ? "no syscall was made only in "
		    "that phase (f: the next filter)" : "no syscalls yet");
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
	    TOGGLE_DENY ? "[ ] " : "[x] " : "", argspec_label(a->spec,
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
		rule = profile_model_arg_rule(s, a);
		snprintf(buf, sizeof(buf), "%s%s:", a->spec->what,
		    a->many > 0 ? " (more than 64 values: no rule)" : rule ?
		    " (a rule: only these)" : " (any; Space denies one)");
		x = 1 + put(w, y, 1, width - 1, A_NORMAL, buf);
		for (k = 0; k < a->nvals; k++, idx++) {
			argval_text(ui, a, &a->vals[k], a->many == 0, buf,
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
			if (a->many == 0 && x < width &&
			    ui->nvalbox < sizeof(ui->valbox) /
			    sizeof(ui->valbox[0]))
				ui->valbox[ui->nvalbox++] =
				    (struct ui_valbox){ y, x, idx };
			x += put(w, y, x, width - x, at, buf);
		}
		y++;
		for (k = 0; rule && k < a->nvals && y < h; k++)
			if (a->vals[k].toggle == TOGGLE_ALLOW &&
			    profile_docker_denies(name, a->spec->arg,
			    a->vals[k].value)) {
				snprintf(buf, sizeof(buf), "%s with %s seen: "
				    "this profile allows what Docker's "
				    "default denies", name, argspec_label(
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
	if (s->refused > 0) {
		snprintf(buf, sizeof(buf), "refused serving: %" PRIu64 " call%s "
		    "failed in processes serving for good (serving-only, R)",
		    s->refused, s->refused == 1 ? "" : "s");
		put(w, y++, 1, width - 1, ui->attrs[UA_DENIED], buf);
	}
	/* A call a profile lists that no process made: no list. */
	if (s->nprocs == 0)
		x = snprintf(buf, sizeof(buf), "not made in this run");
	else
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
		    "threads %u live of %u, %" PRIu64 " call%s (startup %"
		    PRIu64 ", serving %" PRIu64 ", shutdown %" PRIu64 ")",
		    t.procs_live, t.procs_total, t.threads_live,
		    t.threads_total, t.calls, draw_plural(t.calls), t.phase[0],
		    t.phase[1], t.phase[2]);
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
	    "%" PRIu64 " call%s, %u distinct; %" PRIu64 " signal%s",
	    p->threads_live, p->threads_total, p->calls, draw_plural(p->calls),
	    p->nstats, p->signals, draw_plural(p->signals));
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

	if (w == NULL)
		return;		/* hidden */
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
	snprintf(buf, sizeof(buf), "%s", width - x > 40 ?
	    "v: next view  -/+: size  b: hide " : "v: next view ");
	put(w, 0, width - (int)strlen(buf) > x ? width - (int)strlen(buf) : x,
	    width, a, buf);
	ui->nvalbox = 0;
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
		put(w, 0, 0, ui->cols, A_DIM, " Space: allow/deny  x: deny "
		    "live  /: search  e: explain  l: legend  ?: all keys");
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
	case MODE_PAGE:
		page_draw(ui);
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
