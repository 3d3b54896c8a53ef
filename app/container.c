/*
 * container.c - prove a profile in a real container runtime; see
 * container.h.
 *
 * The bundle is a folder sctui makes with mkdtemp(3) (mode 0700) under a
 * base folder it has checked (container_base): it holds config.json (runc,
 * crun: the profile in linux.seccomp, written by the OCI writer) or
 * profile.json (podman: the Docker format, as a user passes it), an empty
 * rootfs/ and the runtime's state.  The host's root is bound on rootfs/,
 * read-only and not recursively, in a mount namespace the runtime alone
 * lives in: when it exits the mount is gone, so removing the folder
 * (container_rmtree, which never crosses into another file system) can
 * never reach the host's files.
 *
 * The command sees what it would see on the host: the network (no network
 * namespace: a server is reachable on 127.0.0.1), the pid space (no pid
 * namespace: it is not a pid 1 that ignores SIGTERM), the caller's ids,
 * environment and working folder.  The root is read-only; the working
 * folder and /tmp are bound writable, as the command would find them.
 */
#include "config.h"
#include "container.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <jansson.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cmdpath.h"
#include "enforce.h"
#include "escape.h"
#include "profile.h"
#include "profilecmd.h"
#include "run.h"
#include "runtime.h"
#include "summary.h"
#include "xalloc.h"

extern char **environ;

/*
 * podman 4.3 runs with RLIMIT_NPROC 32768 (measured here): without
 * CAP_SYS_RESOURCE its runtime cannot set a container's limit above that,
 * and podman's own default (1048576) fails with "setrlimit RLIMIT_NPROC:
 * Operation not permitted".
 */
#define CONTAINER_PODMAN_NPROC	32768

struct container {
	const struct cli *c;
	const char	*rt;		/* "runc", "crun" or "podman" */
	char		*rt_path;
	char		*cmd_path;	/* the command, resolved on the host */
	char		 cwd[PATH_MAX];
	char		 bind[PATH_MAX]; /* bound writable for the cwd; "": none */
	char		 dir[PATH_MAX];	/* the bundle folder */
	int		 dirfd;
	char		 id[64];	/* the container's name */
	char	       **argv;		/* the runtime's command line */
	size_t		 argc;
	char		 lacks[512];	/* the runtime's own calls the
					 * profile lacks, "a, b"; "": none */
};

/* The signals passed on to the runtime, as --enforce does. */
static const int container_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define CONTAINER_NSIGS	(sizeof(container_sigs) / sizeof(container_sigs[0]))

static volatile pid_t container_child;
static volatile sig_atomic_t container_caught;

static void
container_forward(int sig)
{
	container_caught = sig;
	if (container_child > 0)
		kill(container_child, sig);
}

/*
 * The folder the bundle folder goes in: $TMPDIR when it is an absolute
 * path, else /tmp, made canonical.  sctui runs as root: a symlink on that
 * path that another user owns is refused, and so is any folder of the
 * canonical path that another user owns or may write to without the
 * sticky bit (he could move our folder away and put his own there, with
 * a config.json that runs his command as root).  Returns 0 with base
 * filled, or -1 after one line on stderr.
 */
static int
container_base(char *base, size_t len)
{
	const char *t = getenv("TMPDIR");
	char path[PATH_MAX], canon[PATH_MAX], *p, keep;
	struct stat st;
	uid_t me = geteuid();
	int open_to_all;

	if (t == NULL || t[0] != '/' || strlen(t) >= sizeof(path))
		t = "/tmp";
	snprintf(path, sizeof(path), "%s", t);
	for (p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		keep = *p;
		*p = '\0';
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) &&
		    st.st_uid != 0 && st.st_uid != me) {
			fprintf(stderr, "sctui: %s is a symlink of uid %u: "
			    "sctui follows no other user's link to make its "
			    "container; set TMPDIR to a folder of your own\n",
			    path, (unsigned)st.st_uid);
			return -1;
		}
		if (keep == '\0')
			break;
		*p = keep;
	}
	if (realpath(t, canon) == NULL) {
		fprintf(stderr, "sctui: %s: %s; set TMPDIR to a folder that "
		    "exists\n", t, strerror(errno));
		return -1;
	}
	snprintf(path, sizeof(path), "%s", canon);
	for (p = path;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		keep = *p;
		*p = '\0';
		if (stat(*path ? path : "/", &st) < 0 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "sctui: %s: not a folder; set TMPDIR "
			    "to a folder\n", *path ? path : "/");
			return -1;
		}
		open_to_all = (st.st_mode & 022) && !(st.st_mode & S_ISVTX);
		if ((st.st_uid != 0 && st.st_uid != me) || open_to_all) {
			fprintf(stderr, "sctui: %s is %s uid %u: another user "
			    "could swap the container's files; set TMPDIR to a "
			    "folder only you and root can change\n",
			    *path ? path : "/", open_to_all ? "writable by "
			    "others than its owner," : "owned by",
			    (unsigned)st.st_uid);
			return -1;
		}
		if (keep == '\0')
			break;
		*p = keep;
	}
	if (strlen(canon) + sizeof("/sctui-run-XXXXXX") > len) {
		fprintf(stderr, "sctui: %s: path too long; set TMPDIR to a "
		    "shorter one\n", canon);
		return -1;
	}
	snprintf(base, len, "%s", strcmp(canon, "/") == 0 ? "" : canon);
	return 0;
}

/* Writes len bytes of data to a new file name in the bundle folder. */
static int
container_write(struct container *ct, const char *name, const char *data,
    size_t len)
{
	ssize_t n;
	int fd;

	fd = openat(ct->dirfd, name, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	for (; len > 0; data += n, len -= (size_t)n)
		if ((n = write(fd, data, len)) < 0) {
			n = -errno;
			close(fd);
			return (int)n;
		}
	return close(fd) < 0 ? -errno : 0;
}

/*
 * Removes name (in folder dfd) and all it holds, following no symlink and
 * entering nothing on another device than dev (a mount left behind is
 * left alone, never walked into).
 */
static void
container_rmtree(int dfd, const char *name, dev_t dev)
{
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd;

	if (unlinkat(dfd, name, 0) == 0 || (errno != EISDIR &&
	    errno != EPERM))
		return;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) < 0 || st.st_dev != dev ||
	    (d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			container_rmtree(dirfd(d), de->d_name, dev);
	closedir(d);
	(void)unlinkat(dfd, name, AT_REMOVEDIR);
}

/* Removes the bundle folder; idempotent. */
static void
container_remove(struct container *ct)
{
	struct stat st;
	char *slash;
	int pfd;

	if (ct->dirfd < 0)
		return;
	slash = strrchr(ct->dir, '/');
	*slash = '\0';
	pfd = open(*ct->dir ? ct->dir : "/", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	*slash = '/';
	if (pfd >= 0 && fstat(ct->dirfd, &st) == 0)
		container_rmtree(pfd, slash + 1, st.st_dev);
	if (pfd >= 0)
		close(pfd);
	close(ct->dirfd);
	ct->dirfd = -1;
}

/* Makes the bundle folder and its empty rootfs/. */
static int
container_mkdir(struct container *ct)
{
	char base[PATH_MAX - 32];
	struct stat st;

	if (container_base(base, sizeof(base)) < 0)
		return -1;
	snprintf(ct->dir, sizeof(ct->dir), "%s/sctui-run-XXXXXX", base);
	if (mkdtemp(ct->dir) == NULL) {
		fprintf(stderr, "sctui: cannot make a folder in %s: %s\n",
		    *base ? base : "/", strerror(errno));
		return -1;
	}
	ct->dirfd = open(ct->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (ct->dirfd < 0) {
		fprintf(stderr, "sctui: %s: %s\n", ct->dir, strerror(errno));
		(void)rmdir(ct->dir);
		return -1;
	}
	/* mkdtemp made it ours and 0700; a different folder is an attack. */
	errno = 0;
	if (fstat(ct->dirfd, &st) < 0 || st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0 || mkdirat(ct->dirfd, "rootfs", 0700) < 0 ||
	    mkdirat(ct->dirfd, "state", 0700) < 0) {
		fprintf(stderr, "sctui: %s: %s\n", ct->dir, errno != 0 ?
		    strerror(errno) : "not the private folder sctui made");
		container_remove(ct);
		return -1;
	}
	snprintf(ct->id, sizeof(ct->id), "sctui-%s", strrchr(ct->dir, '-') +
	    1);
	return 0;
}

/* Appends a printf-formatted argument to the runtime's command line. */
static void
container_arg(struct container *ct, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
container_arg(struct container *ct, const char *fmt, ...)
{
	va_list ap;
	int n;

	ct->argv = xreallocarray(ct->argv, ct->argc + 2, sizeof(*ct->argv));
	va_start(ap, fmt);
	n = vasprintf(&ct->argv[ct->argc], fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("out of memory");
	ct->argv[++ct->argc] = NULL;
}

/* 1 if path is folder or lies under it. */
static int
container_under(const char *path, const char *folder)
{
	size_t n = strlen(folder);

	return *folder != '\0' && strncmp(path, folder, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/' || strcmp(folder, "/") == 0);
}

/*
 * What the working folder needs bound writable (ct->bind): nothing for /
 * or under /tmp (bound anyway); the folder itself on the root's file
 * system; else the top of its own file system, the only folder of it that
 * exists in the read-only root to mount on.
 */
static void
container_cwd_bind(struct container *ct, dev_t rootdev)
{
	struct stat st;
	char up[PATH_MAX], *slash;
	dev_t dev;

	ct->bind[0] = '\0';
	if (strcmp(ct->cwd, "/") == 0 || container_under(ct->cwd, "/tmp") ||
	    stat(ct->cwd, &st) < 0)
		return;
	snprintf(ct->bind, sizeof(ct->bind), "%s", ct->cwd);
	if ((dev = st.st_dev) == rootdev)
		return;
	snprintf(up, sizeof(up), "%s", ct->cwd);
	while ((slash = strrchr(up, '/')) != NULL && slash != up) {
		*slash = '\0';
		if (stat(up, &st) < 0 || st.st_dev != dev)
			break;
		snprintf(ct->bind, sizeof(ct->bind), "%s", up);
	}
}

static void
container_mount(json_t *mounts, const char *dst, const char *type,
    const char *src, const char *opts)
{
	json_t *m = json_object(), *o = json_array();
	char *copy = xstrdup(opts), *tok, *save = NULL;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save))
		json_array_append_new(o, json_string(tok));
	free(copy);
	json_object_set_new(m, "destination", json_string(dst));
	json_object_set_new(m, "type", json_string(type));
	json_object_set_new(m, "source", json_string(src));
	json_object_set_new(m, "options", o);
	json_array_append_new(mounts, m);
}

/* What every runc or crun container gets, as `runc spec` has it, and /tmp. */
static const struct {
	const char	*dst, *type, *src, *opts;
} container_mounts[] = {
	{ "/proc", "proc", "proc", "nosuid,noexec,nodev" },
	{ "/dev", "tmpfs", "tmpfs", "nosuid,strictatime,mode=755,size=65536k" },
	{ "/dev/pts", "devpts", "devpts",
	    "nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5" },
	{ "/dev/shm", "tmpfs", "shm", "nosuid,noexec,nodev,mode=1777,"
	    "size=65536k" },
	{ "/dev/mqueue", "mqueue", "mqueue", "nosuid,noexec,nodev" },
	{ "/sys", "sysfs", "sysfs", "nosuid,noexec,nodev,ro" },
	{ "/run", "tmpfs", "tmpfs", "nosuid,nodev,mode=755,size=65536k" },
	{ "/tmp", "bind", "/tmp", "rbind,rw" },
	{ NULL, NULL, NULL, NULL }
};

static json_t *
container_strings(const char *const *v)
{
	json_t *a = json_array();

	for (; v != NULL && *v != NULL; v++)
		json_array_append_new(a, json_string(*v));
	return a;
}

/*
 * The command gets a terminal when sctui's stdin is one and sctui runs in
 * its foreground: a runtime sets a terminal's modes, which stops a
 * background job (SIGTTOU) for good.
 */
static int
container_tty(void)
{
	return isatty(0) && tcgetpgrp(0) == getpgrp();
}

/*
 * config.json for runc and crun: the host's root read-only, the usual
 * /proc, /dev and /sys, the working folder and /tmp writable; mount, ipc
 * and uts namespaces only; seccomp (the OCI writer's object) in
 * linux.seccomp.  Returns a new reference.
 */
static json_t *
container_config(struct container *ct, json_t *seccomp,
    const char *const *caps)
{
	static const char *const masked[] = { "/proc/acpi", "/proc/asound",
	    "/proc/kcore", "/proc/keys", "/proc/latency_stats",
	    "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
	    "/sys/firmware", "/proc/scsi", NULL };
	static const char *const ro[] = { "/proc/bus", "/proc/fs",
	    "/proc/irq", "/proc/sys", "/proc/sysrq-trigger", NULL };
	static const char *const ns[] = { "mount", "ipc", "uts", NULL };
	json_t *cfg = json_object(), *proc = json_object(), *user, *env, *a;
	json_t *mounts = json_array(), *lnx = json_object(), *capj;
	gid_t groups[NGROUPS_MAX];
	struct rlimit rl;
	char **e;
	int i, n, has_path = 0;

	user = json_pack("{s:I, s:I}", "uid", (json_int_t)getuid(), "gid",
	    (json_int_t)getgid());
	n = getgroups(NGROUPS_MAX, groups);
	for (a = json_array(), i = 0; i < n; i++)
		json_array_append_new(a, json_integer(groups[i]));
	json_object_set_new(user, "additionalGids", a);
	for (env = json_array(), e = environ; *e != NULL; e++) {
		has_path |= strncmp(*e, "PATH=", 5) == 0;
		json_array_append_new(env, json_string(*e));
	}
	if (!has_path)
		json_array_append_new(env, json_string("PATH=/usr/local/sbin:"
		    "/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
	/* Root gets the capabilities the profile was resolved for. */
	capj = json_object();
	json_object_set_new(capj, "bounding", container_strings(caps));
	if (getuid() == 0) {
		json_object_set_new(capj, "effective", container_strings(caps));
		json_object_set_new(capj, "permitted", container_strings(caps));
	}
	getrlimit(RLIMIT_NOFILE, &rl);
	json_object_set_new(proc, "terminal", json_boolean(container_tty()));
	json_object_set_new(proc, "user", user);
	json_object_set_new(proc, "args",
	    container_strings((const char *const *)ct->c->argv));
	json_object_set_new(proc, "env", env);
	json_object_set_new(proc, "cwd", json_string(ct->cwd));
	json_object_set_new(proc, "capabilities", capj);
	json_object_set_new(proc, "rlimits", json_pack("[{s:s, s:I, s:I}]",
	    "type", "RLIMIT_NOFILE", "hard", (json_int_t)rl.rlim_max,
	    "soft", (json_int_t)rl.rlim_cur));
	json_object_set_new(proc, "noNewPrivileges", json_true());

	for (i = 0; container_mounts[i].dst != NULL; i++)
		container_mount(mounts, container_mounts[i].dst,
		    container_mounts[i].type, container_mounts[i].src,
		    container_mounts[i].opts);
	if (*ct->bind != '\0')
		container_mount(mounts, ct->bind, "bind", ct->bind, "rbind,rw");

	for (a = json_array(), i = 0; ns[i] != NULL; i++)
		json_array_append_new(a, json_pack("{s:s}", "type", ns[i]));
	json_object_set_new(lnx, "namespaces", a);
	json_object_set_new(lnx, "resources", json_pack("{s:[{s:b, s:s}]}",
	    "devices", "allow", 0, "access", "rwm"));
	json_object_set_new(lnx, "maskedPaths", container_strings(masked));
	json_object_set_new(lnx, "readonlyPaths", container_strings(ro));
	json_object_set_new(lnx, "seccomp", seccomp);

	json_object_set_new(cfg, "ociVersion", json_string("1.0.2"));
	json_object_set_new(cfg, "process", proc);
	json_object_set_new(cfg, "root", json_pack("{s:s, s:b}", "path",
	    "rootfs", "readonly", 1));
	json_object_set_new(cfg, "mounts", mounts);
	json_object_set_new(cfg, "linux", lnx);
	return cfg;
}

/*
 * Writes the profile into the bundle and builds the runtime's command
 * line.  Returns 0, or -1 after a line on stderr.
 */
static int
container_prepare(struct container *ct, const struct profile *p)
{
	const struct cli *c = ct->c;
	const char *const *caps = c->caps != NULL ?
	    (const char *const *)c->caps : profile_docker_caps;
	struct profile_write_opts o = { NULL, NULL };
	struct profile_env env;
	struct rlimit nofile, nproc;
	json_t *seccomp, *cfg;
	json_error_t jerr;
	char err[1024], *buf, *text;
	size_t len, i;
	int rc, podman = strcmp(ct->rt, "podman") == 0;

	memset(&env, 0, sizeof(env));
	env.caps = caps;
	o.env = &env;
	rc = profile_write(p, podman ? PROFILE_FMT_DOCKER : PROFILE_FMT_OCI,
	    &o, &buf, &len, err, sizeof(err));
	if (rc < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->enforce, err);
		return -1;
	}
	if (podman) {
		rc = container_write(ct, "profile.json", buf, len);
		free(buf);
		if (rc < 0)
			goto fail;
		getrlimit(RLIMIT_NOFILE, &nofile);
		getrlimit(RLIMIT_NPROC, &nproc);
		if (nproc.rlim_max > CONTAINER_PODMAN_NPROC)
			nproc.rlim_max = CONTAINER_PODMAN_NPROC;
		if (nproc.rlim_cur > nproc.rlim_max)
			nproc.rlim_cur = nproc.rlim_max;
		container_arg(ct, "podman");
		container_arg(ct, "run");
		container_arg(ct, "--rm");
		container_arg(ct, "--name=%s", ct->id);
		container_arg(ct, container_tty() ? "-it" : "-i");
		container_arg(ct, "--network=host");
		container_arg(ct, "--pid=host");
		container_arg(ct, "--env-host");
		container_arg(ct, "--user=%u:%u", (unsigned)getuid(),
		    (unsigned)getgid());
		container_arg(ct, "--workdir=%s", ct->cwd);
		container_arg(ct, "--ulimit=nofile=%llu:%llu",
		    (unsigned long long)nofile.rlim_cur,
		    (unsigned long long)nofile.rlim_max);
		container_arg(ct, "--ulimit=nproc=%llu:%llu",
		    (unsigned long long)nproc.rlim_cur,
		    (unsigned long long)nproc.rlim_max);
		container_arg(ct, "--security-opt=seccomp=%s/profile.json",
		    ct->dir);
		container_arg(ct, "--volume=/tmp:/tmp");
		if (*ct->bind != '\0')
			container_arg(ct, "--volume=%s:%s", ct->bind, ct->bind);
		/* The root file system, an overlay (:O) on ours, stands where
		 * the image would. */
		container_arg(ct, "--rootfs");
		container_arg(ct, "%s/rootfs:O", ct->dir);
		for (i = 0; c->argv[i] != NULL; i++)
			container_arg(ct, "%s", c->argv[i]);
		return 0;
	}
	seccomp = json_loadb(buf, len, 0, &jerr);
	free(buf);
	if (seccomp == NULL) {
		fprintf(stderr, "sctui: %s: the OCI writer's output does not "
		    "parse: %s\n", c->enforce, jerr.text);
		return -1;
	}
	cfg = container_config(ct, seccomp, caps);
	text = json_dumps(cfg, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(cfg);
	if (text == NULL)
		fatal("out of memory");
	rc = container_write(ct, "config.json", text, strlen(text));
	free(text);
	if (rc < 0)
		goto fail;
	container_arg(ct, "%s", ct->rt);
	container_arg(ct, "--root=%s/state", ct->dir);
	container_arg(ct, "run");
	container_arg(ct, "--bundle=%s", ct->dir);
	container_arg(ct, "%s", ct->id);
	return 0;
fail:
	fprintf(stderr, "sctui: %s: %s\n", ct->dir, strerror(-rc));
	return -1;
}

/*
 * The runtime's process: alone in a private mount namespace, it binds the
 * host's root read-only on rootfs/; crun 1.8 (podman's runtime too)
 * refuses a hybrid cgroup layout, so the cgroup2 mount of one is hidden
 * from it there.  Never returns.
 */
static void
container_exec(struct container *ct)
{
	char rootfs[PATH_MAX + 8];

	snprintf(rootfs, sizeof(rootfs), "%s/rootfs", ct->dir);
	if (unshare(CLONE_NEWNS) < 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("/", rootfs, NULL, MS_BIND, NULL) < 0 ||
	    mount(NULL, rootfs, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
	    NULL) < 0) {
		fprintf(stderr, "sctui: cannot bind / read-only on %s: %s\n",
		    rootfs, strerror(errno));
		_exit(125);
	}
	if (strcmp(ct->rt, "runc") != 0)
		(void)umount2("/sys/fs/cgroup/unified", MNT_DETACH);
	execv(ct->rt_path, ct->argv);
	fprintf(stderr, "sctui: %s: %s\n", ct->rt_path, strerror(errno));
	_exit(127);
}

/* Says what happened to the runtime (wait status) and returns sctui's. */
static int
container_report(const struct container *ct, int status)
{
	char how[64];
	int code;

	if (WIFSIGNALED(status))
		code = 128 + WTERMSIG(status);
	else
		code = WEXITSTATUS(status);
	if (code == 0 || container_caught != 0)
		return code;
	/* The runtimes say 128+N for a command killed by signal N. */
	if (code > 128 && code < 128 + NSIG)
		summary_status(code - 128, how, sizeof(how));
	else
		summary_status(code << 8, how, sizeof(how));
	enforce_hint(ct->c, how, ct->rt, ct->lacks);
	return code;
}

static int
container_run(struct container *ct)
{
	char line[4096] = "";
	struct sigaction sa;
	int status, fd;
	size_t i;
	pid_t pid;

	if (ct->c->verbose) {
		for (i = 0; i < ct->argc; i++) {
			if (i > 0)
				strncat(line, " ", sizeof(line) -
				    strlen(line) - 1);
			enforce_quote(line, sizeof(line), ct->argv[i]);
		}
		fprintf(stderr, "sctui: %s\n", line);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	if (container_caught != 0)
		return 128 + container_caught;
	fflush(NULL);
	if ((pid = fork()) < 0) {
		fprintf(stderr, "sctui: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		for (i = 0; i < CONTAINER_NSIGS; i++)
			sigaction(container_sigs[i], &sa, NULL);
		/*
		 * A terminal sctui may not use (a background job) is not
		 * the runtime's either: touching it would stop sctui's
		 * whole process group (SIGTTIN, SIGTTOU).
		 */
		if (isatty(0) && !container_tty() &&
		    (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0)
			(void)dup2(fd, 0);
		container_exec(ct);
	}
	container_child = pid;
	/* A signal caught between the check above and now. */
	if (container_caught != 0)
		kill(pid, container_caught);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			fprintf(stderr, "sctui: waitpid: %s\n",
			    strerror(errno));
			container_child = 0;
			return 1;
		}
	container_child = 0;
	return container_report(ct, status);
}

/*
 * The calls the runtime makes itself after it loads the filter
 * (lib/model/runtime.h) that p neither allows nor denies by hand, into
 * ct->lacks; left empty when the set cannot be read.
 */
static void
container_lacks(struct container *ct, const struct profile *p)
{
	struct runtime_set set;
	char err[256];
	size_t i, off = 0, len = sizeof(ct->lacks);

	ct->lacks[0] = '\0';
	if (runtime_baseline(ct->rt, NULL, &set, err, sizeof(err)) < 0)
		return;
	for (i = 0; i < set.count; i++)
		if (!profile_allows(p, set.names[i]) &&
		    !profile_denies(p, set.names[i]))
			off += (size_t)snprintf(ct->lacks + off, off < len ?
			    len - off : 0, "%s%s", off ? ", " : "",
			    set.names[i]);
	runtime_set_free(&set);
}

/* The package that brings each runtime, for the error that it is missing. */
static const char *
container_package(const char *rt)
{
	return strcmp(rt, "podman") == 0 ? "podman" :
	    strcmp(rt, "crun") == 0 ? "crun" : "runc";
}

int
container_main(const struct cli *c)
{
	struct container ct;
	struct profile *in, *p;
	struct sigaction sa;
	struct stat st, root;
	size_t i;
	int rc;

	memset(&ct, 0, sizeof(ct));
	ct.c = c;
	ct.rt = c->runtime;
	ct.dirfd = -1;
	if (strcmp(ct.rt, "docker") == 0) {
		fprintf(stderr, "sctui: --runtime=docker: Docker runs images, "
		    "not a bare command: give runc, crun or podman, or run "
		    "docker run --security-opt seccomp=%s IMAGE\n", c->enforce);
		return 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "sctui: --runtime=%s needs root (sctui binds "
		    "the host's root as the container's): run it with sudo\n",
		    ct.rt);
		return 1;
	}
	if (cmdpath_resolve(ct.rt, &ct.rt_path) < 0) {
		fprintf(stderr, "sctui: --runtime=%s: %s is not installed (not "
		    "in PATH): apt-get install %s\n", ct.rt, ct.rt,
		    container_package(ct.rt));
		return 1;
	}
	if ((rc = cmdpath_resolve(c->argv[0], &ct.cmd_path)) < 0) {
		fprintf(stderr, "sctui: %s: %s\n", c->argv[0], rc == -ENOENT ?
		    "command not found" : "permission denied (not "
		    "executable)");
		free(ct.rt_path);
		return rc == -ENOENT ? 127 : 126;
	}
	if (getcwd(ct.cwd, sizeof(ct.cwd)) == NULL) {
		fprintf(stderr, "sctui: getcwd: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}
	/* The container sees the root's file system, /tmp and ct.bind. */
	if (stat("/", &root) < 0)
		root.st_dev = 0;
	container_cwd_bind(&ct, root.st_dev);
	if (stat(ct.cmd_path, &st) == 0 && st.st_dev != root.st_dev &&
	    !container_under(ct.cmd_path, "/tmp") &&
	    !container_under(ct.cmd_path, ct.bind)) {
		fprintf(stderr, "sctui: %s is on another file system than /, "
		    "which the container does not see: run it from its "
		    "folder or from /tmp\n", ct.cmd_path);
		rc = 126;
		goto out;
	}
	if ((in = run_load_profile(c->enforce, 0)) == NULL) {
		rc = 1;
		goto out;
	}
	p = profilecmd_build(c, in);
	profile_free(in);
	container_lacks(&ct, p);

	/* From here on, SIGINT and SIGTERM must not leave the folder. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = container_forward;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < CONTAINER_NSIGS; i++)
		sigaction(container_sigs[i], &sa, NULL);
	rc = 1;
	if (container_mkdir(&ct) == 0 && container_prepare(&ct, p) == 0)
		rc = container_run(&ct);
	profile_free(p);
	container_remove(&ct);
out:
	for (i = 0; i < ct.argc; i++)
		free(ct.argv[i]);
	free(ct.argv);
	free(ct.rt_path);
	free(ct.cmd_path);
	return rc;
}
