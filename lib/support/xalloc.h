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

/*
 * qsort(), bsearch(), memcpy(), memmove() and memset() over a range of N
 * elements (bytes for the mem* ones) that may be empty: the C library
 * declares their pointers non-null even when N is 0, so an empty table
 * whose pointer is NULL is undefined behaviour there (UBSan aborts on it).
 * These do nothing for N == 0 (xbsearch() finds nothing), and otherwise
 * call the C library.  Every such call with a length that is not a sizeof
 * goes through them; tests/docs/nonnull.test fails on a raw one.
 */
void	 xqsort(void *base, size_t n, size_t size,
	    int (*cmp)(const void *, const void *));
void	*xbsearch(const void *key, const void *base, size_t n, size_t size,
	    int (*cmp)(const void *, const void *));
void	*xmemcpy(void *dst, const void *src, size_t n);
void	*xmemmove(void *dst, const void *src, size_t n);
void	*xmemset(void *dst, int c, size_t n);

/* Called once by fatal() before it prints; may be NULL. */
extern void (*fatal_hook)(void);

void	 fatal(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));

#endif
