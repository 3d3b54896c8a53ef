#!/bin/bash
# assets/runtime/measure.sh - measure the system calls a container runtime
# makes itself, after it loads the container's seccomp filter and before the
# program runs, and write them to assets/runtime/<runtime>.
#
# Usage: measure.sh [-b BUILDDIR] [-o OUTDIR] [-n] [RUNTIME]...
#   RUNTIME   runc, crun (default: both)
#   -b DIR    where sctui and tests/helpers/h-oci-{min,names} were built
#             (default: the source tree)
#   -o DIR    where to write the files (default: this script's directory)
#   -n        dry run: print the sets, write nothing
# Needs root, jq, util-linux and the runtimes.  Writes docker (= runc, which
# Docker runs) and podman (= crun, Podman's default runtime on Debian) too
# when it measured those.  Takes one to three minutes per runtime on 2 vCPUs.
#
# Method.  The runtime's own calls cannot simply be logged: SCMP_ACT_LOG
# is rate-limited by the kernel, SCMP_ACT_TRACE without a tracer is ENOSYS,
# and runc is a Go program whose other threads make calls at random times.
#  1. The program is tests/helpers/h-oci-min, which makes exactly one call
#     of its own, exit_group(42), without libc.  Its own set P is what
#     `sctui --batch -o` traces for it (execve, exit_group and the calls
#     sctui never denies: exit, restart_syscall, rt_sigreturn), minus
#     execve: inside a container the runtime, not the program, calls it.
#     A run "works" when the runtime exits 42: the container started and
#     the program ran, under a profile whose default is SCMP_ACT_ERRNO
#     (EPERM), as sctui writes it.  G is every name libseccomp knows on the
#     native arch (tests/helpers/h-oci-names); P + G must work, P must not.
#  2. Seen: the container runs 5 times under `strace -f` with all of G
#     allowed; the calls of the thread that loaded the filter (and of
#     threads it started after) from the load to its execve are "seen".
#  3. Extra (differential ablation): with P + seen fixed, names are dropped
#     from the rest of G in halving blocks while the run still works; a
#     single name that cannot go is needed although strace did not see it
#     (none so far).
#  4. Class: each name of seen + extra is denied alone, 3 runs: "always"
#     (3 of 3 failed), "sometimes" (1 or 2: timing-dependent, e.g. the Go
#     runtime's futex), "seen" (0: made, but its failure is tolerated).
#     Every class goes in the file: a profile that lacks a "sometimes" name
#     fails now and then, which is worse than always.
#  5. Soak: P + seen + extra must work 20 runs in a row.
#  6. Steps 2-5 run with process.noNewPrivileges true and false (Docker's
#     and Podman's default is false); the file is their union.
# Runtimes silently skip names their libseccomp does not know; this script
# only ever tries names libseccomp knows.

set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=$(cd "$here/../.." && pwd)
builddir=$top_srcdir
outdir=$here
dry=0
while getopts b:o:n opt; do
	case $opt in
	b) builddir=$(cd "$OPTARG" && pwd) || exit 2 ;;
	o) outdir=$OPTARG ;;
	n) dry=1 ;;
	*) echo "usage: $0 [-b BUILDDIR] [-o OUTDIR] [-n] [runc|crun]..." >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- runc crun

sctui=$builddir/sctui
hmin=$builddir/tests/helpers/h-oci-min
hnames=$builddir/tests/helpers/h-oci-names
for f in "$sctui" "$hmin" "$hnames"; do
	[ -x "$f" ] || { echo "$0: $f not built: run 'make check' (or" \
	    "make sctui tests/helpers/h-oci-min tests/helpers/h-oci-names)" >&2
	    exit 2; }
done

. "$top_srcdir/tests/lib/oci.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/sctui-measure.XXXXXX") || exit 2
trap 'oci_cleanup; rm -rf "$W"' EXIT
trap 'exit 130' INT TERM
oci_setup "$W/oci" || exit 2
runs=0

# The program's own set P.
"$sctui" --batch -q -o "$W/min.json" -- "$hmin"
[ $? = 42 ] || { echo "$0: sctui could not trace $hmin" >&2; exit 2; }
jq -r '.syscalls[] | select(.action == "SCMP_ACT_ALLOW") | .names[]' \
    "$W/min.json" | grep -vx execve | sort -u >"$W/P"
"$hnames" | sort -u | grep -vxF -f "$W/P" >"$W/G"

# The awk program that reads `strace -f` output: the calls each thread makes
# after it loads a filter, up to its execve; threads it starts inherit it.
cat >"$W/after.awk" <<'EOF'
{
	tid = $1
	rest = $0
	sub(/^[0-9]+ +/, "", rest)
}
rest ~ /^<\.\.\. [a-z0-9_]+ resumed>/ {
	name = rest
	sub(/^<\.\.\. /, "", name)
	sub(/ resumed>.*/, "", name)
	if ((tid in filt) && name ~ /^(clone|clone3|fork|vfork)$/ &&
	    match(rest, /= [0-9]+$/))
		filt[substr(rest, RSTART + 2)] = 1
	next
}
match(rest, /^[a-z0-9_]+\(/) {
	name = substr(rest, 1, RLENGTH - 1)
	if ((name == "prctl" && rest ~ /PR_SET_SECCOMP, SECCOMP_MODE_FILTER/) ||
	    (name == "seccomp" && rest ~ /SECCOMP_SET_MODE_FILTER/ &&
	    rest ~ /len=/)) {
		if (rest ~ /TSYNC/)
			print "measure.sh: filter loaded with TSYNC: " \
			    "other threads not followed" > "/dev/stderr"
		filt[tid] = 1
		next
	}
	if (!(tid in filt) || (tid in done))
		next
	print name
	if (name == "execve" || name == "execveat")
		done[tid] = 1
	if (name ~ /^(clone|clone3|fork|vfork)$/ && match(rest, /= [0-9]+$/))
		filt[substr(rest, RSTART + 2)] = 1
}
EOF

# works RUNTIME NNP FILE...: does the container run with P + the names of
# FILE...?
works() {
	local rt=$1 nnp=$2
	shift 2
	runs=$((runs + 1))
	# shellcheck disable=SC2046
	oci_seccomp_names SCMP_ACT_ERRNO "$W/try.json" \
	    $(sort -u "$W/P" "$@") || exit 2
	oci_bundle "$W/bundle" --nnp "$nnp" --seccomp "$W/try.json" \
	    -- "$hmin" || exit 2
	oci_run "$rt" "$W/bundle" 30
	case $? in
	42) return 0 ;;
	124) echo "$0: $rt timed out (a name that hangs it?)" >&2; return 1 ;;
	*) return 1 ;;
	esac
}

# ablate RUNTIME NNP BLOCKFILE: drop what of BLOCKFILE $W/keep can lose,
# with $W/fixed always allowed.
ablate() {
	local n half
	n=$(wc -l <"$3")
	[ "$n" -gt 0 ] || return 0
	grep -vxF -f "$3" "$W/keep" >"$W/cand.$n" || true
	if works "$1" "$2" "$W/fixed" "$W/cand.$n"; then
		mv "$W/cand.$n" "$W/keep"
		return 0
	fi
	[ "$n" -gt 1 ] || return 0
	half=$((n / 2))
	head -n "$half" "$3" >"$3.a"
	tail -n +"$((half + 1))" "$3" >"$3.b"
	ablate "$1" "$2" "$3.a"
	ablate "$1" "$2" "$3.b"
}

# measure RUNTIME NNP: writes $W/RUNTIME.NNP, lines "name class".
measure() {
	local rt=$1 nnp=$2 name i fails
	: >"$W/empty"
	works "$rt" "$nnp" "$W/G" || {
		echo "$0: $rt does not run $hmin even with every call" \
		    "allowed (nnp $nnp):" >&2
		cat "$W/bundle/stderr" >&2
		exit 1
	}
	if works "$rt" "$nnp" "$W/empty"; then
		echo "$0: $rt ($nnp): works with nothing added" >&2
		: >"$W/$rt.$nnp"
		return 0
	fi
	# 2. seen
	: >"$W/seen"
	for i in 1 2 3 4 5; do
		OCI_WRAP="strace -f -qq -e signal=none -o $W/strace.out"
		works "$rt" "$nnp" "$W/G" || {
			OCI_WRAP=
			echo "$0: $rt under strace failed (nnp $nnp):" >&2
			cat "$W/bundle/stderr" >&2
			exit 1
		}
		OCI_WRAP=
		awk -f "$W/after.awk" "$W/strace.out" >>"$W/seen"
	done
	sort -u "$W/seen" | grep -vxF -f "$W/P" >"$W/fixed" || true
	[ -s "$W/fixed" ] || { echo "$0: $rt ($nnp): strace saw no filter" \
	    "load: is this runc or crun?" >&2; exit 1; }
	# 3. extra
	grep -vxF -f "$W/fixed" "$W/G" >"$W/keep"
	cp "$W/keep" "$W/block"
	ablate "$rt" "$nnp" "$W/block"
	sort -u "$W/fixed" "$W/keep" >"$W/all"
	# 4. class
	: >"$W/$rt.$nnp"
	for name in $(cat "$W/all"); do
		grep -vxF "$name" "$W/all" >"$W/one" || true
		fails=0
		for i in 1 2 3; do
			works "$rt" "$nnp" "$W/one" || fails=$((fails + 1))
		done
		if grep -qxF "$name" "$W/keep"; then
			echo "$name extra"
		elif [ $fails = 3 ]; then
			echo "$name always"
		elif [ $fails = 0 ]; then
			echo "$name seen"
		else
			echo "$name sometimes"
		fi >>"$W/$rt.$nnp"
	done
	# 5. soak
	for i in $(seq 20); do
		works "$rt" "$nnp" "$W/all" || {
			echo "$0: $rt ($nnp): the final set failed on run $i:" >&2
			cat "$W/bundle/stderr" >&2
			exit 1; }
	done
}

version() {
	case $1 in
	runc) runc --version | sed -n '1p;s/^libseccomp: /libseccomp /p' |
	    paste -sd ' ' ;;
	crun) crun --version | head -n 1 ;;
	esac
}

# names FILE [CLASS]: the names of a $W/RUNTIME.NNP file, on one line.
names() {
	awk -v c="${2:-}" 'c == "" || $2 == c { print $1 }' "$1" |
	    paste -sd ' '
}

# write NAME SOURCE-RUNTIME NOTE: the asset file from $W/SOURCE.{true,false}.
write() {
	local f=$outdir/$1 src=$2 nnp c
	{
		echo "# $1: system calls the container runtime makes itself after"
		echo "# it loads the container's seccomp filter and before the"
		echo "# program runs.  sctui adds them to a profile for --runtime $1."
		[ -n "$3" ] && echo "# $3"
		echo "#"
		echo "# Measured $(date -u +%Y-%m-%d) by assets/runtime/measure.sh"
		echo "# ($runs container runs) with $(version "$src"),"
		echo "# Linux $(uname -r) $(uname -m), $(. /etc/os-release &&
		    echo "$PRETTY_NAME"), as root."
		echo "# Method (details in measure.sh): a program that only calls"
		echo "# exit_group runs in the container under a profile allowing"
		echo "# what sctui traces for it plus a candidate set, default"
		echo "# SCMP_ACT_ERRNO.  Candidates: the calls strace -f saw the"
		echo "# runtime make between its filter load and the execve (5 runs),"
		echo "# plus any name an ablation over every other libseccomp name"
		echo "# found needed (\"extra\").  Each candidate denied alone, 3 runs:"
		echo "# always = 3 failed, sometimes = 1-2 (timing), seen = 0."
		echo "# The final set then passed 20 runs in a row.  Done with"
		echo "# noNewPrivileges true and false; this file is their union."
		echo "#"
		for nnp in true false; do
			echo "# noNewPrivileges $nnp:"
			for c in always sometimes seen extra; do
				echo "#   $c: $(names "$W/$src.$nnp" $c)"
			done
		done
		cat "$W/$src.true" "$W/$src.false" | awk '{ print $1 }' |
		    sort -u
	} >"$W/out"
	if [ $dry = 1 ]; then
		cat "$W/out"
	else
		mv "$W/out" "$f" && echo "$0: wrote $f"
	fi
}

for rt in "$@"; do
	oci_have "$rt" || { echo "$0: $rt not found: apt-get install $rt" >&2
		exit 2; }
	runs=0
	for nnp in true false; do
		measure "$rt" "$nnp"
		echo "$0: $rt noNewPrivileges $nnp: $(names "$W/$rt.$nnp")" \
		    "($runs runs so far)" >&2
	done
	write "$rt" "$rt" ""
	case $rt in
	runc) write docker runc "Docker runs runc: this is runc's set." ;;
	crun) write podman crun "Podman 4 runs crun by default: this is crun's set (podman was not installed)." ;;
	esac
done
