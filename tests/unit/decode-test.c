/*
 * decode-test.c - the event log's decoder: arguments by name, flags with
 * unknown bits left in hexadecimal, 32-bit arches, return values and
 * errno names, and every call it knows named by libseccomp on an arch of
 * this machine.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "decode.h"
#include "sysname.h"
#include "tap.h"

static int
same(const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		return 1;
	fprintf(stderr, "got  '%s'\nwant '%s'\n", got, want);
	return 0;
}

static const char *
call(uint32_t arch, const char *name, uint64_t a0, uint64_t a1, uint64_t a2,
    uint64_t a3, uint64_t a4, uint64_t a5)
{
	static char buf[512];
	const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };

	return decode_call(arch, name, args, buf, sizeof(buf));
}

static const char *
ret(uint32_t arch, const char *name, int64_t rval)
{
	static char buf[64];

	return decode_return(arch, name, rval, buf, sizeof(buf));
}

#define X64	SCMP_ARCH_X86_64
#define X86	SCMP_ARCH_X86
#define X32	SCMP_ARCH_X32

static void
test_args(void)
{
	char small[10];
	const uint64_t args[6] = { (uint64_t)AT_FDCWD, 0x1000, 0, 0, 0, 0 };

	CHECK(same(call(X64, "openat", (uint64_t)(int64_t)AT_FDCWD,
	    0x7ffd5c10ull, O_RDONLY | O_CLOEXEC, 0, 0, 0),
	    "openat(AT_FDCWD, 0x7ffd5c10, O_RDONLY|O_CLOEXEC, 0)"));
	/* An unknown bit stays in hexadecimal after the named ones. */
	CHECK(same(call(X64, "openat", 3, 0x5000, O_WRONLY | O_CREAT |
	    0x40000000, 0644, 0, 0),
	    "openat(3, 0x5000, O_WRONLY|O_CREAT|0x40000000, 0644)"));
	CHECK(same(call(X64, "mmap", 0, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, (uint64_t)-1, 0),
	    "mmap(NULL, 4096, PROT_READ|PROT_WRITE, "
	    "MAP_PRIVATE|MAP_ANONYMOUS, -1, 0)"));
	CHECK(same(call(X64, "mprotect", 0x7f0000000000ull, 8192, 0, 0, 0,
	    0), "mprotect(0x7f0000000000, 8192, PROT_NONE)"));
	CHECK(same(call(X64, "socket", AF_INET, SOCK_STREAM | SOCK_CLOEXEC,
	    0, 0, 0, 0), "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, 0)"));
	CHECK(same(call(X64, "socket", AF_UNIX, SOCK_DGRAM, 0, 0, 0, 0),
	    "socket(AF_UNIX, SOCK_DGRAM, 0)"));
	CHECK(same(call(X64, "socket", 4242, 0x30, 0, 0, 0, 0),
	    "socket(0x1092, 0|0x30, 0)"));
	CHECK(same(call(X64, "kill", 1234, SIGTERM, 0, 0, 0, 0),
	    "kill(1234, SIGTERM)"));
	CHECK(same(call(X64, "clone", 0x01200000 | SIGCHLD, 0, 0, 0,
	    0x7f00, 0), "clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|"
	    "SIGCHLD, NULL, NULL, NULL, 0x7f00)"));
	CHECK(same(call(X64, "rt_sigprocmask", SIG_BLOCK, 0x100, 0, 8, 0, 0),
	    "rt_sigprocmask(SIG_BLOCK, 0x100, NULL, 8)"));
	CHECK(same(call(X64, "unlinkat", 5, 0x1234, AT_REMOVEDIR, 0, 0, 0),
	    "unlinkat(5, 0x1234, AT_REMOVEDIR)"));
	CHECK(same(call(X64, "close", 7, 9, 9, 9, 9, 9), "close(7)"));
	CHECK(same(call(X64, "getpid", 1, 2, 3, 4, 5, 6), "getpid()"));
	/* A call it does not know: the six raw arguments. */
	CHECK(same(call(X64, "kexec_file_load", 1, 0x20, 0, 0, 0, 0),
	    "kexec_file_load(0x1, 0x20, 0, 0, 0, 0)"));
	/* 32 bits wide: the upper half of a register is not the value. */
	CHECK(same(call(X86, "openat", 0xdeadbeefffffff9cull,
	    0xdeadbeef00001000ull, 0x8000 | O_RDWR, 0, 0, 0),
	    "openat(AT_FDCWD, 0x1000, O_RDWR|0x8000, 0)"));
	CHECK(same(call(X86, "mmap2", 0, 4096, PROT_READ, MAP_SHARED, 3, 1),
	    "mmap2(NULL, 4096, PROT_READ, MAP_SHARED, 3, 1)"));
	CHECK(same(call(X32, "read", 0xffffffff00000004ull, 0xf7001000ull,
	    100, 0, 0, 0), "read(4, 0xf7001000, 100)"));
	/* Cut short, NUL-terminated. */
	decode_call(X64, "openat", args, small, sizeof(small));
	CHECK(same(small, "openat(AT"));
}

static void
test_returns(void)
{
	CHECK(same(ret(X64, "openat", 5), "5"));
	CHECK(same(ret(X64, "openat", -ENOENT), "-1 ENOENT"));
	CHECK(same(ret(X64, "uname", -EPERM), "-1 EPERM"));
	CHECK(same(ret(X64, "read", -512), "-1 errno 512"));
	CHECK(same(ret(X64, "read", -4096), "-4096"));
	CHECK(same(ret(X64, "mmap", 0x7f12a000f000ll), "0x7f12a000f000"));
	CHECK(same(ret(X64, "mmap", -ENOMEM), "-1 ENOMEM"));
	CHECK(same(ret(X86, "openat", 0xfffffffell), "-1 ENOENT"));
	CHECK(same(ret(X86, "mmap2", 0xf7f00000ll), "0xf7f00000"));
	CHECK(same(ret(X32, "brk", 0x00601000ll), "0x601000"));
	CHECK(same(decode_errno(EACCES), "EACCES"));
	CHECK(decode_errno(0) == NULL);
	CHECK(decode_errno(4000) == NULL);
}

/* Each call the decoder knows exists on an arch of this machine. */
static void
test_names(void)
{
	uint32_t arches[SYSNAME_MAX_ARCH];
	int narch = sysname_native_arches(arches, SYSNAME_MAX_ARCH), a;
	size_t i, pairs = 0;
	const char *name;
	int found;

	CHECK(narch > 0);
	for (i = 0; (name = decode_known(i)) != NULL; i++) {
		found = 0;
		for (a = 0; a < narch; a++)
			if (sysname_lookup(arches[a], name) != SYSID_NONE) {
				found = 1;
				pairs++;
			}
		if (!found)
			fprintf(stderr, "%s: no arch here has it\n", name);
		CHECK(found);
	}
	CHECK(i > 150);
	CHECK(pairs >= i);
}

int
main(void)
{
	test_args();
	test_returns();
	test_names();
	return tap_done();
}
