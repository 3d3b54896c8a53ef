/*
 * argspec.c - the recorded selector arguments; see argspec.h.
 */
#include "config.h"
#include "argspec.h"

#include <stdio.h>
#include <string.h>

/* The headers and the argnames_* tables (assets/gen-argnames.sh). */
#include "argnames.inc"

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define NAMES(a)	(a), N(a)
#define INT32		0xffffffffull

/* The namespace bits of clone(2), the ones Docker's default restricts. */
#define NS_MASK		((uint64_t)(CLONE_NEWNS | CLONE_NEWCGROUP | \
			    CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
			    CLONE_NEWPID | CLONE_NEWNET))
#define SOCK_TYPE_MASK	(INT32 & ~(uint64_t)(SOCK_NONBLOCK | SOCK_CLOEXEC))
/* prot recorded for PROT_EXEC alone: 0 is any other protection. */
#define NO_EXEC		"no PROT_EXEC"

/* By call name; one call's arguments next to each other, in order. */
static const struct argspec specs[] = {
	{ "arch_prctl", "code", 0, 0, INT32, NAMES(argnames_arch) },
	{ "clone", "flags", 0, ARGSPEC_BITS, NS_MASK, NAMES(argnames_ns),
	    "no namespace flags" },
	{ "fcntl", "cmd", 1, 0, INT32, NAMES(argnames_fcntl) },
	{ "fcntl64", "cmd", 1, 0, INT32, NAMES(argnames_fcntl) },
	{ "ioctl", "request", 1, 0, INT32, NAMES(argnames_ioctl) },
	{ "kill", "sig", 1, 0, INT32, NAMES(argnames_sig) },
	{ "madvise", "advice", 2, 0, INT32, NAMES(argnames_madv) },
	{ "mmap", "prot", 2, ARGSPEC_BITS, PROT_EXEC, NAMES(argnames_prot),
	    NO_EXEC },
	{ "mmap2", "prot", 2, ARGSPEC_BITS, PROT_EXEC, NAMES(argnames_prot),
	    NO_EXEC },
	{ "mprotect", "prot", 2, ARGSPEC_BITS, PROT_EXEC,
	    NAMES(argnames_prot), NO_EXEC },
	{ "personality", "persona", 0, 0, INT32, NAMES(argnames_per) },
	{ "pkey_mprotect", "prot", 2, ARGSPEC_BITS, PROT_EXEC,
	    NAMES(argnames_prot), NO_EXEC },
	{ "prctl", "option", 0, 0, INT32, NAMES(argnames_pr) },
	{ "setns", "nstype", 1, ARGSPEC_BITS, INT32, NAMES(argnames_ns) },
	{ "socket", "family", 0, 0, INT32, NAMES(argnames_af) },
	{ "socket", "type", 1, 0, SOCK_TYPE_MASK, NAMES(argnames_sock) },
	{ "socketpair", "family", 0, 0, INT32, NAMES(argnames_af) },
	{ "socketpair", "type", 1, 0, SOCK_TYPE_MASK, NAMES(argnames_sock) },
	{ "tgkill", "sig", 2, 0, INT32, NAMES(argnames_sig) },
	{ "tkill", "sig", 1, 0, INT32, NAMES(argnames_sig) },
	{ "unshare", "flags", 0, ARGSPEC_BITS, INT32, NAMES(argnames_clone) },
};

/* Every table of argnames.inc, by the name the script gives it. */
#define SET(a)		{ #a, argnames_##a, N(argnames_##a) }
static const struct {
	const char		*set;
	const struct argname	*names;
	size_t			 n;
} sets[] = {
	SET(af), SET(arch), SET(at), SET(clone), SET(fcntl), SET(ioctl),
	SET(madv), SET(map), SET(ns), SET(oacc), SET(open), SET(per),
	SET(pr), SET(prot), SET(protall), SET(sig), SET(sighow), SET(sock),
	SET(sockf),
};

const struct argname *
argspec_names(const char *set, size_t *n)
{
	size_t i;

	for (i = 0; i < N(sets); i++)
		if (strcmp(sets[i].set, set) == 0) {
			*n = sets[i].n;
			return sets[i].names;
		}
	*n = 0;
	return NULL;
}

const struct argspec *
argspec_find(const char *call, size_t *n)
{
	size_t i, j;

	for (i = 0; i < N(specs); i++)
		if (strcmp(specs[i].call, call) == 0) {
			for (j = i; j < N(specs) &&
			    strcmp(specs[j].call, call) == 0; j++)
				;
			*n = j - i;
			return &specs[i];
		}
	*n = 0;
	return NULL;
}

const struct argspec *
argspec_arg(const char *call, unsigned int arg)
{
	const struct argspec *s;
	size_t i, n;

	s = argspec_find(call, &n);
	for (i = 0; i < n; i++)
		if (s[i].arg == arg)
			return &s[i];
	return NULL;
}

uint64_t
argspec_value(const struct argspec *s, uint64_t raw)
{
	return raw & s->mask;
}

/*
 * The name of v among names: where headers give one value several names,
 * the one with the fewest underscores, then the shortest, then the first
 * in order, so that a sub-option's name never stands for an option.
 */
static const char *
name_of(const struct argspec *s, uint64_t v)
{
	const char *best = NULL, *p;
	size_t i, u, bu = 0;

	for (i = 0; i < s->nnames; i++) {
		if (s->names[i].value != v)
			continue;
		for (u = 0, p = s->names[i].name; *p != '\0'; p++)
			u += *p == '_';
		if (best == NULL || u < bu || (u == bu &&
		    strlen(s->names[i].name) < strlen(best))) {
			best = s->names[i].name;
			bu = u;
		}
	}
	return best;
}

static int
is_bit(uint64_t v)
{
	return v != 0 && (v & (v - 1)) == 0;
}

const char *
argspec_format(const struct argspec *s, uint64_t v, char *buf, size_t len)
{
	const char *name;
	uint64_t bit, left = v;
	size_t off = 0;
	int b;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (!(s->flags & ARGSPEC_BITS)) {
		if ((name = name_of(s, v)) != NULL)
			snprintf(buf, len, "%s", name);
		else
			snprintf(buf, len, "%#llx", (unsigned long long)v);
		return buf;
	}
	if (v == 0) {
		snprintf(buf, len, "0");
		return buf;
	}
	for (b = 0; b < 64; b++) {
		bit = 1ull << b;
		if (!(left & bit) || !is_bit(bit) ||
		    (name = name_of(s, bit)) == NULL)
			continue;
		left &= ~bit;
		off += (size_t)snprintf(buf + off, off < len ? len - off : 0,
		    "%s%s", off ? "|" : "", name);
	}
	if (left != 0)
		snprintf(buf + (off < len ? off : len - 1),
		    off < len ? len - off : 1, "%s%#llx", off ? "|" : "",
		    (unsigned long long)left);
	return buf;
}

const char *
argspec_label(const struct argspec *s, uint64_t v, char *buf, size_t len)
{
	if (v == 0 && s->zero != NULL && len > 0) {
		snprintf(buf, len, "%s", s->zero);
		return buf;
	}
	return argspec_format(s, v, buf, len);
}
