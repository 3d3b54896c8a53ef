/*
 * ui-int.h - the UI's state, shared by the files of tui/ (ui.c runs the
 * loop, view.c builds the rows, draw.c paints, actions.c handles keys).
 * Everything here belongs to the UI thread.
 */
#ifndef SCTUI_UI_INT_H
#define SCTUI_UI_INT_H

#include <curses.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "run.h"
#include "session.h"
#include "ui.h"

struct sysdoc;

enum ui_pane {
	PANE_TREE,
	PANE_SYS,
	PANE_BOTTOM,
	PANE_N
};

enum ui_bottom {
	BOTTOM_DETAILS,
	BOTTOM_OUTPUT,
	BOTTOM_LOG,
	BOTTOM_N
};

enum ui_group {
	GROUP_FLAT,
	GROUP_PHASE,
	GROUP_PROC,
	GROUP_N
};

enum ui_sort {
	SORT_COUNT,
	SORT_NAME,
	SORT_FIRST,
	SORT_N
};

/* Which calls the syscall pane lists, by the phases they were made in. */
enum ui_filter {
	FILTER_ALL,
	FILTER_STARTUP,		/* made while starting, in no other phase */
	FILTER_SERVING,		/* made while serving, in no other phase */
	FILTER_N
};

enum ui_mode {
	MODE_NORMAL,
	MODE_SEARCH,		/* typing after '/' */
	MODE_SAVE,		/* the save dialog */
	MODE_ASK,		/* a one-key question */
	MODE_PAGE,		/* a page of text over the screen (page.c) */
};

/* The pages MODE_PAGE shows. */
enum ui_page {
	PAGE_HELP,		/* the keys, after a short legend */
	PAGE_LEGEND,		/* every mark and header figure */
	PAGE_EXPLAIN,		/* the selected call: what, risk, man page */
	PAGE_REFUSE,		/* what a serving-only profile would refuse */
};

/* Colour/attribute roles; draw.c maps them to pairs or mono attributes. */
enum ui_attr {
	UA_NORMAL,
	UA_HEADER,
	UA_TITLE,
	UA_TITLE_FOCUS,
	UA_KEY,
	UA_KEYLABEL,
	UA_SECTION,
	UA_DENIED,
	UA_LOCKED,
	UA_NEW,
	UA_BAR,
	UA_STDERR,
	UA_STATUS_ERR,
	UA_DIALOG,
	UA_N
};

/* A row of the syscall pane. */
struct ui_srow {
	uint64_t	id;		/* stable: section << 32 | sys */
	uint32_t	sys;		/* model index; UINT32_MAX: header */
	uint32_t	section;	/* phase or process id; 0 when flat */
	uint64_t	count;		/* shown count: the scope's, all phases */
	uint64_t	pc[PHASE_N];	/* per phase, in the filter's scope */
	uint64_t	first;
	uint32_t	nsys;		/* header: entries below it */
};
#define SROW_HEADER	UINT32_MAX

/* A row of the process tree; proc == UINT32_MAX is "all processes". */
struct ui_trow {
	uint32_t	proc;
	uint16_t	depth;
	char		prefix[64];	/* tree connectors, already drawn */
};
#define TROW_ALL	UINT32_MAX

/* Cursor and scroll of one list, the cursor kept by stable id. */
struct ui_list {
	size_t		cur, top;
	uint64_t	cur_id;
	int		follow;		/* the user moved: follow cur_id */
	size_t		n;		/* rows */
	int		height;		/* visible rows at last draw */
};

/* A line of the program's output. */
struct ui_line {
	char		*text;
	int		 err;		/* from stderr */
};

#define UI_OUT_LINES	2000
#define UI_LOG_LEN	512

/* One syscall in the live log. */
struct ui_logent {
	uint64_t	ts;
	int32_t		tid, tgid;
	uint32_t	sysid;
	uint8_t		phase;
	uint8_t		state;		/* enum ui_logstate */
	int64_t		ret;		/* DONE: the return; DENIED: -errno */
	uint64_t	args[6];
};

/* What the log knows of a call's outcome. */
enum ui_logstate {
	LOG_NORET,		/* no return value asked for: "= ?" */
	LOG_PENDING,		/* its return will come (SC_EVF_RETURN) */
	LOG_DONE,		/* returned ret */
	LOG_DENIED,		/* failed by a live denial with -ret */
};

struct ui;

/* A one-key question: keys it accepts, then done(ui, key). */
struct ui_ask {
	char		 text[512];
	const char	*keys;		/* accepted keys; Esc always cancels */
	void		(*done)(struct ui *ui, int key);
};

struct ui {
	struct run		*run;	/* the trace, or what was opened */
	struct ui_opts		 opts;
	struct model		*model;	/* run_model(run) */
	struct sysdoc		*doc;	/* call notes; NULL: none */
	/* Of the run, read once; root_status again once it is over. */
	int			 tracer_done;	/* run_running() said 0 */
	int			 attached;	/* -p */
	const char		*command;	/* for the header */
	const char		*cmdname;	/* for the default file name */
	const char		*mode_name;
	int			 root_status;

	uint64_t		 start;		/* CLOCK_MONOTONIC ns */
	uint64_t		 now;
	uint64_t		 end;		/* when the trace ended; 0: live */
	uint64_t		 rate_t, rate_calls;	/* last rate sample */
	double			 rate;		/* events per second */
	uint64_t		 events;	/* events drained */

	/* Screen. */
	int			 rows, cols;
	int			 too_small;
	int			 utf8;
	int			 color;
	attr_t			 attrs[UA_N];
	WINDOW			*w_header, *w_tree, *w_sys, *w_bottom;
	WINDOW			*w_status, *w_keys, *w_popup;
	unsigned		 dirty;
#define DIRTY_HEADER	0x01
#define DIRTY_TREE	0x02
#define DIRTY_SYS	0x04
#define DIRTY_BOTTOM	0x08
#define DIRTY_STATUS	0x10
#define DIRTY_POPUP	0x20
#define DIRTY_LAYOUT	0x40
#define DIRTY_ALL	0x7f
	int			 rebuild;	/* views need rebuilding */

	/* Views. */
	enum ui_pane		 focus;
	enum ui_bottom		 bottom;
	enum ui_group		 group;
	enum ui_sort		 sort;
	enum ui_filter		 filter;
	enum ui_mode		 mode;
	/*
	 * The bottom pane's rows (0: two fifths of the body; draw_layout()
	 * keeps it and the panes above usable) and whether it is hidden.
	 */
	int			 bottom_rows;
	int			 bottom_hidden;
	struct ui_list		 tree, sys;
	struct ui_trow		*trows;
	size_t			 ctrows;
	struct ui_srow		*srows;
	size_t			 csrows;
	uint32_t		 sel_proc;	/* TROW_ALL or a process id */
	char			 search[64];
	size_t			 search_len;
	size_t			 bottom_scroll;	/* lines up from the end */
	/* The details pane's cursor on the argument values of a syscall. */
	uint32_t		 val_sys;	/* model index of the syscall */
	size_t			 val_cur;	/* view_argval() index */
	/* Where the details pane drew each value's box: a click toggles. */
	struct ui_valbox {
		int		 y, x;		/* in the bottom pane */
		size_t		 idx;		/* view_argval() index */
	}			 valbox[64];
	size_t			 nvalbox;
	/* The details pane's first stack of a syscall (--stacks). */
	uint32_t		 stack_sys;	/* model index of the syscall */
	uint32_t		 stack_pick;	/* which executable's */
	size_t			 stack_top;	/* first frame shown */

	/* Output pane. */
	struct ui_line		 out[UI_OUT_LINES];
	size_t			 out_head, out_n;
	char			 partial[2][1024];
	size_t			 partial_len[2];
	int			 partial_cr[2];	/* a "\r" held back */
	int			 out_fd[2];	/* read ends; -1 once closed */

	/* Event log. */
	struct ui_logent	 log[UI_LOG_LEN];
	size_t			 log_head, log_n;
	int			 log_paused;
	size_t			 log_prev;	/* index + 1 of the entry the
						   last SYSCALL made; 0: none */

	/* Status line. */
	char			 status[512];
	int			 status_err;

	/* Dialogs. */
	struct ui_ask		 ask;
	char			 save_path[1024];
	size_t			 save_len;
	size_t			 save_format;	/* a writable profile_formats[] row */
	enum ui_page		 page;
	size_t			 page_top;	/* first line shown */
	uint32_t		 page_sys;	/* PAGE_EXPLAIN: model index */

	/* --open: a saved session or a profile, nothing traced. */
	int			 opened;
	int			 profile_rows;	/* the --profile's calls added */

	/* Toggles changed since the last save. */
	unsigned		 unsaved;
	int			 saved_once;
	int			 quit_after_save;

	/* Ending. */
	int			 quitting;	/* leave once the tracer is done */
	int			 quit_now;	/* leave now */
	int			 ends;		/* terminating signals/keys seen */
	int			 exit_code;
};

/* ui.c */
void	ui_message(struct ui *ui, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int	ui_running(const struct ui *ui);
int	ui_live_set(struct ui *ui, uint32_t sysid, int on);
int	ui_save_session(struct ui *ui, const char *path, char *err,
	    size_t errlen);
void	ui_end(struct ui *ui, enum run_stop how);
void	ui_ask(struct ui *ui, const char *keys,
	    void (*done)(struct ui *, int), const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* view.c */
void	view_rebuild(struct ui *ui);
const char *view_sys_name(const struct ui *ui, uint32_t sys, char *buf,
	    size_t len);
void	list_move(struct ui_list *l, long delta);
void	list_home(struct ui_list *l, int end);
void	view_sync_ids(struct ui *ui);
/*
 * The syscall the details pane shows the values of: the one under the
 * syscall cursor while the bottom pane shows details and the tree does
 * not have the focus; its model index in *sys.  NULL when there is none.
 */
const struct model_sys *view_details_sys(const struct ui *ui,
	    uint32_t *sys);
/*
 * The values recorded of s's arguments, in order, counted: the idx-th is
 * value *val of argument *arg (indexes into s->args and its vals), left
 * alone when idx is past them.  Returns how many there are.
 */
size_t	view_argval(const struct model_sys *s, size_t idx,
	    uint32_t *arg, uint32_t *val);
/* The details cursor on s (model index sys), reset when sys changed. */
size_t	view_val_cursor(struct ui *ui, uint32_t sys,
	    const struct model_sys *s);

/*
 * The phase a call belongs to in the phase grouping, from its counts per
 * phase: serving when it was made while serving (a serving-only profile
 * must keep it), else startup when it was made while starting, else
 * shutdown; -1 when it was never made (a call a --profile only lists).
 */
int	view_home_phase(const uint64_t pc[PHASE_N]);
/* Does a call with these counts pass the phase filter f? */
int	view_filter_pass(enum ui_filter f, const uint64_t pc[PHASE_N]);
/*
 * Puts the syscall cursor on the next row (after the cursor when from_cur,
 * else from the top) that is a call, not a section header, going round;
 * rebuilds the rows first.  Returns 0, or -ENOENT when no row is a call.
 */
int	view_next_call(struct ui *ui, int from_cur);

/* What a serving-only profile would refuse: one call of the list. */
struct view_refusal {
	uint32_t	sys;		/* model index */
	uint64_t	count;		/* calls made while starting */
	uint32_t	nprocs;		/* serving processes that made it */
};
/*
 * The calls that processes which reached serving made while starting and
 * that no process made while serving or shutting down, locked calls left
 * out (every profile keeps them), highest risk first (risk(ui, sys) gives it).  *out is the caller's to free.  Returns
 * how many; *nserving: how many processes reached serving.
 */
size_t	view_refusals(struct ui *ui, int (*risk)(const struct ui *,
	    uint32_t), struct view_refusal **out, size_t *nserving);

/* draw.c */
void	draw_init(struct ui *ui);
void	draw_layout(struct ui *ui);
/* The bottom pane's rows on this screen: 0 when hidden. */
int	draw_bottom_rows(const struct ui *ui);
void	draw_frame(struct ui *ui);
void	draw_restore(void);
/*
 * Writes s at (y, x) in w, at most width columns; every byte that does not
 * continue a UTF-8 sequence is taken as one column.  Returns the columns
 * written.
 */
int	draw_put(WINDOW *w, int y, int x, int width, attr_t a, const char *s);
/*
 * How many bytes of s fit in width columns, every byte that does not
 * continue a UTF-8 sequence taken as one column; *space: the offset of
 * the last space within them or right after them (where to wrap), 0 if
 * none.
 */
size_t	draw_fit(const char *s, int width, size_t *space);
/* The risk level (enum sysdoc_level) of model call sys; NONE if unknown. */
int	draw_risk(const struct ui *ui, uint32_t sys);
/* "s" unless n is 1: "1 call", "2 calls". */
const char *draw_plural(uint64_t n);

/* page.c */
/* Opens a page (MODE_PAGE) at its top. */
void	page_open(struct ui *ui, enum ui_page page);
/* Draws the open page over a cleared screen, sized to it and wrapped. */
void	page_draw(struct ui *ui);
/* A key while a page is open: scrolls it, or closes it. */
void	page_key(struct ui *ui, int key);

/* actions.c */
void	actions_key(struct ui *ui, int key);
int	actions_help_lines(void);
void	actions_help_line(int i, char *keys, size_t klen, const char **desc);
int	actions_fkey_bar(struct ui *ui, WINDOW *w);

#endif
