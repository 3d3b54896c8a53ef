/*
 * tcb.c - the table of traced threads; see tcb.h.
 */
#include "config.h"
#include "tcb.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

struct tcb *
tcb_get(struct tcb_table *t, pid_t tid)
{
	uint32_t i = idmap_get(&t->bytid, (uint32_t)tid);

	/* Stale map entries point at a freed or reused slot: check the tid. */
	if (i == IDMAP_NONE || t->slots[i].tid != tid)
		return NULL;
	return &t->slots[i];
}

struct tcb *
tcb_add(struct tcb_table *t, pid_t tid, pid_t tgid)
{
	uint32_t i;
	struct tcb *c;

	if (t->free_head != 0) {
		i = t->free_head - 1;
		t->free_head = t->slots[i].next_free;
	} else {
		if (t->nslots == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->slots = xreallocarray(t->slots, t->cap,
			    sizeof(*t->slots));
		}
		i = t->nslots++;
	}
	c = &t->slots[i];
	memset(c, 0, sizeof(*c));
	c->tid = tid;
	c->tgid = tgid;
	c->comm_fd = -1;
	c->next_free = 0;
	idmap_put(&t->bytid, (uint32_t)tid, i);
	t->live++;
	return c;
}

void
tcb_del(struct tcb_table *t, struct tcb *c)
{
	uint32_t i = (uint32_t)(c - t->slots);

	if (c->comm_fd >= 0) {
		close(c->comm_fd);
		c->comm_fd = -1;
		t->nfds--;
	}
	c->tid = 0;
	c->next_free = t->free_head;
	t->free_head = i + 1;
	t->live--;
}

void
tcb_table_free(struct tcb_table *t)
{
	struct tcb *c;

	for (c = tcb_first(t); c != NULL; c = tcb_next(t, c))
		if (c->comm_fd >= 0)
			close(c->comm_fd);
	free(t->slots);
	idmap_free(&t->bytid);
	memset(t, 0, sizeof(*t));
}

struct tcb *
tcb_first(struct tcb_table *t)
{
	return t->nslots ? tcb_next(t, t->slots - 1) : NULL;
}

struct tcb *
tcb_next(struct tcb_table *t, struct tcb *c)
{
	for (c++; c < t->slots + t->nslots; c++)
		if (c->tid != 0)
			return c;
	return NULL;
}
