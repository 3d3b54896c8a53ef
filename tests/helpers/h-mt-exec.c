/*
 * h-mt-exec: a non-leader thread calls execve while the leader sleeps in a
 * syscall.  The new image (this program with "leaf") calls getppid 5 times
 * and exits 0.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char *self;

static void *
do_exec(void *arg)
{
	static char leaf[] = "leaf";
	char *argv[] = { self, leaf, NULL };

	(void)arg;
	execv(self, argv);
	_exit(99);
}

int
main(int argc, char **argv)
{
	pthread_t t;
	int i;

	if (argc > 1 && strcmp(argv[1], "leaf") == 0) {
		for (i = 0; i < 5; i++)
			syscall(SYS_getppid);
		return 0;
	}
	self = argv[0];
	if (pthread_create(&t, NULL, do_exec, NULL) != 0)
		return 1;
	for (;;)
		pause();	/* the exec ends this thread */
}
