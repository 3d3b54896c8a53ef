/*
 * h-stacks: its first getppid(2) comes from make_call_from_here(), called
 * by call_chain_outer(), called by main: a stack with known names.  Built
 * twice (tests/tracer/local.mk): with frame pointers, and with -O2
 * -fomit-frame-pointer, where only the unwind tables lead out.
 */
#include <sys/syscall.h>
#include <unistd.h>

int	make_call_from_here(void);
int	call_chain_outer(void);

__attribute__((noinline)) int
make_call_from_here(void)
{
	long r = syscall(SYS_getppid);

	/* A use after the call: no tail call, so this frame stays. */
	__asm__ volatile("" : : "r"(r) : "memory");
	return r > 0 ? 0 : 1;
}

__attribute__((noinline)) int
call_chain_outer(void)
{
	int rc = make_call_from_here();

	__asm__ volatile("" : : "r"(rc) : "memory");
	return rc;
}

int
main(void)
{
	return call_chain_outer();
}
