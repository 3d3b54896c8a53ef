/*
 * read-list.c - the plain list reader: one system call name a line, as
 * people grep them out of strace logs.  Blank lines and # comments (whole
 * lines or after a name) are ignored.  The names are checked against the
 * native arch; the result allows them with errno EPERM as the default.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

#define MAX_NAME	64

int
profile_read_list(const char *data, size_t len, const char *file,
    int skip_unknown, struct profile **out, char *msg, size_t msglen)
{
	uint32_t arch = sysname_native();
	const char *archname = sysname_arch_name(arch);
	struct profile *p = profile_new();
	struct profile_entry *e;
	size_t pos = 0, line = 0, nbad = 0, nskipped = 0;
	int rc = 0;

	profile_add_arch(p, arch);
	e = profile_add_entry(p, PROFILE_ACT_ALLOW, -1, PROFILE_ORIGIN_FILE);
	while (pos < len) {
		size_t start = pos, end, b, n;
		char name[MAX_NAME + 1], sugg[96] = "";
		const char *s;

		while (pos < len && data[pos] != '\n')
			pos++;
		end = pos++;
		line++;
		/* Cut a comment, then trim. */
		for (b = start; b < end && data[b] != '#'; b++)
			;
		end = b;
		while (start < end && isspace((unsigned char)data[start]))
			start++;
		while (end > start && isspace((unsigned char)data[end - 1]))
			end--;
		if (start == end)
			continue;
		n = end - start;
		for (b = start; b < end; b++)
			if (isspace((unsigned char)data[b]) || data[b] == '\0' ||
			    !isprint((unsigned char)data[b]))
				break;
		if (b < end || n > MAX_NAME) {
			pmsg_add(msg, msglen, "%s:%zu: expected one system call "
			    "name on the line, got '%.*s'", file, line,
			    (int)(n > MAX_NAME ? MAX_NAME : n), data + start);
			rc = -EINVAL;
			break;
		}
		xmemcpy(name, data + start, n);
		name[n] = '\0';
		if (seccomp_syscall_resolve_name_arch(arch, name) >= 0) {
			profile_entry_add_name(e, name);
			continue;
		}
		/* The first PROFILE_MAX_UNKNOWN only (see read-docker.c). */
		if (nbad + nskipped >= PROFILE_MAX_UNKNOWN) {
			if (skip_unknown)
				nskipped++;
			else
				nbad++;
			continue;
		}
		if ((s = profile_suggest(arch, name)) != NULL)
			snprintf(sugg, sizeof(sugg), " (did you mean '%s'?)", s);
		if (skip_unknown) {
			nskipped++;
			pmsg_add(msg, msglen, "%s:%zu: skipped '%s': not a "
			    "system call on %s%s", file, line, name, archname,
			    sugg);
		} else {
			nbad++;
			pmsg_add(msg, msglen, "%s:%zu: '%s' is not a system call "
			    "on %s%s", file, line, name, archname, sugg);
		}
	}
	if (nbad + nskipped > PROFILE_MAX_UNKNOWN)
		pmsg_add(msg, msglen, "%s: %zu more unknown names not listed",
		    file, nbad + nskipped - PROFILE_MAX_UNKNOWN);
	if (rc == 0 && nbad > 0)
		rc = -EINVAL;
	if (rc < 0) {
		profile_free(p);
		return rc;
	}
	*out = p;
	return (int)nskipped;
}
