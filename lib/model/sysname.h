/*
 * sysname.h - system call identities: (arch, number) <-> name.
 *
 * Names and numbers come from libseccomp for each architecture, never from a
 * table of ours.  A "sysid" packs a small architecture index and the number
 * into one uint32_t so that the model can key hash tables on it; it is
 * stable for the life of the process.  Called by the model, the profile code
 * and the views.  Not thread-safe: one consumer thread owns it.
 */
#ifndef SCTUI_SYSNAME_H
#define SCTUI_SYSNAME_H

#include <stdint.h>

#define SYSNAME_MAX_ARCH	16
#define SYSID_NONE		UINT32_MAX

/*
 * The sysid of syscall nr as reported with the given AUDIT_ARCH_* value.
 * x32 calls, which the kernel reports as x86_64 with bit 30 set, are
 * normalised to SCMP_ARCH_X32.  Returns SYSID_NONE when more than
 * SYSNAME_MAX_ARCH architectures have been seen.
 */
uint32_t	 sysname_id(uint32_t arch, int nr);

/* The sysid of a name on arch, or SYSID_NONE if arch has no such call. */
uint32_t	 sysname_lookup(uint32_t arch, const char *name);

/* The arch (SCMP_ARCH_*) and the number libseccomp uses for a sysid. */
uint32_t	 sysname_arch(uint32_t sysid);
int		 sysname_nr(uint32_t sysid);

/*
 * The name of a sysid; "syscall_<nr>" when libseccomp does not know the
 * number.  The string lives as long as the program.
 */
const char	*sysname_name(uint32_t sysid);

/* 1 when libseccomp knows the number on its arch, 0 otherwise. */
int		 sysname_known(uint32_t sysid);

/* libseccomp's name of an arch ("x86_64", "x86", "x32", "aarch64"...). */
const char	*sysname_arch_name(uint32_t arch);

/* The arch token for a libseccomp arch name, or 0 if there is none. */
uint32_t	 sysname_arch_parse(const char *name);

/* Docker's name of an arch: "SCMP_ARCH_X86_64"; NULL if unknown. */
const char	*sysname_arch_docker(uint32_t arch);

/* The native arch of this machine (libseccomp's view). */
uint32_t	 sysname_native(void);

/*
 * The arches a process on this machine can make calls in: the native one
 * and its compatibility modes (x86_64: x86_64, x86, x32).  Fills at most
 * max entries of out and returns the count.
 */
int		 sysname_native_arches(uint32_t *out, int max);

#endif
