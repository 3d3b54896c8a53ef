/*
 * decode.c - arguments and return values in words; see decode.h.
 */
#include "config.h"
#include "decode.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "argspec.h"

#define N(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * What each argument of a call is, one letter an argument:
 *   d  file descriptor            D  directory fd (AT_FDCWD)
 *   i  int                        u  unsigned size or count
 *   l  signed offset              x  hexadecimal
 *   p  pointer (NULL or hex)      o  octal mode
 *   O  open flags and mode        A  AT_* flags
 *   P  mmap protection            M  mmap flags
 *   C  clone flags and signal     F  socket family
 *   T  socket type and flags      N  socket flags (accept4)
 *   S  signal                     H  sigprocmask's how
 *   c  fcntl command              I  ioctl request
 *   R  prctl option               a  arch_prctl code
 *   V  madvise advice             E  personality
 * and ret 'p' for the calls that return an address.  By name, for every
 * arch; the calls only some arches have (mmap2, _llseek, socketcall) are
 * there under their own names.
 */
struct decode_sig {
	const char	*call;
	const char	*args;
	char		 ret;
};

static const struct decode_sig sigs[] = {
	{ "_llseek", "duupi", 0 },
	{ "accept", "dpp", 0 },
	{ "accept4", "dppN", 0 },
	{ "access", "po", 0 },
	{ "alarm", "u", 0 },
	{ "arch_prctl", "ax", 0 },
	{ "bind", "dpu", 0 },
	{ "brk", "p", 'p' },
	{ "capget", "pp", 0 },
	{ "capset", "pp", 0 },
	{ "chdir", "p", 0 },
	{ "chmod", "po", 0 },
	{ "chown", "pii", 0 },
	{ "chroot", "p", 0 },
	{ "clock_getres", "ip", 0 },
	{ "clock_gettime", "ip", 0 },
	{ "clock_nanosleep", "iipp", 0 },
	{ "clone", "Cpppx", 0 },
	{ "clone3", "pu", 0 },
	{ "close", "d", 0 },
	{ "close_range", "uux", 0 },
	{ "connect", "dpu", 0 },
	{ "dup", "d", 0 },
	{ "dup2", "dd", 0 },
	{ "dup3", "ddO", 0 },
	{ "epoll_create", "i", 0 },
	{ "epoll_create1", "O", 0 },
	{ "epoll_ctl", "didp", 0 },
	{ "epoll_pwait", "dpiipu", 0 },
	{ "epoll_pwait2", "dpippu", 0 },
	{ "epoll_wait", "dpii", 0 },
	{ "eventfd2", "uO", 0 },
	{ "execve", "ppp", 0 },
	{ "execveat", "DpppA", 0 },
	{ "exit", "i", 0 },
	{ "exit_group", "i", 0 },
	{ "faccessat", "Dpo", 0 },
	{ "faccessat2", "DpoA", 0 },
	{ "fadvise64", "dlui", 0 },
	{ "fchdir", "d", 0 },
	{ "fchmod", "do", 0 },
	{ "fchmodat", "Dpo", 0 },
	{ "fchown", "dii", 0 },
	{ "fchownat", "DpiiA", 0 },
	{ "fcntl", "dcx", 0 },
	{ "fcntl64", "dcx", 0 },
	{ "fdatasync", "d", 0 },
	{ "flock", "di", 0 },
	{ "fork", "", 0 },
	{ "fstat", "dp", 0 },
	{ "fstat64", "dp", 0 },
	{ "fstatat64", "DppA", 0 },
	{ "fstatfs", "dp", 0 },
	{ "fsync", "d", 0 },
	{ "ftruncate", "dl", 0 },
	{ "futex", "pixppi", 0 },
	{ "getcwd", "pu", 0 },
	{ "getdents64", "dpu", 0 },
	{ "getegid", "", 0 },
	{ "geteuid", "", 0 },
	{ "getgid", "", 0 },
	{ "getpeername", "dpp", 0 },
	{ "getpgid", "i", 0 },
	{ "getpid", "", 0 },
	{ "getppid", "", 0 },
	{ "getrandom", "pux", 0 },
	{ "getrlimit", "ip", 0 },
	{ "getsockname", "dpp", 0 },
	{ "getsockopt", "diipp", 0 },
	{ "gettid", "", 0 },
	{ "gettimeofday", "pp", 0 },
	{ "getuid", "", 0 },
	{ "inotify_init1", "O", 0 },
	{ "ioctl", "dIx", 0 },
	{ "kill", "iS", 0 },
	{ "listen", "di", 0 },
	{ "lseek", "dli", 0 },
	{ "lstat", "pp", 0 },
	{ "lstat64", "pp", 0 },
	{ "madvise", "puV", 0 },
	{ "memfd_create", "px", 0 },
	{ "mkdir", "po", 0 },
	{ "mkdirat", "Dpo", 0 },
	{ "mmap", "puPMdl", 'p' },
	{ "mmap2", "puPMdu", 'p' },
	{ "mprotect", "puP", 0 },
	{ "mremap", "puuxp", 'p' },
	{ "munmap", "pu", 0 },
	{ "nanosleep", "pp", 0 },
	{ "newfstatat", "DppA", 0 },
	{ "open", "pOo", 0 },
	{ "openat", "DpOo", 0 },
	{ "openat2", "Dppu", 0 },
	{ "pause", "", 0 },
	{ "personality", "E", 0 },
	{ "pidfd_open", "ix", 0 },
	{ "pipe", "p", 0 },
	{ "pipe2", "pO", 0 },
	{ "poll", "pui", 0 },
	{ "ppoll", "puppu", 0 },
	{ "prctl", "Rxxxx", 0 },
	{ "pread64", "dpul", 0 },
	{ "prlimit64", "iipp", 0 },
	{ "pselect6", "ipppp", 0 },
	{ "pwrite64", "dpul", 0 },
	{ "read", "dpu", 0 },
	{ "readlink", "ppu", 0 },
	{ "readlinkat", "Dppu", 0 },
	{ "readv", "dpi", 0 },
	{ "recvfrom", "dpuxpp", 0 },
	{ "recvmsg", "dpx", 0 },
	{ "rename", "pp", 0 },
	{ "renameat", "DpDp", 0 },
	{ "renameat2", "DpDpx", 0 },
	{ "restart_syscall", "", 0 },
	{ "rmdir", "p", 0 },
	{ "rseq", "puix", 0 },
	{ "rt_sigaction", "Sppu", 0 },
	{ "rt_sigprocmask", "Hppu", 0 },
	{ "rt_sigreturn", "", 0 },
	{ "rt_sigsuspend", "pu", 0 },
	{ "sched_getaffinity", "iup", 0 },
	{ "sched_yield", "", 0 },
	{ "seccomp", "ixp", 0 },
	{ "select", "ipppp", 0 },
	{ "sendfile", "ddpu", 0 },
	{ "sendmsg", "dpx", 0 },
	{ "sendto", "dpuxpu", 0 },
	{ "set_robust_list", "pu", 0 },
	{ "set_tid_address", "p", 0 },
	{ "setgid", "i", 0 },
	{ "setgroups", "ip", 0 },
	{ "setns", "dC", 0 },
	{ "setpgid", "ii", 0 },
	{ "setresgid", "iii", 0 },
	{ "setresuid", "iii", 0 },
	{ "setsid", "", 0 },
	{ "setsockopt", "diipu", 0 },
	{ "setuid", "i", 0 },
	{ "shutdown", "di", 0 },
	{ "sigaltstack", "pp", 0 },
	{ "signalfd4", "dpuO", 0 },
	{ "socket", "FTi", 0 },
	{ "socketcall", "ip", 0 },
	{ "socketpair", "FTip", 0 },
	{ "stat", "pp", 0 },
	{ "stat64", "pp", 0 },
	{ "statfs", "pp", 0 },
	{ "statx", "DpAxp", 0 },
	{ "sysinfo", "p", 0 },
	{ "tgkill", "iiS", 0 },
	{ "timerfd_create", "iO", 0 },
	{ "tkill", "iS", 0 },
	{ "truncate", "pl", 0 },
	{ "umask", "o", 0 },
	{ "uname", "p", 0 },
	{ "unlink", "p", 0 },
	{ "unlinkat", "DpA", 0 },
	{ "unshare", "C", 0 },
	{ "vfork", "", 0 },
	{ "wait4", "ippp", 0 },
	{ "waitid", "iippp", 0 },
	{ "write", "dpu", 0 },
	{ "writev", "dpi", 0 },
};

/* Where the words go: appended, cut short to fit, NUL-terminated. */
struct decode_out {
	char	*buf;
	size_t	 len, off;
};

static void __attribute__((format(printf, 2, 3)))
out(struct decode_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->off >= o->len - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->off, o->len - o->off, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->off = (size_t)n < o->len - o->off ? o->off + (size_t)n :
		    o->len - 1;
}

static const struct decode_sig *
find(const char *name)
{
	size_t i;

	for (i = 0; i < N(sigs); i++)
		if (strcmp(sigs[i].call, name) == 0)
			return &sigs[i];
	return NULL;
}

/* A 32-bit arch passes 32-bit values (x32 too: its pointers are). */
static int
wide(uint32_t arch)
{
	return (arch & __AUDIT_ARCH_64BIT) != 0;
}

/*
 * v named from the header set: one value, or (bits) each bit by its
 * name, a value of 0 by the set's name for it ("PROT_NONE"), else "0".
 */
static void
named(struct decode_out *o, const char *set, uint64_t v, int bits)
{
	struct argspec s;
	char buf[256];
	size_t i;

	memset(&s, 0, sizeof(s));
	s.names = argspec_names(set, &s.nnames);
	s.flags = bits ? ARGSPEC_BITS : 0;
	s.mask = ~0ull;
	if (bits && v == 0)
		for (i = 0; i < s.nnames; i++)
			if (s.names[i].value == 0) {
				out(o, "%s", s.names[i].name);
				return;
			}
	out(o, "%s", argspec_format(&s, v, buf, sizeof(buf)));
}

/* A value, then the flag bits around it: "O_RDONLY|O_CLOEXEC". */
static void
value_bits(struct decode_out *o, const char *vset, uint64_t v,
    uint64_t vmask, const char *bset)
{
	named(o, vset, v & vmask, 0);
	if (v & ~vmask) {
		out(o, "|");
		named(o, bset, v & ~vmask, 1);
	}
}

static void
signal_name(struct decode_out *o, int sig)
{
	const char *abbrev = sig > 0 ? sigabbrev_np(sig) : NULL;

	if (abbrev != NULL)
		out(o, "SIG%s", abbrev);
	else
		out(o, "%d", sig);
}

/* Clone's flags carry the child's exit signal in their low byte. */
#define DECODE_CSIGNAL	0xffull

static void
arg(struct decode_out *o, char type, uint64_t raw, int is_wide)
{
	uint64_t v = is_wide ? raw : raw & 0xffffffffull;
	int32_t i = (int32_t)(uint32_t)raw;

	switch (type) {
	case 'd':
	case 'i':
		out(o, "%d", i);
		break;
	case 'D':
		if (i == AT_FDCWD)
			out(o, "AT_FDCWD");
		else
			out(o, "%d", i);
		break;
	case 'u':
		out(o, "%llu", (unsigned long long)v);
		break;
	case 'l':
		out(o, "%lld", is_wide ? (long long)(int64_t)raw :
		    (long long)i);
		break;
	case 'p':
		if (v == 0) {
			out(o, "NULL");
			break;
		}
		/* FALLTHROUGH */
	case 'x':
		out(o, "%#llx", (unsigned long long)v);
		break;
	case 'o':
		out(o, "%#llo", (unsigned long long)(uint32_t)v);
		break;
	case 'O':
		value_bits(o, "oacc", (uint32_t)v, O_ACCMODE, "open");
		break;
	case 'A':
		named(o, "at", (uint32_t)v, 1);
		break;
	case 'P':
		named(o, "protall", (uint32_t)v, 1);
		break;
	case 'M':
		named(o, "map", (uint32_t)v, 1);
		break;
	case 'N':
		named(o, "sockf", (uint32_t)v, 1);
		break;
	case 'C':
		named(o, "clone", v & ~DECODE_CSIGNAL, 1);
		if (v & DECODE_CSIGNAL) {
			out(o, "|");
			signal_name(o, (int)(v & DECODE_CSIGNAL));
		}
		break;
	case 'T':
		value_bits(o, "sock", (uint32_t)v, 0xf, "sockf");
		break;
	case 'S':
		signal_name(o, i);
		break;
	case 'F':
		named(o, "af", (uint32_t)v, 0);
		break;
	case 'H':
		named(o, "sighow", (uint32_t)v, 0);
		break;
	case 'c':
		named(o, "fcntl", (uint32_t)v, 0);
		break;
	case 'I':
		named(o, "ioctl", (uint32_t)v, 0);
		break;
	case 'R':
		named(o, "pr", (uint32_t)v, 0);
		break;
	case 'a':
		named(o, "arch", (uint32_t)v, 0);
		break;
	case 'V':
		named(o, "madv", (uint32_t)v, 0);
		break;
	case 'E':
		named(o, "per", (uint32_t)v, 0);
		break;
	default:
		out(o, "%#llx", (unsigned long long)v);
		break;
	}
}

char *
decode_call(uint32_t arch, const char *name, const uint64_t args[6],
    char *buf, size_t len)
{
	const struct decode_sig *s = find(name);
	struct decode_out o = { buf, len, 0 };
	int is_wide = wide(arch);
	size_t k, n;

	buf[0] = '\0';
	out(&o, "%s(", name);
	n = s != NULL ? strlen(s->args) : 6;
	for (k = 0; k < n; k++) {
		if (k > 0)
			out(&o, ", ");
		arg(&o, s != NULL ? s->args[k] : 'x', args[k], is_wide);
	}
	out(&o, ")");
	return buf;
}

const char *
decode_errno(int err)
{
	return err > 0 ? strerrorname_np(err) : NULL;
}

char *
decode_return(uint32_t arch, const char *name, int64_t rval, char *buf,
    size_t len)
{
	const struct decode_sig *s = find(name);
	struct decode_out o = { buf, len, 0 };
	const char *en;

	buf[0] = '\0';
	if (!wide(arch))
		rval = (int32_t)(uint32_t)(uint64_t)rval;
	if (rval < 0 && rval >= -4095) {
		if ((en = decode_errno((int)-rval)) != NULL)
			out(&o, "-1 %s", en);
		else
			out(&o, "-1 errno %d", (int)-rval);
	} else if (s != NULL && s->ret == 'p')
		out(&o, "%#llx", (unsigned long long)(wide(arch) ?
		    (uint64_t)rval : (uint32_t)rval));
	else
		out(&o, "%lld", (long long)rval);
	return buf;
}

const char *
decode_known(size_t i)
{
	return i < N(sigs) ? sigs[i].call : NULL;
}
