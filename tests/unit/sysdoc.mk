# tests/unit/sysdoc-test: assets/syscalls.tsv against libseccomp, and the
# loader's errors on malformed tables.
check_PROGRAMS += tests/unit/sysdoc-test
TESTS += tests/unit/sysdoc-test
tests_unit_sysdoc_test_SOURCES = tests/unit/sysdoc-test.c
tests_unit_sysdoc_test_CPPFLAGS = $(AM_CPPFLAGS) \
	-DSYSDOC_TEST_DATADIR='"$(abs_top_srcdir)/assets"' \
	-DSCTUI_PKGDATADIR='"$(pkgdatadir)"'
tests_unit_sysdoc_test_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
tests_unit_sysdoc_test_LDADD = $(CORE_LIBS)
