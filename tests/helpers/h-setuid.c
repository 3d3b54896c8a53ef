/*
 * h-setuid: as root, drop to nobody (setgroups, setgid, setuid 65534), then
 * call uname twice and fork a child that calls uname once.  Exits 0 when
 * all of it worked, 77 when not run as root.
 */
#include <grp.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(void)
{
	struct utsname u;
	int status;
	pid_t pid;

	if (geteuid() != 0)
		return 77;
	if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
	    setuid(65534) != 0 || getuid() != 65534)
		return 1;
	if (uname(&u) != 0 || uname(&u) != 0)
		return 2;
	if ((pid = fork()) < 0)
		return 3;
	if (pid == 0)
		_exit(uname(&u) != 0);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 4;
	return 0;
}
