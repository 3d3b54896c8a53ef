/*
 * atomicfile.c - temporary file, fsync, rename; see atomicfile.h.
 */
#include "config.h"
#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
atomicfile_write(const char *path, const void *data, size_t len)
{
	char *tmp, *dircopy;
	struct stat st;
	int fd, dfd, rc;
	size_t n = strlen(path) + 16;

	tmp = xmalloc(n);
	snprintf(tmp, n, "%s.XXXXXX", path);
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	if (stat(path, &st) == 0)
		rc = fchmod(fd, st.st_mode & 07777);
	else {
		mode_t mask = umask(0);

		umask(mask);
		rc = fchmod(fd, 0644 & ~mask);
	}
	if (rc == 0)
		rc = write_all(fd, data, len);
	else
		rc = -errno;
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0) {
		unlink(tmp);
		free(tmp);
		return rc;
	}
	free(tmp);
	/* Make the rename itself durable. */
	dircopy = xstrdup(path);
	if ((dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dircopy);
	return 0;
}
