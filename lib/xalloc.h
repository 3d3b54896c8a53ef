/*
 * xalloc.h - allocation that cannot fail, and the fatal() exit path.
 *
 * Used everywhere.  On out-of-memory, or any error the program cannot go on
 * from, fatal() runs the die hook (the UI sets one that restores the
 * terminal) and exits with status 1.
 */
#ifndef SCTUI_XALLOC_H
#define SCTUI_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t n);
void	*xcalloc(size_t n, size_t size);
void	*xrealloc(void *p, size_t n);
void	*xreallocarray(void *p, size_t n, size_t size);
char	*xstrdup(const char *s);

/* Called once by fatal() before it prints; may be NULL. */
extern void (*fatal_hook)(void);

void	 fatal(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#endif
