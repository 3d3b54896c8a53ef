/*
 * write-k8s.c - the Kubernetes Security Profiles Operator SeccompProfile
 * (YAML): the OCI object of write-docker.c, for the machine described by
 * the options, in just enough YAML.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile-int.h"
#include "xalloc.h"

/* ---- YAML, just enough for the SeccompProfile object ---- */

static int
plain_scalar(const char *s)
{
	const char *c;

	if (*s == '\0' || strcmp(s, "true") == 0 || strcmp(s, "false") == 0 ||
	    strcmp(s, "null") == 0 || strcmp(s, "yes") == 0 ||
	    strcmp(s, "no") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "off") == 0 || strcmp(s, "~") == 0 ||
	    isdigit((unsigned char)*s) || *s == '-' || *s == '.')
		return 0;
	for (c = s; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-' &&
		    *c != '.' && *c != '/')
			return 0;
	return 1;
}

static void
yaml_scalar(struct pbuf *b, const json_t *j)
{
	const char *s, *c;

	switch (json_typeof(j)) {
	case JSON_INTEGER:
		pbuf_printf(b, "%lld", (long long)json_integer_value(j));
		return;
	case JSON_TRUE:
		pbuf_add(b, "true");
		return;
	case JSON_FALSE:
		pbuf_add(b, "false");
		return;
	case JSON_STRING:
		s = json_string_value(j);
		if (plain_scalar(s)) {
			pbuf_add(b, s);
			return;
		}
		pbuf_add(b, "\"");
		for (c = s; *c != '\0'; c++) {
			if (*c == '"' || *c == '\\')
				pbuf_printf(b, "\\%c", *c);
			else if ((unsigned char)*c < 0x20)
				pbuf_printf(b, "\\x%02x", (unsigned char)*c);
			else
				pbuf_printf(b, "%c", *c);
		}
		pbuf_add(b, "\"");
		return;
	default:
		pbuf_add(b, "null");
	}
}

static void yaml_object(struct pbuf *b, json_t *o, int indent,
		    const char *first);

/*
 * An entry's "comment" (the phases it was seen in), which no field of the
 * SeccompProfile holds: a YAML comment line above it instead.
 */
static void
yaml_comment(struct pbuf *b, json_t *item, int indent)
{
	json_t *c = json_object_get(item, "comment");
	const char *s;

	if (!json_is_string(c))
		return;
	pbuf_printf(b, "%*s# ", indent, "");
	for (s = json_string_value(c); *s != '\0'; s++)
		pbuf_printf(b, "%c", (unsigned char)*s < 0x20 ? ' ' : *s);
	pbuf_add(b, "\n");
	json_object_del(item, "comment");
}

static void
yaml_value(struct pbuf *b, json_t *v, int indent)
{
	size_t i;
	json_t *item;
	char first[80];

	if (json_is_object(v)) {
		if (json_object_size(v) == 0) {
			pbuf_add(b, " {}\n");
			return;
		}
		pbuf_add(b, "\n");
		yaml_object(b, v, indent + 2, NULL);
	} else if (json_is_array(v)) {
		if (json_array_size(v) == 0) {
			pbuf_add(b, " []\n");
			return;
		}
		pbuf_add(b, "\n");
		json_array_foreach(v, i, item) {
			yaml_comment(b, item, indent);
			if (json_is_object(item) && json_object_size(item) > 0) {
				snprintf(first, sizeof(first), "%*s- ", indent,
				    "");
				yaml_object(b, item, indent + 2, first);
			} else {
				pbuf_printf(b, "%*s- ", indent, "");
				yaml_scalar(b, item);
				pbuf_add(b, "\n");
			}
		}
	} else {
		pbuf_add(b, " ");
		yaml_scalar(b, v);
		pbuf_add(b, "\n");
	}
}

static void
yaml_object(struct pbuf *b, json_t *o, int indent, const char *first)
{
	const char **keys = NULL, *k;
	size_t n = 0, i;
	json_t *v;

	json_object_foreach(o, k, v) {
		keys = xreallocarray(keys, n + 1, sizeof(*keys));
		keys[n++] = k;
	}
	xqsort(keys, n, sizeof(*keys), pcmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 && first != NULL)
			pbuf_add(b, first);
		else
			pbuf_printf(b, "%*s", indent, "");
		pbuf_printf(b, "%s:", keys[i]);
		yaml_value(b, json_object_get(o, keys[i]), indent);
	}
	free(keys);
}

/* metadata.name must be a DNS-1123 subdomain: [a-z0-9.-], alnum ends. */
static char *
k8s_name(const char *name)
{
	char *s = xstrdup(name != NULL && *name != '\0' ? name :
	    "sctui-profile"), *c;
	size_t n;

	for (c = s; *c != '\0'; c++) {
		*c = (char)tolower((unsigned char)*c);
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '.')
			*c = '-';
	}
	while (*s != '\0' && !isalnum((unsigned char)*s))
		xmemmove(s, s + 1, strlen(s));
	n = strlen(s);
	while (n > 0 && !isalnum((unsigned char)s[n - 1]))
		s[--n] = '\0';
	if (n > 253)
		s[253] = '\0';
	if (*s == '\0') {
		free(s);
		s = xstrdup("sctui-profile");
	}
	return s;
}

static int
k8s_yaml(const struct profile *p, const char *name, char **buf,
    size_t *len, char *err, size_t errlen)
{
	struct pbuf b = { NULL, 0, 0 };
	json_t *spec;
	char *n;

	spec = profile_json(p, 1);
	/* SeccompProfile v1beta1 has no defaultErrnoRet: EPERM it is. */
	if (json_object_get(spec, "defaultErrnoRet") != NULL) {
		if (p->def_errno != 1) {
			snprintf(err, errlen, "a Kubernetes SeccompProfile "
			    "cannot give the default action an errno other "
			    "than EPERM (1); use --errno 1 or another format");
			json_decref(spec);
			return -EINVAL;
		}
		json_object_del(spec, "defaultErrnoRet");
	}
	n = k8s_name(name);
	pbuf_add(&b, "apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n"
	    "kind: SeccompProfile\nmetadata:\n");
	pbuf_printf(&b, "  name: %s\nspec:\n", n);
	free(n);
	yaml_object(&b, spec, 2, NULL);
	json_decref(spec);
	*buf = b.s;
	*len = b.len;
	return 0;
}

int
profile_write_k8s(const struct profile *p,
    const struct profile_write_opts *opts, char **buf, size_t *len,
    char *err, size_t errlen)
{
	struct profile *r = profile_resolve(p, opts ? opts->env : NULL);
	int rc;

	rc = k8s_yaml(r, opts ? opts->name : NULL, buf, len, err, errlen);
	profile_free(r);
	return rc;
}
