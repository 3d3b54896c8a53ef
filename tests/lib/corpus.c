/*
 * corpus.c - the corpus replay loop; see corpus.h.
 */
#include "config.h"
#include "corpus.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef SCTUI_TOP_SRCDIR
#error "SCTUI_TOP_SRCDIR must be defined (the test's local.mk)"
#endif

/* The whole of path, malloc'd; NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	char *data = NULL;
	long n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0) {
		rewind(f);
		data = malloc((size_t)n + 1);
		if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

int
corpus_replay(const char *name, int (*fn)(const uint8_t *, size_t))
{
	const char *top = getenv("top_srcdir");
	struct dirent **ents;
	char dir[4096], path[4096 + 256];
	int k, count, n = 0;
	size_t len;
	char *data;

	if (top == NULL)
		top = SCTUI_TOP_SRCDIR;
	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/%s", top, name);
	if ((count = scandir(dir, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "corpus: cannot read %s\n", dir);
		return -1;
	}
	for (k = 0; k < count; k++) {
		if (ents[k]->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, ents[k]->d_name);
		if ((data = slurp(path, &len)) == NULL) {
			fprintf(stderr, "corpus: cannot read %s\n", path);
			n = -1;
			break;
		}
		fn((const uint8_t *)data, len);
		free(data);
		n++;
	}
	for (k = 0; k < count; k++)
		free(ents[k]);
	free(ents);
	if (n == 0)
		fprintf(stderr, "corpus: no seeds in %s\n", dir);
	else if (n > 0)
		printf("%s: %d seeds replayed\n", name, n);
	return n > 0 ? n : -1;
}
