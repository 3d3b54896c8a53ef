# tests/tracer/: real ptrace on the helper programs in tests/helpers/.
check_PROGRAMS += \
	tests/helpers/h-args \
	tests/helpers/h-attach \
	tests/helpers/h-busy \
	tests/helpers/h-comm-exec \
	tests/helpers/h-daemon \
	tests/helpers/h-fork-threads \
	tests/helpers/h-int80 \
	tests/helpers/h-mt-exec \
	tests/helpers/h-phases \
	tests/helpers/h-place \
	tests/helpers/h-setuid \
	tests/helpers/h-signals \
	tests/helpers/h-stacks-fp \
	tests/helpers/h-stacks-nofp \
	tests/helpers/h-tree \
	tests/helpers/h-uname
tests_helpers_h_attach_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_busy_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_fork_threads_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_mt_exec_LDADD = $(PTHREAD_LIBS)
# Helpers are what is traced: never built with sanitizers, whose runtime
# makes calls of its own and whose leak checker ptraces the process.
tests_helpers_h_args_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_args_LDFLAGS =
tests_helpers_h_attach_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_attach_LDFLAGS =
tests_helpers_h_busy_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_busy_LDFLAGS =
tests_helpers_h_comm_exec_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_comm_exec_LDFLAGS =
tests_helpers_h_daemon_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_daemon_LDFLAGS =
tests_helpers_h_fork_threads_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_fork_threads_LDFLAGS =
tests_helpers_h_int80_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_int80_LDFLAGS =
tests_helpers_h_mt_exec_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_mt_exec_LDFLAGS =
tests_helpers_h_phases_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_phases_LDFLAGS =
tests_helpers_h_place_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_place_LDFLAGS =
tests_helpers_h_signals_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_signals_LDFLAGS =
tests_helpers_h_tree_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_tree_LDFLAGS =
# One source, two stacks to unwind: frame pointers, then none at -O2.
tests_helpers_h_stacks_fp_SOURCES = tests/helpers/h-stacks.c
tests_helpers_h_stacks_fp_CFLAGS = $(HELPER_CFLAGS) -O1 -g \
	-fno-omit-frame-pointer
tests_helpers_h_stacks_fp_LDFLAGS =
tests_helpers_h_stacks_nofp_SOURCES = tests/helpers/h-stacks.c
tests_helpers_h_stacks_nofp_CFLAGS = $(HELPER_CFLAGS) -O2 -g \
	-fomit-frame-pointer
tests_helpers_h_stacks_nofp_LDFLAGS =

TRACER_TESTS = \
	tests/tracer/args.test \
	tests/tracer/args-memory.test \
	tests/tracer/ask.test \
	tests/tracer/attach.test \
	tests/tracer/cli-errors.test \
	tests/tracer/daemon.test \
	tests/tracer/deny.test \
	tests/tracer/enforce.test \
	tests/tracer/exec-chain.test \
	tests/tracer/fork-threads.test \
	tests/tracer/int80.test \
	tests/tracer/kill9.test \
	tests/tracer/mt-exec.test \
	tests/tracer/notify.test \
	tests/tracer/notify-exec.test \
	tests/tracer/phases.test \
	tests/tracer/place.test \
	tests/tracer/profile-out.test \
	tests/tracer/setuid.test \
	tests/tracer/signals.test \
	tests/tracer/stacks.test \
	tests/tracer/stop-cont.test \
	tests/tracer/strace-oracle.test \
	tests/tracer/tree.test \
	tests/tracer/returns.test \
	tests/tracer/notify-sync.test \
	tests/tracer/stacks-process.test
TESTS += $(TRACER_TESTS)
EXTRA_DIST += $(TRACER_TESTS) tests/tracer/data/v1.sctui-session.json
tests_helpers_h_uname_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_uname_LDFLAGS =
tests_helpers_h_setuid_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_setuid_LDFLAGS =

# place.c's decisions on real CPUs (tracer/place.h).
check_PROGRAMS += tests/tracer/place-test
TESTS += tests/tracer/place-test
tests_tracer_place_test_SOURCES = tests/tracer/place-test.c
tests_tracer_place_test_LDADD = libtracer.a $(LIBDW_LIBS)
tests_tracer_place_test_CPPFLAGS = -I$(top_srcdir)/tracer

# waiting.c's samples of real blocked, busy and stopped processes.
check_PROGRAMS += tests/tracer/phases-sampler
TESTS += tests/tracer/phases-sampler
tests_tracer_phases_sampler_SOURCES = tests/tracer/phases-sampler.c
tests_tracer_phases_sampler_LDADD = libtracer.a $(PTHREAD_LIBS)
tests_tracer_phases_sampler_CPPFLAGS = -I$(top_srcdir)/tracer
