/*
 * h-tui-evlog - calls with known outcomes, for the event log's tests.
 *
 * Usage: h-tui-evlog [N]
 * Makes a symbolic link to itself named "ev<ESC>[2Jil" in the current
 * folder and runs itself through it, so that its process name (the kernel
 * takes it from the file name) holds an escape sequence that would clear
 * a terminal.  Then creates "evlog-file" and loops N times (forever
 * without N): open("evlog-file", O_RDONLY | O_CLOEXEC | O_NOFOLLOW), which
 * returns 3 (0, 1 and 2 are open), close(3), open("evlog-missing",
 * O_RDONLY | O_DIRECTORY), which fails with ENOENT, uname(2), and poll(2)
 * for 20 ms.  Says the numbers of those calls on stdout first.  SIGTERM
 * (default action) ends it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#define HOSTILE	"ev\033[2Jil"

int
main(int argc, char **argv)
{
	char self[PATH_MAX], name[] = HOSTILE;
	struct utsname u;
	long loops = argc > 1 ? atol(argv[1]) : -1;
	ssize_t n;
	int fd;

	if (strcmp(argv[0], HOSTILE) != 0) {
		if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) <
		    0) {
			perror("h-tui-evlog: /proc/self/exe");
			return 1;
		}
		self[n] = '\0';
		if (unlink(HOSTILE) < 0 && errno != ENOENT) {
			perror("h-tui-evlog: unlink");
			return 1;
		}
		if (symlink(self, HOSTILE) < 0) {
			perror("h-tui-evlog: symlink");
			return 1;
		}
		argv[0] = name;
		execv("./" HOSTILE, argv);
		perror("h-tui-evlog: exec");
		return 1;
	}
	if ((fd = open("evlog-file", O_WRONLY | O_CREAT | O_TRUNC, 0644)) <
	    0) {
		perror("h-tui-evlog: evlog-file");
		return 1;
	}
	close(fd);
	/* The numbers of the calls it loops on, for tests/tracer/returns. */
	printf("h-tui-evlog: looping: openat %d uname %d poll %d\n",
	    SYS_openat, SYS_uname, SYS_poll);
	fflush(stdout);
	for (; loops != 0; loops--) {
		fd = open("evlog-file", O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd >= 0)
			close(fd);
		open("evlog-missing", O_RDONLY | O_DIRECTORY);
		uname(&u);
		poll(NULL, 0, 20);
	}
	return 0;
}
