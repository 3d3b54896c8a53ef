/*
 * atomicfile.h - replace a file so that readers see the old or the new one.
 *
 * Every writer of profiles and sessions saves through here: the data goes
 * to a temporary file in the same folder, is fsync'd, then renamed over the
 * target, and the folder is fsync'd.  On any failure the target is left as it
 * was and the temporary file is removed.  A symlink to a file keeps the
 * link and replaces the file; "-" is standard output, and a terminal, a
 * pipe or a device is written straight through (nothing to replace).
 */
#ifndef SCTUI_ATOMICFILE_H
#define SCTUI_ATOMICFILE_H

#include <stddef.h>

/*
 * Writes len bytes of data to path atomically, with mode 0644 (less the
 * umask) or the mode of the file it replaces.  Returns 0 or -errno.
 */
int	atomicfile_write(const char *path, const void *data, size_t len);

#endif
