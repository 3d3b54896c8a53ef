/*
 * sysdoc-test.c - assets/syscalls.tsv against libseccomp, and the loader.
 *
 * Proves that the shipped table names every system call libseccomp knows
 * on the arches it claims (x86_64 and aarch64 at least), that each of its
 * lines is well formed with a level and category from the fixed sets, that
 * the calls known to reach the host are rated high, and that the loader
 * refuses malformed files with "FILE:LINE: what is wrong".  Reads the table
 * from the source tree; needs no root.  Exit 0 pass, 1 fail, 99 harness.
 */
#include "config.h"
#include "datadir.h"
#include "sysdoc.h"

#include <errno.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSDOC_TEST_DATADIR
#error "SYSDOC_TEST_DATADIR must name the assets folder"
#endif

/* ARM's private calls (cacheflush, set_tls...) start at 0x0f0000. */
#define ARM_PRIVATE_BASE	0x0f0000
#define ARM_PRIVATE_COUNT	16

static int	 npass, nfail;
static char	 tmpdir[] = "/tmp/sysdoc-test.XXXXXX";
static char	*tmpfiles[64];
static int	 ntmpfiles;

static void	 check(int, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		npass++;
		return;
	}
	nfail++;
	fputs("FAIL: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void
cleanup(void)
{
	int i;

	for (i = 0; i < ntmpfiles; i++) {
		unlink(tmpfiles[i]);
		free(tmpfiles[i]);
	}
	rmdir(tmpdir);
}

/* Write len bytes to a new file in tmpdir; returns its path. */
static const char *
write_tmp(const char *name, const char *data, size_t len)
{
	char	*path;
	FILE	*fp;

	if (ntmpfiles == (int)(sizeof(tmpfiles) / sizeof(tmpfiles[0])) ||
	    asprintf(&path, "%s/%s", tmpdir, name) < 0) {
		fprintf(stderr, "sysdoc-test: out of temporary file slots\n");
		exit(99);
	}
	tmpfiles[ntmpfiles++] = path;
	if ((fp = fopen(path, "w")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0) {
		fprintf(stderr, "sysdoc-test: cannot write %s\n", path);
		exit(99);
	}
	return path;
}

/* Every name libseccomp resolves on arch is in the table. */
static void
test_arch_covered(const struct sysdoc *doc, const char *aname)
{
	uint32_t	 arch;
	char		*name;
	int		 nr, lo, hi, pass, seen = 0, missing = 0;

	arch = seccomp_arch_resolve_name(aname);
	check(arch != 0, "libseccomp knows arch %s", aname);
	if (arch == 0)
		return;
	for (pass = 0; pass < 2; pass++) {
		lo = pass == 0 ? 0 : ARM_PRIVATE_BASE;
		hi = pass == 0 ? 1024 : ARM_PRIVATE_BASE + ARM_PRIVATE_COUNT;
		if (pass == 1 && arch != SCMP_ARCH_ARM)
			break;
		for (nr = lo; nr < hi; nr++) {
			if ((name = seccomp_syscall_resolve_num_arch(arch,
			    nr)) == NULL)
				continue;
			seen++;
			if (sysdoc_find(doc, name) == NULL) {
				missing++;
				check(0, "%s: %s (nr %d) is not in the table",
				    aname, name, nr);
			}
			free(name);
		}
	}
	check(seen > 250, "%s: libseccomp resolved %d names", aname, seen);
	check(missing == 0, "%s: %d of %d names missing", aname, missing,
	    seen);
	printf("%s: %d names, all in the table\n", aname, seen - missing);
}

/* Each entry is a real call on at least one arch the table covers. */
static void
test_no_invented_names(const struct sysdoc *doc)
{
	static const char *const arches[] = {
		"x86_64", "aarch64", "x86", "x32", "arm",
	};
	const struct sysdoc_entry	*e;
	size_t				 i, a;
	int				 known;

	for (i = 0; i < sysdoc_count(doc); i++) {
		e = sysdoc_entry(doc, i);
		known = 0;
		for (a = 0; a < sizeof(arches) / sizeof(arches[0]); a++)
			if (seccomp_syscall_resolve_name_arch(
			    seccomp_arch_resolve_name(arches[a]), e->name) !=
			    __NR_SCMP_ERROR)
				known = 1;
		check(known, "%s is in the table but libseccomp knows it on "
		    "no covered arch", e->name);
	}
}

/*
 * Read the file again with a parser of our own, so that a lenient loader
 * cannot hide a bad line: 5 fields, known level and category, unique
 * names, and the loader's count equals the number of data lines.
 */
static void
test_raw_lines(const struct sysdoc *doc, const char *path)
{
	FILE		*fp;
	char		*line = NULL, *f[6], *p, prev[128] = "";
	size_t		 cap = 0;
	ssize_t		 len;
	int		 lineno = 0, data = 0, nf, sorted = 1;

	if ((fp = fopen(path, "r")) == NULL) {
		check(0, "%s: cannot open", path);
		return;
	}
	while ((len = getline(&line, &cap, fp)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		data++;
		nf = 0;
		f[nf++] = line;
		for (p = line; *p != '\0' && nf < 6; p++)
			if (*p == '\t') {
				*p = '\0';
				f[nf++] = p + 1;
			}
		check(nf == 5, "%s:%d: %d fields", path, lineno, nf);
		if (nf != 5)
			continue;
		check(sysdoc_level_parse(f[2]) >= 0, "%s:%d: level '%s'",
		    path, lineno, f[2]);
		check(sysdoc_category_valid(f[1]), "%s:%d: category '%s'",
		    path, lineno, f[1]);
		check(strlen(f[3]) >= 10 && strlen(f[3]) <= SYSDOC_DESC_MAX,
		    "%s:%d: description length %zu", path, lineno,
		    strlen(f[3]));
		/* One-liners carry no full stop; a trailing "..." is fine. */
		len = (ssize_t)strlen(f[3]);
		check(len == 0 || f[3][len - 1] != '.' || (len > 3 &&
		    strcmp(f[3] + len - 3, "...") == 0), "%s:%d: "
		    "description ends with a full stop", path, lineno);
		check((sysdoc_level_parse(f[2]) < SYSDOC_MEDIUM) ||
		    strlen(f[4]) > 0, "%s:%d: %s without a note", path,
		    lineno, f[2]);
		/* Kept sorted so that a duplicate sits next to its twin. */
		if (strcmp(prev, f[0]) >= 0)
			sorted = 0;
		check(strcmp(prev, f[0]) != 0, "%s:%d: duplicate %s", path,
		    lineno, f[0]);
		snprintf(prev, sizeof(prev), "%s", f[0]);
	}
	free(line);
	fclose(fp);
	check(sorted, "%s: lines are not in strcmp order of name", path);
	check((size_t)data == sysdoc_count(doc), "%s: %d data lines, loader "
	    "has %zu entries", path, data, sysdoc_count(doc));
	printf("%s: %d entries\n", path, data);
}

static void
test_levels(const struct sysdoc *doc)
{
	static const char *const high[] = {
		"init_module", "finit_module", "delete_module", "kexec_load",
		"kexec_file_load", "reboot", "bpf", "perf_event_open",
		"ptrace", "process_vm_readv", "process_vm_writev", "mount",
		"umount", "umount2", "pivot_root", "setns", "unshare",
		"fsopen", "fsmount", "move_mount", "open_tree",
		"mount_setattr", "keyctl", "add_key", "request_key", "iopl",
		"ioperm", "open_by_handle_at", "settimeofday",
		"clock_settime", "clock_settime64", "stime", "swapon",
		"swapoff",
	};
	static const char *const harmless[] = {
		"read", "write", "close", "getpid", "exit_group", "futex",
		"epoll_wait", "rt_sigreturn", "mmap", "openat", "fstat",
	};
	const struct sysdoc_entry	*e;
	size_t				 i;

	for (i = 0; i < sizeof(high) / sizeof(high[0]); i++) {
		e = sysdoc_find(doc, high[i]);
		check(e != NULL && e->level == SYSDOC_HIGH,
		    "%s is rated %s, not high", high[i],
		    e ? sysdoc_level_name(e->level) : "(absent)");
	}
	for (i = 0; i < sizeof(harmless) / sizeof(harmless[0]); i++) {
		e = sysdoc_find(doc, harmless[i]);
		check(e != NULL && e->level == SYSDOC_NONE,
		    "%s is rated %s, not none", harmless[i],
		    e ? sysdoc_level_name(e->level) : "(absent)");
	}
	e = sysdoc_find(doc, "init_module");
	check(e && strcmp(e->category, "kernel-modules") == 0 &&
	    strstr(e->note, "CAP_SYS_MODULE") != NULL,
	    "init_module: category and note");
	e = sysdoc_find(doc, "read");
	check(e && strcmp(e->category, "filesystem") == 0 &&
	    *e->note == '\0', "read: category and empty note");
	check(sysdoc_find(doc, "htons") == NULL, "htons is not a call");
	check(sysdoc_find(doc, "") == NULL, "the empty name is not a call");
	check(sysdoc_find(doc, "syscall_999") == NULL, "syscall_999");
}

static void
test_default_path(void)
{
	char	buf[4096];
	char	want[4096];

	unsetenv(SYSDOC_ENV);
	/* Unset or empty: the shared rule of lib/support/datadir.c. */
	snprintf(want, sizeof(want), "%s/syscalls.tsv", datadir());
	check(sysdoc_default_path(buf, sizeof(buf)) == 0 &&
	    strcmp(buf, want) == 0, "default path '%s', want '%s'", buf,
	    want);
	setenv(SYSDOC_ENV, "", 1);
	check(sysdoc_default_path(buf, sizeof(buf)) == 0 &&
	    strcmp(buf, want) == 0, "empty SCTUI_DATADIR is ignored");
	setenv(SYSDOC_ENV, "/opt/x", 1);
	check(sysdoc_default_path(buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "/opt/x/syscalls.tsv") == 0, "SCTUI_DATADIR '%s'",
	    buf);
	check(sysdoc_default_path(buf, 10) == -ENAMETOOLONG,
	    "short buffer gives -ENAMETOOLONG");
}

static void
test_missing(void)
{
	struct sysdoc	*doc = NULL;
	char		 err[SYSDOC_ERR_MAX], dir[4200];
	int		 rc;

	rc = sysdoc_load("/nonexistent/syscalls.tsv", &doc, err, sizeof(err));
	check(rc == -ENOENT && doc == NULL, "missing file: rc %d", rc);
	check(strcmp(err, "/nonexistent/syscalls.tsv: cannot open: No such "
	    "file or directory") == 0, "missing file: '%s'", err);

	snprintf(dir, sizeof(dir), "%s/nothing", tmpdir);
	setenv(SYSDOC_ENV, dir, 1);
	rc = sysdoc_load_default(&doc, err, sizeof(err));
	check(rc == -ENOENT && doc == NULL, "missing default: rc %d", rc);
	check(strncmp(err, dir, strlen(dir)) == 0 &&
	    strstr(err, "set SCTUI_DATADIR") != NULL, "missing default: '%s'",
	    err);

	rc = sysdoc_load(tmpdir, &doc, err, sizeof(err));
	check(rc < 0 && doc == NULL, "a directory is refused: rc %d '%s'", rc,
	    err);

	/* A tiny buffer gets a cut, still terminated, message. */
	rc = sysdoc_load("/nonexistent/syscalls.tsv", &doc, err, 8);
	check(rc == -ENOENT && strcmp(err, "/nonexi") == 0, "cut message "
	    "'%s'", err);
	check(sysdoc_load("/nonexistent/x", &doc, NULL, 0) == -ENOENT,
	    "NULL err is allowed");
}

struct bad {
	const char	*name;
	const char	*data;
	size_t		 len;		/* 0: strlen(data) */
	const char	*want;		/* the message after "PATH" */
};

#define LONG100	"0123456789012345678901234567890123456789" \
		"0123456789012345678901234567890123456789" \
		"01234567890123456789"

/* A NUL byte inside a line; "\0" "ad" keeps the escape from eating "a". */
#define NULDATA	"read\tfilesystem\tnone\tRe\0" "ad\t\n"

static const struct bad bad_files[] = {
	{ "four", "read\tfilesystem\tnone\tRead bytes from a file\n", 0,
	  ":1: fewer than 5 tab-separated fields (name, category, level, "
	  "description, note; the note may be empty)" },
	{ "six", "# comment\n\nread\tfilesystem\tnone\tRead bytes\t\tx\n", 0,
	  ":3: more than 5 tab-separated fields (name, category, level, "
	  "description, note; the note may be empty)" },
	{ "level", "read\tfilesystem\tsevere\tRead bytes\t\n", 0,
	  ":1: read: unknown level 'severe'; use none, low, medium or high" },
	{ "category", "read\tfiles\tnone\tRead bytes\t\n", 0,
	  ":1: read: unknown category 'files'; the list is in "
	  "lib/model/sysdoc.c and the header of syscalls.tsv" },
	{ "name", "Read\tfilesystem\tnone\tRead bytes\t\n", 0,
	  ":1: bad name 'Read': use 1 to 64 lower-case letters, digits "
	  "and '_'" },
	{ "noname", "\tfilesystem\tnone\tRead bytes\t\n", 0,
	  ":1: bad name '': use 1 to 64 lower-case letters, digits and '_'" },
	{ "nodesc", "read\tfilesystem\tnone\t\t\n", 0,
	  ":1: read: description is 0 bytes; it must be 1 to 100" },
	{ "longdesc", "read\tfilesystem\tnone\t" LONG100 "x\t\n", 0,
	  ":1: read: description is 101 bytes; it must be 1 to 100" },
	{ "longnote", "read\tfilesystem\tnone\tRead\t" LONG100 "x\n", 0,
	  ":1: read: note is 101 bytes; at most 100" },
	{ "nonote", "mount\tnamespaces-mounts\thigh\tAttach a fs\t\n", 0,
	  ":1: mount: level high needs a note saying why the call is "
	  "dangerous" },
	{ "dup", "read\tfilesystem\tnone\tRead\t\n"
	  "write\tfilesystem\tnone\tWrite\t\n"
	  "read\tfilesystem\tlow\tRead again\t\n", 0,
	  ":3: duplicate name 'read', first on line 1" },
	{ "crlf", "read\tfilesystem\tnone\tRead\t\r\n", 0,
	  ":1: line ends with a carriage return: save the file with Unix "
	  "line endings" },
	{ "nul", NULDATA, sizeof(NULDATA) - 1,
	  ":1: NUL byte in the line: the file is not a text table" },
	{ "utf8", "read\tfilesystem\tnone\tR\xc3\xa9\t\n", 0,
	  ":1: byte 0xc3 at column 23: the table is plain printable ASCII" },
	{ "empty", "", 0,
	  ": no entries: the file is empty or all comments" },
	{ "comments", "# only\n# comments\n\n", 0,
	  ": no entries: the file is empty or all comments" },
};

static void
test_malformed(void)
{
	const struct bad	*b;
	struct sysdoc		*doc;
	const char		*path;
	char			 err[SYSDOC_ERR_MAX], want[SYSDOC_ERR_MAX];
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		b = &bad_files[i];
		path = write_tmp(b->name, b->data,
		    b->len ? b->len : strlen(b->data));
		doc = NULL;
		err[0] = '\0';
		rc = sysdoc_load(path, &doc, err, sizeof(err));
		snprintf(want, sizeof(want), "%s%s", path, b->want);
		check(rc == -EINVAL && doc == NULL, "%s: rc %d", b->name, rc);
		check(strcmp(err, want) == 0, "%s:\n  got  '%s'\n  want '%s'",
		    b->name, err, want);
	}
}

static void
test_small_file(void)
{
	static const char data[] =
	    "# a comment\n"
	    "\n"
	    "write\tfilesystem\tnone\tWrite bytes\t\n"
	    "bpf\tbpf-perf\thigh\tLoad eBPF programs\tRuns code in the kernel";
	const struct sysdoc_entry	*e;
	struct sysdoc			*doc = NULL;
	char				 err[SYSDOC_ERR_MAX] = "";
	int				 rc;

	rc = sysdoc_load(write_tmp("small", data, strlen(data)), &doc, err,
	    sizeof(err));
	check(rc == 0 && doc != NULL, "small file: rc %d '%s'", rc, err);
	if (rc != 0)
		return;
	check(sysdoc_count(doc) == 2, "small file: %zu entries",
	    sysdoc_count(doc));
	e = sysdoc_entry(doc, 0);
	check(e && strcmp(e->name, "bpf") == 0 && e->level == SYSDOC_HIGH &&
	    strcmp(e->category, "bpf-perf") == 0 &&
	    strcmp(e->desc, "Load eBPF programs") == 0 &&
	    strcmp(e->note, "Runs code in the kernel") == 0,
	    "small file: entry 0 is bpf, last line without a newline");
	e = sysdoc_find(doc, "write");
	check(e && e->level == SYSDOC_NONE && strcmp(e->note, "") == 0 &&
	    strcmp(e->desc, "Write bytes") == 0, "small file: write");
	check(sysdoc_entry(doc, 2) == NULL, "entry past the end is NULL");
	sysdoc_free(doc);
	sysdoc_free(NULL);
}

static void
test_names(void)
{
	check(strcmp(sysdoc_level_name(SYSDOC_MEDIUM), "medium") == 0,
	    "level name");
	check(sysdoc_level_parse("high") == SYSDOC_HIGH, "parse high");
	check(sysdoc_level_parse("High") == -EINVAL, "levels are lower-case");
	check(sysdoc_category(0) != NULL && sysdoc_category(21) == NULL &&
	    sysdoc_category(20) != NULL, "21 categories");
	check(sysdoc_category_valid("namespaces-mounts") &&
	    !sysdoc_category_valid("namespaces"), "category_valid");
}

int
main(void)
{
	struct sysdoc	*doc = NULL;
	char		 err[SYSDOC_ERR_MAX], path[4096];
	int		 rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (mkdtemp(tmpdir) == NULL) {
		perror("sysdoc-test: mkdtemp");
		return 99;
	}
	atexit(cleanup);

	setenv(SYSDOC_ENV, SYSDOC_TEST_DATADIR, 1);
	rc = sysdoc_load_default(&doc, err, sizeof(err));
	check(rc == 0, "the shipped table loads: %s", rc ? err : "");
	if (rc != 0) {
		printf("sysdoc-test: %d passed, %d failed\n", npass, nfail);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s", SYSDOC_TEST_DATADIR,
	    SYSDOC_FILE);
	test_arch_covered(doc, "x86_64");
	test_arch_covered(doc, "aarch64");
	test_arch_covered(doc, "x86");
	test_arch_covered(doc, "x32");
	test_arch_covered(doc, "arm");
	test_no_invented_names(doc);
	test_raw_lines(doc, path);
	test_levels(doc);
	sysdoc_free(doc);

	test_names();
	test_default_path();
	test_missing();
	test_malformed();
	test_small_file();

	printf("sysdoc-test: %d passed, %d failed\n", npass, nfail);
	return nfail ? 1 : 0;
}
