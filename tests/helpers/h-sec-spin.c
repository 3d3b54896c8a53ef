/*
 * h-sec-spin DIR: a tree that would outlive its tracer if it could: the
 * program forks a child, and a grandchild that leaves the tree (setsid,
 * its parent exits: it is reparented).  The three remaining processes
 * call uname(2) in a loop, every 10 ms, forever.  DIR/ready appears once
 * all of them run.  Kill it from outside; pgrep -f 'h-sec-spin DIR' finds
 * every process of it.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void __attribute__((noreturn))
spin(void)
{
	struct timespec ts = { 0, 10000000 };
	struct utsname u;

	for (;;) {
		uname(&u);
		nanosleep(&ts, NULL);
	}
}

int
main(int argc, char **argv)
{
	char path[4096];
	int p[2], fd;
	char c;
	pid_t pid;

	if (argc != 2 || pipe(p) < 0)
		return 2;
	if (fork() == 0) {
		close(p[0]);
		spin();
	}
	if ((pid = fork()) == 0) {
		setsid();
		if (fork() == 0) {
			close(p[0]);
			if (write(p[1], "r", 1) != 1)
				_exit(2);
			close(p[1]);
			spin();
		}
		_exit(0);
	}
	close(p[1]);
	waitpid(pid, NULL, 0);
	if (read(p[0], &c, 1) != 1)
		return 2;
	snprintf(path, sizeof(path), "%s/ready", argv[1]);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return 2;
	close(fd);
	spin();
}
