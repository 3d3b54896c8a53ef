# tests/security/: the trust boundary, each test written as the attack it
# defeats (doc/threat-model.md lists every promise with its test).  Run as
# root: the tests create and remove the second local user they need.
SECURITY_TESTS = \
	tests/security/filter-length.test \
	tests/security/handover-replay.test \
	tests/security/kill9-tree.test \
	tests/security/names-bidi.test \
	tests/security/open-size.test \
	tests/security/output-mode.test \
	tests/security/output-special.test \
	tests/security/output-symlink.test \
	tests/security/own-filter.test \
	tests/security/profile-allow-default.test \
	tests/security/stats-enospc.test \
	tests/security/traceme.test \
	tests/security/tty-batch.test \
	tests/security/tty-ui.test \
	tests/security/tui-output.test \
	tests/security/untraced-clone.test \
	tests/security/enforce-tree.test
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS) tests/security/files.sh

# The traced programs that attack sctui.  What is traced is never built
# with sanitizers (see tests/tracer/local.mk).
SECURITY_HELPERS = \
	tests/helpers/h-sec-handover \
	tests/helpers/h-sec-ownfilter \
	tests/helpers/h-sec-spin \
	tests/helpers/h-sec-traceme \
	tests/helpers/h-sec-tty \
	tests/helpers/h-sec-untraced
check_PROGRAMS += $(SECURITY_HELPERS)
tests_helpers_h_sec_ownfilter_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_sec_untraced_LDADD = $(PTHREAD_LIBS)
tests_helpers_h_sec_handover_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_handover_LDFLAGS =
tests_helpers_h_sec_ownfilter_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_ownfilter_LDFLAGS =
tests_helpers_h_sec_spin_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_spin_LDFLAGS =
tests_helpers_h_sec_traceme_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_traceme_LDFLAGS =
tests_helpers_h_sec_tty_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_tty_LDFLAGS =
tests_helpers_h_sec_untraced_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_sec_untraced_LDFLAGS =
