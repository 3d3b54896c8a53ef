/*
 * h-phases DIR: a tiny server's life, with one marker call per phase.
 *   startup:  uname x4, epoll_create1
 *   serving:  epoll_wait with a 10 ms timeout, getppid after each, until
 *             SIGTERM; writes DIR/pid once serving
 *   shutdown: umask x2, then exit 0
 */
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static volatile sig_atomic_t done;

static void
on_term(int sig)
{
	(void)sig;
	done = 1;
}

int
main(int argc, char **argv)
{
	struct epoll_event ev;
	struct sigaction sa = { 0 };
	struct utsname u;
	char path[4096];
	FILE *f = NULL;
	int i, ep;

	if (argc != 2)
		return 2;
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	for (i = 0; i < 4; i++)
		uname(&u);
	if ((ep = epoll_create1(0)) < 0)
		return 1;
	snprintf(path, sizeof(path), "%s/pid", argv[1]);
	/*
	 * SIGTERM ends serving: checked before each wait too, so that a
	 * signal that came between two waits is not followed by one more
	 * (it would count in shutdown).
	 */
	for (i = 0; !done; i++) {
		epoll_wait(ep, &ev, 1, 10);
		if (done)
			break;
		syscall(SYS_getppid);
		if (i == 0) {
			if ((f = fopen(path, "w")) == NULL)
				return 1;
			fprintf(f, "%d\n", (int)getpid());
			fclose(f);
		}
	}
	umask(022);
	umask(022);
	return 0;
}
