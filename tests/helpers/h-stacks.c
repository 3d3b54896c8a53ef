/*
 * h-stacks: its first getppid(2) comes from make_call_from_here(), called
 * by call_chain_outer(), called by main: a stack with known names.  Built
 * twice (tests/tracer/local.mk): with frame pointers, and with -O2
 * -fomit-frame-pointer, where only the unwind tables lead out.
 * "h-stacks jit" makes the call from code it writes into anonymous memory,
 * as a JIT does: no file, no unwind information (x86_64 only).
 * "h-stacks two" first has a child make it from make_call_from_child(),
 * and waits for it: two processes of one executable, two places.
 */
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int	make_call_from_here(void);
int	make_call_from_child(void);
int	call_chain_outer(void);

__attribute__((noinline)) int
make_call_from_here(void)
{
	long r = syscall(SYS_getppid);

	/* A use after the call: no tail call, so this frame stays. */
	__asm__ volatile("" : : "r"(r) : "memory");
	return r > 0 ? 0 : 1;
}

/* The same call, from elsewhere; its own name marks its stack. */
__attribute__((noinline)) int
make_call_from_child(void)
{
	long r = syscall(SYS_getppid);

	__asm__ volatile("" : : "r"(r) : "memory");
	return r > 1 ? 0 : 1;
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

/*
 * The child's getppid from make_call_from_child(), then the parent's from
 * call_chain_outer(); 0, 1 if a call failed, 2 if fork did.  Apart from
 * main, so that main's frame is the same in every mode.
 */
static __attribute__((noinline)) int
two_processes(void)
{
	pid_t pid;
	int status;

	if ((pid = fork()) < 0)
		return 2;
	if (pid == 0)
		_exit(make_call_from_child());
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return 1;
	return call_chain_outer();
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "jit") == 0)
		return call_from_jit();
	if (argc > 1 && strcmp(argv[1], "two") == 0)
		return two_processes();
	return call_chain_outer();
}
