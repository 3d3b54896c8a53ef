# tests/e2e: end to end, through real OCI runtimes (runc, crun) as root.
# The container library is tests/lib/oci.sh; the runtime sets it checks are
# assets/runtime/*, measured by assets/runtime/measure.sh.

# h-oci-min makes one call, exit_group(42), without libc: no sanitizer, no
# startup files, statically linked.
check_PROGRAMS += tests/helpers/h-oci-min
tests_helpers_h_oci_min_SOURCES = tests/helpers/h-oci-min.c
tests_helpers_h_oci_min_CFLAGS = -O1 -ffreestanding -fno-stack-protector \
	-fno-asynchronous-unwind-tables -fcf-protection=none
tests_helpers_h_oci_min_LDFLAGS = -static -nostdlib -nostartfiles

check_PROGRAMS += tests/helpers/h-oci-names
tests_helpers_h_oci_names_SOURCES = tests/helpers/h-oci-names.c
tests_helpers_h_oci_names_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
tests_helpers_h_oci_names_LDADD = $(SECCOMP_LIBS)

# h-oci-probe runs traced by sctui, so never with the sanitizers: at exit
# LeakSanitizer stops the world with ptrace, which a traced process cannot
# (its untraced helper task then spins on ENOSYS under sctui's filter).
check_PROGRAMS += tests/helpers/h-oci-probe
tests_helpers_h_oci_probe_SOURCES = tests/helpers/h-oci-probe.c
tests_helpers_h_oci_probe_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_oci_probe_LDFLAGS =

# runtime_baseline() (lib/model/runtime.c), unit tested against assets/runtime.
check_PROGRAMS += tests/e2e/runtime-baseline
tests_e2e_runtime_baseline_SOURCES = tests/e2e/runtime-baseline.c
tests_e2e_runtime_baseline_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
tests_e2e_runtime_baseline_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSCTUI_PKGDATADIR='"$(pkgdatadir)"'
tests_e2e_runtime_baseline_LDADD = $(CORE_LIBS)

TESTS += \
	tests/e2e/runtime-baseline \
	tests/e2e/oci-runc.test \
	tests/e2e/demo-session.test \
	tests/e2e/oci-crun.test \
	tests/e2e/oci-deny.test \
	tests/e2e/args-rules.test \
	tests/e2e/args-programs.test

EXTRA_DIST += tests/lib/oci.sh tests/e2e/args-rules.test \
	tests/e2e/args-programs.test tests/e2e/oci-runc.test tests/e2e/oci-crun.test \
	tests/e2e/demo-session.test \
	tests/e2e/oci-deny.test

# nginx with the classroom demo's bundled configuration (assets/demo/):
# traced against strace, enforced, under runc, denied accept4; and
# sctui --demo itself, with nginx and with its fallback server.
TESTS += \
	tests/e2e/nginx-trace.test \
	tests/e2e/nginx-enforce.test \
	tests/e2e/nginx-oci.test \
	tests/e2e/nginx-deny.test \
	tests/e2e/nginx-demo.test \
	tests/e2e/nginx-stock.test \
	tests/e2e/podman.test \
	tests/e2e/enforce-explain.test \
	tests/e2e/enforce-nginx.test
EXTRA_DIST += tests/e2e/nginx-lib.sh tests/e2e/nginx-trace.test \
	tests/e2e/nginx-enforce.test tests/e2e/nginx-oci.test \
	tests/e2e/nginx-deny.test tests/e2e/nginx-demo.test \
	tests/e2e/nginx-stock.test tests/e2e/podman.test \
	tests/e2e/enforce-explain.test tests/e2e/enforce-nginx.test

# Phases of real servers, in the fast path and under --profile (where only
# the sampler sees them wait): bind and listen in startup, accept4 serving.
check_PROGRAMS += tests/helpers/h-sysnr
tests_helpers_h_sysnr_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sysnr_LDFLAGS =
TESTS += \
	tests/e2e/phases-nginx.test \
	tests/e2e/phases-python.test \
	tests/e2e/phases-node.test
EXTRA_DIST += tests/e2e/phases-lib.sh tests/e2e/phases-nginx.test \
	tests/e2e/phases-python.test tests/e2e/phases-node.test \
	tests/helpers/h-server.js

# Profiles whose calls are grouped by phase, loaded by runc and crun; the
# --profile UI toggling a profile's own call.
TESTS += tests/e2e/profile-phases.test
EXTRA_DIST += tests/e2e/profile-phases.test
TESTS += tests/e2e/profile-ui.test
EXTRA_DIST += tests/e2e/profile-ui.test

# sctui --enforce --runtime: one command proves a profile in runc, crun
# and podman (app/container.c).
TESTS += \
	tests/e2e/runtime-run.test \
	tests/e2e/runtime-server.test \
	tests/e2e/runtime-tmpdir.test \
	tests/e2e/runtime-tty.test
EXTRA_DIST += tests/e2e/runtime-run.test tests/e2e/runtime-server.test \
	tests/e2e/runtime-tmpdir.test tests/e2e/runtime-tty.test

# --enforce --phases: a server that makes a call of its start-up again
# once it serves, and nginx under its phases.
check_PROGRAMS += tests/helpers/h-phases-late
tests_helpers_h_phases_late_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_phases_late_LDFLAGS =
TESTS += tests/e2e/enforce-phases.test tests/e2e/enforce-nginx-phases.test
EXTRA_DIST += tests/e2e/enforce-phases.test \
	tests/e2e/enforce-nginx-phases.test

# sctui --demo: --deny=sendfile says what the client met, --demo-duration,
# --demo-dir and its attacks, the classroom walk-through run as written.
TESTS += \
	tests/e2e/demo-deny.test \
	tests/e2e/demo-duration.test \
	tests/e2e/demo-dir.test \
	tests/e2e/classroom-doc.test
EXTRA_DIST += tests/e2e/demo-deny.test tests/e2e/demo-duration.test \
	tests/e2e/demo-dir.test tests/e2e/classroom-doc.test

# Walking the hand-tuning loop: a server stopped through sctui --enforce.
TESTS += tests/e2e/walk-enforce-stop.test
EXTRA_DIST += tests/e2e/walk-enforce-stop.test
# A profile without the calls podman makes itself, named by the hint.
TESTS += tests/e2e/walk-runtime-lacks.test
EXTRA_DIST += tests/e2e/walk-runtime-lacks.test
# A command that never serves: no startup-only counts.
TESTS += tests/e2e/walk-never-served.test
EXTRA_DIST += tests/e2e/walk-never-served.test
# The calls a profile denies on purpose, told from those it lacks.
TESTS += tests/e2e/walk-enforce-purpose.test
EXTRA_DIST += tests/e2e/walk-enforce-purpose.test
# The batch summary's phase numbers are the saved profile's.
TESTS += tests/e2e/walk-summary-file.test
EXTRA_DIST += tests/e2e/walk-summary-file.test
# --deny of a call the --profile allows.
TESTS += tests/e2e/walk-profile-deny.test
EXTRA_DIST += tests/e2e/walk-profile-deny.test
