/*
 * h-tree: a process tree three levels deep made with clone3, fork and vfork,
 * where only the deepest process makes a rare call (sysinfo).
 *
 *   h-tree --clone3--> child --fork--> grandchild --vfork--> great-grandchild
 *                                                           sysinfo(); _exit
 */
#define _GNU_SOURCE
#include <linux/sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

static int
reap(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return 1;
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

static int
grandchild(void)
{
	struct sysinfo si;
	pid_t pid = vfork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		/* Only a raw syscall and _exit: allowed in a vfork child. */
		syscall(SYS_sysinfo, &si);
		_exit(0);
	}
	return reap(pid);
}

static int
child(void)
{
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0)
		_exit(grandchild());
	return reap(pid);
}

int
main(void)
{
	struct clone_args args;
	long pid;

	memset(&args, 0, sizeof(args));
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		return 3;	/* clone3 unavailable */
	if (pid == 0)
		_exit(child());
	return reap((pid_t)pid);
}
