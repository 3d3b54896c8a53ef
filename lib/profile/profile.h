/*
 * profile.h - seccomp profiles in memory: build, read, write, merge, diff,
 * and turn into a libseccomp filter.
 *
 * A profile is what Docker's seccomp JSON can say: a default action, the
 * architectures, and entries that give a list of names an action, with
 * optional argument conditions and optional includes/excludes (capabilities,
 * arches, minimum kernel) that decide whether the entry applies on a given
 * machine.  Each entry also remembers where it came from (traced, runtime
 * baseline, loaded file, user, sctui's own rules) and, after a merge, which
 * inputs contributed it.
 *
 * Callers: batch mode and the TUI's save dialog (profile_build() in
 * lib/profile/build.h, then profile_save), the profile commands
 * (app/profilecmd.c: --convert, --merge, --diff), and the enforcing and from-profile tracing modes
 * (profile_load, then profile_filter).
 *
 * Pure apart from file I/O: nothing here prints.  Functions that can fail
 * return 0 or -errno and fill a caller's err buffer with a message that
 * names the file, the place in it and the cause.  The struct fields are
 * public for reading; change a profile only through the functions below.
 * Not thread-safe (lib/model/sysname.h is not).
 */
#ifndef SCTUI_PROFILE_H
#define SCTUI_PROFILE_H

#include <seccomp.h>
#include <stddef.h>
#include <stdint.h>

struct model;
struct model_arg;
struct model_sys;

enum profile_action {
	PROFILE_ACT_KILL_PROCESS,
	PROFILE_ACT_KILL_THREAD,	/* also read from SCMP_ACT_KILL */
	PROFILE_ACT_TRAP,
	PROFILE_ACT_ERRNO,
	PROFILE_ACT_TRACE,
	PROFILE_ACT_LOG,
	PROFILE_ACT_ALLOW
};

/* Where an entry came from; shown in the UI next to each call. */
enum profile_origin {
	PROFILE_ORIGIN_FILE,		/* read from a profile file */
	PROFILE_ORIGIN_TRACED,		/* seen while tracing */
	PROFILE_ORIGIN_RUNTIME,		/* a container runtime's own calls */
	PROFILE_ORIGIN_USER,		/* added by the user */
	PROFILE_ORIGIN_RULE		/* added by profile_apply_rules() */
};

/* One argument condition: libseccomp's struct scmp_arg_cmp. */
struct profile_arg {
	unsigned	 index;		/* 0..5 */
	enum scmp_compare op;
	uint64_t	 value;
	uint64_t	 value_two;	/* the datum of SCMP_CMP_MASKED_EQ */
};

/* Docker's includes/excludes: an empty field does not take part. */
struct profile_cond {
	char		**caps;		/* "CAP_SYS_ADMIN", sorted */
	size_t		  ncaps;
	uint32_t	 *arches;	/* SCMP_ARCH_* */
	size_t		  narches;
	uint32_t	  min_kernel;	/* major << 16 | minor; 0: none */
};

struct profile_entry {
	char		**names;	/* as given; may repeat */
	size_t		  nnames;
	enum profile_action action;
	int		  errno_ret;	/* -1: not given (EPERM for errno) */
	struct profile_arg *args;	/* all must match */
	size_t		  nargs;
	char		 *comment;	/* NULL: none */
	struct profile_cond includes, excludes;
	enum profile_origin origin;
	uint32_t	  sources;	/* bit i: input i of a merge */
	uint8_t		  phases;	/* bit 1 << enum phase (lib/model/
					 * model.h) per phase the calls were
					 * seen in; 0: unknown */
	uint8_t		  denied;	/* 1: calls the user denied on
					 * purpose (PROFILE_DENIED_TEXT) */
};

/* The comment of an entry of calls denied by hand, in every form. */
#define PROFILE_DENIED_TEXT	"denied by hand"

/* Every phase: startup, serving and shutdown. */
#define PROFILE_PHASES_ALL	0x07

/* Docker's archMap: the sub-arches that come with a native arch. */
struct profile_archmap {
	uint32_t	  arch;
	uint32_t	 *subs;
	size_t		  nsubs;
};

/*
 * Argument values seen for one syscall argument (profile_observe_arg), or
 * allowed by a rule the user asked for (profile_observe_rule).
 */
struct profile_obs {
	char		 *name;
	unsigned	  index;
	uint64_t	  mask;		/* 0: a rule only where sctui makes
					   one (profile_arg_rule); else the
					   user's: SCMP_CMP_MASKED_EQ mask */
	uint64_t	 *values;	/* sorted, unique */
	size_t		  nvalues;
};

struct profile {
	enum profile_action def_action;
	int		  def_errno;	/* -1: not given (EPERM) */
	uint32_t	 *arches;	/* "architectures" */
	size_t		  narches;
	struct profile_archmap *archmap;
	size_t		  narchmap;
	char		**flags;	/* SECCOMP_FILTER_FLAG_* names */
	size_t		  nflags;
	struct profile_entry *entries;
	size_t		  nentries;
	struct profile_obs *obs;
	size_t		  nobs;
};

/* ---- building ---- */

/* An empty profile: errno EPERM by default, no arches, no entries. */
struct profile	*profile_new(void);
void		 profile_free(struct profile *p);
struct profile	*profile_dup(const struct profile *p);

/*
 * Appends an entry with no names and returns it (valid until the next
 * profile_add_entry).  errno_ret -1 means "not given".
 */
struct profile_entry *profile_add_entry(struct profile *p,
		    enum profile_action action, int errno_ret,
		    enum profile_origin origin);
/* Replaces an entry's comment with a copy of comment (NULL: none). */
void		 profile_entry_set_comment(struct profile_entry *e,
		    const char *comment);
/* Appends a copy of name / of an argument condition to an entry. */
void		 profile_entry_add_name(struct profile_entry *e,
		    const char *name);
void		 profile_entry_add_arg(struct profile_entry *e,
		    unsigned index, enum scmp_compare op, uint64_t value,
		    uint64_t value_two);
/* Adds arch (SCMP_ARCH_*) to p->arches unless it is there. */
void		 profile_add_arch(struct profile *p, uint32_t arch);

/*
 * Records that argument index of syscall name was seen with value while
 * tracing.  profile_apply_rules() turns the values seen for clone (its
 * namespace flags), socket and socketpair (the address family) and
 * personality into argument rules.
 */
void		 profile_observe_arg(struct profile *p, const char *name,
		    unsigned index, uint64_t value);

/*
 * Records that argument index of syscall name may take value (under mask)
 * because the user denied some of its other values: profile_apply_rules()
 * limits name to the values so recorded, on any argument, with
 * SCMP_CMP_MASKED_EQ mask.  mask must not be 0.
 */
void		 profile_observe_rule(struct profile *p, const char *name,
		    unsigned index, uint64_t mask, uint64_t value);

/* The namespace flags of clone(2), which Docker's default denies. */
#define PROFILE_CLONE_NS_MASK	0x7E020000ull

/* 1 if the values seen of argument index of name become rules. */
int		 profile_arg_rule(const char *name, unsigned index);

/*
 * 1 if the profile built from the model limits argument a of s to the
 * values allowed: sctui's own rule (profile_arg_rule), or the user denied
 * one of its values; never past the bound of values recorded.
 */
int		 profile_model_arg_rule(const struct model_sys *s,
		    const struct model_arg *a);

/* The calls that can never be denied (exit, exit_group, ...), NULL-ended. */
extern const char *const profile_locked[];
int		 profile_is_locked(const char *name);

/*
 * sctui's rules (shared/DESIGN.md "Profiles"), applied in place:
 * - the locked calls are allowed;
 * - a call denied by hand that an entry allows is allowed (its denial
 *   dropped: profile_deny() is how a denial wins); the entries denied by
 *   hand fail with the profile's default errno (EPERM when the default
 *   is no errno);
 * - when clone is allowed and no entry names clone3, clone3 gets errno
 *   ENOSYS so that a newer libc falls back to clone;
 * - clone, socket, socketpair and personality, when allowed without
 *   conditions and with values observed (profile_observe_arg), are
 *   limited to those values, clone's on its namespace flags alone
 *   (SCMP_CMP_MASKED_EQ PROFILE_CLONE_NS_MASK); so is any call with values
 *   recorded by profile_observe_rule, on those arguments.  A call limited
 *   on one argument gets one entry per value (conditions in one entry are
 *   ANDed); on several, one entry per combination of their values.
 * Idempotent.  Added entries have PROFILE_ORIGIN_RULE.
 */
void		 profile_apply_rules(struct profile *p);

/*
 * The profile of what the model saw: every call the user left allowed on
 * every arch it was seen on (one denied on some arch is left out: an
 * entry cannot name a call on one arch alone), as traced entries, on the
 * arches seen (the native arch when nothing was seen), with the values
 * recorded for the rules' arguments observed (lib/model/argspec.h; none
 * for an argument past the bound) and profile_apply_rules() applied.
 * clone3 seen is clone without namespace flags (clone3 then gets ENOSYS,
 * and libc falls back to clone).
 * Never NULL.
 */
struct profile	*profile_from_model(const struct model *m);

/* 1 if name has an entry with action allow or log (any conditions). */
int		 profile_allows(const struct profile *p, const char *name);

/*
 * The phases of an allowing entry, as its comment in the files sctui
 * writes: "startup only", "serving only", "shutdown only", "startup and
 * serving", "startup and shutdown", "serving and shutdown", "every phase";
 * NULL for 0 (unknown).  profile_phases_parse() is the reverse: the bits
 * of exactly one of those wordings, 0 for any other text or NULL.
 */
const char	*profile_phases_text(uint8_t phases);
uint8_t		 profile_phases_parse(const char *comment);

/*
 * The phases name was seen in, over the entries of p that allow it and
 * carry no comment of their own: their bits united, 0 (unknown) when one
 * of them has none or none allows name.
 */
uint8_t		 profile_name_phases(const struct profile *p, const char *name);

/*
 * What a filter installed once a process serves could drop from p: the
 * distinct names p allows (whole), those still needed once serving (seen
 * after startup, or of unknown phases), and the rest, seen in startup only
 * (dropped, sorted, malloc'd).  known: some entry carries phases at all;
 * served: some allowing entry's calls were seen serving.
 */
struct profile_phase_split {
	size_t		  whole;
	size_t		  serving;
	char		**dropped;
	size_t		  ndropped;
	int		  known;
	int		  served;
};

void		 profile_phase_split(const struct profile *p,
		    struct profile_phase_split *s);
void		 profile_phase_split_free(struct profile_phase_split *s);

/*
 * Calls the user denied on purpose: kept in the profile as an explicit
 * entry (errno with the profile's default errno, EPERM when the default is
 * no errno; PROFILE_DENIED_TEXT as its comment), so that no later trace,
 * runtime set or merge allows them again without being told.
 * profile_deny() takes name out of every allowing entry and into that
 * entry (the locked calls excepted); profile_undeny() takes it out of
 * every entry that denies by hand (the user allowed it again);
 * profile_denies() is 1 when an entry denies name by hand.
 */
void		 profile_deny(struct profile *p, const char *name);
void		 profile_undeny(struct profile *p, const char *name);
int		 profile_denies(const struct profile *p, const char *name);

/*
 * The names p denies by hand, sorted and unique, in *names (malloc'd,
 * free each and the array); returns how many.
 */
size_t		 profile_denied_names(const struct profile *p, char ***names);

/* Bit i set: input i of profile_merge() contributed an entry with name. */
uint32_t	 profile_name_sources(const struct profile *p,
		    const char *name);

/* ---- names ---- */

/* "kill-process", "errno"...; parse accepts "kill" for kill-process. */
const char	*profile_action_name(enum profile_action a);
int		 profile_action_parse(const char *s, enum profile_action *a);

/*
 * A syscall name close to name on arch (pread -> pread64, a small edit
 * distance otherwise), or NULL.  The string is libseccomp's or static.
 */
const char	*profile_suggest(uint32_t arch, const char *name);

/* ---- reading ---- */

enum profile_format {
	PROFILE_FMT_AUTO,	/* reading: JSON if it starts with '{' */
	PROFILE_FMT_DOCKER,	/* Docker/Moby seccomp JSON */
	PROFILE_FMT_OCI,	/* linux.seccomp, bare or in a config.json */
	PROFILE_FMT_LIST,	/* names, one a line, # comments */
	PROFILE_FMT_K8S,	/* writing only: SPO SeccompProfile YAML */
	PROFILE_FMT_SYSTEMD,	/* writing only: SystemCallFilter= */
	PROFILE_FMT_PFC,	/* writing only: libseccomp's PFC text */
	PROFILE_FMT_BPF		/* writing only: raw BPF */
};

/* "docker", "oci"...; parse returns -1 for an unknown name. */
const char	*profile_format_name(enum profile_format f);
int		 profile_format_parse(const char *s);

struct profile_write_opts;

/*
 * A reader: the profile in data (len bytes, need not be NUL-terminated),
 * file naming it in messages; with skip_unknown, names that are no system
 * call are dropped and counted.  Returns that count, or -EINVAL with msg
 * filled (one line per problem).
 */
typedef int	(*profile_reader)(const char *data, size_t len,
		    const char *file, int skip_unknown, struct profile **out,
		    char *msg, size_t msglen);
/* A writer: see profile_write(). */
typedef int	(*profile_writer)(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);

/*
 * The formats, in the order people are offered them (lib/profile/
 * formats.c): everything that reads, writes, parses --format or lists
 * formats (--help, the save dialog) goes through this table.  Adding a
 * format is one row here and one reader or writer file.
 */
struct profile_format_info {
	enum profile_format format;
	const char	*name;		/* --format's word */
	const char	*suffix;	/* the usual ending of its file names */
	const char	*desc;		/* one line, for people */
	int		 args;		/* 1: can carry argument rules */
	int		 denials;	/* 1: can record calls denied by
					 * hand (profile_deny) */
	profile_reader	 read;		/* NULL: cannot be read */
	profile_writer	 write;		/* NULL: cannot be written */
};

extern const struct profile_format_info profile_formats[];
extern const size_t profile_nformats;

/* The row of format f; NULL for AUTO or an unknown value. */
const struct profile_format_info *profile_format_info(enum profile_format f);

/*
 * The names of the formats that can be written (writable) or read, as
 * "docker, oci, k8s, systemd, pfc or bpf", into buf; deflt (AUTO: none)
 * is marked "docker (default)".
 */
void		 profile_format_list(int writable, enum profile_format deflt,
		    char *buf, size_t len);

struct profile_read_opts {
	enum profile_format format;	/* AUTO, DOCKER, OCI or LIST */
	int		 skip_unknown;	/* drop unknown names, say which */
};

/*
 * Reads the profile in data (len bytes; need not be NUL-terminated); file
 * is the name used in messages.  opts may be NULL (AUTO, strict).
 *
 * Every name is checked with libseccomp on the profile's arches (the
 * native arch when it names none): a name that is a system call on none
 * of them is an error naming the file, the place and the name, with a
 * suggestion when one exists, one line per wrong name.  With skip_unknown
 * those names are dropped instead, msg lists them one a line, and the
 * count of dropped names is returned.
 *
 * Returns 0 or that count with *out set (caller frees), or -EINVAL with
 * *out NULL and msg holding the errors: malformed JSON as
 * "FILE:LINE:COL: jansson's text", a wrong value as
 * "FILE: syscalls[3].action: ...", an unknown name in a list as
 * "FILE:LINE: ...", an empty or blank input as "FILE: the file is
 * empty...".  Nothing is half-applied.
 */
int		 profile_read(const char *data, size_t len, const char *file,
		    const struct profile_read_opts *opts,
		    struct profile **out, char *msg, size_t msglen);

/*
 * profile_read() on the contents of path; "-" is standard input.
 * -errno (ENOENT...) when the file cannot be read, msg saying so; -EFBIG
 * for more than PROFILE_MAX_BYTES (/dev/zero must not eat the memory).
 */
#define PROFILE_MAX_BYTES	(16 << 20)

/*
 * The contents of path ("-": standard input) in *data (malloc'd, NUL
 * added, caller frees) and *len, reading at most max + 1 bytes so that an
 * endless input (/dev/zero, a pipe) ends.  Every reader of a user's file
 * (profiles, sessions) comes through here.  Returns 0; -EFBIG when path
 * holds more than max bytes; -errno from open(2) or read(2).  On error
 * *data is NULL.
 */
int		 profile_read_file(const char *path, size_t max, char **data,
		    size_t *len);

int		 profile_load(const char *path,
		    const struct profile_read_opts *opts,
		    struct profile **out, char *msg, size_t msglen);

/* ---- resolving for a machine ---- */

/* The machine a profile is resolved for. */
struct profile_env {
	uint32_t	 arch;		/* native SCMP_ARCH_*; 0: this one */
	const char *const *caps;	/* NULL-ended; NULL: every capability */
	uint32_t	 kernel;	/* major << 16 | minor; 0: running */
};

/* Docker's default capability set, NULL-ended (for --diff). */
extern const char *const profile_docker_caps[];

/*
 * The profile as a runtime applies it on env (NULL: this machine, every
 * capability, the running kernel), following Docker: the arches are the
 * archMap entry of the native arch plus "architectures" (the native arch
 * alone when both are empty); an entry applies when the native arch, the
 * caps and the kernel pass its includes and fail its excludes.  The result
 * has no archMap, includes or excludes.  Never NULL; caller frees.
 */
struct profile	*profile_resolve(const struct profile *p,
		    const struct profile_env *env);

/* ---- writing ---- */

struct profile_write_opts {
	const char	*name;		/* k8s metadata.name; NULL: derived */
	const struct profile_env *env;	/* oci/k8s/systemd/pfc/bpf: NULL */
};

/*
 * The profile in format f (not AUTO or LIST), as a malloc'd buffer in
 * *buf of *len bytes (NUL-terminated for the text formats).  Output is
 * sorted and canonical: the same profile gives the same bytes.  Docker
 * keeps everything; oci, k8s, systemd, pfc and bpf are written for the
 * machine described by opts->env (see profile_resolve).  Returns 0, or
 * -errno with err filled (libseccomp refused a rule, say).
 */
int		 profile_write(const struct profile *p, enum profile_format f,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);

/*
 * profile_write() to path atomically (lib/support/atomicfile.h): on failure the
 * old file is untouched.  Returns 0 or -errno with err filled; 1 when the
 * file is written but its format cannot record the calls p denies by hand
 * (profile_deny), err then naming them and the formats that can.
 */
int		 profile_save(const struct profile *p, const char *path,
		    enum profile_format f, const struct profile_write_opts *opts,
		    char *err, size_t errlen);

/* ---- merge and diff ---- */

/*
 * The union of n profiles (n <= 32): every entry of input i is kept with
 * sources bit i; arches, archMap and flags are united; the default action
 * is the first input's.  A call one input denies by hand stays denied
 * unless another allows it: profile_apply_rules() settles that.  Never
 * NULL; caller frees.
 */
struct profile	*profile_merge(const struct profile *const *in, size_t n);

/* The names allowed on one arch only by A or only by B. */
/* A call both allow, with other argument conditions. */
struct profile_diff_args {
	char		*name;
	char		*a, *b;		/* "any family", "only AF_INET, AF_UNIX" */
	int		 b_wider;	/* B allows values A denies */
};

struct profile_diff_arch {
	uint32_t	 arch;
	size_t		 na, nb;	/* names allowed on it by A, by B */
	char	       **only_a;	/* sorted */
	size_t		 nonly_a;
	char	       **only_b;
	size_t		 nonly_b;
	struct profile_diff_args *args;	/* by name */
	size_t		 nargs;
	char	       **denied_a;	/* denied by hand by A alone, sorted */
	size_t		 ndenied_a;
	char	       **denied_b;
	size_t		 ndenied_b;
};

struct profile_diff {
	struct profile_diff_arch *arches;	/* sorted by arch name */
	size_t		 narches;
};

/*
 * Compares what a and b allow (allow or log, any conditions) on env (NULL:
 * this machine), per arch of either resolved profile: a name counts on an
 * arch when libseccomp knows it there.  A name both allow whose argument
 * conditions differ is in args, each side described by name
 * (lib/model/argspec.h): "any family", "only AF_INET, AF_UNIX", "any
 * family but AF_VSOCK", "no namespace flags".  The names one profile
 * denies by hand (profile_deny) and the other does not are in denied_a
 * and denied_b.  Caller frees with profile_diff_free().
 */
void		 profile_diff(const struct profile *a, const struct profile *b,
		    const struct profile_env *env, struct profile_diff *d);
void		 profile_diff_free(struct profile_diff *d);

/* ---- enforcing ---- */

/* profile_filter() flags */
#define PROFILE_FILTER_ALLOW_ONLY 0x01	/* add only allow/log entries and
					 * the calls denied by hand */
#define PROFILE_FILTER_NOTIFY	 0x02	/* errno actions, the default's
					   included, become SCMP_ACT_TRACE
					   with the errno as data, for
					   sctui to fail (--enforce) */
#define PROFILE_FILTER_PHASES	 0x04	/* with NOTIFY (--enforce --phases):
					   calls allowed in startup only
					   stop too, with PROFILE_NOTIFY_
					   STARTUP and the errno to fail
					   them with once the process
					   serves; allowed accept and
					   accept4, after which a process
					   serves for good (lib/model/
					   model.h), with PROFILE_NOTIFY_
					   WATCH */
/* The data of a PROFILE_FILTER_NOTIFY filter's SCMP_ACT_TRACE. */
#define PROFILE_NOTIFY_ERRNO	 0x0fff	/* the errno */
#define PROFILE_NOTIFY_WATCH	 0x4000	/* allowed: let it run */
#define PROFILE_NOTIFY_STARTUP	 0x8000	/* allowed while in startup */
/* Use the profile's own default action / libseccomp's default bad-arch. */
#define PROFILE_ACT_DEFAULT	 0xffffffffu

/*
 * A libseccomp filter for p on this machine, ready for seccomp_load() or
 * seccomp_export_*: p is resolved (profile_resolve with env, NULL: this
 * machine, every capability, running kernel), its arches are added, and
 * each entry becomes one rule per name (names a given arch lacks are
 * skipped there; entries whose action is the default are skipped, as
 * libseccomp refuses them).
 *
 * def_action and badarch_action are SCMP_ACT_* values or
 * PROFILE_ACT_DEFAULT (the profile's default; libseccomp's KILL for bad
 * arches).  Tracing from a profile passes def_action SCMP_ACT_TRACE(0)
 * with PROFILE_FILTER_ALLOW_ONLY: allowed calls run, all else stops.
 *
 * Returns 0 with *ctx set (caller seccomp_release()s it), or -errno with
 * err filled: the entry and name libseccomp refused, or -E2BIG when the
 * filter is longer than the kernel's BPF_MAXINSNS (4096) instructions.
 */
int		 profile_filter(const struct profile *p,
		    const struct profile_env *env, uint32_t def_action,
		    uint32_t badarch_action, unsigned flags,
		    scmp_filter_ctx *ctx, char *err, size_t errlen);

/*
 * A filter context as raw BPF (bpf 1: struct sock_filter instructions,
 * ready for seccomp(2)) or PFC text (bpf 0), through libseccomp's export,
 * in a malloc'd *buf of *len bytes (NUL-terminated).  Returns 0 or -errno
 * with err filled.
 */
int		 profile_export(scmp_filter_ctx ctx, int bpf, char **buf,
		    size_t *len, char *err, size_t errlen);

/* The SCMP_ACT_* value of an action with errno (or trace msg) value. */
uint32_t	 profile_scmp_action(enum profile_action a, int errno_ret);

#endif
