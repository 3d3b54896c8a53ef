/*
 * sysdoc.c - the system call description table; see sysdoc.h.
 *
 * The whole file is read into one buffer and split in place: entries point
 * into it, so a table is two allocations.  Entries are sorted by name for
 * bsearch, which also brings duplicates next to each other.
 */
#include "config.h"
#include "sysdoc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "xalloc.h"


/* Far above the real table (~60 KiB); anything bigger is not one. */
#define SYSDOC_FILE_MAX		(4 * 1024 * 1024)
#define NFIELDS			5

struct item {
	struct sysdoc_entry	 e;	/* first: sysdoc_entry() returns &e */
	unsigned		 line;
};

struct sysdoc {
	char		*buf;		/* the file; entries point into it */
	struct item	*items;		/* sorted by name */
	size_t		 n;
};

static const char *const level_names[] = {
	[SYSDOC_NONE] = "none",
	[SYSDOC_LOW] = "low",
	[SYSDOC_MEDIUM] = "medium",
	[SYSDOC_HIGH] = "high",
};

static const char *const categories[] = {
	"kernel-modules", "namespaces-mounts", "tracing", "time",
	"reboot-power", "keyrings", "bpf-perf", "raw-io", "privileges",
	"security", "system", "filesystem", "network", "memory", "process",
	"signals", "ipc", "scheduling", "io-events", "info", "obsolete",
};

#define NCATEGORIES	(sizeof(categories) / sizeof(categories[0]))

static void	 seterr(char *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static void
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const char *
sysdoc_level_name(enum sysdoc_level level)
{
	if ((unsigned)level >= sizeof(level_names) / sizeof(level_names[0]))
		return "?";
	return level_names[level];
}

int
sysdoc_level_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (strcmp(s, level_names[i]) == 0)
			return (int)i;
	return -EINVAL;
}

const char *
sysdoc_category(size_t i)
{
	return i < NCATEGORIES ? categories[i] : NULL;
}

int
sysdoc_category_valid(const char *s)
{
	size_t i;

	for (i = 0; i < NCATEGORIES; i++)
		if (strcmp(s, categories[i]) == 0)
			return 1;
	return 0;
}

/* Read all of fp into a NUL-terminated buffer; *lenp gets its length. */
static int
read_all(FILE *fp, char **bufp, size_t *lenp)
{
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, got;

	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (len > SYSDOC_FILE_MAX) {
			free(buf);
			return -EFBIG;
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		free(buf);
		return -EIO;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

static int
name_ok(const char *s)
{
	const char *p;

	if (*s == '\0' || strlen(s) > SYSDOC_NAME_MAX)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return 0;
	return 1;
}

/*
 * Check one line (NUL-terminated, without its newline) and split it into
 * it->e.  Returns 0, 1 for a line to skip, or -EINVAL with err set.
 */
static int
parse_line(char *line, unsigned lineno, const char *path, struct item *it,
    char *err, size_t errlen)
{
	char			*field[NFIELDS], *p;
	size_t			 nf, len;
	int			 level;
	const unsigned char	*u;

	if (*line == '\0' || *line == '#')
		return 1;
	for (u = (const unsigned char *)line; *u != '\0'; u++) {
		if (*u == '\r' && u[1] == '\0') {
			seterr(err, errlen, "%s:%u: line ends with a carriage "
			    "return: save the file with Unix line endings",
			    path, lineno);
			return -EINVAL;
		}
		if ((*u < 0x20 && *u != '\t') || *u >= 0x7f) {
			seterr(err, errlen, "%s:%u: byte 0x%02x at column %zu:"
			    " the table is plain printable ASCII", path,
			    lineno, *u, (size_t)(u - (const unsigned char *)
			    line) + 1);
			return -EINVAL;
		}
	}

	nf = 0;
	field[nf++] = line;
	for (p = line; *p != '\0'; p++) {
		if (*p != '\t')
			continue;
		*p = '\0';
		if (nf == NFIELDS) {
			nf++;
			break;
		}
		field[nf++] = p + 1;
	}
	if (nf != NFIELDS) {
		seterr(err, errlen, "%s:%u: %s than 5 tab-separated fields "
		    "(name, category, level, description, note; the note may "
		    "be empty)", path, lineno, nf < NFIELDS ? "fewer" : "more");
		return -EINVAL;
	}

	if (!name_ok(field[0])) {
		seterr(err, errlen, "%s:%u: bad name '%.*s': use 1 to %d "
		    "lower-case letters, digits and '_'", path, lineno,
		    SYSDOC_NAME_MAX, field[0], SYSDOC_NAME_MAX);
		return -EINVAL;
	}
	if (!sysdoc_category_valid(field[1])) {
		seterr(err, errlen, "%s:%u: %s: unknown category '%.40s'; the "
		    "list is in lib/model/sysdoc.c and the header of "
		    "syscalls.tsv",
		    path, lineno, field[0], field[1]);
		return -EINVAL;
	}
	if ((level = sysdoc_level_parse(field[2])) < 0) {
		seterr(err, errlen, "%s:%u: %s: unknown level '%.40s'; use "
		    "none, low, medium or high", path, lineno, field[0],
		    field[2]);
		return -EINVAL;
	}
	len = strlen(field[3]);
	if (len == 0 || len > SYSDOC_DESC_MAX) {
		seterr(err, errlen, "%s:%u: %s: description is %zu bytes; it "
		    "must be 1 to %d", path, lineno, field[0], len,
		    SYSDOC_DESC_MAX);
		return -EINVAL;
	}
	len = strlen(field[4]);
	if (len > SYSDOC_NOTE_MAX) {
		seterr(err, errlen, "%s:%u: %s: note is %zu bytes; at most %d",
		    path, lineno, field[0], len, SYSDOC_NOTE_MAX);
		return -EINVAL;
	}
	if (len == 0 && level >= SYSDOC_MEDIUM) {
		seterr(err, errlen, "%s:%u: %s: level %s needs a note saying "
		    "why the call is dangerous", path, lineno, field[0],
		    field[2]);
		return -EINVAL;
	}

	it->e.name = field[0];
	it->e.category = field[1];
	it->e.level = (enum sysdoc_level)level;
	it->e.desc = field[3];
	it->e.note = field[4];
	it->line = lineno;
	return 0;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c;

	if ((c = strcmp(x->e.name, y->e.name)) != 0)
		return c;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
parse(struct sysdoc *doc, size_t len, const char *path, char *err,
    size_t errlen)
{
	char		*p, *end, *nl;
	size_t		 cap = 0, i;
	unsigned	 lineno = 0;
	int		 rc;

	end = doc->buf + len;
	for (p = doc->buf; p < end; p = nl + 1) {
		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		*nl = '\0';
		if (strlen(p) != (size_t)(nl - p)) {
			seterr(err, errlen, "%s:%u: NUL byte in the line: the "
			    "file is not a text table", path, lineno);
			return -EINVAL;
		}
		if (doc->n == cap) {
			cap = cap ? cap * 2 : 512;
			doc->items = xreallocarray(doc->items, cap,
			    sizeof(*doc->items));
		}
		rc = parse_line(p, lineno, path, &doc->items[doc->n], err,
		    errlen);
		if (rc < 0)
			return rc;
		if (rc == 0)
			doc->n++;
	}
	if (doc->n == 0) {
		seterr(err, errlen, "%s: no entries: the file is empty or all "
		    "comments", path);
		return -EINVAL;
	}

	xqsort(doc->items, doc->n, sizeof(*doc->items), item_cmp);
	for (i = 1; i < doc->n; i++) {
		if (strcmp(doc->items[i - 1].e.name, doc->items[i].e.name))
			continue;
		seterr(err, errlen, "%s:%u: duplicate name '%s', first on "
		    "line %u", path, doc->items[i].line, doc->items[i].e.name,
		    doc->items[i - 1].line);
		return -EINVAL;
	}
	return 0;
}

static int
load(const char *path, struct sysdoc **out, char *err, size_t errlen,
    const char *hint)
{
	struct sysdoc	*doc;
	FILE		*fp;
	size_t		 len;
	int		 rc;

	if ((fp = fopen(path, "re")) == NULL) {
		rc = -errno;
		seterr(err, errlen, "%s: cannot open: %s%s", path,
		    strerror(-rc), rc == -ENOENT && hint ? hint : "");
		return rc;
	}
	doc = xcalloc(1, sizeof(*doc));
	rc = read_all(fp, &doc->buf, &len);
	fclose(fp);
	if (rc == -EFBIG)
		seterr(err, errlen, "%s: larger than %d bytes: not a syscall "
		    "table", path, SYSDOC_FILE_MAX);
	else if (rc < 0)
		seterr(err, errlen, "%s: read error", path);
	else
		rc = parse(doc, len, path, err, errlen);
	if (rc < 0) {
		sysdoc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

int
sysdoc_load(const char *path, struct sysdoc **out, char *err, size_t errlen)
{
	return load(path, out, err, errlen, NULL);
}

int
sysdoc_default_path(char *buf, size_t len)
{
	const char	*dir;
	int		 n;

	dir = datadir();
	n = snprintf(buf, len, "%s/%s", dir, SYSDOC_FILE);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return 0;
}

int
sysdoc_load_default(struct sysdoc **out, char *err, size_t errlen)
{
	char	path[4096];
	int	rc;

	if ((rc = sysdoc_default_path(path, sizeof(path))) < 0) {
		seterr(err, errlen, "%s: path too long", SYSDOC_ENV);
		return rc;
	}
	return load(path, out, err, errlen, " (set " SYSDOC_ENV " to the "
	    "folder holding " SYSDOC_FILE ", or run make install)");
}

void
sysdoc_free(struct sysdoc *doc)
{
	if (doc == NULL)
		return;
	free(doc->items);
	free(doc->buf);
	free(doc);
}

static int
find_cmp(const void *key, const void *elem)
{
	const struct item *it = elem;

	return strcmp(key, it->e.name);
}

const struct sysdoc_entry *
sysdoc_find(const struct sysdoc *doc, const char *name)
{
	const struct item *it;

	it = xbsearch(name, doc->items, doc->n, sizeof(*doc->items), find_cmp);
	return it ? &it->e : NULL;
}

size_t
sysdoc_count(const struct sysdoc *doc)
{
	return doc->n;
}

const struct sysdoc_entry *
sysdoc_entry(const struct sysdoc *doc, size_t i)
{
	return i < doc->n ? &doc->items[i].e : NULL;
}
