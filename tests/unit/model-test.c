/*
 * model-test.c - the model and its phases, on synthetic event streams.
 */
#include "config.h"

#include <seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "argspec.h"
#include "events.h"
#include "idmap.h"
#include "model.h"
#include "summary.h"
#include "sysdoc.h"
#include "sysname.h"
#include "tap.h"

static const struct model_sys *
sys_named(struct model *m, const char *name)
{
	uint32_t i = model_sys_find(m, sysname_lookup(SCMP_ARCH_X86_64, name));

	return i == IDMAP_NONE ? NULL : model_sys(m, i);
}

/* tid of tgid makes the waiting call name with no timeout: it may block. */
static void
wait_call(struct model *m, int tid, int tgid, const char *name)
{
	struct sc_event e = ev(SC_EV_SYSCALL, tid, tgid);
	int i;

	e.arch = SCMP_ARCH_X86_64;
	e.nr = sysname_nr(sysname_lookup(SCMP_ARCH_X86_64, name));
	for (i = 0; i < 6; i++)
		e.u.args[i] = (uint64_t)-1;
	model_event(m, &e);
}

/* The sampler found tid of tgid asleep in name. */
static void
waiting(struct model *m, int tid, int tgid, const char *name)
{
	struct sc_event e = ev(SC_EV_WAITING, tid, tgid);

	e.arch = SCMP_ARCH_X86_64;
	e.nr = sysname_nr(sysname_lookup(SCMP_ARCH_X86_64, name));
	model_event(m, &e);
}

static void
test_phases(void)
{
	struct model *m = model_new(NULL);
	const struct model_sys *s;
	const struct model_proc *p;

	spawn(m, 100, 0, "srv", 0);
	call(m, 100, 100, "openat");
	call(m, 100, 100, "openat");
	wait_call(m, 100, 100, "epoll_wait");	/* starts serving, counted there */
	call(m, 100, 100, "read");
	emit(m, SC_EV_SIGNAL, 100, 100, SIGTERM, NULL);
	call(m, 100, 100, "unlink");
	call(m, 100, 100, "exit_group");

	s = sys_named(m, "openat");
	CHECK(s != NULL);
	CHECK_EQ_U(s->count[PHASE_STARTUP], 2);
	CHECK_EQ_U(s->total, 2);
	s = sys_named(m, "epoll_wait");
	CHECK_EQ_U(s->count[PHASE_SERVING], 1);
	CHECK_EQ_U(s->count[PHASE_STARTUP], 0);
	CHECK_EQ_U(sys_named(m, "read")->count[PHASE_SERVING], 1);
	CHECK_EQ_U(sys_named(m, "unlink")->count[PHASE_SHUTDOWN], 1);
	CHECK_EQ_U(sys_named(m, "exit_group")->count[PHASE_SHUTDOWN], 1);
	p = model_proc_by_pid(m, 100);
	CHECK(p != NULL && p->phase == PHASE_SHUTDOWN);
	CHECK_EQ_U(p->signals, 1);
	model_free(m);
}

static void
test_exit_group_and_exit(void)
{
	struct model *m = model_new(NULL);

	spawn(m, 1, 0, "a", 0);
	thread(m, 2, 1);
	call(m, 2, 1, "exit");			/* one thread of two: no */
	CHECK_EQ_U(sys_named(m, "exit")->count[PHASE_STARTUP], 1);
	emit(m, SC_EV_EXIT, 2, 1, 0, NULL);
	call(m, 1, 1, "exit");			/* last thread: shutdown */
	CHECK_EQ_U(sys_named(m, "exit")->count[PHASE_SHUTDOWN], 1);
	model_free(m);
}

static void
test_tree_and_exec(void)
{
	struct model *m = model_new(NULL);
	const struct model_proc *p, *c;
	struct model_totals t;

	spawn(m, 10, 0, "sh", 0);
	spawn(m, 11, 10, NULL, 0);		/* fork: inherits the name */
	thread(m, 12, 11);
	wait_call(m, 11, 11, "epoll_wait");
	p = model_proc_by_pid(m, 11);
	CHECK(p != NULL && strcmp(p->name, "sh") == 0);
	CHECK(p->parent == model_proc_by_pid(m, 10)->id);
	CHECK_EQ_U(p->threads_live, 2);
	CHECK(p->phase == PHASE_SERVING);

	/* A non-leader thread execs: back to one thread, startup, new name. */
	emit(m, SC_EV_EXEC, 11, 11, 12, "worker");
	CHECK(strcmp(p->name, "worker") == 0);
	CHECK_EQ_U(p->nexecs, 1);
	CHECK_EQ_U(p->threads_live, 1);
	CHECK(p->phase == PHASE_STARTUP);

	emit(m, SC_EV_EXIT, 11, 11, 42 << 8, NULL);
	CHECK(p->state == PROC_EXITED && p->status == 42 << 8);

	/* The pid is reused: a new record, the old one kept. */
	spawn(m, 11, 10, NULL, 0);
	c = model_proc_by_pid(m, 11);
	CHECK(c != p && c->state == PROC_LIVE);
	CHECK_EQ_U(model_nprocs(m), 3);
	model_totals(m, &t);
	CHECK_EQ_U(t.procs_total, 3);
	CHECK_EQ_U(t.procs_live, 2);
	CHECK_EQ_U(t.threads_total, 4);
	model_free(m);
}

static void
test_serve_options(void)
{
	static const char *const on[] = { "nanosleep", NULL };
	struct model_opts o = { .serve_on = on, .serve_after_ns = 500,
	    .stop_sigs = 1ull << SIGUSR1 };
	struct model *m = model_new(&o);

	spawn(m, 5, 0, "x", 0);
	call(m, 5, 5, "epoll_wait");		/* not in the list */
	CHECK_EQ_U(sys_named(m, "epoll_wait")->count[PHASE_STARTUP], 1);
	call(m, 5, 5, "nanosleep");
	CHECK_EQ_U(sys_named(m, "nanosleep")->count[PHASE_SERVING], 1);
	emit(m, SC_EV_SIGNAL, 5, 5, SIGTERM, NULL);	/* not a stop signal */
	CHECK(model_proc_by_pid(m, 5)->phase == PHASE_SERVING);
	emit(m, SC_EV_SIGNAL, 5, 5, SIGUSR1, NULL);
	CHECK(model_proc_by_pid(m, 5)->phase == PHASE_SHUTDOWN);

	spawn(m, 6, 0, "y", 0);
	now += 1000;				/* past serve_after */
	call(m, 6, 6, "read");
	CHECK_EQ_U(sys_named(m, "read")->count[PHASE_SERVING], 1);
	spawn(m, 7, 0, "z", 0);
	model_tick(m, now + 1000);
	CHECK(model_proc_by_pid(m, 7)->phase == PHASE_SERVING);
	model_free(m);
}

static void
test_marks_and_toggles(void)
{
	struct model *m = model_new(NULL);
	uint32_t i;

	spawn(m, 1, 0, "a", 0);
	spawn(m, 2, 1, "b", 0);
	model_mark_serving(m, now++);
	CHECK(model_proc_by_pid(m, 1)->phase == PHASE_SERVING);
	call(m, 2, 2, "read");
	CHECK_EQ_U(sys_named(m, "read")->count[PHASE_SERVING], 1);
	model_mark_shutdown(m, now++);
	CHECK(model_proc_by_pid(m, 2)->phase == PHASE_SHUTDOWN);
	i = model_sys_find(m, sysname_lookup(SCMP_ARCH_X86_64, "read"));
	CHECK(model_toggle(m, i, TOGGLE_DENY) == 0);
	CHECK(model_sys(m, i)->toggle == TOGGLE_DENY);
	CHECK(model_toggle(m, 999, TOGGLE_DENY) < 0);
	model_free(m);
}

static void
test_arches(void)
{
	struct model *m = model_new(NULL);
	struct sc_event e = ev(SC_EV_SYSCALL, 1, 1);
	uint32_t id;

	e.arch = SCMP_ARCH_X86;
	e.nr = 20;				/* getpid on i386 */
	model_event(m, &e);
	e.arch = SCMP_ARCH_X86_64;
	e.nr = 0x40000000 | 39;			/* getpid on x32 */
	model_event(m, &e);
	CHECK_EQ_U(model_nsys(m), 2);
	id = model_sys(m, 0)->sysid;
	CHECK(sysname_arch(id) == SCMP_ARCH_X86);
	CHECK(strcmp(sysname_name(id), "getpid") == 0);
	id = model_sys(m, 1)->sysid;
	CHECK(sysname_arch(id) == SCMP_ARCH_X32);
	CHECK(strcmp(sysname_name(id), "getpid") == 0);
	e.arch = SCMP_ARCH_X86_64;
	e.nr = 999;				/* no such call */
	model_event(m, &e);
	CHECK(strcmp(sysname_name(model_sys(m, 2)->sysid), "syscall_999") == 0);
	CHECK(!sysname_known(model_sys(m, 2)->sysid));
	model_free(m);
}

/* The recorded argument of call (arch x86_64) numbered arg, or NULL. */
static const struct model_arg *
arg_of(const struct model *m, const char *call, unsigned int arg)
{
	uint32_t i = model_sys_find(m, sysname_lookup(SCMP_ARCH_X86_64, call));
	const struct model_sys *s = model_sys(m, i);
	uint8_t j;

	for (j = 0; s != NULL && j < s->nargs; j++)
		if (s->args[j].spec->arg == arg)
			return &s->args[j];
	return NULL;
}

static void
test_args(void)
{
	struct model *m = model_new(NULL);
	const struct model_arg *a;
	char buf[128];
	int i;

	spawn(m, 10, 1, "a", SC_EVF_ROOT);
	spawn(m, 11, 10, "b", 0);
	call_args(m, 10, 10, "socket", AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	call_args(m, 10, 10, "socket", AF_INET, SOCK_STREAM, 0);
	call_args(m, 11, 11, "socket", AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	wait_call(m, 10, 10, "epoll_wait");	/* 10 serves */
	call_args(m, 10, 10, "socket", AF_UNIX, SOCK_DGRAM, 0);
	/* Family: two values, with phases and processes. */
	a = arg_of(m, "socket", 0);
	CHECK(a != NULL);
	if (a == NULL)
		return;
	CHECK_EQ_U(a->nvals, 2);
	CHECK_EQ_U(a->vals[0].value, AF_INET);
	CHECK_EQ_U(a->vals[0].count[PHASE_STARTUP], 2);
	CHECK_EQ_U(a->vals[0].nprocs, 1);
	CHECK_EQ_U(a->vals[1].value, AF_UNIX);
	CHECK_EQ_U(a->vals[1].count[PHASE_STARTUP], 1);
	CHECK_EQ_U(a->vals[1].count[PHASE_SERVING], 1);
	CHECK_EQ_U(a->vals[1].nprocs, 2);
	CHECK(strcmp(argspec_format(a->spec, AF_UNIX, buf, sizeof(buf)),
	    "AF_UNIX") == 0);
	/* Type: SOCK_NONBLOCK and SOCK_CLOEXEC are not the type. */
	a = arg_of(m, "socket", 1);
	CHECK(a != NULL && a->nvals == 2 && a->vals[0].value == SOCK_STREAM &&
	    a->vals[1].value == SOCK_DGRAM);
	/* clone: only the namespace bits, by name. */
	call_args(m, 10, 10, "clone", CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD |
	    CLONE_FILES, 0, 0);
	a = arg_of(m, "clone", 0);
	CHECK(a != NULL && a->nvals == 1);
	if (a != NULL)
		CHECK(strcmp(argspec_format(a->spec, a->vals[0].value, buf,
		    sizeof(buf)), "CLONE_NEWNS|CLONE_NEWUSER") == 0);
	/* Without any recorded bit: in words, never a bare 0 read as a
	 * value (PROT_NONE). */
	call_args(m, 10, 10, "clone", SIGCHLD | CLONE_FILES, 0, 0);
	a = arg_of(m, "clone", 0);
	CHECK(a != NULL && a->nvals == 2 && a->vals[1].value == 0);
	if (a != NULL && a->nvals == 2)
		CHECK(strcmp(argspec_label(a->spec, a->vals[1].value, buf,
		    sizeof(buf)), "no namespace flags") == 0);
	call_args(m, 10, 10, "mmap", 0, 4096, PROT_READ | PROT_WRITE);
	a = arg_of(m, "mmap", 2);
	CHECK(a != NULL && a->nvals == 1 && a->vals[0].value == 0);
	if (a != NULL && a->nvals == 1)
		CHECK(strcmp(argspec_label(a->spec, a->vals[0].value, buf,
		    sizeof(buf)), "no PROT_EXEC") == 0);
	/* Records for programs keep the number; a full mask has no words. */
	if (a != NULL && a->nvals == 1)
		CHECK(strcmp(argspec_format(a->spec, a->vals[0].value, buf,
		    sizeof(buf)), "0") == 0);
	CHECK(strcmp(argspec_label(argspec_arg("unshare", 0), 0, buf,
	    sizeof(buf)), "0") == 0);
	/* Bounded: MODEL_ARG_MAX values, the rest in many. */
	for (i = 0; i < 1000; i++)
		call_args(m, 10, 10, "ioctl", 1, 0x10000 + i, 0);
	a = arg_of(m, "ioctl", 1);
	CHECK(a != NULL && a->nvals == MODEL_ARG_MAX &&
	    a->many == 1000 - MODEL_ARG_MAX);
	/* Processes: the first MODEL_ARG_PROCS, then "more". */
	for (i = 0; i < MODEL_ARG_PROCS + 2; i++) {
		spawn(m, 20 + i, 10, "c", 0);
		call_args(m, 20 + i, 20 + i, "kill", 1, SIGTERM, 0);
	}
	a = arg_of(m, "kill", 1);
	CHECK(a != NULL && a->nvals == 1 &&
	    a->vals[0].nprocs == MODEL_ARG_PROCS && a->vals[0].more);
	if (a != NULL)
		CHECK(strcmp(argspec_format(a->spec, SIGTERM, buf,
		    sizeof(buf)), "SIGTERM") == 0);
	/* A call sctui records nothing of. */
	call_args(m, 10, 10, "read", 0, 0, 0);
	CHECK(arg_of(m, "read", 0) == NULL);
	model_free(m);
}

/* A call's count in one phase, over every process; 99999 if unseen. */
static uint64_t
count_in(struct model *m, const char *name, enum phase ph)
{
	const struct model_sys *s = sys_named(m, name);

	return s == NULL ? 99999 : s->count[ph];
}

/*
 * A threaded runtime: a helper thread waits before the main thread binds
 * and listens, which takes the tentative serving back; the wait after the
 * listen starts it again, the accept makes it final.
 */
static void
test_tentative(void)
{
	struct model *m = model_new(NULL);
	const struct model_proc *p;
	const struct model_arg *a;
	struct model_totals t;

	spawn(m, 1, 0, "node", 0);
	thread(m, 2, 1);
	call(m, 1, 1, "openat");
	wait_call(m, 2, 1, "epoll_wait");	/* tentatively serving */
	p = model_proc_by_pid(m, 1);
	CHECK(p->phase == PHASE_SERVING && p->tent_since != 0);
	CHECK(p->phase_since[PHASE_SERVING] == p->tent_since);
	call(m, 1, 1, "openat");
	call_args(m, 1, 1, "socket", AF_INET, SOCK_STREAM, 0);
	CHECK_EQ_U(count_in(m, "openat", PHASE_SERVING), 1);
	CHECK_EQ_U(count_in(m, "socket", PHASE_SERVING), 1);
	call(m, 1, 1, "bind");			/* still starting up */
	CHECK(p->phase == PHASE_STARTUP && p->tent_since == 0);
	CHECK_EQ_U(p->phase_since[PHASE_SERVING], 0);
	CHECK_EQ_U(count_in(m, "openat", PHASE_STARTUP), 2);
	CHECK_EQ_U(count_in(m, "openat", PHASE_SERVING), 0);
	CHECK_EQ_U(count_in(m, "epoll_wait", PHASE_STARTUP), 1);
	CHECK_EQ_U(count_in(m, "epoll_wait", PHASE_SERVING), 0);
	CHECK_EQ_U(count_in(m, "socket", PHASE_STARTUP), 1);
	CHECK_EQ_U(count_in(m, "bind", PHASE_STARTUP), 1);
	a = arg_of(m, "socket", 0);
	CHECK(a != NULL && a->vals[0].count[PHASE_STARTUP] == 1 &&
	    a->vals[0].count[PHASE_SERVING] == 0);
	CHECK_EQ_U(p->stats[0].count[PHASE_STARTUP], 2);	/* openat */
	model_totals(m, &t);
	CHECK_EQ_U(t.phase[PHASE_STARTUP], 5);
	CHECK_EQ_U(t.phase[PHASE_SERVING], 0);

	call(m, 1, 1, "listen");
	wait_call(m, 1, 1, "epoll_wait");
	CHECK(p->phase == PHASE_SERVING && p->tent_since != 0);
	call(m, 1, 1, "accept4");		/* serving for good */
	CHECK(p->tent_since == 0);
	call(m, 1, 1, "bind");
	CHECK(p->phase == PHASE_SERVING);
	CHECK_EQ_U(count_in(m, "listen", PHASE_STARTUP), 1);
	CHECK_EQ_U(count_in(m, "epoll_wait", PHASE_SERVING), 1);
	CHECK_EQ_U(count_in(m, "accept4", PHASE_SERVING), 1);
	CHECK_EQ_U(count_in(m, "bind", PHASE_SERVING), 1);
	CHECK_EQ_U(count_in(m, "bind", PHASE_STARTUP), 1);
	model_totals(m, &t);
	CHECK_EQ_U(t.phase[PHASE_STARTUP] + t.phase[PHASE_SERVING], t.calls);
	model_free(m);
}

/* Waits that cannot block, and waits only the sampler sees. */
static void
test_waits(void)
{
	struct model *m = model_new(NULL);
	const struct model_proc *p;
	size_t nsys;

	spawn(m, 1, 0, "py", 0);
	p = model_proc_by_pid(m, 1);
	call(m, 1, 1, "epoll_wait");		/* timeout 0: no wait */
	call(m, 1, 1, "poll");
	CHECK(p->phase == PHASE_STARTUP);
	CHECK_EQ_U(count_in(m, "poll", PHASE_STARTUP), 1);
	call(m, 1, 1, "select");		/* its timeout is a pointer */
	CHECK(p->phase == PHASE_SERVING);

	/* Under a profile: the wait is allowed, only the sampler sees it. */
	spawn(m, 2, 0, "py", 0);
	p = model_proc_by_pid(m, 2);
	call(m, 2, 2, "bind");
	nsys = model_nsys(m);
	waiting(m, 2, 2, "read");		/* not a waiting call */
	CHECK(p->phase == PHASE_STARTUP);
	waiting(m, 3, 2, "poll");		/* any of its threads */
	CHECK(p->phase == PHASE_SERVING && p->tent_since != 0);
	CHECK_EQ_U(model_nsys(m), nsys);	/* no call counted */
	call(m, 2, 2, "listen");		/* it was still setting up */
	CHECK(p->phase == PHASE_STARTUP);
	CHECK_EQ_U(count_in(m, "listen", PHASE_STARTUP), 1);
	waiting(m, 2, 2, "poll");
	call(m, 2, 2, "accept4");
	CHECK_EQ_U(count_in(m, "accept4", PHASE_SERVING), 1);
	CHECK(p->tent_since == 0);
	waiting(m, 9, 9, "poll");		/* unknown: nothing made */
	CHECK(model_proc_by_pid(m, 9) == NULL);

	/* A mark makes a tentative serving final. */
	spawn(m, 4, 0, "java", 0);
	p = model_proc_by_pid(m, 4);
	waiting(m, 5, 4, "epoll_wait");
	model_mark_serving(m, now++);
	call(m, 4, 4, "listen");
	CHECK(p->phase == PHASE_SERVING && p->tent_since == 0);
	model_free(m);
}

/* tid of tgid's call name was refused (serving: by serving-only). */
static void
refused(struct model *m, int tid, int tgid, const char *name, int serving)
{
	struct sc_event e = ev(SC_EV_DENIED, tid, tgid);

	e.arch = SCMP_ARCH_X86_64;
	e.nr = sysname_nr(sysname_lookup(SCMP_ARCH_X86_64, name));
	e.aux = 1;
	e.flags = serving ? SC_EVF_SERVING : 0;
	model_event(m, &e);
}

/*
 * Serving-only's refusals are counted apart from what-if denials, and
 * those made outside startup apart again: they are not uses of the call.
 */
static void
test_refusals(void)
{
	struct model *m = model_new(NULL);
	const struct model_sys *s;

	spawn(m, 10, 0, "srv", 0);
	call(m, 10, 10, "socket");
	call(m, 10, 10, "accept4");		/* serving for good */
	call(m, 10, 10, "socket");
	refused(m, 10, 10, "socket", 1);
	spawn(m, 11, 10, NULL, 0);		/* a child: startup here */
	call(m, 11, 11, "socket");
	refused(m, 11, 11, "socket", 1);
	call(m, 10, 10, "uname");
	refused(m, 10, 10, "uname", 0);		/* x: a what-if */
	s = sys_named(m, "socket");
	CHECK_EQ_U(s->count[PHASE_STARTUP], 2);
	CHECK_EQ_U(s->count[PHASE_SERVING], 1);
	CHECK_EQ_U(s->refused, 2);
	CHECK_EQ_U(s->refused_late, 1);
	CHECK_EQ_U(s->denials, 0);
	/* Its one call once serving was refused: no use. */
	CHECK(model_sys_startup_only(s));
	s = sys_named(m, "uname");
	CHECK_EQ_U(s->refused, 0);
	CHECK_EQ_U(s->denials, 1);
	CHECK(!model_sys_startup_only(s));	/* made while serving */
	/* Once it runs while serving, it is used there. */
	call(m, 10, 10, "socket");
	CHECK(!model_sys_startup_only(sys_named(m, "socket")));
	model_free(m);
}

/*
 * What a serving-only profile would drop: the calls seen at start-up only,
 * with the risk levels of assets/syscalls.tsv (mount high, setuid medium).
 */
static void
test_serving_drop(void)
{
	struct model *m = model_new(NULL);
	struct summary_drop sd;
	struct sysdoc *doc;
	char path[4096], err[SYSDOC_ERR_MAX], names[64];
	const char *src = getenv("top_srcdir");

	snprintf(path, sizeof(path), "%s/assets/syscalls.tsv", src != NULL ?
	    src : ".");
	CHECK(sysdoc_load(path, &doc, err, sizeof(err)) == 0);
	spawn(m, 100, 0, "srv", 0);
	call(m, 100, 100, "mount");
	call(m, 100, 100, "setuid");
	call(m, 100, 100, "openat");
	/* Serving from the wait, or from the accept. */
	call(m, 100, 100, "epoll_wait");
	call(m, 100, 100, "accept4");
	call(m, 100, 100, "openat");
	call(m, 100, 100, "read");
	call(m, 100, 100, "epoll_wait");
	emit(m, SC_EV_SIGNAL, 100, 100, SIGTERM, NULL);
	call(m, 100, 100, "exit_group");

	summary_drop(m, doc, &sd, names, sizeof(names));
	CHECK_EQ_U(sd.calls, 7);
	CHECK_EQ_U(sd.serving, 4);
	CHECK_EQ_U(sd.dropped, 2);
	CHECK_EQ_U(sd.high, 1);
	CHECK_EQ_U(sd.medium, 1);
	CHECK(strcmp(names, "mount, setuid") == 0);
	CHECK(model_sys_startup_only(sys_named(m, "mount")));
	CHECK(!model_sys_startup_only(sys_named(m, "openat")));
	CHECK(!model_sys_startup_only(sys_named(m, "exit_group")));

	/* Without the table: the same counts, no risk. */
	summary_drop(m, NULL, &sd, names, sizeof(names));
	CHECK_EQ_U(sd.dropped, 2);
	CHECK_EQ_U(sd.high + sd.medium, 0);
	CHECK(names[0] == '\0');
	/* A short buffer is cut, never overrun. */
	summary_drop(m, doc, &sd, names, 4);
	CHECK(strcmp(names, "mou") == 0);
	sysdoc_free(doc);
	model_free(m);
}

int
main(void)
{
	test_phases();
	test_tentative();
	test_waits();
	test_exit_group_and_exit();
	test_tree_and_exec();
	test_serve_options();
	test_marks_and_toggles();
	test_arches();
	test_args();
	test_refusals();
	test_serving_drop();
	return tap_done();
}
