/*
 * h-sec-traceme: makes its parent its tracer with ptrace(PTRACE_TRACEME),
 * then, if that worked, stops itself: a parent that does not expect to be
 * a tracer would wait for it forever.  Exit status: 0 if TRACEME worked
 * (and it was let go on), else 10 + errno (11: EPERM).
 */
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>

int
main(void)
{
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		return 10 + errno;
	raise(SIGSTOP);
	return 0;
}
