/*
 * atomicfile.c - a new file in the target's folder, fsync, renameat; see
 * atomicfile.h.  Every name below the folder is resolved relative to the
 * folder's descriptor and never followed, so a link planted at the name
 * between the checks and the rename can only be replaced, not written
 * through.
 */
#include "config.h"
#include "atomicfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

/* ".sctui-" and 16 hex digits: never longer than NAME_MAX. */
#define ATOMICFILE_TMPLEN	32
/* Random names to try before giving up (each is 64 bits). */
#define ATOMICFILE_TRIES	16

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

static void
tmp_name(char *name)
{
	struct timespec ts;
	uint64_t r;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
		/* O_EXCL keeps this safe; the name only has to differ. */
		clock_gettime(CLOCK_MONOTONIC, &ts);
		r = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
		    (uint64_t)getpid() << 40;
	}
	snprintf(name, ATOMICFILE_TMPLEN, ".sctui-%016llx",
	    (unsigned long long)r);
}

static const char *
kind_name(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISDIR(m))
		return "a folder";
	return "something other than a regular file";
}

/*
 * Opens the folder of path and points *base at the last component.  The
 * folder's own path is the user's and may go through symlinks.
 */
static int
open_dir(const char *path, const char **base, int *dfd)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int fd;

	*base = slash != NULL ? slash + 1 : path;
	if (**base == '\0' || strcmp(*base, ".") == 0 ||
	    strcmp(*base, "..") == 0)
		return -EISDIR;
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else {
		dir = xmalloc((size_t)(slash - path) + 1);
		xmemcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* A folder we may write in but not list: no fsync of it, then. */
	if (fd < 0 && errno == EACCES)
		fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -errno;
	*dfd = fd;
	return 0;
}

/*
 * What is at base may be replaced: nothing, a regular file, or a symlink
 * to a regular file or to nothing.  The link is only looked at (stat),
 * never opened.
 */
static int
check_target(int dfd, const char *base, const char *path, char *err,
    size_t errlen)
{
	struct stat st;
	int link = 0;

	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -errno;
	if (S_ISLNK(st.st_mode)) {
		if (fstatat(dfd, base, &st, 0) < 0)
			return 0;
		link = 1;
	}
	if (S_ISREG(st.st_mode))
		return 0;
	if (S_ISDIR(st.st_mode) && !link)
		return -EISDIR;
	snprintf(err, errlen, "cannot write %s: it %s %s, not a regular file "
	    "(sctui only replaces regular files: give another path, or - for "
	    "standard output)", path, link ? "is a symlink to" : "is",
	    kind_name(st.st_mode));
	return S_ISDIR(st.st_mode) ? -EISDIR : -EEXIST;
}

/*
 * A new, empty file in dfd, mode 0666 less the umask.  With O_TMPFILE it
 * has no name yet (name[0] stays '\0'); otherwise name holds its random
 * name.  Returns the descriptor or -errno.
 */
static int
tmp_open(int dfd, char *name)
{
	int fd, i;

	name[0] = '\0';
	if ((fd = openat(dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC,
	    0666)) >= 0)
		return fd;
	if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
		return -errno;
	for (i = 0; i < ATOMICFILE_TRIES; i++) {
		tmp_name(name);
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			break;
	}
	fd = i < ATOMICFILE_TRIES ? -errno : -EEXIST;
	name[0] = '\0';
	return fd;
}

/* Gives an O_TMPFILE file a random name in dfd, to rename from. */
static int
tmp_link(int fd, int dfd, char *name)
{
	char proc[32];
	int i, rc = -EEXIST;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (i = 0; i < ATOMICFILE_TRIES; i++) {
		tmp_name(name);
		if (linkat(AT_FDCWD, proc, dfd, name, AT_SYMLINK_FOLLOW) == 0)
			return 0;
		/* No /proc: AT_EMPTY_PATH (needs CAP_DAC_READ_SEARCH). */
		if (errno == ENOENT &&
		    linkat(fd, "", dfd, name, AT_EMPTY_PATH) == 0)
			return 0;
		rc = -errno;
		if (rc != -EEXIST)
			break;
	}
	name[0] = '\0';
	return rc;
}

int
atomicfile_write(const char *path, const void *data, size_t len, char *err,
    size_t errlen)
{
	char tmp[ATOMICFILE_TMPLEN];
	const char *base;
	int dfd = -1, fd, rc;

	if (errlen > 0)
		err[0] = '\0';
	if (strcmp(path, "-") == 0) {
		if ((rc = write_all(STDOUT_FILENO, data, len)) < 0)
			snprintf(err, errlen, "cannot write to standard "
			    "output: %s", strerror(-rc));
		return rc;
	}
	if ((rc = open_dir(path, &base, &dfd)) < 0)
		goto fail;
	if ((rc = check_target(dfd, base, path, err, errlen)) < 0 ||
	    (rc = fd = tmp_open(dfd, tmp)) < 0) {
		close(dfd);
		goto fail;
	}
	rc = write_all(fd, data, len);
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (rc == 0 && tmp[0] == '\0')
		rc = tmp_link(fd, dfd, tmp);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	/* Replaces a symlink at base itself, never what it points to. */
	if (rc == 0 && renameat(dfd, tmp, dfd, base) < 0)
		rc = -errno;
	if (rc < 0 && tmp[0] != '\0')
		unlinkat(dfd, tmp, 0);
	/* Makes the rename itself durable. */
	if (rc == 0)
		fsync(dfd);
	close(dfd);
	if (rc == 0)
		return 0;
fail:
	if (errlen > 0 && err[0] == '\0')
		snprintf(err, errlen, "cannot write %s: %s (the previous file, "
		    "if any, is unchanged)", path, strerror(-rc));
	return rc;
}
