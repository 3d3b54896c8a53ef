/*
 * session.h - a whole exploration saved to a file and opened again.
 *
 * A session holds what the model knows (processes with names, exec
 * history, states and exit statuses; per-process per-syscall per-phase
 * counts with first and last seen; the syscall toggles and live-denial
 * counts) and what the UI showed about the trace (command line, mode,
 * arches, times).  The UI saves one with `w`; `sctui --open FILE` (UI or
 * --batch) rebuilds the model from it without tracing anything, so a
 * trace made on one machine can be explored and turned into a profile
 * where ptrace is not allowed.  --open also takes a plain profile: its
 * allowed calls become rows with zero counts.
 *
 * The format is JSON: an object with "format": "sctui-session" and
 * "version": 1 (see session.c for the fields).  Called by run/run.c, which
 * loads and saves sessions for every front end, and the unit tests (the
 * UI names its files with SESSION_SUFFIX).  Pure apart from file I/O;
 * never prints.
 * Errors are one line in err: "FILE:LINE:COL: ..." for malformed JSON,
 * "FILE: processes[2].syscalls[0].count: ..." for a wrong value.
 */
#ifndef SCTUI_SESSION_H
#define SCTUI_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define SESSION_FORMAT	"sctui-session"
#define SESSION_VERSION	4	/* the one written; 1 to 3 still open */
#define SESSION_SUFFIX	".sctui-session.json"
/*
 * session_load() reads no more.  A process costs about 3.4 KiB of session
 * (1,000 runs of /bin/true: 3.3 MiB), so this is some 20,000 processes.
 */
#define SESSION_MAX_BYTES	(64 << 20)

struct profile;
struct stacks;

/* What a session says beyond the model.  Strings are owned (malloc). */
struct session_meta {
	char		*command;	/* the command line as shown */
	char		*cmdname;	/* base of default file names */
	char		*mode;		/* how it was traced */
	char	       **arches;	/* NULL-terminated arch names */
	uint64_t	 start;		/* trace start, event clock (ns) */
	uint64_t	 saved;		/* save time, event clock (ns) */
	int		 root_status;	/* wait(2) status; -1: none */
	int		 attached;	/* traced with -p */
	int		 from_profile;	/* opened from a plain profile */
	/*
	 * That profile as read (its phase groups, the runtime's entry),
	 * what a save of it builds on; NULL: none.  Owned, freed by
	 * session_meta_free().
	 */
	struct profile	*profile;
	/*
	 * The first stacks (lib/model/stacks.h); NULL: none.  Read: owned,
	 * freed by session_meta_free().  Written: only read.
	 */
	struct stacks	*stacks;
};

void	session_meta_free(struct session_meta *s);

/*
 * The session as JSON text (malloc'd, NUL-terminated; caller frees).  The
 * same model and meta give the same bytes.
 */
char	*session_write(const struct model *m, const struct session_meta *meta);

/* session_write() to path atomically.  Returns 0 or -errno, err filled. */
int	 session_save(const char *path, const struct model *m,
	    const struct session_meta *meta, char *err, size_t errlen);

/*
 * A new model (opts as for model_new) from the session text data (len
 * bytes); file names it in messages.  Fills *meta (caller frees with
 * session_meta_free).  Returns 0, -EINVAL with err filled, or -ENOMSG when
 * data is a JSON object without a "format" (so maybe a profile).
 */
int	 session_read(const char *data, size_t len, const char *file,
	    const struct model_opts *opts, struct model **out,
	    struct session_meta *meta, char *err, size_t errlen);

/*
 * A model whose syscalls are the calls p allows on this machine (native
 * arch), each with zero counts, and no processes; the calls p denies by
 * hand (profile_deny) are there too, toggled off.
 */
struct model *session_from_profile(const struct profile *p,
	    const struct model_opts *opts);

/*
 * Opens path ("-" is stdin): a session, or else a profile in any format
 * profile_read() takes (then meta->from_profile is set).  Reads at most
 * SESSION_MAX_BYTES, and at most PROFILE_MAX_BYTES of a profile.  Returns
 * 0 or -errno (-EFBIG: too large) with err filled.
 */
int	 session_load(const char *path, const struct model_opts *opts,
	    struct model **out, struct session_meta *meta, char *err,
	    size_t errlen);

#endif
