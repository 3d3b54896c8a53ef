/*
 * fuzz-read-oci.c - libFuzzer target: the oci reader (see targets.h).
 * Built and run by `make fuzz`.
 */
#include "config.h"

#include "targets.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(data, size, PROFILE_FMT_OCI);
}
