/*
 * runtime.h - the system calls a container runtime makes itself.
 *
 * A runtime loads the container's seccomp filter and then, before it execs
 * the program, makes a few calls of its own (runc: fstatfs for its
 * /proc/self/fd check, getdents64, write, execve...; without
 * noNewPrivileges also capset, setgroups, setuid...).  A profile that holds
 * only what the program was traced making does not even start the
 * container.  These sets were measured against the real runtimes by
 * assets/runtime/measure.sh and are kept, one file per runtime, in
 * DATADIR/runtime/NAME: one name a line, '#' starts a comment.
 *
 * Called by the command line (--runtime) and the profile code, which add
 * the names as allowed and show them as "runtime".  Pure apart from reading
 * the file; never prints.
 */
#ifndef SCTUI_RUNTIME_H
#define SCTUI_RUNTIME_H

#include <stddef.h>

/* The names --runtime takes, NULL-terminated; "none" adds nothing. */
extern const char *const runtime_names[];

/* A runtime's set: sorted, without duplicates. */
struct runtime_set {
	char	**names;	/* count strings, each owned by the set */
	size_t	  count;
};

/*
 * Reads the set of runtime name ("docker", "podman", "runc", "crun" or
 * "none") from datadir/runtime/NAME; datadir NULL means lib/support/datadir.h's
 * datadir().  "none" gives an empty set and reads nothing.  The names are
 * checked for form only (lower-case letters, digits, '_'): whether the
 * arch has them is for the profile code to say, since a file measured on
 * x86_64 may be read elsewhere.
 *
 * On success returns 0 and fills *set, which the caller frees with
 * runtime_set_free().  On failure *set is empty, err holds a one-line
 * message that names the cause and the fix, and the return is
 *   -EINVAL   name is not a known runtime;
 *   -ENOENT   the file is missing (or another -errno from opening or
 *             reading it);
 *   -EBADMSG  a line of the file is not a system call name (file:line).
 */
int	runtime_baseline(const char *name, const char *datadir,
	    struct runtime_set *set, char *err, size_t errlen);

/* 1 if name is one of runtime_names, else 0. */
int	runtime_known(const char *name);

/* 1 if set holds name, else 0. */
int	runtime_set_has(const struct runtime_set *set, const char *name);

/* Frees the names of set and empties it; an empty set is fine. */
void	runtime_set_free(struct runtime_set *set);

#endif
