/*
 * escape.h - names and arguments made safe to show.
 *
 * Process names, exec names and command arguments come from the traced
 * program and may hold any byte.  The UI (tui/) and the batch summary
 * (lib/model/summary.c: table and TSV) show them through escape_name(), so that
 * a tab, a newline, a control byte or invalid UTF-8 never reaches a
 * terminal or a TSV field raw.  Pure: no I/O, no allocation.
 */
#ifndef SCTUI_ESCAPE_H
#define SCTUI_ESCAPE_H

#include <stddef.h>

/*
 * Copies the NUL-terminated in to out (len bytes, len >= 1), escaping:
 * \n and \t as themselves, a backslash as "\\", other C0 and C1 control
 * characters, DEL, every byte that is not part of a valid UTF-8 sequence,
 * and each byte of the invisible characters that reorder or hide text
 * (bidi marks, embeddings, overrides and isolates U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069; zero widths, U+2028/U+2029, U+FEFF) as
 * \xHH.  Other valid UTF-8 passes through.  The result is cut short
 * (never in the middle of an escape or a character) to fit; out is always
 * NUL-terminated.  Returns out.
 */
char	*escape_name(const char *in, char *out, size_t len);

#endif
