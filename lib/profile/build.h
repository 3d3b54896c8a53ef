/*
 * build.h - the profile to save, built in one place: what batch mode's
 * -o, the UI's save dialog, --open, --convert and --merge write.
 *
 * From what a trace saw (less the user's toggles), united with a base
 * profile, plus the calls a container runtime makes itself, with the
 * default action the command line asks for; sctui's rules
 * (profile_apply_rules()) applied once, last.
 */
#ifndef SCTUI_BUILD_H
#define SCTUI_BUILD_H

#include <stdint.h>

struct model;
struct profile;
struct runtime_set;

/* The runtime whose own calls a saved profile gets unless told: Docker's. */
#define PROFILE_BUILD_RUNTIME	"runc"

struct profile_build {
	const struct model	 *model;	/* what was traced; NULL: none */
	const struct profile	 *base;		/* united with it; NULL: none */
	const struct runtime_set *runtime;	/* its own calls; NULL: none */
	const char		 *runtime_name;	/* named in their comment */
	const char		 *default_action; /* NULL or unknown: kept */
	int			  errno_ret;	/* >= 0: ERRNO with it */
};

/*
 * The profile to save, malloc'd (profile_free()); never NULL.
 *
 * The model's allowed calls (profile_from_model() without the rules),
 * after base's entries; the calls the user toggled off denied by hand
 * (profile_deny(): out of base's entries too), base's own denials kept;
 * each name of runtime that the result does not allow yet, that no rule
 * allows and that is not denied by hand, in one entry of origin
 * PROFILE_ORIGIN_RUNTIME whose comment names runtime_name; then
 * default_action (ERRNO: errno 1) or errno_ret (defaultAction ERRNO) as
 * the default; then profile_apply_rules().
 */
struct profile *profile_build(const struct profile_build *b);

/*
 * Does Docker's default profile (assets/docker-default.json) deny call
 * name with value v of its argument index, a value the model recorded
 * (lib/model/argspec.h)?  clone without CAP_SYS_ADMIN: any namespace
 * flag; socket: AF_VSOCK; personality: all but five personas.
 */
int	  profile_docker_denies(const char *name, unsigned index, uint64_t v);

/*
 * What a profile built from m says that its user must hear, one line
 * each, NULL-terminated, malloc'd (profile_build_warnings_free()), or NULL
 * for none: an argument value Docker's default denies that the profile
 * allows because it was seen ("clone with CLONE_NEWUSER seen in pid 412
 * (startup): this profile allows what Docker's default denies"), an
 * argument past the bound of values (no rule), a call denied on one arch
 * and allowed on another (denied on all), clone3 seen (ENOSYS: clone
 * instead).
 */
char	**profile_build_warnings(const struct model *m);
/* Of those, the calls denied on one arch and allowed on another alone. */
char	**profile_build_arch_warnings(const struct model *m);
void	  profile_build_warnings_free(char **w);

#endif
