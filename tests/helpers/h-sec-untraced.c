/*
 * h-sec-untraced clone|clone3 DIR [ws]: makes a child with CLONE_UNTRACED,
 * which asks ptrace not to follow it.
 * h-sec-untraced race DIR N: N times clone3 with CLONE_UNTRACED while a
 * thread keeps setting that flag in the clone_args, in case a tracer
 * cleared it.  Each child writes its pid to DIR/child.I (I from 0), trying
 * again while it fails (a call fails with ENOSYS under a SECCOMP_RET_TRACE
 * filter with no tracer), and waits in pause(2); then the program writes
 * their pids to DIR/kids, and its own to DIR/done, and waits for them.  The child calls sysinfo(2) three
 * times, writes its pid to DIR/child.pid and exits 0, or with 's' waits
 * in pause(2) forever.  With 'w' the program first writes its own pid to
 * DIR/pid and waits for DIR/go to appear (for a tracer to attach).  Exit
 * status: the child's (so 0 when its three calls worked, 10 + errno of
 * the first that failed otherwise); 3 if clone3 is not available; 2 on a
 * setup error.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
put_pid(const char *dir, const char *name)
{
	char path[4096], buf[32];
	int fd, n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -1;
	n = write(fd, buf, (size_t)n) == n ? 0 : -1;
	close(fd);
	return n;
}

static struct clone_args race_args;
static volatile int racing = 1;

/* Sets CLONE_UNTRACED again and again, as fast as it can. */
static void *
racer(void *arg)
{
	volatile __u64 *flags = &race_args.flags;

	(void)arg;
	while (racing)
		*flags |= CLONE_UNTRACED;
	return NULL;
}

static int
race(const char *dir, int n)
{
	char name[32], path[4096];
	pthread_t th;
	pid_t pid;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/kids", dir);
	if ((f = fopen(path, "w")) == NULL)
		return 2;
	race_args.flags = CLONE_UNTRACED;
	race_args.exit_signal = SIGCHLD;
	if (pthread_create(&th, NULL, racer, NULL) != 0)
		return 2;
	for (i = 0; i < n; i++) {
		if ((pid = (pid_t)syscall(SYS_clone3, &race_args,
		    sizeof(race_args))) < 0)
			return errno == ENOSYS ? 3 : 2;
		if (pid == 0) {
			snprintf(name, sizeof(name), "child.%d", i);
			while (put_pid(dir, name) < 0)
				;
			for (;;)
				pause();
		}
		fprintf(f, "%d\n", (int)pid);
	}
	racing = 0;
	pthread_join(th, NULL);
	if (fclose(f) != 0)
		return 2;
	if (put_pid(dir, "done") < 0)
		return 2;
	while (wait(NULL) > 0)
		;
	return 0;
}

static void __attribute__((noreturn))
child(const char *dir, int stay)
{
	struct sysinfo si;
	int i;

	for (i = 0; i < 3; i++)
		if (syscall(SYS_sysinfo, &si) < 0)
			_exit(10 + errno);
	if (put_pid(dir, "child.pid") < 0)
		_exit(2);
	while (stay)
		pause();
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct timespec tick = { 0, 10000000 };
	struct clone_args ca;
	char go[4096];
	const char *opt = argc > 3 ? argv[3] : "";
	int status, stay = strchr(opt, 's') != NULL;
	pid_t pid;

	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "race") == 0)
		return argc == 4 ? race(argv[2], atoi(argv[3])) : 2;
	if (strchr(opt, 'w') != NULL) {
		if (put_pid(argv[2], "pid") < 0)
			return 2;
		snprintf(go, sizeof(go), "%s/go", argv[2]);
		while (access(go, F_OK) < 0)
			nanosleep(&tick, NULL);
	}
	if (strcmp(argv[1], "clone3") == 0) {
		memset(&ca, 0, sizeof(ca));
		ca.flags = CLONE_UNTRACED;
		ca.exit_signal = SIGCHLD;
		pid = (pid_t)syscall(SYS_clone3, &ca, sizeof(ca));
		if (pid < 0 && errno == ENOSYS)
			return 3;
	} else
		pid = (pid_t)syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0L,
		    0L, 0L, 0L);
	if (pid == 0)
		child(argv[2], stay);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
