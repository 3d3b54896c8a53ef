/*
 * idmap.h - an open-addressing map from uint32_t keys to uint32_t values.
 *
 * The model keys processes by pid and per-process statistics by sysid with
 * it.  Insert and overwrite only: nothing the model indexes is ever removed
 * (a reused pid simply points at its newer record).  Pure, no I/O.
 */
#ifndef SCTUI_IDMAP_H
#define SCTUI_IDMAP_H

#include <stddef.h>
#include <stdint.h>

#define IDMAP_NONE	UINT32_MAX

struct idmap {
	uint32_t	*keys;
	uint32_t	*vals;
	size_t		 cap;		/* power of two, or 0 */
	size_t		 len;
};

/* The value for key, or IDMAP_NONE. */
uint32_t	idmap_get(const struct idmap *m, uint32_t key);

/* Sets key to val (val != IDMAP_NONE), growing as needed. */
void		idmap_put(struct idmap *m, uint32_t key, uint32_t val);

void		idmap_free(struct idmap *m);

#endif
