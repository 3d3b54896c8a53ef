#!/bin/bash
# bench/experiments/returns.sh - what the event log's return values cost
# the fast path: b-loop untraced, under `sctui --batch` as it is, and with
# SCTUI_RETURNS=1 (each call also followed to its exit stop, as while the
# log is shown), interleaved; prints the median microseconds each call
# takes.  Not a test; build b-loop first (`make bench/b-loop`).
#
# Environment: R_RUNS=5, R_CALLS=100000, BENCH_BUILDDIR, SCTUI.
set -u
: "${BENCH_BUILDDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${SCTUI:=$BENCH_BUILDDIR/sctui}"
: "${R_RUNS:=5}"
: "${R_CALLS:=100000}"
LOOP=$BENCH_BUILDDIR/bench/b-loop
for p in "$LOOP" "$SCTUI"; do
	[ -x "$p" ] || { echo "returns: $p missing" >&2; exit 1; }
done

# run VARIANT: nanoseconds the whole run took.
run() {
	local t0 t1
	t0=$(date +%s%N)
	case $1 in
	untraced) "$LOOP" "$R_CALLS" ;;
	off) "$SCTUI" --batch -q -- "$LOOP" "$R_CALLS" >/dev/null ;;
	on) SCTUI_RETURNS=1 "$SCTUI" --batch -q -- "$LOOP" "$R_CALLS" \
	    >/dev/null ;;
	esac || { echo "returns: $1 failed" >&2; exit 1; }
	t1=$(date +%s%N)
	echo $((t1 - t0))
}

declare -A all
for ((i = 0; i < R_RUNS; i++)); do
	for v in untraced off on; do
		all[$v]="${all[$v]:-} $(run $v)"
	done
done
for v in untraced off on; do
	med=$(printf '%s\n' ${all[$v]} | sort -n | awk '{ a[NR] = $1 }
	    END { print a[int((NR + 1) / 2)] }')
	awk -v v="$v" -v ns="$med" -v n="$R_CALLS" 'BEGIN {
	    printf "%-9s %8.2f us a call (median of the runs)\n", v,
	    ns / n / 1000 }'
done
