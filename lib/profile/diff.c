/*
 * diff.c - what two profiles allow differently, per arch.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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
	size_t narches = 0, i, j;

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
	size_t i;

	for (i = 0; i < d->narches; i++) {
		pstrv_free(d->arches[i].only_a, d->arches[i].nonly_a);
		pstrv_free(d->arches[i].only_b, d->arches[i].nonly_b);
	}
	free(d->arches);
	memset(d, 0, sizeof(*d));
}
