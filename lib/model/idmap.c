/*
 * idmap.c - uint32_t -> uint32_t open-addressing map; see idmap.h.
 */
#include "config.h"
#include "idmap.h"

#include <stdlib.h>

#include "xalloc.h"

static size_t
slot(const struct idmap *m, uint32_t key)
{
	/* Fibonacci hashing spreads sequential pids and sysids. */
	return (size_t)((key * 2654435761u) ^ (key >> 16)) & (m->cap - 1);
}

uint32_t
idmap_get(const struct idmap *m, uint32_t key)
{
	size_t i;

	if (m->cap == 0)
		return IDMAP_NONE;
	for (i = slot(m, key); m->vals[i] != IDMAP_NONE; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key)
			return m->vals[i];
	return IDMAP_NONE;
}

static void
grow(struct idmap *m)
{
	struct idmap n;
	size_t i;

	n.cap = m->cap ? m->cap * 2 : 16;
	n.len = 0;
	n.keys = xcalloc(n.cap, sizeof(*n.keys));
	n.vals = xmalloc(n.cap * sizeof(*n.vals));
	for (i = 0; i < n.cap; i++)
		n.vals[i] = IDMAP_NONE;
	for (i = 0; i < m->cap; i++)
		if (m->vals[i] != IDMAP_NONE)
			idmap_put(&n, m->keys[i], m->vals[i]);
	idmap_free(m);
	*m = n;
}

void
idmap_put(struct idmap *m, uint32_t key, uint32_t val)
{
	size_t i;

	if ((m->len + 1) * 4 > m->cap * 3)
		grow(m);
	for (i = slot(m, key); m->vals[i] != IDMAP_NONE; i = (i + 1) & (m->cap - 1))
		if (m->keys[i] == key) {
			m->vals[i] = val;
			return;
		}
	m->keys[i] = key;
	m->vals[i] = val;
	m->len++;
}

void
idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = m->vals = NULL;
	m->cap = m->len = 0;
}
