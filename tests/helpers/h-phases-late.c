/*
 * h-phases-late PORTFILE clean|late: a server that makes a call of its
 * start-up again once it serves.  It opens a TCP socket on 127.0.0.1 (a
 * free port, written to PORTFILE), accepts one connection (from then on
 * it serves), closes it, and forks a child it waits for.  With "late",
 * it then opens a socket again, and so does the child, each printing
 * "serving socket: ok" or the errno's name ("EPERM"); with "clean" it
 * prints "serving socket: skipped".  Traced with "clean", its profile
 * has socket in startup only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A socket now: "ok", or the errno's name. */
static const char *
try_socket(int late)
{
	int fd;

	if (!late)
		return "skipped";
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return errno == EPERM ? "EPERM" : strerror(errno);
	close(fd);
	return "ok";
}

int
main(int argc, char **argv)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int s, c, late, status;
	FILE *f;
	pid_t pid;

	if (argc != 3)
		return 2;
	late = strcmp(argv[2], "late") == 0;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(s, 1) < 0 ||
	    getsockname(s, (struct sockaddr *)&a, &len) < 0) {
		perror("startup socket");
		return 1;
	}
	if ((f = fopen(argv[1], "w")) == NULL)
		return 1;
	fprintf(f, "%d\n", ntohs(a.sin_port));
	if (fclose(f) != 0)
		return 1;
	printf("startup socket: ok\n");
	fflush(stdout);
	if ((c = accept4(s, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return 1;
	close(c);
	printf("serving socket: %s\n", try_socket(late));
	fflush(stdout);
	if ((pid = fork()) == 0) {
		printf("child socket: %s\n", try_socket(late));
		fflush(stdout);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	printf("child: %s %d\n", WIFEXITED(status) ? "exit" : "signal",
	    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return 0;
}
