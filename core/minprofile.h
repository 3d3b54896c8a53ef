/*
 * minprofile.h - the allow-list profile of a model, in Docker's format,
 * in one call: what batch mode and the UI's save dialog write by default.
 *
 * A thin front to core/profile.h: profile_from_model(), sctui's rules,
 * profile_save() in Docker format.
 */
#ifndef SCTUI_MINPROFILE_H
#define SCTUI_MINPROFILE_H

#include <stddef.h>

struct model;

/* 1 if name is a call that can never be denied (profile_is_locked). */
int	minprofile_is_locked(const char *name);

/*
 * Writes the profile of what m saw, less what the user toggled off, to
 * path in Docker format, atomically.  Returns 0 or -errno, err filled.
 */
int	minprofile_save(const struct model *m, const char *path, char *err,
	    size_t errlen);

#endif
