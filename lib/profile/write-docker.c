/*
 * write-docker.c - Docker's seccomp JSON, and the canonical form
 * (profile_groups) it and the OCI and Kubernetes writers are made from,
 * so that the same profile always gives the same bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

static int
cmp_arg(const void *a, const void *b)
{
	const struct profile_arg *x = a, *y = b;

	if (x->index != y->index)
		return x->index < y->index ? -1 : 1;
	if (x->op != y->op)
		return x->op < y->op ? -1 : 1;
	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	if (x->value_two != y->value_two)
		return x->value_two < y->value_two ? -1 : 1;
	return 0;
}

static json_t *
str_array(char **v, size_t n)
{
	json_t *a = json_array();
	size_t i;

	xqsort(v, n, sizeof(*v), pcmp_str);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0)
			json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *
cond_json(const struct profile_cond *c)
{
	json_t *o = json_object();
	char **v = NULL, buf[32];
	size_t n = 0, i;

	if (c->ncaps > 0) {
		for (i = 0; i < c->ncaps; i++)
			pstrv_add(&v, &n, c->caps[i]);
		json_object_set_new(o, "caps", str_array(v, n));
		pstrv_free(v, n);
		v = NULL;
		n = 0;
	}
	if (c->narches > 0) {
		for (i = 0; i < c->narches; i++)
			pstrv_add(&v, &n, profile_goarch(c->arches[i]));
		json_object_set_new(o, "arches", str_array(v, n));
		pstrv_free(v, n);
	}
	if (c->min_kernel != 0) {
		snprintf(buf, sizeof(buf), "%u.%u", c->min_kernel >> 16,
		    c->min_kernel & 0xffff);
		json_object_set_new(o, "minKernel", json_string(buf));
	}
	return o;
}

/*
 * The entry's JSON without its names; phases (profile_name_phases() of
 * the names it is made for) give the comment of one without its own, and
 * a denial by hand gives its own, in every form.
 */
static json_t *
rule_json(const struct profile_entry *e, int oci, uint8_t phases,
    unsigned *nconds)
{
	const char *ptext = e->denied ? PROFILE_DENIED_TEXT :
	    profile_phases_text(phases);

	json_t *o = json_object(), *args;
	struct profile_arg *sorted;
	size_t i;

	*nconds = 0;
	json_object_set_new(o, "action",
	    json_string(profile_scmp_action_str(e->action)));
	if (e->errno_ret >= 0)
		json_object_set_new(o, "errnoRet", json_integer(e->errno_ret));
	if (e->nargs > 0) {
		sorted = xreallocarray(NULL, e->nargs, sizeof(*sorted));
		xmemcpy(sorted, e->args, e->nargs * sizeof(*sorted));
		xqsort(sorted, e->nargs, sizeof(*sorted), cmp_arg);
		args = json_array();
		for (i = 0; i < e->nargs; i++) {
			json_t *a = json_object();

			json_object_set_new(a, "index",
			    json_integer(sorted[i].index));
			json_object_set_new(a, "value",
			    json_integer((json_int_t)sorted[i].value));
			if (sorted[i].value_two != 0)
				json_object_set_new(a, "valueTwo", json_integer(
				    (json_int_t)sorted[i].value_two));
			json_object_set_new(a, "op",
			    json_string(profile_op_str(sorted[i].op)));
			json_array_append_new(args, a);
		}
		free(sorted);
		json_object_set_new(o, "args", args);
		(*nconds)++;
	}
	if (e->comment == NULL && ptext != NULL)
		json_object_set_new(o, "comment", json_string(ptext));
	if (oci)
		return o;
	if (e->comment != NULL)
		json_object_set_new(o, "comment", json_string(e->comment));
	if (!profile_cond_empty(&e->includes)) {
		json_object_set_new(o, "includes", cond_json(&e->includes));
		(*nconds)++;
	}
	if (!profile_cond_empty(&e->excludes)) {
		json_object_set_new(o, "excludes", cond_json(&e->excludes));
		(*nconds)++;
	}
	return o;
}

struct pair {
	size_t		 group;		/* index into the unsorted keys */
	const char	*name;
};

static struct profile_group *sort_groups;

static int
cmp_group(const void *a, const void *b)
{
	const struct profile_group *x = a, *y = b;

	if (x->nconds != y->nconds)
		return x->nconds < y->nconds ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int c = cmp_group(&sort_groups[x->group], &sort_groups[y->group]);

	return c != 0 ? c : strcmp(x->name, y->name);
}

/* The phases of name in the comment of entry e of p, if it gets one. */
static uint8_t
pair_phases(const struct profile *p, const struct profile_entry *e,
    const char *name)
{
	if (e->comment != NULL || (e->action != PROFILE_ACT_ALLOW &&
	    e->action != PROFILE_ACT_LOG))
		return 0;
	return profile_name_phases(p, name);
}

struct profile_group *
profile_groups(const struct profile *p, int oci, size_t *ngroups)
{
	struct profile_group *tmp, *out = NULL;
	struct pair *pairs = NULL;
	size_t npairs = 0, i, j, k, n = 0;
	uint8_t ph;

	/* A group per entry and phases its names were seen in. */
	tmp = xcalloc(p->nentries * (PROFILE_PHASES_ALL + 1) + 1,
	    sizeof(*tmp));
	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		pairs = xreallocarray(pairs, npairs + e->nnames + 1,
		    sizeof(*pairs));
		for (j = 0; j < e->nnames; j++) {
			ph = pair_phases(p, e, e->names[j]);
			k = i * (PROFILE_PHASES_ALL + 1) + ph;
			if (tmp[k].rule == NULL) {
				tmp[k].rule = rule_json(e, oci, ph,
				    &tmp[k].nconds);
				tmp[k].key = json_dumps(tmp[k].rule,
				    JSON_COMPACT | JSON_SORT_KEYS);
				if (tmp[k].key == NULL)
					fatal("out of memory");
			}
			pairs[npairs].group = k;
			pairs[npairs++].name = e->names[j];
		}
	}
	sort_groups = tmp;
	xqsort(pairs, npairs, sizeof(*pairs), cmp_pair);
	sort_groups = NULL;
	for (i = 0; i < npairs; i++) {
		const struct profile_group *g = &tmp[pairs[i].group];

		if (n == 0 || strcmp(out[n - 1].key, g->key) != 0) {
			out = xreallocarray(out, n + 1, sizeof(*out));
			memset(&out[n], 0, sizeof(out[n]));
			out[n].rule = json_incref(g->rule);
			out[n].key = xstrdup(g->key);
			out[n].nconds = g->nconds;
			n++;
		}
		if (out[n - 1].nnames == 0 || strcmp(out[n - 1].names[
		    out[n - 1].nnames - 1], pairs[i].name) != 0)
			pstrv_add(&out[n - 1].names, &out[n - 1].nnames,
			    pairs[i].name);
	}
	for (i = 0; i < p->nentries * (PROFILE_PHASES_ALL + 1); i++) {
		json_decref(tmp[i].rule);
		free(tmp[i].key);
	}
	free(tmp);
	free(pairs);
	*ngroups = n;
	return out;
}

void
profile_groups_free(struct profile_group *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		json_decref(g[i].rule);
		free(g[i].key);
		pstrv_free(g[i].names, g[i].nnames);
	}
	free(g);
}

static json_t *
arch_array(const uint32_t *arches, size_t n)
{
	char **v = NULL;
	size_t nv = 0, i;
	json_t *a;

	for (i = 0; i < n; i++) {
		const char *d = sysname_arch_docker(arches[i]);

		if (d != NULL)
			pstrv_add(&v, &nv, d);
	}
	a = str_array(v, nv);
	pstrv_free(v, nv);
	return a;
}

static int
cmp_archmap(const void *a, const void *b)
{
	const struct profile_archmap *x = a, *y = b;
	const char *dx = sysname_arch_docker(x->arch);
	const char *dy = sysname_arch_docker(y->arch);

	return strcmp(dx ? dx : "", dy ? dy : "");
}

json_t *
profile_json(const struct profile *p, int oci)
{
	json_t *root = json_object(), *rules = json_array();
	struct profile_group *g;
	size_t n, i;

	json_object_set_new(root, "defaultAction",
	    json_string(profile_scmp_action_str(p->def_action)));
	if (p->def_errno >= 0 && (p->def_action == PROFILE_ACT_ERRNO ||
	    p->def_action == PROFILE_ACT_TRACE))
		json_object_set_new(root, "defaultErrnoRet",
		    json_integer(p->def_errno));
	if (p->narches > 0 || oci)
		json_object_set_new(root, "architectures",
		    arch_array(p->arches, p->narches));
	if (p->narchmap > 0 && !oci) {
		struct profile_archmap *m;
		json_t *am = json_array();

		m = xreallocarray(NULL, p->narchmap, sizeof(*m));
		xmemcpy(m, p->archmap, p->narchmap * sizeof(*m));
		xqsort(m, p->narchmap, sizeof(*m), cmp_archmap);
		for (i = 0; i < p->narchmap; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "architecture", json_string(
			    sysname_arch_docker(m[i].arch)));
			json_object_set_new(o, "subArchitectures",
			    arch_array(m[i].subs, m[i].nsubs));
			json_array_append_new(am, o);
		}
		free(m);
		json_object_set_new(root, "archMap", am);
	}
	if (p->nflags > 0) {
		char **v = NULL;
		size_t nv = 0;

		for (i = 0; i < p->nflags; i++)
			pstrv_add(&v, &nv, p->flags[i]);
		json_object_set_new(root, "flags", str_array(v, nv));
		pstrv_free(v, nv);
	}
	g = profile_groups(p, oci, &n);
	for (i = 0; i < n; i++) {
		json_t *o = json_deep_copy(g[i].rule);

		json_object_set_new(o, "names", str_array(g[i].names,
		    g[i].nnames));
		json_array_append_new(rules, o);
	}
	profile_groups_free(g, n);
	json_object_set_new(root, "syscalls", rules);
	return root;
}

static int
dump(json_t *j, char **buf, size_t *len)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
	size_t n;

	json_decref(j);
	if (s == NULL)
		return -ENOMEM;
	n = strlen(s);
	s = xrealloc(s, n + 2);
	s[n++] = '\n';
	s[n] = '\0';
	*buf = s;
	*len = n;
	return 0;
}

int
profile_write_json(const struct profile *p, int oci, char **buf, size_t *len)
{
	return dump(profile_json(p, oci), buf, len);
}

int
profile_write_docker(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	(void)opts;
	(void)err;
	(void)errlen;
	return profile_write_json(p, 0, buf, len);
}
