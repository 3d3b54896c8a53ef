/*
 * minprofile.c - the model's profile in one call; see minprofile.h.
 */
#include "config.h"
#include "minprofile.h"

#include "profile.h"

int
minprofile_is_locked(const char *name)
{
	return profile_is_locked(name);
}

int
minprofile_save(const struct model *m, const char *path, char *err,
    size_t errlen)
{
	struct profile *p = profile_from_model(m);
	int rc;

	rc = profile_save(p, path, PROFILE_FMT_DOCKER, NULL, err, errlen);
	profile_free(p);
	return rc;
}
