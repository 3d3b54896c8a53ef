/*
 * textesc.c - untrusted text made safe to print; see textesc.h.
 */
#include "config.h"
#include "textesc.h"

#include <stdint.h>
#include <stdio.h>

/* The length of the well-formed UTF-8 sequence at s, or 0. */
static size_t
utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;	/* the NUL terminator stops here too */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;	/* overlong, too large, or a surrogate */
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;	/* C1 controls: CSI and friends */
	return n;
}

char *
textesc(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, n;

	while (*p != '\0') {
		n = utf8_len(p);
		if (n == 1 && (*p < 0x20 || *p == 0x7f || *p == '\\'))
			n = 0;
		if (n == 0) {
			if (o + 4 >= len)
				break;
			snprintf(buf + o, 5, "\\x%02x", *p);
			o += 4;
			p++;
			continue;
		}
		if (o + n >= len)
			break;
		while (n-- > 0)
			buf[o++] = (char)*p++;
	}
	buf[o] = '\0';
	return buf;
}
