/*
 * h-fault MODE [ARGS]: programs that fail, or behave badly, in the ways a
 * tracer must survive (tests/fault/).  The marker call is getpgid(0): libc
 * never makes it on its own, so its counts are exact.
 *
 *   block DIR        2 threads blocked in read(2), the main one in pause(2);
 *                    writes DIR/pid once all three are started
 *   segv-mt          3 threads blocked in read(2); the main thread segfaults
 *   exit-mt N        N threads blocked in read, nanosleep and futex; the
 *                    main thread calls exit_group(7) once all have started
 *   exec-mt WHO      3 threads call getppid in a loop while WHO (leader or
 *                    thread) execs this program as "leaf"
 *   leaf             getpgid x5, exit 0
 *   zombie-leader    the main thread exits; another thread makes getpgid
 *                    x5 after it, then exit_group(5)
 *   zombie-parent    child P forks 3 children and exits; we (a subreaper)
 *                    leave P a zombie while its children make getpgid x5
 *                    each and exit 3; then we reap P and exit 0
 *   storm C G        C children, each forking G grandchildren at once;
 *                    grandchildren exit 3, children 2 once all theirs are
 *                    reaped, we exit 0 after reaping the C
 *   ignore DIR       blocks and ignores every signal; getpgid once; writes
 *                    DIR/pid; then getpgid every 10 ms forever
 *   name NAME DIR    prctl(PR_SET_NAME, NAME); writes DIR/pid, getpgid x5,
 *                    then sleeps in pause(2) until a signal ends it
 *   tree DIR         forks 3 children that block in pause(2); writes all
 *                    4 pids to DIR/pids (ours first); blocks too
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int started[2];		/* each thread writes a byte once running */
static char *self;
static const char *exec_who;

static void
marker(int n)
{
	while (n-- > 0)
		syscall(SYS_getpgid, 0);
}

static int
write_pid(const char *dir, const char *name, const pid_t *pids, int n)
{
	char path[4096], tmp[4096];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", dir, name);
	if ((f = fopen(tmp, "w")) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		fprintf(f, "%d\n", (int)pids[i]);
	if (fclose(f) != 0)
		return -1;
	/* Renamed into place: a reader never sees half a file. */
	return rename(tmp, path);
}

static void
say_started(void)
{
	if (write(started[1], "s", 1) != 1)
		_exit(98);
}

static void
wait_started(int n)
{
	char c;

	while (n > 0)
		if (read(started[0], &c, 1) == 1)
			n--;
		else if (errno != EINTR)
			_exit(97);
}

/* Blocks in read(2) on a pipe nobody writes to. */
static void *
reader(void *arg)
{
	int *fds = arg;
	char c;

	say_started();
	for (;;)
		if (read(fds[0], &c, 1) <= 0 && errno != EINTR)
			break;
	return NULL;
}

static void *
sleeper(void *arg)
{
	struct timespec ts = { 3600, 0 };

	(void)arg;
	say_started();
	for (;;)
		nanosleep(&ts, NULL);
	return NULL;
}

static void *
futexer(void *arg)
{
	static int word;

	(void)arg;
	say_started();
	for (;;)
		syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

static int
spawn_threads(void *(*fn)(void *), int n, void *arg)
{
	pthread_t t;
	int i;

	for (i = 0; i < n; i++)
		if (pthread_create(&t, NULL, fn, arg) != 0)
			return -1;
	return 0;
}

static int
mode_block(const char *dir)
{
	static int fds[2];
	pid_t me = getpid();

	if (pipe(fds) < 0 || spawn_threads(reader, 2, fds) < 0)
		return 1;
	wait_started(2);
	if (write_pid(dir, "pid", &me, 1) < 0)
		return 1;
	for (;;)
		pause();
}

static int
mode_segv_mt(void)
{
	static int fds[2];
	volatile int *volatile p = NULL;

	if (pipe(fds) < 0 || spawn_threads(reader, 3, fds) < 0)
		return 1;
	wait_started(3);
	marker(1);
	*p = 1;
	return 1;
}

static int
mode_exit_mt(int n)
{
	static int fds[2];
	int i;

	if (pipe(fds) < 0)
		return 1;
	for (i = 0; i < n; i++)
		if (spawn_threads(i % 3 == 0 ? reader : i % 3 == 1 ? sleeper :
		    futexer, 1, fds) < 0)
			return 1;
	wait_started(n);
	marker(1);
	syscall(SYS_exit_group, 7);
	return 1;
}

static void *
spinner(void *arg)
{
	(void)arg;
	say_started();
	for (;;)
		syscall(SYS_getppid);
	return NULL;
}

static void *
execer(void *arg)
{
	static char leaf[] = "leaf";
	char *argv[] = { self, leaf, NULL };

	(void)arg;
	wait_started(3);
	execv(self, argv);
	_exit(99);
}

static int
mode_exec_mt(void)
{
	static char leaf[] = "leaf";
	char *argv[] = { self, leaf, NULL };
	pthread_t t;

	if (spawn_threads(spinner, 3, NULL) < 0)
		return 1;
	if (strcmp(exec_who, "thread") == 0) {
		if (pthread_create(&t, NULL, execer, NULL) != 0)
			return 1;
		for (;;)
			pause();
	}
	wait_started(3);
	execv(self, argv);
	return 99;
}

static void *
survivor(void *arg)
{
	pid_t leader = *(pid_t *)arg;
	char path[64];

	/* Wait until the leader is a zombie (its task shows state Z). */
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)leader);
	for (;;) {
		char buf[512], *p;
		FILE *f = fopen(path, "r");
		struct timespec ts = { 0, 1000000 };

		if (f == NULL)
			break;
		p = fgets(buf, sizeof(buf), f);
		fclose(f);
		if (p != NULL && (p = strrchr(buf, ')')) != NULL &&
		    (p[2] == 'Z' || p[2] == 'X'))
			break;
		nanosleep(&ts, NULL);
	}
	marker(5);
	syscall(SYS_exit_group, 5);
	return NULL;
}

static int
mode_zombie_leader(void)
{
	static pid_t leader;
	pthread_t t;

	leader = getpid();
	if (pthread_create(&t, NULL, survivor, &leader) != 0)
		return 1;
	syscall(SYS_exit, 0);	/* this thread only */
	return 1;
}

static int
mode_zombie_parent(void)
{
	pid_t p, kids[3];
	siginfo_t si;
	int fds[2], i, status;
	char c;

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0 || pipe(fds) < 0)
		return 1;
	if ((p = fork()) < 0)
		return 1;
	if (p == 0) {
		pid_t me = getpid();

		for (i = 0; i < 3; i++) {
			pid_t k = fork();

			if (k < 0)
				_exit(1);
			if (k == 0) {
				/* Run on only once our parent is a zombie. */
				while (getppid() == me)
					usleep(1000);
				marker(5);
				_exit(3);
			}
			kids[i] = k;
		}
		if (write(fds[1], kids, sizeof(kids)) != sizeof(kids))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], kids, sizeof(kids)) != sizeof(kids))
		return 1;
	/* P has exited (its children are ours now) but stays a zombie. */
	if (waitid(P_PID, (id_t)p, &si, WEXITED | WNOWAIT) < 0)
		return 1;
	/* P stays a zombie until its children are done. */
	for (i = 0; i < 3; i++) {
		if (waitpid(kids[i], &status, 0) != kids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 3)
			return 1;
	}
	if (read(fds[0], &c, 1) != 0)
		return 1;
	if (waitpid(p, &status, 0) != p || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 1;
	return 0;
}

static int
reap_all(int n, int code)
{
	int status, bad = 0;

	while (n-- > 0) {
		if (wait(&status) < 0)
			return 1;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != code)
			bad = 1;
	}
	return bad;
}

static int
mode_storm(int nc, int ng)
{
	int i, j;
	pid_t p;

	for (i = 0; i < nc; i++) {
		if ((p = fork()) < 0)
			return 1;
		if (p > 0)
			continue;
		for (j = 0; j < ng; j++) {
			if ((p = fork()) < 0)
				_exit(1);
			if (p == 0)
				_exit(3);
		}
		_exit(reap_all(ng, 3) ? 1 : 2);
	}
	return reap_all(nc, 2);
}

static int
mode_ignore(const char *dir)
{
	struct timespec ts = { 0, 10000000 };
	sigset_t all;
	pid_t me = getpid();
	int sig;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_IGN);	/* KILL and STOP refuse: fine */
	/* One marker before the pid file: the test may kill us at once. */
	marker(1);
	if (write_pid(dir, "pid", &me, 1) < 0)
		return 1;
	for (;;) {
		nanosleep(&ts, NULL);
		marker(1);
	}
}

static int
mode_name(const char *name, const char *dir)
{
	pid_t me = getpid();

	if (prctl(PR_SET_NAME, name) < 0)
		return 1;
	marker(5);
	if (write_pid(dir, "pid", &me, 1) < 0)
		return 1;
	for (;;)
		pause();
}

static int
mode_tree(const char *dir)
{
	pid_t pids[4];
	int i;

	pids[0] = getpid();
	for (i = 1; i < 4; i++) {
		if ((pids[i] = fork()) < 0)
			return 1;
		if (pids[i] == 0)
			for (;;)
				pause();
	}
	if (write_pid(dir, "pids", pids, 4) < 0)
		return 1;
	for (;;)
		pause();
}

int
main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	self = argv[0];
	if (pipe(started) < 0)
		return 1;
	if (strcmp(m, "block") == 0 && argc == 3)
		return mode_block(argv[2]);
	if (strcmp(m, "segv-mt") == 0)
		return mode_segv_mt();
	if (strcmp(m, "exit-mt") == 0 && argc == 3)
		return mode_exit_mt(atoi(argv[2]));
	if (strcmp(m, "exec-mt") == 0 && argc == 3) {
		exec_who = argv[2];
		return mode_exec_mt();
	}
	if (strcmp(m, "leaf") == 0) {
		marker(5);
		return 0;
	}
	if (strcmp(m, "zombie-leader") == 0)
		return mode_zombie_leader();
	if (strcmp(m, "zombie-parent") == 0)
		return mode_zombie_parent();
	if (strcmp(m, "storm") == 0 && argc == 4)
		return mode_storm(atoi(argv[2]), atoi(argv[3]));
	if (strcmp(m, "ignore") == 0 && argc == 3)
		return mode_ignore(argv[2]);
	if (strcmp(m, "name") == 0 && argc == 4)
		return mode_name(argv[2], argv[3]);
	if (strcmp(m, "tree") == 0 && argc == 3)
		return mode_tree(argv[2]);
	fprintf(stderr, "usage: h-fault MODE [ARGS] (see the source)\n");
	return 2;
}
