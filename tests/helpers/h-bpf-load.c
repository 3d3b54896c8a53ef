/*
 * h-bpf-load FILE CALL...: install the raw seccomp BPF program in FILE (an
 * array of struct sock_filter, as sctui --format bpf writes it) with
 * seccomp(2), then make each CALL and print one line for it:
 *   CALL ok          the call ran and did not fail
 *   CALL errno N     it failed with errno N (the filter's, or its own)
 * A call the filter kills or traps ends the helper there, by SIGSYS.
 * Exit 0 once every call is made; 2 on bad usage, 3 if the filter cannot
 * be read or installed.
 *
 * After the filter is in place the helper makes only the calls asked for,
 * write(2) for its lines and exit_group(2): the profile must allow those.
 * CALL is one of (arguments fixed, harmless whether allowed or not):
 *   getppid getpid getuid    no arguments
 *   read                     read(-1, NULL, 0): EBADF (9) when allowed
 *   uname sysinfo            into a buffer on the stack
 *   syslog                   syslog(SYSLOG_ACTION_SIZE_BUFFER): reads only
 *   personality-query        personality(0xffffffff): reads only
 *   personality-rie          personality(READ_IMPLIES_EXEC)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *const names[] = {
	"getppid", "getpid", "getuid", "read", "uname", "sysinfo", "syslog",
	"personality-query", "personality-rie", NULL
};

/* The index of name in names[], or -1. */
static int
lookup(const char *name)
{
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

/* Makes call number i of names[], raw. */
static long
call(int i)
{
	struct utsname u;
	struct sysinfo si;

	switch (i) {
	case 0:
		return syscall(SYS_getppid);
	case 1:
		return syscall(SYS_getpid);
	case 2:
		return syscall(SYS_getuid);
	case 3:
		return syscall(SYS_read, -1, NULL, 0);
	case 4:
		return syscall(SYS_uname, &u);
	case 5:
		return syscall(SYS_sysinfo, &si);
	case 6:
		return syscall(SYS_syslog, 10, NULL, 0);
	case 7:
		return syscall(SYS_personality, 0xffffffffUL);
	default:
		return syscall(SYS_personality,
		    (unsigned long)READ_IMPLIES_EXEC);
	}
}

int
main(int argc, char **argv)
{
	static struct sock_filter insns[BPF_MAXINSNS + 1];
	struct sock_fprog prog;
	char line[128];
	ssize_t n;
	long rc;
	int fd, i, len;

	if (argc < 3) {
		fprintf(stderr, "usage: h-bpf-load FILE CALL...\n");
		return 2;
	}
	for (i = 2; i < argc; i++)
		if (lookup(argv[i]) < 0) {
			fprintf(stderr, "h-bpf-load: unknown call %s\n",
			    argv[i]);
			return 2;
		}
	if ((fd = open(argv[1], O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "h-bpf-load: %s: %s\n", argv[1], strerror(errno));
		return 3;
	}
	n = read(fd, insns, sizeof(insns));
	close(fd);
	if (n <= 0 || n % sizeof(insns[0]) != 0 ||
	    (size_t)n > BPF_MAXINSNS * sizeof(insns[0])) {
		fprintf(stderr, "h-bpf-load: %s: %zd bytes is not a BPF "
		    "program of at most %d instructions\n", argv[1], n,
		    BPF_MAXINSNS);
		return 3;
	}
	prog.len = (unsigned short)(n / sizeof(insns[0]));
	prog.filter = insns;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
		fprintf(stderr, "h-bpf-load: seccomp: %s\n", strerror(errno));
		return 3;
	}
	for (i = 2; i < argc; i++) {
		errno = 0;
		rc = call(lookup(argv[i]));
		if (rc == -1)
			len = snprintf(line, sizeof(line), "%s errno %d\n",
			    argv[i], errno);
		else
			len = snprintf(line, sizeof(line), "%s ok\n", argv[i]);
		if (write(STDOUT_FILENO, line, (size_t)len) != len)
			syscall(SYS_exit_group, 1);
	}
	syscall(SYS_exit_group, 0);
	return 0;
}
