# tests/: run by `make check` through automake's parallel harness.
# Each *.test is a shell script; exit 0 pass, 77 skip, 99 hard error.
TEST_EXTENSIONS = .test
# Every test runs under tests/lib/reap, which fails it when it leaves a
# process behind, and under a hang guard (not a time limit on speed: a stuck
# test fails, never blocks CI).
REAP = $(abs_top_builddir)/tests/lib/reap
TEST_LOG_COMPILER = $(REAP) timeout -k 10 900 $(SHELL)
LOG_COMPILER = $(REAP) timeout -k 10 900
check_PROGRAMS += tests/lib/reap
tests_lib_reap_SOURCES = tests/lib/reap.c
# Built like the helpers: it runs every test, so never under a sanitizer.
tests_lib_reap_CFLAGS = $(HELPER_CFLAGS)
tests_lib_reap_LDFLAGS =
# A sanitizer report of any process a test starts lands in SAN_DIR and
# ends that process (halt_on_error; UBSan is built not to recover; TSan
# exits 66 after its first report);
# ./bootstrap --check fails on any file there, even when the test itself
# passed.  Not abort_on_error: a process under a filter that denies kill
# (sctui --enforce's child) would loop in abort() instead of exiting.  tmux sets TMUX in its panes: a test must
# never talk to the user's tmux server.
SAN_DIR = $(abs_top_builddir)/tests/sanitizer
AM_TESTS_ENVIRONMENT = \
	unset TMUX TMUX_PANE; \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	SCTUI='$(abs_top_builddir)/sctui'; STRACE='$(STRACE)'; \
	TMUX_PROG='$(TMUX_PROG)'; export top_srcdir top_builddir SCTUI STRACE TMUX_PROG; \
	$(MKDIR_P) '$(SAN_DIR)' && chmod 1777 '$(SAN_DIR)'; \
	ASAN_OPTIONS="$${ASAN_OPTIONS:+$$ASAN_OPTIONS:}log_path=$(SAN_DIR)/asan:halt_on_error=1"; \
	UBSAN_OPTIONS="$${UBSAN_OPTIONS:+$$UBSAN_OPTIONS:}log_path=$(SAN_DIR)/ubsan:halt_on_error=1:print_stacktrace=1"; \
	TSAN_OPTIONS="$${TSAN_OPTIONS:+$$TSAN_OPTIONS:}log_path=$(SAN_DIR)/tsan:halt_on_error=1"; \
	export ASAN_OPTIONS UBSAN_OPTIONS TSAN_OPTIONS;
EXTRA_DIST += tests/lib/init.sh tests/lib/reap.test
TESTS += tests/lib/reap.test
clean-local: clean-sanitizer
clean-sanitizer:
	-rm -rf '$(SAN_DIR)'
.PHONY: clean-sanitizer
HELPER_CFLAGS = $(WARN_CFLAGS) $(PTHREAD_CFLAGS)

include $(srcdir)/tests/unit/local.mk
include $(srcdir)/tests/tracer/local.mk
include $(srcdir)/tests/profile/local.mk
include $(srcdir)/tests/tui/local.mk
include $(srcdir)/tests/e2e/local.mk
include $(srcdir)/tests/docs/local.mk
include $(srcdir)/tests/fault/local.mk
include $(srcdir)/tests/security/local.mk
