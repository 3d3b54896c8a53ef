/*
 * targets.h - the bodies of the fuzz targets, shared by the libFuzzer
 * wrappers (fuzz/fuzz-read-*.c, built by `make fuzz`) and the corpus
 * replay test that make check runs (tests/profile/t-corpus.c).
 */
#ifndef SCTUI_FUZZ_TARGETS_H
#define SCTUI_FUZZ_TARGETS_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"

/*
 * Reads data in format f (strict, then skipping unknown names).  When it
 * reads, checks the writers: the Docker output reads back and writes the
 * same bytes again, the OCI output reads back as OCI, and every other
 * writer returns.  abort()s on a broken invariant; returns 0.
 */
int	fuzz_read(const uint8_t *data, size_t size, enum profile_format f);

/*
 * Reads data as a session (lib/session/session.h).  When it reads, what it wrote
 * reads back and writes the same bytes; a failure must say why.  abort()s
 * on a broken invariant; returns 0.
 */
int	fuzz_session(const uint8_t *data, size_t size);

#endif
