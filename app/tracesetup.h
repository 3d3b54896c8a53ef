/*
 * tracesetup.h - what a run (run.h) sets up around the tracer: the
 * --profile filter, and writing the profile to save.
 */
#ifndef SCTUI_TRACESETUP_H
#define SCTUI_TRACESETUP_H

#include <stddef.h>

struct cli;
struct model;
struct profile;
struct tracer;

/* What --profile gives the tracer: the base profile and its filter. */
struct tracesetup {
	struct profile	*base;		/* NULL without --profile */
	char		*bpf;		/* struct sock_filter[]; NULL: all */
	size_t		 bpf_len;	/* instructions */
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
 * profile_format; 0: docker): the model less the user's toggles, united
 * with the --profile base, plus --runtime's own calls, with
 * --default-action/--errno and sctui's rules.  Returns 0 or -errno, err
 * filled.
 */
int	tracesetup_save(const struct cli *c, const struct model *m,
	    const struct profile *base, int f, const char *path, char *err,
	    size_t errlen);

#endif
