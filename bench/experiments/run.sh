#!/bin/bash
# bench/experiments/run.sh - the wake-up experiments of doc/performance.md:
# x-tracer's ways of waiting for a stop, side by side with sctui, on the
# syscall-loop workloads.  `make bench-experiments` runs it.  Not a test.
#
# Environment: X_RUNS=5 (interleaved; medians shown), X_CALLS=100000 (loop
# and threads), X_FORKS=20 X_FORK_CALLS=5000, X_WORKLOADS="loop fork threads",
# X_VARIANTS (names below), BENCH_BUILDDIR, SCTUI, SCTUI_BASE (another sctui
# build, for sctui-profile-base: an A/B of two builds in the same run).
set -u
: "${BENCH_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${BENCH_BUILDDIR:=$BENCH_SRCDIR}"
: "${SCTUI:=$BENCH_BUILDDIR/sctui}"
: "${X_RUNS:=5}"
: "${X_CALLS:=100000}"
: "${X_FORKS:=20}"
: "${X_FORK_CALLS:=5000}"
: "${X_WORKLOADS:=loop fork threads}"
: "${X_VARIANTS:=untraced sctui poll block spin5 spin20 spin100 follow1 follow64 pin-tracer spin20+follow64 pin-both}"
B=$BENCH_BUILDDIR/bench
X=$B/experiments/x-tracer
for p in "$B/b-run" "$B/b-loop" "$B/b-fork" "$B/b-threads" "$X" "$SCTUI"; do
	[ -x "$p" ] || { echo "x: $p missing: make bench-experiments builds it" >&2; exit 1; }
done
case " $X_VARIANTS " in *" sctui-profile-base "*)
	[ -x "${SCTUI_BASE:-}" ] ||
	    { echo "x: sctui-profile-base needs SCTUI_BASE, an sctui binary" >&2; exit 1; } ;;
esac
T=$(mktemp -d "${TMPDIR:-/tmp}/sctui-x.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

prefix() {
	case $1 in
	untraced) ;;
	sctui)	printf '%s\n' "$SCTUI" --batch -q -- ;;
	poll)	printf '%s\n' "$X" -- ;;
	block)	printf '%s\n' "$X" -b -- ;;
	spin*+follow*) v=${1#spin}; printf '%s\n' "$X" -s "${v%%+*}" -f "${1##*follow}" -- ;;
	spin*)	printf '%s\n' "$X" -s "${1#spin}" -- ;;
	follow*) printf '%s\n' "$X" -f "${1#follow}" -- ;;
	pin-tracer) printf '%s\n' "$X" -a 0 -- ;;
	pin-both) printf '%s\n' "$X" -P -- ;;
	notify)	printf '%s\n' "$X" -n -- ;;
	notify-sync) printf '%s\n' "$X" -n -S -p -- ;;
	notify-pin-both) printf '%s\n' "$X" -P -n -- ;;
	sctui-pin-both) printf '%s\n' taskset -c 0 "$SCTUI" --batch -q -- ;;
	sctui-profile) printf '%s\n' "$SCTUI" --batch -q --profile="$T/profile.json" -- ;;
	sctui-profile-base) printf '%s\n' "$SCTUI_BASE" --batch -q \
	    --profile="$T/profile.json" -- ;;
	sctui-profile-nosync) printf '%s\n' env SCTUI_TEST_NOTIFY_REFUSED=1 \
	    "$SCTUI" --batch -q --profile="$T/profile.json" -- ;;
	esac
}
cmd() {
	case $1 in
	loop)	printf '%s\n' "$B/b-loop" "$X_CALLS" ;;
	fork)	printf '%s\n' "$B/b-fork" "$X_FORKS" "$X_FORK_CALLS" ;;
	threads) printf '%s\n' "$B/b-threads" 8 "$X_CALLS" ;;
	esac
}
calls() {
	case $1 in
	loop|threads) echo "$X_CALLS" ;;
	fork)	echo $((X_FORKS * X_FORK_CALLS)) ;;
	esac
}

# sctui-profile*: a profile that lacks getppid (b-loop's start-up only, and
# no runtime's calls: runc's include getppid), so every getppid is a
# notification; -nosync has the kernel refuse the sync wake-up flag
# (sctui's test knob), as a kernel before 6.6 does.
case " $X_VARIANTS " in *" sctui-profile"*)
	"$SCTUI" --batch -q --runtime none -o "$T/profile.json" -- "$B/b-loop" 0 \
	    >/dev/null 2>&1 </dev/null ||
	    { echo "x: cannot make the profile for sctui-profile" >&2; exit 1; }
esac
RAW=$T/raw
for run in $(seq 1 "$X_RUNS"); do
	for w in $X_WORKLOADS; do
		for v in $X_VARIANTS; do
			mapfile -t pre < <(prefix "$v")
			mapfile -t c < <(cmd "$w")
			"$B/b-run" time -o "$T/res" -- "${pre[@]}" "${c[@]}" \
			    >/dev/null 2>&1 </dev/null
			printf '%s %s %s\n' "$w" "$v" \
			    "$(tail -n 1 "$T/res" | sed 's/[a-z_]*=//g')" >>"$RAW"
			rm -f "$T/res"
		done
	done
done
echo "x-tracer experiments, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $X_RUNS interleaved (medians); loop/threads $X_CALLS calls, fork $X_FORKS x $X_FORK_CALLS"
for w in $X_WORKLOADS; do echo "$w $(calls "$w")"; done | cat - "$RAW" | awk -v variants="$X_VARIANTS" -v workloads="$X_WORKLOADS" '
function median(s,   n, a, i, j, t) {
	n = split(s, a, " ")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) {
			t = a[j]; a[j] = a[j-1]; a[j-1] = t
		}
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
NF == 2 { calls[$1] = $2; next }
$6 == 0 { v[$1, $2] = v[$1, $2] " " $3 }
$6 != 0 { bad[$1, $2]++ }
END {
	nv = split(variants, vl, " "); nw = split(workloads, wl, " ")
	printf "%-18s", "us added per call"
	for (i = 1; i <= nw; i++) printf " %10s %8s", wl[i], "vs poll"
	printf "\n"
	for (j = 1; j <= nv; j++) {
		printf "%-18s", vl[j]
		for (i = 1; i <= nw; i++) {
			w = wl[i]; base = median(v[w, "untraced"])
			poll = median(v[w, "poll"]) - base
			m = median(v[w, vl[j]])
			if (v[w, vl[j]] == "") { printf " %10s %8s", "failed", "-"; continue }
			if (vl[j] == "untraced")
				printf " %10.3f %8s", m / calls[w] / 1e3, "-"
			else
				printf " %10.2f %7.2fx", (m - base) / calls[w] / 1e3, (m - base) / poll
		}
		printf "%s\n", (bad[wl[1], vl[j]] ? "  (some runs failed)" : "")
	}
	print "untraced: us per call of the whole program; others: (median - untraced median) / calls."
}'
