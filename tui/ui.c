/*
 * ui.c - the interactive mode: threads, the event loop, the terminal.
 *
 * The tracer runs on a thread of its own (tracer_start() and tracer_run()
 * both on it, as ptrace requires); its sink pushes every event into the SPSC
 * ring, blocking when the ring is full.  This thread alone owns the model:
 * each turn of the loop it polls the terminal, the ring's eventfd, the
 * program's output (the master of its pseudo-terminal, the pipe of its
 * stderr) and a self-pipe for signals; drains at most RING_BATCH events
 * into the model; handles the keys that came in (so a flood of events
 * never starves the keyboard); and redraws, at most FRAME_NS apart and
 * only what is dirty.
 *
 * The terminal is restored on every way out: quitting, Ctrl-C, SIGTERM,
 * SIGHUP and SIGINT (through the loop), fatal() (through fatal_hook), and
 * crashes and failed assertions (SIGABRT, SIGSEGV, SIGBUS handlers).
 */
#include "config.h"
#include "ui.h"
#include "ui-int.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <sched.h>
#include <seccomp.h>
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

#include "cli.h"
#include "demo.h"
#include "escape.h"
#include "pty.h"
#include "tracesetup.h"
#include "ring.h"
#include "summary.h"
#include "sysname.h"
#include "tracer.h"
#include "xalloc.h"

#define RING_CAPACITY	65536
#define RING_BATCH	4096		/* events per turn, then keys */
#define FRAME_NS	50000000ull	/* at most 20 frames a second */
#define TICK_NS		1000000000ull	/* header clock and rate */

static int sig_pipe[2] = { -1, -1 };
static volatile sig_atomic_t sig_last;
static volatile sig_atomic_t curses_on;

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

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

/* ---- the tracer thread -------------------------------------------- */

struct start_sync {
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	int		 done, rc;
};

struct tracer_thread {
	struct ui		*ui;
	struct start_sync	 sync;
};

static void
sink_emit(void *ctx, const struct sc_event *ev)
{
	/* -EPIPE: the UI has gone and reads no more; nothing to keep. */
	(void)ring_push(ctx, ev);
}

/* The tracer thread's id, for ui_keep_off(); 0 until it runs. */
static _Atomic pid_t tracer_tid;

static void *
tracer_main(void *arg)
{
	struct tracer_thread *tt = arg;
	struct ui *ui = tt->ui;
	int rc;

	tracer_tid = gettid();
	rc = tracer_start(ui->tracer);
	pthread_mutex_lock(&tt->sync.lock);
	tt->sync.rc = rc;
	tt->sync.done = 1;
	pthread_cond_signal(&tt->sync.cond);
	pthread_mutex_unlock(&tt->sync.lock);
	if (rc == 0)
		(void)tracer_run(ui->tracer);
	ring_finish(ui->ring);
	return NULL;
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
ui_live_denied(const struct ui *ui, uint32_t sysid)
{
	size_t i;

	for (i = 0; i < ui->nlive; i++)
		if (ui->live_ids[i] == sysid)
			return 1;
	return 0;
}

/*
 * Makes the tracer fail sysid from now on (on) or let it run again, and
 * remembers which calls are denied live for the views.  Returns 0 or the
 * tracer's -errno (-EOPNOTSUPP off x86_64); -ESRCH with nothing traced.
 */
int
ui_live_set(struct ui *ui, uint32_t sysid, int on)
{
	uint32_t arch = sysname_arch(sysid);
	size_t i;
	int rc;

	if (ui->tracer == NULL)
		return -ESRCH;
	/* The kernel reports x32 calls as x86_64 ones. */
	if (arch == SCMP_ARCH_X32)
		arch = SCMP_ARCH_X86_64;
	rc = tracer_deny(ui->tracer, arch, sysname_nr(sysid), on ?
	    ui->live_errno : 0);
	if (rc < 0)
		return rc;
	for (i = 0; i < ui->nlive && ui->live_ids[i] != sysid; i++)
		;
	if (on && i == ui->nlive) {
		if (ui->nlive == ui->caplive) {
			ui->caplive = ui->caplive ? ui->caplive * 2 : 16;
			ui->live_ids = xreallocarray(ui->live_ids,
			    ui->caplive, sizeof(*ui->live_ids));
		}
		ui->live_ids[ui->nlive++] = sysid;
	} else if (!on && i < ui->nlive)
		ui->live_ids[i] = ui->live_ids[--ui->nlive];
	ui->dirty |= DIRTY_HEADER | DIRTY_SYS | DIRTY_BOTTOM;
	return 0;
}

/* Remembers what --deny denied, for the views. */
static void
live_from_cli(struct ui *ui, const struct cli *c)
{
	uint32_t arches[4], id;
	char *const *name;
	int i, n;

	n = sysname_native_arches(arches, 4);
	for (name = c->deny; name != NULL && *name != NULL; name++)
		for (i = 0; i < n; i++) {
			if ((id = sysname_lookup(arches[i], *name)) ==
			    SYSID_NONE || ui_live_denied(ui, id))
				continue;
			if (ui->nlive == ui->caplive) {
				ui->caplive = ui->caplive ? ui->caplive * 2 :
				    16;
				ui->live_ids = xreallocarray(ui->live_ids,
				    ui->caplive, sizeof(*ui->live_ids));
			}
			ui->live_ids[ui->nlive++] = id;
		}
}

void
ui_end(struct ui *ui, int how)
{
	if (!ui_running(ui))
		return;
	if (how == TRACER_REQ_STOP ||
	    (how == TRACER_REQ_END && !ui->attached))
		model_mark_shutdown(ui->model, now_ns());
	tracer_request(ui->tracer, (enum tracer_req)how);
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

static void
log_event(struct ui *ui, const struct sc_event *ev)
{
	struct ui_logent *e;
	const struct model_proc *p;

	if (ui->log_n == UI_LOG_LEN) {
		ui->log_head = (ui->log_head + 1) % UI_LOG_LEN;
		ui->log_n--;
	}
	e = &ui->log[(ui->log_head + ui->log_n++) % UI_LOG_LEN];
	e->ts = ev->ts;
	e->tid = ev->tid;
	e->tgid = ev->tgid;
	e->sysid = sysname_id(ev->arch, ev->nr);
	p = model_proc_by_pid(ui->model, ev->tgid);
	e->phase = p != NULL ? p->phase : PHASE_STARTUP;
	memcpy(e->args, ev->u.args, sizeof(e->args));
}

/* Moves up to RING_BATCH events into the model; returns how many. */
static size_t
drain(struct ui *ui)
{
	static struct sc_event buf[512];
	size_t total = 0, n, i;
	size_t nsys = model_nsys(ui->model), nprocs = model_nprocs(ui->model);

	while (total < RING_BATCH &&
	    (n = ring_pop(ui->ring, buf, sizeof(buf) / sizeof(buf[0]))) > 0) {
		for (i = 0; i < n; i++) {
			model_event(ui->model, &buf[i]);
			if (buf[i].kind == SC_EV_SYSCALL && !ui->log_paused &&
			    (buf[i].ts - ui->start) > 0)
				log_event(ui, &buf[i]);
			if (buf[i].kind != SC_EV_SYSCALL)
				ui->dirty |= DIRTY_TREE;
			if (buf[i].kind == SC_EV_OWNFILTER)
				ui_message(ui, 0, "pid %d installed its own "
				    "seccomp filter: %s", buf[i].tgid,
				    tracer_ownfilter_note(&buf[i]));
		}
		total += n;
	}
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

static void
tracer_finished(struct ui *ui)
{
	char st[32];

	pthread_join(ui->thread, NULL);
	ui->tracer_done = 1;
	ui->root_status = tracer_root_status(ui->tracer);
	ui->rebuild = 1;
	ui->dirty |= DIRTY_HEADER | DIRTY_TREE | DIRTY_SYS | DIRTY_BOTTOM;
	if (ui->quitting)
		return;
	if (ui->attached)
		ui_message(ui, 0, "every traced process is gone or detached; "
		    "review, save (F2), quit (F10)");
	else {
		summary_status(ui->root_status, st, sizeof(st));
		ui_message(ui, 0, "the program ended (%s); review, save (F2), "
		    "quit (F10)", st);
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
	ui_end(ui, ui->ends > 1 ? TRACER_REQ_KILL : TRACER_REQ_END);
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
		/* The elapsed clock, and "new" marks that age. */
		ui->dirty |= DIRTY_HEADER | DIRTY_SYS;
	}
}

/*
 * Keeps the UI thread off the CPU the tracer thread has moved to (beside
 * a busy tracee, tracer/place.h), so that drawing never delays a stop.
 * One sched_getaffinity(2) a frame; the thread's own CPUs back otherwise.
 */
static void
ui_keep_off(void)
{
	static cpu_set_t orig;
	static int off = -1, have;
	cpu_set_t tr, mine;
	pid_t tid = tracer_tid;
	int cpu = -1, c;

	if (tid <= 0 || (!have && sched_getaffinity(0, sizeof(orig),
	    &orig) < 0))
		return;
	have = 1;
	if (sched_getaffinity(tid, sizeof(tr), &tr) == 0 &&
	    CPU_COUNT(&tr) == 1)
		for (c = 0; c < CPU_SETSIZE && cpu < 0; c++)
			if (CPU_ISSET(c, &tr) && CPU_ISSET(c, &orig) &&
			    CPU_COUNT(&orig) > 1)
				cpu = c;
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
	int nfd, ring_slot, armed, timeout, ch, keys;
	char c;

	for (;;) {
		if (!ui->opened)
			ui->now = now_ns();
		n = ui->tracer_done ? 0 : drain(ui);
		if (!ui->tracer_done && n == 0 && ring_finished(ui->ring))
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
			ui->now = now_ns();
			tick(ui);
		}
		if (ui->dirty && (keys || ui->opened ||
		    ui->now - last_frame >= FRAME_NS)) {
			ui_keep_off();
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
		ring_slot = -1;
		armed = 0;
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
			armed = ring_wait_prepare(ui->ring);
			if (armed) {
				ring_slot = nfd;
				pfd[nfd].fd = ring_fd(ui->ring);
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
		if (armed)
			ring_wait_done(ui->ring);
		(void)ring_slot;
		if (ui->out_fd[0] >= 0)
			out_read(ui, 0);
		if (ui->out_fd[1] >= 0)
			out_read(ui, 1);
	}
}

/* ---- setup --------------------------------------------------------- */

/* The base of default file names: a plain name in the current folder. */
static void
set_cmdname(struct ui *ui, const char *name)
{
	size_t i;

	snprintf(ui->cmdname, sizeof(ui->cmdname), "%s", name);
	for (i = 0; ui->cmdname[i] != '\0'; i++)
		if (ui->cmdname[i] == '/' || (unsigned char)ui->cmdname[i] <
		    0x20 || ui->cmdname[i] == 0x7f)
			ui->cmdname[i] = '_';
	if (ui->cmdname[0] == '\0' || ui->cmdname[0] == '.')
		snprintf(ui->cmdname, sizeof(ui->cmdname), "profile");
}

static void
describe_command(struct ui *ui, const struct cli *c)
{
	size_t i, o = 0;
	char esc[256];
	char comm[64] = "", path[64];
	const char *base;
	FILE *f;

	if (c->npids > 0) {
		snprintf(path, sizeof(path), "/proc/%d/comm", (int)c->pids[0]);
		if ((f = fopen(path, "re")) != NULL) {
			if (fgets(comm, sizeof(comm), f) != NULL)
				comm[strcspn(comm, "\n")] = '\0';
			fclose(f);
		}
		o = (size_t)snprintf(ui->command, sizeof(ui->command),
		    "attached to");
		for (i = 0; i < c->npids && o < sizeof(ui->command); i++)
			o += (size_t)snprintf(ui->command + o,
			    sizeof(ui->command) - o, " %d", (int)c->pids[i]);
		if (comm[0] != '\0' && o < sizeof(ui->command)) {
			escape_name(comm, esc, sizeof(esc));
			snprintf(ui->command + o, sizeof(ui->command) - o,
			    " (%.200s)", esc);
		}
		set_cmdname(ui, comm[0] ? comm : "attached");
	} else {
		for (i = 0; c->argv[i] != NULL && o < sizeof(ui->command);
		    i++) {
			escape_name(c->argv[i], esc, sizeof(esc));
			o += (size_t)snprintf(ui->command + o,
			    sizeof(ui->command) - o, "%s%s", i ? " " : "",
			    esc);
		}
		/* The last component of argv[0], however long the path. */
		base = strrchr(c->argv[0], '/');
		set_cmdname(ui, base != NULL && base[1] != '\0' ? base + 1 :
		    c->argv[0]);
	}
}

static int
start_code(const struct cli *c, int rc)
{
	if (c->npids == 0 && rc == -ENOENT)
		return 127;
	if (c->npids == 0 && rc == -EACCES)
		return 126;
	return 1;
}

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
	free(ui->live_ids);
	session_meta_free(&ui->meta);
	tracer_free(ui->tracer);
	ring_free(ui->ring);
	model_free(ui->model);
	tracesetup_free(&ui->setup);
	free(ui);
}

static struct demo *the_demo;

/* The demo's traffic is over: stop the server gracefully. */
static void
demo_done(void *arg)
{
	tracer_request(arg, TRACER_REQ_STOP);
}

int
ui_main_demo(const struct cli *c, struct demo *d)
{
	int rc;

	the_demo = d;
	rc = ui_main(c);
	the_demo = NULL;
	return rc;
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
	struct session_meta meta;
	uint32_t arches[SYSNAME_MAX_ARCH];
	char *names[SYSNAME_MAX_ARCH + 1];
	int i, n;

	if (ui->opened)
		return session_save(path, ui->model, &ui->meta, err, errlen);
	memset(&meta, 0, sizeof(meta));
	n = sysname_native_arches(arches, SYSNAME_MAX_ARCH);
	for (i = 0; i < n; i++)
		names[i] = (char *)sysname_arch_name(arches[i]);
	names[n] = NULL;
	meta.command = ui->command;
	meta.cmdname = ui->cmdname;
	meta.mode = (char *)ui->mode_name;
	meta.arches = names;
	meta.start = ui->start;
	meta.saved = ui->now;
	meta.root_status = ui_running(ui) ? -1 : ui->root_status;
	meta.attached = ui->attached;
	return session_save(path, ui->model, &meta, err, errlen);
}

int
ui_open(const struct cli *c)
{
	struct model_opts mo = { 0 };
	struct model_totals t;
	struct ui *ui;
	char err[1024];
	int code;

	ui = xcalloc(1, sizeof(*ui));
	ui->cli = c;
	ui->sel_proc = TROW_ALL;
	ui->focus = PANE_SYS;
	ui->out_fd[0] = ui->out_fd[1] = -1;
	ui->opened = 1;
	ui->tracer_done = 1;	/* nothing runs: the tracer is "done" */
	mo.serve_on = (const char *const *)c->serve_on;
	if (session_load(c->open, &mo, &ui->model, &ui->meta, err,
	    sizeof(err)) < 0) {
		fprintf(stderr, "sctui: %s\n", err);
		ui_free(ui);
		return 1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sctui: the UI needs a terminal on stdin and "
		    "stdout; use --open with --batch to print the summary\n");
		ui_free(ui);
		return 2;
	}
	if (!terminal_known()) {
		ui_free(ui);
		return 2;
	}
	escape_name(ui->meta.command, ui->command, sizeof(ui->command));
	set_cmdname(ui, ui->meta.cmdname);
	ui->mode_name = ui->meta.mode;
	ui->attached = ui->meta.attached;
	ui->root_status = ui->meta.root_status;
	model_totals(ui->model, &t);
	ui->start = ui->meta.start;
	ui->now = ui->meta.saved > t.last ? ui->meta.saved : t.last;
	ui->live_errno = c->errno_ret > 0 ? c->errno_ret : EPERM;
	if (ui->meta.from_profile)
		ui_message(ui, 0, "opened the profile %s: %zu allowed calls, "
		    "nothing traced; toggle and save (F2) as live", c->open,
		    model_nsys(ui->model));
	else
		ui_message(ui, 0, "opened the session %s: %u process%s, %zu "
		    "syscalls, nothing traced; toggle, save a profile (F2)",
		    c->open, t.procs_total, t.procs_total == 1 ? "" : "es",
		    model_nsys(ui->model));
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		fprintf(stderr, "sctui: pipe: %s\n", strerror(errno));
		ui_free(ui);
		return 1;
	}
	install_signals();
	if (screen_start(ui) < 0) {
		ui_free(ui);
		return 1;
	}
	loop(ui);
	restore_terminal();
	fatal_hook = NULL;
	if (ui->unsaved > 0)
		fprintf(stderr, "sctui: %u toggle change%s not saved\n",
		    ui->unsaved, ui->unsaved == 1 ? " was" : "s were");
	code = ui->exit_code;
	ui_free(ui);
	return code;
}

int
ui_main(const struct cli *c)
{
	struct model_opts mo = { 0 };
	struct tracer_opts to = { 0 };
	struct tracer_thread tt;
	struct sc_sink sink;
	struct ui *ui;
	sigset_t block, old;
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, devnull = -1, rc = 0;
	int code;
	struct winsize ws;
	char st[32];

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "sctui: the UI needs a terminal on stdin and "
		    "stdout; use --batch to trace without one\n");
		return 2;
	}
	if (!terminal_known())
		return 2;
	ui = xcalloc(1, sizeof(*ui));
	ui->cli = c;
	ui->attached = c->npids > 0;
	ui->sel_proc = TROW_ALL;
	ui->focus = PANE_SYS;
	ui->out_fd[0] = ui->out_fd[1] = -1;
	ui->root_status = -1;
	describe_command(ui, c);

	mo.serve_on = (const char *const *)c->serve_on;
	mo.serve_after_ns = (uint64_t)(c->serve_after * 1e9);
	ui->model = model_new(&mo);
	if ((ui->ring = ring_new(RING_CAPACITY)) == NULL) {
		fprintf(stderr, "sctui: eventfd: %s\n", strerror(errno));
		ui_free(ui);
		return 1;
	}
	sink.ctx = ui->ring;
	sink.emit = sink_emit;

	/*
	 * The program's stdin is /dev/null; its stdout is a pseudo-terminal
	 * of its own, also its controlling terminal (it never gets the one
	 * the UI draws on), and its stderr a pipe, so the Output pane still
	 * tells them apart.
	 */
	to.stdin_fd = to.stdout_fd = to.stderr_fd = -1;
	if (!ui->attached) {
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0)
			memset(&ws, 0, sizeof(ws));
		if ((rc = pty_open(&outp[0], &outp[1], &ws)) < 0)
			fprintf(stderr, "sctui: cannot open a pseudo-terminal "
			    "for the program: %s (is devpts mounted on "
			    "/dev/pts?); --batch runs it without one\n",
			    strerror(-rc));
		else if ((devnull = open("/dev/null", O_RDONLY |
		    O_CLOEXEC)) < 0 || pipe2(errp, O_CLOEXEC) < 0)
			fprintf(stderr, "sctui: cannot set up the program's "
			    "stdio: %s\n", strerror(errno));
		if (rc < 0 || devnull < 0 || errp[0] < 0) {
			if (devnull >= 0)
				close(devnull);
			if (outp[0] >= 0) {
				close(outp[0]);
				close(outp[1]);
			}
			ui_free(ui);
			return 1;
		}
		to.stdin_fd = devnull;
		to.stdout_fd = outp[1];
		to.stdout_ctty = 1;
		to.stderr_fd = errp[1];
		ui->out_fd[0] = outp[0];
		ui->out_fd[1] = errp[0];
		fcntl(errp[0], F_SETFL, O_NONBLOCK);
	}
	to.argv = c->argv;
	to.attach = c->pids;
	to.nattach = c->npids;
	to.mode = c->no_seccomp ? TRACER_SYSCALL : c->no_notify ?
	    TRACER_SECCOMP : TRACER_NOTIFY;
	to.stop_signal = c->stop_signal;
	if (tracesetup_profile(c, &ui->setup) < 0) {
		ui_free(ui);
		return 1;
	}
	to.filter = ui->setup.bpf;
	to.filter_len = ui->setup.bpf_len;
	ui->tracer = tracer_new(&to, &sink);
	if (tracesetup_deny(c, ui->tracer) < 0) {
		ui_free(ui);
		return 1;
	}
	live_from_cli(ui, c);
	ui->live_errno = c->errno_ret > 0 ? c->errno_ret : EPERM;

	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		fprintf(stderr, "sctui: pipe: %s\n", strerror(errno));
		ui_free(ui);
		return 1;
	}
	install_signals();
	/*
	 * SIGCHLD for the tracer; the terminating signals and SIGWINCH for
	 * this thread only, so that they interrupt its poll(2).
	 */
	tracer_block_signals();
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGWINCH);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	memset(&tt, 0, sizeof(tt));
	tt.ui = ui;
	pthread_mutex_init(&tt.sync.lock, NULL);
	pthread_cond_init(&tt.sync.cond, NULL);
	ui->start = now_ns();
	if ((rc = pthread_create(&ui->thread, NULL, tracer_main, &tt)) != 0)
		fatal("pthread_create: %s", strerror(rc));
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_mutex_lock(&tt.sync.lock);
	while (!tt.sync.done)
		pthread_cond_wait(&tt.sync.cond, &tt.sync.lock);
	rc = tt.sync.rc;
	pthread_mutex_unlock(&tt.sync.lock);
	if (!ui->attached) {
		close(to.stdin_fd);
		close(outp[1]);
		close(errp[1]);
	}
	if (rc < 0) {
		pthread_join(ui->thread, NULL);
		fprintf(stderr, "sctui: %s\n", tracer_error(ui->tracer));
		code = start_code(c, rc);
		ui_free(ui);
		return code;
	}
	ui->mode_name = tracesetup_mode_name(&ui->setup, ui->tracer);
	if (the_demo != NULL) {
		ui->demo = the_demo;
		demo_set_stop(ui->demo, demo_done, ui->tracer);
		if ((rc = demo_start(ui->demo)) < 0)
			ui_message(ui, 1, "demo: cannot start its client: %s",
			    strerror(-rc));
		else if (demo_note(ui->demo) != NULL)
			ui_message(ui, 0, "demo: %s", demo_note(ui->demo));
	}
	if (*tracer_mode_note(ui->tracer))
		ui_message(ui, 0, "%s", tracer_mode_note(ui->tracer));

	if (screen_start(ui) < 0) {
		tracer_request(ui->tracer, TRACER_REQ_END);
		ring_close(ui->ring);
		pthread_join(ui->thread, NULL);
		ui_free(ui);
		return 1;
	}
	loop(ui);
	restore_terminal();
	fatal_hook = NULL;
	if (ui_running(ui)) {
		/* quit_now while running cannot happen; be safe anyway. */
		tracer_request(ui->tracer, TRACER_REQ_KILL);
		ring_close(ui->ring);
		pthread_join(ui->thread, NULL);
		ui->tracer_done = 1;
		ui->root_status = tracer_root_status(ui->tracer);
	}
	if (ui->attached)
		fprintf(stderr, "sctui: detached from %s\n", ui->command);
	else {
		summary_status(ui->root_status, st, sizeof(st));
		fprintf(stderr, "sctui: %s: %s\n", ui->command, st);
	}
	if (ui->unsaved > 0)
		fprintf(stderr, "sctui: %u toggle change%s not saved\n",
		    ui->unsaved, ui->unsaved == 1 ? " was" : "s were");
	code = ui->exit_code;
	pthread_mutex_destroy(&tt.sync.lock);
	pthread_cond_destroy(&tt.sync.cond);
	ui_free(ui);
	return code;
}
