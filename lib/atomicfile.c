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

/*
 * "-", a terminal, a pipe or a device: there is no file to replace, so the
 * data is written straight to it (renaming over /dev/stdout would put a
 * regular file in its place).
 */
static int
write_through(const char *path, const void *data, size_t len)
{
	int fd, rc;

	if (strcmp(path, "-") == 0)
		return write_all(STDOUT_FILENO, data, len);
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return -errno;
	rc = write_all(fd, data, len);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

int
atomicfile_write(const char *path, const void *data, size_t len)
{
	char *real = NULL;
	char *tmp, *dircopy;
	struct stat st;
	int fd, dfd, rc;
	size_t n = strlen(path) + 16;

	if (strcmp(path, "-") == 0 ||
	    (stat(path, &st) == 0 && !S_ISREG(st.st_mode)))
		return write_through(path, data, len);
	/* A symlink to a file: replace the file, keep the link. */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(path, NULL)) != NULL) {
		rc = atomicfile_write(real, data, len);
		free(real);
		return rc;
	}
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
