# tests/profile: the profile module (lib/profile/profile.h) and its commands.
PROFILE_TEST_CPPFLAGS = $(AM_CPPFLAGS) -DSCTUI_TOP_SRCDIR='"$(abs_top_srcdir)"'

check_PROGRAMS += tests/profile/t-profile tests/profile/t-corpus
tests_profile_t_profile_SOURCES = tests/profile/t-profile.c
tests_profile_t_profile_CPPFLAGS = $(PROFILE_TEST_CPPFLAGS)
tests_profile_t_profile_LDADD = $(CORE_LIBS)

# Replays fuzz/corpus/ through every reader (the fuzz targets' bodies).
tests_profile_t_corpus_SOURCES = tests/profile/t-corpus.c \
	tests/lib/corpus.c tests/lib/corpus.h fuzz/targets.c fuzz/targets.h
tests_profile_t_corpus_CPPFLAGS = $(PROFILE_TEST_CPPFLAGS) \
	-I$(top_srcdir)/fuzz -I$(top_srcdir)/tests/lib
tests_profile_t_corpus_LDADD = $(CORE_LIBS)

# Loads an exported BPF program with seccomp(2); traced by nothing, but
# built like the other helpers: no sanitizer runtime inside a filter.
check_PROGRAMS += tests/helpers/h-bpf-load
tests_helpers_h_bpf_load_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_bpf_load_LDFLAGS =

TESTS += tests/profile/t-profile tests/profile/t-corpus \
	tests/profile/convert.test tests/profile/merge.test \
	tests/profile/diff.test tests/profile/caps.test \
	tests/profile/formats.test tests/profile/phases.test \
	tests/profile/denied.test tests/profile/open-save.test

EXTRA_DIST += $(profile_test_files) tests/profile/convert.test \
	tests/profile/merge.test tests/profile/diff.test tests/profile/caps.test \
	tests/profile/formats.test tests/profile/formats.py \
	tests/profile/golden/README tests/profile/phases.test \
	tests/profile/denied.test tests/profile/open-save.test
profile_test_files = \
	tests/profile/data/small.json tests/profile/data/config.json \
	tests/profile/data/args.json \
	tests/profile/data/a.list tests/profile/data/b.list \
	tests/profile/data/handmade-nginx-syscalls.txt \
	tests/profile/golden/docker-default.docker.json \
	tests/profile/golden/docker-default.oci.json \
	tests/profile/golden/docker-default.systemd \
	tests/profile/golden/small.docker.json \
	tests/profile/golden/small.oci.json \
	tests/profile/golden/small.k8s.yaml \
	tests/profile/golden/small.systemd \
	tests/profile/golden/small.pfc tests/profile/golden/small.bpf \
	tests/profile/golden/rules.docker.json \
	tests/profile/golden/model.docker.json \
	tests/profile/golden/merge.docker.json \
	tests/profile/golden/phases.docker.json \
	tests/profile/golden/phases.oci.json \
	tests/profile/golden/phases.k8s.yaml \
	tests/profile/golden/denied.docker.json \
	tests/profile/golden/denied.oci.json

# make fuzz [FUZZ_SECONDS=N]: libFuzzer on each reader (clang; not in
# make check).  Findings land in fuzz/out/.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_TARGETS = fuzz/fuzz-read-docker fuzz/fuzz-read-oci fuzz/fuzz-read-list \
	fuzz/fuzz-read-session
FUZZ_SRCS = $(top_srcdir)/fuzz/targets.c \
	$(top_srcdir)/lib/profile/profile.c $(top_srcdir)/lib/profile/diff.c \
	$(top_srcdir)/lib/profile/filter.c \
	$(top_srcdir)/lib/profile/formats.c $(top_srcdir)/lib/profile/pbuf.c \
	$(top_srcdir)/lib/profile/read-docker.c \
	$(top_srcdir)/lib/profile/read-oci.c \
	$(top_srcdir)/lib/profile/read-list.c \
	$(top_srcdir)/lib/profile/write-docker.c \
	$(top_srcdir)/lib/profile/write-oci.c \
	$(top_srcdir)/lib/profile/write-k8s.c \
	$(top_srcdir)/lib/profile/write-systemd.c \
	$(top_srcdir)/lib/model/sysname.c $(top_srcdir)/lib/model/model.c \
	$(top_srcdir)/lib/model/idmap.c $(top_srcdir)/lib/session/session.c \
	$(top_srcdir)/lib/support/atomicfile.c \
	$(top_srcdir)/lib/support/xalloc.c $(top_srcdir)/lib/support/datadir.c \
	$(top_srcdir)/lib/support/escape.c
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-I. $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz \
	-DSCTUI_PKGDATADIR='"$(pkgdatadir)"' \
	-DSCTUI_SRCDATADIR='"$(abs_top_srcdir)/assets"' $(SECCOMP_CFLAGS) $(JANSSON_CFLAGS)
FUZZ_LIBS = $(SECCOMP_LIBS) $(JANSSON_LIBS) -lm

fuzz/fuzz-read-docker: $(top_srcdir)/fuzz/fuzz-read-docker.c $(FUZZ_SRCS) lib/profile/sdgroups.inc
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ \
	    $(top_srcdir)/fuzz/fuzz-read-docker.c $(FUZZ_SRCS) $(FUZZ_LIBS)
fuzz/fuzz-read-oci: $(top_srcdir)/fuzz/fuzz-read-oci.c $(FUZZ_SRCS) lib/profile/sdgroups.inc
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ \
	    $(top_srcdir)/fuzz/fuzz-read-oci.c $(FUZZ_SRCS) $(FUZZ_LIBS)
fuzz/fuzz-read-list: $(top_srcdir)/fuzz/fuzz-read-list.c $(FUZZ_SRCS) lib/profile/sdgroups.inc
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ \
	    $(top_srcdir)/fuzz/fuzz-read-list.c $(FUZZ_SRCS) $(FUZZ_LIBS)

fuzz/fuzz-read-session: $(top_srcdir)/fuzz/fuzz-read-session.c $(FUZZ_SRCS) lib/profile/sdgroups.inc
	$(AM_V_CC)$(MKDIR_P) fuzz && $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ \
	    $(top_srcdir)/fuzz/fuzz-read-session.c $(FUZZ_SRCS) $(FUZZ_LIBS)

fuzz: $(FUZZ_TARGETS)
	@for t in docker oci list session; do \
	    $(MKDIR_P) fuzz/out/$$t fuzz/work/$$t && \
	    echo "fuzz: read-$$t for $(FUZZ_SECONDS)s" && \
	    ./fuzz/fuzz-read-$$t -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=fuzz/out/$$t/ -dict=$(top_srcdir)/fuzz/json.dict \
		fuzz/work/$$t $(top_srcdir)/fuzz/corpus/$$t || exit 1; \
	done
.PHONY: fuzz
CLEANFILES += $(FUZZ_TARGETS)
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/work fuzz/out
.PHONY: clean-fuzz
EXTRA_DIST += fuzz/fuzz-read-docker.c fuzz/fuzz-read-oci.c \
	fuzz/fuzz-read-list.c fuzz/fuzz-read-session.c fuzz/json.dict \
	fuzz/corpus
