/*
 * filter.c - a profile as a libseccomp filter, and the PFC and BPF
 * writers, which are libseccomp's own exports of that filter.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "model.h"
#include "profile-int.h"
#include "sysname.h"
#include "xalloc.h"

static const struct {
	const char		*flag;
	enum scmp_filter_attr	 attr;
} flag_attrs[] = {
	{ "SECCOMP_FILTER_FLAG_TSYNC",		SCMP_FLTATR_CTL_TSYNC },
	{ "SECCOMP_FILTER_FLAG_LOG",		SCMP_FLTATR_CTL_LOG },
	{ "SECCOMP_FILTER_FLAG_SPEC_ALLOW",	SCMP_FLTATR_CTL_SSB },
};

/*
 * The kernel loads at most BPF_MAXINSNS instructions; seccomp(2) would
 * refuse a longer filter only in the child, after the program was started
 * (or, when tracing, as if every call were allowed).  Say it here, with
 * the count.
 */
static int
check_length(scmp_filter_ctx ctx, char *err, size_t errlen)
{
	char *bpf;
	size_t len, n;
	int rc;

	if ((rc = profile_export(ctx, 1, &bpf, &len, err, errlen)) < 0)
		return rc;
	free(bpf);
	n = len / sizeof(struct sock_filter);
	if (n <= BPF_MAXINSNS)
		return 0;
	snprintf(err, errlen, "the filter is %zu BPF instructions, more than "
	    "the kernel's limit of %d: drop argument rules or architectures "
	    "the program does not need", n, BPF_MAXINSNS);
	return -E2BIG;
}

/*
 * The libseccomp action of a profile's action; with PROFILE_FILTER_NOTIFY
 * an errno action stops for sctui instead, which fails the call with the
 * errno the filter returns with it (SECCOMP_RET_DATA).
 */
static uint32_t
filter_action(enum profile_action action, int errno_ret, unsigned flags)
{
	uint32_t act = profile_scmp_action(action, errno_ret);

	if ((flags & PROFILE_FILTER_NOTIFY) &&
	    (act & SECCOMP_RET_ACTION_FULL) == SCMP_ACT_ERRNO(0))
		return SCMP_ACT_TRACE(act & SECCOMP_RET_DATA);
	return act;
}

/*
 * PROFILE_FILTER_PHASES: what the allowing entry e becomes for name, in a
 * profile whose default fails calls with def_errno (0: another default),
 * or act as it was.
 */
static uint32_t
filter_phases(const struct profile_entry *e, const char *name, uint32_t act,
    int def_errno)
{
	if (e->action != PROFILE_ACT_ALLOW)
		return act;
	if (e->phases == 1u << PHASE_STARTUP)
		return SCMP_ACT_TRACE(PROFILE_NOTIFY_STARTUP |
		    (def_errno > 0 ? def_errno : EPERM));
	if (strcmp(name, "accept") == 0 || strcmp(name, "accept4") == 0)
		return SCMP_ACT_TRACE(PROFILE_NOTIFY_WATCH);
	return act;
}

int
profile_filter(const struct profile *p, const struct profile_env *env,
    uint32_t def_action, uint32_t badarch_action, unsigned flags,
    scmp_filter_ctx *ctxp, char *err, size_t errlen)
{
	struct profile *r = profile_resolve(p, env);
	scmp_filter_ctx ctx;
	uint32_t def, act;
	size_t i, j, k;
	int rc = 0, def_errno;

	*ctxp = NULL;
	def = def_action != PROFILE_ACT_DEFAULT ? def_action :
	    filter_action(r->def_action, r->def_errno, flags);
	if ((ctx = seccomp_init(def)) == NULL) {
		snprintf(err, errlen, "libseccomp refused the default action "
		    "%#x", def);
		profile_free(r);
		return -EINVAL;
	}
	if (badarch_action != PROFILE_ACT_DEFAULT &&
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    badarch_action)) < 0) {
		snprintf(err, errlen, "libseccomp refused the bad-arch action "
		    "%#x: %s", badarch_action, strerror(-rc));
		goto out;
	}
	for (i = 0; i < r->nflags; i++)
		for (j = 0; j < sizeof(flag_attrs) / sizeof(flag_attrs[0]); j++)
			if (strcmp(flag_attrs[j].flag, r->flags[i]) == 0 &&
			    (rc = seccomp_attr_set(ctx, flag_attrs[j].attr,
			    1)) < 0) {
				snprintf(err, errlen, "libseccomp cannot set %s "
				    "on this kernel: %s", r->flags[i],
				    strerror(-rc));
				goto out;
			}
	for (i = 0; i < r->narches; i++) {
		rc = seccomp_arch_add(ctx, r->arches[i]);
		if (rc < 0 && rc != -EEXIST) {
			snprintf(err, errlen, "libseccomp cannot add arch %s: "
			    "%s", sysname_arch_name(r->arches[i]),
			    strerror(-rc));
			goto out;
		}
	}
	rc = 0;
	def_errno = r->def_action != PROFILE_ACT_ERRNO ? 0 :
	    r->def_errno >= 0 ? r->def_errno : EPERM;
	for (i = 0; i < r->nentries; i++) {
		const struct profile_entry *e = &r->entries[i];
		struct scmp_arg_cmp cmp[6];

		act = filter_action(e->action, e->errno_ret, flags);
		if (act == def)
			continue;
		if ((flags & PROFILE_FILTER_ALLOW_ONLY) && !e->denied &&
		    e->action != PROFILE_ACT_ALLOW &&
		    e->action != PROFILE_ACT_LOG)
			continue;
		for (k = 0; k < e->nargs && k < 6; k++) {
			cmp[k].arg = e->args[k].index;
			cmp[k].op = e->args[k].op;
			cmp[k].datum_a = e->args[k].value;
			cmp[k].datum_b = e->args[k].value_two;
		}
		for (j = 0; j < e->nnames; j++) {
			int nr;

			/* Not a system call on any arch of the filter. */
			if (!profile_name_known(r->arches, r->narches,
			    e->names[j]))
				continue;
			nr = seccomp_syscall_resolve_name(e->names[j]);
			if (nr == __NR_SCMP_ERROR) {
				rc = -EINVAL;
				snprintf(err, errlen, "libseccomp does not know "
				    "'%s'", e->names[j]);
				goto out;
			}
			rc = seccomp_rule_add_array(ctx,
			    (flags & PROFILE_FILTER_PHASES) ? filter_phases(e,
			    e->names[j], act, def_errno) : act, nr,
			    (unsigned)k, cmp);
			if (rc < 0) {
				snprintf(err, errlen, "libseccomp refused the "
				    "rule for '%s' (%s%s): %s", e->names[j],
				    profile_action_name(e->action),
				    e->nargs ? " with argument conditions" : "",
				    strerror(-rc));
				goto out;
			}
		}
	}
	if (rc == 0)
		rc = check_length(ctx, err, errlen);
out:
	profile_free(r);
	if (rc < 0) {
		seccomp_release(ctx);
		return rc;
	}
	*ctxp = ctx;
	return 0;
}

int
profile_export(scmp_filter_ctx ctx, int bpf, char **buf, size_t *len,
    char *err, size_t errlen)
{
	char *data = NULL;
	size_t n = 0, cap = 0;
	ssize_t got;
	int fd, rc;

	if ((fd = memfd_create("sctui-export", MFD_CLOEXEC)) < 0) {
		rc = -errno;
		snprintf(err, errlen, "memfd_create: %s", strerror(-rc));
		return rc;
	}
	rc = bpf ? seccomp_export_bpf(ctx, fd) : seccomp_export_pfc(ctx, fd);
	if (rc < 0) {
		snprintf(err, errlen, "libseccomp cannot export the filter: %s",
		    strerror(-rc));
		close(fd);
		return rc;
	}
	if (lseek(fd, 0, SEEK_SET) < 0)
		rc = -errno;
	while (rc == 0) {
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 16384;
			data = xrealloc(data, cap);
		}
		got = read(fd, data + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rc = -errno;
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (rc < 0) {
		snprintf(err, errlen, "cannot read the exported filter: %s",
		    strerror(-rc));
		free(data);
		return rc;
	}
	if (data == NULL)
		data = xmalloc(1);
	data[n] = '\0';
	*buf = data;
	*len = n;
	return 0;
}

/* PFC text (bpf 0) or the BPF program (bpf 1) libseccomp makes of p. */
static int
write_libseccomp(const struct profile *p,
    const struct profile_write_opts *opts, int bpf, char **buf, size_t *len,
    char *err, size_t errlen)
{
	scmp_filter_ctx ctx;
	int rc;

	if ((rc = profile_filter(p, opts ? opts->env : NULL,
	    PROFILE_ACT_DEFAULT, PROFILE_ACT_DEFAULT, 0, &ctx, err,
	    errlen)) < 0)
		return rc;
	rc = profile_export(ctx, bpf, buf, len, err, errlen);
	seccomp_release(ctx);
	return rc;
}

int
profile_write_pfc(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	return write_libseccomp(p, opts, 0, buf, len, err, errlen);
}

int
profile_write_bpf(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	return write_libseccomp(p, opts, 1, buf, len, err, errlen);
}
