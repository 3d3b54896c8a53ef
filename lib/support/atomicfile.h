/*
 * atomicfile.h - replace a file so that readers see the old or the new one.
 *
 * Every file sctui writes for its user (-o, --stats, --session, --convert
 * and --merge -o, the UI's profile and session saves) goes through here.
 * sctui often runs as root next to an untrusted program and other local
 * users, who may plant a symlink, a FIFO, a device or a set-id file at the
 * output path, so:
 *
 *  - the folder is opened (its path may hold symlinks: they are the
 *    user's), the last component is never followed;
 *  - the data goes to a new file in that folder (O_TMPFILE, else a random
 *    name with O_CREAT | O_EXCL), with mode 0666 less the umask, owned by
 *    the caller; it is fsync'd, renamed over the name, and the folder is
 *    fsync'd;
 *  - a symlink at the name is replaced by the new file (the file it points
 *    to is never opened), unless it points at something that is not a
 *    regular file (/dev/stdout, a FIFO, a device): that is refused like
 *    the thing itself;
 *  - a FIFO, a device, a socket or a folder at the name is refused before
 *    anything is written;
 *  - on any failure the old file is left as it was and no temporary file
 *    remains.
 *
 * "-" is standard output, written straight through (a terminal or a pipe).
 */
#ifndef SCTUI_ATOMICFILE_H
#define SCTUI_ATOMICFILE_H

#include <stddef.h>

/*
 * Writes len bytes of data to path as above.  Returns 0, or -errno with a
 * one-line message in err (errlen bytes) that names path, the cause and
 * the fix:
 *	-EEXIST		path is (or links to) a FIFO, device or socket
 *	-EISDIR		path is a folder, or ends in '/'
 *	-ENOSPC, -EACCES, -ENOENT...	from the file system
 */
int	atomicfile_write(const char *path, const void *data, size_t len,
	    char *err, size_t errlen);

#endif
