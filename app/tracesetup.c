/*
 * tracesetup.c - shared set-up of a trace; see tracesetup.h.
 */
#include "config.h"
#include "tracesetup.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "build.h"
#include "profile.h"
#include "profilecmd.h"
#include "sysname.h"
#include "tracer.h"

int
tracesetup_profile(const struct cli *c, struct tracesetup *s)
{
	scmp_filter_ctx ctx;
	struct profile_env env;
	char err[1024];
	size_t len = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	if (c->profile == NULL)
		return 0;
	if ((s->base = profilecmd_load(c->profile, 0)) == NULL)
		return -EINVAL;
	/*
	 * What the profile lacks is what its default would stop.  A default
	 * that allows stops nothing: tracing from it would report every call
	 * it does not list as lacking, though it allows them all.
	 */
	if (s->base->def_action == PROFILE_ACT_ALLOW ||
	    s->base->def_action == PROFILE_ACT_LOG) {
		fprintf(stderr, "sctui: %s: its defaultAction %s allows every "
		    "call it does not list, so no call can be missing from it: "
		    "trace without --profile to see what the program needs, or "
		    "run it under the profile with --enforce\n", c->profile,
		    s->base->def_action == PROFILE_ACT_ALLOW ?
		    "SCMP_ACT_ALLOW" : "SCMP_ACT_LOG");
		return -EINVAL;
	}
	cli_env(c, &env);
	rc = profile_filter(s->base, &env, SCMP_ACT_TRACE(0),
	    SCMP_ACT_TRACE(0), 0, &ctx, err, sizeof(err));
	if (rc == 0) {
		rc = profile_export(ctx, 1, &s->bpf, &len, err, sizeof(err));
		seccomp_release(ctx);
	}
	if (rc < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->profile, err);
		return rc;
	}
	s->bpf_len = len / 8;	/* struct sock_filter is 8 bytes */
	return 0;
}

void
tracesetup_free(struct tracesetup *s)
{
	profile_free(s->base);
	free(s->bpf);
	runtime_set_free(&s->runtime);
	memset(s, 0, sizeof(*s));
}

const char *
tracesetup_mode_name(const struct tracesetup *s, const struct tracer *t)
{
	if (s->base == NULL)
		return tracer_mode_name(tracer_mode(t));
	switch (tracer_mode(t)) {
	case TRACER_NOTIFY:
		return "seccomp user notification from a profile";
	case TRACER_SECCOMP:
		return "seccomp fast path from a profile";
	default:
		return "ptrace from a profile";
	}
}

int
tracesetup_save(const struct cli *c, const struct model *m,
    struct tracesetup *s, int f, const char *path, char *err,
    size_t errlen)
{
	struct profile_build b = { 0 };
	struct profile_write_opts o = { NULL, NULL };
	struct profile_env env;
	struct profile *p;
	int rc;

	b.runtime_name = c->runtime ? c->runtime : PROFILE_BUILD_RUNTIME;
	if (!s->have_runtime) {
		if (runtime_baseline(b.runtime_name, NULL, &s->runtime, err,
		    errlen) < 0)
			return -ENOENT;
		s->have_runtime = 1;
	}
	b.model = m;
	b.base = s->base;
	b.runtime = &s->runtime;
	b.default_action = c->default_action;
	b.errno_ret = c->errno_ret;
	p = profile_build(&b);
	cli_env(c, &env);
	o.env = &env;
	rc = profile_save(p, path, f ? (enum profile_format)f :
	    PROFILE_FMT_DOCKER, &o, err, errlen);
	profile_free(p);
	return rc;
}
