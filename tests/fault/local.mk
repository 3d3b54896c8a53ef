# tests/fault/: faults, signals, bad input (see doc/threat-model.md).
check_PROGRAMS += tests/helpers/h-fault
tests_helpers_h_fault_LDADD = $(PTHREAD_LIBS)
# What is traced is never built with sanitizers (see tests/tracer/local.mk).
tests_helpers_h_fault_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_fault_LDFLAGS =

FAULT_TESTS = \
	tests/fault/already-traced.test \
	tests/fault/faults.test \
	tests/fault/fork-storm.test \
	tests/fault/ignore-signals.test \
	tests/fault/sctui-kill9.test \
	tests/fault/sctui-signals.test \
	tests/fault/stopped-quit.test
TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/fault/lib.sh
