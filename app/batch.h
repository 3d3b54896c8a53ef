/*
 * batch.h - trace without a UI: the tracer feeds the model directly, and a
 * summary, the TSV counts and the profile are written at the end.
 */
#ifndef SCTUI_BATCH_H
#define SCTUI_BATCH_H

struct cli;
struct run;
struct run_opts;

/* Runs batch mode; returns the exit status for sctui. */
int	batch_main(const struct cli *c);

/*
 * batch_main() with the run's options o (opts.ring must be 0).  started,
 * if not NULL, is called once the command runs; a non-zero return ends the
 * trace and is returned as the exit status.
 */
int	batch_trace(const struct cli *c, const struct run_opts *o,
	    int (*started)(void *arg, struct run *r), void *arg);

/*
 * --open with --batch: the summary table of a saved session (or a
 * profile's calls) on stderr, --stats and -o as after a trace.  Returns 0,
 * or 1 when the file cannot be opened or an output not written.
 */
int	batch_open(const struct cli *c);

#endif
