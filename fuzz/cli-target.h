/*
 * cli-target.h - the body of the command-line fuzz target, shared by the
 * libFuzzer wrapper (fuzz/fuzz-cli.c, `make fuzz-cli`) and the corpus
 * replay that make check runs (tests/fault/t-cli-corpus.c).
 */
#ifndef SCTUI_FUZZ_CLI_TARGET_H
#define SCTUI_FUZZ_CLI_TARGET_H

#include <stddef.h>
#include <stdint.h>

/*
 * Splits data at NUL bytes into at most 64 arguments after "sctui" and
 * parses them with cli_parse() twice.  abort()s on a broken invariant: a
 * result other than 0 or -EINVAL, an error that is empty or more than one
 * line (unless an argument has a newline: main() escapes those), a success that is not self-consistent, or two parses that differ.
 * Returns 0.
 */
int	fuzz_cli(const uint8_t *data, size_t size);

#endif
