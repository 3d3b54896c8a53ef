/*
 * argspec.h - the selector arguments sctui records, and their names.
 *
 * A curated set of (system call, argument) pairs whose value selects what
 * the call does: clone's namespace flags, socket's family, prctl's option,
 * ioctl's request...  Only scalars: a pointer argument is read by the
 * kernel after any seccomp check, so a rule on what it points to proves
 * nothing.  The model (lib/model/model.c) keeps the distinct values of each
 * one; the summary, sessions and the profile builder show them by name.
 * The names and their values come from the system headers at build time
 * (assets/gen-argnames.sh).  Pure tables: no state.
 */
#ifndef SCTUI_ARGSPEC_H
#define SCTUI_ARGSPEC_H

#include <stddef.h>
#include <stdint.h>

/* One name of a value, as a header spells it. */
struct argname {
	const char	*name;
	uint64_t	 value;
};

struct argspec {
	const char	*call;		/* system call name */
	const char	*what;		/* "family", "flags"... */
	uint8_t		 arg;		/* 0..5 */
	uint8_t		 flags;
#define ARGSPEC_BITS	0x01		/* a set of flags, not one value */
	uint64_t	 mask;		/* the bits recorded */
	const struct argname *names;
	size_t		 nnames;
	/*
	 * ARGSPEC_BITS with a mask that leaves bits out: the value 0 in
	 * words for argspec_label(), "no PROT_EXEC" (the call was made,
	 * without those bits); NULL: "0".
	 */
	const char	*zero;
};

/*
 * The arguments recorded for call: *n specs from the returned pointer, in
 * argument order, or NULL (and *n 0) when none is.  Static storage.
 */
const struct argspec	*argspec_find(const char *call, size_t *n);

/* The spec of argument arg of call, or NULL when none is recorded. */
const struct argspec	*argspec_arg(const char *call, unsigned int arg);

/* The value recorded for raw, the argument as the kernel saw it. */
uint64_t		 argspec_value(const struct argspec *s, uint64_t raw);

/*
 * A set of names from the headers, by the name assets/gen-argnames.sh
 * gives it ("af", "sock", "clone", "sig", "open", "oacc", "at", "map",
 * "protall", "sockf", "sighow"...): *n names from the returned pointer, or
 * NULL (and *n 0) for an unknown set.  Static storage.
 */
const struct argname	*argspec_names(const char *set, size_t *n);

/*
 * v by name into buf of len bytes: "AF_INET", "CLONE_NEWNS|CLONE_NEWUSER",
 * "0" for no flag, hexadecimal for bits or values without a name.
 * Returns buf.
 */
const char		*argspec_format(const struct argspec *s, uint64_t v,
			    char *buf, size_t len);

/*
 * argspec_format() for people: a 0 where the mask leaves bits out is the
 * spec's words ("no PROT_EXEC"), never read as a value of its own
 * (PROT_NONE).  Records that programs read keep argspec_format().
 */
const char		*argspec_label(const struct argspec *s, uint64_t v,
			    char *buf, size_t len);

#endif
