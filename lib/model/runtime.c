/*
 * runtime.c - container runtimes' own system calls; see runtime.h.
 */
#include "config.h"
#include "runtime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "xalloc.h"


/* Longest line of a set file worth reading; longer is an error. */
#define RUNTIME_LINE_MAX	256

const char *const runtime_names[] = {
	"docker", "podman", "runc", "crun", "none", NULL
};

int
runtime_known(const char *name)
{
	size_t i;

	for (i = 0; runtime_names[i] != NULL; i++)
		if (strcmp(runtime_names[i], name) == 0)
			return 1;
	return 0;
}

static int
runtime_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Strips the comment and the blanks of line in place; returns the word. */
static char *
runtime_word(char *line)
{
	char *p, *end;

	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
	p = line + strspn(line, " \t\r\n");
	end = p + strlen(p);
	while (end > p && strchr(" \t\r\n", end[-1]) != NULL)
		end--;
	*end = '\0';
	return p;
}

static int
runtime_valid(const char *w)
{
	if (*w == '\0' || strspn(w, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
	    strlen(w))
		return 0;
	return 1;
}

/* Sorts the set and drops duplicates. */
static void
runtime_sort(struct runtime_set *set)
{
	size_t i, n = 0;

	if (set->count == 0)
		return;
	xqsort(set->names, set->count, sizeof(*set->names), runtime_cmp);
	for (i = 0; i < set->count; i++) {
		if (n > 0 && strcmp(set->names[n - 1], set->names[i]) == 0) {
			free(set->names[i]);
			continue;
		}
		set->names[n++] = set->names[i];
	}
	set->count = n;
}

static int
runtime_read(FILE *f, const char *path, struct runtime_set *set, char *err,
    size_t errlen)
{
	char line[RUNTIME_LINE_MAX], *w;
	size_t cap = 0, len;
	unsigned lineno = 0;

	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		len = strlen(line);
		if (len == sizeof(line) - 1 && line[len - 1] != '\n' &&
		    !feof(f)) {
			snprintf(err, errlen, "%s:%u: line too long: the file "
			    "holds one system call name a line; reinstall it "
			    "or rerun assets/runtime/measure.sh", path, lineno);
			return -EBADMSG;
		}
		w = runtime_word(line);
		if (*w == '\0')
			continue;
		if (!runtime_valid(w)) {
			snprintf(err, errlen, "%s:%u: '%s' is not a system "
			    "call name: the file holds one name a line, '#' "
			    "starts a comment", path, lineno, w);
			return -EBADMSG;
		}
		if (set->count == cap) {
			cap = cap ? cap * 2 : 32;
			set->names = xreallocarray(set->names, cap,
			    sizeof(*set->names));
		}
		set->names[set->count++] = xstrdup(w);
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: cannot read it: %s", path,
		    strerror(EIO));
		return -EIO;
	}
	runtime_sort(set);
	return 0;
}

int
runtime_baseline(const char *name, const char *dir,
    struct runtime_set *set, char *err, size_t errlen)
{
	char *path;
	size_t len;
	FILE *f;
	int rc;

	set->names = NULL;
	set->count = 0;
	if (name == NULL || !runtime_known(name)) {
		snprintf(err, errlen, "unknown runtime '%s': use docker, "
		    "podman, runc, crun or none", name ? name : "");
		return -EINVAL;
	}
	if (strcmp(name, "none") == 0)
		return 0;
	if (dir == NULL)
		dir = datadir();
	len = strlen(dir) + strlen("/runtime/") + strlen(name) + 1;
	path = xmalloc(len);
	snprintf(path, len, "%s/runtime/%s", dir, name);
	if ((f = fopen(path, "re")) == NULL) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s: sctui's data files are not "
		    "there; reinstall sctui or set SCTUI_DATADIR to the folder "
		    "that holds runtime/%s", path, strerror(-rc), name);
		free(path);
		return rc;
	}
	rc = runtime_read(f, path, set, err, errlen);
	fclose(f);
	free(path);
	if (rc < 0)
		runtime_set_free(set);
	return rc;
}

int
runtime_set_has(const struct runtime_set *set, const char *name)
{
	if (set->count == 0)
		return 0;
	return xbsearch(&name, set->names, set->count, sizeof(*set->names),
	    runtime_cmp) != NULL;
}

void
runtime_set_free(struct runtime_set *set)
{
	size_t i;

	for (i = 0; i < set->count; i++)
		free(set->names[i]);
	free(set->names);
	set->names = NULL;
	set->count = 0;
}
