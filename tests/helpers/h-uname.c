/*
 * h-uname: one uname(2) call whose result is the exit status: 0 when it
 * worked, 10 + errno when it failed (11: EPERM, 48: ENOSYS).
 */
#include <errno.h>
#include <sys/utsname.h>

int
main(void)
{
	struct utsname u;

	return uname(&u) == 0 ? 0 : 10 + errno;
}
