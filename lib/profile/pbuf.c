/*
 * pbuf.c - the profile module's small buffers; see pbuf.h.
 */
#include "config.h"
#include "pbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "xalloc.h"

void
pbuf_add(struct pbuf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	xmemcpy(b->s + b->len, s, n + 1);
	b->len += n;
}

void
pbuf_printf(struct pbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	pbuf_add(b, s);
	free(s);
}

void
pmsg_add(char *msg, size_t msglen, const char *fmt, ...)
{
	size_t used;
	va_list ap;
	char *s;

	if (msg == NULL || msglen == 0)
		return;
	used = strnlen(msg, msglen);
	if (used > 0 && used + 1 < msglen) {
		msg[used++] = '\n';
		msg[used] = '\0';
	}
	if (used + 1 >= msglen)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	/* One line, and no byte of the input reaches the terminal raw. */
	escape_name(s, msg + used, msglen - used);
	free(s);
}

void
pstrv_add(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(s);
}

int
pstrv_has(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

void
pstrv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
pcmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}
