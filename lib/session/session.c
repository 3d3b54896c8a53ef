/*
 * session.c - saving and opening explorations; see session.h.
 *
 * The format, version 4 (version 3, without "stacks", version 2, also
 * without the values' "toggle", and version 1, also without "args", still
 * open):
 *
 *   { "format": "sctui-session", "version": 1,
 *     "command": "...", "cmdname": "...", "mode": "...",
 *     "arches": ["x86_64", ...], "attached": false,
 *     "start": NS, "saved": NS, "first": NS, "last": NS,
 *     "root_status": INT or null,
 *     "syscalls": [ { "arch": "x86_64", "name": "read",
 *                     "toggle": "allow" | "deny", "denials": N,
 *                     "args": [ { "arg": N, "name": "family", "many": N,
 *                                 "values": [ { "value": N,
 *                                     "name": "AF_INET",
 *                                     "count": [S, V, D],
 *                                     "procs": [ID, ...],
 *                                     "more": BOOL,
 *                                     "toggle": "allow" | "deny" },
 *                                   ... ] }, ... ] },
 *                   ... ],
 *     "processes": [ { "pid": N, "ppid": N, "parent": ID or null,
 *                      "name": "...", "execs": ["...", ...],
 *                      "state": "live" | "exited", "status": INT,
 *                      "root": BOOL, "attached": BOOL,
 *                      "phase": "startup" | "serving" | "shutdown",
 *                      "phase_since": [NS, NS, NS],
 *                      "threads_live": N, "threads_total": N,
 *                      "born": NS, "ended": NS, "signals": N,
 *                      "syscalls": [ { "arch": "x86_64", "name": "read",
 *                                      "count": [S, V, D],
 *                                      "first": NS, "last": NS }, ...] },
 *                    ... ],
 *     "stacks": [ { "arch": "x86_64", "name": "read", "pid": N,
 *                   "exe": "...", "note": "..." (optional),
 *                   "frames": [ { "pc": N, "text": "...",
 *                                 "program": BOOL }, ... ] }, ... ] }
 *
 * "stacks" are the user stacks of calls' first occurrences per executable
 * (--stacks), at most STACKS_MAX of STACKS_FRAMES frames each; the texts
 * come from the traced program's files and are kept like its names.
 *
 * "args" are the recorded argument values (lib/model/argspec.h), with the
 * ids of the processes that made them; their names are for the reader, the
 * numbers are what is read back.  A denied value is left out of the
 * argument's rule in the saved profile.
 * Syscalls and processes are in the model's order (first seen), so that a
 * session opened again has the same ids and the same "first seen" order.
 * Times are the tracer's CLOCK_MONOTONIC nanoseconds.
 */
#include "config.h"
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argspec.h"
#include "atomicfile.h"
#include "idmap.h"
#include "profile.h"
#include "stacks.h"
#include "sysname.h"
#include "xalloc.h"

void
session_meta_free(struct session_meta *s)
{
	char **a;

	free(s->command);
	free(s->cmdname);
	free(s->mode);
	for (a = s->arches; a != NULL && *a != NULL; a++)
		free(*a);
	free(s->arches);
	stacks_free(s->stacks);
	profile_free(s->profile);
	memset(s, 0, sizeof(*s));
}

/* ---- writing ------------------------------------------------------- */

static json_t *
jstr(const char *s)
{
	json_t *v = json_string(s);

	if (v == NULL)
		fatal("out of memory");
	return v;
}

/*
 * A string from the program (names, execs, the command line): JSON text
 * must be UTF-8, so one that is not is kept byte for byte as
 * {"hex": "..."}.
 */
static json_t *
jname(const char *s)
{
	static const char hex[] = "0123456789abcdef";
	json_t *v = json_string(s), *o;
	size_t i, n;
	char *h;

	if (v != NULL)
		return v;
	n = strlen(s);
	h = xmalloc(2 * n + 1);
	for (i = 0; i < n; i++) {
		h[2 * i] = hex[(unsigned char)s[i] >> 4];
		h[2 * i + 1] = hex[(unsigned char)s[i] & 15];
	}
	h[2 * n] = '\0';
	o = json_object();
	if (o == NULL || json_object_set_new(o, "hex", jstr(h)) < 0)
		fatal("out of memory");
	free(h);
	return o;
}

static json_t *
jint(uint64_t v)
{
	return json_integer((json_int_t)v);
}

static void
set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(o, key, v) < 0)
		fatal("out of memory");
}

static void
sys_ref(json_t *o, uint32_t sysid)
{
	set(o, "arch", jstr(sysname_arch_name(sysname_arch(sysid))));
	set(o, "name", jstr(sysname_name(sysid)));
}

static json_t *
counts(const uint64_t c[PHASE_N])
{
	json_t *a = json_array();
	int i;

	for (i = 0; i < PHASE_N; i++)
		json_array_append_new(a, jint(c[i]));
	return a;
}

/* The recorded arguments of s, an array. */
static json_t *
args_json(const struct model_sys *s)
{
	json_t *a = json_array(), *o, *vals, *v, *procs;
	const struct model_arg *ma;
	const struct model_argval *av;
	char name[256];
	uint32_t i, j, k;

	for (j = 0; j < s->nargs; j++) {
		ma = &s->args[j];
		if (ma->nvals == 0 && ma->many == 0)
			continue;
		o = json_object();
		set(o, "arg", json_integer(ma->spec->arg));
		set(o, "name", jstr(ma->spec->what));
		set(o, "many", jint(ma->many));
		vals = json_array();
		for (k = 0; k < ma->nvals; k++) {
			av = &ma->vals[k];
			v = json_object();
			set(v, "value", jint(av->value));
			set(v, "name", jstr(argspec_format(ma->spec,
			    av->value, name, sizeof(name))));
			set(v, "count", counts(av->count));
			procs = json_array();
			for (i = 0; i < av->nprocs; i++)
				json_array_append_new(procs,
				    json_integer(av->procs[i]));
			set(v, "procs", procs);
			set(v, "more", json_boolean(av->more));
			set(v, "toggle", jstr(av->toggle == TOGGLE_DENY &&
			    ma->many == 0 ? "deny" : "allow"));
			json_array_append_new(vals, v);
		}
		set(o, "values", vals);
		json_array_append_new(a, o);
	}
	return a;
}

/* The "stacks" array of s (NULL: empty). */
static json_t *
stacks_json(const struct stacks *s)
{
	json_t *a = json_array(), *o, *fa, *fo;
	const struct stack *k;
	uint32_t i, j;

	for (i = 0; i < stacks_count(s); i++) {
		k = stacks_get(s, i);
		/* A number libseccomp cannot name would not read back. */
		if (!sysname_known(sysname_id(k->arch, k->nr)))
			continue;
		o = json_object();
		sys_ref(o, sysname_id(k->arch, k->nr));
		set(o, "pid", json_integer(k->tgid));
		set(o, "exe", jname(k->exe));
		if (k->note != NULL)
			set(o, "note", jstr(k->note));
		fa = json_array();
		for (j = 0; j < k->nframes; j++) {
			fo = json_object();
			set(fo, "pc", jint(k->frames[j].pc));
			set(fo, "text", jname(k->frames[j].text));
			set(fo, "program", json_boolean(k->frames[j].program));
			json_array_append_new(fa, fo);
		}
		set(o, "frames", fa);
		json_array_append_new(a, o);
	}
	return a;
}

char *
session_write(const struct model *m, const struct session_meta *meta)
{
	json_t *root = json_object(), *a, *o, *pa, *po, *ex;
	const struct model_sys *s;
	const struct model_proc *p;
	const struct model_pstat *ps;
	struct model_totals t;
	char *const *arch;
	char *text;
	size_t i, j;

	model_totals(m, &t);
	set(root, "format", jstr(SESSION_FORMAT));
	set(root, "version", json_integer(SESSION_VERSION));
	set(root, "command", jname(meta->command));
	set(root, "cmdname", jname(meta->cmdname));
	set(root, "mode", jstr(meta->mode));
	a = json_array();
	for (arch = meta->arches; arch != NULL && *arch != NULL; arch++)
		json_array_append_new(a, jstr(*arch));
	set(root, "arches", a);
	set(root, "attached", json_boolean(meta->attached));
	set(root, "start", jint(meta->start));
	set(root, "saved", jint(meta->saved));
	set(root, "first", jint(t.first));
	set(root, "last", jint(t.last));
	set(root, "root_status", meta->root_status < 0 ? json_null() :
	    json_integer(meta->root_status));

	a = json_array();
	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, (uint32_t)i);
		o = json_object();
		sys_ref(o, s->sysid);
		set(o, "toggle", jstr(s->toggle == TOGGLE_DENY ? "deny" :
		    "allow"));
		set(o, "denials", jint(s->denials));
		set(o, "args", args_json(s));
		json_array_append_new(a, o);
	}
	set(root, "syscalls", a);

	pa = json_array();
	for (i = 0; i < model_nprocs(m); i++) {
		p = model_proc(m, (uint32_t)i);
		po = json_object();
		set(po, "pid", json_integer(p->pid));
		set(po, "ppid", json_integer(p->ppid));
		set(po, "parent", p->parent == IDMAP_NONE ? json_null() :
		    json_integer(p->parent));
		set(po, "name", jname(p->name));
		ex = json_array();
		for (j = 0; j < p->nexecs; j++)
			json_array_append_new(ex, jname(p->execs[j]));
		set(po, "execs", ex);
		set(po, "state", jstr(p->state == PROC_LIVE ? "live" :
		    "exited"));
		set(po, "status", json_integer(p->status));
		set(po, "root", json_boolean(p->flags & MODEL_PROC_ROOT));
		set(po, "attached", json_boolean(p->flags &
		    MODEL_PROC_ATTACHED));
		set(po, "phase", jstr(phase_name((enum phase)p->phase)));
		set(po, "phase_since", counts(p->phase_since));
		set(po, "threads_live", jint(p->threads_live));
		set(po, "threads_total", jint(p->threads_total));
		set(po, "born", jint(p->born));
		set(po, "ended", jint(p->ended));
		set(po, "signals", jint(p->signals));
		a = json_array();
		for (j = 0; j < p->nstats; j++) {
			ps = &p->stats[j];
			o = json_object();
			sys_ref(o, model_sys(m, ps->sys)->sysid);
			set(o, "count", counts(ps->count));
			set(o, "first", jint(ps->first));
			set(o, "last", jint(ps->last));
			json_array_append_new(a, o);
		}
		set(po, "syscalls", a);
		json_array_append_new(pa, po);
	}
	set(root, "processes", pa);
	set(root, "stacks", stacks_json(meta->stacks));

	text = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (text == NULL)
		fatal("out of memory");
	return text;
}

int
session_save(const char *path, const struct model *m,
    const struct session_meta *meta, char *err, size_t errlen)
{
	char *text = session_write(m, meta);
	size_t len = strlen(text);
	int rc;

	/* One newline at the end, like the profile writers. */
	text = xrealloc(text, len + 2);
	text[len++] = '\n';
	text[len] = '\0';
	rc = atomicfile_write(path, text, len, err, errlen);
	free(text);
	return rc;
}

/* ---- reading ------------------------------------------------------- */

struct rd {
	const char	*file;
	char		*err;
	size_t		 errlen;
	int		 failed;
	char		 path[256];	/* the member get_member() read last */
};

/* Reports the first error only: "FILE: PATH: what". */
static int
bad(struct rd *r, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
bad(struct rd *r, const char *path, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (r->failed++)
		return -EINVAL;
	n = snprintf(r->err, r->errlen, "%s: %s: ", r->file, path);
	if (n >= 0 && (size_t)n < r->errlen) {
		va_start(ap, fmt);
		vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* r->path = PATH.key (key alone at the top level). */
static const char *
member_path(struct rd *r, const char *path, const char *key)
{
	snprintf(r->path, sizeof(r->path), "%s%s%s", path, *path ? "." : "",
	    key);
	return r->path;
}

/*
 * The member key of o, of jansson type t (JSON_TRUE: either boolean), with
 * its path left in r->path for the caller's own errors.  NULL if it is
 * missing or of another type, after the error "expected WHAT" unless what
 * is NULL.
 */
static json_t *
get_member(struct rd *r, json_t *o, const char *path, const char *key,
    json_type t, const char *what)
{
	json_t *v = json_object_get(o, key);

	member_path(r, path, key);
	if (v != NULL && (json_typeof(v) == t ||
	    (t == JSON_TRUE && json_is_boolean(v))))
		return v;
	if (what != NULL)
		bad(r, r->path, "expected %s", what);
	return NULL;
}

static int
get_u64(struct rd *r, json_t *o, const char *path, const char *key,
    uint64_t *out)
{
	json_t *v = get_member(r, o, path, key, JSON_INTEGER, NULL);

	if (json_object_get(o, key) == NULL)
		return bad(r, r->path, "missing (a number is needed)");
	if (v == NULL || json_integer_value(v) < 0)
		return bad(r, r->path, "expected a number of 0 or more");
	*out = (uint64_t)json_integer_value(v);
	return 0;
}

static int
get_u32(struct rd *r, json_t *o, const char *path, const char *key,
    uint32_t *out)
{
	uint64_t v;

	if (get_u64(r, o, path, key, &v) < 0)
		return -EINVAL;
	if (v > UINT32_MAX)
		return bad(r, r->path, "%llu is too large",
		    (unsigned long long)v);
	*out = (uint32_t)v;
	return 0;
}

static int
get_int(struct rd *r, json_t *o, const char *path, const char *key,
    int *out)
{
	json_t *v = get_member(r, o, path, key, JSON_INTEGER, NULL);

	if (v == NULL || json_integer_value(v) < INT32_MIN ||
	    json_integer_value(v) > INT32_MAX)
		return bad(r, r->path, "expected a whole number");
	*out = (int)json_integer_value(v);
	return 0;
}

/* A string member; NULL (after an error) if missing or not a string. */
static const char *
get_str(struct rd *r, json_t *o, const char *path, const char *key)
{
	return json_string_value(get_member(r, o, path, key, JSON_STRING,
	    "a string"));
}

/* An array member; NULL (after an error) if missing or not an array. */
static json_t *
get_array(struct rd *r, json_t *o, const char *path, const char *key)
{
	return get_member(r, o, path, key, JSON_ARRAY, "an array");
}

static int
unhex(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : -1;
}

/* A string from the program (see jname): malloc'd, or NULL after an error. */
static char *
name_of(struct rd *r, json_t *v, const char *p)
{
	const char *h;
	size_t i, n;
	char *out;

	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (!json_is_object(v) || !json_is_string(json_object_get(v, "hex")))
		goto bad;
	h = json_string_value(json_object_get(v, "hex"));
	n = strlen(h);
	if (n % 2)
		goto bad;
	out = xmalloc(n / 2 + 1);
	for (i = 0; i < n / 2; i++) {
		if (unhex(h[2 * i]) < 0 || unhex(h[2 * i + 1]) < 0 ||
		    (h[2 * i] == '0' && h[2 * i + 1] == '0')) {
			free(out);
			goto bad;
		}
		out[i] = (char)(unhex(h[2 * i]) << 4 | unhex(h[2 * i + 1]));
	}
	out[n / 2] = '\0';
	return out;
bad:
	bad(r, p, "expected a string or {\"hex\": \"...\"} (lower-case "
	    "hex bytes)");
	return NULL;
}

static char *
get_name(struct rd *r, json_t *o, const char *path, const char *key)
{
	return name_of(r, json_object_get(o, key), member_path(r, path, key));
}

/* An optional boolean member: 0 if missing, -EINVAL after an error. */
static int
get_bool(struct rd *r, json_t *o, const char *path, const char *key)
{
	json_t *v;

	if (json_object_get(o, key) == NULL)
		return 0;
	if ((v = get_member(r, o, path, key, JSON_TRUE,
	    "true or false")) == NULL)
		return -EINVAL;
	return json_is_true(v);
}

/* An array of PHASE_N numbers. */
static int
get_phases(struct rd *r, json_t *o, const char *path, const char *key,
    uint64_t out[PHASE_N])
{
	json_t *a = get_member(r, o, path, key, JSON_ARRAY, NULL), *v;
	int i;

	if (a == NULL || json_array_size(a) != PHASE_N)
		return bad(r, r->path, "expected an array of %d numbers "
		    "(startup, serving, shutdown)", PHASE_N);
	for (i = 0; i < PHASE_N; i++) {
		v = json_array_get(a, (size_t)i);
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return bad(r, r->path, "expected an array of %d "
			    "numbers of 0 or more", PHASE_N);
		out[i] = (uint64_t)json_integer_value(v);
	}
	return 0;
}

/* "arch" and "name" of o as a sysid. */
static int
get_sys(struct rd *r, json_t *o, const char *path, uint32_t *sysid)
{
	const char *an, *name;
	uint32_t arch;
	char p[256];

	if (!json_is_object(o))
		return bad(r, path, "expected an object");
	if ((an = get_str(r, o, path, "arch")) == NULL ||
	    (name = get_str(r, o, path, "name")) == NULL)
		return -EINVAL;
	snprintf(p, sizeof(p), "%s.arch", path);
	if ((arch = sysname_arch_parse(an)) == 0)
		return bad(r, p, "unknown arch \"%s\"", an);
	snprintf(p, sizeof(p), "%s.name", path);
	if ((*sysid = sysname_lookup(arch, name)) == SYSID_NONE)
		return bad(r, p, "\"%s\" is not a system call on %s (a "
		    "session from a newer libseccomp?)", name, an);
	return 0;
}

static int
read_meta(struct rd *r, json_t *root, struct session_meta *meta)
{
	const char *s;
	json_t *a, *v;
	size_t i;
	int st;

	if ((meta->command = get_name(r, root, "", "command")) == NULL ||
	    (meta->cmdname = get_name(r, root, "", "cmdname")) == NULL)
		return -EINVAL;
	if ((s = get_str(r, root, "", "mode")) == NULL)
		return -EINVAL;
	meta->mode = xstrdup(s);
	if ((a = get_array(r, root, "", "arches")) == NULL)
		return -EINVAL;
	meta->arches = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return bad(r, "arches", "expected arch names");
		meta->arches[i] = xstrdup(json_string_value(v));
	}
	meta->attached = get_bool(r, root, "", "attached");
	if (get_u64(r, root, "", "start", &meta->start) < 0 ||
	    get_u64(r, root, "", "saved", &meta->saved) < 0)
		return -EINVAL;
	v = json_object_get(root, "root_status");
	if (v == NULL || json_is_null(v))
		meta->root_status = -1;
	else if (get_int(r, root, "", "root_status", &st) < 0)
		return -EINVAL;
	else
		meta->root_status = st;
	return r->failed ? -EINVAL : 0;
}

/* Stack i of "stacks", o, into s: 0 or -EINVAL. */
static int
read_stack(struct rd *r, json_t *o, size_t i, struct stacks *s)
{
	json_t *fa, *fo;
	struct stack *k;
	uint32_t sysid;
	uint64_t pc;
	char p[64], fp[96], *exe, *text;
	size_t j;
	int pid, rc = -EINVAL;

	snprintf(p, sizeof(p), "stacks[%zu]", i);
	if (get_sys(r, o, p, &sysid) < 0 ||
	    get_int(r, o, p, "pid", &pid) < 0 ||
	    (fa = get_array(r, o, p, "frames")) == NULL)
		return -EINVAL;
	if (json_array_size(fa) > STACKS_FRAMES)
		return bad(r, p, "more than %d frames", STACKS_FRAMES);
	if ((exe = get_name(r, o, p, "exe")) == NULL)
		return -EINVAL;
	k = stacks_begin(sysname_arch(sysid), sysname_nr(sysid), pid, exe);
	free(exe);
	if (json_object_get(o, "note") != NULL) {
		if ((text = get_name(r, o, p, "note")) == NULL)
			goto out;
		stacks_note(k, text);
		free(text);
	}
	json_array_foreach(fa, j, fo) {
		snprintf(fp, sizeof(fp), "%s.frames[%zu]", p, j);
		if (!json_is_object(fo)) {
			bad(r, fp, "expected an object");
			goto out;
		}
		if (get_u64(r, fo, fp, "pc", &pc) < 0 ||
		    (text = get_name(r, fo, fp, "text")) == NULL)
			goto out;
		stacks_frame(k, pc, text, get_bool(r, fo, fp, "program") > 0);
		free(text);
	}
	if (r->failed)
		goto out;
	if (stacks_add(s, k) < 0)
		return bad(r, p, "more than %d stacks", STACKS_MAX);
	return 0;
out:
	stacks_discard(k);
	return rc;
}

/* "stacks" (version 4; optional): into meta->stacks. */
static int
read_stacks(struct rd *r, json_t *root, struct session_meta *meta)
{
	json_t *a, *o;
	size_t i;

	if (json_object_get(root, "stacks") == NULL)
		return 0;
	if ((a = get_array(r, root, "", "stacks")) == NULL)
		return -EINVAL;
	meta->stacks = stacks_new();
	json_array_foreach(a, i, o)
		if (read_stack(r, o, i, meta->stacks) < 0)
			return -EINVAL;
	return 0;
}

/* The "toggle" of o (path: its place) into *t: 0 or -EINVAL. */
static int
get_toggle(struct rd *r, json_t *o, const char *path, enum model_toggle *t)
{
	const char *s;
	char q[192];

	if ((s = get_str(r, o, path, "toggle")) == NULL)
		return -EINVAL;
	if (strcmp(s, "allow") != 0 && strcmp(s, "deny") != 0) {
		snprintf(q, sizeof(q), "%s.toggle", path);
		return bad(r, q, "expected \"allow\" or \"deny\"");
	}
	*t = strcmp(s, "deny") == 0 ? TOGGLE_DENY : TOGGLE_ALLOW;
	return 0;
}

static int
read_syscalls(struct rd *r, json_t *root, struct model *m)
{
	json_t *a, *o;
	enum model_toggle t;
	uint64_t denials;
	uint32_t sysid;
	size_t i;
	char p[64];

	if ((a = get_array(r, root, "", "syscalls")) == NULL)
		return -EINVAL;
	json_array_foreach(a, i, o) {
		snprintf(p, sizeof(p), "syscalls[%zu]", i);
		if (get_sys(r, o, p, &sysid) < 0 ||
		    get_toggle(r, o, p, &t) < 0 ||
		    get_u64(r, o, p, "denials", &denials) < 0)
			return -EINVAL;
		if (model_sys_find(m, sysid) != IDMAP_NONE)
			return bad(r, p, "%s is listed twice",
			    sysname_name(sysid));
		model_restore_sys(m, sysid, t, denials);
	}
	return 0;
}

/* One recorded value of argument arg of sysid (path: its place). */
static int
read_argval(struct rd *r, json_t *v, const char *path, struct model *m,
    uint32_t sysid, unsigned int arg, int toggles)
{
	enum model_toggle t = TOGGLE_ALLOW;
	uint32_t procs[MODEL_ARG_PROCS];
	uint64_t value, c[PHASE_N];
	json_t *pa, *more, *id;
	size_t i;
	char q[192];
	int rc;

	if (get_u64(r, v, path, "value", &value) < 0 ||
	    get_phases(r, v, path, "count", c) < 0 ||
	    (pa = get_member(r, v, path, "procs", JSON_ARRAY,
	    "an array of process indexes")) == NULL ||
	    (more = get_member(r, v, path, "more", JSON_TRUE,
	    "true or false")) == NULL ||
	    (toggles && get_toggle(r, v, path, &t) < 0))
		return -EINVAL;
	if (json_array_size(pa) > MODEL_ARG_PROCS)
		return bad(r, path, "more than %d processes", MODEL_ARG_PROCS);
	json_array_foreach(pa, i, id) {
		snprintf(q, sizeof(q), "%s.procs[%zu]", path, i);
		if (!json_is_integer(id) || json_integer_value(id) < 0 ||
		    (size_t)json_integer_value(id) >= model_nprocs(m))
			return bad(r, q, "expected the index of a process");
		procs[i] = (uint32_t)json_integer_value(id);
	}
	rc = model_restore_arg(m, sysid, arg, value, c, procs,
	    json_array_size(pa), json_is_true(more));
	if (rc == -EEXIST)
		return bad(r, path, "the value %llu is listed twice",
		    (unsigned long long)value);
	if (rc == -E2BIG)
		return bad(r, path, "more than %d values", MODEL_ARG_MAX);
	if (rc < 0)
		return bad(r, path, "not a value sctui records for %s",
		    sysname_name(sysid));
	if (model_toggle_arg(m, model_sys_find(m, sysid), arg, value, t) < 0)
		return bad(r, path, "\"deny\" for an argument with more "
		    "than %d values: no rule lists them", MODEL_ARG_MAX);
	return 0;
}

/*
 * The "args" of each top-level syscall, once the processes are known;
 * toggles: the values carry theirs (version 3).
 */
static int
read_args(struct rd *r, json_t *root, struct model *m, int toggles)
{
	json_t *a, *o, *args, *ao, *vals, *v;
	uint64_t arg, many;
	uint32_t sysid;
	size_t i, j, k;
	char p[64], q[96], w[128];

	a = json_object_get(root, "syscalls");
	json_array_foreach(a, i, o) {
		snprintf(p, sizeof(p), "syscalls[%zu]", i);
		if (get_sys(r, o, p, &sysid) < 0 ||
		    (args = get_member(r, o, p, "args", JSON_ARRAY,
		    "an array")) == NULL)
			return -EINVAL;
		json_array_foreach(args, j, ao) {
			snprintf(q, sizeof(q), "%s.args[%zu]", p, j);
			if (get_u64(r, ao, q, "arg", &arg) < 0 ||
			    get_u64(r, ao, q, "many", &many) < 0 ||
			    (vals = get_member(r, ao, q, "values",
			    JSON_ARRAY, "an array")) == NULL)
				return -EINVAL;
			if (arg > 5 || model_restore_many(m, sysid,
			    (unsigned int)arg, many) < 0)
				return bad(r, q, "not an argument sctui "
				    "records for %s", sysname_name(sysid));
			json_array_foreach(vals, k, v) {
				snprintf(w, sizeof(w), "%s.values[%zu]", q, k);
				if (read_argval(r, v, w, m, sysid,
				    (unsigned int)arg, toggles) < 0)
					return -EINVAL;
			}
		}
	}
	return 0;
}

static int
read_pstats(struct rd *r, json_t *po, const char *path, struct model *m,
    uint32_t id)
{
	json_t *a, *o;
	uint64_t c[PHASE_N], first, last;
	uint32_t sysid;
	size_t i;
	char p[128];
	int rc;

	if ((a = get_array(r, po, path, "syscalls")) == NULL)
		return -EINVAL;
	json_array_foreach(a, i, o) {
		snprintf(p, sizeof(p), "%s.syscalls[%zu]", path, i);
		if (get_sys(r, o, p, &sysid) < 0 ||
		    get_phases(r, o, p, "count", c) < 0 ||
		    get_u64(r, o, p, "first", &first) < 0 ||
		    get_u64(r, o, p, "last", &last) < 0)
			return -EINVAL;
		if (model_sys_find(m, sysid) == IDMAP_NONE)
			return bad(r, p, "%s is not in the top-level "
			    "\"syscalls\"", sysname_name(sysid));
		rc = model_restore_stat(m, id, sysid, c, first, last);
		if (rc == -EEXIST)
			return bad(r, p, "%s is listed twice for this process",
			    sysname_name(sysid));
		if (rc < 0)
			return bad(r, p, "cannot be restored");
	}
	return 0;
}

static int
read_proc(struct rd *r, json_t *po, size_t i, struct model *m)
{
	struct model_proc rec;
	json_t *a, *v;
	const char *s;
	char p[64], q[96], *n;
	size_t j;
	int rc = -EINVAL, ph;
	uint32_t id;

	snprintf(p, sizeof(p), "processes[%zu]", i);
	if (!json_is_object(po))
		return bad(r, p, "expected an object");
	memset(&rec, 0, sizeof(rec));
	if (get_int(r, po, p, "pid", &rec.pid) < 0 ||
	    get_int(r, po, p, "ppid", &rec.ppid) < 0 ||
	    get_int(r, po, p, "status", &rec.status) < 0 ||
	    get_u32(r, po, p, "threads_live", &rec.threads_live) < 0 ||
	    get_u32(r, po, p, "threads_total", &rec.threads_total) < 0 ||
	    get_u64(r, po, p, "born", &rec.born) < 0 ||
	    get_u64(r, po, p, "ended", &rec.ended) < 0 ||
	    get_u64(r, po, p, "signals", &rec.signals) < 0 ||
	    get_phases(r, po, p, "phase_since", rec.phase_since) < 0)
		return -EINVAL;
	v = json_object_get(po, "parent");
	rec.parent = IDMAP_NONE;
	if (v != NULL && !json_is_null(v)) {
		if (get_u32(r, po, p, "parent", &rec.parent) < 0)
			return -EINVAL;
		if (rec.parent >= i)
			return bad(r, r->path, "must be the index of an "
			    "earlier process");
	}
	if ((n = get_name(r, po, p, "name")) == NULL)
		return -EINVAL;
	snprintf(rec.name, sizeof(rec.name), "%s", n);
	free(n);
	if ((s = get_str(r, po, p, "state")) == NULL)
		return -EINVAL;
	if (strcmp(s, "live") == 0)
		rec.state = PROC_LIVE;
	else if (strcmp(s, "exited") == 0)
		rec.state = PROC_EXITED;
	else
		return bad(r, r->path, "expected \"live\" or \"exited\"");
	if ((s = get_str(r, po, p, "phase")) == NULL)
		return -EINVAL;
	for (ph = 0; ph < PHASE_N && strcmp(s, phase_name(ph)) != 0; ph++)
		;
	if (ph == PHASE_N)
		return bad(r, r->path, "expected \"startup\", \"serving\" "
		    "or \"shutdown\"");
	rec.phase = (uint8_t)ph;
	rec.flags = (get_bool(r, po, p, "root") ? MODEL_PROC_ROOT : 0) |
	    (get_bool(r, po, p, "attached") ? MODEL_PROC_ATTACHED : 0);
	if ((a = get_array(r, po, p, "execs")) == NULL || r->failed)
		return -EINVAL;
	rec.execs = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, j, v) {
		snprintf(q, sizeof(q), "%s.execs[%zu]", p, j);
		if ((rec.execs[rec.nexecs] = name_of(r, v, q)) == NULL)
			goto out;
		rec.nexecs++;
	}
	if (model_restore_proc(m, &rec, &id) < 0) {
		bad(r, p, "cannot be restored");
		goto out;
	}
	rc = read_pstats(r, po, p, m, id);
out:
	for (j = 0; j < rec.nexecs; j++)
		free(rec.execs[j]);
	free(rec.execs);
	return rc;
}

int
session_read(const char *data, size_t len, const char *file,
    const struct model_opts *opts, struct model **out,
    struct session_meta *meta, char *err, size_t errlen)
{
	struct rd r = { file, err, errlen, 0, "" };
	json_error_t jerr;
	json_t *root, *v, *a, *po;
	struct model *m = NULL;
	uint64_t first = 0, last = 0;
	const char *f;
	size_t i;
	int rc = -EINVAL;
	json_int_t version;

	*out = NULL;
	memset(meta, 0, sizeof(*meta));
	meta->root_status = -1;
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES |
	    JSON_ALLOW_NUL, &jerr);
	if (root == NULL) {
		snprintf(err, errlen, "%s:%d:%d: %s", file, jerr.line,
		    jerr.column, jerr.text);
		return -EINVAL;
	}
	if (!json_is_object(root)) {
		bad(&r, "$", "expected an object with \"format\": \""
		    SESSION_FORMAT "\"");
		goto done;
	}
	if ((v = json_object_get(root, "format")) == NULL) {
		snprintf(err, errlen, "%s: not an sctui session (no "
		    "\"format\")", file);
		rc = -ENOMSG;
		goto done;
	}
	if (!json_is_string(v) ||
	    strcmp((f = json_string_value(v)), SESSION_FORMAT) != 0) {
		bad(&r, "format", "expected \"" SESSION_FORMAT "\"");
		goto done;
	}
	v = json_object_get(root, "version");
	if (v == NULL || !json_is_integer(v)) {
		bad(&r, "version", "expected a number");
		goto done;
	}
	version = json_integer_value(v);
	if (version < 1 || version > SESSION_VERSION) {
		bad(&r, "version", "%lld is not supported: this sctui reads "
		    "versions 1 to %d (a newer sctui wrote it?)",
		    (long long)version, SESSION_VERSION);
		goto done;
	}
	if (read_meta(&r, root, meta) < 0 ||
	    get_u64(&r, root, "", "first", &first) < 0 ||
	    get_u64(&r, root, "", "last", &last) < 0)
		goto done;
	m = model_new(opts);
	if (read_syscalls(&r, root, m) < 0 ||
	    (a = get_array(&r, root, "", "processes")) == NULL)
		goto done;
	json_array_foreach(a, i, po)
		if (read_proc(&r, po, i, m) < 0)
			goto done;
	if (version >= 2 && read_args(&r, root, m, version >= 3) < 0)
		goto done;
	if (version >= 4 && read_stacks(&r, root, meta) < 0)
		goto done;
	model_restore_span(m, first, last);
	rc = 0;
done:
	json_decref(root);
	if (rc < 0) {
		model_free(m);
		session_meta_free(meta);
		meta->root_status = -1;
		return rc;
	}
	*out = m;
	return 0;
}

/* ---- plain profiles ------------------------------------------------ */

struct model *
session_from_profile(const struct profile *p, const struct model_opts *opts)
{
	struct model *m = model_new(opts);
	struct profile *res = profile_resolve(p, NULL);
	const struct profile_entry *e;
	uint32_t native = sysname_native(), id;
	size_t i, j, k;

	for (i = 0; i < res->nentries; i++) {
		e = &res->entries[i];
		if (e->action != PROFILE_ACT_ALLOW && !e->denied)
			continue;
		for (j = 0; j < e->nnames; j++) {
			id = sysname_lookup(native, e->names[j]);
			/* A call the native arch lacks: its compat arch's. */
			for (k = 0; id == SYSID_NONE && k < res->narches; k++)
				id = sysname_lookup(res->arches[k],
				    e->names[j]);
			/* A call denied by hand stays denied when saved. */
			if (id != SYSID_NONE)
				model_restore_sys(m, id, e->denied ?
				    TOGGLE_DENY : TOGGLE_ALLOW, 0);
		}
	}
	profile_free(res);
	return m;
}

int
session_load(const char *path, const struct model_opts *opts,
    struct model **out, struct session_meta *meta, char *err, size_t errlen)
{
	struct profile *p = NULL;
	char *data = NULL, *slash;
	const char *base;
	size_t len = 0, sl = strlen(SESSION_SUFFIX), bl;
	int rc, named;

	*out = NULL;
	memset(meta, 0, sizeof(*meta));
	meta->root_status = -1;
	if ((rc = profile_read_file(path, SESSION_MAX_BYTES, &data,
	    &len)) == -EFBIG) {
		snprintf(err, errlen, "%s: too large: sctui opens sessions of "
		    "up to %d MiB (about 20,000 processes): trace fewer "
		    "processes per session", path, SESSION_MAX_BYTES >> 20);
		return rc;
	}
	if (rc < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    strerror(-rc));
		return rc;
	}
	slash = strrchr(path, '/');
	base = slash != NULL ? slash + 1 : path;
	bl = strlen(base);
	/* A file named as a session, or saying so, is read as one. */
	named = (bl > sl && strcmp(base + bl - sl, SESSION_SUFFIX) == 0) ||
	    memmem(data, len, "\"" SESSION_FORMAT "\"",
	    sizeof(SESSION_FORMAT) + 1) != NULL;
	rc = session_read(data, len, path, opts, out, meta, err, errlen);
	if (rc == 0 || (rc != -ENOMSG && named)) {
		free(data);
		return rc;
	}
	/* Not a session: a profile in any format sctui reads. */
	if (len > PROFILE_MAX_BYTES) {
		snprintf(err, errlen, "%s: too large: more than %d MiB is not "
		    "a seccomp profile, and it is not a session", path,
		    PROFILE_MAX_BYTES >> 20);
		free(data);
		return -EFBIG;
	}
	rc = profile_read(data, len, path, NULL, &p, err, errlen);
	free(data);
	if (rc < 0)
		return rc;
	*out = session_from_profile(p, opts);
	meta->profile = p;
	meta->from_profile = 1;
	meta->root_status = -1;
	meta->command = xstrdup(path);
	bl = strcspn(base, ".");
	meta->cmdname = xstrdup(bl > 0 ? base : "profile");
	meta->cmdname[bl > 0 ? bl : strlen(meta->cmdname)] = '\0';
	meta->mode = xstrdup("a profile, not a trace");
	meta->arches = xcalloc(1, sizeof(char *));
	return 0;
}
