/*
 * read-oci.c - an OCI runtime's seccomp profile: a linux.seccomp object,
 * bare or in a config.json (or its linux object), read as Docker's JSON
 * by read-docker.c.
 */
#include "config.h"

#include "profile-int.h"

json_t *
profile_oci_seccomp(json_t *root, int oci, const char *file,
    const char **prefix, char *msg, size_t msglen)
{
	json_t *lnx, *obj;

	if (!json_is_object(root) || (json_object_get(root, "ociVersion") ==
	    NULL && json_object_get(root, "linux") == NULL &&
	    !(oci && json_object_get(root, "seccomp") != NULL)))
		return root;
	/* A whole config.json (or its linux object). */
	lnx = json_object_get(root, "linux");
	if (lnx == NULL)
		lnx = root;
	if (!json_is_object(lnx) ||
	    (obj = json_object_get(lnx, "seccomp")) == NULL) {
		pmsg_add(msg, msglen, "%s: linux.seccomp: missing (this "
		    "config.json has no seccomp profile)", file);
		return NULL;
	}
	*prefix = "linux.seccomp.";
	return obj;
}

int
profile_read_oci(const char *data, size_t len, const char *file,
    int skip_unknown, struct profile **out, char *msg, size_t msglen)
{
	return profile_read_json(data, len, file, 1, skip_unknown, out, msg,
	    msglen);
}
