/*
 * h-oci-min: the smallest program a container can run.  It makes one system
 * call of its own, exit_group(42), and needs no libc, so that whatever else
 * a container under a seccomp profile needs is the runtime's.  Used by
 * assets/runtime/measure.sh; the exit status 42 proves the program ran.
 *
 * Built with -nostdlib -static on x86_64 and aarch64; on other arches it is
 * an ordinary C program (its traced set is then larger, which only makes
 * the measured runtime sets smaller, never wrong for that program).
 */
#if defined(__x86_64__) || defined(__aarch64__)
void	_start(void) __attribute__((noreturn, used));

void
_start(void)
{
#if defined(__x86_64__)
	__asm__ volatile("mov $231, %eax\n\t"	/* __NR_exit_group */
	    "mov $42, %edi\n\t"
	    "syscall");
#else
	__asm__ volatile("mov x8, #94\n\t"	/* __NR_exit_group */
	    "mov x0, #42\n\t"
	    "svc #0");
#endif
	for (;;)
		;
}
#else
int
main(void)
{
	return 42;
}
#endif
