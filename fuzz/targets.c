/*
 * targets.c - fuzz target bodies; see targets.h.
 */
#include "config.h"
#include "targets.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "session.h"

static const struct profile_env env = { SCMP_ARCH_X86_64, NULL, 6 << 16 };

static void
check_writers(const struct profile *p)
{
	struct profile_read_opts docker = { PROFILE_FMT_DOCKER, 0 };
	struct profile_read_opts oci = { PROFILE_FMT_OCI, 0 };
	struct profile_write_opts wo = { "fuzz", &env };
	struct profile *back;
	char *a, *b, msg[2048], err[512];
	size_t la, lb;
	int f;

	if (profile_write(p, PROFILE_FMT_DOCKER, &wo, &a, &la, err,
	    sizeof(err)) != 0)
		abort();
	if (profile_read(a, la, "docker-out", &docker, &back, msg,
	    sizeof(msg)) != 0) {
		fprintf(stderr, "docker output does not read back: %s\n%s\n",
		    msg, a);
		abort();
	}
	if (profile_write(back, PROFILE_FMT_DOCKER, &wo, &b, &lb, err,
	    sizeof(err)) != 0 || la != lb || memcmp(a, b, la) != 0) {
		fprintf(stderr, "docker output is not stable:\n%s\n%s\n", a, b);
		abort();
	}
	free(a);
	free(b);
	profile_free(back);
	if (profile_write(p, PROFILE_FMT_OCI, &wo, &a, &la, err,
	    sizeof(err)) != 0)
		abort();
	if (profile_read(a, la, "oci-out", &oci, &back, msg,
	    sizeof(msg)) != 0) {
		fprintf(stderr, "oci output does not read back: %s\n%s\n",
		    msg, a);
		abort();
	}
	free(a);
	profile_free(back);
	for (f = PROFILE_FMT_K8S; f <= PROFILE_FMT_BPF; f++)
		if (profile_write(p, f, &wo, &a, &la, err, sizeof(err)) == 0)
			free(a);
}

int
fuzz_read(const uint8_t *data, size_t size, enum profile_format f)
{
	struct profile_read_opts o = { f, 0 };
	struct profile *p, *r;
	char msg[4096];
	int skip;

	for (skip = 0; skip <= 1; skip++) {
		o.skip_unknown = skip;
		if (profile_read((const char *)data, size, "fuzz", &o, &p, msg,
		    sizeof(msg)) < 0) {
			if (p != NULL || msg[0] == '\0')
				abort();	/* half-applied or silent */
			continue;
		}
		check_writers(p);
		profile_apply_rules(p);
		r = profile_resolve(p, &env);
		check_writers(r);
		profile_free(r);
		profile_free(p);
	}
	return 0;
}

int
fuzz_session(const uint8_t *data, size_t size)
{
	struct session_meta meta, meta2;
	struct model *m, *m2;
	char err[4096], *a, *b;

	memset(&meta, 0, sizeof(meta));
	if (session_read((const char *)data, size, "fuzz", NULL, &m, &meta,
	    err, sizeof(err)) < 0) {
		if (err[0] == '\0')
			abort();	/* a failure must say why */
		return 0;
	}
	/* What was read writes, reads back, and writes the same bytes. */
	a = session_write(m, &meta);
	memset(&meta2, 0, sizeof(meta2));
	if (a == NULL || session_read(a, strlen(a), "again", NULL, &m2,
	    &meta2, err, sizeof(err)) < 0)
		abort();
	b = session_write(m2, &meta2);
	if (b == NULL || strcmp(a, b) != 0)
		abort();
	free(a);
	free(b);
	model_free(m);
	model_free(m2);
	session_meta_free(&meta);
	session_meta_free(&meta2);
	return 0;
}
