# bench/: benchmarks, run with `make bench`; never part of `make check`.
# The programs are EXTRA_PROGRAMS: built only when `make bench` asks.
BENCH_PROGS = bench/b-run bench/b-loop bench/b-fork bench/b-threads
EXTRA_PROGRAMS = $(BENCH_PROGS)
bench_b_run_SOURCES = bench/b-run.c
bench_b_loop_SOURCES = bench/b-loop.c
bench_b_fork_SOURCES = bench/b-fork.c
bench_b_threads_SOURCES = bench/b-threads.c
bench_b_threads_LDADD = $(PTHREAD_LIBS)
CLEANFILES += $(BENCH_PROGS)
EXTRA_DIST += bench/run.sh bench/nginx.conf bench/experiments/README \
	bench/experiments/x-tracer.c bench/experiments/unwind-cmp.c \
	bench/experiments/run.sh bench/experiments/returns.sh

# BENCH_RUNS=N (default 3) and the other BENCH_* variables in bench/run.sh
# pass through the environment.
bench: sctui $(BENCH_PROGS)
	BENCH_SRCDIR='$(abs_top_srcdir)' BENCH_BUILDDIR='$(abs_top_builddir)' \
	SCTUI='$(abs_top_builddir)/sctui' bash '$(srcdir)/bench/run.sh'

# The wake-up experiments of doc/performance.md; not part of sctui.
# It reads a tracee's CPU with tracer/place.c's place_task_cpu(), and takes
# the seccomp constants of tracer/notify.h.
bench/experiments/x-tracer: $(srcdir)/bench/experiments/x-tracer.c \
    $(srcdir)/tracer/place.c $(srcdir)/tracer/place.h $(srcdir)/tracer/notify.h
	@$(MKDIR_P) bench/experiments
	$(AM_V_CC)$(CC) $(CFLAGS) -O2 -Wall -Wextra -I$(top_builddir) \
	    -I$(srcdir)/tracer -o $@ $(srcdir)/bench/experiments/x-tracer.c \
	    $(srcdir)/tracer/place.c $(PTHREAD_CFLAGS) $(PTHREAD_LIBS)
CLEANFILES += bench/experiments/x-tracer

# The unwinders compared for --stacks: libdw and libunwind-ptrace
# (libunwind-dev), on a tracee built -O2 without frame pointers.
bench/experiments/unwind-cmp: $(srcdir)/bench/experiments/unwind-cmp.c
	@$(MKDIR_P) bench/experiments
	$(AM_V_CC)$(CC) $(CFLAGS) -O2 -g -fomit-frame-pointer \
	    -fasynchronous-unwind-tables -Wall -Wextra -o $@ \
	    $(srcdir)/bench/experiments/unwind-cmp.c \
	    $$(pkg-config --cflags --libs libdw libunwind-ptrace \
	    libunwind-generic)
CLEANFILES += bench/experiments/unwind-cmp

bench-experiments: bench/experiments/x-tracer bench/experiments/unwind-cmp \
    $(BENCH_PROGS)
	bench/experiments/unwind-cmp $${X_UNWINDS:-200}
	BENCH_SRCDIR='$(abs_top_srcdir)' BENCH_BUILDDIR='$(abs_top_builddir)' \
	SCTUI='$(abs_top_builddir)/sctui' bash '$(srcdir)/bench/experiments/run.sh'

.PHONY: bench bench-experiments
