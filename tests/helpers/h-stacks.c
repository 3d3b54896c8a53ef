/*
 * h-stacks: its first getppid(2) comes from make_call_from_here(), called
 * by call_chain_outer(), called by main: a stack with known names.  Built
 * twice (tests/tracer/local.mk): with frame pointers, and with -O2
 * -fomit-frame-pointer, where only the unwind tables lead out.
 * "h-stacks jit" makes the call from code it writes into anonymous memory,
 * as a JIT does: no file, no unwind information (x86_64 only).
 */
#include <string.h>
#include <sys/mman.h>
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

/* getppid from a page of anonymous code; 0, or 2 if it cannot be made. */
static int
call_from_jit(void)
{
#if defined(__x86_64__)
	/* mov $SYS_getppid, %eax; syscall; ret */
	static const unsigned char code[] = {
		0xb8, SYS_getppid, 0, 0, 0, 0x0f, 0x05, 0xc3,
	};
	long (*fn)(void);
	void *page;

	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 2;
	memcpy(page, code, sizeof(code));
	fn = (long (*)(void))page;
	return fn() > 0 ? 0 : 1;
#else
	return 2;
#endif
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "jit") == 0)
		return call_from_jit();
	return call_chain_outer();
}
