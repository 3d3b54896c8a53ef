/*
 * sysdoc.h - what each system call does and why it may be dangerous.
 *
 * Loads assets/syscalls.tsv (installed as $(pkgdatadir)/syscalls.tsv) into
 * a read-only table keyed by system call name.  Each entry has a one-line
 * description, a risk category, a risk level and a note on why the call may
 * be dangerous in a container.  Called by the TUI's details pane and by the
 * batch summary, with names from lib/model/sysname.h.  Once loaded the
 * table is never changed, so any thread may look names up in it.
 *
 * The file: '#' starts a comment line, blank lines are skipped, and every
 * other line holds five fields separated by single tabs:
 *	name  category  level  description  note
 * See the header of assets/syscalls.tsv for the rules sysdoc_load() checks.
 */
#ifndef SCTUI_SYSDOC_H
#define SCTUI_SYSDOC_H

#include <stddef.h>

/* The file's name inside the data folder. */
#define SYSDOC_FILE		"syscalls.tsv"
/* The environment variable naming a data folder to use instead. */
#define SYSDOC_ENV		"SCTUI_DATADIR"
/* Room the caller gives for an error message; longer ones are cut. */
#define SYSDOC_ERR_MAX		512
/* Longest description and note, in bytes: they fit one line of a pane. */
#define SYSDOC_DESC_MAX		100
#define SYSDOC_NOTE_MAX		100
#define SYSDOC_NAME_MAX		64

/* How risky a call is in a container, in increasing order. */
enum sysdoc_level {
	SYSDOC_NONE,
	SYSDOC_LOW,
	SYSDOC_MEDIUM,		/* worth a look: the UI marks it */
	SYSDOC_HIGH,		/* can reach the host: the UI marks it */
};

struct sysdoc_entry {
	const char		*name;
	const char		*category;	/* one of sysdoc_category() */
	enum sysdoc_level	 level;
	const char		*desc;		/* never empty */
	const char		*note;		/* "" when nothing notable */
};

/* A loaded table; opaque. */
struct sysdoc;

/*
 * Load the table from path into *out.  On failure *out is left alone and
 * a one-line message is written to err (errlen bytes, cut to fit; err may
 * be NULL): "PATH: cannot open: REASON" for a file that cannot be read,
 * "PATH:LINE: what is wrong" for a malformed line.  Returns 0, or
 *	-ENOENT, -EACCES...	the file could not be opened (fopen's errno)
 *	-EIO			a read error
 *	-EFBIG			the file is larger than any real table
 *	-EINVAL			a malformed line, a duplicate name, no entries
 * The caller frees the table with sysdoc_free().  Exits through fatal() on
 * out-of-memory.
 */
int	 sysdoc_load(const char *path, struct sysdoc **out, char *err,
	    size_t errlen);

/*
 * The default path of the table into buf: $SCTUI_DATADIR/syscalls.tsv when
 * that variable is set and not empty, else $(pkgdatadir)/syscalls.tsv as
 * configured at build time.  Returns 0, or -ENAMETOOLONG if buf is short.
 */
int	 sysdoc_default_path(char *buf, size_t len);

/*
 * sysdoc_load() on sysdoc_default_path().  Errors as sysdoc_load(); a
 * missing file's message also says to set SCTUI_DATADIR or run make
 * install.
 */
int	 sysdoc_load_default(struct sysdoc **out, char *err, size_t errlen);

/* Free a table and all its strings; NULL is allowed. */
void	 sysdoc_free(struct sysdoc *doc);

/*
 * The entry for a system call name, or NULL if the table has none.  The
 * entry and its strings live as long as the table.
 */
const struct sysdoc_entry *sysdoc_find(const struct sysdoc *doc,
	    const char *name);

/* The number of entries, and entry i of them in strcmp order of name. */
size_t	 sysdoc_count(const struct sysdoc *doc);
const struct sysdoc_entry *sysdoc_entry(const struct sysdoc *doc, size_t i);

/* "none", "low", "medium", "high". */
const char *sysdoc_level_name(enum sysdoc_level level);

/* The level named s, or -EINVAL if s names none. */
int	 sysdoc_level_parse(const char *s);

/*
 * Category i of the fixed set, for i from 0; NULL past the last one.
 * sysdoc_category_valid() is 1 when s is one of them, else 0.
 */
const char *sysdoc_category(size_t i);
int	 sysdoc_category_valid(const char *s);

#endif
