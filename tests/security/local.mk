# tests/security/: the trust boundary, each test written as the attack it
# defeats (doc/threat-model.md lists every promise with its test).  Run as
# root: the tests create and remove the second local user they need.
SECURITY_TESTS =
SECURITY_TESTS += tests/security/handover-replay.test
SECURITY_TESTS += tests/security/kill9-tree.test
SECURITY_TESTS += tests/security/own-filter.test
SECURITY_TESTS += tests/security/traceme.test
SECURITY_TESTS += tests/security/untraced-clone.test
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS)

# The traced program against the trace (doc/threat-model.md): helpers.
check_PROGRAMS += \
	tests/helpers/h-sec-handover \
	tests/helpers/h-sec-ownfilter \
	tests/helpers/h-sec-spin \
	tests/helpers/h-sec-traceme \
	tests/helpers/h-sec-untraced
tests_helpers_h_sec_ownfilter_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_sec_untraced_LDADD = $(PTHREAD_LIBS)
# What is traced is never built with sanitizers (see tests/tracer/local.mk).
tests_helpers_h_sec_handover_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_handover_LDFLAGS =
tests_helpers_h_sec_ownfilter_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_ownfilter_LDFLAGS =
tests_helpers_h_sec_spin_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_spin_LDFLAGS =
tests_helpers_h_sec_traceme_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_traceme_LDFLAGS =
tests_helpers_h_sec_untraced_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_untraced_LDFLAGS =
