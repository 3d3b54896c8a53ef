/*
 * runtime-baseline: unit test of lib/model/runtime.c against the measured sets
 * in $top_srcdir/assets/runtime and against broken data folders.
 */
#include "config.h"
#include "datadir.h"
#include "runtime.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failures;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__,	\
		    __LINE__, #cond);					\
		failures++;						\
	}								\
} while (0)

static char tmpdir[] = "/tmp/sctui-runtime-baseline.XXXXXX";

static void
put(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	if ((f = fopen(path, "w")) == NULL || fputs(text, f) == EOF ||
	    fclose(f) != 0) {
		perror(path);
		exit(99);
	}
}

static void
cleanup(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/runtime/runc", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/runtime", tmpdir);
	rmdir(path);
	rmdir(tmpdir);
}

static int
same(const struct runtime_set *a, const struct runtime_set *b)
{
	size_t i;

	if (a->count != b->count)
		return 0;
	for (i = 0; i < a->count; i++)
		if (strcmp(a->names[i], b->names[i]) != 0)
			return 0;
	return 1;
}

/* The measured files: real names, sorted, the calls DESIGN.md expects. */
static void
test_assets(const char *assets)
{
	struct runtime_set s, t;
	char err[512];
	size_t i, r;

	for (r = 0; runtime_names[r] != NULL; r++) {
		if (strcmp(runtime_names[r], "none") == 0)
			continue;
		err[0] = '\0';
		CHECK(runtime_baseline(runtime_names[r], assets, &s, err,
		    sizeof(err)) == 0);
		if (err[0] != '\0')
			fprintf(stderr, "%s\n", err);
		CHECK(s.count > 0);
		/* Every runtime execs the program after the filter. */
		CHECK(runtime_set_has(&s, "execve"));
		for (i = 0; i < s.count; i++) {
			if (seccomp_syscall_resolve_name(s.names[i]) ==
			    __NR_SCMP_ERROR) {
				fprintf(stderr, "%s: '%s' unknown to "
				    "libseccomp\n", runtime_names[r],
				    s.names[i]);
				failures++;
			}
			if (i > 0)
				CHECK(strcmp(s.names[i - 1], s.names[i]) < 0);
		}
		runtime_set_free(&s);
		CHECK(s.count == 0 && s.names == NULL);
	}

	/* runc checks that /proc/self/fd is on procfs after the filter. */
	CHECK(runtime_baseline("runc", assets, &s, err, sizeof(err)) == 0);
	CHECK(runtime_set_has(&s, "fstatfs"));
	CHECK(runtime_set_has(&s, "capset"));
	CHECK(!runtime_set_has(&s, "sysinfo"));
	CHECK(!runtime_set_has(&s, "htons"));
	/* Docker runs runc. */
	CHECK(runtime_baseline("docker", assets, &t, err, sizeof(err)) == 0);
	CHECK(same(&s, &t));
	runtime_set_free(&s);
	runtime_set_free(&t);
	/*
	 * Podman runs crun on Debian, in two steps (create, start): its set
	 * is crun's and the pselect6 the container waits in between.
	 */
	CHECK(runtime_baseline("crun", assets, &s, err, sizeof(err)) == 0);
	CHECK(runtime_baseline("podman", assets, &t, err, sizeof(err)) == 0);
	CHECK(t.count == s.count + 1 && runtime_set_has(&t, "pselect6") &&
	    !runtime_set_has(&s, "pselect6"));
	for (i = 0; i < s.count; i++)
		CHECK(runtime_set_has(&t, s.names[i]));
	runtime_set_free(&s);
	runtime_set_free(&t);
}

static void
test_errors(void)
{
	struct runtime_set s;
	char err[512], sub[600];

	/* "none" reads nothing, even from a folder that does not exist. */
	CHECK(runtime_baseline("none", "/nonexistent", &s, err,
	    sizeof(err)) == 0);
	CHECK(s.count == 0);
	runtime_set_free(&s);

	CHECK(runtime_baseline("kubernetes", tmpdir, &s, err,
	    sizeof(err)) == -EINVAL);
	CHECK(strstr(err, "unknown runtime 'kubernetes'") != NULL);
	CHECK(strstr(err, "docker, podman, runc, crun or none") != NULL);
	CHECK(s.count == 0 && s.names == NULL);
	CHECK(runtime_baseline("", tmpdir, &s, err, sizeof(err)) == -EINVAL);
	CHECK(runtime_baseline("../runc", tmpdir, &s, err,
	    sizeof(err)) == -EINVAL);

	/* A data folder without the file. */
	CHECK(runtime_baseline("runc", tmpdir, &s, err, sizeof(err)) ==
	    -ENOENT);
	snprintf(sub, sizeof(sub), "%s/runtime/runc: No such file", tmpdir);
	CHECK(strstr(err, sub) != NULL);
	CHECK(strstr(err, "SCTUI_DATADIR") != NULL);
	CHECK(s.count == 0);

	/* Comments, blanks, CRs and duplicates. */
	snprintf(sub, sizeof(sub), "%s/runtime", tmpdir);
	if (mkdir(sub, 0755) != 0) {
		perror(sub);
		exit(99);
	}
	put("runtime/runc", "# a comment\n\n  write\t# inline\r\n"
	    "close\nwrite\n");
	CHECK(runtime_baseline("runc", tmpdir, &s, err, sizeof(err)) == 0);
	CHECK(s.count == 2);
	CHECK(s.count == 2 && strcmp(s.names[0], "close") == 0 &&
	    strcmp(s.names[1], "write") == 0);
	runtime_set_free(&s);

	/* An empty file is an empty set. */
	put("runtime/runc", "# nothing\n");
	CHECK(runtime_baseline("runc", tmpdir, &s, err, sizeof(err)) == 0);
	CHECK(s.count == 0 && !runtime_set_has(&s, "close"));
	runtime_set_free(&s);

	/* Something that is no name: the file and the line are given. */
	put("runtime/runc", "fstatfs\nhtons(\n");
	CHECK(runtime_baseline("runc", tmpdir, &s, err, sizeof(err)) ==
	    -EBADMSG);
	snprintf(sub, sizeof(sub), "%s/runtime/runc:2: 'htons(' is not",
	    tmpdir);
	CHECK(strstr(err, sub) != NULL);
	CHECK(s.count == 0 && s.names == NULL);
	put("runtime/runc", "fstatfs close\n");
	CHECK(runtime_baseline("runc", tmpdir, &s, err, sizeof(err)) ==
	    -EBADMSG);
}

static void
test_datadir(void)
{
	struct runtime_set s;
	char err[512];
	const char *d;

	CHECK(setenv("SCTUI_DATADIR", tmpdir, 1) == 0);
	CHECK(strcmp(datadir(), tmpdir) == 0);
	/* datadir NULL reads $SCTUI_DATADIR/runtime/runc (the bad one). */
	CHECK(runtime_baseline("runc", NULL, &s, err, sizeof(err)) ==
	    -EBADMSG);
	CHECK(unsetenv("SCTUI_DATADIR") == 0);
	/* Unset or empty: the shared rule of lib/support/datadir.c. */
	d = datadir();
	CHECK(strcmp(d, SCTUI_PKGDATADIR) == 0 ||
	    strcmp(d + strlen(d) - 7, "/assets") == 0);
	CHECK(setenv("SCTUI_DATADIR", "", 1) == 0);
	CHECK(strcmp(datadir(), d) == 0);
}

int
main(void)
{
	const char *top = getenv("top_srcdir");
	char assets[4096];

	if (top == NULL) {
		fprintf(stderr, "runtime-baseline: top_srcdir is not set "
		    "(run it through make check)\n");
		return 99;
	}
	snprintf(assets, sizeof(assets), "%s/assets", top);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	test_assets(assets);
	test_errors();
	test_datadir();
	cleanup();
	if (failures != 0)
		fprintf(stderr, "runtime-baseline: %d checks failed\n",
		    failures);
	return failures != 0;
}
