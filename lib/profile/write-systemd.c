/*
 * write-systemd.c - the systemd writer: SystemCallArchitectures=,
 * SystemCallFilter= compressed into systemd's @groups wherever a whole
 * group is allowed, and SystemCallErrorNumber=.
 *
 * The group lists are assets/systemd-groups.txt (how they were derived is
 * written there), compiled in as lib/profile/sdgroups.inc.  What systemd cannot
 * say (argument conditions, a per-call errno) is written as a comment.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

static const char groups_text[] =
#include "lib/profile/sdgroups.inc"
	;

struct sdgroup {
	char		*name;		/* "@basic-io" */
	char	       **members;	/* as listed, @groups included */
	size_t		 nmembers;
	char	       **flat;		/* calls known on the arches */
	size_t		 nflat;
	int		 usable;
};

static void
parse_groups(struct sdgroup **out, size_t *n)
{
	const char *p = groups_text, *eol;
	struct sdgroup *g = NULL;
	size_t ng = 0;

	for (; *p != '\0'; p = *eol ? eol + 1 : eol) {
		char *line, *tok, *save = NULL;

		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		if (*p != '@')
			continue;
		line = strndup(p, (size_t)(eol - p));
		if (line == NULL)
			fatal("out of memory");
		g = xreallocarray(g, ng + 1, sizeof(*g));
		memset(&g[ng], 0, sizeof(g[ng]));
		tok = strtok_r(line, " ", &save);
		g[ng].name = xstrdup(tok);
		while ((tok = strtok_r(NULL, " ", &save)) != NULL)
			pstrv_add(&g[ng].members, &g[ng].nmembers, tok);
		free(line);
		ng++;
	}
	*out = g;
	*n = ng;
}

/*
 * Is name a system call on one of the profile's arches (on native when it
 * names none)?  The line covers every arch of SystemCallArchitectures=, so
 * a group is whole only if it is whole on each of them.
 */
static int
known(const struct profile *p, uint32_t native, const char *name)
{
	size_t i;

	if (p->narches == 0)
		return seccomp_syscall_resolve_name_arch(native, name) >= 0;
	for (i = 0; i < p->narches; i++)
		if (seccomp_syscall_resolve_name_arch(p->arches[i], name) >= 0)
			return 1;
	return 0;
}

static void
flatten(struct sdgroup *g, size_t ng, size_t i, const struct profile *p,
    uint32_t native, char ***v, size_t *n, int depth)
{
	size_t j, k;

	if (depth > 8)
		return;
	for (j = 0; j < g[i].nmembers; j++) {
		const char *m = g[i].members[j];

		if (m[0] == '@') {
			for (k = 0; k < ng; k++)
				if (strcmp(g[k].name, m) == 0)
					flatten(g, ng, k, p, native, v, n,
					    depth + 1);
			continue;
		}
		if (known(p, native, m) && !pstrv_has(*v, *n, m))
			pstrv_add(v, n, m);
	}
}

static int
cmp_size(const void *a, const void *b)
{
	const struct sdgroup *x = a, *y = b;

	if (x->nflat != y->nflat)
		return x->nflat > y->nflat ? -1 : 1;
	return strcmp(x->name, y->name);
}

static const char *
systemd_arch(uint32_t arch)
{
	switch (arch) {
	case SCMP_ARCH_X86_64:		return "x86-64";
	case SCMP_ARCH_X86:		return "x86";
	case SCMP_ARCH_X32:		return "x32";
	case SCMP_ARCH_AARCH64:		return "arm64";
	case SCMP_ARCH_ARM:		return "arm";
	case SCMP_ARCH_MIPS:		return "mips";
	case SCMP_ARCH_MIPSEL:		return "mips-le";
	case SCMP_ARCH_MIPS64:		return "mips64";
	case SCMP_ARCH_MIPSEL64:	return "mips64-le";
	case SCMP_ARCH_MIPS64N32:	return "mips64-n32";
	case SCMP_ARCH_MIPSEL64N32:	return "mips64-le-n32";
	case SCMP_ARCH_PPC:		return "ppc";
	case SCMP_ARCH_PPC64:		return "ppc64";
	case SCMP_ARCH_PPC64LE:		return "ppc64-le";
	case SCMP_ARCH_S390:		return "s390";
	case SCMP_ARCH_S390X:		return "s390x";
	case SCMP_ARCH_PARISC:		return "parisc";
	case SCMP_ARCH_PARISC64:	return "parisc64";
	case SCMP_ARCH_RISCV64:		return "riscv64";
	}
	return NULL;
}

static void
errno_text(struct pbuf *b, int e)
{
	const char *s = strerrorname_np(e < 0 ? 1 : e);

	if (s != NULL)
		pbuf_add(b, s);
	else
		pbuf_printf(b, "%d", e < 0 ? 1 : e);
}

static int
systemd_filter(const struct profile *p, uint32_t native, char **buf,
    size_t *len, char *err, size_t errlen)
{
	struct pbuf b = { NULL, 0, 0 };
	struct sdgroup *g;
	char **allowed = NULL, **covered = NULL, **cond = NULL, **other = NULL;
	char **arches = NULL;
	size_t nallowed = 0, ncovered = 0, ncond = 0, nother = 0, narches = 0;
	size_t ng, i, j;
	int deny_list = p->def_action == PROFILE_ACT_ALLOW ||
	    p->def_action == PROFILE_ACT_LOG;

	(void)err;
	(void)errlen;
	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];
		int allow = e->action == PROFILE_ACT_ALLOW ||
		    e->action == PROFILE_ACT_LOG;

		for (j = 0; j < e->nnames; j++) {
			const char *n = e->names[j];

			if (!known(p, native, n))
				continue;
			if (allow != deny_list) {
				if (!pstrv_has(allowed, nallowed, n))
					pstrv_add(&allowed, &nallowed, n);
				if (e->nargs > 0 && !pstrv_has(cond, ncond, n))
					pstrv_add(&cond, &ncond, n);
			} else if (!allow && e->errno_ret >= 0 &&
			    !pstrv_has(other, nother, n))
				pstrv_add(&other, &nother, n);
		}
	}
	xqsort(allowed, nallowed, sizeof(*allowed), pcmp_str);
	xqsort(cond, ncond, sizeof(*cond), pcmp_str);
	xqsort(other, nother, sizeof(*other), pcmp_str);

	pbuf_add(&b, "# systemd unit settings written by sctui: put them in the "
	    "[Service] section.\n");
	for (i = 0; i < p->narches; i++) {
		const char *a = systemd_arch(p->arches[i]);

		if (a != NULL)
			pstrv_add(&arches, &narches, a);
	}
	xqsort(arches, narches, sizeof(*arches), pcmp_str);
	if (narches == 0 || (p->narches == 1 && p->arches[0] == native))
		pbuf_add(&b, "SystemCallArchitectures=native\n");
	else {
		pbuf_add(&b, "SystemCallArchitectures=");
		for (i = 0; i < narches; i++)
			pbuf_printf(&b, "%s%s", i ? " " : "", arches[i]);
		pbuf_add(&b, "\n");
	}
	if (ncond > 0) {
		pbuf_add(&b, "# systemd cannot filter arguments: the argument "
		    "rules are dropped, so these are allowed with any "
		    "arguments:");
		for (i = 0; i < ncond; i++)
			pbuf_printf(&b, " %s", cond[i]);
		pbuf_add(&b, "\n");
	}
	if (nother > 0) {
		pbuf_add(&b, "# a per-call errno cannot be kept; these get "
		    "the default action:");
		for (i = 0; i < nother; i++)
			pbuf_printf(&b, " %s", other[i]);
		pbuf_add(&b, "\n");
	}

	parse_groups(&g, &ng);
	for (i = 0; i < ng; i++) {
		flatten(g, ng, i, p, native, &g[i].flat, &g[i].nflat, 0);
		g[i].usable = g[i].nflat > 0 && !deny_list;
		for (j = 0; j < g[i].nflat && g[i].usable; j++)
			if (!pstrv_has(allowed, nallowed, g[i].flat[j]))
				g[i].usable = 0;
	}
	xqsort(g, ng, sizeof(*g), cmp_size);
	pbuf_add(&b, deny_list ? "SystemCallFilter=~" : "SystemCallFilter=");
	{
		char **picked = NULL;
		size_t npicked = 0, k = 0;

		for (i = 0; i < ng; i++) {
			int adds = 0;

			if (!g[i].usable)
				continue;
			for (j = 0; j < g[i].nflat; j++)
				if (!pstrv_has(covered, ncovered,
				    g[i].flat[j])) {
					adds = 1;
					pstrv_add(&covered, &ncovered,
					    g[i].flat[j]);
				}
			if (adds)
				pstrv_add(&picked, &npicked, g[i].name);
		}
		xqsort(picked, npicked, sizeof(*picked), pcmp_str);
		for (i = 0; i < npicked; i++)
			pbuf_printf(&b, "%s%s", k++ ? " " : "", picked[i]);
		for (i = 0; i < nallowed; i++)
			if (!pstrv_has(covered, ncovered, allowed[i]))
				pbuf_printf(&b, "%s%s", k++ ? " " : "",
				    allowed[i]);
		pstrv_free(picked, npicked);
	}
	pbuf_add(&b, "\n");
	switch (p->def_action) {
	case PROFILE_ACT_ERRNO:
		pbuf_add(&b, "SystemCallErrorNumber=");
		errno_text(&b, p->def_errno);
		pbuf_add(&b, "\n");
		break;
	case PROFILE_ACT_KILL_PROCESS:
	case PROFILE_ACT_ALLOW:
		break;
	case PROFILE_ACT_LOG:
		pbuf_add(&b, "# the profile logs the other calls; systemd has "
		    "no such mode for an allow-all filter\n");
		break;
	default:
		pbuf_printf(&b, "# the profile's default action is %s; systemd "
		    "kills the process instead\n",
		    profile_action_name(p->def_action));
		break;
	}
	for (i = 0; i < ng; i++) {
		free(g[i].name);
		pstrv_free(g[i].members, g[i].nmembers);
		pstrv_free(g[i].flat, g[i].nflat);
	}
	free(g);
	pstrv_free(allowed, nallowed);
	pstrv_free(covered, ncovered);
	pstrv_free(cond, ncond);
	pstrv_free(other, nother);
	pstrv_free(arches, narches);
	*buf = b.s;
	*len = b.len;
	return 0;
}

int
profile_write_systemd(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	const struct profile_env *env = opts ? opts->env : NULL;
	struct profile *r = profile_resolve(p, env);
	int rc;

	rc = systemd_filter(r, env && env->arch ? env->arch : sysname_native(),
	    buf, len, err, errlen);
	profile_free(r);
	return rc;
}
