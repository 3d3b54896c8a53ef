/*
 * summary.h - the batch-mode report of a model, as a table or as TSV.
 *
 * Called by batch mode (app/batch.c) once tracing is over.  Pure apart from
 * writing to the FILE given.
 */
#ifndef SCTUI_SUMMARY_H
#define SCTUI_SUMMARY_H

#include <stddef.h>
#include <stdio.h>

struct model;
struct model_sys;
struct sysdoc;

/*
 * A table like strace -c, with phases and process counts: one row per
 * syscall (per arch where more than one arch was seen), busiest first;
 * then, when any was recorded, one row per argument value
 * (lib/model/argspec.h) with the pids that made it ("+": more).
 */
void	summary_table(const struct model *m, FILE *f);

/*
 * Machine-readable counts, one record a line, tab-separated, sorted:
 *   sys   ARCH NAME TOTAL STARTUP SERVING SHUTDOWN PROCS
 *   proc  PID PPID NAME STATUS THREADS EXECS
 *   psys  PID ARCH NAME TOTAL STARTUP SERVING SHUTDOWN
 *   arg   ARCH NAME ARGUMENT VALUE TOTAL STARTUP SERVING SHUTDOWN PIDS
 *   argmany ARCH NAME ARGUMENT CALLS
 * STATUS is "exit N", "signal NAME", "ended" (status unknown) or "live"; EXECS is the exec'd names
 * joined by '>' or "-".  NAME and EXECS are escaped with escape_name().
 * VALUE is by name (argspec_format()); PIDS are joined by ',' ("+": more,
 * "-": none known); "argmany" counts the calls past the bound of distinct
 * values (MODEL_ARG_MAX).
 */
void	summary_tsv(const struct model *m, FILE *f);

/*
 * What a filter installed once the program serves would change, in two
 * lines each starting with prefix: "59 calls allowed for the whole run, 20
 * still needed once serving" and "39 seen in startup only, which a
 * serving-only filter would drop: 1 high-risk, 2 medium-risk: mount,
 * setgid, setuid" (risk from assets/syscalls.tsv, lib/model/sysdoc.h;
 * nothing after "drop" when the table cannot be read or none is dropped).
 * dropped: the names, sorted.  served 0 (no call was seen serving): one line that says
 * so instead, and how to mark a server's serving.
 */
void	summary_phases(FILE *f, const char *prefix, size_t whole,
	    size_t serving, char *const *dropped, size_t ndropped, int served);

/*
 * "exit 3", "signal SEGV" or "live" for a wait(2) status (-1: live);
 * "ended" for SC_STATUS_UNKNOWN.
 */
void	summary_status(int status, char *buf, size_t len);
/*
 * 1 if the wait(2) status tells a failure: death by a signal or a non-zero
 * exit; 0 for exit 0, live (-1) and SC_STATUS_UNKNOWN.
 */
int	summary_failed(int status);

/* What a serving-only profile would drop from the whole run's. */
struct summary_drop {
	size_t	calls;		/* distinct calls (arch, number) seen */
	size_t	serving;	/* of those, seen while serving */
	size_t	dropped;	/* of those, model_sys_startup_only() */
	size_t	high;		/* of the dropped, rated SYSDOC_HIGH */
	size_t	medium;		/* of the dropped, rated SYSDOC_MEDIUM */
};

/*
 * Counts into out what a profile for the serving phase alone would drop,
 * with the risk levels of doc (lib/model/sysdoc.h; NULL: high and medium
 * stay 0).  names, if not NULL, gets the names of the dropped calls rated
 * medium or high, joined by ", " in the model's order (cut to len).
 * Pure: the caller owns all.
 */
void	summary_drop(const struct model *m, const struct sysdoc *doc,
	    struct summary_drop *out, char *names, size_t len);

#endif
