/*
 * escape.c - names made safe to show; see escape.h.
 */
#include "config.h"
#include "escape.h"

#include <stdint.h>

/*
 * Invisible characters that reorder or hide text: a name holding U+202E
 * (right-to-left override) can show "exe.txt" for "txt.exe", spoof the
 * columns after it, or look like another name.  Shown escaped, like C1
 * controls.  Ranges of code points, inclusive.
 */
static const struct {
	uint32_t	lo, hi;
} hidden[] = {
	{ 0x061c, 0x061c },	/* arabic letter mark */
	{ 0x200b, 0x200f },	/* zero widths, LRM, RLM */
	{ 0x2028, 0x202e },	/* line/paragraph separators, embeddings,
				   overrides */
	{ 0x2060, 0x2069 },	/* word joiner, invisible operators,
				   isolates */
	{ 0xfeff, 0xfeff },	/* byte order mark, zero width no-break */
	{ 0xfff9, 0xfffb },	/* interlinear annotations */
};

static int
is_hidden(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
		if (cp >= hidden[i].lo && cp <= hidden[i].hi)
			return 1;
	return 0;
}

/* The length of the valid, visible UTF-8 sequence at p, or 0. */
static size_t
utf8_len(const unsigned char *p)
{
	uint32_t cp;
	size_t n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the NUL */
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong, surrogates, beyond Unicode, C1 controls, hidden. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ||
	    (cp >= 0x80 && cp <= 0x9f) || is_hidden(cp))
		return 0;
	return n;
}

char *
escape_name(const char *in, char *out, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)in;
	size_t o = 0, n, i;
	char e[5];

	if (len == 0)
		return out;
	while (*p != '\0') {
		n = 0;
		if (*p >= 0x20 && *p < 0x7f && *p != '\\')
			e[n++] = (char)*p;
		else if (*p == '\\' || *p == '\n' || *p == '\t') {
			e[n++] = '\\';
			e[n++] = *p == '\n' ? 'n' : *p == '\t' ? 't' : '\\';
		} else if (*p >= 0x80 && (n = utf8_len(p)) > 0) {
			if (o + n >= len)
				break;
			for (i = 0; i < n; i++)
				out[o++] = (char)p[i];
			p += n;
			continue;
		} else {
			e[n++] = '\\';
			e[n++] = 'x';
			e[n++] = hex[*p >> 4];
			e[n++] = hex[*p & 15];
		}
		if (o + n >= len)
			break;
		for (i = 0; i < n; i++)
			out[o++] = e[i];
		p++;
	}
	out[o] = '\0';
	return out;
}
