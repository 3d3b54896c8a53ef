/*
 * formats.c - the table of profile formats, and reading and writing
 * through it; see profile.h.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "profile-int.h"
#include "xalloc.h"

/*
 * args: what the written file can say of a call's arguments.  Docker,
 * OCI and k8s carry the argument conditions of an entry; pfc and bpf are
 * the filter libseccomp makes, conditions included; systemd's
 * SystemCallFilter= and a list of names only say which calls.
 * denials: the file keeps the calls denied by hand as such (an entry with
 * its comment), so that reading it back keeps them denied.
 */
const struct profile_format_info profile_formats[] = {
	{ PROFILE_FMT_DOCKER, "docker", ".seccomp.json",
	  "Docker, Podman, runc, crun (JSON)", 1, 1,
	  profile_read_docker, profile_write_docker },
	{ PROFILE_FMT_OCI, "oci", ".oci.json",
	  "an OCI bundle's config.json linux.seccomp", 1, 1,
	  profile_read_oci, profile_write_oci },
	{ PROFILE_FMT_LIST, "list", ".txt",
	  "system call names, one a line, # comments", 0, 0,
	  profile_read_list, NULL },
	{ PROFILE_FMT_K8S, "k8s", ".yaml",
	  "Kubernetes Security Profiles Operator (YAML)", 1, 1,
	  NULL, profile_write_k8s },
	{ PROFILE_FMT_SYSTEMD, "systemd", ".systemd.conf",
	  "systemd SystemCallFilter= lines", 0, 0,
	  NULL, profile_write_systemd },
	{ PROFILE_FMT_PFC, "pfc", ".pfc",
	  "libseccomp's filter as text (PFC)", 1, 0,
	  NULL, profile_write_pfc },
	{ PROFILE_FMT_BPF, "bpf", ".bpf",
	  "the raw BPF program libseccomp makes", 1, 0,
	  NULL, profile_write_bpf },
};
const size_t profile_nformats = sizeof(profile_formats) /
    sizeof(profile_formats[0]);

const struct profile_format_info *
profile_format_info(enum profile_format f)
{
	size_t i;

	for (i = 0; i < profile_nformats; i++)
		if (profile_formats[i].format == f)
			return &profile_formats[i];
	return NULL;
}

const char *
profile_format_name(enum profile_format f)
{
	const struct profile_format_info *fi = profile_format_info(f);

	if (f == PROFILE_FMT_AUTO)
		return "auto";
	return fi != NULL ? fi->name : "unknown";
}

int
profile_format_parse(const char *s)
{
	size_t i;

	if (strcmp(s, "auto") == 0)
		return PROFILE_FMT_AUTO;
	for (i = 0; i < profile_nformats; i++)
		if (strcmp(profile_formats[i].name, s) == 0)
			return profile_formats[i].format;
	if (strcmp(s, "kubernetes") == 0)
		return PROFILE_FMT_K8S;
	return -1;
}

/* Can format fi be written (writable) or read? */
static int
can(const struct profile_format_info *fi, int writable)
{
	return writable ? fi->write != NULL : fi->read != NULL;
}

void
profile_format_list(int writable, enum profile_format deflt, char *buf,
    size_t len)
{
	size_t i, n = 0, k = 0, used = 0;

	for (i = 0; i < profile_nformats; i++)
		n += (size_t)can(&profile_formats[i], writable);
	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < profile_nformats && used < len; i++) {
		if (!can(&profile_formats[i], writable))
			continue;
		k++;
		used += (size_t)snprintf(buf + used, len - used, "%s%s%s",
		    k == 1 ? "" : k == n ? " or " : ", ",
		    profile_formats[i].name,
		    profile_formats[i].format == deflt ? " (default)" : "");
	}
}

/* ---- reading ---- */

int
profile_read(const char *data, size_t len, const char *file,
    const struct profile_read_opts *opts, struct profile **out, char *msg,
    size_t msglen)
{
	struct profile_read_opts o = { PROFILE_FMT_AUTO, 0 };
	const struct profile_format_info *fi;
	char names[64];
	size_t i;

	*out = NULL;
	if (msg != NULL && msglen > 0)
		msg[0] = '\0';
	if (opts != NULL)
		o = *opts;
	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		;
	/* A truncated save or a wrong path, never a profile: say so. */
	if (i == len) {
		pmsg_add(msg, msglen, "%s: the file is empty: not a profile "
		    "(give a Docker or OCI JSON profile, or a list of names)",
		    file);
		return -EINVAL;
	}
	if (o.format == PROFILE_FMT_AUTO) {
		o.format = i < len && data[i] == '{' ? PROFILE_FMT_DOCKER :
		    PROFILE_FMT_LIST;
		if (i < len && strncmp(data + i, "apiVersion:", 11) == 0) {
			pmsg_add(msg, msglen, "%s: a Kubernetes YAML "
			    "SeccompProfile cannot be read; give its spec as "
			    "JSON instead", file);
			return -EINVAL;
		}
	}
	if ((fi = profile_format_info(o.format)) == NULL || fi->read == NULL) {
		profile_format_list(0, PROFILE_FMT_AUTO, names, sizeof(names));
		pmsg_add(msg, msglen, "%s: format %s cannot be read (give "
		    "%s)", file, profile_format_name(o.format), names);
		return -EINVAL;
	}
	return fi->read(data, len, file, o.skip_unknown, out, msg, msglen);
}

int
profile_read_file(const char *path, size_t max, char **data, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t r = 0;
	int fd, rc;

	*data = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -errno;
	for (;;) {
		if (n == cap) {
			/* One byte over the limit tells us it is too large. */
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 1)
				cap = max + 1;
			buf = xrealloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
		if (n > max)
			break;
	}
	rc = r < 0 ? -errno : n > max ? -EFBIG : 0;
	if (fd != STDIN_FILENO)
		close(fd);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
profile_load(const char *path, const struct profile_read_opts *opts,
    struct profile **out, char *msg, size_t msglen)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (msg != NULL && msglen > 0)
		msg[0] = '\0';
	rc = profile_read_file(path, PROFILE_MAX_BYTES, &data, &len);
	if (rc == -EFBIG) {
		pmsg_add(msg, msglen, "%s: too large: more than %d MiB is "
		    "not a seccomp profile (Docker's default is 20 KiB)", path,
		    PROFILE_MAX_BYTES >> 20);
		return rc;
	}
	if (rc < 0) {
		pmsg_add(msg, msglen, "cannot open %s: %s", path,
		    strerror(-rc));
		return rc;
	}
	rc = profile_read(data, len, path, opts, out, msg, msglen);
	free(data);
	return rc;
}

/* ---- writing ---- */

int
profile_write(const struct profile *p, enum profile_format f,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	const struct profile_format_info *fi = profile_format_info(f);
	char names[64];

	*buf = NULL;
	*len = 0;
	if (fi == NULL || fi->write == NULL) {
		profile_format_list(1, PROFILE_FMT_AUTO, names, sizeof(names));
		snprintf(err, errlen, "format %s cannot be written (give %s)",
		    profile_format_name(f), names);
		return -EINVAL;
	}
	return fi->write(p, opts, buf, len, err, errlen);
}

/*
 * 1 with err saying so when format f cannot record the calls p denies by
 * hand: the file then leaves them to its default action.
 */
static int
denials_lost(const struct profile *p, const char *path,
    enum profile_format f, char *err, size_t errlen)
{
	const struct profile_format_info *fi = profile_format_info(f);
	struct pbuf b = { NULL, 0, 0 };
	char **names, can[64] = "";
	size_t n, i, k = 0, m = 0;

	if (fi == NULL || fi->denials)
		return 0;
	if ((n = profile_denied_names(p, &names)) == 0)
		return 0;
	for (i = 0; i < n; i++)
		pbuf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	for (i = 0; i < profile_nformats; i++)
		m += profile_formats[i].denials && profile_formats[i].write;
	for (i = 0; i < profile_nformats; i++) {
		if (!profile_formats[i].denials || !profile_formats[i].write)
			continue;
		k++;
		snprintf(can + strlen(can), sizeof(can) - strlen(can), "%s%s",
		    k == 1 ? "" : k == m ? " or " : ", ",
		    profile_formats[i].name);
	}
	snprintf(err, errlen, "%s: format %s cannot mark calls as denied by "
	    "hand (%s): the file leaves them to its default action; save as "
	    "%s to keep them", path, fi->name, b.s, can);
	free(b.s);
	pstrv_free(names, n);
	return 1;
}

int
profile_save(const struct profile *p, const char *path,
    enum profile_format f, const struct profile_write_opts *opts, char *err,
    size_t errlen)
{
	struct profile_write_opts o = { NULL, NULL };
	char *buf, *name = NULL, *slash, *dot, *msg;
	size_t len;
	int rc;

	if (opts != NULL)
		o = *opts;
	if (f == PROFILE_FMT_K8S && o.name == NULL) {
		/* metadata.name from the file name: nginx.yaml -> nginx */
		slash = strrchr(path, '/');
		name = xstrdup(slash ? slash + 1 : path);
		if ((dot = strchr(name, '.')) != NULL)
			*dot = '\0';
		o.name = name;
	}
	rc = profile_write(p, f, &o, &buf, &len, err, errlen);
	free(name);
	if (rc == -E2BIG) {
		/* Too long a filter: name the file it was meant for. */
		msg = xstrdup(err);
		snprintf(err, errlen, "%s: %s", path, msg);
		free(msg);
	}
	if (rc < 0)
		return rc;
	rc = atomicfile_write(path, buf, len, err, errlen);
	free(buf);
	if (rc == 0)
		rc = denials_lost(p, path, f, err, errlen);
	return rc;
}
