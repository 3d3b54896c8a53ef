/*
 * place-test.c - place.c's decisions, on real threads and real CPUs: two
 * children pinned to two CPUs stand for busy tracees; the test thread is
 * the tracer that place_stop() moves.  Exits 77 with fewer than two CPUs.
 */
#include "config.h"

#include "place.h"

#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/tap.h"

/* A child that runs on cpu alone and waits to be killed (spin: busy). */
static pid_t
pinned_child(int cpu, int spin)
{
	cpu_set_t one;
	pid_t pid;
	int p[2];
	char c = 0;

	if (pipe(p) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) == 0)
			c = 1;
		/* sched_setaffinity() returns on the new CPU: it has run there. */
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			if (!spin)
				pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1 || c != 1)
		pid = -1;
	close(p[0]);
	return pid;
}

static void
stops(struct place *p, pid_t tid, int n)
{
	while (n-- > 0)
		place_stop(p, tid, 0);
}

/* The calling thread may run on cpu alone (cpu -1: on all of orig). */
static int
allowed_only(const struct place *p, int cpu)
{
	cpu_set_t now, one;

	if (sched_getaffinity(0, sizeof(now), &now) < 0)
		return 0;
	if (cpu < 0)
		return CPU_EQUAL(&now, &p->orig);
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	return CPU_EQUAL(&now, &one);
}

/* The calling thread's policy, without SCHED_RESET_ON_FORK. */
static int
policy(void)
{
	return sched_getscheduler(0) & ~SCHED_RESET_ON_FORK;
}

/*
 * A window of tid's stops that should leave the tracer beside it on cpu at
 * SCHED_IDLE.  Returns 1 if so, 0 if not, -1 if the tracer was kept
 * waiting for its CPU meanwhile (a busy machine, at SCHED_IDLE: then it
 * rightly gives SCHED_IDLE up, and the rules that need it are not
 * checked).
 */
static int
beside(struct place *p, pid_t tid, int cpu)
{
	unsigned long starved = p->starved;

	stops(p, tid, PLACE_WINDOW);
	if (p->starved != starved) {
		printf("# kept from its CPU at SCHED_IDLE (a busy machine): "
		    "the rest of the follows not checked\n");
		return -1;
	}
	return p->cpu == cpu && policy() == SCHED_IDLE;
}

/*
 * p beside a at SCHED_IDLE: the lead seen elsewhere is followed there at
 * SCHED_IDLE (the balancer moved it: a restart at SCHED_IDLE does not),
 * a window beside it allows PLACE_CHASE more follows in a row, and the
 * one after those is an escape: the CPUs and SCHED_OTHER back.
 */
static void
chase_rules(struct place *p, const int *cpu, pid_t a, pid_t b)
{
	int i, r;

	if ((r = beside(p, b, cpu[1])) < 0)
		return;
	CHECK(r == 1 && *p->idle == p->self);
	if ((r = beside(p, b, cpu[1])) < 0)
		return;
	CHECK(r == 1);
	for (i = 0; i < PLACE_CHASE; i++) {
		if ((r = beside(p, i % 2 ? b : a, cpu[i % 2])) < 0)
			return;
		CHECK(r == 1);
	}
	stops(p, i % 2 ? b : a, PLACE_WINDOW);
	CHECK(p->cpu == -1 && policy() == SCHED_OTHER);
}

/*
 * SCHED_IDLE while moved beside the tracee, and while following it to
 * another CPU; SCHED_OTHER again at an escape; after place_wake() never
 * again; kept from its CPU by other work (a hog on it), the thread gives
 * SCHED_IDLE up for a while.  Each policy is checked right after the
 * step that sets it: on a busy machine the thread may starve at any other
 * moment.
 */
static void
idle_rules(const int *cpu, pid_t a, pid_t b)
{
	struct timespec ms = { 0, 1000 * 1000 };
	place_idle_t idle = 0;
	struct place p;
	pid_t hog;
	int i;

	place_init(&p, &idle);
	if (p.idle == NULL) {
		printf("# SCHED_IDLE not allowed here (no way back to "
		    "SCHED_OTHER): its rules not checked\n");
		place_end(&p);
		return;
	}
	CHECK(policy() == SCHED_OTHER);
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_IDLE);
	CHECK(idle == p.self);
	chase_rules(&p, cpu, a, b);
	CHECK(policy() == SCHED_OTHER && idle == 0);
	place_end(&p);
	/* Woken: SCHED_OTHER at once, and never SCHED_IDLE again. */
	place_init(&p, &idle);
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_IDLE);
	place_wake(&idle);
	CHECK(policy() == SCHED_OTHER && idle == -1);
	place_end(&p);
	CHECK(p.cpu == -1 && policy() == SCHED_OTHER);
	place_init(&p, &idle);
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_OTHER);
	place_end(&p);

	/* Followed while another tracee stops too: not below it. */
	idle = 0;
	place_init(&p, &idle);
	for (i = 0; i < 2; i++) {
		stops(&p, a, PLACE_WINDOW - 8);
		stops(&p, b, 8);
	}
	CHECK(p.cpu == cpu[0] && policy() == SCHED_OTHER && idle == 0);
	stops(&p, a, PLACE_WINDOW);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_IDLE && idle == p.self);
	place_end(&p);
	CHECK(policy() == SCHED_OTHER && idle == 0);

	/* A hog on the tracee's CPU: the SCHED_IDLE tracer waits for it at
	 * each wake-up, and so goes back to SCHED_OTHER, still beside the
	 * tracee, and stays there for a while. */
	place_init(&p, &idle);
	hog = pinned_child(cpu[0], 1);
	CHECK(hog > 0);
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_IDLE);
	for (i = 0; i < 5000 && policy() == SCHED_IDLE; i++) {
		nanosleep(&ms, NULL);
		place_woke(&p);
	}
	CHECK(p.cpu == cpu[0] && policy() == SCHED_OTHER);
	CHECK(p.starved >= 1 && idle == 0 && p.idle_rest == PLACE_REST_MIN);
	stops(&p, a, PLACE_WINDOW);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_OTHER);
	place_end(&p);

	/* The same for a tracer that never sleeps: it looks on stops. */
	place_init(&p, &idle);
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_IDLE);
	for (i = 0; i < 100000000 && policy() == SCHED_IDLE; i++)
		place_stop(&p, a, 0);
	CHECK(p.cpu == cpu[0] && policy() == SCHED_OTHER);
	CHECK(p.starved >= 1 && idle == 0);
	kill(hog, SIGKILL);
	waitpid(hog, NULL, 0);
	place_end(&p);
}

int
main(void)
{
	struct place p;
	int cpu[2], n = 0, c, i;
	pid_t a, b;

	place_init(&p, NULL);
	for (c = 0; c < CPU_SETSIZE && n < 2; c++)
		if (CPU_ISSET(c, &p.orig))
			cpu[n++] = c;
	if (n < 2)
		return 77;
	a = pinned_child(cpu[0], 0);
	b = pinned_child(cpu[1], 0);
	CHECK(a > 0 && b > 0);

	/* Before a whole window: nothing known, the spin allowed. */
	CHECK(place_spin(&p));
	/* A lead that changes CPU every window is not chased. */
	for (i = 0; i < 3; i++) {
		stops(&p, a, PLACE_WINDOW);
		stops(&p, b, PLACE_WINDOW);
	}
	CHECK(p.cpu == -1 && allowed_only(&p, -1));
	CHECK_EQ_U(p.moves, 0);
	/* One tracee making the stops, but others' stops queued behind it
	 * (more than an eighth of them): the tracer is the bottleneck and
	 * stays where it may use every CPU. */
	for (i = 0; i < 3 * PLACE_WINDOW; i++)
		place_stop(&p, i % 6 == 0 ? b : a, i % 6 == 0 || i % 6 == 1);
	CHECK(p.cpu == -1 && allowed_only(&p, -1));
	CHECK_EQ_U(p.moves, 0);
	/* One busy tracee: seen once on its CPU, not followed yet ... */
	stops(&p, a, PLACE_WINDOW);
	CHECK(p.cpu == -1 && allowed_only(&p, -1));
	CHECK_EQ_U(p.busy, 1);
	CHECK(place_spin(&p));
	/* ... seen there twice: the tracer moves, and no longer spins. */
	stops(&p, a, PLACE_WINDOW);
	CHECK(p.cpu == cpu[0] && allowed_only(&p, cpu[0]));
	CHECK(!place_spin(&p));
	CHECK_EQ_U(p.moves, 1);

	/* The lead seen on another CPU (three quarters of the stops are
	 * enough to lead): escaped, so the tracer has its CPUs back, and it
	 * rests PLACE_REST_MIN windows before it follows again. */
	stops(&p, b, PLACE_WINDOW * 3 / 4);
	stops(&p, a, PLACE_WINDOW / 8);
	stops(&p, 999999, PLACE_WINDOW / 8);
	CHECK(p.cpu == -1 && allowed_only(&p, -1));
	CHECK_EQ_U(p.busy, 3);
	CHECK(!place_spin(&p) || p.ncpu > 3);
	CHECK_EQ_U(p.rest, PLACE_REST_MIN);
	CHECK_EQ_U(p.backoff, PLACE_REST_MIN * 2);
	stops(&p, b, PLACE_WINDOW * (PLACE_REST_MIN + 1));
	CHECK(p.cpu == -1 && place_spin(&p));
	stops(&p, b, PLACE_WINDOW);
	CHECK(p.cpu == cpu[1] && allowed_only(&p, cpu[1]));
	CHECK_EQ_U(p.moves, 3);
	/* Beside its tracee for PLACE_HOLD windows: the rest is short again. */
	stops(&p, b, PLACE_WINDOW * PLACE_HOLD);
	CHECK_EQ_U(p.backoff, PLACE_REST_MIN);

	/* A tracee gone before its CPU is read moves nothing. */
	stops(&p, 999999, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[1]);
	CHECK_EQ_U(p.moves, 3);

	/* Two tracees sharing the stops: one window is not enough to leave
	 * (a server between two requests), the second is; with as many busy
	 * tracees as CPUs, no spin. */
	for (i = 0; i < PLACE_WINDOW; i++)
		place_stop(&p, i % 2 ? a : b, 0);
	CHECK(p.cpu == cpu[1]);
	for (i = 0; i < PLACE_WINDOW; i++)
		place_stop(&p, i % 2 ? a : b, 0);
	CHECK(p.cpu == -1 && allowed_only(&p, -1));
	CHECK_EQ_U(p.busy, 2);
	CHECK(place_spin(&p) == (p.ncpu > 2));
	CHECK_EQ_U(p.moves, 4);

	/* More tracees than can be told apart: counted as many. */
	for (i = 0; i < PLACE_WINDOW; i++)
		place_stop(&p, 1000 + i % (PLACE_TRACK + 2), 0);
	CHECK_EQ_U(p.busy, PLACE_TRACK + 1);
	CHECK(!place_spin(&p) || p.ncpu > PLACE_TRACK + 1);

	/* place_end() gives the thread its CPUs back. */
	stops(&p, a, PLACE_WINDOW * 2);
	CHECK(p.cpu == cpu[0] && allowed_only(&p, cpu[0]));
	place_end(&p);
	CHECK(p.cpu == -1 && allowed_only(&p, -1));

	idle_rules(cpu, a, b);

	kill(a, SIGKILL);
	kill(b, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	return tap_done();
}
