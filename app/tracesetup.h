/*
 * tracesetup.h - what a run (run.h) sets up around the tracer: the
 * --profile filter, and writing the profile to save.
 */
#ifndef SCTUI_TRACESETUP_H
#define SCTUI_TRACESETUP_H

#include <stddef.h>

#include "runtime.h"

struct cli;
struct model;
struct profile;
struct tracer;

/* What --profile gives the tracer: the base profile and its filter. */
struct tracesetup {
	struct profile	*base;		/* NULL without --profile */
	char		*bpf;		/* struct sock_filter[]; NULL: all */
	size_t		 bpf_len;	/* instructions */
	struct runtime_set runtime;	/* --runtime's calls, read on first save */
	int		 have_runtime;
};

/*
 * Loads c->profile, if any, and builds the tracee's filter from it: what
 * the profile allows (and its other rules) as it says, everything else
 * SECCOMP_RET_TRACE.  Returns 0 or -errno with the error printed.
 */
int	tracesetup_profile(const struct cli *c, struct tracesetup *s);
void	tracesetup_free(struct tracesetup *s);

/* The mode in force for the header, the batch line and sessions. */
const char *tracesetup_mode_name(const struct tracesetup *s,
	    const struct tracer *t);

/*
 * Writes the profile to save to path in format f (an enum
 * profile_format; 0: docker): profile_build() of the model with s's
 * --profile base, --runtime's own calls (read into s on the first save)
 * and --default-action/--errno.  s may be zeroed (no --profile).
 * Returns 0 or -errno, err filled.
 */
int	tracesetup_save(const struct cli *c, const struct model *m,
	    struct tracesetup *s, int f, const char *path, char *err,
	    size_t errlen);

#endif
