/*
 * h-args: system calls whose selector arguments sctui records.
 *
 *   h-args calls     socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC) once,
 *                    socket(AF_UNIX, SOCK_DGRAM) twice, a fork-style
 *                    clone whose child makes socket(AF_UNIX, SOCK_DGRAM)
 *                    once, prctl(PR_SET_NAME) once; exits 0
 *   h-args calls newuser   the same, then clone(CLONE_NEWUSER) once
 *   h-args ioctls N  ioctl(-1, REQ) for N distinct requests from 0x10000
 *                    (each fails with EBADF); exits 0
 *   h-args try WHAT  one call the profile may refuse: inet6, vsock,
 *                    newuser (clone with CLONE_NEWUSER), inet, unix,
 *                    fork; exits 0 when it worked, 10 + errno when not
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

static int
sock(int family, int type)
{
	int fd = socket(family, type, 0);

	if (fd < 0)
		return 10 + errno;
	close(fd);
	return 0;
}

/* clone(2) itself, as fork does it, with flags added; 10 + errno. */
static int
clone_with(unsigned long flags)
{
	int status;
	long pid;

	pid = syscall(SYS_clone, flags | SIGCHLD, NULL, NULL, NULL, NULL);
	if (pid < 0)
		return 10 + errno;
	if (pid == 0)
		_exit(0);
	if (waitpid((pid_t)pid, &status, 0) < 0)
		return 10 + errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 99;
}

static int
try(const char *what)
{
	if (strcmp(what, "inet6") == 0)
		return sock(AF_INET6, SOCK_STREAM);
	if (strcmp(what, "vsock") == 0)
		return sock(AF_VSOCK, SOCK_STREAM);
	if (strcmp(what, "inet") == 0)
		return sock(AF_INET, SOCK_STREAM);
	if (strcmp(what, "unix") == 0)
		return sock(AF_UNIX, SOCK_DGRAM);
	if (strcmp(what, "unixstream") == 0)
		return sock(AF_UNIX, SOCK_STREAM);
	if (strcmp(what, "newuser") == 0)
		return clone_with(CLONE_NEWUSER);
	if (strcmp(what, "fork") == 0)
		return clone_with(0);
	return 2;
}

int
main(int argc, char **argv)
{
	unsigned long i, n;
	int status;
	pid_t pid;

	if (argc == 3 && strcmp(argv[1], "ioctls") == 0) {
		n = strtoul(argv[2], NULL, 10);
		for (i = 0; i < n; i++)
			(void)ioctl(-1, 0x10000 + i, 0);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "try") == 0)
		return try(argv[2]);
	if (argc < 2 || argc > 3 || strcmp(argv[1], "calls") != 0 ||
	    (argc == 3 && strcmp(argv[2], "newuser") != 0)) {
		fprintf(stderr, "usage: h-args calls [newuser] | ioctls N | "
		    "try WHAT\n");
		return 2;
	}
	if (sock(AF_INET, SOCK_STREAM | SOCK_CLOEXEC) != 0 ||
	    sock(AF_UNIX, SOCK_DGRAM) != 0 || sock(AF_UNIX, SOCK_DGRAM) != 0)
		return 3;
	if ((pid = fork()) < 0)
		return 4;
	if (pid == 0)
		_exit(sock(AF_UNIX, SOCK_DGRAM));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 5;
	if (prctl(PR_SET_NAME, "h-args-run", 0, 0, 0) != 0)
		return 6;
	if (argc == 3 && clone_with(CLONE_NEWUSER) != 0)
		return 7;
	return 0;
}
