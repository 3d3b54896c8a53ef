/*
 * enforce.c - run a command under a profile; see enforce.h.
 *
 * The filter is loaded in a child right before execvp(), as runc and crun
 * do: with no_new_privs only when we are not root (root keeps setuid
 * programs working, as a runtime without no-new-privileges does).  The
 * parent forwards the usual terminating signals and, when the command
 * dies of SIGSYS or fails, points at the way to find the missing call.
 */
#include "config.h"
#include "enforce.h"

#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cmdpath.h"
#include "escape.h"
#include "profile.h"
#include "profilecmd.h"
#include "run.h"
#include "summary.h"

static volatile pid_t child;

static void
forward(int sig)
{
	if (child > 0)
		kill(child, sig);
}

int
enforce_main(const struct cli *c)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	scmp_filter_ctx ctx;
	struct profile *p, *in;
	struct profile_env env;
	char err[1024], how[64], *path = NULL;
	int status, rc, *exec_errno;
	size_t i;

	/* Found before the filter is loaded: its child may not even print. */
	if ((rc = cmdpath_resolve(c->argv[0], &path)) < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->argv[0], rc == -ENOENT ?
		    "command not found" : "permission denied (not "
		    "executable)");
		return rc == -ENOENT ? 127 : 126;
	}
	if ((in = run_load_profile(c->enforce, 0)) == NULL) {
		free(path);
		return 1;
	}
	p = profilecmd_build(c, in);
	profile_free(in);
	cli_env(c, &env);
	rc = profile_filter(p, &env, PROFILE_ACT_DEFAULT, PROFILE_ACT_DEFAULT,
	    0, &ctx, err, sizeof(err));
	profile_free(p);
	if (rc < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->enforce, err);
		free(path);
		return 1;
	}
	seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, geteuid() != 0);
	/*
	 * Under the filter the child may not even write(2) (a profile that
	 * denies write or execve): it reports a failed exec in memory we
	 * share, and we say what happened.
	 */
	exec_errno = mmap(NULL, sizeof(*exec_errno), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (exec_errno == MAP_FAILED) {
		fprintf(stderr, "sctui: mmap: %s\n", strerror(errno));
		seccomp_release(ctx);
		free(path);
		return 1;
	}
	*exec_errno = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	if ((child = fork()) < 0) {
		fprintf(stderr, "sctui: fork: %s\n", strerror(errno));
		seccomp_release(ctx);
		munmap(exec_errno, sizeof(*exec_errno));
		free(path);
		return 1;
	}
	if (child == 0) {
		sa.sa_handler = SIG_DFL;
		for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
			sigaction(sigs[i], &sa, NULL);
		/* Its own session: it cannot type into our terminal. */
		(void)setsid();
		if ((rc = seccomp_load(ctx)) < 0) {
			fprintf(stderr, "sctui: the kernel refused the filter of "
			    "%s: %s\n", c->enforce, strerror(-rc));
			_exit(125);
		}
		execv(path, c->argv);
		rc = errno;
		*exec_errno = rc;
		_exit(rc == ENOENT ? 127 : 126);
	}
	seccomp_release(ctx);
	free(path);
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "sctui: waitpid: %s\n", strerror(errno));
			munmap(exec_errno, sizeof(*exec_errno));
			return 1;
		}
	rc = *exec_errno;
	munmap(exec_errno, sizeof(*exec_errno));
	if (rc != 0) {
		/* The profile may deny execve itself: say so plainly. */
		fprintf(stderr, "sctui: %s: %s%s\n", c->argv[0], strerror(rc),
		    rc == ENOENT ? " (command not found)" :
		    rc == EPERM || rc == EACCES ? " (does the profile allow "
		    "execve?)" : "");
		return rc == ENOENT ? 127 : 126;
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
		fprintf(stderr, "sctui: %s was killed by SIGSYS: %s denies a "
		    "call it made; find which with: sctui --batch --profile "
		    "%s -- %s\n", c->argv[0], c->enforce, c->enforce,
		    c->argv[0]);
		return 128 + SIGSYS;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) < 125 &&
	    WEXITSTATUS(status) != 0) {
		summary_status(status, how, sizeof(how));
		fprintf(stderr, "sctui: %s: %s under %s; if a denied call "
		    "caused it, sctui --batch --profile %s -- %s names the "
		    "calls the profile lacks\n", c->argv[0], how, c->enforce,
		    c->enforce, c->argv[0]);
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void
enforce_quote(char *buf, size_t len, const char *s)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%";
	char safe[1024];
	size_t n = strlen(buf);
	const char *p;

	escape_name(s, safe, sizeof(safe));
	if (*safe != '\0' && strspn(safe, plain) == strlen(safe)) {
		snprintf(buf + n, len - n, "%s", safe);
		return;
	}
	for (p = safe, n += snprintf(buf + n, len - n, "'"); *p != '\0' &&
	    n < len; p++)
		n += *p == '\'' ? snprintf(buf + n, len - n, "'\\''") :
		    snprintf(buf + n, len - n, "%c", *p);
	if (n < len)
		snprintf(buf + n, len - n, "'");
}

void
enforce_hint(const struct cli *c, const char *how, const char *where)
{
	char line[4096] = "sctui --profile=", name[256], prof[1024];
	size_t i;

	enforce_quote(line, sizeof(line), c->enforce);
	strncat(line, " --", sizeof(line) - strlen(line) - 1);
	for (i = 0; c->argv[i] != NULL; i++) {
		strncat(line, " ", sizeof(line) - strlen(line) - 1);
		enforce_quote(line, sizeof(line), c->argv[i]);
	}
	fprintf(stderr, "sctui: %s: %s under %s%s; if a denied call caused "
	    "it, this names the calls the profile lacks: %s\n",
	    escape_name(c->argv[0], name, sizeof(name)), how,
	    escape_name(c->enforce, prof, sizeof(prof)), where, line);
}
