/*
 * minprofile.c - the allow-list profile of a model; see minprofile.h.
 */
#include "config.h"
#include "minprofile.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomicfile.h"
#include "model.h"
#include "sysname.h"
#include "xalloc.h"

const char *const minprofile_locked[] = {
	"exit", "exit_group", "restart_syscall", "rt_sigreturn", NULL
};

int
minprofile_is_locked(const char *name)
{
	const char *const *p;

	for (p = minprofile_locked; *p != NULL; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
add_unique(const char ***v, size_t *n, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

char *
minprofile_docker(const struct model *m, char *err, size_t errlen)
{
	const char **names = NULL, **arches = NULL;
	size_t nnames = 0, narches = 0, i;
	json_t *root, *jarch, *jnames, *rule, *rules;
	const struct model_sys *s;
	const char *a;
	char *text;

	for (i = 0; i < model_nsys(m); i++) {
		s = model_sys(m, (uint32_t)i);
		if ((a = sysname_arch_docker(sysname_arch(s->sysid))) != NULL)
			add_unique(&arches, &narches, a);
		if (s->toggle == TOGGLE_ALLOW && sysname_known(s->sysid))
			add_unique(&names, &nnames, sysname_name(s->sysid));
	}
	for (i = 0; minprofile_locked[i] != NULL; i++)
		add_unique(&names, &nnames, minprofile_locked[i]);
	if (narches == 0)
		add_unique(&arches, &narches,
		    sysname_arch_docker(sysname_native()));
	qsort(names, nnames, sizeof(*names), cmp_str);
	qsort(arches, narches, sizeof(*arches), cmp_str);

	root = json_object();
	json_object_set_new(root, "defaultAction",
	    json_string("SCMP_ACT_ERRNO"));
	json_object_set_new(root, "defaultErrnoRet", json_integer(1));
	jarch = json_array();
	for (i = 0; i < narches; i++)
		json_array_append_new(jarch, json_string(arches[i]));
	json_object_set_new(root, "architectures", jarch);
	jnames = json_array();
	for (i = 0; i < nnames; i++)
		json_array_append_new(jnames, json_string(names[i]));
	rule = json_object();
	json_object_set_new(rule, "names", jnames);
	json_object_set_new(rule, "action", json_string("SCMP_ACT_ALLOW"));
	rules = json_array();
	json_array_append_new(rules, rule);
	json_object_set_new(root, "syscalls", rules);
	text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(root);
	free(names);
	free(arches);
	if (text == NULL)
		snprintf(err, errlen, "out of memory writing JSON");
	return text;
}

int
minprofile_save(const struct model *m, const char *path, char *err,
    size_t errlen)
{
	char *text = minprofile_docker(m, err, errlen);
	size_t len;
	int rc;

	if (text == NULL)
		return -ENOMEM;
	len = strlen(text);
	text = xrealloc(text, len + 2);
	text[len++] = '\n';
	text[len] = '\0';
	if ((rc = atomicfile_write(path, text, len)) < 0)
		snprintf(err, errlen, "cannot write %s: %s (the previous "
		    "file, if any, is unchanged)", path, strerror(-rc));
	free(text);
	return rc;
}
