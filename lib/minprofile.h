/*
 * minprofile.h - the allow-list profile of a model, in Docker's format,
 * in one call: what batch mode and the UI's save dialog write by default.
 *
 * A thin front to lib/profile.h: profile_from_model(), sctui's rules,
 * profile_save() in Docker format.
 */
#ifndef SCTUI_MINPROFILE_H
#define SCTUI_MINPROFILE_H

#include <stddef.h>

struct model;
struct profile;

/* The runtime whose own calls a saved profile gets unless told: Docker's. */
#define MINPROFILE_RUNTIME	"runc"

/*
 * The profile to save: what m saw, less what the user toggled off, united
 * with base (the --profile the trace started from; may be NULL), plus the
 * calls container runtime makes itself ("none": nothing) that the user did
 * not toggle off, as an entry of
 * origin PROFILE_ORIGIN_RUNTIME that says so in its comment; sctui's rules
 * applied.  NULL with err filled when the runtime's set cannot be read.
 */
struct profile *minprofile_build(const struct model *m,
		    const struct profile *base, const char *runtime,
		    char *err, size_t errlen);

/* 1 if name is a call that can never be denied (profile_is_locked). */
int	minprofile_is_locked(const char *name);

/*
 * Writes minprofile_build(m, NULL, MINPROFILE_RUNTIME) to path in Docker
 * format, atomically.  Returns 0 or -errno, err filled.
 */
int	minprofile_save(const struct model *m, const char *path, char *err,
	    size_t errlen);

#endif
