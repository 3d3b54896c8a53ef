/*
 * diff.c - what two profiles allow differently, per arch.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argspec.h"
#include "pbuf.h"
#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

/* Names p allows (any conditions) that are system calls on arch. */
static void
allowed_on(const struct profile *p, uint32_t arch, char ***v, size_t *n)
{
	size_t i, j;
	int on = 0;

	for (i = 0; i < p->narches; i++)
		on |= p->arches[i] == arch;
	if (!on)
		return;
	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		if (e->action != PROFILE_ACT_ALLOW &&
		    e->action != PROFILE_ACT_LOG)
			continue;
		for (j = 0; j < e->nnames; j++)
			if (seccomp_syscall_resolve_name_arch(arch,
			    e->names[j]) >= 0 && !pstrv_has(*v, *n, e->names[j]))
				pstrv_add(v, n, e->names[j]);
	}
	xqsort(*v, *n, sizeof(**v), pcmp_str);
}

/* The names p denies by hand, and q does not, that are calls on arch. */
static void
denied_on(const struct profile *p, const struct profile *q, uint32_t arch,
    char ***v, size_t *n)
{
	char **names;
	size_t i, k = profile_denied_names(p, &names);

	for (i = 0; i < k; i++)
		if (!profile_denies(q, names[i]) &&
		    seccomp_syscall_resolve_name_arch(arch, names[i]) >= 0)
			pstrv_add(v, n, names[i]);
	pstrv_free(names, k);
}

/* Does e allow (or log) name, under any conditions? */
static int
allows_name(const struct profile_entry *e, const char *name)
{
	return (e->action == PROFILE_ACT_ALLOW ||
	    e->action == PROFILE_ACT_LOG) &&
	    pstrv_has(e->names, e->nnames, name);
}

/* One condition of name, by name where argspec knows the argument. */
static void
describe_arg(struct pbuf *b, const char *name, const struct profile_arg *a)
{
	const struct argspec *s = argspec_arg(name, a->index);
	char v[256], m[256];

	if (s == NULL) {
		pbuf_printf(b, "arg%u %s %#llx", a->index,
		    profile_op_str(a->op), (unsigned long long)a->value);
		if (a->op == SCMP_CMP_MASKED_EQ)
			pbuf_printf(b, " %#llx",
			    (unsigned long long)a->value_two);
		return;
	}
	switch (a->op) {
	case SCMP_CMP_EQ:
		pbuf_add(b, argspec_format(s, a->value, v, sizeof(v)));
		break;
	case SCMP_CMP_NE:
		pbuf_printf(b, "any %s but %s", s->what,
		    argspec_format(s, a->value, v, sizeof(v)));
		break;
	case SCMP_CMP_MASKED_EQ:
		if (a->value == PROFILE_CLONE_NS_MASK && a->value_two == 0)
			pbuf_add(b, "no namespace flags");
		else if (a->value == PROFILE_CLONE_NS_MASK)
			pbuf_printf(b, "namespace flags %s",
			    argspec_format(s, a->value_two, v, sizeof(v)));
		else
			pbuf_printf(b, "%s & %s == %s", s->what,
			    argspec_format(s, a->value, m, sizeof(m)),
			    argspec_format(s, a->value_two, v, sizeof(v)));
		break;
	default:
		pbuf_printf(b, "%s %s %s", s->what, profile_op_str(a->op),
		    argspec_format(s, a->value, v, sizeof(v)));
		break;
	}
}

/*
 * What p (resolved) allows of name's arguments: NULL when some allowing
 * entry has no condition, else "only X, Y" (one item an entry, its
 * conditions joined by " and ").  *what is the first condition's argument
 * name for "any WHAT".
 */
static char *
describe(const struct profile *p, const char *name, const char **what)
{
	const struct argspec *s;
	struct pbuf b = { 0 };
	size_t i, k, n = 0;

	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		if (!allows_name(e, name))
			continue;
		if (e->nargs == 0) {
			free(b.s);
			return NULL;
		}
		if (*what == NULL && (s = argspec_arg(name,
		    e->args[0].index)) != NULL)
			*what = s->what;
		pbuf_add(&b, n++ ? ", " : "only ");
		for (k = 0; k < e->nargs; k++) {
			if (k > 0)
				pbuf_add(&b, " and ");
			describe_arg(&b, name, &e->args[k]);
		}
	}
	/* "any X but Y" and "no namespace flags" read better alone. */
	if (n == 1 && (strncmp(b.s, "only any ", 9) == 0 ||
	    strncmp(b.s, "only no ", 8) == 0))
		xmemmove(b.s, b.s + 5, strlen(b.s + 5) + 1);
	return n > 0 ? b.s : xstrdup("nothing");
}

/* Does condition c hold for the value v of its argument? */
static int
holds(const struct profile_arg *c, uint64_t v)
{
	switch (c->op) {
	case SCMP_CMP_NE:
		return v != c->value;
	case SCMP_CMP_LT:
		return v < c->value;
	case SCMP_CMP_LE:
		return v <= c->value;
	case SCMP_CMP_EQ:
		return v == c->value;
	case SCMP_CMP_GE:
		return v >= c->value;
	case SCMP_CMP_GT:
		return v > c->value;
	case SCMP_CMP_MASKED_EQ:
		return (v & c->value) == c->value_two;
	default:
		return 0;
	}
}

/*
 * Does p (resolved) allow name with argument index = v?  Conditions on
 * other arguments are taken to hold.
 */
static int
accepts(const struct profile *p, const char *name, unsigned index, uint64_t v)
{
	size_t i, k;
	int ok;

	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		if (!allows_name(e, name))
			continue;
		for (ok = 1, k = 0; k < e->nargs && ok; k++)
			if (e->args[k].index == index)
				ok = holds(&e->args[k], v);
		if (ok)
			return 1;
	}
	return 0;
}

/*
 * Does b allow name with arguments a denies?  Each value b's single
 * conditions name (an EQ value, a MASKED_EQ datum) is tried on a; a
 * condition of another kind counts as wider.
 */
static int
wider(const struct profile *a, const struct profile *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->nentries; i++) {
		const struct profile_entry *e = &b->entries[i];
		const struct profile_arg *c = e->args;

		if (!allows_name(e, name))
			continue;
		if (e->nargs != 1 || (c->op != SCMP_CMP_EQ &&
		    c->op != SCMP_CMP_MASKED_EQ) ||
		    !accepts(a, name, c->index, c->op == SCMP_CMP_EQ ?
		    c->value : c->value_two))
			return 1;
	}
	return 0;
}

/* The names of both with other conditions, into da->args. */
static void
diff_args(const struct profile *ra, const struct profile *rb, char **both,
    size_t n, struct profile_diff_arch *da)
{
	struct profile_diff_args *x;
	const char *what;
	char *a, *b, any[64];
	size_t i;

	for (i = 0; i < n; i++) {
		what = NULL;
		a = describe(ra, both[i], &what);
		b = describe(rb, both[i], &what);
		if ((a == NULL && b == NULL) ||
		    (a != NULL && b != NULL && strcmp(a, b) == 0)) {
			free(a);
			free(b);
			continue;
		}
		snprintf(any, sizeof(any), "any %s", what != NULL ? what :
		    "arguments");
		da->args = xreallocarray(da->args, da->nargs + 1,
		    sizeof(*da->args));
		x = &da->args[da->nargs++];
		x->name = xstrdup(both[i]);
		x->b_wider = a != NULL && wider(ra, rb, both[i]);
		x->a = a != NULL ? a : xstrdup(any);
		x->b = b != NULL ? b : xstrdup(any);
	}
}

static int
cmp_arch(const void *a, const void *b)
{
	const struct profile_diff_arch *x = a, *y = b;

	return strcmp(sysname_arch_name(x->arch), sysname_arch_name(y->arch));
}

void
profile_diff(const struct profile *a, const struct profile *b,
    const struct profile_env *env, struct profile_diff *d)
{
	struct profile *ra = profile_resolve(a, env);
	struct profile *rb = profile_resolve(b, env);
	uint32_t *arches = NULL;
	char **both = NULL;
	size_t narches = 0, nboth = 0, i, j;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < ra->narches + rb->narches; i++) {
		uint32_t x = i < ra->narches ? ra->arches[i] :
		    rb->arches[i - ra->narches];

		for (j = 0; j < narches && arches[j] != x; j++)
			;
		if (j == narches) {
			arches = xreallocarray(arches, narches + 1,
			    sizeof(*arches));
			arches[narches++] = x;
		}
	}
	d->arches = xcalloc(narches + 1, sizeof(*d->arches));
	for (i = 0; i < narches; i++) {
		struct profile_diff_arch *da = &d->arches[d->narches++];
		char **va = NULL, **vb = NULL;
		size_t na = 0, nb = 0;

		da->arch = arches[i];
		allowed_on(ra, arches[i], &va, &na);
		allowed_on(rb, arches[i], &vb, &nb);
		da->na = na;
		da->nb = nb;
		for (j = 0; j < na; j++)
			if (!pstrv_has(vb, nb, va[j]))
				pstrv_add(&da->only_a, &da->nonly_a, va[j]);
		for (j = 0; j < nb; j++)
			if (!pstrv_has(va, na, vb[j]))
				pstrv_add(&da->only_b, &da->nonly_b, vb[j]);
			else
				pstrv_add(&both, &nboth, vb[j]);
		diff_args(ra, rb, both, nboth, da);
		denied_on(ra, rb, arches[i], &da->denied_a, &da->ndenied_a);
		denied_on(rb, ra, arches[i], &da->denied_b, &da->ndenied_b);
		pstrv_free(both, nboth);
		both = NULL;
		nboth = 0;
		pstrv_free(va, na);
		pstrv_free(vb, nb);
	}
	xqsort(d->arches, d->narches, sizeof(*d->arches), cmp_arch);
	free(arches);
	profile_free(ra);
	profile_free(rb);
}

void
profile_diff_free(struct profile_diff *d)
{
	size_t i, j;

	for (i = 0; i < d->narches; i++) {
		pstrv_free(d->arches[i].only_a, d->arches[i].nonly_a);
		pstrv_free(d->arches[i].only_b, d->arches[i].nonly_b);
		pstrv_free(d->arches[i].denied_a, d->arches[i].ndenied_a);
		pstrv_free(d->arches[i].denied_b, d->arches[i].ndenied_b);
		for (j = 0; j < d->arches[i].nargs; j++) {
			free(d->arches[i].args[j].name);
			free(d->arches[i].args[j].a);
			free(d->arches[i].args[j].b);
		}
		free(d->arches[i].args);
	}
	free(d->arches);
	memset(d, 0, sizeof(*d));
}
