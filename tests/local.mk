# tests/: run by `make check` through automake's parallel harness.
# Each *.test is a shell script; exit 0 pass, 77 skip, 99 hard error.
TEST_EXTENSIONS = .test
# A hang guard, not a time limit on speed: a stuck test fails, never blocks CI.
TEST_LOG_COMPILER = timeout -k 10 900 $(SHELL)
LOG_COMPILER = timeout -k 10 900
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	SCTUI='$(abs_top_builddir)/sctui'; STRACE='$(STRACE)'; \
	TMUX_PROG='$(TMUX)'; export top_srcdir top_builddir SCTUI STRACE TMUX_PROG;
EXTRA_DIST += tests/lib/init.sh
HELPER_CFLAGS = $(WARN_CFLAGS) $(PTHREAD_CFLAGS)

include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/tracer/local.mk
include $(srcdir)/tests/profile/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/e2e/local.mk
include $(srcdir)/tests/docs/local.mk
include $(srcdir)/tests/fault/local.mk
include $(srcdir)/tests/security/local.mk
