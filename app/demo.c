/*
 * demo.c - the classroom demo engine; see demo.h.
 *
 * One thread of sctui plays the web client.  It only ever connects to
 * 127.0.0.1, blocks every signal (so SIGCHLD stays with the tracer's
 * signalfd and Ctrl-C with the main thread), and bounds every wait.  The
 * counters it keeps are atomics, read by demo_poll() from any thread.
 * A failed request never ends the traffic (a call denied live is the
 * point of the lesson): only the clock, demo_stop() or the server's end
 * do.
 */
#include "config.h"
#include "demo.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "datadir.h"
#include "run.h"
#include "summary.h"
#include "tally.h"
#include "sysdoc.h"
#include "uimain.h"
#include "xalloc.h"

#ifndef SCTUI_PKGLIBEXECDIR
#error "SCTUI_PKGLIBEXECDIR must be defined (tui/local.mk: $(pkglibexecdir))"
#endif

#define DEMO_SERVER	"sctui-demo-server"
#define LOG_CAP		(1L << 20)	/* error log bytes, then emptied */
#define LISTEN_WAIT_MS	30000		/* for the port, tracing is slow */
#define IO_WAIT_MS	10000		/* for one answer (tracing is slow) */
#define STOP_WAIT_MS	15000		/* for the pid file to go, after stop */
#define PAUSED_NAP_MS	20		/* while paused */

extern char **environ;

struct demo {
	struct demo_opts opts;
	char		 dir[PATH_MAX];	/* "" once removed */
	char		 site[PATH_MAX];
	char		 pidfile[PATH_MAX + 16];
	char		 errlog[PATH_MAX + 16];
	char		 server[64];
	char		*note;
	char		*argv[10];
	int		 nginx;
	int		 port;
	int		 keep;		/* a named folder: kept */
	int		 helper_fd;	/* /startup-call's listener, or -1 */
	int		 helper_port;
	pthread_t	 helper;
	int		 helper_started;
	atomic_uint	 startup_calls;	/* requests the helper answered */
	int		 master;	/* its pid, once seen (the thread's) */

	pthread_t	 thread;
	int		 started;
	struct timespec	 t0;
	atomic_int	 quit;
	atomic_int	 paused;
	atomic_int	 state;
	atomic_llong	 serve_end_ms;	/* CLOCK_MONOTONIC; 0: no end */
	struct tally	 tally;		/* the answers */
	atomic_uint	 connections;
	atomic_uint	 log_resets;
};

/* The folder atexit() must remove if demo_free() was never reached. */
static char exit_dir[PATH_MAX];

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
nap(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* ---- the temporary folder -------------------------------------------- */

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Removes dir and everything in it, never following a symlink out. */
static void
rm_tree(char *dir)
{
	if (*dir == '\0')
		return;
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
	*dir = '\0';
}

static void
demo_atexit(void)
{
	rm_tree(exit_dir);
}

/* ---- a named folder --------------------------------------------------- */

/*
 * May a folder on the way be trusted not to change under us?  Only root
 * or we may write in it, or it is sticky (/tmp), where nobody else can
 * rename or remove what we own.
 */
static int
dir_trusted(const struct stat *st)
{
	if (st->st_uid != 0 && st->st_uid != geteuid())
		return 0;
	return (st->st_mode & (S_IWGRP | S_IWOTH)) == 0 ||
	    (st->st_mode & S_ISVTX) != 0;
}

/* 1 if the directory fd holds nothing; takes fd over. */
static int
dir_empty(int fd)
{
	struct dirent *de;
	DIR *dp;
	int empty = 1;

	if ((dp = fdopendir(fd)) == NULL) {
		close(fd);
		return 0;
	}
	while (empty && (de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(dp);
	return empty;
}

/*
 * One step down from the directory dfd into name, the folder's own step
 * when last (made if missing).  Returns the new fd, or -errno with err
 * filled; closes nothing.
 */
static int
dir_step(int dfd, const char *name, int last, const char *abs, int *made,
    char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if (fstat(dfd, &st) < 0)
		return -errno;
	if (!dir_trusted(&st)) {
		snprintf(err, errlen, "--demo-dir: a folder on the way to %s "
		    "can be changed by user %u (mode %04o): give a folder "
		    "under one only you or root can change", abs,
		    (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
		return -EPERM;
	}
	if (last && mkdirat(dfd, name, 0700) == 0)
		*made = 1;
	else if (last && errno != EEXIST) {
		snprintf(err, errlen, "--demo-dir: cannot make %s: %s", abs,
		    strerror(errno));
		return -errno;
	}
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		snprintf(err, errlen, "--demo-dir: %s: %s", abs,
		    strerror(errno));
		return -errno;
	}
	if (S_ISLNK(st.st_mode)) {
		snprintf(err, errlen, "--demo-dir: %s goes through the symlink "
		    "%s, which sctui never follows there: give the real "
		    "folder", abs, name);
		return -ELOOP;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "--demo-dir: %s is not a folder: give "
		    "a new name", last ? abs : name);
		return -ENOTDIR;
	}
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "--demo-dir: %s: %s", abs,
		    strerror(errno));
		return -errno;
	}
	return fd;
}

int
demo_dir_make(const char *path, char *abs, char *err, size_t errlen)
{
	char cwd[PATH_MAX], walk[PATH_MAX], *comp, *next, *save = NULL;
	struct stat st;
	int dfd, fd, made = 0, n;

	if (*path == '\0') {
		snprintf(err, errlen, "--demo-dir: give the name of a new or "
		    "an empty folder");
		return -EINVAL;
	}
	if (*path == '/')
		n = snprintf(abs, PATH_MAX, "%s", path);
	else if (getcwd(cwd, sizeof(cwd)) == NULL) {
		snprintf(err, errlen, "--demo-dir: cannot tell the current "
		    "folder: %s (give an absolute path)", strerror(errno));
		return -errno;
	} else
		n = snprintf(abs, PATH_MAX, "%s/%s", strcmp(cwd, "/") ? cwd :
		    "", path);
	if (n >= PATH_MAX) {
		snprintf(err, errlen, "--demo-dir: the path is too long");
		return -ENAMETOOLONG;
	}
	while (n > 1 && abs[n - 1] == '/')
		abs[--n] = '\0';
	xmemcpy(walk, abs, (size_t)n + 1);
	if ((dfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -errno;
	comp = strtok_r(walk, "/", &save);
	if (comp == NULL) {
		close(dfd);
		snprintf(err, errlen, "--demo-dir: / is not empty: give a new "
		    "or an empty folder");
		return -ENOTEMPTY;
	}
	for (; comp != NULL; comp = next) {
		next = strtok_r(NULL, "/", &save);
		fd = dir_step(dfd, comp, next == NULL, abs, &made, err,
		    errlen);
		close(dfd);
		if (fd < 0)
			return fd;
		dfd = fd;
	}
	if (fstat(dfd, &st) < 0 || st.st_uid != geteuid()) {
		close(dfd);
		snprintf(err, errlen, "--demo-dir: %s belongs to user %u, not "
		    "to you: give a folder of yours or a new name", abs,
		    (unsigned)st.st_uid);
		return -EPERM;
	}
	/* Others could add files after the check: refuse. */
	if (!made && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
		close(dfd);
		snprintf(err, errlen, "--demo-dir: other users can write in %s "
		    "(mode %04o): chmod 700 it, or give a new name", abs,
		    (unsigned)(st.st_mode & 07777));
		return -EPERM;
	}
	if (!made && !dir_empty(dup(dfd))) {
		close(dfd);
		snprintf(err, errlen, "--demo-dir: %s is not empty: give a new "
		    "or an empty folder", abs);
		return -ENOTEMPTY;
	}
	/* Its logs show what was served: for the user only. */
	if (!made)
		(void)fchmod(dfd, 0700);
	close(dfd);
	return 0;
}

/* ---- finding the server ---------------------------------------------- */

/* The first executable NAME in PATH, malloc'd, or NULL. */
static char *
find_in_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *colon;
	char buf[PATH_MAX];
	size_t len;

	for (p = path != NULL ? path : ""; *p != '\0'; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		if (len > 0 && len + strlen(name) + 2 < sizeof(buf)) {
			snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, p,
			    name);
			if (access(buf, X_OK) == 0)
				return xstrdup(buf);
		}
		if (colon == NULL)
			break;
	}
	return NULL;
}

/*
 * The fallback server: next to the running sctui (the build tree), else
 * where `make install` puts it.
 */
static int
find_demo_server(char *buf, size_t len)
{
	char self[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(buf, len, "%s/%s", self, DEMO_SERVER);
			if (access(buf, X_OK) == 0)
				return 0;
		}
	}
	snprintf(buf, len, "%s/%s", SCTUI_PKGLIBEXECDIR, DEMO_SERVER);
	return access(buf, X_OK) == 0 ? 0 : -ENOENT;
}

/*
 * `nginx -V` (untraced, with a bound): its version, and its configure
 * arguments, which say which modules (so which temp paths) it has.
 * Returns the output, malloc'd, or NULL.
 */
static char *
nginx_version_text(const char *nginx)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	char *argv[] = { (char *)nginx, (char *)"-V", NULL };
	char *out = xmalloc(16384);
	size_t len = 0;
	struct pollfd pfd;
	double deadline = now() + 5;
	ssize_t n;
	pid_t pid;
	int p[2], status;

	if (pipe2(p, O_CLOEXEC) < 0) {
		free(out);
		return NULL;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	/* A session of its own: no controlling terminal, never ours. */
	posix_spawnattr_init(&sa);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSID);
	if (posix_spawn(&pid, nginx, &fa, &sa, argv, environ) != 0)
		pid = -1;
	posix_spawnattr_destroy(&sa);
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (pid > 0 && len < 16383 && now() < deadline) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if ((n = read(p[0], out + len, 16383 - len)) <= 0)
			break;
		len += (size_t)n;
	}
	close(p[0]);
	if (pid > 0) {
		if (waitpid(pid, &status, WNOHANG) == 0) {
			kill(pid, SIGKILL);	/* our child, not traced */
			waitpid(pid, &status, 0);
		}
	}
	out[len] = '\0';
	if (pid <= 0 || len == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- the configuration ----------------------------------------------- */

/* nginx -V's configure arguments lack "--without-http_NAME_module". */
static int
has_module(const char *v, const char *name)
{
	char opt[64];

	snprintf(opt, sizeof(opt), "--without-http_%s_module", name);
	return v == NULL || strstr(v, opt) == NULL;
}

/* Writes the *_temp_path lines for @TEMPS@, indented like it. */
static void
put_temps(FILE *f, const char *indent, size_t ilen, const char *dir,
    const char *v)
{
	static const struct {
		const char *module, *directive, *sub;
	} t[] = {
		{ NULL,		"client_body_temp_path",	"body" },
		{ "proxy",	"proxy_temp_path",		"proxy" },
		{ "fastcgi",	"fastcgi_temp_path",		"fastcgi" },
		{ "uwsgi",	"uwsgi_temp_path",		"uwsgi" },
		{ "scgi",	"scgi_temp_path",		"scgi" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].module == NULL || has_module(v, t[i].module))
			fprintf(f, "%.*s%s %s/%s;\n", (int)ilen, indent,
			    t[i].directive, dir, t[i].sub);
}

/*
 * assets/demo/nginx.conf with its @NAME@s replaced, comment lines dropped,
 * written to d->dir/nginx.conf.
 */
static int
write_config(struct demo *d, const char *vtext, char *err, size_t errlen)
{
	char tmpl[PATH_MAX], out[PATH_MAX + 16], line[1024], *at, *end;
	const char *val;
	size_t ilen;
	FILE *in, *f;
	int rc = 0;

	snprintf(tmpl, sizeof(tmpl), "%s/demo/nginx.conf", datadir());
	snprintf(out, sizeof(out), "%s/nginx.conf", d->dir);
	if ((in = fopen(tmpl, "re")) == NULL) {
		snprintf(err, errlen, "cannot read %s: %s (set %s to the "
		    "folder that holds demo/)", tmpl, strerror(errno),
		    DATADIR_ENV);
		return -ENOENT;
	}
	if ((f = fopen(out, "wxe")) == NULL) {
		snprintf(err, errlen, "cannot write %s: %s", out,
		    strerror(errno));
		fclose(in);
		return -EIO;
	}
	while (fgets(line, sizeof(line), in) != NULL) {
		ilen = strspn(line, " \t");
		if (line[ilen] == '#')
			continue;
		if (strstr(line, "@TEMPS@") != NULL) {
			put_temps(f, line, ilen, d->dir, vtext);
			continue;
		}
		if (strstr(line, "@STARTUP_CALL@") != NULL) {
			if (d->helper_fd >= 0)
				fprintf(f, "%.*slocation = %s {\n%.*s\tproxy_pass "
				    "http://127.0.0.1:%d;\n%.*s}\n", (int)ilen,
				    line, DEMO_STARTUP_CALL, (int)ilen, line,
				    d->helper_port, (int)ilen, line);
			continue;
		}
		for (at = line; (end = strchr(at, '@')) != NULL; ) {
			fwrite(at, 1, (size_t)(end - at), f);
			val = NULL;
			if (strncmp(end, "@DIR@", 5) == 0)
				val = d->dir;
			else if (strncmp(end, "@SITE@", 6) == 0)
				val = d->site;
			else if (strncmp(end, "@USER@", 6) == 0)
				/*
				 * As root, nginx would switch its workers to
				 * "nobody"; the demo keeps them as the
				 * invoking user, root, and touches no
				 * account nor system path.
				 */
				val = geteuid() == 0 ? "user root;" : "";
			if (val != NULL) {
				fputs(val, f);
				at = strchr(end + 1, '@') + 1;
			} else if (strncmp(end, "@PORT@", 6) == 0) {
				fprintf(f, "%d", d->port);
				at = end + 6;
			} else {
				fputc('@', f);
				at = end + 1;
			}
		}
		fputs(at, f);
	}
	if (ferror(in) || fclose(f) != 0)
		rc = -EIO;
	fclose(in);
	if (rc < 0)
		snprintf(err, errlen, "cannot write %s", out);
	return rc;
}

/*
 * The startup-call helper's listening socket on 127.0.0.1 (close-on-exec:
 * never the server's), its port in *port.  Returns the fd or -errno.
 */
static int
helper_listen(int *port)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 8) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		close(fd);
		return -errno;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

/* A port on 127.0.0.1 that nothing listens on now. */
static int
pick_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd, port = -1;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	else
		port = -errno;
	close(fd);
	return port;
}

/* nginx >= 1.19.5 takes -e, the start-up error log. */
static int
nginx_has_e(const char *vtext)
{
	const char *v = vtext ? strstr(vtext, "nginx/") : NULL;
	int a = 0, b = 0, c = 0;

	if (v == NULL || sscanf(v, "nginx/%d.%d.%d", &a, &b, &c) < 2)
		return 0;
	return a > 1 || (a == 1 && (b > 19 || (b == 19 && c >= 5)));
}

static int
setup_nginx(struct demo *d, const char *nginx, char *err, size_t errlen)
{
	char *vtext = nginx_version_text(nginx), *v;
	int i = 0, rc;

	v = vtext ? strstr(vtext, "nginx/") : NULL;
	snprintf(d->server, sizeof(d->server), "nginx %.*s",
	    v ? (int)strcspn(v + 6, " \n") : 0, v ? v + 6 : "");
	if (v == NULL)
		snprintf(d->server, sizeof(d->server), "nginx");
	snprintf(d->pidfile, sizeof(d->pidfile), "%s/nginx.pid", d->dir);
	snprintf(d->errlog, sizeof(d->errlog), "%s/error.log", d->dir);
	rc = write_config(d, vtext, err, errlen);
	d->argv[i++] = xstrdup(nginx);
	if (nginx_has_e(vtext)) {
		d->argv[i++] = xstrdup("-e");
		d->argv[i++] = xstrdup(d->errlog);
	}
	d->argv[i++] = xstrdup("-p");
	d->argv[i++] = xstrdup(d->dir);
	d->argv[i++] = xstrdup("-c");
	d->argv[i] = xmalloc(strlen(d->dir) + 16);
	sprintf(d->argv[i++], "%s/nginx.conf", d->dir);
	d->argv[i] = NULL;
	d->nginx = 1;
	free(vtext);
	return rc;
}

static int
setup_fallback(struct demo *d, char *err, size_t errlen)
{
	char path[PATH_MAX + 32], port[16];
	int i = 0;

	if (find_demo_server(path, sizeof(path)) < 0) {
		snprintf(err, errlen, "nginx is not in PATH and %s is not "
		    "installed either (make install, or apt-get install "
		    "nginx-light)", DEMO_SERVER);
		return -ENOENT;
	}
	snprintf(d->server, sizeof(d->server), "%s", DEMO_SERVER);
	snprintf(d->pidfile, sizeof(d->pidfile), "%s/server.pid", d->dir);
	snprintf(port, sizeof(port), "%d", d->port);
	d->argv[i++] = xstrdup(path);
	d->argv[i++] = xstrdup(port);
	d->argv[i++] = xstrdup(d->site);
	d->argv[i++] = xstrdup(d->pidfile);
	d->argv[i] = NULL;
	return 0;
}

struct demo *
demo_new(const struct demo_opts *opts, char *err, size_t errlen)
{
	static const struct demo_opts defaults = { 0 };
	struct demo *d = xcalloc(1, sizeof(*d));
	const char *tmp = getenv("TMPDIR");
	char *nginx;
	struct stat st;
	int rc;

	d->opts = opts != NULL ? *opts : defaults;
	d->helper_fd = -1;
	tally_init(&d->tally);
	if (d->opts.pause_ms == 0)
		d->opts.pause_ms = 10;
	snprintf(d->site, sizeof(d->site), "%s/demo/site", datadir());
	if (stat(d->site, &st) < 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "no demo site at %s (set %s to the "
		    "folder that holds demo/)", d->site, DATADIR_ENV);
		free(d);
		return NULL;
	}
	if (d->opts.dir != NULL) {
		if (demo_dir_make(d->opts.dir, d->dir, err, errlen) < 0) {
			free(d);
			return NULL;
		}
		d->keep = 1;
		d->opts.dir = NULL;	/* the caller's string */
	} else if (snprintf(d->dir, sizeof(d->dir), "%s/sctui-demo.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp") < 0 ||
	    mkdtemp(d->dir) == NULL) {
		snprintf(err, errlen, "cannot make %s: %s (set TMPDIR to a "
		    "writable folder)", d->dir, strerror(errno));
		free(d);
		return NULL;
	}
	if (!d->keep && exit_dir[0] == '\0') {
		static int registered;

		memcpy(exit_dir, d->dir, sizeof(exit_dir));
		if (!registered++)
			atexit(demo_atexit);
	}
	/* Without it the demo runs on, without its startup-call step. */
	d->helper_fd = helper_listen(&d->helper_port);
	if ((d->port = pick_port()) < 0) {
		snprintf(err, errlen, "no free port on 127.0.0.1: %s",
		    strerror(-d->port));
		demo_free(d);
		return NULL;
	}
	if ((nginx = find_in_path("nginx")) != NULL) {
		rc = setup_nginx(d, nginx, err, errlen);
		free(nginx);
	} else {
		d->note = xstrdup(access("/usr/sbin/nginx", X_OK) == 0 ?
		    "nginx is not in PATH (it is in /usr/sbin: add that to "
		    "PATH to use it); using the bundled " DEMO_SERVER :
		    "nginx is not installed (apt-get install nginx-light); "
		    "using the bundled " DEMO_SERVER);
		rc = setup_fallback(d, err, errlen);
	}
	if (rc < 0) {
		demo_free(d);
		return NULL;
	}
	atomic_init(&d->state, DEMO_STARTING);
	return d;
}

char *const *
demo_argv(const struct demo *d)
{
	return d->argv;
}

int
demo_stop_signal(const struct demo *d)
{
	(void)d;
	return SIGQUIT;
}

const char *
demo_server(const struct demo *d)
{
	return d->server;
}

int
demo_port(const struct demo *d)
{
	return d->port;
}

const char *
demo_dir(const struct demo *d)
{
	return d->dir;
}

const char *
demo_note(const struct demo *d)
{
	return d->note;
}

/* ---- the startup-call helper ------------------------------------------ */

/* Reads the proxied request (bounded), answers it in plain text. */
static void
helper_answer(struct demo *d, int fd)
{
	static const char reply[] = "HTTP/1.0 200 OK\r\n"
	    "Content-Type: text/plain\r\nConnection: close\r\n\r\n"
	    "The nginx worker that served this request made socket() and "
	    "connect() to reach sctui's helper:\ncalls it otherwise makes "
	    "only at start-up.\n";
	struct timeval tv = { 1, 0 };
	char buf[4096];
	size_t len = 0;
	ssize_t n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	while (len < sizeof(buf) - 1 &&
	    (n = recv(fd, buf + len, sizeof(buf) - 1 - len, 0)) > 0) {
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, "\r\n\r\n") != NULL)
			break;
	}
	if (send(fd, reply, sizeof(reply) - 1, MSG_NOSIGNAL) ==
	    (ssize_t)sizeof(reply) - 1)
		atomic_fetch_add(&d->startup_calls, 1);
}

/* The helper's thread: answers each connection nginx makes to it. */
static void *
helper(void *arg)
{
	struct demo *d = arg;
	struct pollfd pfd = { d->helper_fd, POLLIN, 0 };
	int fd;

	while (!atomic_load(&d->quit)) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		if ((fd = accept4(d->helper_fd, NULL, NULL, SOCK_CLOEXEC)) < 0)
			continue;
		helper_answer(d, fd);
		close(fd);
	}
	return NULL;
}

/* ---- the client ------------------------------------------------------ */

/* A connection to 127.0.0.1:port, or -1. */
static int
dial(int port)
{
	struct sockaddr_in sa;
	struct timeval tv = { IO_WAIT_MS / 1000, 0 };
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Empties the server's error log once it is over LOG_CAP. */
static void
cap_log(struct demo *d)
{
	struct stat st;

	if (d->errlog[0] != '\0' && stat(d->errlog, &st) == 0 &&
	    st.st_size > LOG_CAP && truncate(d->errlog, 0) == 0)
		atomic_fetch_add(&d->log_resets, 1);
}

/* The master's pid from its pid file, or 0. */
static int
master_pid(struct demo *d)
{
	FILE *f;
	int pid = 0;

	if ((f = fopen(d->pidfile, "re")) != NULL) {
		if (fscanf(f, "%d", &pid) != 1)
			pid = 0;
		fclose(f);
	}
	return pid > 1 ? pid : 0;
}

/*
 * Has the server exited (removed its pid file, or its master is gone)?
 * Only the demo's thread calls it.
 */
static int
server_gone(struct demo *d)
{
	int pid = master_pid(d);

	if (pid > 0)
		d->master = pid;
	if (d->master == 0)
		return 0;	/* not written yet: still starting */
	return pid == 0 || (kill(d->master, 0) < 0 && errno == ESRCH);
}

/*
 * A refused connection: a server that closed its port is stopping (on
 * Ctrl-C, t, or its own end), which is no failed request.  Waits a
 * little for it to go; 1 if it went.
 */
static int
refused_gone(struct demo *d)
{
	double end = now() + IO_WAIT_MS / 1e3;

	while (!atomic_load(&d->quit) && now() < end) {
		if (server_gone(d))
			return 1;
		nap(20);
	}
	return server_gone(d);
}

/* How a read or write that got no byte (n: its return) ended. */
static enum demo_fail
fail_of(ssize_t n)
{
	if (n == 0 || errno == EPIPE)
		return DEMO_FAIL_CLOSED;
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		return DEMO_FAIL_TIMEOUT;
	return errno == ECONNRESET ? DEMO_FAIL_RESET : DEMO_FAIL_CLOSED;
}

/*
 * One request on fd; reads the answer (to EOF when close is set) and says
 * in a what it met.
 */
static void
request(int fd, const char *path, int close_it, struct answer *a)
{
	char buf[8192], *hend, *cl;
	size_t len = 0;
	ssize_t n;
	int w;

	memset(a, 0, sizeof(*a));
	a->code = -1;
	w = snprintf(buf, sizeof(buf), "GET %s HTTP/1.1\r\nHost: "
	    "127.0.0.1\r\nUser-Agent: sctui-demo\r\nAccept: */*\r\n%s\r\n",
	    path, close_it ? "Connection: close\r\n" : "");
	if ((n = send(fd, buf, (size_t)w, MSG_NOSIGNAL)) != w) {
		a->fail = fail_of(n < 0 ? n : 0);
		return;
	}
	for (;;) {
		if (len >= sizeof(buf) - 1) {
			a->fail = DEMO_FAIL_GARBLED;
			return;
		}
		if ((n = recv(fd, buf + len, sizeof(buf) - 1 - len, 0)) <= 0) {
			a->fail = len > 0 ? DEMO_FAIL_GARBLED : fail_of(n);
			return;
		}
		len += (size_t)n;
		buf[len] = '\0';
		if ((hend = strstr(buf, "\r\n\r\n")) != NULL)
			break;
	}
	if (sscanf(buf, "HTTP/1.%*d %d", &a->code) != 1) {
		a->code = -1;
		a->fail = DEMO_FAIL_GARBLED;
		return;
	}
	*hend = '\0';
	cl = strcasestr(buf, "\r\nContent-Length:");
	a->need = cl != NULL ? strtoul(cl + 17, NULL, 10) : 0;
	a->got = len - (size_t)(hend + 4 - buf);
	while (a->got < a->need) {
		n = recv(fd, buf, sizeof(buf) < a->need - a->got ?
		    sizeof(buf) : a->need - a->got, 0);
		if (n <= 0) {
			a->fail = DEMO_FAIL_SHORT;
			a->end = fail_of(n);
			return;
		}
		a->got += (size_t)n;
	}
	if (close_it)	/* the server closes after the answer */
		while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
			;
	a->whole = 1;
}

/* Failures wait this long for a later whole answer (see tally.h). */
#define PENDING_MS	IO_WAIT_MS

/*
 * A round: three keep-alive requests (a page, its style sheet, a page
 * that does not exist), then one with Connection: close.  After a failed
 * one the next goes on a new connection.  Returns 1 when the server is
 * gone (its port refused, then it exited), else 0.
 */
static int
round_trip(struct demo *d)
{
	static const char *const paths[] = {
		"/", "/style.css", "/no-such-page.html", "/about.html",
	};
	struct answer a;
	int fd = -1, i;

	for (i = 0; i < 4 && !atomic_load(&d->quit); i++) {
		if (fd < 0) {
			if ((fd = dial(d->port)) < 0) {
				memset(&a, 0, sizeof(a));
				a.fail = DEMO_FAIL_REFUSED;
				tally_count(&d->tally, &a, now());
				return refused_gone(d);
			}
			atomic_fetch_add(&d->connections, 1);
		}
		request(fd, paths[i], i == 3, &a);
		tally_count(&d->tally, &a, now());
		if (!a.whole) {
			close(fd);
			fd = -1;
		}
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

/* The stop, when the owner gave no callback: SIGQUIT to our own child. */
static void
signal_master(struct demo *d)
{
	char path[64], line[256];
	FILE *f;
	int pid = master_pid(d), ppid = 0;

	if (pid == 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if ((f = fopen(path, "re")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "PPid: %d", &ppid) == 1)
			break;
	fclose(f);
	if (ppid == (int)getpid())
		kill(pid, demo_stop_signal(d));
}

static void
ask_stop(struct demo *d)
{
	if (d->opts.stop != NULL)
		d->opts.stop(d->opts.arg);
	else
		signal_master(d);
}

static void *
client(void *arg)
{
	struct demo *d = arg;
	double t0 = now(), end = 0, t;
	int fd = -1;

	/* Wait for the port. */
	while (!atomic_load(&d->quit) && now() < t0 + LISTEN_WAIT_MS / 1e3) {
		cap_log(d);
		if ((fd = dial(d->port)) >= 0)
			break;
		nap(20);
	}
	if (fd < 0) {
		atomic_store(&d->state, DEMO_FAILED);
		if (!atomic_load(&d->quit))
			ask_stop(d);
		return NULL;
	}
	close(fd);
	if (d->opts.seconds > 0) {
		end = now() + d->opts.seconds;
		atomic_store(&d->serve_end_ms, (long long)(end * 1e3));
	}
	atomic_store(&d->state, DEMO_SERVING);
	while (!atomic_load(&d->quit) && (end == 0 || now() < end)) {
		if (atomic_load(&d->paused)) {
			/* The clock of a timed run stops too. */
			t = now();
			nap(PAUSED_NAP_MS);
			if (end > 0) {
				end += now() - t;
				atomic_store(&d->serve_end_ms,
				    (long long)(end * 1e3));
			}
			continue;
		}
		/* Its pid, to tell later whether it is gone. */
		if (d->master == 0)
			d->master = master_pid(d);
		if (round_trip(d) ||
		    (tally_pending(&d->tally) > 0 && server_gone(d))) {
			/* It ended on its own (or was stopped): no stop. */
			atomic_store(&d->state, tally_answered(&d->tally) ?
			    DEMO_DONE : DEMO_FAILED);
			return NULL;
		}
		if (tally_due(&d->tally, now(), PENDING_MS / 1e3))
			tally_commit(&d->tally);
		cap_log(d);
		nap(d->opts.pause_ms);
	}
	/* demo_stop(): the trace is over, so is the server. */
	if (atomic_load(&d->quit))
		return NULL;
	tally_commit(&d->tally);
	atomic_store(&d->state, tally_answered(&d->tally) ?
	    DEMO_STOPPING : DEMO_FAILED);
	ask_stop(d);
	/* The master removes its pid file as it exits. */
	end = now() + STOP_WAIT_MS / 1e3;
	while (!atomic_load(&d->quit) && now() < end &&
	    access(d->pidfile, F_OK) == 0) {
		cap_log(d);
		nap(20);
	}
	if (access(d->pidfile, F_OK) != 0 &&
	    atomic_load(&d->state) == DEMO_STOPPING)
		atomic_store(&d->state, DEMO_DONE);
	return NULL;
}

int
demo_start(struct demo *d)
{
	sigset_t all, old;
	int rc;

	if (d->started)
		return -EALREADY;
	clock_gettime(CLOCK_MONOTONIC, &d->t0);
	/* The thread inherits a full mask: no signal is ever its. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&d->thread, NULL, client, d);
	if (rc == 0 && d->nginx && d->helper_fd >= 0 &&
	    pthread_create(&d->helper, NULL, helper, d) == 0)
		d->helper_started = 1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		return -rc;
	d->started = 1;
	return 0;
}

void
demo_pause(struct demo *d, int on)
{
	atomic_store(&d->paused, on != 0);
}

int
demo_paused(struct demo *d)
{
	return atomic_load(&d->paused);
}

void
demo_poll(struct demo *d, struct demo_stats *st)
{
	double t = now();

	memset(st, 0, sizeof(*st));
	st->state = (enum demo_state)atomic_load(&d->state);
	tally_read(&d->tally, st);
	st->connections = atomic_load(&d->connections);
	st->log_resets = atomic_load(&d->log_resets);
	st->paused = atomic_load(&d->paused);
	st->startup_calls = atomic_load(&d->startup_calls);
	if (d->started) {
		st->elapsed = t - ((double)d->t0.tv_sec +
		    (double)d->t0.tv_nsec / 1e9);
		if (st->state == DEMO_SERVING &&
		    atomic_load(&d->serve_end_ms) > 0)
			st->left = (double)atomic_load(&d->serve_end_ms) /
			    1e3 - t;
		if (st->left < 0)
			st->left = 0;
	}
}

void
demo_status(struct demo *d, char *buf, size_t len)
{
	static const char *const names[] = {
		"starting", "serving", "stopping (SIGQUIT sent)", "done",
		"failed: no answer",
	};
	struct demo_stats st;
	char left[32] = "";

	demo_poll(d, &st);
	if (st.state == DEMO_SERVING && st.left > 0)
		snprintf(left, sizeof(left), ", %.1f s left", st.left);
	/*
	 * The address the class points a browser at, then the counts: a
	 * narrow header cuts the end.
	 */
	snprintf(buf, len, "demo 127.0.0.1:%d %s: %u ok, %u 404, %u failed%s; "
	    "%s", d->port, st.state == DEMO_SERVING && st.paused ? "paused" :
	    names[st.state], st.ok, st.notfound, st.failed, left, d->server);
}

void
demo_failures(struct demo *d, char *buf, size_t len)
{
	static const char *const what[DEMO_FAIL_N] = {
		"refused", "closed before an answer", "reset before an answer",
		"without an answer in 10 s", "cut short", "garbled",
	};
	static const char *const end[DEMO_FAIL_N] = {
		"", "the connection closed", "the connection reset",
		"no more bytes in 10 s", "", "",
	};
	struct demo_stats st;
	size_t at = 0;
	int i;

	demo_poll(d, &st);
	buf[0] = '\0';
	for (i = 0; i < DEMO_FAIL_N && at < len; i++) {
		if (st.fails[i] == 0)
			continue;
		at += (size_t)snprintf(buf + at, len - at, "%s%u %s", at ?
		    ", " : "", st.fails[i], what[i]);
		if (i == DEMO_FAIL_SHORT && at < len)
			at += (size_t)snprintf(buf + at, len - at, " (the "
			    "last: status %d, then %lu of %lu body bytes, %s)",
			    st.short_code, st.short_got, st.short_need,
			    end[st.short_end]);
	}
}

void
demo_stop(struct demo *d)
{
	if (!d->started)
		return;
	atomic_store(&d->quit, 1);
	pthread_join(d->thread, NULL);
	if (d->helper_started)
		pthread_join(d->helper, NULL);
	d->helper_started = 0;
	d->started = 0;
}

void
demo_free(struct demo *d)
{
	size_t i;

	if (d == NULL)
		return;
	demo_stop(d);
	if (strcmp(exit_dir, d->dir) == 0)
		exit_dir[0] = '\0';
	if (!d->keep)
		rm_tree(d->dir);
	if (d->helper_fd >= 0)
		close(d->helper_fd);
	for (i = 0; d->argv[i] != NULL; i++)
		free(d->argv[i]);
	free(d->note);
	free(d);
}

/* ---- the front ends ------------------------------------------------ */

void
demo_stopping(void *d)
{
	tally_stopping(&((struct demo *)d)->tally);
}

void
demo_set_stop(struct demo *d, void (*stop)(void *arg), void *arg)
{
	d->opts.stop = stop;
	d->opts.arg = arg;
}

/* The traffic is over: end the trace as Ctrl-C does, with SIGQUIT. */
static void
batch_over(void *arg)
{
	run_stop(arg, RUN_END);
}

/* The server runs under the tracer: start the traffic. */
static int
batch_started(void *arg, struct run *r)
{
	struct demo *d = arg;
	int rc;

	demo_set_stop(d, batch_over, r);
	if ((rc = demo_start(d)) < 0) {
		fprintf(stderr, "sctui: demo: cannot start its client: %s\n",
		    strerror(-rc));
		return 1;
	}
	return 0;
}

int
demo_main(const struct cli *c)
{
	struct demo_opts dopt = { 0 };
	struct run_opts o = { 0 };
	struct demo_stats st;
	struct demo *d;
	char err[1024], fails[512];
	int rc;

	dopt.dir = c->demo_dir;
	dopt.seconds = c->demo_seconds >= 0 ? (unsigned)c->demo_seconds :
	    c->batch ? DEMO_BATCH_SECONDS : 0;
	if ((d = demo_new(&dopt, err, sizeof(err))) == NULL) {
		fprintf(stderr, "sctui: demo: %s\n", err);
		return 1;
	}
	if (!c->batch) {
		/* The UI starts the traffic once the server is traced. */
		rc = uimain_trace(c, d);
		demo_free(d);
		return rc;
	}
	if (demo_note(d) != NULL)
		fprintf(stderr, "sctui: demo: %s\n", demo_note(d));
	if (!c->quiet) {
		if (d->opts.seconds > 0)
			snprintf(err, sizeof(err), "%u s of requests",
			    d->opts.seconds);
		else
			snprintf(err, sizeof(err), "requests until Ctrl-C");
		fprintf(stderr, "sctui: demo: %s, a master and 2 workers, on "
		    "http://127.0.0.1:%d/; %s, then SIG%s\n", demo_server(d),
		    demo_port(d), err, sigabbrev_np(demo_stop_signal(d)));
	}
	if (d->keep)
		fprintf(stderr, "sctui: demo: its configuration and logs stay "
		    "in %s\n", demo_dir(d));
	o.argv = demo_argv(d);
	o.stop_signal = demo_stop_signal(d);
	o.on_stop = demo_stopping;
	o.stop_arg = d;
	/* SIGQUIT at sctui ends like Ctrl-C: the server stops, the folder
	 * goes. */
	o.quit_ends = 1;
	rc = batch_trace(c, &o, batch_started, d);
	demo_stop(d);
	demo_poll(d, &st);
	if (!c->quiet || st.failed > 0)
		fprintf(stderr, "sctui: demo: %u requests on %u connections: "
		    "%u ok (200), %u not found (404), %u other, %u failed%s\n",
		    st.requests, st.connections, st.ok, st.notfound, st.other,
		    st.failed, st.log_resets ? "; the error log went over "
		    "1 MiB and was emptied" : "");
	if (st.startup_calls > 0)
		fprintf(stderr, "sctui: demo: %u request%s for %s made a "
		    "serving worker call socket and connect\n",
		    st.startup_calls, st.startup_calls == 1 ? "" : "s",
		    DEMO_STARTUP_CALL);
	demo_failures(d, fails, sizeof(fails));
	if (fails[0] != '\0')
		fprintf(stderr, "sctui: demo: the failed requests: %s\n",
		    fails);
	if (!tally_answered(&d->tally)) {
		fprintf(stderr, "sctui: demo: %s never answered on "
		    "127.0.0.1:%d\n", demo_server(d), demo_port(d));
		if (rc == 0)
			rc = 1;
	}
	demo_free(d);
	return rc;
}
