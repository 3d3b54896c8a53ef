/*
 * t-cli-corpus.c - replays fuzz/corpus/cli/ through the command-line fuzz
 * target body (fuzz/cli-target.c), so that make check runs every seed and
 * every kept crash reproducer without clang.  A broken invariant abort()s.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-target.h"

int
main(void)
{
	const char *top = getenv("top_srcdir");
	struct dirent **ents;
	char path[4096];
	int k, count, n = 0;

	if (top == NULL)
		top = SCTUI_TOP_SRCDIR;
	snprintf(path, sizeof(path), "%s/fuzz/corpus/cli", top);
	if ((count = scandir(path, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "t-cli-corpus: cannot read %s\n", path);
		return 99;
	}
	for (k = 0; k < count; k++) {
		FILE *f;
		char *data;
		long len;

		if (ents[k]->d_name[0] == '.') {
			free(ents[k]);
			continue;
		}
		snprintf(path, sizeof(path), "%s/fuzz/corpus/cli/%s", top,
		    ents[k]->d_name);
		free(ents[k]);
		if ((f = fopen(path, "rb")) == NULL)
			return 99;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		data = malloc((size_t)len + 1);
		if (data == NULL ||
		    fread(data, 1, (size_t)len, f) != (size_t)len)
			return 99;
		fclose(f);
		fuzz_cli((const uint8_t *)data, (size_t)len);
		free(data);
		n++;
	}
	free(ents);
	if (n == 0) {
		fprintf(stderr, "t-cli-corpus: no seeds\n");
		return 99;
	}
	printf("cli: %d seeds replayed\n", n);
	return 0;
}
