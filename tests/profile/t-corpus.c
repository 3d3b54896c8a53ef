/*
 * t-corpus.c - replays fuzz/corpus/{docker,oci,list,session}/ through the fuzz
 * target bodies (fuzz/targets.c), so that make check runs every seed
 * without clang or libFuzzer.  A broken invariant abort()s.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "targets.h"

int
main(void)
{
	static const struct {
		const char		*dir;
		enum profile_format	 f;
	} sets[] = {
		{ "docker", PROFILE_FMT_DOCKER },
		{ "oci", PROFILE_FMT_OCI },
		{ "list", PROFILE_FMT_LIST },
		{ "session", PROFILE_FMT_AUTO },	/* fuzz_session() */
	};
	const char *top = getenv("top_srcdir");
	char path[4096];
	size_t i, n, total = 0;

	if (top == NULL)
		top = SCTUI_TOP_SRCDIR;
	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		struct dirent **ents;
		int k, count;

		snprintf(path, sizeof(path), "%s/fuzz/corpus/%s", top,
		    sets[i].dir);
		if ((count = scandir(path, &ents, NULL, alphasort)) < 0) {
			fprintf(stderr, "t-corpus: cannot read %s\n", path);
			return 99;
		}
		for (n = 0, k = 0; k < count; k++) {
			FILE *f;
			char *data;
			long len;

			if (ents[k]->d_name[0] == '.') {
				free(ents[k]);
				continue;
			}
			snprintf(path, sizeof(path), "%s/fuzz/corpus/%s/%s",
			    top, sets[i].dir, ents[k]->d_name);
			free(ents[k]);
			if ((f = fopen(path, "rb")) == NULL)
				return 99;
			fseek(f, 0, SEEK_END);
			len = ftell(f);
			rewind(f);
			data = malloc((size_t)len + 1);
			if (fread(data, 1, (size_t)len, f) != (size_t)len)
				return 99;
			fclose(f);
			if (sets[i].f == PROFILE_FMT_AUTO)
				fuzz_session((const uint8_t *)data,
				    (size_t)len);
			else
				fuzz_read((const uint8_t *)data, (size_t)len,
				    sets[i].f);
			free(data);
			n++;
		}
		free(ents);
		if (n == 0) {
			fprintf(stderr, "t-corpus: no seeds in %s\n",
			    sets[i].dir);
			return 99;
		}
		printf("%s: %zu seeds replayed\n", sets[i].dir, n);
		total += n;
	}
	return total > 0 ? 0 : 99;
}
