# tests/tui: the ring's unit test, the TUI helpers and the tmux-driven tests.
check_PROGRAMS += tests/unit/ring-test
tests_unit_ring_test_SOURCES = tests/unit/ring-test.c
tests_unit_ring_test_LDADD = $(CORE_LIBS) $(PTHREAD_LIBS)
TESTS += tests/unit/ring-test

check_PROGRAMS += tests/helpers/h-tui-calls
tests_helpers_h_tui_calls_SOURCES = tests/helpers/h-tui-calls.c
# Traced as well, so built plainly too (see h-tui-calls below).
check_PROGRAMS += tests/helpers/h-tui-arches
tests_helpers_h_tui_arches_SOURCES = tests/helpers/h-tui-arches.c
tests_helpers_h_tui_arches_CFLAGS = $(HELPER_CFLAGS)
tests_helpers_h_tui_arches_LDFLAGS =

TUI_TESTS = \
	tests/tui/tui-arches.test \
	tests/tui/tui-args.test \
	tests/tui/tui-argtoggle.test \
	tests/tui/tui-calls.test \
	tests/tui/tui-profile.test \
	tests/tui/tui-demo.test \
	tests/tui/tui-deny.test \
	tests/tui/tui-mouse.test \
	tests/tui/tui-place.test \
	tests/tui/tui-robust.test \
	tests/tui/tui-save.test \
	tests/tui/tui-session.test \
	tests/tui/tui-stacks.test \
	tests/tui/tui-terminal.test \
	tests/tui/tui-tree.test \
	tests/tui/tui-phaselive.test \
	tests/tui/tui-phaselive-nginx.test \
	tests/tui/tui-layout.test \
	tests/tui/tui-explain.test \
	tests/tui/tui-phases.test \
	tests/tui/tui-elapsed.test \
	tests/tui/tui-mouse-values.test \
	tests/tui/tui-evlog.test \
	tests/tui/tui-evlog-modes.test \
	tests/tui/demo-deny.test \
	tests/tui/demo-pause.test \
	tests/tui/demo-startup-call.test \
	tests/tui/tui-profile-exit.test \
	tests/tui/tui-open-profile.test
TESTS += $(TUI_TESTS)
EXTRA_DIST += tests/tui/tmux.sh $(TUI_TESTS)

# The UI's thread seams under ThreadSanitizer (configure --enable-tsan):
# the ring, the commands sent to the tracer's thread, live denial, the
# first stacks the tracer stores while the UI reads them, the event log
# turning return values on and off, and the demo's client thread paused
# from the UI, and signals to batch mode (a thread of their own).  A
# report ends sctui (halt_on_error) and lands in
# tests/sanitizer/, which ./bootstrap --check counts as a failure.
TSAN_TESTS = \
	tests/unit/ring-test \
	tests/tui/tui-deny.test \
	tests/tui/tui-robust.test \
	tests/tui/tui-profile.test \
	tests/tui/tui-stacks.test \
	tests/tui/tui-phaselive.test \
	tests/tui/tui-evlog.test \
	tests/tui/demo-pause.test \
	tests/fault/sctui-signals.test
check-tsan:
if TSAN
	$(MAKE) $(AM_MAKEFLAGS) check TESTS='$(TSAN_TESTS)'
	@reports=`find '$(SAN_DIR)' -type f 2>/dev/null`; \
	if [ -n "$$reports" ]; then \
	    echo "check-tsan: ThreadSanitizer reports:"; cat $$reports; exit 1; \
	fi
else
	@echo "make check-tsan: configure with --enable-tsan"; exit 1
endif
.PHONY: check-tsan
# The helper is the traced program, not our code: build it plainly, so that
# a sanitizer build does not add its own calls to what the tests count.
tests_helpers_h_tui_calls_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_tui_calls_LDFLAGS =

check_PROGRAMS += tests/helpers/h-tui-loop
tests_helpers_h_tui_loop_SOURCES = tests/helpers/h-tui-loop.c
tests_helpers_h_tui_loop_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_tui_loop_LDFLAGS =

check_PROGRAMS += tests/helpers/h-tui-deny
tests_helpers_h_tui_deny_SOURCES = tests/helpers/h-tui-deny.c
tests_helpers_h_tui_deny_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_tui_deny_LDFLAGS =

check_PROGRAMS += tests/helpers/h-phaselive
tests_helpers_h_phaselive_SOURCES = tests/helpers/h-phaselive.c
tests_helpers_h_phaselive_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_phaselive_LDFLAGS =

check_PROGRAMS += tests/helpers/h-tui-evlog
tests_helpers_h_tui_evlog_SOURCES = tests/helpers/h-tui-evlog.c
tests_helpers_h_tui_evlog_CFLAGS = $(WARN_CFLAGS)
tests_helpers_h_tui_evlog_LDFLAGS =
