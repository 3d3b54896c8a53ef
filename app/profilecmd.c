/*
 * profilecmd.c - sctui --convert / --merge / --diff: the profile module
 * (lib/profile/profile.h) driven from the command line.
 */
#include "config.h"
#include "profilecmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cli.h"
#include "datadir.h"
#include "profile.h"
#include "run.h"
#include "summary.h"
#include "sysname.h"

struct profile *
profilecmd_build(const struct cli *c, const struct profile *base)
{
	struct profile_build b = { 0 };

	b.base = base;
	b.default_action = c->default_action;
	b.errno_ret = c->errno_ret;
	return profile_build(&b);
}

static size_t
count_names(const struct profile *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->nentries; i++)
		n += p->entries[i].nnames;
	return n;
}

static int
save(const struct cli *c, const struct profile *p)
{
	enum profile_format f = c->format ? (enum profile_format)c->format :
	    PROFILE_FMT_DOCKER;
	struct profile_write_opts o = { NULL, NULL };
	struct profile_env env;
	char err[1024] = "";
	int rc;

	cli_env(c, &env);
	o.env = &env;
	rc = profile_save(p, c->output, f, &o, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "sctui: %s\n", err);
	if (rc < 0)
		return 1;
	fprintf(stderr, "sctui: wrote %s (%s)\n", c->output,
	    profile_format_name(f));
	return 0;
}

static int
convert(const struct cli *c)
{
	struct profile *p = run_load_profile(c->inputs[0], c->skip_unknown);
	struct profile *out;
	int rc;

	if (p == NULL)
		return 1;
	out = profilecmd_build(c, p);
	rc = save(c, out);
	profile_free(out);
	profile_free(p);
	return rc;
}

/*
 * What became of each call an input denies by hand: kept, or allowed
 * because another input allows it.
 */
static void
report_denials(const struct cli *c, const struct profile *const *in,
    const struct profile *out)
{
	char **names;
	size_t i, j, k, n;

	for (i = 0; i < c->ninputs; i++) {
		n = profile_denied_names(in[i], &names);
		for (j = 0; j < n; j++) {
			if (profile_denies(out, names[j])) {
				fprintf(stderr, "sctui: %s: denied by hand in "
				    "%s: still denied\n", names[j],
				    c->inputs[i]);
				continue;
			}
			for (k = 0; k < c->ninputs &&
			    !profile_allows(in[k], names[j]); k++)
				;
			fprintf(stderr, "sctui: %s: denied by hand in %s, "
			    "allowed by %s: allowed\n", names[j], c->inputs[i],
			    k < c->ninputs ? c->inputs[k] : "a rule");
		}
		for (j = 0; j < n; j++)
			free(names[j]);
		free(names);
	}
}

static int
merge(const struct cli *c)
{
	struct profile *in[32], *m, *out;
	size_t i, j, k, n;
	int rc = 0;

	for (i = 0; i < c->ninputs; i++)
		if ((in[i] = run_load_profile(c->inputs[i], c->skip_unknown)) == NULL) {
			while (i-- > 0)
				profile_free(in[i]);
			return 1;
		}
	m = profile_merge((const struct profile *const *)in, c->ninputs);
	/* Which run each call came from: per input, what only it gave. */
	for (i = 0; i < c->ninputs; i++) {
		size_t only = 0;

		for (j = 0; j < in[i]->nentries; j++)
			for (k = 0; k < in[i]->entries[j].nnames; k++)
				if (profile_name_sources(m,
				    in[i]->entries[j].names[k]) ==
				    (uint32_t)1 << i)
					only++;
		n = count_names(in[i]);
		fprintf(stderr, "sctui: %s: %zu name%s, %zu only from it\n",
		    c->inputs[i], n, n == 1 ? "" : "s", only);
	}
	out = profilecmd_build(c, m);
	report_denials(c, (const struct profile *const *)in, out);
	rc = save(c, out);
	for (i = 0; i < c->ninputs; i++)
		profile_free(in[i]);
	profile_free(out);
	profile_free(m);
	return rc;
}

static void
print_names(const char *mark, char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%s %s\n", mark, v[i]);
}

/* The calls one profile denies by hand and the other does not. */
static void
print_denied(char **v, size_t n, const char *which)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("x %s: denied by hand in %s\n", v[i], which);
}

/* The calls both allow with other argument conditions. */
static void
print_args(const struct profile_diff_arch *x, const char *a, const char *b)
{
	size_t i, wider = 0;

	for (i = 0; i < x->nargs; i++)
		wider += x->args[i].b_wider;
	if (x->nargs > 0)
		printf("%zu call%s with other argument rules (%zu where %s "
		    "allows what %s denies)\n", x->nargs, x->nargs == 1 ?
		    "" : "s", wider, b, a);
	for (i = 0; i < x->nargs; i++)
		printf("~ %s: %s allows %s, %s %s%s%s%s\n", x->args[i].name,
		    a, x->args[i].a, b, x->args[i].b, x->args[i].b_wider ?
		    ": it allows what " : "", x->args[i].b_wider ? a : "",
		    x->args[i].b_wider ? " denies" : "");
}

/* The phases of p, when it has any, as "PREFIX..." lines. */
static void
print_phases(const char *prefix, const struct profile *p)
{
	struct profile_phase_split s;

	profile_phase_split(p, &s);
	if (s.known)
		summary_phases(stdout, prefix, s.whole, s.serving, s.dropped,
		    s.ndropped, s.served);
	profile_phase_split_free(&s);
}

static int
diff(const struct cli *c)
{
	const char *a = c->inputs[0], *b = c->inputs[1];
	struct profile_env env = { 0, NULL, 0 };
	struct profile *pa, *pb;
	struct profile_diff d;
	char path[4096];
	size_t i;
	int docker = strcmp(a, "docker-default") == 0;

	if (docker) {
		snprintf(path, sizeof(path), "%s/docker-default.json",
		    datadir());
		a = path;
		env.caps = profile_docker_caps;
	}
	if ((pa = run_load_profile(a, 0)) == NULL)
		return 1;
	if ((pb = run_load_profile(b, 0)) == NULL) {
		profile_free(pa);
		return 1;
	}
	profile_diff(pa, pb, &env, &d);
	if (!docker)
		printf("--- %s\n+++ %s\n", a, b);
	for (i = 0; i < d.narches; i++) {
		const struct profile_diff_arch *x = &d.arches[i];

		if (docker) {
			if (x->arch != sysname_native())
				continue;
			printf("%s against Docker's default profile on %s "
			    "(Docker's default capabilities)\n", b,
			    sysname_arch_name(x->arch));
			printf("needs %zu call%s that Docker's default denies\n",
			    x->nonly_b, x->nonly_b == 1 ? "" : "s");
			print_names("+", x->only_b, x->nonly_b);
			printf("removes %zu of the %zu calls Docker's default "
			    "allows\n", x->nonly_a, x->na);
			print_args(x, "Docker's default", b);
			continue;
		}
		printf("%s: %zu allowed in A, %zu in B; %zu only in A, %zu "
		    "only in B\n", sysname_arch_name(x->arch), x->na, x->nb,
		    x->nonly_a, x->nonly_b);
		print_names("-", x->only_a, x->nonly_a);
		print_names("+", x->only_b, x->nonly_b);
		print_denied(x->denied_a, x->ndenied_a, "A");
		print_denied(x->denied_b, x->ndenied_b, "B");
		print_args(x, "A", "B");
	}
	if (!docker)
		print_phases("phases of A: ", pa);
	print_phases("phases of B: ", pb);
	profile_diff_free(&d);
	profile_free(pa);
	profile_free(pb);
	return 0;
}

int
profilecmd_main(const struct cli *c)
{
	switch (c->action) {
	case CLI_CONVERT:
		return convert(c);
	case CLI_MERGE:
		return merge(c);
	case CLI_DIFF:
		return diff(c);
	default:
		return 2;
	}
}
