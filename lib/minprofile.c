/*
 * minprofile.c - the model's profile, ready to save; see minprofile.h.
 */
#include "config.h"
#include "minprofile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "profile.h"
#include "runtime.h"
#include "sysname.h"

/* Did the user toggle a call of this name off (on any arch)? */
static int
user_denied(const struct model *m, const char *name)
{
	const struct model_sys *s;
	uint32_t i;

	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->toggle == TOGGLE_DENY &&
		    strcmp(sysname_name(s->sysid), name) == 0)
			return 1;
	}
	return 0;
}

int
minprofile_is_locked(const char *name)
{
	return profile_is_locked(name);
}

struct profile *
minprofile_build(const struct model *m, const struct profile *base,
    const char *runtime, char *err, size_t errlen)
{
	struct profile *p, *u;
	const struct profile *in[2];
	struct runtime_set set;
	struct profile_entry *e;
	char comment[96];
	size_t i;

	if (runtime_baseline(runtime, NULL, &set, err, errlen) < 0)
		return NULL;
	p = profile_from_model(m);
	if (base != NULL) {
		in[0] = base;
		in[1] = p;
		u = profile_merge(in, 2);
		profile_free(p);
		p = u;
	}
	e = NULL;
	for (i = 0; i < set.count; i++) {
		/* The user's own "deny" wins over the runtime's needs. */
		if (profile_allows(p, set.names[i]) ||
		    user_denied(m, set.names[i]))
			continue;
		if (e == NULL) {
			e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
			    PROFILE_ORIGIN_RUNTIME);
			snprintf(comment, sizeof(comment), "made by the "
			    "container runtime (%s) before the program starts",
			    runtime);
			profile_entry_set_comment(e, comment);
		}
		profile_entry_add_name(e, set.names[i]);
	}
	runtime_set_free(&set);
	profile_apply_rules(p);
	return p;
}

int
minprofile_save(const struct model *m, const char *path, char *err,
    size_t errlen)
{
	struct profile *p = minprofile_build(m, NULL, MINPROFILE_RUNTIME, err,
	    errlen);
	int rc;

	if (p == NULL)
		return -ENOENT;
	rc = profile_save(p, path, PROFILE_FMT_DOCKER, NULL, err, errlen);
	profile_free(p);
	return rc;
}
