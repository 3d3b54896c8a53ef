/*
 * fuzz-cli.c - libFuzzer target: the command line (see cli-target.h).
 * Built and run by `make fuzz-cli`.
 */
#include "config.h"

#include "cli-target.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_cli(data, size);
}
