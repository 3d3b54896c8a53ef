/*
 * page.c - the pages of text the UI shows over the screen: the keys (help),
 * the legend of every mark and header figure, the explanation of one call,
 * and what a serving-only profile would refuse.
 *
 * A page is built as paragraphs, each wrapped to the box at every frame, so
 * it fits any screen from the smallest the UI takes: the box is at most 100
 * columns wide and as tall as its text, centred over a cleared screen, and
 * nothing is drawn past its border.  Opened by actions.c (page_open()),
 * drawn by draw.c's frame (page_draw()), fed keys by actions.c
 * (page_key()).
 */
#include "config.h"
#include "ui-int.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "sysdoc.h"
#include "sysname.h"
#include "xalloc.h"

#define PAGE_MAX_COLS	100

/* One paragraph: wrapped at spaces, later lines indented by hang. */
struct para {
	char		*text;
	int		 hang;
	attr_t		 a;
};

struct page {
	struct para	*p;
	size_t		 n, cap;
	char		 title[128];
};

static void
para_add(struct page *pg, attr_t a, int hang, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
para_add(struct page *pg, attr_t a, int hang, const char *fmt, ...)
{
	va_list ap;
	char buf[2048];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->p = xreallocarray(pg->p, pg->cap, sizeof(*pg->p));
	}
	pg->p[pg->n].text = xstrdup(buf);
	pg->p[pg->n].hang = hang;
	pg->p[pg->n++].a = a;
}

static void
page_free(struct page *pg)
{
	size_t i;

	for (i = 0; i < pg->n; i++)
		free(pg->p[i].text);
	free(pg->p);
}

/* ---- the pages ----------------------------------------------------- */

/* The marks, in one paragraph: the first lines of the help. */
static void
marks_line(struct page *pg, attr_t a)
{
	para_add(pg, a, 0, "Marks: [x] allowed in the profile you save, [ ] "
	    "denied in it; DENIED LIVE the tracer fails it now; N new, L "
	    "locked on, ! denied live earlier, R high risk, A argument rule.  "
	    "l: the whole legend, e: explain the call under the cursor.");
}

static void
build_help(struct page *pg, attr_t a)
{
	char keys[64];
	const char *desc;
	int i, n = actions_help_lines();

	snprintf(pg->title, sizeof(pg->title), "sctui keys");
	marks_line(pg, a);
	para_add(pg, a, 0, " ");
	for (i = 0; i < n; i++) {
		actions_help_line(i, keys, sizeof(keys), &desc);
		para_add(pg, a, 17, "%-16s %s", keys, desc);
	}
}

/*
 * The legend: headings ('#'), items whose later lines hang under their
 * text ('-'), and paragraphs (' ').
 */
static const char *const legend[] = {
	"#A row of the syscall table",
	"-[x]   allowed in the profile you save (Space or the mouse toggles "
	"it; F2 saves)",
	"-[ ]   denied in the profile you save; a call denied live is always "
	"denied here too",
	"-DENIED LIVE n   the tracer fails the call now (x, or --deny), "
	"without running it: n calls failed so far; x again lets it run and "
	"allows it",
	"-N     new: first made in the last 5 seconds",
	"-L     locked on: denying it would break the program (exit, "
	"exit_group, rt_sigreturn, restart_syscall)",
	"-!     denied live at some point: its calls failed",
	"-R     high risk in a container (assets/syscalls.tsv); e says why",
	"-A     the profile restricts its arguments to the values seen (red: "
	"allows one Docker's default denies)",
	" count: calls made (in the phase grouping: in all phases); the bar: "
	"count against the largest shown; startup, serving, shutdn (start, "
	"serve, shut): calls in each phase; procs: processes that made it.  "
	"On a narrow screen the bar goes first, then procs.",
	" ",
	"#The header (on a narrow screen: procs L/T, sys, ev, the time alone)",
	"-procs L live / T   processes alive now, and all seen",
	"-syscalls N   distinct calls seen (a call made on two arches counts "
	"twice)",
	"-events N (R/s)   calls counted, and how many a second over the last "
	"second",
	"-elapsed   time since the start; it stops when the program has "
	"exited",
	"-denied live: S syscalls, C calls failed   how many system calls (by "
	"name) the tracer fails now, and how many calls it failed",
	"-stalls N   times the tracer waited for the UI because its queue was "
	"full (the program waits; no call is lost)",
	"-[unsaved toggles]   allow/deny changes not saved yet (F2)",
	" ",
	"#Phases",
	" Each process starts in startup, serves from its first waiting call "
	"(epoll_wait, accept, poll...; m marks it by hand), and shuts down on "
	"a terminating signal or exit.  In the tree: start, serve, shut; then "
	"live, exit N, sig N, or ended; Nt: N threads.",
	" Grouping by phase (g) lists each call once: under serving if it was "
	"made while serving (a serving-only profile must keep it), else under "
	"startup if made while starting, else under shutdown.  f shows only "
	"the calls made in startup and no other phase, then only those of "
	"serving.  r lists what a serving-only profile would refuse.",
};

static void
build_legend(struct page *pg, attr_t a, attr_t b)
{
	size_t i;

	snprintf(pg->title, sizeof(pg->title), "legend");
	for (i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		para_add(pg, legend[i][0] == '#' ? b : a, legend[i][0] == '-' ?
		    6 : 0, "%s", legend[i][1] != '\0' ? legend[i] + 1 : " ");
}

/* The page of man 2 a call is in, where it is not the call's own name. */
static const char *
man_name(const char *name)
{
	static const struct {
		const char *call, *page;
	} alias[] = {
		{ "_llseek", "llseek" },
		{ "fadvise64", "posix_fadvise" },
		{ "newfstatat", "fstatat" },
		{ "pread64", "pread" },
		{ "prlimit64", "prlimit" },
		{ "pwrite64", "pwrite" },
		{ "sync_file_range2", "sync_file_range" },
	};
	size_t i;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (strcmp(alias[i].call, name) == 0)
			return alias[i].page;
	return name;
}

static void
build_explain(struct ui *ui, struct page *pg, attr_t a, attr_t b)
{
	const struct model_sys *s = model_sys(ui->model, ui->page_sys);
	const char *name = sysname_name(s->sysid);
	const struct sysdoc_entry *de = ui->doc != NULL ?
	    sysdoc_find(ui->doc, name) : NULL;
	char vname[96];
	int home;

	view_sys_name(ui, ui->page_sys, vname, sizeof(vname));
	snprintf(pg->title, sizeof(pg->title), "%s", vname);
	para_add(pg, b, 0, "%s   (man 2 %s)", vname, man_name(name));
	if (de != NULL) {
		para_add(pg, a, 0, "%s.", de->desc);
		para_add(pg, a, 0, "Risk: %s (%s)%s%s", sysdoc_level_name(
		    de->level), de->category, *de->note ? ": " : "",
		    de->note);
	} else
		para_add(pg, a, 0, "No description: %s", ui->doc == NULL ?
		    "the table of calls could not be read" : "the table of "
		    "calls does not list it");
	para_add(pg, a, 0, " ");
	para_add(pg, a, 0, "In the profile you save: %s%s",
	    s->toggle == TOGGLE_DENY ? "denied" : "allowed",
	    profile_is_locked(name) ? " (locked on: it can never be denied)" :
	    "");
	if (ui_running(ui) && run_denied(ui->run, s->sysid))
		para_add(pg, a, 0, "Denied live now: every call fails without "
		    "running; %" PRIu64 " call%s failed so far (x lets it "
		    "run).", s->denials, draw_plural(s->denials));
	else if (s->denials > 0)
		para_add(pg, a, 0, "%" PRIu64 " call%s failed while denied "
		    "live.", s->denials, draw_plural(s->denials));
	if (s->total == 0) {
		para_add(pg, a, 0, "Never made in this trace.");
		return;
	}
	para_add(pg, a, 0, "Made %" PRIu64 " time%s by %u process%s: "
	    "startup %" PRIu64 ", serving %" PRIu64 ", shutdown %" PRIu64 ".",
	    s->total, draw_plural(s->total), s->nprocs, s->nprocs == 1 ? "" : "es",
	    s->count[PHASE_STARTUP], s->count[PHASE_SERVING],
	    s->count[PHASE_SHUTDOWN]);
	home = view_home_phase(s->count);
	if (view_filter_pass(FILTER_STARTUP, s->count))
		para_add(pg, a, 0, "Made only while starting: a serving-only "
		    "profile would refuse it.");
	else if (home == PHASE_SERVING)
		para_add(pg, a, 0, "Made while serving: a serving-only profile "
		    "must keep it.");
	else if (home >= 0)
		para_add(pg, a, 0, "Never made while serving.");
}

static void
build_refuse(struct ui *ui, struct page *pg, attr_t a, attr_t b)
{
	const struct sysdoc_entry *de;
	struct view_refusal *v;
	size_t n, i, nserving, high = 0;
	const char *name;
	char vname[96];

	snprintf(pg->title, sizeof(pg->title), "serving-only would refuse");
	n = view_refusals(ui, draw_risk, &v, &nserving);
	for (i = 0; i < n; i++)
		high += draw_risk(ui, v[i].sys) == SYSDOC_HIGH;
	if (nserving == 0)
		para_add(pg, a, 0, "No process has reached serving yet (its "
		    "first waiting call, or m): nothing to compare.");
	else if (n == 0)
		para_add(pg, a, 0, "The %zu serving process%s made no call "
		    "only while starting: a serving-only profile would refuse "
		    "nothing they did.", nserving, nserving == 1 ? "" : "es");
	else
		para_add(pg, b, 0, "%zu call%s (%zu high risk) that the %zu "
		    "serving process%s made while starting and no process "
		    "made since: a profile of the serving and later calls "
		    "would refuse them.  Each with the times the serving "
		    "processes made it, its risk and what it does.", n,
		    draw_plural(n), high, nserving, nserving == 1 ? "" :
		    "es");
	if (n > 0)
		para_add(pg, a, 0, " ");
	for (i = 0; i < n; i++) {
		view_sys_name(ui, v[i].sys, vname, sizeof(vname));
		name = sysname_name(model_sys(ui->model, v[i].sys)->sysid);
		de = ui->doc != NULL ? sysdoc_find(ui->doc, name) : NULL;
		para_add(pg, de != NULL && de->level == SYSDOC_HIGH ?
		    ui->attrs[UA_DENIED] | A_BOLD | a : a, 31,
		    "%-16s %6" PRIu64 " %-6s %s%s%s", vname, v[i].count,
		    de != NULL ? sysdoc_level_name(de->level) : "?",
		    de != NULL ? de->desc :
		    "", de != NULL && *de->note ? ". " : "", de != NULL ?
		    de->note : "");
	}
	if (n > 0)
		para_add(pg, a, 0, "View only: the saved profile still allows "
		    "them (f: only the startup calls).");
	free(v);
}

static void
build(struct ui *ui, struct page *pg)
{
	attr_t a = ui->attrs[UA_DIALOG], b = a | A_BOLD;

	switch (ui->page) {
	case PAGE_HELP:
		build_help(pg, a);
		break;
	case PAGE_LEGEND:
		build_legend(pg, a, b);
		break;
	case PAGE_EXPLAIN:
		build_explain(ui, pg, a, b);
		break;
	case PAGE_REFUSE:
		build_refuse(ui, pg, a, b);
		break;
	}
}

/* ---- wrapping and drawing ------------------------------------------ */

/*
 * Lays the paragraphs out in width columns; calls line(arg, i, text, len,
 * indent, a) for each line i, and returns how many there are.
 */
static size_t
layout(const struct page *pg, int width, void (*line)(void *, size_t,
    const char *, size_t, int, attr_t), void *arg)
{
	size_t i, nl = 0, n, cut;
	const char *t;
	int ind;

	for (i = 0; i < pg->n; i++) {
		t = pg->p[i].text;
		ind = 0;
		do {
			n = draw_fit(t, width - ind, &cut);
			if (t[n] != '\0' && cut > 0)
				n = cut;	/* at a space */
			if (n == 0)
				n = 1;		/* no room: a character a line */
			if (line != NULL)
				line(arg, nl, t, n, ind, pg->p[i].a);
			nl++;
			t += n;
			while (*t == ' ')
				t++;
			ind = pg->p[i].hang < width / 2 ? pg->p[i].hang : 0;
		} while (*t != '\0');
	}
	return nl;
}

struct drawing {
	WINDOW	*w;
	size_t	 top;
	int	 x, y, rows, width;
};

static void
draw_line(void *arg, size_t i, const char *text, size_t len, int ind,
    attr_t a)
{
	struct drawing *d = arg;
	char buf[2048];

	if (i < d->top || i >= d->top + (size_t)d->rows)
		return;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, text);
	draw_put(d->w, d->y + (int)(i - d->top), d->x + ind, d->width - ind,
	    a, buf);
}

void
page_draw(struct ui *ui)
{
	struct page pg = { 0 };
	struct drawing d;
	attr_t a = ui->attrs[UA_DIALOG];
	char head[256];
	size_t nl;
	int bw, bh, x0, y0, room;
	WINDOW *w;

	build(ui, &pg);
	bw = ui->cols > PAGE_MAX_COLS + 4 ? PAGE_MAX_COLS : ui->cols;
	nl = layout(&pg, bw - 4, NULL, NULL);
	/* Borders, the title and the text, no taller than the screen. */
	bh = nl + 3 < (size_t)ui->rows ? (int)nl + 3 : ui->rows;
	room = bh - 3;
	if (ui->page_top + (size_t)room > nl)
		ui->page_top = nl > (size_t)room ? nl - (size_t)room : 0;
	x0 = (ui->cols - bw) / 2;
	y0 = (ui->rows - bh) / 2;

	if (ui->w_popup != NULL)
		delwin(ui->w_popup);
	ui->w_popup = w = newwin(ui->rows, ui->cols, 0, 0);
	werase(w);
	wattrset(w, a);
	for (d.y = y0; d.y < y0 + bh; d.y++)
		mvwhline(w, d.y, x0, ' ' | a, bw);
	if (ui->utf8) {
		mvwadd_wch(w, y0, x0, WACS_ULCORNER);
		mvwhline_set(w, y0, x0 + 1, WACS_HLINE, bw - 2);
		mvwadd_wch(w, y0, x0 + bw - 1, WACS_URCORNER);
		mvwvline_set(w, y0 + 1, x0, WACS_VLINE, bh - 2);
		mvwvline_set(w, y0 + 1, x0 + bw - 1, WACS_VLINE, bh - 2);
		mvwadd_wch(w, y0 + bh - 1, x0, WACS_LLCORNER);
		mvwhline_set(w, y0 + bh - 1, x0 + 1, WACS_HLINE, bw - 2);
		mvwadd_wch(w, y0 + bh - 1, x0 + bw - 1, WACS_LRCORNER);
	} else {
		mvwaddch(w, y0, x0, '+' | a);
		mvwhline(w, y0, x0 + 1, '-' | a, bw - 2);
		mvwaddch(w, y0, x0 + bw - 1, '+' | a);
		mvwvline(w, y0 + 1, x0, '|' | a, bh - 2);
		mvwvline(w, y0 + 1, x0 + bw - 1, '|' | a, bh - 2);
		mvwaddch(w, y0 + bh - 1, x0, '+' | a);
		mvwhline(w, y0 + bh - 1, x0 + 1, '-' | a, bw - 2);
		mvwaddch(w, y0 + bh - 1, x0 + bw - 1, '+' | a);
	}
	if (nl > (size_t)room)
		snprintf(head, sizeof(head), "%s  (Esc closes, Up/Down "
		    "scroll: %zu-%zu of %zu)", pg.title, ui->page_top + 1,
		    ui->page_top + (size_t)room, nl);
	else
		snprintf(head, sizeof(head), "%s  (Esc closes)", pg.title);
	draw_put(w, y0 + 1, x0 + 2, bw - 4, a | A_BOLD, head);
	d.w = w;
	d.top = ui->page_top;
	d.x = x0 + 2;
	d.y = y0 + 2;
	d.rows = room;
	d.width = bw - 4;
	layout(&pg, bw - 4, draw_line, &d);
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
	page_free(&pg);
}

void
page_open(struct ui *ui, enum ui_page page)
{
	ui->mode = MODE_PAGE;
	ui->page = page;
	ui->page_top = 0;
	ui->dirty |= DIRTY_POPUP;
}

void
page_key(struct ui *ui, int key)
{
	size_t step = ui->rows > 6 ? (size_t)ui->rows - 6 : 1;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (ui->page_top > 0)
			ui->page_top--;
		break;
	case KEY_DOWN:
	case 'j':
		ui->page_top++;		/* page_draw() clamps */
		break;
	case KEY_PPAGE:
		ui->page_top = ui->page_top > step ? ui->page_top - step : 0;
		break;
	case KEY_NPAGE:
	case ' ':
		ui->page_top += step;
		break;
	case KEY_HOME:
		ui->page_top = 0;
		break;
	case KEY_END:
		ui->page_top = (size_t)-1 / 2;
		break;
	case KEY_RESIZE:
		break;
	default:
		ui->mode = MODE_NORMAL;
		ui->dirty |= DIRTY_ALL;
		return;
	}
	ui->dirty |= DIRTY_POPUP;
}
