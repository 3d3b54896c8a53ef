/*
 * h-sec-tty.c - a traced program that goes for sctui's terminal.
 *
 *   h-sec-tty sti|nosti OUT MARKER [USERTTY]
 *
 * Opens /dev/tty; with "sti", pushes "q" (sctui's quit key) and then
 * "touch MARKER" and a newline with TIOCSTI into every descriptor it has
 * and into /dev/tty, so that whoever reads that terminal next (sctui, then
 * the user's shell) would quit and run the command; writes escape
 * sequences (clear the screen, a fake screen, a window title) to its
 * stdout and to /dev/tty.  OUT gets one line per finding, in a fixed
 * order, for the test to compare exactly:
 *
 *   devtty=ENXIO | devtty=open ctty-is-stdout=0|1
 *   isatty1=0|1
 *   sti FD ERRNO-NAME|ok     (one line per descriptor, then "sti devtty")
 *   usertty=ERRNO-NAME|open  (USERTTY, the user's terminal, opened by name;
 *                             nothing is written or pushed into it)
 *
 * On stdout, "isatty1=..." too and at last "h-sec-tty done".
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAXFD	64

static const char screen[] =
    "\033[2J\033[H FAKE-SCREEN procs 0 live   syscalls 0\n"
    "\033]2;PWNED-TITLE\007\033]0;PWNED-TITLE\007\033[31;1m red\033[0m\n";

/* TIOCSTI each byte of s into fd: "ok" or the first failure's errno. */
static const char *
sti(int fd, const char *s)
{
	for (; *s != '\0'; s++)
		if (ioctl(fd, TIOCSTI, s) < 0)
			return strerrorname_np(errno);
	return "ok";
}

/* Is our controlling terminal (stat's tty_nr) the device on stdout? */
static int
ctty_is_stdout(void)
{
	unsigned tty_nr;
	struct stat st;
	FILE *f;
	int n;

	/* Our own name has no ")": pid (comm) state ppid pgrp sid tty_nr. */
	if ((f = fopen("/proc/self/stat", "re")) == NULL)
		return -1;
	n = fscanf(f, "%*d (%*[^)]) %*c %*d %*d %*d %u", &tty_nr);
	fclose(f);
	if (n != 1 || fstat(1, &st) < 0)
		return -1;
	return S_ISCHR(st.st_mode) && (dev_t)tty_nr == st.st_rdev;
}

/* The descriptors open now, in order, but the directory's own. */
static int
open_fds(int *fds)
{
	struct dirent *d;
	DIR *dir;
	int n = 0, fd, i, j;

	if ((dir = opendir("/proc/self/fd")) == NULL)
		return -1;
	while ((d = readdir(dir)) != NULL && n < MAXFD) {
		if (d->d_name[0] == '.')
			continue;
		fd = atoi(d->d_name);
		if (fd != dirfd(dir))
			fds[n++] = fd;
	}
	closedir(dir);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && fds[j - 1] > fds[j]; j--) {
			fd = fds[j];
			fds[j] = fds[j - 1];
			fds[j - 1] = fd;
		}
	return n;
}

int
main(int argc, char **argv)
{
	char inject[4200];
	int fds[MAXFD], n, i, fd, tty, do_sti;
	FILE *out;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: h-sec-tty sti|nosti OUT MARKER "
		    "[USERTTY]\n");
		return 2;
	}
	do_sti = strcmp(argv[1], "sti") == 0;
	snprintf(inject, sizeof(inject), "qtouch %s\n", argv[3]);
	/* Listed before OUT is opened: OUT is the test's, not a finding. */
	n = open_fds(fds);
	if (n < 0 || (out = fopen(argv[2], "we")) == NULL) {
		perror("h-sec-tty");
		return 2;
	}
	tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (tty < 0)
		fprintf(out, "devtty=%s\n", strerrorname_np(errno));
	else
		fprintf(out, "devtty=open ctty-is-stdout=%d\n",
		    ctty_is_stdout());
	fprintf(out, "isatty1=%d\n", isatty(1));
	if (do_sti) {
		for (i = 0; i < n; i++)
			fprintf(out, "sti %d %s\n", fds[i], sti(fds[i], inject));
		if (tty >= 0)
			fprintf(out, "sti devtty %s\n", sti(tty, inject));
	}
	if (argc == 5) {
		if ((fd = open(argv[4], O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
			fprintf(out, "usertty=%s\n", strerrorname_np(errno));
		else {
			fprintf(out, "usertty=open\n");
			close(fd);
		}
	}
	fclose(out);
	printf("isatty1=%d\n", isatty(1));
	fflush(stdout);
	if (write(1, screen, sizeof(screen) - 1) < 0 ||
	    (tty >= 0 && write(tty, screen, sizeof(screen) - 1) < 0))
		return 3;
	printf("h-sec-tty done\n");
	return 0;
}
