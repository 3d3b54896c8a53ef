/*
 * h-sec-untraced clone|clone3 DIR [ws]: makes a child with CLONE_UNTRACED,
 * which asks ptrace not to follow it.  The child calls sysinfo(2) three
 * times, writes its pid to DIR/child.pid and exits 0, or with 's' waits
 * in pause(2) forever.  With 'w' the program first writes its own pid to
 * DIR/pid and waits for DIR/go to appear (for a tracer to attach).  Exit
 * status: the child's (so 0 when its three calls worked, 10 + errno of
 * the first that failed otherwise); 3 if clone3 is not available; 2 on a
 * setup error.
 */
#include <errno.h>
#include <fcntl.h>
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
