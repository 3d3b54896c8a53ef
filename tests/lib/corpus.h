/*
 * corpus.h - replays a folder of fuzz/corpus/ through a fuzz target body,
 * so that make check runs every seed (and every kept crash reproducer)
 * without clang or libFuzzer.  Used by tests/profile/t-corpus.c and
 * tests/fault/t-cli-corpus.c; the program's CPPFLAGS define
 * SCTUI_TOP_SRCDIR.
 */
#ifndef SCTUI_TESTS_CORPUS_H
#define SCTUI_TESTS_CORPUS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Calls fn(data, size) on each file of $top_srcdir/fuzz/corpus/NAME
 * (SCTUI_TOP_SRCDIR when top_srcdir is not set), in name order, dot files
 * left out; fn abort()s on a broken invariant.  Prints "NAME: N seeds
 * replayed" and returns N; returns -1, after a line on stderr, if the
 * folder or one of its files cannot be read or it holds no seed.
 */
int	corpus_replay(const char *name, int (*fn)(const uint8_t *, size_t));

#endif
