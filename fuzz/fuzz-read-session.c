/*
 * fuzz-read-session.c - libFuzzer target: the session reader (see
 * targets.h).  Built and run by `make fuzz`.
 */
#include "config.h"

#include "targets.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_session(data, size);
}
