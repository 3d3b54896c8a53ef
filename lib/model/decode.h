/*
 * decode.h - a system call's arguments and return value in words.
 *
 * The event log (tui/draw.c) shows each call the way strace prints it:
 * "openat(AT_FDCWD, 0x7ffd5c10, O_RDONLY|O_CLOEXEC) = 3".  The decoder
 * knows, by call name, what each argument is (a file descriptor, flags,
 * an open mode, a socket family, a signal, a pointer...) and names the
 * values from the system headers (argspec_names(), assets/gen-argnames.sh);
 * the name comes from libseccomp for the arch the kernel reported
 * (sysname.h), so no system call numbers are written here.  Memory the
 * arguments point to is never read: a pointer is shown in hexadecimal,
 * NULL as such.  Bits without a name stay in hexadecimal; a call it does
 * not know shows its six raw arguments.  Pure: no I/O, no allocation.
 */
#ifndef SCTUI_DECODE_H
#define SCTUI_DECODE_H

#include <stddef.h>
#include <stdint.h>

/*
 * "name(arg, arg...)" into buf (len bytes, len >= 1) for the call name
 * made on arch (AUDIT_ARCH_*; a 32-bit arch's arguments are 32 bits wide)
 * with the raw args; cut short to fit, always NUL-terminated.  Returns buf.
 */
char		*decode_call(uint32_t arch, const char *name,
		    const uint64_t args[6], char *buf, size_t len);

/*
 * The return value rval of the call name on arch, as strace writes it
 * after "= ": "3", "0x7f12a000" for calls that return an address, "-1
 * ENOENT" for a failure (-4095 <= rval < 0, or its 32-bit form on a
 * 32-bit arch), "-1 errno 512" for an errno without a name.  Into buf
 * as decode_call().  Returns buf.
 */
char		*decode_return(uint32_t arch, const char *name, int64_t rval,
		    char *buf, size_t len);

/* The name of errno err ("ENOENT"), or NULL when it has none. */
const char	*decode_errno(int err);

/* The calls whose arguments are known (for the tests): the i-th, or NULL. */
const char	*decode_known(size_t i);

#endif
