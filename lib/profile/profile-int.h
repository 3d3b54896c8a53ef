/*
 * profile-int.h - helpers shared by the files of the profile module
 * (the .c files of lib/profile/) and nothing else.
 */
#ifndef SCTUI_PROFILE_INT_H
#define SCTUI_PROFILE_INT_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "pbuf.h"
#include "profile.h"

/*
 * Unknown names listed (each with a suggestion) before the readers only
 * count the rest: a file of junk names costs no more than this many.
 */
#define PROFILE_MAX_UNKNOWN	20

/* Docker's spellings. */
const char	*profile_scmp_action_str(enum profile_action a);
int		 profile_scmp_action_parse(const char *s,
		    enum profile_action *a);
const char	*profile_op_str(enum scmp_compare op);
int		 profile_op_parse(const char *s, enum scmp_compare *op);
/* Docker's includes.arches names ("amd64"); libseccomp names accepted. */
const char	*profile_goarch(uint32_t arch);
uint32_t	 profile_goarch_parse(const char *s);
/* "SCMP_ARCH_X86_64" -> token; 0 if unknown. */
uint32_t	 profile_docker_arch_parse(const char *s);

/* major << 16 | minor of the running kernel. */
uint32_t	 profile_host_kernel(void);
int		 profile_kernel_parse(const char *s, uint32_t *v);

/* Is the name a system call on at least one of the arches? */
int		 profile_name_known(const uint32_t *arches, size_t n,
		    const char *name);
/* Is the name a system call on any arch libseccomp knows? */
int		 profile_name_anywhere(const char *name);
/* The arches names are checked against: the profile's, else native. */
size_t		 profile_check_arches(const struct profile *p,
		    uint32_t *out, size_t max);
/* "x86_64" or "any of x86_64, x86, x32" */
void		 profile_arches_text(const uint32_t *arches, size_t n,
		    char *buf, size_t len);

void		 profile_cond_free(struct profile_cond *c);
int		 profile_cond_empty(const struct profile_cond *c);

/*
 * The canonical form: entries grouped by everything but their names
 * (action, errno, args, comment, includes, excludes; oci: only the first
 * three), names sorted and unique within a group, groups ordered with the
 * unconditional ones first.  Empty entries vanish.
 */
struct profile_group {
	json_t		*rule;		/* the entry's JSON without names */
	char		*key;		/* its compact, sorted text */
	unsigned	 nconds;
	char	       **names;
	size_t		 nnames;
};

struct profile_group *profile_groups(const struct profile *p, int oci,
		    size_t *ngroups);
void		 profile_groups_free(struct profile_group *g, size_t n);

/* Did the user toggle name off on some arch of m (NULL: no)? */
int		 profile_model_denied(const struct model *m, const char *name);

/*
 * profile_from_model() without profile_apply_rules(); the calls that base
 * (NULL: none) allows and that were never made (a --profile run lists
 * them with no count) are left to base.
 */
struct profile	*profile_traced(const struct model *m,
		    const struct profile *base);

/* The whole profile as Docker JSON (oci: the linux.seccomp object). */
json_t		*profile_json(const struct profile *p, int oci);

/*
 * The Docker JSON reader (read-docker.c) for docker and oci (oci: the
 * object is linux.seccomp, or a config.json around it).  On error
 * -EINVAL with msg filled.
 */
int		 profile_read_json(const char *data, size_t len,
		    const char *file, int oci, int skip_unknown,
		    struct profile **out, char *msg, size_t msglen);
/*
 * The seccomp object of root (read-oci.c): root itself, or its
 * linux.seccomp when root is a config.json (or, oci, its linux object);
 * *prefix says which, for messages.  NULL with msg filled if a
 * config.json has no seccomp profile.
 */
json_t		*profile_oci_seccomp(json_t *root, int oci, const char *file,
		    const char **prefix, char *msg, size_t msglen);

/* The Docker JSON text of p (write-docker.c); *buf malloc'd. */
int		 profile_write_json(const struct profile *p, int oci,
		    char **buf, size_t *len);

/* The rows of profile_formats[]: see profile_reader and profile_writer. */
int		 profile_read_docker(const char *data, size_t len,
		    const char *file, int skip_unknown, struct profile **out,
		    char *msg, size_t msglen);
int		 profile_read_oci(const char *data, size_t len,
		    const char *file, int skip_unknown, struct profile **out,
		    char *msg, size_t msglen);
int		 profile_read_list(const char *data, size_t len,
		    const char *file, int skip_unknown, struct profile **out,
		    char *msg, size_t msglen);
int		 profile_write_docker(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);
int		 profile_write_oci(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);
int		 profile_write_k8s(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);
int		 profile_write_systemd(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);
int		 profile_write_pfc(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);
int		 profile_write_bpf(const struct profile *p,
		    const struct profile_write_opts *opts, char **buf,
		    size_t *len, char *err, size_t errlen);

#endif
