/*
 * textesc.h - untrusted text made safe to print on a terminal or in TSV.
 *
 * A traced program chooses its own name (prctl(PR_SET_NAME), the name of
 * the file it execs) and a profile file may hold any bytes: both reach
 * sctui's messages and reports.  Called by the profile readers' messages
 * (lib/profile.c pmsg_add), the TSV report (lib/summary.c) and batch mode
 * (tui/batch.c).  Pure.
 */
#ifndef SCTUI_TEXTESC_H
#define SCTUI_TEXTESC_H

#include <stddef.h>

/*
 * Copies s into buf (len bytes, len > 0; always NUL-terminated, cut at a
 * character boundary when too long).  Printable ASCII and well-formed UTF-8
 * are kept; every other byte is written \xNN: the C0 controls (tab and
 * newline too), DEL, the C1 controls (U+0080..U+009F), each byte of
 * malformed UTF-8, and the backslash itself, so the result is unambiguous.
 * Returns buf.
 */
char	*textesc(const char *s, char *buf, size_t len);

#endif
