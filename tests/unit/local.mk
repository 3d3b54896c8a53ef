# tests/unit/: pure tests of lib/, linked against its layers only.
UNIT_TESTS = \
	tests/unit/cli-test \
	tests/unit/idmap-test \
	tests/unit/model-test \
	tests/unit/decode-test
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)
EXTRA_DIST += tests/unit/tap.h tests/unit/events.h
tests_unit_cli_test_LDADD = $(CORE_LIBS)
tests_unit_idmap_test_LDADD = $(CORE_LIBS)
tests_unit_model_test_LDADD = $(CORE_LIBS)
tests_unit_decode_test_LDADD = $(CORE_LIBS)
tests_unit_decode_test_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
tests_unit_model_test_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
# The test builds argv arrays from string literals.
tests_unit_cli_test_CFLAGS = $(AM_CFLAGS) -Wno-write-strings
include $(srcdir)/tests/unit/sysdoc.mk
include $(srcdir)/tests/unit/session.mk
# Includes point down the layers (lib/local.mk, doc/architecture.md).
TESTS += tests/unit/layering.test
EXTRA_DIST += tests/unit/layering.test
# The demo's count of its answers (app/tally.c): pure, built with it.
check_PROGRAMS += tests/unit/tally-test
TESTS += tests/unit/tally-test
tests_unit_tally_test_SOURCES = tests/unit/tally-test.c app/tally.c
tests_unit_tally_test_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/app
