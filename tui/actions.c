/*
 * actions.c - what the keys do.  One table (like tig's request table)
 * drives both the key dispatch and the help screen, and the function-key
 * bar at the bottom is drawn from the same entries.
 */
#include "config.h"
#include "ui-int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argspec.h"
#include "build.h"
#include "profile.h"
#include "stacks.h"
#include "sysname.h"

#define CTRL(c)	((c) & 0x1f)
#define KEY_ESC	27

struct action {
	const char	*name;		/* key bar label */
	int		 fkey;		/* 1..10, 0 if none */
	int		 keys[4];	/* 0-terminated */
	const char	*help;
	void		(*run)(struct ui *ui);
};

static void
dirty_views(struct ui *ui)
{
	ui->rebuild = 1;
	ui->dirty |= DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM | DIRTY_HEADER;
}

/* ---- movement ----------------------------------------------------- */

static struct ui_list *
focused_list(struct ui *ui)
{
	return ui->focus == PANE_TREE ? &ui->tree :
	    ui->focus == PANE_SYS ? &ui->sys : NULL;
}

static void
move_by(struct ui *ui, long delta)
{
	struct ui_list *l = focused_list(ui);
	const struct model_sys *s;
	uint32_t sys, arg, val;
	size_t n, cur;

	if (l == NULL && (s = view_details_sys(ui, &sys)) != NULL &&
	    (n = view_argval(s, 0, &arg, &val)) > 0) {
		/* Details: the cursor goes over the argument values. */
		cur = view_val_cursor(ui, sys, s);
		if (delta < 0)
			ui->val_cur = cur > (size_t)-delta ? cur -
			    (size_t)-delta : 0;
		else
			ui->val_cur = cur + (size_t)delta < n ? cur +
			    (size_t)delta : n - 1;
		ui->dirty |= DIRTY_BOTTOM;
		return;
	}
	if (l == NULL) {
		/* The bottom pane scrolls back from its end. */
		if (delta < 0)
			ui->bottom_scroll += (size_t)-delta;
		else
			ui->bottom_scroll = ui->bottom_scroll > (size_t)delta ?
			    ui->bottom_scroll - (size_t)delta : 0;
		ui->dirty |= DIRTY_BOTTOM;
		return;
	}
	list_move(l, delta);
	view_sync_ids(ui);
	ui->dirty |= (l == &ui->tree ? DIRTY_TREE : DIRTY_SYS) |
	    DIRTY_BOTTOM;
}

static long
page(struct ui *ui)
{
	struct ui_list *l = focused_list(ui);
	int h = l != NULL ? l->height : ui->w_bottom ? getmaxy(ui->w_bottom) -
	    1 : 10;

	return h > 1 ? h - 1 : 1;
}

static void act_up(struct ui *ui) { move_by(ui, -1); }
static void act_down(struct ui *ui) { move_by(ui, 1); }
static void act_pgup(struct ui *ui) { move_by(ui, -page(ui)); }
static void act_pgdn(struct ui *ui) { move_by(ui, page(ui)); }

static void
act_home(struct ui *ui)
{
	if (focused_list(ui) == NULL)
		ui->bottom_scroll = (size_t)-1 / 2;
	else
		move_by(ui, -(long)(SIZE_MAX / 4));
	ui->dirty |= DIRTY_BOTTOM;
}

static void
act_end(struct ui *ui)
{
	if (focused_list(ui) == NULL)
		ui->bottom_scroll = 0;
	else
		move_by(ui, (long)(SIZE_MAX / 4));
	ui->dirty |= DIRTY_BOTTOM;
}

/* --stacks: the first stack of the call in the details pane. */
static void
stack_move(struct ui *ui, int pick, long scroll)
{
	const struct model_sys *s;
	uint32_t sys, n;

	if ((s = view_details_sys(ui, &sys)) == NULL) {
		ui_message(ui, 1, "select a call, with the details pane shown "
		    "(v), to see its first stack");
		return;
	}
	if (run_stacks(ui->run) == NULL) {
		ui_message(ui, 1, "no stacks: run sctui with --stacks to "
		    "capture where each call first comes from");
		return;
	}
	n = stacks_of_call(run_stacks(ui->run), s->sysid, 0, NULL);
	if (pick && n < 2) {
		ui_message(ui, 0, "%s", n == 0 ? "no stack captured for this "
		    "call" : "one executable made this call: one first stack");
		return;
	}
	if (ui->stack_sys != sys) {
		ui->stack_sys = sys;
		ui->stack_pick = 0;
		ui->stack_top = 0;
	}
	if (pick) {
		ui->stack_pick = (ui->stack_pick + 1) % n;
		ui->stack_top = 0;
	} else if (scroll < 0)
		ui->stack_top = ui->stack_top > (size_t)-scroll ?
		    ui->stack_top - (size_t)-scroll : 0;
	else
		ui->stack_top += (size_t)scroll;	/* draw.c clamps */
	ui->dirty |= DIRTY_BOTTOM;
}

static void act_stack_next(struct ui *ui) { stack_move(ui, 1, 0); }
static void act_stack_up(struct ui *ui) { stack_move(ui, 0, -1); }
static void act_stack_down(struct ui *ui) { stack_move(ui, 0, 1); }

/* The next pane step panes on (1 or PANE_N - 1), past a hidden one. */
static void
focus_step(struct ui *ui, int step)
{
	do
		ui->focus = (enum ui_pane)((ui->focus + step) % PANE_N);
	while (ui->focus == PANE_BOTTOM && ui->bottom_hidden);
	ui->dirty |= DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
}

static void act_tab(struct ui *ui) { focus_step(ui, 1); }
static void act_backtab(struct ui *ui) { focus_step(ui, PANE_N - 1); }

static void
act_enter(struct ui *ui)
{
	if (ui->focus == PANE_TREE) {
		ui->focus = PANE_SYS;
		ui->dirty |= DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
	}
}

/* ---- toggles ------------------------------------------------------ */

/* Why a locked call cannot be denied, or NULL if it can. */
static const char *
locked_why(const char *name)
{
	static const struct {
		const char *name, *why;
	} why[] = {
		{ "exit", "a thread could never end" },
		{ "exit_group", "the program could never exit" },
		{ "rt_sigreturn", "every signal handler would crash on return" },
		{ "restart_syscall", "sleeps interrupted by a signal would "
		  "fail at random" },
	};
	size_t i;

	if (!profile_is_locked(name))
		return NULL;
	for (i = 0; i < sizeof(why) / sizeof(why[0]); i++)
		if (strcmp(why[i].name, name) == 0)
			return why[i].why;
	return "denying it breaks programs in ways that look like other bugs";
}

/*
 * One state, never two that contradict: a call denied live is denied in
 * the profile too (act_live_deny() denies both), so allowing it here lets
 * it run again as well.
 */
/*
 * Lets every arch's call named like sysid run again (--deny denies a name
 * on each arch).  From the end: lifting one moves the last into its place.
 * Returns 0 or the first -errno of ui_live_set().
 */
static int
live_lift(struct ui *ui, uint32_t sysid)
{
	const char *name = sysname_name(sysid);
	uint32_t id;
	size_t i;
	int rc, first = 0;

	for (i = run_ndenied(ui->run); i-- > 0;) {
		id = run_denied_sysid(ui->run, i);
		if (strcmp(sysname_name(id), name) == 0 &&
		    (rc = ui_live_set(ui, id, 0)) < 0 && first == 0)
			first = rc;
	}
	return first;
}

static void
set_toggle(struct ui *ui, uint32_t sys, enum model_toggle t)
{
	const struct model_sys *s = model_sys(ui->model, sys);

	if (t == TOGGLE_ALLOW && ui_running(ui) && run_denied(ui->run,
	    s->sysid))
		(void)live_lift(ui, s->sysid);	/* the row says if it did not */
	if (s->toggle == t)
		return;
	model_toggle(ui->model, sys, t);
	ui->unsaved++;
}

/*
 * Space in the details pane: allow/deny the argument value under its
 * cursor.  Denying one value of an argument the saved profile has no rule
 * on makes one: only the values left allowed pass.
 */
static void
toggle_value(struct ui *ui)
{
	const struct model_sys *s;
	const struct model_arg *a;
	const struct model_argval *av;
	char val[128], sname[96];
	uint32_t sys, arg, val_i;

	if ((s = view_details_sys(ui, &sys)) == NULL ||
	    view_argval(s, 0, &arg, &val_i) == 0) {
		ui_message(ui, 1, "Space here toggles an argument value: "
		    "select a syscall with values first (Shift-Tab: the "
		    "syscall pane)");
		return;
	}
	view_argval(s, view_val_cursor(ui, sys, s), &arg, &val_i);
	a = &s->args[arg];
	av = &a->vals[val_i];
	view_sys_name(ui, sys, sname, sizeof(sname));
	argspec_label(a->spec, av->value, val, sizeof(val));
	if (model_toggle_arg(ui->model, sys, a->spec->arg, av->value,
	    av->toggle == TOGGLE_ALLOW ? TOGGLE_DENY : TOGGLE_ALLOW) < 0) {
		ui_message(ui, 1, "%s %s %s cannot be denied: over %d values "
		    "seen, so no rule (any %s stays allowed)", sname,
		    a->spec->what, val, MODEL_ARG_MAX, a->spec->what);
		return;
	}
	ui->unsaved++;
	ui_message(ui, 0, "%s with %s %s is now %s (not saved yet: F2 "
	    "saves)%s", sname, a->spec->what, val, av->toggle == TOGGLE_ALLOW ?
	    "allowed" : "denied", profile_model_arg_rule(s, a) ? "; only "
	    "[x] values pass" : "");
	dirty_views(ui);
}

static void
act_toggle(struct ui *ui)
{
	const struct ui_srow *r;
	const struct model_sys *s;
	const char *name, *why;

	if (ui->focus == PANE_BOTTOM && ui->bottom == BOTTOM_DETAILS) {
		toggle_value(ui);
		return;
	}
	if (ui->focus != PANE_SYS || ui->sys.cur >= ui->sys.n) {
		ui_message(ui, 1, "Space toggles a syscall: move to the "
		    "syscall pane first (Tab)");
		return;
	}
	r = &ui->srows[ui->sys.cur];
	if (r->sys == SROW_HEADER) {
		ui_message(ui, 1, "this is a section header: a/d allow/deny "
		    "every shown syscall");
		return;
	}
	s = model_sys(ui->model, r->sys);
	name = sysname_name(s->sysid);
	if ((why = locked_why(name)) != NULL) {
		ui_message(ui, 1, "%s is locked on: denying it means %s", name,
		    why);
		return;
	}
	set_toggle(ui, r->sys, s->toggle == TOGGLE_ALLOW ? TOGGLE_DENY :
	    TOGGLE_ALLOW);
	ui_message(ui, 0, "%s is now %s (not saved yet: F2 saves)", name,
	    s->toggle == TOGGLE_ALLOW ? "allowed" : "denied");
	dirty_views(ui);
}

/*
 * x: the what-if of DESIGN.md "Verification".  The tracer fails the call
 * under the cursor from now on (--errno, EPERM by default) without running
 * it, and x again lets it run; the program's reaction shows at once.
 */
static void
act_live_deny(struct ui *ui)
{
	const struct ui_srow *r;
	const struct model_sys *s;
	const char *name, *why, *en;
	int on, rc;

	if (ui->focus != PANE_SYS || ui->sys.cur >= ui->sys.n) {
		ui_message(ui, 1, "x denies a syscall live: move to the "
		    "syscall pane first (Tab)");
		return;
	}
	r = &ui->srows[ui->sys.cur];
	if (r->sys == SROW_HEADER) {
		ui_message(ui, 1, "this is a section header: x denies the "
		    "syscall under the cursor live");
		return;
	}
	s = model_sys(ui->model, r->sys);
	name = sysname_name(s->sysid);
	on = !run_denied(ui->run, s->sysid);
	if (on && (why = locked_why(name)) != NULL) {
		ui_message(ui, 1, "%s is locked on: denying it means %s", name,
		    why);
		return;
	}
	if (ui->opened || !ui_running(ui)) {
		ui_message(ui, 1, "%s: nothing is traced now, so nothing can "
		    "be denied live", ui->opened ? "a session" :
		    "the program has ended");
		return;
	}
	if ((rc = on ? ui_live_set(ui, s->sysid, 1) : live_lift(ui,
	    s->sysid)) < 0) {
		ui_message(ui, 1, "cannot %s %s%s: %s", on ? "deny" : "let",
		    name, on ? " live" : " run again", rc == -EOPNOTSUPP ?
		    "sctui rewrites calls on x86_64 only for now" :
		    strerror(-rc));
		return;
	}
	/* Denied live is denied in the profile: the row shows one state. */
	set_toggle(ui, r->sys, on ? TOGGLE_DENY : TOGGLE_ALLOW);
	en = strerrorname_np(run_deny_errno(ui->run));
	if (on)
		ui_message(ui, 0, "%s is now denied live: every call fails "
		    "with %s; the profile denies it too (x: let it run)%s",
		    name, en != NULL ? en : "an error",
		    run_has_base(ui->run) ? "; calls your --profile allows "
		    "are not stopped" : "");
	else
		ui_message(ui, 0, "%s runs again and the profile allows it "
		    "(%" PRIu64 " call%s denied live)", name, s->denials,
		    s->denials == 1 ? " was" : "s were");
	dirty_views(ui);
}

static void
toggle_shown(struct ui *ui, enum model_toggle t)
{
	size_t i, n = 0, locked = 0;
	const struct model_sys *s;

	for (i = 0; i < ui->sys.n; i++) {
		if (ui->srows[i].sys == SROW_HEADER)
			continue;
		s = model_sys(ui->model, ui->srows[i].sys);
		if (t == TOGGLE_DENY && profile_is_locked(
		    sysname_name(s->sysid))) {
			locked++;
			continue;
		}
		if (s->toggle != t) {
			set_toggle(ui, ui->srows[i].sys, t);
			n++;
		}
	}
	ui_message(ui, 0, "%s %zu shown syscall%s%s", t == TOGGLE_ALLOW ?
	    "allowed" : "denied", n, n == 1 ? "" : "s", locked ?
	    " (the locked ones stay allowed)" : "");
	dirty_views(ui);
}

static void act_allow_all(struct ui *ui) { toggle_shown(ui, TOGGLE_ALLOW); }
static void act_deny_all(struct ui *ui) { toggle_shown(ui, TOGGLE_DENY); }

/* ---- views -------------------------------------------------------- */

static void
act_group(struct ui *ui)
{
	static const char *const names[GROUP_N] = { "flat by frequency",
		"by phase: each call once, under serving if it was made while "
		"serving, else under its phase", "by process" };

	ui->group = (enum ui_group)((ui->group + 1) % GROUP_N);
	ui_message(ui, 0, "grouping %s", names[ui->group]);
	dirty_views(ui);
}

static void
act_sort(struct ui *ui)
{
	static const char *const names[SORT_N] = { "count", "name",
		"first seen" };

	ui->sort = (enum ui_sort)((ui->sort + 1) % SORT_N);
	ui_message(ui, 0, "sorted by %s", names[ui->sort]);
	dirty_views(ui);
}

static void
act_search(struct ui *ui)
{
	ui->mode = MODE_SEARCH;
	ui->dirty |= DIRTY_STATUS;
}

static void
act_escape(struct ui *ui)
{
	if (ui->search_len > 0) {
		ui->search_len = 0;
		ui->search[0] = '\0';
		ui_message(ui, 0, "search cleared");
		dirty_views(ui);
	}
}

static void
act_bottom(struct ui *ui)
{
	ui->bottom = (enum ui_bottom)((ui->bottom + 1) % BOTTOM_N);
	ui->bottom_scroll = 0;
	ui->dirty |= DIRTY_BOTTOM;
}

static void
act_pause(struct ui *ui)
{
	ui->log_paused = !ui->log_paused;
	if (ui->log_paused && ui->bottom != BOTTOM_LOG)
		ui->bottom = BOTTOM_LOG;
	ui_message(ui, 0, "event log %s", ui->log_paused ? "paused (p "
	    "resumes)" : "resumed");
	ui->dirty |= DIRTY_BOTTOM;
}

/* The demo's traffic (sctui --demo): the header says "paused". */
static void
act_demo_pause(struct ui *ui)
{
	if (ui->opts.pause == NULL) {
		ui_message(ui, 1, "P pauses the demo's requests: there is no "
		    "demo here (sctui --demo)");
		return;
	}
	ui_message(ui, 0, "demo requests %s", ui->opts.pause(ui->opts.arg) ?
	    "paused (P resumes)" : "resumed");
	ui->dirty |= DIRTY_HEADER;
}

static void
act_help(struct ui *ui)
{
	page_open(ui, PAGE_HELP);
}

static void
act_legend(struct ui *ui)
{
	page_open(ui, PAGE_LEGEND);
}

/* e: the call under the syscall cursor, explained on a page. */
static void
act_explain(struct ui *ui)
{
	const struct ui_srow *r;

	if (ui->sys.cur >= ui->sys.n ||
	    (r = &ui->srows[ui->sys.cur])->sys == SROW_HEADER) {
		ui_message(ui, 1, "e explains the syscall under the cursor: "
		    "move to a syscall first (Tab, then Up/Down or /)");
		return;
	}
	ui->page_sys = r->sys;
	page_open(ui, PAGE_EXPLAIN);
}

static void
act_refuse(struct ui *ui)
{
	page_open(ui, PAGE_REFUSE);
}

static void
act_filter(struct ui *ui)
{
	static const char *const what[FILTER_N] = { "every syscall",
		"only the syscalls made in startup and no other phase",
		"only the syscalls made in serving and no other phase" };

	ui->filter = (enum ui_filter)((ui->filter + 1) % FILTER_N);
	ui_message(ui, 0, "showing %s", what[ui->filter]);
	dirty_views(ui);
}

/* n: the next match of the search, round to the first. */
static void
act_next(struct ui *ui)
{
	if (ui->search_len == 0) {
		ui_message(ui, 1, "n goes to the next match of a search: "
		    "search first (/)");
		return;
	}
	if (view_next_call(ui, 1) < 0) {
		ui_message(ui, 1, "no syscall matches \"%s\"", ui->search);
		return;
	}
	ui->focus = PANE_SYS;
	dirty_views(ui);
}

static void
bottom_resize(struct ui *ui, int delta)
{
	int rows = draw_bottom_rows(ui);

	if (ui->bottom_hidden) {
		ui->bottom_hidden = 0;
		rows = draw_bottom_rows(ui);
	} else
		ui->bottom_rows = rows + delta > 0 ? rows + delta : 1;
	ui->dirty |= DIRTY_ALL;
	if (draw_bottom_rows(ui) == rows && !ui->too_small)
		ui_message(ui, 0, "the bottom pane is as %s as this screen "
		    "allows (b hides it)", delta > 0 ? "tall" : "short");
}

static void act_bottom_grow(struct ui *ui) { bottom_resize(ui, 1); }
static void act_bottom_shrink(struct ui *ui) { bottom_resize(ui, -1); }

static void
act_bottom_hide(struct ui *ui)
{
	ui->bottom_hidden = !ui->bottom_hidden;
	if (ui->bottom_hidden && ui->focus == PANE_BOTTOM)
		ui->focus = PANE_SYS;
	ui_message(ui, 0, "bottom pane %s", ui->bottom_hidden ? "hidden (b "
	    "shows it)" : "shown");
	ui->dirty |= DIRTY_ALL;
}

/* ---- saving ------------------------------------------------------- */

static void
act_save(struct ui *ui)
{
	if (ui->save_len == 0) {
		snprintf(ui->save_path, sizeof(ui->save_path), "%s%s",
		    ui->cmdname, profile_formats[ui->save_format].suffix);
		ui->save_len = strlen(ui->save_path);
	}
	ui->mode = MODE_SAVE;
	ui->dirty |= DIRTY_POPUP;
}

static void quit_running(struct ui *ui);

static void
save_now(struct ui *ui)
{
	const struct profile_format_info *f =
	    &profile_formats[ui->save_format];
	char err[512], cwd[512], full[1600], **warn;
	size_t i, denied = 0, nwarn;
	int rc;

	ui->mode = MODE_NORMAL;
	ui->dirty |= DIRTY_ALL;
	if (ui->save_len == 0) {
		ui_message(ui, 1, "not saved: give a file name");
		return;
	}
	/* Standard output is the screen sctui draws on. */
	if (strcmp(ui->save_path, "-") == 0) {
		ui_message(ui, 1, "not saved: \"-\" is the screen here; give "
		    "a file name (--batch -o - writes to standard output)");
		ui->quit_after_save = 0;
		return;
	}
	if ((rc = run_save_profile(ui->run, f->format, ui->save_path, err,
	    sizeof(err))) < 0) {
		ui_message(ui, 1, "%s", err);
		ui->quit_after_save = 0;
		return;
	}
	for (i = 0; i < model_nsys(ui->model); i++)
		denied += model_sys(ui->model, (uint32_t)i)->toggle ==
		    TOGGLE_DENY;
	if (ui->save_path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
		snprintf(full, sizeof(full), "%s/%s", cwd, ui->save_path);
	else
		snprintf(full, sizeof(full), "%s", ui->save_path);
	/* A call denied on one arch only is denied on all: say so first. */
	warn = profile_build_arch_warnings(ui->model);
	for (nwarn = 0; warn != NULL && warn[nwarn] != NULL; nwarn++)
		;
	if (rc > 0)	/* saved, but the format lost the calls denied by hand */
		ui_message(ui, 1, "%s", err);
	else if (nwarn > 0)
		ui_message(ui, 1, "%s%s (saved %s profile to %s)", warn[0],
		    nwarn > 1 ? ", and more" : "", f->name, full);
	else
		ui_message(ui, 0, "saved %s profile to %s (%zu of %zu seen "
		    "syscall%s denied)", f->name, full, denied,
		    model_nsys(ui->model), draw_plural(model_nsys(ui->model)));
	profile_build_warnings_free(warn);
	ui->unsaved = 0;
	ui->saved_once = 1;
	if (ui->quit_after_save) {
		ui->quit_after_save = 0;
		quit_running(ui);
	}
}

/* w: the whole exploration to <command>.sctui-session.json. */
static void
act_save_session(struct ui *ui)
{
	char path[512], err[1024], cwd[512];

	snprintf(path, sizeof(path), "%s%s", ui->cmdname, SESSION_SUFFIX);
	if (ui_save_session(ui, path, err, sizeof(err)) < 0) {
		ui_message(ui, 1, "%s", err);
		return;
	}
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		cwd[0] = '\0';
	ui_message(ui, 0, "saved the session to %s%s%s%s (sctui --open "
	    "reopens it)", cwd, cwd[0] ? "/" : "", path, ui_running(ui) ?
	    "; the trace goes on" : "");
}

/* The writable row step rows after row i, going round. */
static size_t
next_writable(size_t i, size_t step)
{
	do
		i = (i + step) % profile_nformats;
	while (profile_formats[i].write == NULL);
	return i;
}

/* Swaps the default suffix when the format changes and the name was ours. */
static void
save_format(struct ui *ui, size_t to)
{
	const char *old = profile_formats[ui->save_format].suffix;
	size_t ol = strlen(old);

	if (ui->save_len >= ol &&
	    strcmp(ui->save_path + ui->save_len - ol, old) == 0) {
		ui->save_path[ui->save_len - ol] = '\0';
		strncat(ui->save_path, profile_formats[to].suffix,
		    sizeof(ui->save_path) - strlen(ui->save_path) - 1);
		ui->save_len = strlen(ui->save_path);
	}
	ui->save_format = to;
}

static void
key_save(struct ui *ui, int key)
{
	switch (key) {
	case KEY_ESC:
		ui->mode = MODE_NORMAL;
		ui->quit_after_save = 0;
		ui->dirty |= DIRTY_ALL;
		ui_message(ui, 0, "not saved");
		return;
	case '\n':
	case '\r':
	case KEY_ENTER:
		save_now(ui);
		return;
	case KEY_UP:
		save_format(ui, next_writable(ui->save_format,
		    profile_nformats - 1));
		break;
	case KEY_DOWN:
	case '\t':
		save_format(ui, next_writable(ui->save_format, 1));
		break;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		if (ui->save_len > 0)
			ui->save_path[--ui->save_len] = '\0';
		break;
	case CTRL('u'):
		ui->save_len = 0;
		ui->save_path[0] = '\0';
		break;
	default:
		if (key >= 0x20 && key < 0x100 && key != 0x7f &&
		    ui->save_len + 1 < sizeof(ui->save_path)) {
			ui->save_path[ui->save_len++] = (char)key;
			ui->save_path[ui->save_len] = '\0';
		}
		break;
	}
	ui->dirty |= DIRTY_POPUP;
}

/* ---- the program -------------------------------------------------- */

static void
act_serving(struct ui *ui)
{
	size_t i, n = 0;
	const struct model_proc *p;

	for (i = 0; i < model_nprocs(ui->model); i++) {
		p = model_proc(ui->model, (uint32_t)i);
		n += p->state == PROC_LIVE && p->phase == PHASE_STARTUP;
	}
	model_mark_serving(ui->model, ui->now);
	/* Serving-only, live, refuses from the next call on. */
	run_serve_sync(ui->run);
	ui_message(ui, 0, "marked %zu process%s serving: their calls count "
	    "as serving from now", n, n == 1 ? "" : "es");
	dirty_views(ui);
}

/*
 * R: serving-only, live.  What a serving-only profile would refuse is
 * refused now, to the processes serving for good (run_serve_only()); R
 * again lets every call run.
 */
static void
act_serve_live(struct ui *ui)
{
	const char *en = strerrorname_np(run_deny_errno(ui->run));
	int on = !run_serve_only_on(ui->run), rc;

	if (on && (ui->opened || !ui_running(ui))) {
		ui_message(ui, 1, "%s: nothing is traced now, so nothing can "
		    "be refused live", ui->opened ? "a session" :
		    "the program has ended");
		return;
	}
	if ((rc = run_serve_only(ui->run, on)) < 0) {
		ui_message(ui, 1, "cannot refuse calls live: %s",
		    rc == -EOPNOTSUPP ? "sctui rewrites calls on x86_64 only "
		    "for now" : strerror(-rc));
		return;
	}
	if (on)
		ui_message(ui, 0, "serving-only LIVE: the %zu calls seen only "
		    "in startup fail with %s in processes serving for good "
		    "(m marks every process serving; R again lets them run)%s",
		    run_serve_refusing(ui->run), en != NULL ? en : "an error",
		    run_has_base(ui->run) ? "; calls your --profile allows "
		    "are not stopped" : "");
	else
		ui_message(ui, 0, "serving-only off: every call runs again");
	dirty_views(ui);
}

static void
need_running(struct ui *ui, enum run_stop how, const char *what)
{
	if (!ui_running(ui)) {
		ui_message(ui, 1, "the program is no longer running");
		return;
	}
	ui_end(ui, how);
	ui_message(ui, 0, "%s", what);
}

static void
stop_done(struct ui *ui, int key)
{
	(void)key;
	need_running(ui, RUN_STOP, "stopping the program (stop "
	    "signal, then SIGKILL after 5 s)");
}

static void
act_stop(struct ui *ui)
{
	if (!ui_running(ui)) {
		ui_message(ui, 1, "the program is no longer running");
		return;
	}
	ui_ask(ui, "y", stop_done, "Stop the program? It gets its stop "
	    "signal, then SIGKILL after 5 s.   [y] stop   [Esc] cancel");
}

static void
kill_done(struct ui *ui, int key)
{
	(void)key;
	need_running(ui, RUN_KILL, "killing every traced process");
}

static void
act_kill(struct ui *ui)
{
	if (!ui_running(ui)) {
		ui_message(ui, 1, "the program is no longer running");
		return;
	}
	ui_ask(ui, "y", kill_done, "Kill every traced process with SIGKILL?"
	    "   [y] kill   [Esc] cancel");
}

static void
signal_done(struct ui *ui, int key)
{
	int sig = key == 'h' ? SIGHUP : key == '1' ? SIGUSR1 : SIGUSR2;

	if (!ui_running(ui)) {
		ui_message(ui, 1, "the program is no longer running");
		return;
	}
	run_signal(ui->run, sig);
	ui_message(ui, 0, "sent SIG%s to the program", sigabbrev_np(sig));
}

static void
act_signal(struct ui *ui)
{
	ui_ask(ui, "h12", signal_done, "Send the program (its top processes) "
	    "a signal to run its reload paths:   [h] SIGHUP   [1] SIGUSR1   "
	    "[2] SIGUSR2   [Esc] cancel");
}

/* ---- quitting ----------------------------------------------------- */

static void
quit_how(struct ui *ui, int key)
{
	ui_end(ui, key == 'k' ? RUN_KILL : key == 'd' ? RUN_DETACH :
	    RUN_STOP);
	ui->quitting = 1;
	ui_message(ui, 0, "%s the program, then quitting...", key == 'k' ?
	    "killing" : key == 'd' ? "detaching from" : "stopping");
}

static void
quit_running(struct ui *ui)
{
	if (!ui_running(ui)) {
		ui->quit_now = 1;
		return;
	}
	if (ui->attached)
		ui_ask(ui, "dk", quit_how, "The program is still running.   "
		    "[d] detach (it runs on)   [k] kill it   [Esc] cancel");
	else
		ui_ask(ui, "sk", quit_how, "The program is still running and "
		    "cannot run on without sctui.   [s] stop it (stop signal, "
		    "SIGKILL after 5 s)   [k] kill it   [Esc] cancel");
}

static void
unsaved_done(struct ui *ui, int key)
{
	if (key == 's') {
		ui->quit_after_save = 1;
		act_save(ui);
		return;
	}
	quit_running(ui);
}

static void
act_quit(struct ui *ui)
{
	if (ui->quitting) {
		ui_message(ui, 0, "already quitting; Ctrl-C kills the program "
		    "now");
		return;
	}
	if (ui->unsaved > 0)
		ui_ask(ui, "ys", unsaved_done, "%u toggle change%s not saved. "
		    "Quit anyway?   [y] quit   [s] save first   [Esc] cancel",
		    ui->unsaved, ui->unsaved == 1 ? " is" : "s are");
	else
		quit_running(ui);
}

static void
act_interrupt(struct ui *ui)
{
	/* Ctrl-C in raw mode: like SIGINT, leave now (a second one kills). */
	ui->ends++;
	if (!ui_running(ui)) {
		ui->quit_now = 1;
		return;
	}
	ui_end(ui, ui->ends > 1 ? RUN_KILL : RUN_END);
	ui->quitting = 1;
	ui_message(ui, 0, "quitting: %s the program...", ui->ends > 1 ?
	    "killing" : ui->attached ? "detaching from" : "stopping");
}

/* ---- the table ---------------------------------------------------- */

static const struct action actions[] = {
	{ "Help",   1, { '?', 'h' }, "this help", act_help },
	{ "Save",   2, { 's' }, "save the profile (choose file and format)",
	  act_save },
	{ NULL, 0, { 'w' }, "save the whole session (processes, counts, "
	  "toggles) to reopen with --open", act_save_session },
	{ "Search", 3, { '/' }, "search syscalls by name, as you type",
	  act_search },
	{ "Group",  4, { 'g' }, "group syscalls: flat, by phase, by process",
	  act_group },
	{ "Sort",   5, { 'o' }, "sort by count, name, first seen", act_sort },
	{ "Serving", 6, { 'm' }, "mark every live process as serving now",
	  act_serving },
	{ "Stop",   7, { 't' }, "stop the program (stop signal, then KILL)",
	  act_stop },
	{ "Signal", 8, { 'S' }, "send the program SIGHUP, SIGUSR1 or SIGUSR2",
	  act_signal },
	{ "Kill",   9, { 'K' }, "kill every traced process", act_kill },
	{ "Quit",  10, { 'q' }, "quit (asks about unsaved toggles and the "
	  "running program)", act_quit },
	{ NULL, 0, { CTRL('c') }, "quit now, stopping or detaching from the "
	  "program (twice: kill)", act_interrupt },
	{ NULL, 0, { ' ' }, "allow/deny the syscall under the cursor; in the "
	  "details pane, the argument value under its cursor", act_toggle },
	{ NULL, 0, { 'x' }, "deny the syscall under the cursor live (what "
	  "if: it fails from now on; the profile denies it too); x again "
	  "lets it run", act_live_deny },
	{ NULL, 0, { 'a' }, "allow every shown syscall", act_allow_all },
	{ NULL, 0, { 'd' }, "deny every shown syscall (locked ones stay)",
	  act_deny_all },
	{ NULL, 0, { '\t' }, "next pane: processes, syscalls, bottom",
	  act_tab },
	{ NULL, 0, { KEY_BTAB }, "previous pane", act_backtab },
	{ NULL, 0, { '\n', '\r', KEY_ENTER }, "on a process: show its "
	  "syscalls", act_enter },
	{ NULL, 0, { KEY_UP, 'k' }, "up (details pane: the previous "
	  "argument value)", act_up },
	{ NULL, 0, { KEY_DOWN, 'j' }, "down (details pane: the next "
	  "argument value)", act_down },
	{ NULL, 0, { KEY_PPAGE, CTRL('b') }, "page up", act_pgup },
	{ NULL, 0, { KEY_NPAGE, CTRL('f') }, "page down", act_pgdn },
	{ NULL, 0, { KEY_HOME }, "first row (bottom pane: oldest line)",
	  act_home },
	{ NULL, 0, { KEY_END, 'G' }, "last row (bottom pane: follow)",
	  act_end },
	{ NULL, 0, { 'v' }, "bottom pane: details, output, event log",
	  act_bottom },
	{ NULL, 0, { 'p' }, "pause/resume the event log", act_pause },
	{ NULL, 0, { 'P' }, "demo: pause/resume its requests", act_demo_pause },
	{ NULL, 0, { 'c' }, "details pane: the call's next first stack, "
	  "by executable (--stacks) or process (--stacks=process)",
	  act_stack_next },
	{ NULL, 0, { '[' }, "details pane: scroll the stack up",
	  act_stack_up },
	{ NULL, 0, { ']' }, "details pane: scroll the stack down",
	  act_stack_down },
	{ NULL, 0, { KEY_ESC }, "clear the search", act_escape },
	{ NULL, 0, { 'R' }, "serving-only, live: calls seen only in startup "
	  "fail in processes serving for good; R again lets them run",
	  act_serve_live },
	{ NULL, 0, { 'n' }, "the next syscall that matches the search",
	  act_next },
	{ NULL, 0, { 'l' }, "legend: what every mark, column and header "
	  "figure means", act_legend },
	{ NULL, 0, { 'e' }, "explain the syscall under the cursor: what it "
	  "does, its risk, its man page", act_explain },
	{ NULL, 0, { 'f' }, "filter: every syscall, only those made in "
	  "startup, only those made in serving", act_filter },
	{ NULL, 0, { 'r' }, "what a serving-only profile would refuse (the "
	  "serving processes' startup-only calls)", act_refuse },
	{ NULL, 0, { '+', '=' }, "bottom pane: taller", act_bottom_grow },
	{ NULL, 0, { '-' }, "bottom pane: shorter", act_bottom_shrink },
	{ NULL, 0, { 'b' }, "bottom pane: hide/show", act_bottom_hide },
};
static const size_t nactions = sizeof(actions) / sizeof(actions[0]);

static void
keyname_of(int k, char *buf, size_t len)
{
	if (k >= KEY_F(1) && k <= KEY_F(12))
		snprintf(buf, len, "F%d", k - KEY_F(0));
	else if (k == ' ')
		snprintf(buf, len, "Space");
	else if (k == '\t')
		snprintf(buf, len, "Tab");
	else if (k == '\n')
		snprintf(buf, len, "Enter");
	else if (k == KEY_ESC)
		snprintf(buf, len, "Esc");
	else if (k > 0 && k < 0x20)
		snprintf(buf, len, "^%c", k + '@');
	else if (k >= 0x20 && k < 0x7f)
		snprintf(buf, len, "%c", k);
	else if (k == KEY_UP)
		snprintf(buf, len, "Up");
	else if (k == KEY_DOWN)
		snprintf(buf, len, "Down");
	else if (k == KEY_PPAGE)
		snprintf(buf, len, "PgUp");
	else if (k == KEY_NPAGE)
		snprintf(buf, len, "PgDn");
	else if (k == KEY_HOME)
		snprintf(buf, len, "Home");
	else if (k == KEY_END)
		snprintf(buf, len, "End");
	else if (k == KEY_BTAB)
		snprintf(buf, len, "S-Tab");
	else
		buf[0] = '\0';
}

int
actions_help_lines(void)
{
	return (int)nactions;
}

void
actions_help_line(int i, char *keys, size_t klen, const char **desc)
{
	const struct action *a = &actions[i];
	char k[16];
	size_t j, o = 0;

	keys[0] = '\0';
	if (a->fkey) {
		keyname_of(KEY_F(a->fkey), k, sizeof(k));
		o += (size_t)snprintf(keys + o, klen - o, "%s", k);
	}
	for (j = 0; j < 4 && a->keys[j] != 0 && o < klen; j++) {
		keyname_of(a->keys[j], k, sizeof(k));
		if (k[0] == '\0')
			continue;
		o += (size_t)snprintf(keys + o, klen - o, "%s%s", o ? " " : "",
		    k);
	}
	*desc = a->help;
}

int
actions_fkey_bar(struct ui *ui, WINDOW *w)
{
	int x = 0, width = getmaxx(w), lw;
	size_t i;
	char k[8];

	for (i = 0; i < nactions && x < width; i++) {
		if (actions[i].fkey == 0)
			continue;
		snprintf(k, sizeof(k), "F%d", actions[i].fkey);
		wattrset(w, ui->attrs[UA_KEY]);
		mvwaddnstr(w, 0, x, k, width - x);
		x += (int)strlen(k);
		if (x >= width)
			break;
		lw = (int)strlen(actions[i].name) + 1;
		if (lw > width - x)
			lw = width - x;
		wattrset(w, ui->attrs[UA_KEYLABEL]);
		mvwprintw(w, 0, x, "%-*.*s", lw, lw, actions[i].name);
		x += lw;
	}
	wattrset(w, ui->attrs[UA_KEYLABEL]);
	for (; x < width; x++)
		mvwaddch(w, 0, x, ' ');
	wattrset(w, A_NORMAL);
	return x;
}

/*
 * Typing after '/': the rows narrow to the calls that match, and the
 * cursor goes to the first of them (never a section header); Enter keeps
 * the search and puts the focus there, so x and Space act on the match.
 */
static void
key_search(struct ui *ui, int key)
{
	int found;

	switch (key) {
	case KEY_ESC:
		ui->search_len = 0;
		ui->search[0] = '\0';
		ui->mode = MODE_NORMAL;
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		ui->mode = MODE_NORMAL;
		found = ui->search_len == 0 || view_next_call(ui, 0) == 0;
		ui->status[0] = '\0';
		if (ui->search_len > 0 && found)
			ui->focus = PANE_SYS;
		else if (!found)
			ui_message(ui, 1, "no syscall matches \"%s\" (Esc "
			    "clears the search)", ui->search);
		ui->dirty |= DIRTY_STATUS;
		dirty_views(ui);
		return;
	case KEY_BACKSPACE:
	case 127:
	case CTRL('h'):
		if (ui->search_len > 0)
			ui->search[--ui->search_len] = '\0';
		break;
	case KEY_UP:
	case KEY_DOWN:
		ui->mode = MODE_NORMAL;
		actions_key(ui, key);
		return;
	default:
		if (key >= 0x20 && key < 0x7f &&
		    ui->search_len + 1 < sizeof(ui->search)) {
			ui->search[ui->search_len++] = (char)key;
			ui->search[ui->search_len] = '\0';
		}
		(void)view_next_call(ui, 0);
		break;
	}
	ui->status[0] = '\0';
	ui->dirty |= DIRTY_STATUS;
	dirty_views(ui);
}

static void
key_ask(struct ui *ui, int key)
{
	void (*done)(struct ui *, int) = ui->ask.done;

	if (key == KEY_ESC || key == 'n' || key == CTRL('c')) {
		ui->mode = MODE_NORMAL;
		ui->quit_after_save = 0;
		ui->dirty |= DIRTY_ALL;
		ui_message(ui, 0, "cancelled");
		if (key == CTRL('c'))
			act_interrupt(ui);
		return;
	}
	if (key <= 0 || key > 0xff || strchr(ui->ask.keys, key) == NULL)
		return;
	ui->mode = MODE_NORMAL;
	ui->dirty |= DIRTY_ALL;
	done(ui, key);
}

/* A click at (y, x) of the bottom pane on a value's box toggles it. */
static void
click_value(struct ui *ui, int y, int x)
{
	const struct model_sys *s;
	uint32_t sys;
	size_t i;

	for (i = 0; i < ui->nvalbox; i++)
		if (ui->valbox[i].y == y && x >= ui->valbox[i].x &&
		    x < ui->valbox[i].x + 3)
			break;
	if (i == ui->nvalbox || (s = view_details_sys(ui, &sys)) == NULL)
		return;
	view_val_cursor(ui, sys, s);	/* the cursor follows this call */
	ui->val_cur = ui->valbox[i].idx;
	toggle_value(ui);
}

/*
 * The mouse: a click on a row of the tree or the syscall pane focuses the
 * pane and selects the row; on the [x] box of a syscall, or of an argument
 * value in the details pane, it also toggles it.  The wheel scrolls the pane under the pointer by 3 rows.
 */
static void
mouse(struct ui *ui)
{
	MEVENT me;
	struct ui_list *l;
	enum ui_pane pane;
	WINDOW *w;
	int y, x, first;
	long delta;

	if (getmouse(&me) != OK)
		return;
	if (ui->w_tree != NULL && wenclose(ui->w_tree, me.y, me.x))
		pane = PANE_TREE, w = ui->w_tree, l = &ui->tree, first = 1;
	else if (ui->w_sys != NULL && wenclose(ui->w_sys, me.y, me.x))
		pane = PANE_SYS, w = ui->w_sys, l = &ui->sys, first = 2;
	else if (ui->w_bottom != NULL && wenclose(ui->w_bottom, me.y, me.x))
		pane = PANE_BOTTOM, w = ui->w_bottom, l = NULL, first = 1;
	else
		return;
	y = me.y;
	x = me.x;
	wmouse_trafo(w, &y, &x, FALSE);
	if (me.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		delta = me.bstate & BUTTON4_PRESSED ? -3 : 3;
		if (ui->focus != pane) {
			ui->focus = pane;
			ui->dirty |= DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
		}
		move_by(ui, delta);
		return;
	}
	if (!(me.bstate & (BUTTON1_PRESSED | BUTTON1_RELEASED |
	    BUTTON1_CLICKED)))
		return;
	ui->focus = pane;
	ui->dirty |= DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
	if (pane == PANE_BOTTOM &&
	    (me.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)))
		click_value(ui, y, x);
	if (l == NULL || y < first || l->top + (size_t)(y - first) >= l->n)
		return;
	list_move(l, (long)(l->top + (size_t)(y - first)) - (long)l->cur);
	view_sync_ids(ui);
	/*
	 * The box toggles when the button comes up: ncurses reports a press
	 * and then a release, or, when it reads both at once (a fast click, a
	 * busy machine), the click alone.
	 */
	if (pane == PANE_SYS && x < 3 &&
	    (me.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED)))
		act_toggle(ui);
}

void
actions_key(struct ui *ui, int key)
{
	size_t i, j;

	if (key == KEY_MOUSE) {
		if (ui->mode == MODE_NORMAL)
			mouse(ui);
		return;
	}

	switch (ui->mode) {
	case MODE_SEARCH:
		key_search(ui, key);
		return;
	case MODE_SAVE:
		key_save(ui, key);
		return;
	case MODE_ASK:
		key_ask(ui, key);
		return;
	case MODE_PAGE:
		page_key(ui, key);
		return;
	default:
		break;
	}
	if (ui->status[0] != '\0' && key != KEY_RESIZE) {
		ui->status[0] = '\0';
		ui->dirty |= DIRTY_STATUS;
	}
	for (i = 0; i < nactions; i++) {
		if (actions[i].fkey && key == KEY_F(actions[i].fkey)) {
			actions[i].run(ui);
			return;
		}
		for (j = 0; j < 4 && actions[i].keys[j] != 0; j++)
			if (actions[i].keys[j] == key) {
				actions[i].run(ui);
				return;
			}
	}
}
