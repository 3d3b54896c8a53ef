/*
 * profile.c - the in-memory profile, sctui's rules, resolution for a
 * machine, merge, and the spellings shared by readers and writers; see
 * profile.h.
 */
#include "config.h"
#include "profile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "argspec.h"
#include "model.h"
#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

#define ENOSYS_VALUE	38	/* what Docker's default gives clone3 */

const char *const profile_locked[] = {
	"exit", "exit_group", "restart_syscall", "rt_sigreturn", NULL
};

/* Docker's default capabilities (moby oci/caps/defaults.go). */
const char *const profile_docker_caps[] = {
	"CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER",
	"CAP_FSETID", "CAP_KILL", "CAP_MKNOD", "CAP_NET_BIND_SERVICE",
	"CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP",
	"CAP_SETUID", "CAP_SYS_CHROOT", NULL
};

/* ---- small helpers ---- */

static int
has_u32(const uint32_t *v, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

static void
add_u32(uint32_t **v, size_t *n, uint32_t x)
{
	if (has_u32(*v, *n, x))
		return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = x;
}

/* ---- spellings ---- */

static const struct {
	enum profile_action a;
	const char	*scmp;
	const char	*name;
} actions[] = {
	{ PROFILE_ACT_KILL_PROCESS, "SCMP_ACT_KILL_PROCESS", "kill-process" },
	{ PROFILE_ACT_KILL_THREAD, "SCMP_ACT_KILL_THREAD", "kill-thread" },
	{ PROFILE_ACT_TRAP,	"SCMP_ACT_TRAP",	"trap" },
	{ PROFILE_ACT_ERRNO,	"SCMP_ACT_ERRNO",	"errno" },
	{ PROFILE_ACT_TRACE,	"SCMP_ACT_TRACE",	"trace" },
	{ PROFILE_ACT_LOG,	"SCMP_ACT_LOG",		"log" },
	{ PROFILE_ACT_ALLOW,	"SCMP_ACT_ALLOW",	"allow" },
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

const char *
profile_scmp_action_str(enum profile_action a)
{
	size_t i;

	for (i = 0; i < NACTIONS; i++)
		if (actions[i].a == a)
			return actions[i].scmp;
	return "SCMP_ACT_KILL_PROCESS";
}

int
profile_scmp_action_parse(const char *s, enum profile_action *a)
{
	size_t i;

	if (strcmp(s, "SCMP_ACT_KILL") == 0) {
		*a = PROFILE_ACT_KILL_THREAD;
		return 0;
	}
	for (i = 0; i < NACTIONS; i++)
		if (strcmp(actions[i].scmp, s) == 0) {
			*a = actions[i].a;
			return 0;
		}
	return -EINVAL;
}

const char *
profile_action_name(enum profile_action a)
{
	size_t i;

	for (i = 0; i < NACTIONS; i++)
		if (actions[i].a == a)
			return actions[i].name;
	return "kill-process";
}

int
profile_action_parse(const char *s, enum profile_action *a)
{
	size_t i;

	if (strcmp(s, "kill") == 0) {
		*a = PROFILE_ACT_KILL_PROCESS;
		return 0;
	}
	for (i = 0; i < NACTIONS; i++)
		if (strcmp(actions[i].name, s) == 0) {
			*a = actions[i].a;
			return 0;
		}
	return -EINVAL;
}

uint32_t
profile_scmp_action(enum profile_action a, int errno_ret)
{
	switch (a) {
	case PROFILE_ACT_KILL_PROCESS:	return SCMP_ACT_KILL_PROCESS;
	case PROFILE_ACT_KILL_THREAD:	return SCMP_ACT_KILL_THREAD;
	case PROFILE_ACT_TRAP:		return SCMP_ACT_TRAP;
	case PROFILE_ACT_ERRNO:
		return SCMP_ACT_ERRNO(errno_ret < 0 ? 1 : (uint32_t)errno_ret);
	case PROFILE_ACT_TRACE:
		return SCMP_ACT_TRACE(errno_ret < 0 ? 0 : (uint32_t)errno_ret);
	case PROFILE_ACT_LOG:		return SCMP_ACT_LOG;
	case PROFILE_ACT_ALLOW:		return SCMP_ACT_ALLOW;
	}
	return SCMP_ACT_KILL_PROCESS;
}

static const struct {
	enum scmp_compare op;
	const char	*s;
} ops[] = {
	{ SCMP_CMP_NE,		"SCMP_CMP_NE" },
	{ SCMP_CMP_LT,		"SCMP_CMP_LT" },
	{ SCMP_CMP_LE,		"SCMP_CMP_LE" },
	{ SCMP_CMP_EQ,		"SCMP_CMP_EQ" },
	{ SCMP_CMP_GE,		"SCMP_CMP_GE" },
	{ SCMP_CMP_GT,		"SCMP_CMP_GT" },
	{ SCMP_CMP_MASKED_EQ,	"SCMP_CMP_MASKED_EQ" },
};

const char *
profile_op_str(enum scmp_compare op)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].op == op)
			return ops[i].s;
	return "SCMP_CMP_EQ";
}

int
profile_op_parse(const char *s, enum scmp_compare *op)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(ops[i].s, s) == 0) {
			*op = ops[i].op;
			return 0;
		}
	return -EINVAL;
}

/* Docker matches includes.arches against Go's GOARCH names. */
static const struct {
	uint32_t	 arch;
	const char	*go;
} goarches[] = {
	{ SCMP_ARCH_X86_64,	"amd64" },
	{ SCMP_ARCH_X86,	"x86" },
	{ SCMP_ARCH_X32,	"x32" },
	{ SCMP_ARCH_AARCH64,	"arm64" },
	{ SCMP_ARCH_ARM,	"arm" },
	{ SCMP_ARCH_MIPS,	"mips" },
	{ SCMP_ARCH_MIPSEL,	"mipsle" },
	{ SCMP_ARCH_MIPS64,	"mips64" },
	{ SCMP_ARCH_MIPSEL64,	"mips64le" },
	{ SCMP_ARCH_MIPS64N32,	"mips64n32" },
	{ SCMP_ARCH_MIPSEL64N32, "mips64len32" },
	{ SCMP_ARCH_PPC,	"ppc" },
	{ SCMP_ARCH_PPC64,	"ppc64" },
	{ SCMP_ARCH_PPC64LE,	"ppc64le" },
	{ SCMP_ARCH_S390,	"s390" },
	{ SCMP_ARCH_S390X,	"s390x" },
	{ SCMP_ARCH_PARISC,	"parisc" },
	{ SCMP_ARCH_PARISC64,	"parisc64" },
	{ SCMP_ARCH_RISCV64,	"riscv64" },
};

const char *
profile_goarch(uint32_t arch)
{
	size_t i;

	for (i = 0; i < sizeof(goarches) / sizeof(goarches[0]); i++)
		if (goarches[i].arch == arch)
			return goarches[i].go;
	return sysname_arch_name(arch);
}

uint32_t
profile_goarch_parse(const char *s)
{
	size_t i;

	if (strcmp(s, "386") == 0)
		return SCMP_ARCH_X86;
	for (i = 0; i < sizeof(goarches) / sizeof(goarches[0]); i++)
		if (strcmp(goarches[i].go, s) == 0)
			return goarches[i].arch;
	return sysname_arch_parse(s);
}

uint32_t
profile_docker_arch_parse(const char *s)
{
	size_t i;

	if (strcmp(s, "SCMP_ARCH_NATIVE") == 0)
		return sysname_native();
	for (i = 0; i < sizeof(goarches) / sizeof(goarches[0]); i++) {
		const char *d = sysname_arch_docker(goarches[i].arch);

		if (d != NULL && strcmp(d, s) == 0)
			return goarches[i].arch;
	}
	return 0;
}

int
profile_kernel_parse(const char *s, uint32_t *v)
{
	unsigned long major, minor;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	major = strtoul(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return -EINVAL;
	minor = strtoul(end + 1, &end, 10);
	/* "3.12.25-gentoo" and "3.12-rc5" count as 3.12, as in Docker. */
	if (*end != '\0' && *end != '.' && *end != '-')
		return -EINVAL;
	if (major == 0 || major > 0xffff || minor > 0xffff)
		return -EINVAL;
	*v = (uint32_t)(major << 16 | minor);
	return 0;
}

uint32_t
profile_host_kernel(void)
{
	struct utsname u;
	uint32_t v;

	if (uname(&u) < 0 || profile_kernel_parse(u.release, &v) < 0)
		return 0;
	return v;
}

/* ---- names ---- */

int
profile_name_known(const uint32_t *arches, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (seccomp_syscall_resolve_name_arch(arches[i], name) >= 0)
			return 1;
	return 0;
}

int
profile_name_anywhere(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(goarches) / sizeof(goarches[0]); i++)
		if (seccomp_syscall_resolve_name_arch(goarches[i].arch,
		    name) >= 0)
			return 1;
	return 0;
}

size_t
profile_check_arches(const struct profile *p, uint32_t *out, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < p->narches && n < max; i++)
		if (!has_u32(out, n, p->arches[i]))
			out[n++] = p->arches[i];
	for (i = 0; i < p->narchmap; i++) {
		if (n < max && !has_u32(out, n, p->archmap[i].arch))
			out[n++] = p->archmap[i].arch;
		for (j = 0; j < p->archmap[i].nsubs && n < max; j++)
			if (!has_u32(out, n, p->archmap[i].subs[j]))
				out[n++] = p->archmap[i].subs[j];
	}
	if (n == 0 && max > 0)
		out[n++] = sysname_native();
	return n;
}

void
profile_arches_text(const uint32_t *arches, size_t n, char *buf, size_t len)
{
	size_t i, used;

	if (n == 1) {
		snprintf(buf, len, "%s", sysname_arch_name(arches[0]));
		return;
	}
	snprintf(buf, len, "any of");
	for (i = 0; i < n; i++) {
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s %s", i ? "," : "",
		    sysname_arch_name(arches[i]));
	}
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *
profile_suggest(uint32_t arch, const char *name)
{
	static char best[64];
	int base;
	char buf[80];
	size_t d, bestd = SIZE_MAX, len = strlen(name), limit;
	int nr;

	/* libc names of calls the kernel spells with a suffix. */
	if (len + 3 < sizeof(best)) {
		xmemcpy(buf, name, len);
		memcpy(buf + len, "64", 3);
		if (seccomp_syscall_resolve_name_arch(arch, buf) >= 0) {
			xmemcpy(best, buf, len + 3);
			return best;
		}
	}
	limit = len <= 6 ? 1 : 2;
	best[0] = '\0';
	/* MIPS numbers its ABIs from 4000, 5000 and 6000. */
	switch (arch) {
	case SCMP_ARCH_MIPS: case SCMP_ARCH_MIPSEL:
		base = 4000;
		break;
	case SCMP_ARCH_MIPS64: case SCMP_ARCH_MIPSEL64:
		base = 5000;
		break;
	case SCMP_ARCH_MIPS64N32: case SCMP_ARCH_MIPSEL64N32:
		base = 6000;
		break;
	default:
		base = 0;
	}
	for (nr = 0; nr < 1024; nr++) {
		int num = base + nr;
		char *cand;

		if (arch == SCMP_ARCH_X32)
			num |= 0x40000000;
		cand = seccomp_syscall_resolve_num_arch(arch, num);
		if (cand == NULL)
			continue;
		d = edit_distance(name, cand);
		if (d <= limit && d > 0 && (d < bestd ||
		    (d == bestd && strcmp(cand, best) < 0)) &&
		    strlen(cand) < sizeof(best)) {
			bestd = d;
			snprintf(best, sizeof(best), "%s", cand);
		}
		free(cand);
	}
	return best[0] != '\0' ? best : NULL;
}

/* ---- building ---- */

struct profile *
profile_new(void)
{
	struct profile *p = xcalloc(1, sizeof(*p));

	p->def_action = PROFILE_ACT_ERRNO;
	p->def_errno = 1;
	return p;
}

void
profile_cond_free(struct profile_cond *c)
{
	pstrv_free(c->caps, c->ncaps);
	free(c->arches);
	memset(c, 0, sizeof(*c));
}

int
profile_cond_empty(const struct profile_cond *c)
{
	return c->ncaps == 0 && c->narches == 0 && c->min_kernel == 0;
}

static void
entry_free(struct profile_entry *e)
{
	pstrv_free(e->names, e->nnames);
	free(e->args);
	free(e->comment);
	profile_cond_free(&e->includes);
	profile_cond_free(&e->excludes);
}

void
profile_free(struct profile *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nentries; i++)
		entry_free(&p->entries[i]);
	free(p->entries);
	for (i = 0; i < p->narchmap; i++)
		free(p->archmap[i].subs);
	free(p->archmap);
	free(p->arches);
	pstrv_free(p->flags, p->nflags);
	for (i = 0; i < p->nobs; i++) {
		free(p->obs[i].name);
		free(p->obs[i].values);
	}
	free(p->obs);
	free(p);
}

static void
cond_copy(struct profile_cond *d, const struct profile_cond *s)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < s->ncaps; i++)
		pstrv_add(&d->caps, &d->ncaps, s->caps[i]);
	for (i = 0; i < s->narches; i++)
		add_u32(&d->arches, &d->narches, s->arches[i]);
	d->min_kernel = s->min_kernel;
}

static void
entry_copy(struct profile_entry *d, const struct profile_entry *s, int conds)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	d->action = s->action;
	d->errno_ret = s->errno_ret;
	d->origin = s->origin;
	d->sources = s->sources;
	d->phases = s->phases;
	d->denied = s->denied;
	for (i = 0; i < s->nnames; i++)
		pstrv_add(&d->names, &d->nnames, s->names[i]);
	if (s->nargs > 0) {
		d->args = xreallocarray(NULL, s->nargs, sizeof(*d->args));
		xmemcpy(d->args, s->args, s->nargs * sizeof(*d->args));
		d->nargs = s->nargs;
	}
	if (conds) {
		d->comment = s->comment ? xstrdup(s->comment) : NULL;
		cond_copy(&d->includes, &s->includes);
		cond_copy(&d->excludes, &s->excludes);
	}
}

static struct profile_entry *
entry_append(struct profile *p)
{
	struct profile_entry *e;

	p->entries = xreallocarray(p->entries, p->nentries + 1,
	    sizeof(*p->entries));
	e = &p->entries[p->nentries++];
	memset(e, 0, sizeof(*e));
	return e;
}

static void
copy_header(struct profile *d, const struct profile *s, int archmap)
{
	size_t i, j;

	d->def_action = s->def_action;
	d->def_errno = s->def_errno;
	for (i = 0; i < s->narches; i++)
		profile_add_arch(d, s->arches[i]);
	for (i = 0; i < s->nflags; i++)
		if (!pstrv_has(d->flags, d->nflags, s->flags[i]))
			pstrv_add(&d->flags, &d->nflags, s->flags[i]);
	if (!archmap)
		return;
	for (i = 0; i < s->narchmap; i++) {
		struct profile_archmap *m = NULL;

		for (j = 0; j < d->narchmap; j++)
			if (d->archmap[j].arch == s->archmap[i].arch)
				m = &d->archmap[j];
		if (m == NULL) {
			d->archmap = xreallocarray(d->archmap,
			    d->narchmap + 1, sizeof(*d->archmap));
			m = &d->archmap[d->narchmap++];
			memset(m, 0, sizeof(*m));
			m->arch = s->archmap[i].arch;
		}
		for (j = 0; j < s->archmap[i].nsubs; j++)
			add_u32(&m->subs, &m->nsubs, s->archmap[i].subs[j]);
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void
observe(struct profile *p, const char *name, unsigned index, uint64_t mask,
    uint64_t value)
{
	struct profile_obs *o = NULL;
	size_t i;

	for (i = 0; i < p->nobs; i++)
		if (p->obs[i].index == index &&
		    strcmp(p->obs[i].name, name) == 0)
			o = &p->obs[i];
	if (o == NULL) {
		p->obs = xreallocarray(p->obs, p->nobs + 1, sizeof(*p->obs));
		o = &p->obs[p->nobs++];
		memset(o, 0, sizeof(*o));
		o->name = xstrdup(name);
		o->index = index;
	}
	if (mask != 0)
		o->mask = mask;
	for (i = 0; i < o->nvalues; i++)
		if (o->values[i] == value)
			return;
	o->values = xreallocarray(o->values, o->nvalues + 1,
	    sizeof(*o->values));
	o->values[o->nvalues++] = value;
	xqsort(o->values, o->nvalues, sizeof(*o->values), cmp_u64);
}

void
profile_observe_arg(struct profile *p, const char *name, unsigned index,
    uint64_t value)
{
	observe(p, name, index, 0, value);
}

void
profile_observe_rule(struct profile *p, const char *name, unsigned index,
    uint64_t mask, uint64_t value)
{
	observe(p, name, index, mask, value & mask);
}

/* Every observation of s into d, the rules the user asked for with them. */
static void
copy_obs(struct profile *d, const struct profile *s)
{
	size_t i, j;

	for (i = 0; i < s->nobs; i++)
		for (j = 0; j < s->obs[i].nvalues; j++)
			observe(d, s->obs[i].name, s->obs[i].index,
			    s->obs[i].mask, s->obs[i].values[j]);
}

struct profile *
profile_dup(const struct profile *s)
{
	struct profile *d = profile_new();
	size_t i;

	copy_header(d, s, 1);
	for (i = 0; i < s->nentries; i++)
		entry_copy(entry_append(d), &s->entries[i], 1);
	copy_obs(d, s);
	return d;
}

struct profile_entry *
profile_add_entry(struct profile *p, enum profile_action action,
    int errno_ret, enum profile_origin origin)
{
	struct profile_entry *e = entry_append(p);

	e->action = action;
	e->errno_ret = errno_ret;
	e->origin = origin;
	e->sources = 1;
	return e;
}

void
profile_entry_add_name(struct profile_entry *e, const char *name)
{
	pstrv_add(&e->names, &e->nnames, name);
}

void
profile_entry_set_comment(struct profile_entry *e, const char *comment)
{
	free(e->comment);
	e->comment = comment != NULL ? xstrdup(comment) : NULL;
}

void
profile_entry_add_arg(struct profile_entry *e, unsigned index,
    enum scmp_compare op, uint64_t value, uint64_t value_two)
{
	struct profile_arg *a;

	e->args = xreallocarray(e->args, e->nargs + 1, sizeof(*e->args));
	a = &e->args[e->nargs++];
	a->index = index;
	a->op = op;
	a->value = value;
	a->value_two = value_two;
}

void
profile_add_arch(struct profile *p, uint32_t arch)
{
	add_u32(&p->arches, &p->narches, arch);
}


/* ---- queries ---- */

static int
entry_has(const struct profile_entry *e, const char *name)
{
	return pstrv_has(e->names, e->nnames, name);
}

static int
allowing(enum profile_action a)
{
	return a == PROFILE_ACT_ALLOW || a == PROFILE_ACT_LOG;
}

static int
unconditional(const struct profile_entry *e)
{
	return e->nargs == 0 && profile_cond_empty(&e->includes) &&
	    profile_cond_empty(&e->excludes);
}

int
profile_allows(const struct profile *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (allowing(p->entries[i].action) &&
		    entry_has(&p->entries[i], name))
			return 1;
	return 0;
}

static int
allows_plainly(const struct profile *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (allowing(p->entries[i].action) &&
		    unconditional(&p->entries[i]) &&
		    entry_has(&p->entries[i], name))
			return 1;
	return 0;
}

static int
named(const struct profile *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (entry_has(&p->entries[i], name))
			return 1;
	return 0;
}

uint32_t
profile_name_sources(const struct profile *p, const char *name)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (entry_has(&p->entries[i], name))
			s |= p->entries[i].sources;
	return s;
}

int
profile_is_locked(const char *name)
{
	const char *const *l;

	for (l = profile_locked; *l != NULL; l++)
		if (strcmp(*l, name) == 0)
			return 1;
	return 0;
}

/* ---- phases ---- */

/* Indexed by the phase bits; [0] (unknown) has no wording. */
static const char *const phase_texts[PROFILE_PHASES_ALL + 1] = {
	NULL, "startup only", "serving only", "startup and serving",
	"shutdown only", "startup and shutdown", "serving and shutdown",
	"every phase"
};

const char *
profile_phases_text(uint8_t phases)
{
	return phases <= PROFILE_PHASES_ALL ? phase_texts[phases] : NULL;
}

uint8_t
profile_phases_parse(const char *comment)
{
	uint8_t i;

	for (i = 1; comment != NULL && i <= PROFILE_PHASES_ALL; i++)
		if (strcmp(phase_texts[i], comment) == 0)
			return i;
	return 0;
}

uint8_t
profile_name_phases(const struct profile *p, const char *name)
{
	uint8_t ph = 0;
	size_t i;

	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		if (!allowing(e->action) || e->comment != NULL ||
		    !entry_has(e, name))
			continue;
		if (e->phases == 0)
			return 0;
		ph |= e->phases;
	}
	return ph;
}

void
profile_phase_split(const struct profile *p, struct profile_phase_split *s)
{
	char **names = NULL;
	size_t n = 0, i, j;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < p->nentries; i++) {
		const struct profile_entry *e = &p->entries[i];

		s->known |= e->phases != 0;
		if (!allowing(e->action))
			continue;
		s->served |= (e->phases & 1u << PHASE_SERVING) != 0;
		for (j = 0; j < e->nnames; j++)
			if (!pstrv_has(names, n, e->names[j]))
				pstrv_add(&names, &n, e->names[j]);
	}
	xqsort(names, n, sizeof(*names), pcmp_str);
	for (i = 0; i < n; i++)
		if (profile_name_phases(p, names[i]) ==
		    1u << PHASE_STARTUP)
			pstrv_add(&s->dropped, &s->ndropped, names[i]);
	s->whole = n;
	s->serving = n - s->ndropped;
	pstrv_free(names, n);
}

void
profile_phase_split_free(struct profile_phase_split *s)
{
	pstrv_free(s->dropped, s->ndropped);
	memset(s, 0, sizeof(*s));
}

/* Removes the name at index j of e. */
static void
drop_name(struct profile_entry *e, size_t j)
{
	free(e->names[j]);
	xmemmove(&e->names[j], &e->names[j + 1],
	    (e->nnames - j - 1) * sizeof(*e->names));
	e->nnames--;
}

/* Removes name from the entries that match pred. */
static void
remove_name(struct profile *p, const char *name,
    int (*pred)(const struct profile_entry *))
{
	size_t i, j;

	for (i = 0; i < p->nentries; i++) {
		struct profile_entry *e = &p->entries[i];

		if (!pred(e))
			continue;
		for (j = 0; j < e->nnames; )
			if (strcmp(e->names[j], name) == 0)
				drop_name(e, j);
			else
				j++;
	}
}

/* ---- denied by hand ---- */

static int
allowing_entry(const struct profile_entry *e)
{
	return allowing(e->action);
}

/* The errno of the calls denied by hand: the default's, else EPERM. */
static int
denied_errno(const struct profile *p)
{
	return p->def_action == PROFILE_ACT_ERRNO && p->def_errno >= 0 ?
	    p->def_errno : 1;
}

int
profile_denies(const struct profile *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nentries; i++)
		if (p->entries[i].denied && entry_has(&p->entries[i], name))
			return 1;
	return 0;
}

void
profile_deny(struct profile *p, const char *name)
{
	struct profile_entry *e = NULL;
	size_t i;

	if (profile_is_locked(name))
		return;
	remove_name(p, name, allowing_entry);
	if (profile_denies(p, name))
		return;
	for (i = 0; i < p->nentries && e == NULL; i++)
		if (p->entries[i].denied && unconditional(&p->entries[i]))
			e = &p->entries[i];
	if (e == NULL) {
		e = profile_add_entry(p, PROFILE_ACT_ERRNO, denied_errno(p),
		    PROFILE_ORIGIN_USER);
		e->denied = 1;
	}
	profile_entry_add_name(e, name);
}

static int
denied_entry(const struct profile_entry *e)
{
	return e->denied;
}

void
profile_undeny(struct profile *p, const char *name)
{
	remove_name(p, name, denied_entry);
}

size_t
profile_denied_names(const struct profile *p, char ***names)
{
	size_t i, j, n = 0;

	*names = NULL;
	for (i = 0; i < p->nentries; i++)
		for (j = 0; p->entries[i].denied &&
		    j < p->entries[i].nnames; j++)
			if (!pstrv_has(*names, n, p->entries[i].names[j]))
				pstrv_add(names, &n, p->entries[i].names[j]);
	xqsort(*names, n, sizeof(**names), pcmp_str);
	return n;
}

/* ---- rules ---- */

static int
plain_denial(const struct profile_entry *e)
{
	return !allowing(e->action) && unconditional(e);
}

static int
plain_allow(const struct profile_entry *e)
{
	return allowing(e->action) && unconditional(e);
}

/*
 * The calls whose observed argument values (profile_observe_arg) become
 * rules, at least as strict as Docker's default: mask 0 allows each value
 * seen (SCMP_CMP_EQ), a mask allows each seen value of those bits
 * (SCMP_CMP_MASKED_EQ), the way Docker's default keeps clone from the
 * namespace flags.
 */
static const struct {
	const char	*name;
	unsigned	 index;
	uint64_t	 mask;
} arg_rules[] = {
	{ "clone", 0, PROFILE_CLONE_NS_MASK },	/* namespace flags */
	{ "personality", 0, 0 },	/* persona values */
	{ "socket", 0, 0 },	/* address family: AF_ALG and such stay denied */
	{ "socketpair", 0, 0 },	/* address family */
};

int
profile_arg_rule(const char *name, unsigned index)
{
	size_t i;

	for (i = 0; i < sizeof(arg_rules) / sizeof(arg_rules[0]); i++)
		if (arg_rules[i].index == index &&
		    strcmp(arg_rules[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * The mask of o's rule: the user's, else sctui's own (arg_rules), else 0
 * when its values make no rule.  A mask of all bits compares with
 * SCMP_CMP_EQ.
 */
static uint64_t
obs_mask(const struct profile_obs *o)
{
	size_t i;

	if (o->nvalues == 0)
		return 0;
	if (o->mask != 0)
		return o->mask;
	for (i = 0; i < sizeof(arg_rules) / sizeof(arg_rules[0]); i++)
		if (arg_rules[i].index == o->index &&
		    strcmp(arg_rules[i].name, o->name) == 0)
			return arg_rules[i].mask != 0 ? arg_rules[i].mask :
			    UINT64_MAX;
	return 0;
}

/* 1 if obs[i] is the first observation with a rule for its call. */
static int
first_rule(const struct profile *p, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (obs_mask(&p->obs[j]) != 0 &&
		    strcmp(p->obs[j].name, p->obs[i].name) == 0)
			return 0;
	return 1;
}

/*
 * Replaces the plain allow of name by one entry per combination of the
 * values of its arguments with rules (an odometer over them).
 */
static void
limit_call(struct profile *p, const char *name)
{
	const struct profile_obs **r = NULL;
	struct profile_entry *e;
	size_t *at, nr = 0, i, k;
	uint64_t mask;
	uint8_t ph;
	char *keep = xstrdup(name);	/* name may live in an entry */

	for (i = 0; i < p->nobs; i++)
		if (obs_mask(&p->obs[i]) != 0 &&
		    strcmp(p->obs[i].name, keep) == 0) {
			r = xreallocarray(r, nr + 1, sizeof(*r));
			r[nr++] = &p->obs[i];
		}
	/* The rule's entries were seen where the call was. */
	ph = profile_name_phases(p, keep);
	remove_name(p, keep, plain_allow);
	at = xcalloc(nr, sizeof(*at));
	for (;;) {
		e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
		    PROFILE_ORIGIN_RULE);
		e->phases = ph;
		profile_entry_add_name(e, keep);
		for (i = 0; i < nr; i++) {
			mask = obs_mask(r[i]);
			if (mask == UINT64_MAX)
				profile_entry_add_arg(e, r[i]->index,
				    SCMP_CMP_EQ, r[i]->values[at[i]], 0);
			else
				profile_entry_add_arg(e, r[i]->index,
				    SCMP_CMP_MASKED_EQ, mask,
				    r[i]->values[at[i]] & mask);
		}
		for (k = 0; k < nr && ++at[k] == r[k]->nvalues; k++)
			at[k] = 0;
		if (k == nr)
			break;
	}
	free(at);
	free(r);
	free(keep);
}

void
profile_apply_rules(struct profile *p)
{
	struct profile_entry *e = NULL;
	size_t i, j;

	for (i = 0; profile_locked[i] != NULL; i++) {
		if (allows_plainly(p, profile_locked[i]))
			continue;
		remove_name(p, profile_locked[i], plain_denial);
		if (e == NULL)
			e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
			    PROFILE_ORIGIN_RULE);
		profile_entry_add_name(e, profile_locked[i]);
	}
	for (i = 0; i < p->nentries; i++) {
		struct profile_entry *d = &p->entries[i];

		if (!d->denied)
			continue;
		for (j = 0; j < d->nnames; )
			if (profile_allows(p, d->names[j]))
				drop_name(d, j);
			else
				j++;
		d->action = PROFILE_ACT_ERRNO;
		d->errno_ret = denied_errno(p);
	}
	if (profile_allows(p, "clone") && !named(p, "clone3")) {
		e = profile_add_entry(p, PROFILE_ACT_ERRNO, ENOSYS_VALUE,
		    PROFILE_ORIGIN_RULE);
		profile_entry_add_name(e, "clone3");
	}
	for (i = 0; i < p->nobs; i++)
		if (obs_mask(&p->obs[i]) != 0 && first_rule(p, i) &&
		    allows_plainly(p, p->obs[i].name))
			limit_call(p, p->obs[i].name);
}

int
profile_model_denied(const struct model *m, const char *name)
{
	const struct model_sys *s;
	uint32_t i;

	for (i = 0; m != NULL && i < model_nsys(m); i++) {
		s = model_sys(m, i);
		if (s->toggle == TOGGLE_DENY &&
		    strcmp(sysname_name(s->sysid), name) == 0)
			return 1;
	}
	return 0;
}

int
profile_model_arg_rule(const struct model_sys *s, const struct model_arg *a)
{
	uint32_t k;

	/* Past the bound: no rule (the call stays allowed). */
	if (a->many > 0 || a->nvals == 0)
		return 0;
	if (profile_arg_rule(sysname_name(s->sysid), a->spec->arg))
		return 1;
	for (k = 0; k < a->nvals; k++)
		if (a->vals[k].toggle == TOGGLE_DENY)
			return 1;
	return 0;
}

/*
 * The values of s's arguments that make rules, as observations, but those
 * the user denied.  Returns 0, or -EPERM when the user denied every value
 * of such an argument: the call is then allowed with none.
 */
static int
observe_model_args(struct profile *p, const struct model_sys *s)
{
	const struct model_arg *a;
	const char *name = sysname_name(s->sysid);
	uint32_t j, k, allowed;

	for (j = 0; j < s->nargs; j++) {
		a = &s->args[j];
		if (!profile_model_arg_rule(s, a))
			continue;
		for (allowed = 0, k = 0; k < a->nvals; k++)
			allowed += a->vals[k].toggle == TOGGLE_ALLOW;
		if (allowed == 0)
			return -EPERM;
	}
	for (j = 0; j < s->nargs; j++) {
		a = &s->args[j];
		if (!profile_model_arg_rule(s, a))
			continue;
		for (k = 0; k < a->nvals; k++) {
			if (a->vals[k].toggle != TOGGLE_ALLOW)
				continue;
			if (profile_arg_rule(name, a->spec->arg))
				profile_observe_arg(p, name, a->spec->arg,
				    a->vals[k].value);
			else
				profile_observe_rule(p, name, a->spec->arg,
				    a->spec->mask, a->vals[k].value);
		}
	}
	return 0;
}

/* The phase bits in which s was seen. */
static uint8_t
sys_phases(const struct model_sys *s)
{
	uint8_t ph = 0;
	int i;

	for (i = 0; i < PHASE_N; i++)
		if (s->count[i] > 0)
			ph |= (uint8_t)(1u << i);
	return ph;
}

/* Adds name with phases ph to the list of names and their phases. */
static void
add_phased(char ***names, uint8_t **phases, size_t *n, const char *name,
    uint8_t ph)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0) {
			(*phases)[i] |= ph;
			return;
		}
	*phases = xreallocarray(*phases, *n + 1, sizeof(**phases));
	(*phases)[*n] = ph;
	pstrv_add(names, n, name);
}

struct profile *
profile_traced(const struct model *m, const struct profile *base)
{
	struct profile *p = profile_new();
	struct profile_entry *e;
	char **names = NULL;
	uint8_t *phases = NULL;
	size_t n = 0, i;
	unsigned ph;

	for (i = 0; i < model_nsys(m); i++) {
		const struct model_sys *s = model_sys(m, (uint32_t)i);
		const char *name;

		profile_add_arch(p, sysname_arch(s->sysid));
		if (s->toggle != TOGGLE_ALLOW || !sysname_known(s->sysid))
			continue;
		name = sysname_name(s->sysid);
		/*
		 * An entry names a call on every arch of the profile: one
		 * denied on any arch is denied on all (profile_build_warnings()
		 * says so), never allowed where the user said no.
		 */
		if (profile_model_denied(m, name))
			continue;
		if (s->total == 0 && base != NULL && profile_allows(base, name))
			continue;
		/*
		 * clone3's flags are in memory, where no filter can look:
		 * allowed by name it could make any namespace.  As in
		 * Docker's default it gets ENOSYS (profile_apply_rules()),
		 * libc falls back to clone, allowed without namespace flags.
		 */
		if (strcmp(name, "clone3") == 0) {
			if (!profile_model_denied(m, "clone")) {
				profile_observe_arg(p, "clone", 0, 0);
				add_phased(&names, &phases, &n, "clone",
				    sys_phases(s));
			}
			continue;
		}
		if (observe_model_args(p, s) < 0)
			continue;
		add_phased(&names, &phases, &n, name, sys_phases(s));
	}
	if (p->narches == 0)
		profile_add_arch(p, sysname_native());
	/* One entry per set of phases, so the writers can say which. */
	for (ph = 0; ph <= PROFILE_PHASES_ALL; ph++) {
		e = NULL;
		for (i = 0; i < n; i++) {
			if (phases[i] != ph)
				continue;
			if (e == NULL) {
				e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
				    PROFILE_ORIGIN_TRACED);
				e->phases = (uint8_t)ph;
			}
			profile_entry_add_name(e, names[i]);
		}
	}
	if (p->nentries == 0)
		(void)profile_add_entry(p, PROFILE_ACT_ALLOW, -1,
		    PROFILE_ORIGIN_TRACED);
	for (i = 0; i < p->nentries; i++)
		xqsort(p->entries[i].names, p->entries[i].nnames,
		    sizeof(*p->entries[i].names), pcmp_str);
	pstrv_free(names, n);
	free(phases);
	return p;
}

struct profile *
profile_from_model(const struct model *m)
{
	struct profile *p = profile_traced(m, NULL);

	profile_apply_rules(p);
	return p;
}

/* ---- resolution ---- */

static int
has_cap(const struct profile_env *env, const char *cap)
{
	const char *const *c;

	if (env->caps == NULL)
		return 1;
	for (c = env->caps; *c != NULL; c++)
		if (strcmp(*c, cap) == 0)
			return 1;
	return 0;
}

/* Does the entry apply on env (Docker's rules)? */
static int
entry_applies(const struct profile_entry *e, const struct profile_env *env)
{
	size_t i;

	if (e->excludes.narches > 0 &&
	    has_u32(e->excludes.arches, e->excludes.narches, env->arch))
		return 0;
	for (i = 0; i < e->excludes.ncaps; i++)
		if (has_cap(env, e->excludes.caps[i]))
			return 0;
	if (e->excludes.min_kernel != 0 && env->kernel >= e->excludes.min_kernel)
		return 0;
	if (e->includes.narches > 0 &&
	    !has_u32(e->includes.arches, e->includes.narches, env->arch))
		return 0;
	for (i = 0; i < e->includes.ncaps; i++)
		if (!has_cap(env, e->includes.caps[i]))
			return 0;
	if (e->includes.min_kernel != 0 && env->kernel < e->includes.min_kernel)
		return 0;
	return 1;
}

struct profile *
profile_resolve(const struct profile *p, const struct profile_env *envp)
{
	struct profile_env env = { 0, NULL, 0 };
	struct profile *r = profile_new();
	size_t i, j;

	if (envp != NULL)
		env = *envp;
	if (env.arch == 0)
		env.arch = sysname_native();
	if (env.kernel == 0)
		env.kernel = profile_host_kernel();
	copy_header(r, p, 0);
	for (i = 0; i < p->narchmap; i++) {
		if (p->archmap[i].arch != env.arch)
			continue;
		profile_add_arch(r, p->archmap[i].arch);
		for (j = 0; j < p->archmap[i].nsubs; j++)
			profile_add_arch(r, p->archmap[i].subs[j]);
	}
	if (r->narches == 0)
		profile_add_arch(r, env.arch);
	for (i = 0; i < p->nentries; i++)
		if (entry_applies(&p->entries[i], &env))
			entry_copy(entry_append(r), &p->entries[i], 0);
	copy_obs(r, p);
	return r;
}

/* ---- merge ---- */

struct profile *
profile_merge(const struct profile *const *in, size_t n)
{
	struct profile *r = profile_new();
	int any_map = 0, any_list = 0;
	size_t i, j, k;

	if (n > 32)
		n = 32;
	for (i = 0; i < n; i++) {
		any_map |= in[i]->narchmap > 0;
		any_list |= in[i]->narches > 0;
	}
	for (i = 0; i < n; i++) {
		const struct profile *s = in[i];

		if (i == 0) {
			r->def_action = s->def_action;
			r->def_errno = s->def_errno;
		}
		if (!(any_map && any_list)) {
			copy_header(r, s, 1);
			r->def_action = in[0]->def_action;
			r->def_errno = in[0]->def_errno;
		} else {
			/*
			 * Docker refuses a profile with both archMap and
			 * architectures: fold the archMaps into the list, as
			 * this machine would resolve them.
			 */
			struct profile *t = profile_resolve(s, NULL);

			for (j = 0; j < t->narches; j++)
				profile_add_arch(r, t->arches[j]);
			for (j = 0; j < s->nflags; j++)
				if (!pstrv_has(r->flags, r->nflags,
				    s->flags[j]))
					pstrv_add(&r->flags, &r->nflags,
					    s->flags[j]);
			profile_free(t);
		}
		for (j = 0; j < s->nentries; j++) {
			struct profile_entry *e = entry_append(r);

			entry_copy(e, &s->entries[j], 1);
			e->sources = (uint32_t)1 << i;
		}
		for (j = 0; j < s->nobs; j++)
			for (k = 0; k < s->obs[j].nvalues; k++)
				profile_observe_arg(r, s->obs[j].name,
				    s->obs[j].index, s->obs[j].values[k]);
	}
	return r;
}
