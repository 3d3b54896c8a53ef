/*
 * t-corpus.c - replays fuzz/corpus/{docker,oci,list,session}/ through the fuzz
 * target bodies (fuzz/targets.c), so that make check runs every seed
 * without clang or libFuzzer.  A broken invariant abort()s.
 */
#include "config.h"

#include "corpus.h"
#include "targets.h"

static int
docker(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, PROFILE_FMT_DOCKER);
}

static int
oci(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, PROFILE_FMT_OCI);
}

static int
list(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, PROFILE_FMT_LIST);
}

int
main(void)
{
	if (corpus_replay("docker", docker) < 0 ||
	    corpus_replay("oci", oci) < 0 ||
	    corpus_replay("list", list) < 0 ||
	    corpus_replay("session", fuzz_session) < 0)
		return 99;
	return 0;
}
