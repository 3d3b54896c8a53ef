# tests/fault/: faults, signals, bad input (see doc/threat-model.md).
check_PROGRAMS += tests/helpers/h-fault
tests_helpers_h_fault_LDADD = $(PTHREAD_LIBS)
# What is traced is never built with sanitizers (see tests/tracer/local.mk).
tests_helpers_h_fault_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_fault_LDFLAGS =

FAULT_TESTS = \
	tests/fault/already-traced.test \
	tests/fault/bad-profiles-fix.test \
	tests/fault/bad-profiles.test \
	tests/fault/cli-bad.test \
	tests/fault/faults.test \
	tests/fault/fork-storm.test \
	tests/fault/ignore-signals.test \
	tests/fault/names-escape.test \
	tests/fault/sctui-kill9.test \
	tests/fault/sctui-signals.test \
	tests/fault/stopped-quit.test
TESTS += $(FAULT_TESTS)
EXTRA_DIST += $(FAULT_TESTS) tests/fault/lib.sh doc/threat-model.md

# The command-line fuzz target: its seeds (and any crash reproducer kept
# there) replayed by make check, without clang.
check_PROGRAMS += tests/fault/t-cli-corpus
tests_fault_t_cli_corpus_SOURCES = tests/fault/t-cli-corpus.c \
	tests/lib/corpus.c tests/lib/corpus.h fuzz/cli-target.c fuzz/cli-target.h
tests_fault_t_cli_corpus_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	-I$(top_srcdir)/tests/lib -DSCTUI_TOP_SRCDIR='"$(abs_top_srcdir)"'
tests_fault_t_cli_corpus_LDADD = $(CORE_LIBS)
TESTS += tests/fault/t-cli-corpus
EXTRA_DIST += fuzz/fuzz-cli.c fuzz/corpus/cli

# make fuzz-cli [FUZZ_SECONDS=N]: libFuzzer on cli_parse(); `make fuzz`
# runs it first, then the readers.  Findings land in fuzz/out/cli/: copy a
# reproducer into fuzz/corpus/cli/ to keep it replayed by make check.
FUZZ_CLI_SRCS = $(top_srcdir)/fuzz/cli-target.c $(top_srcdir)/lib/cli/cli.c \
	$(top_srcdir)/lib/model/runtime.c $(FUZZ_SRCS)
fuzz/fuzz-cli: $(top_srcdir)/fuzz/fuzz-cli.c $(FUZZ_CLI_SRCS) lib/profile/sdgroups.inc
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

# make valgrind: the batch-mode and profile tests with sctui under memcheck,
# and the profile and CLI unit tests under it too.  Not --enforce's test:
# the filter sctui loads before exec would apply to valgrind's own calls.  Slow, so not part of
# make check; needs a build without --enable-sanitizers.  Logs land in
# tests/fault/vg/; any memcheck error or definite leak fails.
VALGRIND = valgrind
VALGRIND_FLAGS = --quiet --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --show-leak-kinds=definite \
	--child-silent-after-fork=yes
VG_TESTS = $(TRACER_TESTS) $(FAULT_TESTS) \
	tests/profile/convert.test tests/profile/merge.test \
	tests/profile/diff.test
# t-profile loads filters and libseccomp probes the kernel's actions with
# seccomp(2), which valgrind 3.19 does not know: 5 of its checks fail under
# it.  Only its memcheck result counts.
VG_NOSTATUS = tests/profile/t-profile
VG_BINS = tests/profile/t-profile tests/profile/t-corpus \
	tests/fault/t-cli-corpus tests/unit/cli-test tests/unit/model-test \
	tests/unit/idmap-test
EXTRA_DIST += tests/fault/valgrind-sctui.sh

valgrind: sctui $(check_PROGRAMS)
if SANITIZERS
	@echo "make valgrind: reconfigure without --enable-sanitizers or --enable-tsan"; exit 1
endif
	@rm -rf tests/fault/vg && $(MKDIR_P) tests/fault/vg && \
	chmod 1777 tests/fault/vg && fail=0 && \
	for t in $(VG_TESTS); do \
	    case $$t in */enforce.test) \
		echo "SKIP: $$t (under memcheck the filter would apply to valgrind itself)"; \
		continue ;; esac; \
	    top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	    SCTUI='$(abs_top_srcdir)/tests/fault/valgrind-sctui.sh' \
	    VG_SCTUI='$(abs_top_builddir)/sctui' \
	    VG_LOGDIR='$(abs_top_builddir)/tests/fault/vg' \
	    STRACE='$(STRACE)' TMUX_PROG='$(TMUX_PROG)' \
	    timeout -k 10 1800 $(SHELL) $(srcdir)/$$t \
		>tests/fault/vg/`basename $$t`.out 2>&1; \
	    rc=$$?; \
	    if [ $$rc = 0 ]; then echo "PASS: $$t"; \
	    else echo "FAIL: $$t (status $$rc, tests/fault/vg/`basename $$t`.out)"; fail=1; fi; \
	done; \
	for p in $(VG_BINS); do \
	    top_srcdir='$(abs_top_srcdir)' $(VALGRIND) $(VALGRIND_FLAGS) \
		--log-file=tests/fault/vg/`basename $$p`.log ./$$p \
		>tests/fault/vg/`basename $$p`.out 2>&1; \
	    rc=$$?; \
	    case " $(VG_NOSTATUS) " in *" $$p "*) [ $$rc = 99 ] || rc=0 ;; esac; \
	    if [ $$rc = 0 ]; then echo "PASS: $$p"; \
	    else echo "FAIL: $$p (status $$rc, tests/fault/vg/`basename $$p`.log)"; fail=1; fi; \
	done; \
	bad=`grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|^==[0-9]+== [A-Z][a-z]+ .*(uninitialised|Invalid)' tests/fault/vg/*.log 2>/dev/null`; \
	runs=`ls tests/fault/vg/*.log | wc -l`; \
	echo "make valgrind: $$runs memcheck runs"; \
	if [ -n "$$bad" ]; then echo "memcheck errors in: $$bad"; fail=1; fi; \
	exit $$fail
.PHONY: valgrind
clean-local: clean-valgrind
clean-valgrind:
	-rm -rf tests/fault/vg
.PHONY: clean-valgrind
