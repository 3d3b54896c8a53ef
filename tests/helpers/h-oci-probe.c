/*
 * h-oci-probe DIR: an ordinary dynamically linked program for the container
 * tests (tests/e2e/oci-*.test).  It makes one call no runtime needs,
 * sysinfo(2), writes "ok <uptime>" to DIR/result and "h-oci-probe: ok" to
 * stdout, and exits 0.  When sysinfo fails it says why on stderr
 * ("h-oci-probe: sysinfo: Operation not permitted") and exits 3, so a test
 * can tell a denial seen by the program from a container that never
 * started.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sysinfo si;
	char path[4096];
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: h-oci-probe DIR\n");
		return 2;
	}
	/* The raw call: libc must not answer it from a cache. */
	if (syscall(SYS_sysinfo, &si) != 0) {
		fprintf(stderr, "h-oci-probe: sysinfo: %s\n", strerror(errno));
		return 3;
	}
	snprintf(path, sizeof(path), "%s/result", argv[1]);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "h-oci-probe: %s: %s\n", path, strerror(errno));
		return 4;
	}
	fprintf(f, "ok %ld\n", (long)si.uptime);
	if (fclose(f) != 0) {
		fprintf(stderr, "h-oci-probe: %s: %s\n", path, strerror(errno));
		return 4;
	}
	printf("h-oci-probe: ok\n");
	return 0;
}
