/*
 * h-tui-deny - a serving loop for the live what-if tests.
 *
 * Usage: h-tui-deny
 * Raises SIGUSR1 once at start (its handler returns through rt_sigreturn,
 * a call sctui locks on), then loops: uname(2), then poll(2) for 20 ms (which starts the serving phase).
 * It prints a line each time the outcome of uname changes: "uname: ok" at
 * first, "uname: <strerror>" once it fails, "uname: ok" again when it runs
 * again.  stdin is /dev/null under sctui; SIGTERM (default action) ends it.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static void
on_usr1(int sig)
{
	(void)sig;
}

int
main(void)
{
	struct utsname u;
	int last = -1, err;

	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);

	for (;;) {
		err = uname(&u) < 0 ? errno : 0;
		if (err != last) {
			if (err == 0)
				printf("uname: ok\n");
			else
				printf("uname: %s\n", strerror(err));
			fflush(stdout);
			last = err;
		}
		poll(NULL, 0, 20);
	}
}
