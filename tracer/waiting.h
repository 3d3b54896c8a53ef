/*
 * waiting.h - which threads of a process are blocked in a system call now,
 * and in which: a cheap sample from /proc, with no stop.
 *
 * Under a profile (seccomp user notification) the calls a program waits in
 * are allowed, so no event ever says it waits; the engines sample their
 * tracees with this instead, and a process that enforces a profile
 * (app/enforce.c) can be watched the same way.  It knows no names and no
 * phases: it says "thread tid is blocked in (arch, nr)", and the model
 * decides what a waiting call is (model_opts.serve_on).
 *
 * A thread counts as blocked when the kernel has it asleep inside a call:
 * /proc/TGID/task/TID/syscall gives the number (the file needs
 * PTRACE_MODE_ATTACH rights over the thread, which root has), and
 * /proc/TGID/task/TID/wchan says where it sleeps.  Not blocked: a thread
 * running, in user space, in a ptrace or group stop (its number is still
 * the interrupted call's), or waiting for a seccomp user notification's
 * answer (that is sctui's doing, not the program's).  The arch of a call
 * is the one it entered the kernel with: on x86_64, "int $0x80" (also the
 * return point of the 32-bit vDSO's fast calls) before the return address
 * means i386, else x86_64, with the x32 bit left in nr as the tracer's
 * events carry it.  Safe to call from any thread; no allocation.
 */
#ifndef SCTUI_WAITING_H
#define SCTUI_WAITING_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* One thread blocked in a call. */
struct waiting_thread {
	pid_t		tid;
	uint32_t	arch;		/* AUDIT_ARCH_* == SCMP_ARCH_* */
	int32_t		nr;		/* as the kernel saw it */
};

/*
 * Is thread tid of process tgid blocked in a call?  Returns 1 with *w
 * filled, 0 when it is not (see above), or -errno: -ESRCH when it is gone,
 * -EACCES or -EPERM without the rights over it.
 */
int		 waiting_thread(pid_t tgid, pid_t tid, struct waiting_thread *w);

/*
 * The threads of process tgid blocked in a call now, into out: of its
 * first max threads in /proc's order (oldest first), so that the work is
 * bounded however many threads the program makes.  Returns how many, or
 * -errno (-ESRCH: the process is gone; -EACCES, -EPERM: no rights over
 * it).  A thread that ends meanwhile is left out.
 */
int		 waiting_sample(pid_t tgid, struct waiting_thread *out,
		    size_t max);

#endif
