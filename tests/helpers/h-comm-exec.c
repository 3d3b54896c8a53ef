/*
 * h-comm-exec: what tracer/unotify.c reads /proc/TID/comm for.
 *
 *   h-comm-exec exec PROG    uname(2), then exec PROG (h-uname: one more)
 *   h-comm-exec many N FILE  N children, each making uname(2) twice and
 *                            then waiting; once all have, FILE is written
 *                            ("ready"), and the children end when FILE is
 *                            removed (or after 60 s, so that none outlives
 *                            a failed test)
 *
 * Exit status 0, or 1 with a line on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
many(int n, const char *file)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	struct utsname u;
	int up[2], go[2], i, fd, bad = 0, status;
	char c;

	if (pipe(up) < 0 || pipe(go) < 0)
		return perror("pipe"), 1;
	for (i = 0; i < n; i++) {
		switch (fork()) {
		case -1:
			return perror("fork"), 1;
		case 0:
			close(up[0]);
			close(go[1]);
			uname(&u);
			uname(&u);
			if (write(up[1], "x", 1) != 1)
				_exit(1);
			/* Until the parent closes go: end of file. */
			_exit(read(go[0], &c, 1) == 0 ? 0 : 1);
		}
	}
	close(up[1]);
	close(go[0]);
	for (i = 0; i < n; i++)
		if (read(up[0], &c, 1) != 1)
			return fprintf(stderr, "h-comm-exec: a child died\n"), 1;
	if ((fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    write(fd, "ready\n", 6) != 6 || close(fd) < 0)
		return perror(file), 1;
	for (i = 0; i < 6000 && access(file, F_OK) == 0; i++)
		nanosleep(&tick, NULL);
	close(go[1]);
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			bad = 1;
	return bad;
}

int
main(int argc, char **argv)
{
	struct utsname u;

	if (argc == 3 && strcmp(argv[1], "exec") == 0) {
		if (uname(&u) < 0)
			return perror("uname"), 1;
		execl(argv[2], argv[2], (char *)NULL);
		return perror(argv[2]), 1;
	}
	if (argc == 4 && strcmp(argv[1], "many") == 0)
		return many(atoi(argv[2]), argv[3]);
	fprintf(stderr, "usage: h-comm-exec exec PROG | many N FILE\n");
	return 1;
}
