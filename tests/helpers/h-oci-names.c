/*
 * h-oci-names: print every system call name libseccomp knows on the native
 * arch, one a line, sorted by number.  The "generous set" that
 * assets/runtime/measure.sh starts its ablation from: no table of ours.
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	char *name;
	int nr;

	/* Some arches number their calls from 4000 or 6000 (mips). */
	for (nr = 0; nr < 10000; nr++) {
		name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (name == NULL)
			continue;
		if (printf("%s\n", name) < 0)
			return 1;
		free(name);
	}
	return fflush(stdout) != 0;
}
