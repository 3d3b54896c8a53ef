/*
 * pbuf.h - the small buffers the profile module's readers and writers
 * share: a growing string, a message of lines, a vector of strings.
 * Knows nothing of profiles.
 */
#ifndef SCTUI_PBUF_H
#define SCTUI_PBUF_H

#include <stddef.h>

/* A growing, NUL-terminated string. */
struct pbuf {
	char	*s;
	size_t	 len, cap;
};

void	 pbuf_add(struct pbuf *b, const char *s);
void	 pbuf_printf(struct pbuf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/*
 * Appends a line to a message buffer, '\n'-separated, truncating; each
 * byte that could move the terminal is escaped (escape_name()).
 */
void	 pmsg_add(char *msg, size_t msglen, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* A vector of malloc'd strings. */
void	 pstrv_add(char ***v, size_t *n, const char *s);
int	 pstrv_has(char *const *v, size_t n, const char *s);
void	 pstrv_free(char **v, size_t n);
/* strcmp() for qsort() over char *. */
int	 pcmp_str(const void *a, const void *b);

#endif
