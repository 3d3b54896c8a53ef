/*
 * idmap-test.c - the uint32 map: growth, overwrite, many keys.
 */
#include "config.h"

#include "idmap.h"
#include "tap.h"

int
main(void)
{
	struct idmap m = { 0 };
	uint32_t i, bad = 0;

	CHECK(idmap_get(&m, 7) == IDMAP_NONE);
	for (i = 0; i < 100000; i++)
		idmap_put(&m, i * 7919u, i);
	for (i = 0; i < 100000; i++)
		if (idmap_get(&m, i * 7919u) != i)
			bad++;
	CHECK_EQ_U(bad, 0);
	CHECK_EQ_U(m.len, 100000);
	idmap_put(&m, 7919u, 5);
	CHECK(idmap_get(&m, 7919u) == 5);
	CHECK_EQ_U(m.len, 100000);
	CHECK(idmap_get(&m, 3) == IDMAP_NONE);
	idmap_free(&m);
	return tap_done();
}
