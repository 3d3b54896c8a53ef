/*
 * t-cli-corpus.c - replays fuzz/corpus/cli/ through the command-line fuzz
 * target body (fuzz/cli-target.c), so that make check runs every seed and
 * every kept crash reproducer without clang.  A broken invariant abort()s.
 */
#include "config.h"

#include "cli-target.h"
#include "corpus.h"

int
main(void)
{
	return corpus_replay("cli", fuzz_cli) < 0 ? 99 : 0;
}
