# tests/lib/init.sh - sourced by every *.test script.
#
# Gives: $SCTUI, $HELPERS, a private $TMPDIR that is removed at exit, and
#   fail MSG       print MSG, exit 1
#   skip MSG       print MSG, exit 77 (only where a capability is absent)
#   wait_for N CMD poll CMD until it succeeds, at most N seconds; 1 if never
#   cleanup_add CMD  run CMD (eval'd) at exit, last added first
# Tests wait by polling with a bound, never with a bare sleep.

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${SCTUI:=$top_builddir/sctui}"
HELPERS=$top_builddir/tests/helpers
ME=$(basename "$0" .test)

fail() { echo "FAIL: $ME: $*" >&2; exit 1; }
skip() { echo "SKIP: $ME: $*" >&2; exit 77; }

_cleanups=""
cleanup_add() { _cleanups="$1
$_cleanups"; }
_run_cleanups() {
	local rc=$?
	set +e
	printf '%s\n' "$_cleanups" | while IFS= read -r c; do
		[ -n "$c" ] && eval "$c" >/dev/null 2>&1
	done
	rm -rf "$T"
	exit $rc
}
T=$(mktemp -d "${TMPDIR:-/tmp}/sctui-$ME.XXXXXX") || exit 99
trap _run_cleanups EXIT
trap 'exit 130' INT TERM

# wait_for SECONDS CMD...: run CMD every 20 ms until it succeeds.
wait_for() {
	local limit=$1 i=0
	shift
	while ! "$@"; do
		i=$((i + 1))
		[ $i -ge $((limit * 50)) ] && return 1
		sleep 0.02
	done
	return 0
}

# The count of syscall NAME in a --stats file, over all processes.
stat_count() {	# FILE NAME [PHASE: total|startup|serving|shutdown]
	local col=5
	case "${3:-total}" in
	total) col=4 ;; startup) col=5 ;; serving) col=6 ;; shutdown) col=7 ;;
	esac
	awk -F '\t' -v n="$2" -v c="$col" \
	    '$1 == "sys" && $3 == n { s += $c } END { print s + 0 }' "$1"
}

# Is ptrace allowed here?  CI has it; elsewhere a test may skip.
need_ptrace() {
	"$SCTUI" --batch -q -- true 2>"$T/ptrace.err" && return 0
	grep -q 'ptrace' "$T/ptrace.err" && skip "ptrace not allowed: $(cat "$T/ptrace.err")"
	fail "sctui cannot trace /bin/true: $(cat "$T/ptrace.err")"
}

[ -x "$SCTUI" ] || { echo "no sctui binary at $SCTUI" >&2; exit 99; }
