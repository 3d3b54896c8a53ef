/*
 * t-profile.c - unit tests of the profile module (lib/profile/profile.h):
 * readers, writers (against golden files), rules, resolution, merge,
 * diff, the model bridge and a filter that really loads.
 *
 * Inputs are in tests/profile/data/, goldens in tests/profile/golden/
 * ($top_srcdir from the environment, or the folder of this source).  Run
 * with SCTUI_REGEN=1 to rewrite the goldens after a deliberate change;
 * tests/profile/golden/README says what each one must show.
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "model.h"
#include "profile.h"
#include "sysname.h"

static int failures, checks;
static const char *srcdir;

#define CHECK(c) do {							\
	checks++;							\
	if (!(c)) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__,	\
		    __LINE__, #c);					\
	}								\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	checks++;							\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {		\
		failures++;						\
		fprintf(stderr, "%s:%d: got\n  [%s]\nwanted\n  [%s]\n",	\
		    __FILE__, __LINE__, a_ ? a_ : "(null)",		\
		    b_ ? b_ : "(null)");				\
	}								\
} while (0)

static char *
path_of(const char *rel)
{
	static char buf[4][4096];
	static int i;

	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", srcdir, rel);
	return buf[i];
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(s);
		return NULL;
	}
	fclose(f);
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

static struct profile *
load(const char *rel)
{
	struct profile *p;
	char msg[4096];
	int rc = profile_load(path_of(rel), NULL, &p, msg, sizeof(msg));

	if (rc != 0) {
		fprintf(stderr, "cannot load %s: %s\n", rel, msg);
		exit(99);
	}
	return p;
}

/* A fixed machine, so that goldens do not depend on this one. */
static const struct profile_env env_x86_64 = {
	SCMP_ARCH_X86_64, NULL, 6 << 16 | 1
};

static char *
write_fmt(const struct profile *p, enum profile_format f, size_t *len)
{
	struct profile_write_opts o = { "small", &env_x86_64 };
	char err[512] = "", *buf;
	int rc = profile_write(p, f, &o, &buf, len, err, sizeof(err));

	if (rc != 0) {
		fprintf(stderr, "write %s: %s\n", profile_format_name(f), err);
		failures++;
		return NULL;
	}
	return buf;
}

/* Writes p twice in format f: same bytes, and those of the golden file. */
static void
golden(const struct profile *p, enum profile_format f, const char *name)
{
	char rel[256], *a, *b, *g;
	size_t la, lb, lg;
	FILE *out;

	snprintf(rel, sizeof(rel), "tests/profile/golden/%s", name);
	a = write_fmt(p, f, &la);
	b = write_fmt(p, f, &lb);
	if (a == NULL || b == NULL)
		return;
	CHECK(la == lb && memcmp(a, b, la) == 0);
	if (getenv("SCTUI_REGEN") != NULL) {
		out = fopen(path_of(rel), "wb");
		fwrite(a, 1, la, out);
		fclose(out);
	}
	g = slurp(path_of(rel), &lg);
	checks++;
	if (g == NULL || lg != la || memcmp(a, g, la) != 0) {
		failures++;
		fprintf(stderr, "%s differs from golden %s (SCTUI_REGEN=1 "
		    "rewrites it)\n", profile_format_name(f), rel);
	}
	free(a);
	free(b);
	free(g);
}

/* Every (name, rule) pair of p, sorted, as one string: the semantics. */
static char *
flat(const struct profile *p)
{
	size_t len;
	struct profile *q = profile_dup(p);
	char *s;
	int i;

	/* Origins and sources are not semantics. */
	for (i = 0; (size_t)i < q->nentries; i++) {
		q->entries[i].origin = PROFILE_ORIGIN_FILE;
		q->entries[i].sources = 1;
		if (q->entries[i].errno_ret < 0 &&
		    q->entries[i].action == PROFILE_ACT_ERRNO)
			q->entries[i].errno_ret = 1;
	}
	s = write_fmt(q, PROFILE_FMT_DOCKER, &len);
	profile_free(q);
	return s;
}

static int
read_text(const char *text, const char *file, enum profile_format f,
    int skip, struct profile **p, char *msg, size_t msglen)
{
	struct profile_read_opts o = { f, skip };

	return profile_read(text, strlen(text), file, &o, p, msg, msglen);
}

/* The read must fail, leave *out NULL and say exactly want. */
static void
read_fails(const char *text, enum profile_format f, const char *want)
{
	struct profile *p = (struct profile *)1;
	char msg[4096];
	int rc = read_text(text, "t.json", f, 0, &p, msg, sizeof(msg));

	CHECK(rc == -EINVAL);
	CHECK(p == NULL);
	CHECK_STR(msg, want);
}

static const struct profile_entry *
find_entry(const struct profile *p, const char *name,
    enum profile_action a)
{
	size_t i, j;

	for (i = 0; i < p->nentries; i++)
		for (j = 0; j < p->entries[i].nnames; j++)
			if (strcmp(p->entries[i].names[j], name) == 0 &&
			    p->entries[i].action == a)
				return &p->entries[i];
	return NULL;
}

static void
test_docker_default(void)
{
	static const char *const docker_caps_old[] = { "CAP_CHOWN", NULL };
	struct profile *p = load("assets/docker-default.json"), *r, *back;
	struct profile_env env = env_x86_64;
	char *a, *b, *text;
	size_t len, i;
	int rc;

	CHECK(p->def_action == PROFILE_ACT_ERRNO && p->def_errno == 1);
	CHECK(p->narchmap == 8);
	CHECK(p->nentries == 31);

	/* Resolved for x86_64 with every capability. */
	r = profile_resolve(p, &env);
	CHECK(r->narches == 3);
	CHECK(profile_allows(r, "ptrace") && profile_allows(r, "mount"));
	CHECK(profile_allows(r, "arch_prctl"));
	CHECK(!profile_allows(r, "arm_fadvise64_64"));
	CHECK(profile_allows(r, "clone3"));	/* with CAP_SYS_ADMIN */
	for (i = 0; i < r->nentries; i++)
		CHECK(r->entries[i].includes.ncaps == 0 &&
		    r->entries[i].excludes.ncaps == 0);
	profile_free(r);

	/* Docker's default caps: no mount, clone3 gets ENOSYS. */
	env.caps = profile_docker_caps;
	r = profile_resolve(p, &env);
	CHECK(!profile_allows(r, "mount"));
	CHECK(find_entry(r, "clone3", PROFILE_ACT_ERRNO) != NULL &&
	    find_entry(r, "clone3", PROFILE_ACT_ERRNO)->errno_ret == 38);
	CHECK(profile_allows(r, "ptrace"));	/* minKernel 4.8 */
	CHECK(find_entry(r, "clone", PROFILE_ACT_ALLOW)->nargs == 1);
	profile_free(r);

	/* An old kernel loses the minKernel entry. */
	env.caps = docker_caps_old;
	env.kernel = 4 << 16 | 4;
	r = profile_resolve(p, &env);
	CHECK(!profile_allows(r, "ptrace"));
	profile_free(r);

	/* Another arch: its archMap and its own entries. */
	env.arch = SCMP_ARCH_AARCH64;
	env.caps = NULL;
	r = profile_resolve(p, &env);
	CHECK(r->narches == 2);
	CHECK(profile_allows(r, "arm_fadvise64_64"));
	CHECK(!profile_allows(r, "arch_prctl"));
	profile_free(r);

	/* Round trip: semantically equal, and stable from then on. */
	golden(p, PROFILE_FMT_DOCKER, "docker-default.docker.json");
	golden(p, PROFILE_FMT_OCI, "docker-default.oci.json");
	golden(p, PROFILE_FMT_SYSTEMD, "docker-default.systemd");
	text = write_fmt(p, PROFILE_FMT_DOCKER, &len);
	rc = profile_read(text, len, "round-trip", NULL, &back, NULL, 0);
	CHECK(rc == 0);
	a = flat(p);
	b = flat(back);
	CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
	free(a);
	free(b);
	profile_free(back);
	free(text);
	profile_free(p);
}

static void
test_small_writers(void)
{
	struct profile *p = load("tests/profile/data/small.json"), *back;
	const struct profile_entry *e;
	char *text, *a, *b;
	size_t len;

	CHECK(p->def_action == PROFILE_ACT_KILL_PROCESS && p->def_errno == -1);
	CHECK(p->narches == 2 && p->nflags == 1);
	e = find_entry(p, "getppid", PROFILE_ACT_ERRNO);
	CHECK(e != NULL && e->errno_ret == 13 && e->comment != NULL);
	CHECK(find_entry(p, "kill", PROFILE_ACT_KILL_THREAD) != NULL);
	e = find_entry(p, "ioctl", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 1 && e->args[0].op ==
	    SCMP_CMP_MASKED_EQ && e->args[0].value == 255 &&
	    e->args[0].value_two == 84 && e->excludes.min_kernel == 99 << 16);
	e = find_entry(p, "fcntl", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 2);

	golden(p, PROFILE_FMT_DOCKER, "small.docker.json");
	golden(p, PROFILE_FMT_OCI, "small.oci.json");
	golden(p, PROFILE_FMT_K8S, "small.k8s.yaml");
	golden(p, PROFILE_FMT_SYSTEMD, "small.systemd");
	golden(p, PROFILE_FMT_PFC, "small.pfc");
	golden(p, PROFILE_FMT_BPF, "small.bpf");

	text = write_fmt(p, PROFILE_FMT_DOCKER, &len);
	CHECK(profile_read(text, len, "rt", NULL, &back, NULL, 0) == 0);
	a = flat(p);
	b = flat(back);
	CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
	free(a);
	free(b);
	free(text);
	profile_free(back);

	/* The OCI output reads back as OCI, with nothing conditional. */
	text = write_fmt(p, PROFILE_FMT_OCI, &len);
	CHECK(strstr(text, "includes") == NULL &&
	    strstr(text, "comment") == NULL && strstr(text, "archMap") == NULL);
	CHECK(read_text(text, "oci", PROFILE_FMT_OCI, 0, &back, NULL, 0) == 0);
	CHECK(profile_allows(back, "mount"));	/* every capability */
	CHECK(profile_allows(back, "arch_prctl"));
	CHECK(!profile_allows(back, "chown32"));	/* x86 entry */
	profile_free(back);
	free(text);
	profile_free(p);
}

static void
test_oci_config(void)
{
	struct profile *p = load("tests/profile/data/config.json");
	char msg[1024];

	CHECK(profile_allows(p, "socket") && p->narches == 1);
	CHECK(find_entry(p, "socket", PROFILE_ACT_ALLOW)->nargs == 1);
	profile_free(p);
	read_fails("{\"ociVersion\": \"1.0.2\", \"linux\": {}}",
	    PROFILE_FMT_AUTO, "t.json: linux.seccomp: missing (this "
	    "config.json has no seccomp profile)");
	read_fails("{\"linux\": {\"seccomp\": {\"defaultAction\": "
	    "\"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], "
	    "\"action\": 3}]}}}", PROFILE_FMT_OCI,
	    "t.json: linux.seccomp.syscalls[0].action: expected an action "
	    "string, got an integer");
	(void)msg;
}

static void
test_errors(void)
{
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\",,}",
	    PROFILE_FMT_DOCKER,
	    "t.json:1:36: string or '}' expected near ','");
	read_fails("{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"syscalls\": "
	    "[\n    {\"names\": [\"read\"] \"action\": 1}\n  ]\n}",
	    PROFILE_FMT_AUTO,
	    "t.json:4:31: '}' expected near '\"action\"'");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0].names: expected an "
	    "array of system call names, got a string");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}, "
	    "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}, "
	    "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}, "
	    "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_FOO\"}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[3].action: unknown action "
	    "'SCMP_ACT_FOO' (expected SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, "
	    "SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, "
	    "SCMP_ACT_TRAP, SCMP_ACT_TRACE or SCMP_ACT_LOG)");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 0, \"value\": 1, \"op\": "
	    "\"SCMP_CMP_BOGUS\"}]}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0].args[0].op: unknown "
	    "operator 'SCMP_CMP_BOGUS' (expected SCMP_CMP_NE, SCMP_CMP_LT, "
	    "SCMP_CMP_LE, SCMP_CMP_EQ, SCMP_CMP_GE, SCMP_CMP_GT or "
	    "SCMP_CMP_MASKED_EQ)");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"args\": [{\"index\": 7, \"value\": 1, \"op\": "
	    "\"SCMP_CMP_EQ\"}]}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0].args[0].index: 7 is out "
	    "of range (0 to 5)");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", "
	    "\"architectures\": [\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_Z80\"]}",
	    PROFILE_FMT_DOCKER, "t.json: architectures[1]: unknown "
	    "architecture 'SCMP_ARCH_Z80' (expected SCMP_ARCH_X86_64, "
	    "SCMP_ARCH_AARCH64, ...)");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"includes\": {\"arches\": [\"vax\"]}}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0].includes.arches[0]: "
	    "unknown architecture 'vax' (expected amd64, arm64, x86, x32, "
	    "...)");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"errnoret\": 1}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0]: unknown key 'errnoret' "
	    "(expected names, name, action, errnoRet, args, comment, "
	    "includes, excludes)");
	read_fails("{\"syscalls\": []}", PROFILE_FMT_DOCKER,
	    "t.json: defaultAction: missing (give e.g. SCMP_ACT_ERRNO)");
	read_fails("[1, 2]", PROFILE_FMT_DOCKER, "t.json: (top level): "
	    "expected a seccomp profile object, got an array");
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": "
	    "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", "
	    "\"includes\": {\"minKernel\": \"four\"}}]}",
	    PROFILE_FMT_DOCKER, "t.json: syscalls[0].includes.minKernel: "
	    "'four' is not a kernel version (expected MAJOR.MINOR, e.g. "
	    "\"4.8\")");
	/* Unknown names, every one of them, with a suggestion. */
	read_fails("{\"defaultAction\": \"SCMP_ACT_ERRNO\", "
	    "\"architectures\": [\"SCMP_ARCH_X86_64\"], \"syscalls\": "
	    "[{\"names\": [\"read\", \"htons\", \"pread\"], \"action\": "
	    "\"SCMP_ACT_ALLOW\"}, {\"name\": \"WIFEXITED\", \"action\": "
	    "\"SCMP_ACT_ALLOW\"}]}", PROFILE_FMT_DOCKER,
	    "t.json: syscalls[0].names[1]: 'htons' is not a system call on "
	    "x86_64\n"
	    "t.json: syscalls[0].names[2]: 'pread' is not a system call on "
	    "x86_64 (did you mean 'pread64'?)\n"
	    "t.json: syscalls[1].name: 'WIFEXITED' is not a system call on "
	    "x86_64");
	read_fails("read\nwrite now\n", PROFILE_FMT_LIST,
	    "t.json:2: expected one system call name on the line, got "
	    "'write now'");
}

static void
test_handmade_list(void)
{
	struct profile_read_opts strict = { PROFILE_FMT_AUTO, 0 };
	struct profile_read_opts skip = { PROFILE_FMT_AUTO, 1 };
	const char *f = "/work/shared/data/handmade-nginx-syscalls.txt";
	char path[1024], msg[8192], want[8192];
	struct profile *p = (struct profile *)1;
	int rc;

	/* The copy in the tree, under its original name for messages. */
	snprintf(path, sizeof(path), "%s",
	    path_of("tests/profile/data/handmade-nginx-syscalls.txt"));
	rc = profile_load(path, &strict, &p, msg, sizeof(msg));
	CHECK(rc == -EINVAL && p == NULL);
	snprintf(want, sizeof(want),
	    "%s:20: 'htons' is not a system call on x86_64\n"
	    "%s:32: 'pread' is not a system call on x86_64 (did you mean "
	    "'pread64'?)\n"
	    "%s:33: 'pwrite' is not a system call on x86_64 (did you mean "
	    "'pwrite64'?)\n"
	    "%s:55: 'WIFEXITED' is not a system call on x86_64", path, path,
	    path, path);
	CHECK_STR(msg, want);

	rc = profile_load(path, &skip, &p, msg, sizeof(msg));
	CHECK(rc == 4 && p != NULL);
	CHECK(strstr(msg, "skipped 'htons'") != NULL);
	CHECK(p->nentries == 1 && p->entries[0].nnames == 53);
	CHECK(profile_allows(p, "writev") && !profile_allows(p, "htons"));
	CHECK(p->narches == 1 && p->arches[0] == sysname_native());
	profile_free(p);
	(void)f;

	CHECK_STR(profile_suggest(SCMP_ARCH_X86_64, "pread"), "pread64");
	CHECK_STR(profile_suggest(SCMP_ARCH_X86_64, "epoll_wiat"),
	    "epoll_wait");
	CHECK(profile_suggest(SCMP_ARCH_X86_64, "htons") == NULL);
	CHECK(profile_suggest(SCMP_ARCH_X86_64, "WIFEXITED") == NULL);
}

/* profile_apply_rules() again changes nothing; frees p. */
static void
check_idempotent_and_free(struct profile *p)
{
	char *a, *b;
	size_t len;

	a = write_fmt(p, PROFILE_FMT_DOCKER, &len);
	profile_apply_rules(p);
	b = write_fmt(p, PROFILE_FMT_DOCKER, &len);
	CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
	free(a);
	free(b);
	profile_free(p);
}

static void
test_rules(void)
{
	struct profile *p = profile_new();
	struct profile_entry *e;

	e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_TRACED);
	profile_entry_add_name(e, "read");
	profile_entry_add_name(e, "clone");
	profile_entry_add_name(e, "socket");
	profile_entry_add_name(e, "personality");
	profile_entry_add_name(e, "exit");
	e = profile_add_entry(p, PROFILE_ACT_ERRNO, 1, PROFILE_ORIGIN_USER);
	profile_entry_add_name(e, "exit_group");	/* locked: overruled */
	profile_observe_arg(p, "socket", 0, 10);
	profile_observe_arg(p, "socket", 0, 2);
	profile_observe_arg(p, "socket", 0, 10);
	profile_observe_arg(p, "personality", 0, 0xffffffff);
	profile_add_arch(p, SCMP_ARCH_X86_64);
	profile_apply_rules(p);
	e = (struct profile_entry *)find_entry(p, "clone3", PROFILE_ACT_ERRNO);
	CHECK(e != NULL && e->errno_ret == 38 &&
	    e->origin == PROFILE_ORIGIN_RULE);
	CHECK(find_entry(p, "exit_group", PROFILE_ACT_ALLOW) != NULL);
	CHECK(find_entry(p, "exit_group", PROFILE_ACT_ERRNO) == NULL);
	CHECK(find_entry(p, "rt_sigreturn", PROFILE_ACT_ALLOW) != NULL);
	CHECK(find_entry(p, "restart_syscall", PROFILE_ACT_ALLOW) != NULL);
	e = (struct profile_entry *)find_entry(p, "socket", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 1 && e->args[0].op == SCMP_CMP_EQ);
	e = (struct profile_entry *)find_entry(p, "personality",
	    PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 1 && e->args[0].value == 0xffffffff);
	golden(p, PROFILE_FMT_DOCKER, "rules.docker.json");
	check_idempotent_and_free(p);

	/*
	 * A rule the user asked for on an argument sctui limits by itself
	 * (socket's family) and on one it does not (socket's type): one
	 * entry per combination, the type under its mask; mmap's prot, a
	 * set of bits, limited to no PROT_EXEC.
	 */
	p = profile_new();
	e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_TRACED);
	profile_entry_add_name(e, "socket");
	profile_entry_add_name(e, "mmap");
	profile_observe_arg(p, "socket", 0, 1);
	profile_observe_arg(p, "socket", 0, 2);
	profile_observe_rule(p, "socket", 1, 0xfff7f7ff, 1);
	profile_observe_rule(p, "socket", 1, 0xfff7f7ff, 2 | 0x80000);
	profile_observe_rule(p, "mmap", 2, 4, 0);
	profile_apply_rules(p);
	{
		size_t i, n = 0, m = 0;

		for (i = 0; i < p->nentries; i++) {
			e = &p->entries[i];
			if (e->nnames == 1 && strcmp(e->names[0], "socket") ==
			    0) {
				CHECK(e->action == PROFILE_ACT_ALLOW &&
				    e->nargs == 2 && e->args[0].index == 0 &&
				    e->args[0].op == SCMP_CMP_EQ &&
				    e->args[1].index == 1 &&
				    e->args[1].op == SCMP_CMP_MASKED_EQ &&
				    e->args[1].value == 0xfff7f7ff &&
				    (e->args[1].value_two == 1 ||
				    e->args[1].value_two == 2));
				/* family x type: 1.1, 2.1, 1.2, 2.2 */
				n |= 1u << ((e->args[0].value - 1) * 2 +
				    e->args[1].value_two - 1);
			}
			if (e->nnames == 1 && strcmp(e->names[0], "mmap") == 0) {
				CHECK(e->nargs == 1 && e->args[0].index == 2 &&
				    e->args[0].op == SCMP_CMP_MASKED_EQ &&
				    e->args[0].value == 4 &&
				    e->args[0].value_two == 0);
				m++;
			}
		}
		CHECK(n == 0xf && m == 1);
		CHECK(find_entry(p, "socket", PROFILE_ACT_ALLOW) != NULL);
	}
	check_idempotent_and_free(p);

	/* clone3 named already (Docker's default): left alone. */
	p = profile_new();
	e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_USER);
	profile_entry_add_name(e, "clone");
	profile_entry_add_name(e, "clone3");
	profile_apply_rules(p);
	CHECK(find_entry(p, "clone3", PROFILE_ACT_ERRNO) == NULL);
	profile_free(p);
}

static void
test_model(void)
{
	struct model *m = model_new(NULL);
	struct sc_event ev;
	struct profile *p;
	static const int nrs[] = { 0, 1, 56, 41, 231 };
	size_t i;

	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_SPAWN;
	ev.tid = ev.tgid = 100;
	ev.flags = SC_EVF_ROOT;
	snprintf(ev.u.name, sizeof(ev.u.name), "t");
	model_event(m, &ev);
	for (i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++) {
		memset(&ev, 0, sizeof(ev));
		ev.kind = SC_EV_SYSCALL;
		ev.tid = ev.tgid = 100;
		ev.ts = i + 1;
		ev.arch = SCMP_ARCH_X86_64;
		ev.nr = nrs[i];
		model_event(m, &ev);
	}
	ev.arch = SCMP_ARCH_X86;
	ev.nr = 20;	/* getpid on i386 */
	model_event(m, &ev);
	/* The user denies write. */
	CHECK(model_toggle(m, model_sys_find(m,
	    sysname_id(SCMP_ARCH_X86_64, 1)), TOGGLE_DENY) == 0);
	p = profile_from_model(m);
	CHECK(p->narches == 2);
	CHECK(find_entry(p, "read", PROFILE_ACT_ALLOW)->origin ==
	    PROFILE_ORIGIN_TRACED);
	CHECK(!profile_allows(p, "write"));
	CHECK(profile_allows(p, "getpid") && profile_allows(p, "socket"));
	CHECK(find_entry(p, "clone3", PROFILE_ACT_ERRNO) != NULL);
	CHECK(find_entry(p, "rt_sigreturn", PROFILE_ACT_ALLOW)->origin ==
	    PROFILE_ORIGIN_RULE);
	golden(p, PROFILE_FMT_DOCKER, "model.docker.json");
	profile_free(p);
	model_free(m);
}

static void
test_merge_diff(void)
{
	struct profile *a = load("tests/profile/data/a.list");
	struct profile *b = load("tests/profile/data/b.list");
	const struct profile *in[2] = { a, b };
	struct profile *m = profile_merge(in, 2);
	struct profile_diff d;
	const struct profile_diff_arch *x;

	CHECK(profile_name_sources(m, "read") == 3);
	CHECK(profile_name_sources(m, "openat") == 1);
	CHECK(profile_name_sources(m, "execve") == 2);
	CHECK(profile_name_sources(m, "nope") == 0);
	CHECK(profile_allows(m, "socket") && profile_allows(m, "mmap"));
	golden(m, PROFILE_FMT_DOCKER, "merge.docker.json");

	profile_diff(a, b, &env_x86_64, &d);
	CHECK(d.narches == 1);
	x = &d.arches[0];
	CHECK(x->arch == SCMP_ARCH_X86_64 && x->na == 6 && x->nb == 4);
	CHECK(x->nonly_a == 5 && x->nonly_b == 3);
	CHECK_STR(x->only_a[0], "clone");
	CHECK_STR(x->only_b[2], "mmap");
	profile_diff_free(&d);
	profile_free(m);
	profile_free(a);
	profile_free(b);
}

/* The filter really loads and does what the profile says. */
static void
test_filter(void)
{
	struct profile *p = profile_new(), *dd;
	struct profile_entry *e;
	scmp_filter_ctx ctx;
	char err[512];
	int status;
	pid_t pid;

	p->def_action = PROFILE_ACT_ALLOW;
	p->def_errno = -1;
	e = profile_add_entry(p, PROFILE_ACT_ERRNO, 13, PROFILE_ORIGIN_USER);
	profile_entry_add_name(e, "getppid");
	e = profile_add_entry(p, PROFILE_ACT_ERRNO, 22, PROFILE_ORIGIN_USER);
	profile_entry_add_name(e, "umask");
	profile_entry_add_arg(e, 0, SCMP_CMP_EQ, 077, 0);
	CHECK(profile_filter(p, NULL, PROFILE_ACT_DEFAULT, PROFILE_ACT_DEFAULT,
	    0, &ctx, err, sizeof(err)) == 0);
	pid = fork();
	if (pid == 0) {
		long r1, r2, r3;

		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    seccomp_load(ctx) < 0)
			_exit(3);
		errno = 0;
		r1 = syscall(SYS_getppid);
		if (r1 != -1 || errno != 13)
			_exit(4);
		r2 = syscall(SYS_umask, 077);
		if (r2 != -1 || errno != 22)
			_exit(5);
		r3 = syscall(SYS_umask, 022);
		_exit(r3 < 0 ? 6 : 0);
	}
	seccomp_release(ctx);
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	profile_free(p);

	/* Docker's default as a tracing filter: allow what it allows. */
	dd = load("assets/docker-default.json");
	CHECK(profile_filter(dd, NULL, SCMP_ACT_TRACE(0), SCMP_ACT_ERRNO(38),
	    PROFILE_FILTER_ALLOW_ONLY, &ctx, err, sizeof(err)) == 0);
	seccomp_release(ctx);
	profile_free(dd);
}

/*
 * tgid 100 makes call nr of arch with arguments a0, a1, and -1 in the
 * others (a wait's timeout: one that blocks).
 */
static void
model_call(struct model *m, uint32_t arch, int nr, uint64_t a0, uint64_t a1)
{
	struct sc_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = SC_EV_SYSCALL;
	ev.tid = ev.tgid = 100;
	ev.arch = arch;
	ev.nr = nr;
	ev.u.args[0] = a0;
	ev.u.args[1] = a1;
	ev.u.args[2] = ev.u.args[3] = ev.u.args[4] = ev.u.args[5] = UINT64_MAX;
	model_event(m, &ev);
}

static int
nr_of(const char *name)
{
	return seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);
}

/* Argument rules from what was seen, and a toggle on one arch only. */
static void
test_model_args(void)
{
	struct model *m = model_new(NULL);
	const struct profile_entry *e;
	struct profile *p;
	char **w;
	size_t i, nsock = 0, nclone = 0;
	uint32_t sock;

	model_call(m, SCMP_ARCH_X86_64, nr_of("socket"), AF_INET, SOCK_STREAM);
	model_call(m, SCMP_ARCH_X86_64, nr_of("socket"), AF_UNIX, SOCK_DGRAM);
	model_call(m, SCMP_ARCH_X86_64, nr_of("socket"), AF_INET, SOCK_DGRAM);
	model_call(m, SCMP_ARCH_X86_64, nr_of("clone"), SIGCHLD, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("clone"), CLONE_NEWUSER |
	    CLONE_VM, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("getpid"), 0, 0);
	model_call(m, SCMP_ARCH_X86, 20, 0, 0);	/* getpid on i386 */
	CHECK(model_toggle(m, model_sys_find(m, sysname_id(SCMP_ARCH_X86, 20)),
	    TOGGLE_DENY) == 0);
	p = profile_from_model(m);
	/* Each allowed family its own entry, clone per namespace flags. */
	for (i = 0; i < p->nentries; i++) {
		e = &p->entries[i];
		if (e->nnames != 1 || e->action != PROFILE_ACT_ALLOW)
			continue;
		if (strcmp(e->names[0], "socket") == 0) {
			CHECK(e->nargs == 1 && e->args[0].op == SCMP_CMP_EQ);
			CHECK(e->args[0].value == (nsock ? AF_INET : AF_UNIX));
			nsock++;
		}
		if (strcmp(e->names[0], "clone") == 0) {
			CHECK(e->nargs == 1 &&
			    e->args[0].op == SCMP_CMP_MASKED_EQ &&
			    e->args[0].value == PROFILE_CLONE_NS_MASK);
			CHECK(e->args[0].value_two == (nclone ?
			    CLONE_NEWUSER : 0));
			nclone++;
		}
	}
	CHECK(nsock == 2 && nclone == 2);
	/* Denied on x86, allowed on x86_64: denied on both. */
	CHECK(!profile_allows(p, "getpid"));
	w = profile_build_warnings(m);
	CHECK(w != NULL && w[0] != NULL && w[1] != NULL && w[2] == NULL);
	if (w != NULL && w[0] != NULL && w[1] != NULL) {
		CHECK_STR(w[0], "clone with CLONE_NEWUSER seen in pid 100 "
		    "(startup): this profile allows what Docker's default "
		    "denies");
		CHECK_STR(w[1], "getpid: denied on x86, allowed on "
		    "x86_64; a profile names a call for all arches: denied "
		    "on all");
	}
	profile_build_warnings_free(w);
	profile_free(p);
	/*
	 * Values the user denied leave the rule and their warning: AF_INET
	 * and CLONE_NEWUSER denied, socket is allowed with AF_UNIX alone and
	 * clone without namespace flags; AF_UNIX denied too, socket is out.
	 */
	sock = model_sys_find(m, sysname_id(SCMP_ARCH_X86_64,
	    nr_of("socket")));
	CHECK(model_toggle_arg(m, sock, 0, AF_INET, TOGGLE_DENY) == 0);
	CHECK(model_toggle_arg(m, model_sys_find(m, sysname_id(
	    SCMP_ARCH_X86_64, nr_of("clone"))), 0, CLONE_NEWUSER,
	    TOGGLE_DENY) == 0);
	p = profile_from_model(m);
	for (nsock = nclone = 0, i = 0; i < p->nentries; i++) {
		e = &p->entries[i];
		if (e->nnames != 1 || e->action != PROFILE_ACT_ALLOW)
			continue;
		if (strcmp(e->names[0], "socket") == 0) {
			CHECK(e->nargs == 1 && e->args[0].value == AF_UNIX);
			nsock++;
		}
		if (strcmp(e->names[0], "clone") == 0) {
			CHECK(e->nargs == 1 && e->args[0].value_two == 0);
			nclone++;
		}
	}
	CHECK(nsock == 1 && nclone == 1);
	w = profile_build_warnings(m);
	CHECK(w != NULL && w[0] != NULL && w[1] == NULL);
	profile_build_warnings_free(w);
	profile_free(p);
	CHECK(model_toggle_arg(m, sock, 0, AF_UNIX, TOGGLE_DENY) == 0);
	p = profile_from_model(m);
	CHECK(!profile_allows(p, "socket"));
	CHECK(profile_allows(p, "clone"));
	profile_free(p);
	model_free(m);
}

/* clone3 seen: ENOSYS, and clone without namespace flags instead. */
static void
test_model_clone3(void)
{
	struct model *m = model_new(NULL);
	const struct profile_entry *e;
	struct profile *p;
	char **w;

	model_call(m, SCMP_ARCH_X86_64, nr_of("clone3"), 0, 0);
	p = profile_from_model(m);
	e = find_entry(p, "clone3", PROFILE_ACT_ERRNO);
	CHECK(e != NULL && e->errno_ret == 38);
	CHECK(find_entry(p, "clone3", PROFILE_ACT_ALLOW) == NULL);
	e = find_entry(p, "clone", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 1 &&
	    e->args[0].op == SCMP_CMP_MASKED_EQ &&
	    e->args[0].value == PROFILE_CLONE_NS_MASK &&
	    e->args[0].value_two == 0);
	w = profile_build_warnings(m);
	CHECK(w != NULL && w[0] != NULL && w[1] == NULL &&
	    strncmp(w[0], "clone3 (x86_64): its flags are out of a filter's "
	    "reach", 50) == 0);
	profile_build_warnings_free(w);
	profile_free(p);
	model_free(m);
}

/* The phases of each name of a profile built or read: want[i] for names[i]. */
static void
check_phases(const struct profile *p, const char *const *names,
    const uint8_t *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (profile_name_phases(p, names[i]) != want[i]) {
			fprintf(stderr, "%s: phases %#x, wanted %#x\n",
			    names[i], profile_name_phases(p, names[i]),
			    want[i]);
			CHECK(0);
		}
}

/* Phases in the saved profile: one entry per set, a comment, read back. */
static void
test_phases(void)
{
	static const char *const names[] = {
		"uname", "execve", "socket", "read", "epoll_wait", "getppid",
		"umask", "exit_group", "exit", "rt_sigreturn"
	};
	static const uint8_t want[] = { 1, 1, 1, 3, 2, 2, 4, 4, 0, 0 };
	static const enum profile_format fmts[] = {
		PROFILE_FMT_DOCKER, PROFILE_FMT_OCI
	};
	struct model *m = model_new(NULL);
	struct profile_read_opts ro = { PROFILE_FMT_AUTO, 0 };
	struct profile_phase_split s;
	struct profile *p, *r;
	char *buf, *again, msg[4096];
	const char *json;
	size_t len, len2, i;
	const struct profile_entry *e;

	model_call(m, SCMP_ARCH_X86_64, nr_of("uname"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("execve"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("socket"), AF_INET, SOCK_STREAM);
	model_call(m, SCMP_ARCH_X86_64, nr_of("read"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("epoll_wait"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("read"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("getppid"), 0, 0);
	model_mark_shutdown(m, 10);
	model_call(m, SCMP_ARCH_X86_64, nr_of("umask"), 0, 0);
	model_call(m, SCMP_ARCH_X86_64, nr_of("exit_group"), 0, 0);
	p = profile_from_model(m);
	check_phases(p, names, want, sizeof(want));
	/* socket's argument rule is seen where socket was. */
	e = find_entry(p, "socket", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->nargs == 1 && e->phases == 1);
	profile_phase_split(p, &s);
	CHECK(s.known && s.whole == 11 && s.serving == 8 && s.ndropped == 3);
	CHECK(s.ndropped == 3 && strcmp(s.dropped[0], "execve") == 0 &&
	    strcmp(s.dropped[1], "socket") == 0 &&
	    strcmp(s.dropped[2], "uname") == 0);
	profile_phase_split_free(&s);
	golden(p, PROFILE_FMT_DOCKER, "phases.docker.json");
	golden(p, PROFILE_FMT_OCI, "phases.oci.json");
	golden(p, PROFILE_FMT_K8S, "phases.k8s.yaml");
	/* Each JSON form read back gives the phases, and the same bytes. */
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if ((buf = write_fmt(p, fmts[i], &len)) == NULL)
			continue;
		ro.format = fmts[i];
		CHECK(profile_read(buf, len, "phases", &ro, &r, msg,
		    sizeof(msg)) == 0);
		check_phases(r, names, want, sizeof(want));
		CHECK((e = find_entry(r, "uname", PROFILE_ACT_ALLOW)) != NULL &&
		    e->comment == NULL && e->phases == 1);
		again = write_fmt(r, fmts[i], &len2);
		CHECK(again != NULL && len2 == len &&
		    memcmp(again, buf, len) == 0);
		free(again);
		free(buf);
		profile_free(r);
	}
	profile_free(p);
	model_free(m);
	/* Any other comment is the file's own: kept, no phases. */
	json = "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":["
	    "{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\","
	    "\"comment\":\"startup\"},"
	    "{\"names\":[\"uname\"],\"action\":\"SCMP_ACT_ERRNO\","
	    "\"comment\":\"startup only\"},"
	    "{\"names\":[\"getpid\"],\"action\":\"SCMP_ACT_ALLOW\","
	    "\"comment\":\"every phase\"}]}";
	ro.format = PROFILE_FMT_DOCKER;
	CHECK(profile_read(json, strlen(json), "c", &ro, &r, msg,
	    sizeof(msg)) == 0);
	e = find_entry(r, "read", PROFILE_ACT_ALLOW);
	CHECK(e != NULL && e->phases == 0 && e->comment != NULL &&
	    strcmp(e->comment, "startup") == 0);
	e = find_entry(r, "uname", PROFILE_ACT_ERRNO);
	CHECK(e != NULL && e->phases == 0 && e->comment != NULL);
	CHECK(profile_name_phases(r, "getpid") == PROFILE_PHASES_ALL);
	CHECK(profile_name_phases(r, "read") == 0);
	profile_free(r);
	for (i = 0; i <= PROFILE_PHASES_ALL; i++)
		CHECK(profile_phases_parse(profile_phases_text((uint8_t)i)) ==
		    i);
}

/* Calls denied by hand: out of the allowing entries, kept, settled. */
static void
test_denied(void)
{
	struct profile *p = profile_new(), *m, *r;
	const struct profile *in[2];
	struct profile_entry *e;
	struct profile_read_opts ro = { PROFILE_FMT_DOCKER, 0 };
	char *buf, msg[4096], **names;
	size_t len, n;

	e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_FILE);
	profile_entry_add_name(e, "read");
	profile_entry_add_name(e, "uname");
	profile_entry_add_name(e, "exit_group");
	profile_deny(p, "uname");
	profile_deny(p, "uname");
	profile_deny(p, "exit_group");	/* locked: never denied */
	CHECK(!profile_allows(p, "uname") && profile_denies(p, "uname"));
	CHECK(profile_allows(p, "exit_group") &&
	    !profile_denies(p, "exit_group"));
	n = profile_denied_names(p, &names);
	CHECK(n == 1 && strcmp(names[0], "uname") == 0);
	while (n-- > 0)
		free(names[n]);
	free(names);
	/* The profile's errno, whatever the entry said. */
	p->def_errno = 13;
	profile_apply_rules(p);
	e = (struct profile_entry *)find_entry(p, "uname", PROFILE_ACT_ERRNO);
	CHECK(e != NULL && e->denied && e->errno_ret == 13);
	golden(p, PROFILE_FMT_DOCKER, "denied.docker.json");
	golden(p, PROFILE_FMT_OCI, "denied.oci.json");
	/* Written with its comment in every JSON form, read back denied. */
	buf = write_fmt(p, PROFILE_FMT_OCI, &len);
	CHECK(buf != NULL && strstr(buf, "\"denied by hand\"") != NULL);
	ro.format = PROFILE_FMT_OCI;
	CHECK(buf != NULL && profile_read(buf, len, "d", &ro, &r, msg,
	    sizeof(msg)) == 0 && profile_denies(r, "uname"));
	free(buf);
	/* Merged with a profile that allows it: allowed. */
	in[0] = p;
	in[1] = r;
	m = profile_merge(in, 2);
	profile_apply_rules(m);
	CHECK(profile_denies(m, "uname"));
	profile_free(m);
	e = profile_add_entry(r, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_FILE);
	profile_entry_add_name(e, "uname");
	in[1] = r;
	m = profile_merge(in, 2);
	profile_apply_rules(m);
	CHECK(!profile_denies(m, "uname") && profile_allows(m, "uname"));
	profile_free(m);
	profile_free(r);
	profile_free(p);
}

int
main(void)
{
	srcdir = getenv("top_srcdir");
	if (srcdir == NULL)
		srcdir = SCTUI_TOP_SRCDIR;
	test_docker_default();
	test_small_writers();
	test_oci_config();
	test_errors();
	test_handmade_list();
	test_rules();
	test_model();
	test_model_args();
	test_model_clone3();
	test_phases();
	test_denied();
	test_merge_diff();
	test_filter();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
