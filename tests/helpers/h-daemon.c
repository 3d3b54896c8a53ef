/*
 * h-daemon DIR: daemonises the classic way (fork, setsid, fork; the first
 * parent exits at once).  The daemon waits until its parent is gone, calls
 * uname 3 times, writes DIR/daemon.pid and exits 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };
	struct utsname u;
	char path[4096];
	pid_t parent;
	FILE *f;
	int i;

	if (argc != 2)
		return 2;
	if (fork() != 0)
		return 0;		/* the first parent exits first */
	setsid();
	parent = getpid();
	if (fork() != 0)
		_exit(0);
	/* Daemon: wait (bounded) until the middle process has exited. */
	for (i = 0; i < 10000 && getppid() == parent; i++)
		nanosleep(&ms, NULL);
	for (i = 0; i < 3; i++)
		uname(&u);
	snprintf(path, sizeof(path), "%s/daemon.pid", argv[1]);
	if ((f = fopen(path, "w")) == NULL)
		return 1;
	fprintf(f, "%d\n", (int)getpid());
	return fclose(f) != 0;
}
