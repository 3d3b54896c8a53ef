/*
 * h-tui-arches: getpid on two arches, for the UI's per-arch toggles.
 * Calls getpid natively once, then three times with the x32 bit
 * (nr | 0x40000000), which seccomp reports as x32 even where the kernel
 * has no x32 ABI (the calls then fail with ENOSYS); exits 0.  Exits 77
 * when not on x86_64.
 */
#include <unistd.h>
#include <sys/syscall.h>

#define X32_BIT	0x40000000L

int
main(void)
{
#if defined(__x86_64__)
	int i;

	syscall(SYS_getpid);
	for (i = 0; i < 3; i++)
		syscall(X32_BIT | SYS_getpid);
	return 0;
#else
	return 77;
#endif
}
