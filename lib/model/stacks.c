/*
 * stacks.c - the user-space stacks of calls' first occurrences: a bounded,
 * append-only store, published to readers with release/acquire.
 */
#include "config.h"

#include "stacks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "sysname.h"
#include "xalloc.h"

/* The name stack k's call is shown by, and its ordering. */
static const char *
call_name(const struct stack *k)
{
	return sysname_name(sysname_id(k->arch, k->nr));
}

static int
cmp_stack(const void *a, const void *b)
{
	const struct stack *x = *(const struct stack *const *)a;
	const struct stack *y = *(const struct stack *const *)b;
	int d = strcmp(call_name(x), call_name(y));

	if (d == 0)
		d = x->arch < y->arch ? -1 : x->arch > y->arch;
	if (d == 0)
		d = strcmp(x->exe, y->exe);
	if (d == 0)
		d = x->tgid < y->tgid ? -1 : x->tgid > y->tgid;
	return d;
}

struct stacks *
stacks_new(void)
{
	return xcalloc(1, sizeof(struct stacks));
}

void
stacks_discard(struct stack *k)
{
	uint32_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nframes; i++)
		free(k->frames[i].text);
	free(k->exe);
	free(k->note);
	free(k);
}

void
stacks_free(struct stacks *s)
{
	uint32_t i, n;

	if (s == NULL)
		return;
	n = atomic_load_explicit(&s->n, memory_order_acquire);
	for (i = 0; i < n; i++)
		stacks_discard(s->items[i]);
	free(s);
}

struct stack *
stacks_begin(uint32_t arch, int32_t nr, int32_t tgid, const char *exe)
{
	struct stack *k = xcalloc(1, sizeof(*k));

	k->arch = arch;
	k->nr = nr;
	k->tgid = tgid;
	k->exe = xstrdup(exe != NULL ? exe : "?");
	return k;
}

int
stacks_frame(struct stack *k, uint64_t pc, const char *text, int program)
{
	struct stack_frame *f;

	if (k->nframes >= STACKS_FRAMES)
		return -ENOSPC;
	f = &k->frames[k->nframes++];
	f->pc = pc;
	f->text = xstrdup(text);
	f->program = program != 0;
	return 0;
}

void
stacks_note(struct stack *k, const char *note)
{
	free(k->note);
	k->note = xstrdup(note);
}

int
stacks_add(struct stacks *s, struct stack *k)
{
	uint32_t n = atomic_load_explicit(&s->n, memory_order_relaxed);

	if (n >= STACKS_MAX) {
		s->dropped++;
		stacks_discard(k);
		return -ENOSPC;
	}
	s->items[n] = k;
	atomic_store_explicit(&s->n, n + 1, memory_order_release);
	return 0;
}

uint32_t
stacks_count(const struct stacks *s)
{
	return s == NULL ? 0 :
	    atomic_load_explicit(&s->n, memory_order_acquire);
}

const struct stack *
stacks_get(const struct stacks *s, uint32_t i)
{
	return s->items[i];
}

/* The n published stacks of s, by call, executable and pid (free it). */
static const struct stack **
sorted(const struct stacks *s, uint32_t *n)
{
	const struct stack **v;
	uint32_t i;

	*n = stacks_count(s);
	v = xreallocarray(NULL, *n, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = stacks_get(s, i);
	xqsort(v, *n, sizeof(*v), cmp_stack);
	return v;
}

/* stacks_print() (tsv 0) or stacks_tsv() (tsv 1). */
static void
write_stacks(const struct stacks *s, FILE *f, int tsv)
{
	const struct stack **v;
	const struct stack *k;
	const char *arch;
	char exe[512], text[1024];
	uint32_t n, i, j;

	v = sorted(s, &n);
	for (i = 0; i < n; i++) {
		k = v[i];
		arch = sysname_arch_name(k->arch);
		escape_name(k->exe, exe, sizeof(exe));
		if (tsv)
			fprintf(f, "stack\t%s\t%s\t%d\t%s\t%u\t%s\n", arch,
			    call_name(k), (int)k->tgid, exe, k->nframes,
			    k->note != NULL ? k->note : "-");
		else
			fprintf(f, "%s (%s) first made by %s, pid %d:\n",
			    call_name(k), arch, exe, (int)k->tgid);
		for (j = 0; j < k->nframes; j++) {
			escape_name(k->frames[j].text, text, sizeof(text));
			if (tsv)
				fprintf(f, "frame\t%s\t%s\t%d\t%u\t%s\t%s\n",
				    arch, call_name(k), (int)k->tgid, j,
				    k->frames[j].program ? "program" :
				    "library", text);
			else
				fprintf(f, "  %c#%-2u %s\n",
				    k->frames[j].program ? '*' : ' ', j, text);
		}
		if (!tsv && k->note != NULL)
			fprintf(f, "    (%s)\n", k->note);
	}
	if (!tsv && s->dropped > 0)
		fprintf(f, "(%u more stacks not kept: at most %u are)\n",
		    s->dropped, STACKS_MAX);
	free(v);
}

void
stacks_print(const struct stacks *s, FILE *f)
{
	write_stacks(s, f, 0);
}

void
stacks_tsv(const struct stacks *s, FILE *f)
{
	write_stacks(s, f, 1);
}

uint32_t
stacks_of_call(const struct stacks *s, uint32_t sysid, uint32_t pick,
    const struct stack **out)
{
	uint32_t n = stacks_count(s), i, found = 0;

	if (out != NULL)
		*out = NULL;
	for (i = 0; i < n; i++)
		found += sysname_id(s->items[i]->arch, s->items[i]->nr) ==
		    sysid;
	if (out == NULL || found == 0)
		return found;
	pick %= found;
	for (i = 0; i < n; i++)
		if (sysname_id(s->items[i]->arch, s->items[i]->nr) == sysid &&
		    pick-- == 0) {
			*out = s->items[i];
			break;
		}
	return found;
}
