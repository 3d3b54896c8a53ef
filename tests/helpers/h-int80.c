/*
 * h-int80 MODE: calls that the kernel reports on another arch than x86_64.
 *   int80  three getpid calls through the i386 entry (int $0x80) from a
 *          64-bit program, reported with AUDIT_ARCH_I386; exits 0, or dies
 *          of SIGSEGV where the kernel has no i386 entry
 *   x32    three getpid calls with the x32 bit (nr | 0x40000000): seccomp
 *          sees them even where the kernel has no x32 ABI (they then fail
 *          with ENOSYS); exits 0
 * Exits 77 when not on x86_64.
 */
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int
main(int argc, char **argv)
{
#if defined(__x86_64__)
	long ret;
	int i;

	if (argc == 2 && strcmp(argv[1], "x32") == 0) {
		for (i = 0; i < 3; i++)
			syscall(0x40000000 | SYS_getpid);
		return 0;
	}
	for (i = 0; i < 3; i++) {
		/* 20 is getpid in the i386 table; the entry clears r8-r11. */
		__asm__ volatile ("int $0x80" : "=a"(ret) : "a"(20L)
		    : "memory", "r8", "r9", "r10", "r11");
		if (ret <= 0)
			return 1;
	}
	return 0;
#else
	(void)argc;
	(void)argv;
	return 77;
#endif
}
