/*
 * pty.c - a pseudo-terminal for the program the UI traces; see pty.h.
 *
 * The slave is opened through the master (TIOCGPTPEER) where the kernel
 * can, so the device opened is the one just made, whatever happens to
 * /dev/pts meanwhile; by its name otherwise.
 */
#include "config.h"
#include "pty.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static int
pty_open_slave(int master)
{
	char name[64];
	int fd;

#ifdef TIOCGPTPEER
	fd = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0 || (errno != EINVAL && errno != ENOTTY))
		return fd >= 0 ? fd : -errno;
#endif
	if ((errno = ptsname_r(master, name, sizeof(name))) != 0)
		return -errno;
	fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
	return fd >= 0 ? fd : -errno;
}

int
pty_open(int *master, int *slave, const struct winsize *ws)
{
	int m, s, rc;

	if ((m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return -errno;
	if (grantpt(m) < 0 || unlockpt(m) < 0 ||
	    fcntl(m, F_SETFL, O_NONBLOCK) < 0) {
		rc = -errno;
		close(m);
		return rc;
	}
	if ((s = pty_open_slave(m)) < 0) {
		close(m);
		return s;
	}
	/* A size of 0x0 would make some programs divide by zero. */
	if (ws != NULL && ws->ws_col > 0 && ws->ws_row > 0)
		(void)ioctl(s, TIOCSWINSZ, ws);
	*master = m;
	*slave = s;
	return 0;
}
