/*
 * reap - run one test and make sure nothing it started outlives it.
 *
 * Usage: reap COMMAND [ARG...]
 * The test harness puts it in front of every test (tests/local.mk).  It
 * becomes a child subreaper, so every process the test starts stays its
 * descendant even after a setsid() and a double fork, runs COMMAND, and
 * reaps orphans while it runs.  When COMMAND ends, processes still alive
 * get REAP_GRACE seconds to end on their own (a cleanup may have signalled
 * them); whatever is left is named on stderr, killed with SIGKILL and
 * reaped, and the test fails: exit 1 when COMMAND passed or skipped, its own
 * status otherwise (128 + N when signal N ended it).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Seconds the leftovers get to exit before they count as left behind. */
#define REAP_GRACE	10
/* The poll interval while waiting for them, in milliseconds. */
#define REAP_POLL_MS	20
/* A bound on the kill rounds: every round kills the whole tree. */
#define REAP_ROUNDS	500

static pid_t	child;

static void
reap_forward(int sig)
{
	if (child > 0)
		kill(child, sig);
}

/* Sleep REAP_POLL_MS milliseconds. */
static void
reap_pause(void)
{
	struct timespec ts = { 0, REAP_POLL_MS * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * Read /proc/PID/stat: the parent into *ppid and the state into *state.
 * Returns 0, or -errno when the process is gone or the file is unreadable.
 */
static int
reap_stat(pid_t pid, pid_t *ppid, char *state)
{
	char path[64], buf[1024], *p;
	FILE *f;
	int pp;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -errno;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	/* comm may hold spaces and parentheses: parse after the last ')'. */
	if (p == NULL || (p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 1, " %c %d", state, &pp) != 2)
		return -EINVAL;
	*ppid = pp;
	return 0;
}

/* Is PID, by its chain of parents, a descendant of SELF? */
static int
reap_is_descendant(pid_t pid, pid_t self)
{
	pid_t p = pid, pp;
	char st;
	int depth;

	for (depth = 0; depth < 4096 && p > 1; depth++) {
		if (reap_stat(p, &pp, &st) < 0)
			return 0;
		if (pp == self)
			return 1;
		p = pp;
	}
	return 0;
}

/*
 * Fill PIDS (room for MAX) with the live (not zombie) descendants of this
 * process.  Returns how many there are; more than MAX are not listed.
 */
static size_t
reap_list(pid_t *pids, size_t max)
{
	pid_t self = getpid(), pid, pp;
	struct dirent *d;
	size_t n = 0;
	DIR *dir;
	char st;

	if ((dir = opendir("/proc")) == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL && n < max) {
		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		pid = (pid_t)atoi(d->d_name);
		if (pid == self || reap_stat(pid, &pp, &st) < 0 || st == 'Z')
			continue;
		if (reap_is_descendant(pid, self))
			pids[n++] = pid;
	}
	closedir(dir);
	return n;
}

/* Print "comm (pid N): cmdline" for PID on stderr. */
static void
reap_name(pid_t pid)
{
	char path[64], comm[64] = "?", cmd[512];
	size_t n = 0, i;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fgets(comm, sizeof(comm), f) != NULL)
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(cmd, 1, sizeof(cmd) - 1, f);
		fclose(f);
	}
	for (i = 0; i < n; i++)
		if (cmd[i] == '\0' || !isprint((unsigned char)cmd[i]))
			cmd[i] = ' ';
	while (n > 0 && cmd[n - 1] == ' ')
		n--;
	cmd[n] = '\0';
	fprintf(stderr, "reap:   %s (pid %d): %s\n", comm, (int)pid, cmd);
}

/* Reap every child that has ended, without blocking. */
static void
reap_zombies(void)
{
	while (waitpid(-1, NULL, WNOHANG | __WALL) > 0)
		;
}

int
main(int argc, char **argv)
{
	pid_t pids[256], named[64], pid;
	size_t n, i, j, left = 0;
	int status = 0, rc, round, grace = REAP_GRACE * 1000;
	struct sigaction sa;
	const char *env;

	if (argc < 2) {
		fprintf(stderr, "usage: reap COMMAND [ARG...]\n");
		return 99;
	}
	if ((env = getenv("REAP_GRACE_MS")) != NULL)
		grace = atoi(env);
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("reap: PR_SET_CHILD_SUBREAPER");
		return 99;
	}
	if ((child = fork()) < 0) {
		perror("reap: fork");
		return 99;
	}
	if (child == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "reap: cannot run %s: %s\n", argv[1],
		    strerror(errno));
		_exit(99);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reap_forward;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	/* Wait for the test, reaping the orphans that end meanwhile. */
	for (;;) {
		pid = waitpid(-1, &status, __WALL);
		if (pid == child)
			break;
		if (pid < 0 && errno != EINTR) {
			perror("reap: waitpid");
			return 99;
		}
	}
	if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else
		rc = 128 + WTERMSIG(status);

	/* What is still alive gets the grace time to end by itself. */
	for (round = 0; round <= grace / REAP_POLL_MS; round++) {
		reap_zombies();
		if (reap_list(pids, 1) == 0 || round == grace / REAP_POLL_MS)
			break;
		reap_pause();
	}
	/* Then it is named, killed and reaped, until none is left. */
	for (round = 0; round < REAP_ROUNDS; round++) {
		reap_zombies();
		if ((n = reap_list(pids, sizeof(pids) / sizeof(*pids))) == 0)
			break;
		if (left == 0)
			fprintf(stderr, "reap: %s left processes running "
			    "after it ended (now killed):\n", argv[argc - 1]);
		for (i = 0; i < n; i++) {
			/* A killed process may take a round to die. */
			for (j = 0; j < left && j < 64; j++)
				if (named[j] == pids[i])
					break;
			if (j == left || j == 64) {
				if (left < 64) {
					named[left] = pids[i];
					reap_name(pids[i]);
				}
				left++;
			}
			kill(pids[i], SIGKILL);
		}
		reap_pause();
	}
	reap_zombies();
	if (n > 0)
		fprintf(stderr, "reap: %zu processes would not die\n", n);
	if (left > 0 && (rc == 0 || rc == 77))
		rc = 1;
	return rc;
}
