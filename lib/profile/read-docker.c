/*
 * read-docker.c - the Docker/Moby seccomp JSON reader.  OCI's
 * linux.seccomp object is the same JSON: read-oci.c finds it, bare or
 * inside a whole config.json, and this file reads it.
 *
 * Everything Docker's own default profile uses is understood: archMap,
 * architectures, includes/excludes (caps, arches, minKernel), args with
 * every operator and valueTwo, errnoRet, comment and the deprecated
 * single "name".  Unknown keys, types and values are errors naming their
 * JSON path: nothing is silently dropped.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

#define MAX_ERRNO	4095

struct rd {
	const char	*file;
	const char	*prefix;	/* "" or "linux.seccomp." */
	char		*msg;
	size_t		 msglen;
	int		 skip_unknown;
	int		 nbad;		/* unknown names */
	int		 nskipped;
	uint32_t	 arches[SYSNAME_MAX_ARCH * 2];
	size_t		 narches;
	char		 archtext[256];
};

static const char *const known_flags[] = {
	"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
	"SECCOMP_FILTER_FLAG_SPEC_ALLOW",
	"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", NULL
};

static const char *
type_text(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:	return "an object";
	case JSON_ARRAY:	return "an array";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:	return "an integer";
	case JSON_REAL:		return "a real number";
	case JSON_TRUE:		return "true";
	case JSON_FALSE:	return "false";
	case JSON_NULL:		return "null";
	}
	return "something else";
}

static int
bad(struct rd *r, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
bad(struct rd *r, const char *path, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (*path == '\0')
		pmsg_add(r->msg, r->msglen, "%s: %s: %s", r->file,
		    *r->prefix ? "linux.seccomp" : "(top level)", text);
	else
		pmsg_add(r->msg, r->msglen, "%s: %s%s: %s", r->file, r->prefix,
		    path, text);
	return -EINVAL;
}

static int
want(struct rd *r, const char *path, const json_t *j, json_type t,
    const char *what)
{
	if (json_typeof(j) == t)
		return 0;
	return bad(r, path, "expected %s, got %s", what, type_text(j));
}

/* Every key of obj must be in keys (a NULL-ended list). */
static int
check_keys(struct rd *r, const char *path, json_t *obj,
    const char *const *keys)
{
	const char *k, *const *p;
	char list[256];
	json_t *v;

	json_object_foreach(obj, k, v) {
		for (p = keys; *p != NULL; p++)
			if (strcmp(*p, k) == 0)
				break;
		if (*p != NULL)
			continue;
		list[0] = '\0';
		for (p = keys; *p != NULL; p++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
			    "%s%s", p == keys ? "" : ", ", *p);
		return bad(r, path, "unknown key '%s' (expected %s)", k, list);
	}
	return 0;
}

static int
get_uint(struct rd *r, const char *path, const json_t *j, uint64_t max,
    uint64_t *out)
{
	json_int_t v;

	if (!json_is_integer(j))
		return bad(r, path, "expected a non-negative integer, got %s",
		    type_text(j));
	v = json_integer_value(j);
	if (v < 0 || (uint64_t)v > max)
		return bad(r, path, "%lld is out of range (0 to %llu)",
		    (long long)v, (unsigned long long)max);
	*out = (uint64_t)v;
	return 0;
}

static int
get_action(struct rd *r, const char *path, const json_t *j,
    enum profile_action *a)
{
	if (want(r, path, j, JSON_STRING, "an action string") < 0)
		return -EINVAL;
	if (profile_scmp_action_parse(json_string_value(j), a) == 0)
		return 0;
	if (strcmp(json_string_value(j), "SCMP_ACT_NOTIFY") == 0)
		return bad(r, path, "SCMP_ACT_NOTIFY needs a seccomp agent, "
		    "which sctui does not support");
	return bad(r, path, "unknown action '%s' (expected SCMP_ACT_ALLOW, "
	    "SCMP_ACT_ERRNO, SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, "
	    "SCMP_ACT_KILL_THREAD, SCMP_ACT_TRAP, SCMP_ACT_TRACE or "
	    "SCMP_ACT_LOG)", json_string_value(j));
}

static int
get_errno(struct rd *r, const char *path, const json_t *j, int *out)
{
	uint64_t v;

	if (get_uint(r, path, j, MAX_ERRNO, &v) < 0)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/*
 * The array of strings at path: what and elem name the array and a string
 * in errors; fn(r, element's path, string, arg) takes each string.
 */
static int
read_strings(struct rd *r, const char *path, const json_t *j,
    const char *what, const char *elem,
    int (*fn)(struct rd *, const char *, const char *, void *), void *arg)
{
	char p[256];
	size_t i;
	json_t *a;

	if (want(r, path, j, JSON_ARRAY, what) < 0)
		return -EINVAL;
	json_array_foreach(j, i, a) {
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (want(r, p, a, JSON_STRING, elem) < 0 ||
		    fn(r, p, json_string_value(a), arg) < 0)
			return -EINVAL;
	}
	return 0;
}

/* An arch list being read: Docker's or Go's spelling, and where to add. */
struct arches {
	uint32_t	(*parse)(const char *);
	const char	*expected;
	uint32_t	**v;
	size_t		 *n;
};

static int
add_arch(struct rd *r, const char *path, const char *s, void *arg)
{
	struct arches *o = arg;
	uint32_t arch;

	if ((arch = o->parse(s)) == 0)
		return bad(r, path, "unknown architecture '%s' (expected %s)",
		    s, o->expected);
	*o->v = xreallocarray(*o->v, *o->n + 1, sizeof(**o->v));
	(*o->v)[(*o->n)++] = arch;
	return 0;
}

static int
add_cap(struct rd *r, const char *path, const char *s, void *arg)
{
	struct profile_cond *c = arg;

	if (strncmp(s, "CAP_", 4) != 0)
		return bad(r, path, "'%s' is not a capability name (expected "
		    "CAP_...)", s);
	pstrv_add(&c->caps, &c->ncaps, s);
	return 0;
}

static int
add_flag(struct rd *r, const char *path, const char *s, void *arg)
{
	struct profile *p = arg;
	const char *const *f;

	for (f = known_flags; *f != NULL; f++)
		if (strcmp(*f, s) == 0)
			break;
	if (*f == NULL)
		return bad(r, path, "unknown flag '%s' (expected "
		    "SECCOMP_FILTER_FLAG_TSYNC, _LOG, _SPEC_ALLOW or "
		    "_WAIT_KILLABLE_RECV)", s);
	if (!pstrv_has(p->flags, p->nflags, *f))
		pstrv_add(&p->flags, &p->nflags, *f);
	return 0;
}

static int
read_arch_list(struct rd *r, const char *path, json_t *j, uint32_t **v,
    size_t *n)
{
	struct arches o = {
		profile_docker_arch_parse,
		"SCMP_ARCH_X86_64, SCMP_ARCH_AARCH64, ...", v, n
	};

	if (json_is_null(j))
		return 0;
	return read_strings(r, path, j, "an array of SCMP_ARCH_* names",
	    "an SCMP_ARCH_* name", add_arch, &o);
}

static int
read_cond(struct rd *r, const char *path, json_t *j, struct profile_cond *c)
{
	static const char *const keys[] = {
		"caps", "arches", "minKernel", NULL
	};
	struct arches goarches = {
		profile_goarch_parse, "amd64, arm64, x86, x32, ...",
		&c->arches, &c->narches
	};
	char p[256];
	json_t *v;

	if (json_is_null(j))
		return 0;
	if (want(r, path, j, JSON_OBJECT, "an object") < 0 ||
	    check_keys(r, path, j, keys) < 0)
		return -EINVAL;
	if ((v = json_object_get(j, "caps")) != NULL && !json_is_null(v)) {
		snprintf(p, sizeof(p), "%s.caps", path);
		if (read_strings(r, p, v, "an array of capability names",
		    "a capability name such as CAP_SYS_ADMIN", add_cap, c) < 0)
			return -EINVAL;
	}
	if ((v = json_object_get(j, "arches")) != NULL && !json_is_null(v)) {
		snprintf(p, sizeof(p), "%s.arches", path);
		if (read_strings(r, p, v, "an array of arch names",
		    "an arch name such as amd64", add_arch, &goarches) < 0)
			return -EINVAL;
	}
	if ((v = json_object_get(j, "minKernel")) != NULL && !json_is_null(v)) {
		snprintf(p, sizeof(p), "%s.minKernel", path);
		if (want(r, p, v, JSON_STRING, "a kernel version string such "
		    "as \"4.8\"") < 0)
			return -EINVAL;
		if (profile_kernel_parse(json_string_value(v),
		    &c->min_kernel) < 0)
			return bad(r, p, "'%s' is not a kernel version "
			    "(expected MAJOR.MINOR, e.g. \"4.8\")",
			    json_string_value(v));
	}
	return 0;
}

static int
read_args(struct rd *r, const char *path, json_t *j, struct profile_entry *e)
{
	static const char *const keys[] = {
		"index", "value", "valueTwo", "op", NULL
	};
	char p[256];
	size_t i;
	json_t *a, *v;

	if (json_is_null(j))
		return 0;
	if (want(r, path, j, JSON_ARRAY, "an array of argument "
	    "conditions") < 0)
		return -EINVAL;
	if (json_array_size(j) > 6)
		return bad(r, path, "%zu conditions given, a system call has "
		    "at most 6 arguments", json_array_size(j));
	json_array_foreach(j, i, a) {
		uint64_t index, value = 0, value_two = 0;
		enum scmp_compare op;

		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (want(r, p, a, JSON_OBJECT, "an object with index, value "
		    "and op") < 0 || check_keys(r, p, a, keys) < 0)
			return -EINVAL;
		snprintf(p, sizeof(p), "%s[%zu].index", path, i);
		if ((v = json_object_get(a, "index")) == NULL)
			return bad(r, p, "missing (give the argument's "
			    "position, 0 to 5)");
		if (get_uint(r, p, v, 5, &index) < 0)
			return -EINVAL;
		snprintf(p, sizeof(p), "%s[%zu].value", path, i);
		if ((v = json_object_get(a, "value")) != NULL &&
		    get_uint(r, p, v, UINT64_MAX, &value) < 0)
			return -EINVAL;
		snprintf(p, sizeof(p), "%s[%zu].valueTwo", path, i);
		if ((v = json_object_get(a, "valueTwo")) != NULL &&
		    get_uint(r, p, v, UINT64_MAX, &value_two) < 0)
			return -EINVAL;
		snprintf(p, sizeof(p), "%s[%zu].op", path, i);
		if ((v = json_object_get(a, "op")) == NULL)
			return bad(r, p, "missing (give SCMP_CMP_EQ, ...)");
		if (want(r, p, v, JSON_STRING, "an operator string") < 0)
			return -EINVAL;
		if (profile_op_parse(json_string_value(v), &op) < 0)
			return bad(r, p, "unknown operator '%s' (expected "
			    "SCMP_CMP_NE, SCMP_CMP_LT, SCMP_CMP_LE, "
			    "SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT or "
			    "SCMP_CMP_MASKED_EQ)", json_string_value(v));
		profile_entry_add_arg(e, (unsigned)index, op, value,
		    value_two);
	}
	return 0;
}

/* Checks one name; adds it unless it is unknown. */
static int
add_name(struct rd *r, const char *path, const char *name, void *arg)
{
	struct profile_entry *e = arg;
	const char *s;
	char sugg[96] = "";

	/*
	 * A call of another arch (sync_file_range2 in Docker's default,
	 * which names no ppc arch) is kept: it applies nowhere here.
	 */
	if (profile_name_known(r->arches, r->narches, name) ||
	    profile_name_anywhere(name)) {
		profile_entry_add_name(e, name);
		return 0;
	}
	/*
	 * A suggestion costs milliseconds and a line is read by a human: a
	 * file of junk names gets the first PROFILE_MAX_UNKNOWN of each.
	 */
	if (r->nbad + r->nskipped >= PROFILE_MAX_UNKNOWN) {
		if (r->skip_unknown)
			r->nskipped++;
		else
			r->nbad++;
		return 0;
	}
	if ((s = profile_suggest(r->arches[0], name)) != NULL)
		snprintf(sugg, sizeof(sugg), " (did you mean '%s'?)", s);
	if (r->skip_unknown) {
		r->nskipped++;
		pmsg_add(r->msg, r->msglen, "%s: %s%s: skipped '%s': not a "
		    "system call on %s%s", r->file, r->prefix, path, name,
		    r->archtext, sugg);
		return 0;
	}
	r->nbad++;
	pmsg_add(r->msg, r->msglen, "%s: %s%s: '%s' is not a system call on "
	    "%s%s", r->file, r->prefix, path, name, r->archtext, sugg);
	return 0;
}

static int
read_names(struct rd *r, const char *path, json_t *names, json_t *name,
    struct profile_entry *e)
{
	char p2[128];

	if (names != NULL) {
		snprintf(p2, sizeof(p2), "%s.names", path);
		return read_strings(r, p2, names, "an array of system call "
		    "names", "a system call name", add_name, e);
	}
	snprintf(p2, sizeof(p2), "%s.name", path);
	if (want(r, p2, name, JSON_STRING, "a system call name") < 0)
		return -EINVAL;
	return add_name(r, p2, json_string_value(name), e);
}

static int
read_entry(struct rd *r, size_t idx, json_t *j, struct profile *p)
{
	static const char *const keys[] = {
		"names", "name", "action", "errnoRet", "args", "comment",
		"includes", "excludes", NULL
	};
	struct profile_entry *e;
	enum profile_action action;
	char path[64], p2[128];
	json_t *names, *name, *v;
	size_t i, base;
	int err = -1, rc;

	snprintf(path, sizeof(path), "syscalls[%zu]", idx);
	if (want(r, path, j, JSON_OBJECT, "an object") < 0 ||
	    check_keys(r, path, j, keys) < 0)
		return -EINVAL;
	names = json_object_get(j, "names");
	name = json_object_get(j, "name");
	if (names != NULL && name != NULL)
		return bad(r, path, "both 'name' and 'names' given; use "
		    "'names' only");
	if (names == NULL && name == NULL)
		return bad(r, path, "no 'names' (give the system calls this "
		    "entry is for)");
	snprintf(p2, sizeof(p2), "%s.action", path);
	if ((v = json_object_get(j, "action")) == NULL)
		return bad(r, p2, "missing (give SCMP_ACT_ALLOW, ...)");
	if (get_action(r, p2, v, &action) < 0)
		return -EINVAL;
	snprintf(p2, sizeof(p2), "%s.errnoRet", path);
	if ((v = json_object_get(j, "errnoRet")) != NULL &&
	    !json_is_null(v) && get_errno(r, p2, v, &err) < 0)
		return -EINVAL;
	e = profile_add_entry(p, action, err, PROFILE_ORIGIN_FILE);
	snprintf(p2, sizeof(p2), "%s.includes", path);
	if ((v = json_object_get(j, "includes")) != NULL &&
	    read_cond(r, p2, v, &e->includes) < 0)
		return -EINVAL;
	snprintf(p2, sizeof(p2), "%s.excludes", path);
	if ((v = json_object_get(j, "excludes")) != NULL &&
	    read_cond(r, p2, v, &e->excludes) < 0)
		return -EINVAL;
	/* An entry for other arches names calls of those arches. */
	base = r->narches;
	for (i = 0; i < e->includes.narches &&
	    r->narches < sizeof(r->arches) / sizeof(r->arches[0]); i++)
		r->arches[r->narches++] = e->includes.arches[i];
	rc = read_names(r, path, names, name, e);
	r->narches = base;
	if (rc < 0)
		return rc;
	snprintf(p2, sizeof(p2), "%s.args", path);
	if ((v = json_object_get(j, "args")) != NULL &&
	    read_args(r, p2, v, e) < 0)
		return -EINVAL;
	snprintf(p2, sizeof(p2), "%s.comment", path);
	if ((v = json_object_get(j, "comment")) != NULL && !json_is_null(v)) {
		if (want(r, p2, v, JSON_STRING, "a string") < 0)
			return -EINVAL;
		/* The phases an allowing entry was seen in, as sctui wrote. */
		if (action == PROFILE_ACT_ALLOW || action == PROFILE_ACT_LOG)
			e->phases = profile_phases_parse(json_string_value(v));
		else
			e->denied = strcmp(json_string_value(v),
			    PROFILE_DENIED_TEXT) == 0;
		if (e->phases == 0 && !e->denied)
			e->comment = xstrdup(json_string_value(v));
	}
	return 0;
}

static int
read_archmap(struct rd *r, json_t *j, struct profile *p)
{
	static const char *const keys[] = {
		"architecture", "subArchitectures", NULL
	};
	char path[64];
	size_t i;
	json_t *m, *a;

	if (json_is_null(j))
		return 0;
	if (want(r, "archMap", j, JSON_ARRAY, "an array") < 0)
		return -EINVAL;
	json_array_foreach(j, i, m) {
		struct profile_archmap *am;
		uint32_t arch;

		snprintf(path, sizeof(path), "archMap[%zu]", i);
		if (want(r, path, m, JSON_OBJECT, "an object with "
		    "architecture and subArchitectures") < 0 ||
		    check_keys(r, path, m, keys) < 0)
			return -EINVAL;
		snprintf(path, sizeof(path), "archMap[%zu].architecture", i);
		if ((a = json_object_get(m, "architecture")) == NULL)
			return bad(r, path, "missing");
		if (want(r, path, a, JSON_STRING, "an SCMP_ARCH_* name") < 0)
			return -EINVAL;
		if ((arch = profile_docker_arch_parse(json_string_value(a))) == 0)
			return bad(r, path, "unknown architecture '%s' "
			    "(expected SCMP_ARCH_X86_64, ...)",
			    json_string_value(a));
		p->archmap = xreallocarray(p->archmap, p->narchmap + 1,
		    sizeof(*p->archmap));
		am = &p->archmap[p->narchmap++];
		memset(am, 0, sizeof(*am));
		am->arch = arch;
		snprintf(path, sizeof(path), "archMap[%zu].subArchitectures", i);
		if ((a = json_object_get(m, "subArchitectures")) != NULL &&
		    read_arch_list(r, path, a, &am->subs, &am->nsubs) < 0)
			return -EINVAL;
	}
	return 0;
}

struct named {
	const char	*name;
	size_t		 entry;
};

static int
by_name_entry(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/*
 * Two entries without conditions that give one name different actions:
 * which one wins depends on the runtime, so refuse.  Entries with args,
 * includes or excludes may overlap (Docker's default does): not checked.
 */
static const char *
action_text(const struct profile_entry *e, char *buf, size_t len)
{
	if (e->action == PROFILE_ACT_ERRNO && e->errno_ret >= 0)
		snprintf(buf, len, "%s(%d)", profile_scmp_action_str(e->action),
		    e->errno_ret);
	else
		snprintf(buf, len, "%s", profile_scmp_action_str(e->action));
	return buf;
}

static int
check_conflicts(struct rd *r, const struct profile *p)
{
	const struct profile_entry *e, *f;
	struct named *v = NULL;
	size_t i, j, n = 0;
	char path[64], a1[48], a2[48];
	int rc = 0;

	for (i = 0; i < p->nentries; i++) {
		e = &p->entries[i];
		if (e->nargs > 0 || !profile_cond_empty(&e->includes) ||
		    !profile_cond_empty(&e->excludes))
			continue;
		v = xreallocarray(v, n + e->nnames, sizeof(*v));
		for (j = 0; j < e->nnames; j++) {
			v[n].name = e->names[j];
			v[n++].entry = i;
		}
	}
	if (n > 0)
		xqsort(v, n, sizeof(*v), by_name_entry);
	for (i = 1; i < n && rc == 0; i++) {
		if (strcmp(v[i - 1].name, v[i].name) != 0)
			continue;
		e = &p->entries[v[i - 1].entry];
		f = &p->entries[v[i].entry];
		if (e->action == f->action && (e->action != PROFILE_ACT_ERRNO ||
		    e->errno_ret == f->errno_ret))
			continue;
		snprintf(path, sizeof(path), "syscalls[%zu]", v[i].entry);
		rc = bad(r, path, "'%s' is %s here but %s in syscalls[%zu]: "
		    "give each name one action", v[i].name,
		    action_text(f, a1, sizeof(a1)),
		    action_text(e, a2, sizeof(a2)), v[i - 1].entry);
	}
	free(v);
	return rc;
}

static int
read_top(struct rd *r, json_t *obj, struct profile *p)
{
	static const char *const keys[] = {
		"defaultAction", "defaultErrnoRet", "architectures", "archMap",
		"syscalls", "flags", "listenerPath", "listenerMetadata", NULL
	};
	json_t *v, *a;
	size_t i;

	if (want(r, "", obj, JSON_OBJECT, "a seccomp profile object") < 0 ||
	    check_keys(r, "", obj, keys) < 0)
		return -EINVAL;
	if ((v = json_object_get(obj, "listenerPath")) != NULL &&
	    !json_is_null(v) && !(json_is_string(v) &&
	    *json_string_value(v) == '\0'))
		return bad(r, "listenerPath", "seccomp agents "
		    "(SCMP_ACT_NOTIFY) are not supported; remove it");
	if ((v = json_object_get(obj, "defaultAction")) == NULL)
		return bad(r, "defaultAction", "missing (give e.g. "
		    "SCMP_ACT_ERRNO)");
	if (get_action(r, "defaultAction", v, &p->def_action) < 0)
		return -EINVAL;
	p->def_errno = -1;
	if ((v = json_object_get(obj, "defaultErrnoRet")) != NULL &&
	    !json_is_null(v) &&
	    get_errno(r, "defaultErrnoRet", v, &p->def_errno) < 0)
		return -EINVAL;
	if ((v = json_object_get(obj, "architectures")) != NULL &&
	    read_arch_list(r, "architectures", v, &p->arches,
	    &p->narches) < 0)
		return -EINVAL;
	if ((v = json_object_get(obj, "archMap")) != NULL &&
	    read_archmap(r, v, p) < 0)
		return -EINVAL;
	if (p->narches > 0 && p->narchmap > 0)
		return bad(r, "archMap", "both 'architectures' and 'archMap' "
		    "given; Docker refuses that, keep one of them");
	if ((v = json_object_get(obj, "flags")) != NULL && !json_is_null(v) &&
	    read_strings(r, "flags", v, "an array of SECCOMP_FILTER_FLAG_* "
	    "names", "a flag name", add_flag, p) < 0)
		return -EINVAL;
	r->narches = profile_check_arches(p, r->arches,
	    sizeof(r->arches) / sizeof(r->arches[0]));
	profile_arches_text(r->arches, r->narches, r->archtext,
	    sizeof(r->archtext));
	if ((v = json_object_get(obj, "syscalls")) == NULL || json_is_null(v))
		return 0;
	if (want(r, "syscalls", v, JSON_ARRAY, "an array of entries") < 0)
		return -EINVAL;
	json_array_foreach(v, i, a)
		if (read_entry(r, i, a, p) < 0)
			return -EINVAL;
	return check_conflicts(r, p);
}

int
profile_read_json(const char *data, size_t len, const char *file,
    int oci, int skip_unknown, struct profile **out, char *msg,
    size_t msglen)
{
	struct rd r;
	json_error_t jerr;
	json_t *root, *obj;
	struct profile *p;
	int rc;

	memset(&r, 0, sizeof(r));
	r.file = file;
	r.prefix = "";
	r.msg = msg;
	r.msglen = msglen;
	r.skip_unknown = skip_unknown;
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		pmsg_add(msg, msglen, "%s:%d:%d: %s", file, jerr.line,
		    jerr.column, jerr.text);
		return -EINVAL;
	}
	obj = profile_oci_seccomp(root, oci, file, &r.prefix, msg, msglen);
	if (obj == NULL) {
		json_decref(root);
		return -EINVAL;
	}
	p = profile_new();
	rc = read_top(&r, obj, p);
	json_decref(root);
	if (r.nbad + r.nskipped > PROFILE_MAX_UNKNOWN)
		pmsg_add(msg, msglen, "%s: %d more unknown names not listed",
		    file, r.nbad + r.nskipped - PROFILE_MAX_UNKNOWN);
	if (rc == 0 && r.nbad > 0)
		rc = -EINVAL;
	if (rc < 0) {
		profile_free(p);
		return rc;
	}
	*out = p;
	return r.nskipped;
}

int
profile_read_docker(const char *data, size_t len, const char *file,
    int skip_unknown, struct profile **out, char *msg, size_t msglen)
{
	return profile_read_json(data, len, file, 0, skip_unknown, out, msg,
	    msglen);
}
