/*
 * batch.h - trace without a UI: the tracer feeds the model directly, and a
 * summary, the TSV counts and the profile are written at the end.
 */
#ifndef SCTUI_BATCH_H
#define SCTUI_BATCH_H

struct cli;

/* Runs batch mode; returns the exit status for sctui. */
int	batch_main(const struct cli *c);

/*
 * --open with --batch: the summary table of a saved session (or a
 * profile's calls) on stderr, --stats and -o as after a trace.  Returns 0,
 * or 1 when the file cannot be opened or an output not written.
 */
int	batch_open(const struct cli *c);

#endif
