/*
 * write-oci.c - an OCI runtime's linux.seccomp object (JSON), for the
 * machine described by the options: Docker's form without what runtimes
 * other than Docker do not read (includes, excludes, archMap, comments
 * but the phases of allowed calls and "denied by hand", which runtimes
 * ignore).
 */
#include "config.h"

#include "profile-int.h"

int
profile_write_oci(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	struct profile *r = profile_resolve(p, opts ? opts->env : NULL);
	int rc;

	(void)err;
	(void)errlen;
	rc = profile_write_json(r, 1, buf, len);
	profile_free(r);
	return rc;
}
