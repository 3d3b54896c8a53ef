# tests/unit/session.mk: sessions and escape_name().
check_PROGRAMS += tests/unit/session-test
TESTS += tests/unit/session-test
tests_unit_session_test_LDADD = $(CORE_LIBS)
# The test fills session metadata from string literals.
tests_unit_session_test_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS) \
	-Wno-write-strings -Wno-discarded-qualifiers
