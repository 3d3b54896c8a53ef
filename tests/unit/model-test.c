/*
 * model-test.c - the model and its phases, on synthetic event streams.
 */
#include "config.h"

#include <seccomp.h>
#include <signal.h>
#include <string.h>

#include "events.h"
#include "idmap.h"
#include "model.h"
#include "sysname.h"
#include "tap.h"

static const struct model_sys *
sys_named(struct model *m, const char *name)
{
	uint32_t i = model_sys_find(m, sysname_lookup(SCMP_ARCH_X86_64, name));

	return i == IDMAP_NONE ? NULL : model_sys(m, i);
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
	call(m, 100, 100, "epoll_wait");	/* starts serving, counted there */
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
	call(m, 11, 11, "epoll_wait");
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

int
main(void)
{
	test_phases();
	test_exit_group_and_exit();
	test_tree_and_exec();
	test_serve_options();
	test_marks_and_toggles();
	test_arches();
	return tap_done();
}
