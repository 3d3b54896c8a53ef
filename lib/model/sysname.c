/*
 * sysname.c - (arch, nr) <-> name through libseccomp; see sysname.h.
 */
#include "config.h"
#include "sysname.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define X32_SYSCALL_BIT	0x40000000
#define NR_MASK		0x00ffffff

/* Names resolved so far, per arch index, in a small open hash on sysid. */
struct name_slot {
	uint32_t	 sysid;
	const char	*name;
};

static uint32_t		 arches[SYSNAME_MAX_ARCH];
static int		 narches;
static struct name_slot	*names;
static size_t		 names_cap, names_len;

static const struct {
	uint32_t	 arch;
	const char	*docker;
} docker_names[] = {
	{ SCMP_ARCH_X86,	"SCMP_ARCH_X86" },
	{ SCMP_ARCH_X86_64,	"SCMP_ARCH_X86_64" },
	{ SCMP_ARCH_X32,	"SCMP_ARCH_X32" },
	{ SCMP_ARCH_ARM,	"SCMP_ARCH_ARM" },
	{ SCMP_ARCH_AARCH64,	"SCMP_ARCH_AARCH64" },
	{ SCMP_ARCH_MIPS,	"SCMP_ARCH_MIPS" },
	{ SCMP_ARCH_MIPS64,	"SCMP_ARCH_MIPS64" },
	{ SCMP_ARCH_MIPS64N32,	"SCMP_ARCH_MIPS64N32" },
	{ SCMP_ARCH_MIPSEL,	"SCMP_ARCH_MIPSEL" },
	{ SCMP_ARCH_MIPSEL64,	"SCMP_ARCH_MIPSEL64" },
	{ SCMP_ARCH_MIPSEL64N32, "SCMP_ARCH_MIPSEL64N32" },
	{ SCMP_ARCH_PPC,	"SCMP_ARCH_PPC" },
	{ SCMP_ARCH_PPC64,	"SCMP_ARCH_PPC64" },
	{ SCMP_ARCH_PPC64LE,	"SCMP_ARCH_PPC64LE" },
	{ SCMP_ARCH_S390,	"SCMP_ARCH_S390" },
	{ SCMP_ARCH_S390X,	"SCMP_ARCH_S390X" },
	{ SCMP_ARCH_PARISC,	"SCMP_ARCH_PARISC" },
	{ SCMP_ARCH_PARISC64,	"SCMP_ARCH_PARISC64" },
	{ SCMP_ARCH_RISCV64,	"SCMP_ARCH_RISCV64" },
};

static int
arch_index(uint32_t arch)
{
	int i;

	for (i = 0; i < narches; i++)
		if (arches[i] == arch)
			return i;
	if (narches == SYSNAME_MAX_ARCH)
		return -1;
	arches[narches] = arch;
	return narches++;
}

uint32_t
sysname_id(uint32_t arch, int nr)
{
	int i;

	if (arch == SCMP_ARCH_X86_64 && (nr & X32_SYSCALL_BIT)) {
		arch = SCMP_ARCH_X32;
		nr &= ~X32_SYSCALL_BIT;
	}
	if ((i = arch_index(arch)) < 0 || nr < 0)
		return SYSID_NONE;
	return (uint32_t)i << 24 | ((uint32_t)nr & NR_MASK);
}

uint32_t
sysname_arch(uint32_t sysid)
{
	return arches[sysid >> 24];
}

int
sysname_nr(uint32_t sysid)
{
	int nr = (int)(sysid & NR_MASK);

	if (sysname_arch(sysid) == SCMP_ARCH_X32)
		nr |= X32_SYSCALL_BIT;
	return nr;
}

uint32_t
sysname_lookup(uint32_t arch, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(arch, name);

	/* Negative numbers are libseccomp's pseudo-calls: not on this arch. */
	if (nr < 0)
		return SYSID_NONE;
	return sysname_id(arch, nr);
}

static size_t
slot_of(uint32_t sysid)
{
	uint32_t h = sysid * 2654435761u;

	return h & (names_cap - 1);
}

static void
names_grow(void)
{
	struct name_slot *old = names;
	size_t i, oldcap = names_cap;

	names_cap = oldcap ? oldcap * 2 : 1024;
	names = xcalloc(names_cap, sizeof(*names));
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (old[i].name == NULL)
			continue;
		for (j = slot_of(old[i].sysid); names[j].name != NULL;
		    j = (j + 1) & (names_cap - 1))
			;
		names[j] = old[i];
	}
	free(old);
}

static const char *
resolve(uint32_t sysid, int *known)
{
	size_t j;
	char *name, buf[32];

	if (names_len * 2 >= names_cap)
		names_grow();
	for (j = slot_of(sysid); names[j].name != NULL;
	    j = (j + 1) & (names_cap - 1))
		if (names[j].sysid == sysid) {
			*known = strncmp(names[j].name, "syscall_", 8) != 0;
			return names[j].name;
		}
	name = seccomp_syscall_resolve_num_arch(sysname_arch(sysid),
	    sysname_nr(sysid));
	*known = name != NULL;
	if (name == NULL) {
		snprintf(buf, sizeof(buf), "syscall_%d",
		    (int)(sysid & NR_MASK));
		name = xstrdup(buf);
	}
	names[j].sysid = sysid;
	names[j].name = name;
	names_len++;
	return name;
}

const char *
sysname_name(uint32_t sysid)
{
	int known;

	return resolve(sysid, &known);
}

int
sysname_known(uint32_t sysid)
{
	int known;

	resolve(sysid, &known);
	return known;
}

const char *
sysname_arch_name(uint32_t arch)
{
	switch (arch) {
	case SCMP_ARCH_X86:		return "x86";
	case SCMP_ARCH_X86_64:		return "x86_64";
	case SCMP_ARCH_X32:		return "x32";
	case SCMP_ARCH_ARM:		return "arm";
	case SCMP_ARCH_AARCH64:		return "aarch64";
	case SCMP_ARCH_MIPS:		return "mips";
	case SCMP_ARCH_MIPS64:		return "mips64";
	case SCMP_ARCH_MIPS64N32:	return "mips64n32";
	case SCMP_ARCH_MIPSEL:		return "mipsel";
	case SCMP_ARCH_MIPSEL64:	return "mipsel64";
	case SCMP_ARCH_MIPSEL64N32:	return "mipsel64n32";
	case SCMP_ARCH_PPC:		return "ppc";
	case SCMP_ARCH_PPC64:		return "ppc64";
	case SCMP_ARCH_PPC64LE:		return "ppc64le";
	case SCMP_ARCH_S390:		return "s390";
	case SCMP_ARCH_S390X:		return "s390x";
	case SCMP_ARCH_PARISC:		return "parisc";
	case SCMP_ARCH_PARISC64:	return "parisc64";
	case SCMP_ARCH_RISCV64:		return "riscv64";
	}
	return "unknown";
}

uint32_t
sysname_arch_parse(const char *name)
{
	return seccomp_arch_resolve_name(name);
}

const char *
sysname_arch_docker(uint32_t arch)
{
	size_t i;

	for (i = 0; i < sizeof(docker_names) / sizeof(docker_names[0]); i++)
		if (docker_names[i].arch == arch)
			return docker_names[i].docker;
	return NULL;
}

uint32_t
sysname_native(void)
{
	return seccomp_arch_native();
}

int
sysname_native_arches(uint32_t *out, int max)
{
	uint32_t native = seccomp_arch_native();
	uint32_t list[3];
	int i, n = 0;

	list[n++] = native;
	if (native == SCMP_ARCH_X86_64) {
		list[n++] = SCMP_ARCH_X86;
		list[n++] = SCMP_ARCH_X32;
	} else if (native == SCMP_ARCH_AARCH64) {
		list[n++] = SCMP_ARCH_ARM;
	}
	for (i = 0; i < n && i < max; i++)
		out[i] = list[i];
	return i;
}
