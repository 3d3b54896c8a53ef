/*
 * cmdpath.c - find a command the way execvp(3) would; see cmdpath.h.
 */
#include "config.h"
#include "cmdpath.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xalloc.h"

int
cmdpath_resolve(const char *cmd, char **out)
{
	const char *path, *p, *end;
	char buf[PATH_MAX];
	struct stat st;
	int err = -ENOENT;

	if (strchr(cmd, '/') != NULL) {
		if (stat(cmd, &st) < 0)
			return -errno;
		if (S_ISDIR(st.st_mode) || access(cmd, X_OK) < 0)
			return -EACCES;
		*out = xstrdup(cmd);
		return 0;
	}
	if ((path = getenv("PATH")) == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = end + 1) {
		size_t len;

		end = strchr(p, ':');
		len = end ? (size_t)(end - p) : strlen(p);
		if (snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, p,
		    len ? "/" : "", cmd) < (int)sizeof(buf) &&
		    stat(buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
			if (access(buf, X_OK) == 0) {
				*out = xstrdup(buf);
				return 0;
			}
			err = -EACCES;
		}
		if (end == NULL)
			break;
	}
	return err;
}
