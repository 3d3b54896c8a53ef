#!/bin/sh
# valgrind-sctui.sh - $VG_SCTUI under memcheck, in place of sctui for the
# tests that `make valgrind` runs (tests/fault/local.mk).  exec keeps the
# pid, so tests that signal "sctui" signal it.  valgrind cannot load a
# seccomp filter (syscall 317 is unhandled in 3.19), so under it sctui
# always takes the PTRACE_SYSCALL fallback.
exec valgrind --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --child-silent-after-fork=yes --log-file="$VG_LOGDIR/sctui.%p.log" \
    "$VG_SCTUI" "$@"
