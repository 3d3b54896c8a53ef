/*
 * demo-server.c - sctui-demo-server: the classroom demo's web server when
 * nginx is not installed (sctui --demo, app/demo.c).
 *
 *	sctui-demo-server PORT DOCROOT PIDFILE
 *
 * A small static-file HTTP/1.1 server with nginx's shape, so the demo shows
 * the same arc: a master binds 127.0.0.1:PORT (loopback only), writes
 * PIDFILE, starts two workers and waits in sigsuspend(2); each worker waits
 * in epoll_wait(2), accepts with accept4(2), reads with recvfrom(2) and
 * answers with writev(2) and sendfile(2), keep-alive included.  SIGQUIT
 * (or TERM, INT) is a graceful stop: the master passes it on, the workers
 * close their listening socket, finish and exit, the master reaps them,
 * removes PIDFILE and exits 0.
 *
 * It is traced, so it is never built with the sanitizers.  It serves only
 * files directly under DOCROOT (no subfolders, no dot files).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define NWORKERS	2
#define MAXCONN		64
#define REQMAX		4096

struct conn {
	int	fd;
	size_t	len;
	char	buf[REQMAX];
};

static volatile sig_atomic_t quit;
static int docroot = -1;

static void
on_quit(int sig)
{
	(void)sig;
	quit = 1;
}

static void
on_chld(int sig)
{
	(void)sig;
}

static const char *
mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (strcmp(dot, ".html") == 0)
		return "text/html";
	if (strcmp(dot, ".css") == 0)
		return "text/css";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".txt") == 0)
		return "text/plain";
	return "application/octet-stream";
}

/* Writes all of iov; returns 0 or -1. */
static int
write_all(int fd, struct iovec *iov, int n)
{
	ssize_t w;

	while (n > 0) {
		w = writev(fd, iov, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

/*
 * Answers the request in c->buf (complete up to its blank line).  Returns 1
 * to keep the connection, 0 to close it.
 */
static int
answer(struct conn *c, size_t reqlen)
{
	static const char notfound[] = "<!DOCTYPE html>\n<title>404 Not "
	    "Found</title>\n<h1>404 Not Found</h1>\n";
	char method[8], path[256], version[16], head[512];
	const char *name, *p;
	struct iovec iov[2];
	struct stat st;
	off_t off = 0;
	int fd = -1, keep, n;

	c->buf[reqlen - 1] = '\0';
	if (sscanf(c->buf, "%7s %255s %15s", method, path, version) != 3)
		return 0;
	keep = strcmp(version, "HTTP/1.1") == 0;
	for (p = strchr(c->buf, '\n'); p != NULL; p = strchr(p + 1, '\n'))
		if (strncasecmp(p + 1, "Connection:", 11) == 0)
			keep = strncasecmp(p + 12 + strspn(p + 12, " \t"),
			    "close", 5) != 0;
	name = path[0] == '/' ? path + 1 : path;
	if (*name == '\0')
		name = "index.html";
	if (strcmp(method, "GET") == 0 && *name != '.' &&
	    strchr(name, '/') == NULL)
		fd = openat(docroot, name, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	n = snprintf(head, sizeof(head), "HTTP/1.1 %s\r\nServer: "
	    "sctui-demo-server\r\nContent-Type: %s\r\nContent-Length: "
	    "%lld\r\nConnection: %s\r\n\r\n", fd >= 0 ? "200 OK" :
	    "404 Not Found", fd >= 0 ? mime_type(name) : "text/html",
	    fd >= 0 ? (long long)st.st_size : (long long)sizeof(notfound) - 1,
	    keep ? "keep-alive" : "close");
	iov[0].iov_base = head;
	iov[0].iov_len = (size_t)n;
	iov[1].iov_base = (void *)notfound;
	iov[1].iov_len = sizeof(notfound) - 1;
	if (write_all(c->fd, iov, fd >= 0 ? 1 : 2) < 0)
		keep = 0;
	while (fd >= 0 && off < st.st_size)
		if (sendfile(c->fd, fd, &off,
		    (size_t)(st.st_size - off)) <= 0 && errno != EINTR) {
			keep = 0;
			break;
		}
	if (fd >= 0)
		close(fd);
	return keep;
}

/* Reads what c has; returns 0 to close it. */
static int
conn_read(struct conn *c)
{
	ssize_t n;
	char *end;
	size_t used;

	for (;;) {
		n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len - 1,
		    0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN;
		if (n == 0)
			return 0;
		c->len += (size_t)n;
		c->buf[c->len] = '\0';
		while ((end = strstr(c->buf, "\r\n\r\n")) != NULL) {
			used = (size_t)(end - c->buf) + 4;
			if (!answer(c, used))
				return 0;
			memmove(c->buf, c->buf + used, c->len - used);
			c->len -= used;
			c->buf[c->len] = '\0';
		}
		if (c->len >= sizeof(c->buf) - 1)
			return 0;	/* a request too big */
	}
}

static void
worker(int lfd)
{
	struct epoll_event ev, evs[16];
	struct conn *conns[MAXCONN] = { NULL };
	int ep, n, i, j, fd, nconn = 0, one = 1;

	if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
		_exit(1);
	ev.events = EPOLLIN;
	ev.data.u32 = MAXCONN;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev) < 0)
		_exit(1);
	for (;;) {
		if (quit && lfd >= 0) {
			close(lfd);	/* stop accepting, finish the rest */
			lfd = -1;
		}
		if (quit && nconn == 0)
			break;
		n = epoll_wait(ep, evs, 16, quit ? 100 : 1000);
		if (n < 0 && errno != EINTR)
			_exit(1);
		if (quit && n == 0) {
			/* Idle keep-alive connections: close them. */
			for (j = 0; j < MAXCONN; j++)
				if (conns[j] != NULL) {
					close(conns[j]->fd);
					free(conns[j]);
					conns[j] = NULL;
				}
			nconn = 0;
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.u32 == MAXCONN) {
				if (lfd < 0)
					continue;
				while ((fd = accept4(lfd, NULL, NULL,
				    SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					for (j = 0; j < MAXCONN &&
					    conns[j] != NULL; j++)
						;
					if (j == MAXCONN ||
					    (conns[j] = calloc(1,
					    sizeof(**conns))) == NULL) {
						close(fd);
						continue;
					}
					conns[j]->fd = fd;
					/*
					 * The header and the body go out in
					 * two writes: no Nagle wait between.
					 */
					setsockopt(fd, IPPROTO_TCP,
					    TCP_NODELAY, &one, sizeof(one));
					ev.events = EPOLLIN | EPOLLRDHUP;
					ev.data.u32 = (uint32_t)j;
					epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
					nconn++;
				}
				continue;
			}
			j = (int)evs[i].data.u32;
			if (conns[j] == NULL)
				continue;
			if (!conn_read(conns[j])) {
				close(conns[j]->fd);
				free(conns[j]);
				conns[j] = NULL;
				nconn--;
			}
		}
	}
	_exit(0);
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	struct sigaction act;
	sigset_t mask, old;
	pid_t pids[NWORKERS];
	char *end;
	long port;
	int lfd, one = 1, i, alive, status;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: sctui-demo-server PORT DOCROOT "
		    "PIDFILE\n");
		return 2;
	}
	port = strtol(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || port <= 0 || port > 65535) {
		fprintf(stderr, "sctui-demo-server: '%s' is not a port\n",
		    argv[1]);
		return 2;
	}
	if ((docroot = open(argv[2], O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "sctui-demo-server: %s: %s\n", argv[2],
		    strerror(errno));
		return 1;
	}
	memset(&act, 0, sizeof(act));
	sigemptyset(&act.sa_mask);
	act.sa_handler = on_quit;
	sigaction(SIGQUIT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	sigaction(SIGINT, &act, NULL);
	act.sa_handler = on_chld;
	sigaction(SIGCHLD, &act, NULL);
	act.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &act, NULL);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(lfd, 128) < 0) {
		fprintf(stderr, "sctui-demo-server: 127.0.0.1:%ld: %s\n", port,
		    strerror(errno));
		return 1;
	}
	if ((f = fopen(argv[3], "we")) == NULL ||
	    fprintf(f, "%d\n", (int)getpid()) < 0 || fclose(f) != 0) {
		fprintf(stderr, "sctui-demo-server: %s: %s\n", argv[3],
		    strerror(errno));
		return 1;
	}

	/* Signals wait for sigsuspend, so none is lost between checks. */
	sigemptyset(&mask);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	for (i = 0; i < NWORKERS; i++) {
		if ((pids[i] = fork()) == 0) {
			sigprocmask(SIG_SETMASK, &old, NULL);
			worker(lfd);
		}
		if (pids[i] < 0) {
			fprintf(stderr, "sctui-demo-server: fork: %s\n",
			    strerror(errno));
			pids[i] = 0;
			quit = 1;
		}
	}
	close(lfd);
	alive = 0;
	for (i = 0; i < NWORKERS; i++)
		alive += pids[i] > 0;
	while (alive > 0) {
		if (quit == 1) {
			for (i = 0; i < NWORKERS; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGQUIT);
			quit = 2;
		}
		while (alive > 0 && (i = (int)waitpid(-1, &status,
		    WNOHANG)) > 0)
			alive--;
		if (alive > 0)
			sigsuspend(&old);
	}
	unlink(argv[3]);
	return 0;
}
