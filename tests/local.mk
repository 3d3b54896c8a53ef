# tests/: run by `make check` through automake's parallel harness.
# Each *.test is a shell script; exit 0 pass, 77 skip, 99 hard error.
TEST_EXTENSIONS = .test
TEST_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	SCTUI='$(abs_top_builddir)/sctui'; STRACE='$(STRACE)'; TMUX='$(TMUX)'; \
	export top_srcdir top_builddir SCTUI STRACE TMUX;
EXTRA_DIST += tests/lib/init.sh

include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/tracer/local.mk
include $(srcdir)/tests/profile/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/e2e/local.mk
