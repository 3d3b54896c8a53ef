/*
 * build.c - the profile to save; see build.h.
 */
#include "config.h"
#include "build.h"

#include <stdio.h>
#include <string.h>

#include "model.h"
#include "profile-int.h"
#include "profile.h"
#include "runtime.h"
#include "sysname.h"

/* Did the user toggle a call of this name off (on any arch)? */
static int
user_denied(const struct model *m, const char *name)
{
	const struct model_sys *s;
	uint32_t i;

	if (m == NULL)
		return 0;
	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->toggle == TOGGLE_DENY &&
		    strcmp(sysname_name(s->sysid), name) == 0)
			return 1;
	}
	return 0;
}

/* The model's allowed calls united with base (either may be NULL). */
static struct profile *
start(const struct profile_build *b)
{
	const struct profile *in[2];
	struct profile *p, *u;

	if (b->model == NULL)
		return b->base != NULL ? profile_dup(b->base) : profile_new();
	p = profile_traced(b->model);
	if (b->base == NULL)
		return p;
	in[0] = b->base;
	in[1] = p;
	u = profile_merge(in, 2);
	profile_free(p);
	return u;
}

static void
add_runtime(const struct profile_build *b, struct profile *p)
{
	struct profile_entry *e = NULL;
	char comment[96];
	size_t i;

	for (i = 0; b->runtime != NULL && i < b->runtime->count; i++) {
		const char *name = b->runtime->names[i];

		/* The user's own "deny" wins over the runtime's needs. */
		if (profile_allows(p, name) || profile_is_locked(name) ||
		    user_denied(b->model, name))
			continue;
		if (e == NULL) {
			e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
			    PROFILE_ORIGIN_RUNTIME);
			snprintf(comment, sizeof(comment), "made by the "
			    "container runtime (%s) before the program starts",
			    b->runtime_name);
			profile_entry_set_comment(e, comment);
		}
		profile_entry_add_name(e, name);
	}
}

struct profile *
profile_build(const struct profile_build *b)
{
	struct profile *p = start(b);
	enum profile_action a;

	add_runtime(b, p);
	if (b->default_action != NULL &&
	    profile_action_parse(b->default_action, &a) == 0) {
		p->def_action = a;
		p->def_errno = a == PROFILE_ACT_ERRNO ? 1 : -1;
	}
	if (b->errno_ret >= 0) {
		p->def_action = PROFILE_ACT_ERRNO;
		p->def_errno = b->errno_ret;
	}
	profile_apply_rules(p);
	return p;
}
