/*
 * minprofile.h - the allow-list profile of a model, in Docker's format.
 *
 * The first, minimal writer, used by batch mode: every syscall the model saw
 * and the user did not toggle off, plus the calls that can never be denied,
 * allowed on the arches that were seen; everything else gets
 * SCMP_ACT_ERRNO (EPERM).  Sorted and deterministic.
 */
#ifndef SCTUI_MINPROFILE_H
#define SCTUI_MINPROFILE_H

#include <stddef.h>

struct model;

/* Calls that denying would hang or break in ways that look like others. */
extern const char *const minprofile_locked[];

/* 1 if name is one of minprofile_locked. */
int	minprofile_is_locked(const char *name);

/*
 * The profile as a NUL-terminated JSON text (caller frees), or NULL with
 * err filled.
 */
char	*minprofile_docker(const struct model *m, char *err, size_t errlen);

/* Writes it to path atomically.  Returns 0 or -errno, err filled. */
int	 minprofile_save(const struct model *m, const char *path, char *err,
	    size_t errlen);

#endif
