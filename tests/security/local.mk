# tests/security/: the trust boundary, each test written as the attack it
# defeats (doc/threat-model.md lists every promise with its test).  Run as
# root: the tests create and remove the second local user they need.
SECURITY_TESTS =
SECURITY_TESTS += tests/security/output-symlink.test
SECURITY_TESTS += tests/security/output-special.test
SECURITY_TESTS += tests/security/output-mode.test
SECURITY_TESTS += tests/security/stats-enospc.test
SECURITY_TESTS += tests/security/tui-output.test
SECURITY_TESTS += tests/security/filter-length.test
SECURITY_TESTS += tests/security/profile-allow-default.test
SECURITY_TESTS += tests/security/open-size.test
SECURITY_TESTS += tests/security/names-bidi.test
SECURITY_TESTS += tests/security/tty-ui.test
SECURITY_TESTS += tests/security/tty-batch.test
TESTS += $(SECURITY_TESTS)
EXTRA_DIST += $(SECURITY_TESTS)
EXTRA_DIST += tests/security/files.sh

# The traced program that goes for sctui's terminal: built plainly, as the
# helpers are (what is traced is never a sanitizer build).
check_PROGRAMS += tests/helpers/h-sec-tty
tests_helpers_h_sec_tty_SOURCES = tests/helpers/h-sec-tty.c
tests_helpers_h_sec_tty_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_sec_tty_LDFLAGS =
