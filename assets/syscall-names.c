/*
 * syscall-names.c - print every system call name libseccomp knows.
 *
 * A developer tool for assets/syscalls.tsv, built and run by
 * gen-syscall-names.sh; not part of sctui.  For each architecture named on
 * the command line (libseccomp's names: x86_64, aarch64, x86, arm...) it
 * asks libseccomp for the name of every number from 0 to 1023, plus ARM's
 * private calls, and prints "name<TAB>arch" lines.  The script sorts and
 * merges them.
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

/* ARM's private calls (cacheflush, set_tls...) start at 0x0f0000. */
#define ARM_PRIVATE_BASE	0x0f0000
#define ARM_PRIVATE_COUNT	16

static void
print_range(uint32_t arch, const char *aname, int lo, int hi)
{
	char	*name;
	int	 nr;

	for (nr = lo; nr < hi; nr++) {
		name = seccomp_syscall_resolve_num_arch(arch, nr);
		if (name == NULL)
			continue;
		printf("%s\t%s\n", name, aname);
		free(name);
	}
}

int
main(int argc, char **argv)
{
	uint32_t	 arch;
	int		 i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s ARCH...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if ((arch = seccomp_arch_resolve_name(argv[i])) == 0) {
			fprintf(stderr, "%s: libseccomp knows no arch '%s'\n",
			    argv[0], argv[i]);
			return 1;
		}
		print_range(arch, argv[i], 0, 1024);
		if (arch == SCMP_ARCH_ARM)
			print_range(arch, argv[i], ARM_PRIVATE_BASE,
			    ARM_PRIVATE_BASE + ARM_PRIVATE_COUNT);
	}
	return 0;
}
