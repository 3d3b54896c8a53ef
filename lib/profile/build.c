/*
 * build.c - the profile to save; see build.h.
 */
#include "config.h"
#include "build.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "argspec.h"
#include "model.h"
#include "profile-int.h"
#include "profile.h"
#include "runtime.h"
#include "sysname.h"
#include "xalloc.h"

/* The model's allowed calls united with base (either may be NULL). */
static struct profile *
start(const struct profile_build *b)
{
	const struct profile *in[2];
	struct profile *p, *u;

	if (b->model == NULL)
		return b->base != NULL ? profile_dup(b->base) : profile_new();
	p = profile_traced(b->model, b->base);
	if (b->base == NULL)
		return p;
	in[0] = b->base;
	in[1] = p;
	u = profile_merge(in, 2);
	profile_free(p);
	return u;
}

/* The calls the user denied in the model, denied by hand in p. */
static void
deny_toggled(const struct model *m, struct profile *p)
{
	const struct model_sys *s;
	uint32_t i;

	for (i = 0; m != NULL && i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->toggle == TOGGLE_DENY && sysname_known(s->sysid))
			profile_deny(p, sysname_name(s->sysid));
	}
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
		    profile_denies(p, name))
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

int
profile_docker_denies(const char *name, unsigned index, uint64_t v)
{
	static const uint64_t personas[] = {
		0x0, 0x8, 0x20000, 0x20008, 0xffffffff
	};
	size_t i;

	if (index != 0)
		return 0;
	if (strcmp(name, "clone") == 0)
		return (v & PROFILE_CLONE_NS_MASK) != 0;
	if (strcmp(name, "socket") == 0)
		return v == AF_VSOCK;
	if (strcmp(name, "personality") != 0)
		return 0;
	for (i = 0; i < sizeof(personas) / sizeof(personas[0]); i++)
		if (v == personas[i])
			return 0;
	return 1;
}

static void
warn(char ***w, size_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(char ***w, size_t *n, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	*w = xreallocarray(*w, *n + 2, sizeof(**w));
	(*w)[(*n)++] = line;
	(*w)[*n] = NULL;
}

/* The warnings about the argument values of s. */
static void
warn_args(const struct model *m, const struct model_sys *s, char ***w,
    size_t *n)
{
	const struct model_arg *a;
	const struct model_argval *av;
	const char *name = sysname_name(s->sysid);
	char val[256];
	uint32_t j, k;
	int ph;

	for (j = 0; j < s->nargs; j++) {
		a = &s->args[j];
		if (!profile_arg_rule(name, a->spec->arg))
			continue;
		if (a->many > 0)
			warn(w, n, "%s: more than %d distinct %s values, so "
			    "no rule: this profile allows any %s", name,
			    MODEL_ARG_MAX, a->spec->what, a->spec->what);
		for (k = 0; k < a->nvals; k++) {
			av = &a->vals[k];
			/* A value the user denied is out of the rule. */
			if (av->toggle == TOGGLE_DENY ||
			    !profile_docker_denies(name, a->spec->arg,
			    av->value))
				continue;
			for (ph = 0; ph < PHASE_N && av->count[ph] == 0; ph++)
				;
			warn(w, n, "%s with %s seen in pid %d (%s): this "
			    "profile allows what Docker's default denies",
			    name, argspec_label(a->spec, av->value, val,
			    sizeof(val)), av->nprocs ? model_proc(m,
			    av->procs[0])->pid : 0, phase_name(ph < PHASE_N ?
			    (enum phase)ph : PHASE_STARTUP));
		}
	}
}

/* The calls allowed on another arch than s, which the user denied. */
static void
warn_arches(const struct model *m, const struct model_sys *s, char ***w,
    size_t *n)
{
	const struct model_sys *t;
	uint32_t j;

	for (j = 0; j < model_nsys(m); j++) {
		t = model_sys(m, j);
		if (t->toggle == TOGGLE_ALLOW &&
		    strcmp(sysname_name(t->sysid),
		    sysname_name(s->sysid)) == 0)
			warn(w, n, "%s: denied on %s, allowed on %s; a "
			    "profile names a call for all arches: denied on "
			    "all", sysname_name(s->sysid),
			    sysname_arch_name(sysname_arch(s->sysid)),
			    sysname_arch_name(sysname_arch(t->sysid)));
	}
}

/* The warnings of profile_build_warnings(), or those of arches alone. */
static char **
warnings(const struct model *m, int arch_only)
{
	const struct model_sys *s;
	char **w = NULL;
	size_t n = 0;
	uint32_t i;

	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->toggle == TOGGLE_ALLOW && s->nargs > 0 && !arch_only)
			warn_args(m, s, &w, &n);
		if (s->toggle == TOGGLE_ALLOW && !arch_only &&
		    strcmp(sysname_name(s->sysid), "clone3") == 0 &&
		    !profile_model_denied(m, "clone3"))
			warn(&w, &n, "clone3 (%s): its flags are out of a "
			    "filter's reach, so the profile gives it ENOSYS, "
			    "as Docker's default does, and allows clone "
			    "without namespace flags, which libc falls back to",
			    sysname_arch_name(sysname_arch(s->sysid)));
		if (s->toggle == TOGGLE_DENY)
			warn_arches(m, s, &w, &n);
	}
	return w;
}

char **
profile_build_warnings(const struct model *m)
{
	return warnings(m, 0);
}

char **
profile_build_arch_warnings(const struct model *m)
{
	return warnings(m, 1);
}

void
profile_build_warnings_free(char **w)
{
	char **l;

	for (l = w; l != NULL && *l != NULL; l++)
		free(*l);
	free(w);
}

struct profile *
profile_build(const struct profile_build *b)
{
	struct profile *p = start(b);
	enum profile_action a;

	deny_toggled(b->model, p);
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
