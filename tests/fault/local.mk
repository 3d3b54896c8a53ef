# tests/fault/: faults, signals, bad input (see doc/threat-model.md).
check_PROGRAMS += tests/helpers/h-fault
tests_helpers_h_fault_LDADD = $(PTHREAD_LIBS)
# What is traced is never built with sanitizers (see tests/tracer/local.mk).
tests_helpers_h_fault_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_fault_LDFLAGS =

FAULT_TESTS = \
	tests/fault/already-traced.test \
	tests/fault/bad-profiles.test \
	tests/fault/bad-profiles-fix.test \
	tests/fault/cli-bad.test \
	tests/fault/faults.test \
	tests/fault/fork-storm.test \
	tests/fault/names-escape.test \
	tests/fault/ignore-signals.test \
	tests/fault/sctui-kill9.test \
	tests/fault/sctui-signals.test \
	tests/fault/stopped-quit.test
TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/fault/lib.sh tests/fault/proposed/all.diff
# Bugs these tests found; tests/fault/proposed/all.diff fixes them (core/,
# tui/).  Once it is applied they pass: then drop this line (an XPASS
# fails make check as a reminder).
XFAIL_TESTS = tests/fault/bad-profiles-fix.test tests/fault/names-escape.test

# The command-line fuzz target: its seeds (and any crash reproducer kept
# there) replayed by make check, without clang.
check_PROGRAMS += tests/fault/t-cli-corpus
tests_fault_t_cli_corpus_SOURCES = tests/fault/t-cli-corpus.c \
	fuzz/cli-target.c fuzz/cli-target.h
tests_fault_t_cli_corpus_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	-DSCTUI_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_fault_t_cli_corpus_LDADD = $(CORE_LIBS)
TESTS += tests/fault/t-cli-corpus
EXTRA_DIST += fuzz/fuzz-cli.c fuzz/corpus/cli

# make fuzz-cli [FUZZ_SECONDS=N]: libFuzzer on cli_parse(); `make fuzz`
# runs it first, then the readers.  Findings land in fuzz/out/cli/: copy a
# reproducer into fuzz/corpus/cli/ to keep it replayed by make check.
FUZZ_CLI_SRCS = $(top_srcdir)/fuzz/cli-target.c $(top_srcdir)/core/cli.c \
	$(top_srcdir)/core/runtime.c $(FUZZ_SRCS)
fuzz/fuzz-cli: $(top_srcdir)/fuzz/fuzz-cli.c $(FUZZ_CLI_SRCS) core/sdgroups.inc
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ \
	    $(top_srcdir)/fuzz/fuzz-cli.c $(FUZZ_CLI_SRCS) $(FUZZ_LIBS)
fuzz-cli: fuzz/fuzz-cli
	$(MKDIR_P) fuzz/out/cli fuzz/work/cli
	@echo "fuzz: cli for $(FUZZ_SECONDS)s"
	./fuzz/fuzz-cli -max_total_time=$(FUZZ_SECONDS) \
	    -artifact_prefix=fuzz/out/cli/ fuzz/work/cli \
	    $(top_srcdir)/fuzz/corpus/cli
fuzz: fuzz-cli
.PHONY: fuzz-cli
CLEANFILES += fuzz/fuzz-cli
