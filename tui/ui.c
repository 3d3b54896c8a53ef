/*
 * ui.c - the interactive mode: the event loop and the terminal.
 *
 * The trace is a struct run (run/run.h) whose tracer runs on a thread of
 * its own and queues every event in its ring.  This thread alone owns the
 * model: each turn of the loop it polls the terminal, the run's wake-up fd
 * (run_wait_fd()), the program's output (the master of its
 * pseudo-terminal, the pipe of its stderr) and a self-pipe for signals;
 * drains at most RING_BATCH events into the model (run_drain()); handles
 * the keys that came in (so a flood of events never starves the keyboard);
 * and redraws, at most FRAME_NS apart and only what is dirty.
 *
 * The terminal is restored on every way out: quitting, Ctrl-C, SIGTERM,
 * SIGHUP and SIGINT (through the loop), fatal() (through fatal_hook), and
 * crashes and failed assertions (SIGABRT, SIGSEGV, SIGBUS handlers).
 */
#include "config.h"
#include "ui.h"
#include "ui-int.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "profile.h"
#include "run.h"
#include "summary.h"
#include "sysdoc.h"
#include "sysname.h"
#include "xalloc.h"

#define RING_BATCH	4096		/* events per turn, then keys */
#define FRAME_NS	50000000ull	/* at most 20 frames a second */
#define TICK_NS		1000000000ull	/* header clock and rate */

static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_last;
static volatile sig_atomic_t curses_on;

/* ---- the terminal on every exit path ------------------------------ */

static void
restore_terminal(void)
{
	if (curses_on) {
		curses_on = 0;
		draw_restore();
	}
}

static void
on_fatal(void)
{
	restore_terminal();
}

static void
on_crash(int sig)
{
	/* Not async-signal-safe, but the process is dying anyway. */
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_end_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;
	ssize_t n;

	sig_last = sig;
	n = write(sig_pipe[1], &c, 1);
	(void)n;
	errno = saved;
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGABRT, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGFPE, &sa, NULL);
	sa.sa_handler = on_end_signal;
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* ---- state shared with the other files ---------------------------- */

void
ui_message(struct ui *ui, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->status, sizeof(ui->status), fmt, ap);
	va_end(ap);
	ui->status_err = err;
	ui->dirty |= DIRTY_STATUS;
}

int
ui_running(const struct ui *ui)
{
	return !ui->tracer_done;
}

int
ui_live_set(struct ui *ui, uint32_t sysid, int on)
{
	int rc;

	if ((rc = run_deny(ui->run, sysid, on)) < 0)
		return rc;
	ui->dirty |= DIRTY_HEADER | DIRTY_SYS | DIRTY_BOTTOM;
	return 0;
}

void
ui_end(struct ui *ui, enum run_stop how)
{
	assert(how >= RUN_STOP && how <= RUN_END);
	if (!ui_running(ui))
		return;
	if (how == RUN_STOP || (how == RUN_END && !ui->attached))
		model_mark_shutdown(ui->model, run_now());
	run_stop(ui->run, how);
	ui->dirty |= DIRTY_HEADER | DIRTY_TREE | DIRTY_SYS;
	ui->rebuild = 1;
}

void
ui_ask(struct ui *ui, const char *keys, void (*done)(struct ui *, int),
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->ask.text, sizeof(ui->ask.text), fmt, ap);
	va_end(ap);
	ui->ask.keys = keys;
	ui->ask.done = done;
	ui->mode = MODE_ASK;
	ui->dirty |= DIRTY_POPUP;
}

/* ---- the program's output ----------------------------------------- */

static void
out_line(struct ui *ui, int err, const char *text, size_t len)
{
	struct ui_line *l;

	if (ui->out_n == UI_OUT_LINES) {
		l = &ui->out[ui->out_head];
		free(l->text);
		ui->out_head = (ui->out_head + 1) % UI_OUT_LINES;
		ui->out_n--;
	}
	l = &ui->out[(ui->out_head + ui->out_n) % UI_OUT_LINES];
	l->text = xmalloc(len + 1);
	xmemcpy(l->text, text, len);
	l->text[len] = '\0';
	l->err = err;
	ui->out_n++;
	assert(ui->out_n <= UI_OUT_LINES);
	if (ui->bottom_scroll && ui->bottom == BOTTOM_OUTPUT)
		ui->bottom_scroll++;	/* keep the view where it is */
}

/* One byte of stream which (0 stdout, 1 stderr) into its partial line. */
static void
out_byte(struct ui *ui, int which, char c)
{
	char *part = ui->partial[which];
	size_t *plen = &ui->partial_len[which];

	if (c == '\n' || *plen == sizeof(ui->partial[0])) {
		out_line(ui, which, part, *plen);
		*plen = 0;
		if (c == '\n')
			return;
	}
	part[(*plen)++] = c;
}

/*
 * Reads what the program wrote.  Its stdout is a terminal, which turns
 * each "\n" into "\r\n" (ONLCR): a "\r" right before a "\n" is dropped,
 * on either stream, even when a read splits the pair; any other "\r" is
 * kept (and shown escaped).
 */
static void
out_read(struct ui *ui, int which)
{
	char buf[4096];
	ssize_t n, i;

	n = read(ui->out_fd[which], buf, sizeof(buf));
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		/* EOF on the pipe; EIO on the terminal once no one has it. */
		if (ui->partial_cr[which])
			out_byte(ui, which, '\r');
		ui->partial_cr[which] = 0;
		if (ui->partial_len[which] > 0)
			out_line(ui, which, ui->partial[which],
			    ui->partial_len[which]);
		ui->partial_len[which] = 0;
		close(ui->out_fd[which]);
		ui->out_fd[which] = -1;
		ui->dirty |= DIRTY_BOTTOM;
		return;
	}
	for (i = 0; i < n; i++) {
		if (ui->partial_cr[which] && buf[i] != '\n')
			out_byte(ui, which, '\r');
		ui->partial_cr[which] = buf[i] == '\r';
		if (buf[i] != '\r')
			out_byte(ui, which, buf[i]);
	}
	if (ui->bottom == BOTTOM_OUTPUT)
		ui->dirty |= DIRTY_BOTTOM;
}

/* ---- draining ------------------------------------------------------ */

/*
 * The newest log entry of thread tid, or NULL.  Its calls are logged in
 * order and one at a time, so this is the one an outcome belongs to.
 */
static struct ui_logent *
log_last(struct ui *ui, int32_t tid)
{
	struct ui_logent *e;
	size_t i;

	for (i = ui->log_n; i > 0; i--) {
		e = &ui->log[(ui->log_head + i - 1) % UI_LOG_LEN];
		if (e->tid == tid)
			return e;
	}
	return NULL;
}

/*
 * A call's outcome: its RETURN, its DENIED (which comes right after the
 * call's SYSCALL, so only if that was logged), or the end of its thread
 * (a call that never returns, as exit_group).
 */
static void
log_outcome(struct ui *ui, const struct sc_event *ev)
{
	struct ui_logent *e = NULL;

	if (ev->kind == SC_EV_DENIED) {
		if (ui->log_prev != 0)
			e = &ui->log[ui->log_prev - 1];
		if (e != NULL && e->tid == ev->tid) {
			e->state = LOG_DENIED;
			e->ret = -(int64_t)ev->aux;
		}
	} else if ((e = log_last(ui, ev->tid)) != NULL &&
	    e->state == LOG_PENDING) {
		e->state = ev->kind == SC_EV_RETURN ? LOG_DONE : LOG_NORET;
		e->ret = (int64_t)ev->u.args[0];
	}
	ui->log_prev = 0;
	if (ui->bottom == BOTTOM_LOG)
		ui->dirty |= DIRTY_BOTTOM;
}

/*
 * Each event drained: the log keeps the call and phase the model counted it
 * under, and its outcome; other kinds change the tree.
 */
static void
log_event(void *arg, const struct sc_event *ev, uint32_t sysid, int phase)
{
	struct ui *ui = arg;
	struct ui_logent *e;

	if (ev->kind == SC_EV_RETURN || ev->kind == SC_EV_DENIED ||
	    ev->kind == SC_EV_EXIT)
		log_outcome(ui, ev);
	if (ev->kind == SC_EV_RETURN)
		return;
	if (ev->kind != SC_EV_SYSCALL) {
		ui->dirty |= DIRTY_TREE;
		if (ev->kind == SC_EV_OWNFILTER)
			ui_message(ui, 0, "pid %d installed its own seccomp "
			    "filter: %s", ev->tgid, run_ownfilter_note(ev));
		return;
	}
	ui->log_prev = 0;
	if (ui->log_paused || ev->ts <= ui->start)
		return;
	if (ui->log_n == UI_LOG_LEN) {
		ui->log_head = (ui->log_head + 1) % UI_LOG_LEN;
		ui->log_n--;
	}
	ui->log_prev = (ui->log_head + ui->log_n) % UI_LOG_LEN + 1;
	e = &ui->log[(ui->log_head + ui->log_n++) % UI_LOG_LEN];
	e->ts = ev->ts;
	e->tid = ev->tid;
	e->tgid = ev->tgid;
	e->sysid = sysid;
	e->phase = (uint8_t)phase;
	e->state = ev->flags & SC_EVF_RETURN ? LOG_PENDING : LOG_NORET;
	e->ret = 0;
	memcpy(e->args, ev->u.args, sizeof(e->args));
	assert(ui->log_n <= UI_LOG_LEN);
}

/*
 * Calls denied live from the command line (--deny) are denied in the
 * profile too, as x does, from the moment they appear: a row never shows
 * [x] beside DENIED LIVE.  Model indexes from first on.
 */
static void
deny_sync(struct ui *ui, size_t first)
{
	const struct model_sys *s;
	size_t i;

	for (i = first; run_ndenied(ui->run) > 0 &&
	    i < model_nsys(ui->model); i++) {
		s = model_sys(ui->model, (uint32_t)i);
		if (s->toggle == TOGGLE_ALLOW && run_denied(ui->run,
		    s->sysid) && !profile_is_locked(sysname_name(s->sysid)))
			model_toggle(ui->model, (uint32_t)i, TOGGLE_DENY);
	}
}

/* Moves up to RING_BATCH events into the model; returns how many. */
static size_t
drain(struct ui *ui)
{
	size_t total;
	size_t nsys = model_nsys(ui->model), nprocs = model_nprocs(ui->model);

	/* Return values cost a stop a call: only while the log shows them. */
	run_returns(ui->run, ui->bottom == BOTTOM_LOG && !ui->log_paused);
	total = run_drain(ui->run, log_event, ui, RING_BATCH);
	deny_sync(ui, nsys);
	if (total > 0) {
		ui->events += total;
		ui->rebuild = 1;
		ui->dirty |= DIRTY_HEADER | DIRTY_SYS | DIRTY_BOTTOM;
		if (model_nprocs(ui->model) != nprocs)
			ui->dirty |= DIRTY_TREE;
		/* Counts in the tree's phases change with calls too. */
		if (model_nsys(ui->model) != nsys || ui->sel_proc != TROW_ALL)
			ui->dirty |= DIRTY_TREE;
	}
	return total;
}

/*
 * The calls denied in the run, into buf: "uname (by the profile), openat
 * (live, 2 times)"; empty for none.  A --profile's denials by hand fail in
 * the kernel, never traced, so they are named uncounted.
 */
static const char *
ended_denials(const struct ui *ui, char *buf, size_t len)
{
	const struct profile *base = run_base(ui->run);
	const struct model_sys *s;
	const char *name;
	char **names = NULL;
	size_t i, n, at;

	buf[0] = '\0';
	n = base != NULL ? profile_denied_names(base, &names) : 0;
	for (i = 0; i < n; i++) {
		at = strlen(buf);
		snprintf(buf + at, len - at, "%s%s (by the profile)",
		    at ? ", " : "", names[i]);
		free(names[i]);
	}
	free(names);
	for (i = 0; i < model_nsys(ui->model); i++) {
		s = model_sys(ui->model, (uint32_t)i);
		name = sysname_name(s->sysid);
		if (s->denials == 0 || (base != NULL &&
		    profile_denies(base, name)))
			continue;
		at = strlen(buf);
		snprintf(buf + at, len - at, "%s%s (live, %" PRIu64 " time%s)",
		    at ? ", " : "", name, s->denials, draw_plural(s->denials));
	}
	return buf;
}

static void
tracer_finished(struct ui *ui)
{
	char st[32], denied[512];

	ui->tracer_done = 1;
	ui->end = ui->now;	/* the elapsed clock stops */
	ui->root_status = run_root_status(ui->run);
	ui->rebuild = 1;
	ui->dirty |= DIRTY_HEADER | DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
	if (ui->quitting)
		return;
	if (ui->attached)
		ui_message(ui, 0, "every traced process is gone or detached; "
		    "review, save (F2), quit (F10)");
	else {
		summary_status(ui->root_status, st, sizeof(st));
		if (summary_failed(ui->root_status) &&
		    *ended_denials(ui, denied, sizeof(denied)))
			ui_message(ui, 0, "the program ended (%s); denied: "
			    "%s; review, save (F2), quit (F10)", st, denied);
		else
			ui_message(ui, 0, "the program ended (%s); review, "
			    "save (F2), quit (F10)", st);
	}
}

/* A terminating signal: leave now, ending the program; twice: kill it. */
static void
on_signal_now(struct ui *ui, int sig)
{
	ui->ends++;
	if (ui->exit_code == 0)
		ui->exit_code = 128 + sig;
	if (!ui_running(ui)) {
		ui->quit_now = 1;
		return;
	}
	ui_end(ui, ui->ends > 1 ? RUN_KILL : RUN_END);
	ui->quitting = 1;
	ui_message(ui, 0, "SIG%s: quitting...", sigabbrev_np(sig));
}

static void
tick(struct ui *ui)
{
	struct model_totals t;
	uint64_t dt = ui->now - ui->rate_t;

	model_totals(ui->model, &t);
	if (dt >= TICK_NS) {
		ui->rate = (double)(t.calls - ui->rate_calls) * 1e9 /
		    (double)dt;
		ui->rate_t = ui->now;
		ui->rate_calls = t.calls;
		model_tick(ui->model, ui->now);
		run_serve_sync(ui->run);
		/* The elapsed clock, and "new" marks that age. */
		ui->dirty |= DIRTY_HEADER | DIRTY_SYS;
	}
}

/*
 * Keeps the UI thread off the CPU the tracer's thread has moved to
 * (beside a busy tracee, run_tracer_cpu()), so that drawing never delays
 * a stop.  One pthread_getaffinity_np() a frame; the thread's own CPUs
 * back once the tracer leaves its CPU.
 */
static void
ui_keep_off(struct ui *ui)
{
	static cpu_set_t orig;
	static int off = -1, have;
	cpu_set_t mine;
	int cpu;

	if (!have && sched_getaffinity(0, sizeof(orig), &orig) < 0)
		return;
	have = 1;
	cpu = run_tracer_cpu(ui->run);
	if (cpu >= CPU_SETSIZE || (cpu >= 0 && (!CPU_ISSET(cpu, &orig) ||
	    CPU_COUNT(&orig) < 2)))
		cpu = -1;
	if (cpu == off)
		return;
	mine = orig;
	if (cpu >= 0)
		CPU_CLR(cpu, &mine);
	if (sched_setaffinity(0, sizeof(mine), &mine) == 0)
		off = cpu;
}

static void
loop(struct ui *ui)
{
	struct pollfd pfd[5];
	uint64_t last_frame = 0, last_event = 0;
	size_t n;
	int nfd, wfd, timeout, ch, keys;
	char c;

	for (;;) {
		if (!ui->opened)
			ui->now = run_now();
		n = ui->tracer_done ? 0 : drain(ui);
		if (!ui->tracer_done && n == 0 && !run_running(ui->run))
			tracer_finished(ui);
		/* Keys between drains: a flood never starves the keyboard. */
		keys = 0;
		while ((ch = getch()) != ERR) {
			keys++;
			if (ch == KEY_RESIZE) {
				ui->dirty |= DIRTY_ALL;
				continue;
			}
			actions_key(ui, ch);
			if (ui->quit_now)
				break;
		}
		if (sig_last != 0) {
			while (read(sig_pipe[0], &c, 1) == 1)
				on_signal_now(ui, (unsigned char)c);
			sig_last = 0;
		}
		if (ui->quit_now || (ui->quitting && ui->tracer_done))
			break;
		if (!ui->opened) {
			ui->now = run_now();
			tick(ui);
		}
		if (ui->dirty && (keys || ui->opened ||
		    ui->now - last_frame >= FRAME_NS)) {
			ui_keep_off(ui);
			draw_frame(ui);
			last_frame = ui->now;
		}

		/* Sleep until input, events, output, a signal or a timer. */
		timeout = (int)(TICK_NS / 1000000);
		if (ui->dirty && !ui->opened)
			timeout = (int)((FRAME_NS - (ui->now - last_frame >
			    FRAME_NS ? FRAME_NS : ui->now - last_frame)) /
			    1000000) + 1;
		if (n == RING_BATCH)
			timeout = 0;	/* more waiting: just look at keys */
		nfd = 0;
		pfd[nfd].fd = STDIN_FILENO;
		pfd[nfd++].events = POLLIN;
		pfd[nfd].fd = sig_pipe[0];
		pfd[nfd++].events = POLLIN;
		wfd = -1;
		/*
		 * While events flow, drain on the frame timer rather than
		 * being woken for each one: a wake-up per event would cost the
		 * tracer an eventfd write and this thread a context switch
		 * (the ring holds seconds of events at any rate seen here).
		 * Idle, sleep on the ring so the first event wakes us.
		 */
		if (n > 0 || ui->now - last_event < FRAME_NS) {
			if (n > 0)
				last_event = ui->now;
			if (timeout > (int)(FRAME_NS / 1000000))
				timeout = (int)(FRAME_NS / 1000000);
		} else if (!ui->tracer_done && timeout > 0) {
			if ((wfd = run_wait_fd(ui->run)) >= 0) {
				pfd[nfd].fd = wfd;
				pfd[nfd++].events = POLLIN;
			} else
				timeout = 0;
		}
		if (ui->out_fd[0] >= 0) {
			pfd[nfd].fd = ui->out_fd[0];
			pfd[nfd++].events = POLLIN;
		}
		if (ui->out_fd[1] >= 0) {
			pfd[nfd].fd = ui->out_fd[1];
			pfd[nfd++].events = POLLIN;
		}
		if (poll(pfd, (nfds_t)nfd, timeout) < 0 && errno != EINTR)
			fatal("poll: %s", strerror(errno));
		if (wfd >= 0)
			run_wait_done(ui->run);
		if (ui->out_fd[0] >= 0)
			out_read(ui, 0);
		if (ui->out_fd[1] >= 0)
			out_read(ui, 1);
	}
}

/* ---- setup --------------------------------------------------------- */

static void
ui_free(struct ui *ui)
{
	size_t i;

	for (i = 0; i < ui->out_n; i++)
		free(ui->out[(ui->out_head + i) % UI_OUT_LINES].text);
	for (i = 0; i < 2; i++)
		if (ui->out_fd[i] >= 0)
			close(ui->out_fd[i]);
	free(ui->trows);
	free(ui->srows);
	sysdoc_free(ui->doc);
	free(ui);
}

/*
 * Does terminfo know this terminal?  Asked before anything starts: curses'
 * initscr() would print its own message and exit(1), leaving a traced
 * program behind.
 */
static int
terminal_known(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (term != NULL && *term != '\0' &&
	    setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		/* Only a question: initscr() makes its own. */
		del_curterm(cur_term);
		return 1;
	}
	fprintf(stderr, "sctui: cannot start the terminal UI (TERM=%s%s); "
	    "set TERM to your terminal's type (e.g. xterm-256color) or use "
	    "--batch\n", term != NULL ? term : "", term == NULL || !*term ?
	    ": not set" : err == 0 ? ": unknown to terminfo" : "?");
	return 0;
}

int
ui_begin(const char *hint)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sctui: the UI needs a terminal on stdin and "
		    "stdout; %s\n", hint);
		return 2;
	}
	if (!terminal_known())
		return 2;
	if (sig_pipe[0] < 0 && pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		fprintf(stderr, "sctui: pipe: %s\n", strerror(errno));
		return 1;
	}
	install_signals();
	return 0;
}

/* The terminal in curses mode; -1 (said on stderr) if it cannot be. */
static int
screen_start(struct ui *ui)
{
	fatal_hook = on_fatal;
	if (initscr() == NULL) {
		fatal_hook = NULL;
		fprintf(stderr, "sctui: cannot start the terminal UI (TERM="
		    "%s?); use --batch\n", getenv("TERM") ?
		    getenv("TERM") : "");
		return -1;
	}
	curses_on = 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	/* Clicks select and toggle, the wheel scrolls (Shift still selects
	 * text in most terminals). */
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	draw_init(ui);
	ui->dirty = DIRTY_ALL;
	ui->rebuild = 1;
	ui->rate_t = ui->start;
	return 0;
}

int
ui_save_session(struct ui *ui, const char *path, char *err, size_t errlen)
{
	return run_save_session(ui->run, path, ui->now, err, errlen);
}

/* What a call does and why it may be dangerous: read once, before drawing. */
static void
load_doc(struct ui *ui)
{
	char err[512];

	if (sysdoc_load_default(&ui->doc, err, sizeof(err)) < 0) {
		ui->doc = NULL;
		ui_message(ui, 1, "no syscall descriptions: %s", err);
	}
}

/* The state of an opened run: its saved clock, and what was opened. */
static void
opened_state(struct ui *ui, const struct ui_opts *o)
{
	struct model_totals t;

	model_totals(ui->model, &t);
	ui->now = run_saved_ns(ui->run);
	if (run_from_profile(ui->run))
		ui_message(ui, 0, "opened the profile %s: %zu allowed call%s, "
		    "nothing traced; toggle and save (F2) as live", o->title,
		    model_nsys(ui->model), draw_plural(model_nsys(ui->model)));
	else
		ui_message(ui, 0, "opened the session %s: %u process%s, %zu "
		    "syscall%s, nothing traced; toggle, save a profile (F2)",
		    o->title, t.procs_total, t.procs_total == 1 ? "" : "es",
		    model_nsys(ui->model), draw_plural(model_nsys(ui->model)));
}

int
ui_run(struct run *r, const struct ui_opts *o)
{
	struct ui *ui;
	char st[32];
	int code;

	ui = xcalloc(1, sizeof(*ui));
	ui->run = r;
	ui->opts = *o;
	ui->model = run_model(r);
	ui->opened = run_opened(r);
	ui->attached = run_attached(r);
	ui->command = run_command(r);
	ui->cmdname = run_cmdname(r);
	ui->mode_name = run_mode_name(r);
	ui->start = run_start_ns(r);
	ui->root_status = run_root_status(r);
	/* A live run, even one over already, ends through the loop. */
	ui->tracer_done = ui->opened;
	ui->sel_proc = TROW_ALL;
	ui->focus = PANE_SYS;
	ui->out_fd[0] = run_output_fd(r, 0);
	ui->out_fd[1] = run_output_fd(r, 1);
	if (ui->opened)
		opened_state(ui, o);
	else {
		if (o->note != NULL)
			ui_message(ui, o->note_err, "%s", o->note);
		if (*run_mode_note(r))
			ui_message(ui, 0, "%s", run_mode_note(r));
	}
	if (screen_start(ui) < 0) {
		if (!ui->opened)
			run_close(r, RUN_END);
		ui_free(ui);
		return 1;
	}
	load_doc(ui);
	loop(ui);
	restore_terminal();
	fatal_hook = NULL;
	if (!ui->opened) {
		/* quit_now while running cannot happen; be safe anyway. */
		if (ui_running(ui))
			run_close(r, RUN_KILL);
		ui->root_status = run_root_status(r);
		if (ui->attached)
			fprintf(stderr, "sctui: detached from %s\n",
			    ui->command);
		else {
			summary_status(ui->root_status, st, sizeof(st));
			fprintf(stderr, "sctui: %s: %s\n", ui->command, st);
		}
	}
	if (ui->unsaved > 0)
		fprintf(stderr, "sctui: %u toggle change%s not saved\n",
		    ui->unsaved, ui->unsaved == 1 ? " was" : "s were");
	code = ui->exit_code;
	ui_free(ui);
	return code;
}
