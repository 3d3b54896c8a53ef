# tests/e2e/phases-lib.sh - a server traced twice, for tests/e2e/phases-*.test:
# in the fast path, then under --profile with a profile from that first
# run less bind, listen and accept4 (so that only those are reported, and
# the server's waiting calls are allowed: only the sampler sees it wait).
# Sourced after tests/lib/init.sh.
#
#   phases_start NAME N [SCTUI OPTION]... -- COMMAND...
#                       trace COMMAND in batch mode (--stats $T/NAME.tsv,
#                       the event log in $T/NAME.err), then wait (bounded)
#                       until N processes were found waiting in a waiting
#                       call since their last bind or listen: they serve,
#                       and traffic sent now lands in serving
#   phases_stop NAME RC stop the trace (SIGINT to sctui: the stop signal to
#                       the command) and check that sctui exits RC
#   phases_profile NAME make $T/NAME.json, the first run's profile
#                       ($T/NAME.out.json) less bind, listen and accept4
#   phases_only NAME CALL PHASE [COUNT]
#                       every CALL in $T/NAME.tsv was in PHASE, COUNT of
#                       them (default: at least one)

command -v jq >/dev/null || fail "jq not found: apt-get install jq"

# "kind:nr" of the waiting and set-up calls, on this machine's arch.
PHASES_NRS=$("$HELPERS/h-sysnr" | awk '{ printf "%s:%s ", $1, $3 }')

# _phases_serving ERRFILE N: N processes waited since their last set-up call.
_phases_serving() {
	[ -f "$1" ] || return 1
	awk -v n="$2" -v nrs="$PHASES_NRS" '
	BEGIN {
		split(nrs, a, " ")
		for (i in a) { split(a[i], b, ":"); kind[b[2]] = b[1] }
	}
	$1 == "ev" {
		k = $2; sub("kind=", "", k)
		tg = $4; sub("tgid=", "", tg)
		nr = $6; sub("nr=", "", nr)
		if (k == 1 && kind[nr] == "setup") ok[tg] = 0
		else if (k == 9 && kind[nr] == "wait") ok[tg] = 1
	}
	END { c = 0; for (t in ok) c += ok[t]; exit !(c >= n) }' "$1"
}

phases_start() {
	local name=$1 n=$2
	shift 2
	SCTUI_DEBUG_EVENTS=1 "$SCTUI" --batch -q --stats "$T/$name.tsv" \
	    "$@" >"$T/$name.stdout" 2>"$T/$name.err" &
	PHASES_PID=$!
	cleanup_add "kill -9 $PHASES_PID"
	wait_for 60 _phases_serving "$T/$name.err" "$n" ||
	    fail "$name: $n processes never seen waiting: $(grep -v '^ev ' "$T/$name.err" | tail -5)"
}

phases_stop() {
	local rc
	kill -INT "$PHASES_PID"
	wait "$PHASES_PID"
	rc=$?
	[ "$rc" = "$2" ] || fail "$1: sctui exited $rc, not $2: $(grep -v '^ev ' "$T/$1.err" | tail -5)"
}

phases_profile() {
	jq '.syscalls |= map(.names -= ["bind", "listen", "accept4"] |
	    select(.names | length > 0))' "$T/$1.out.json" >"$T/$1.json" ||
	    fail "$1: cannot edit the profile"
	for c in bind listen accept4; do
		grep -q "\"$c\"" "$T/$1.json" && fail "$1: $c left in the profile"
	done
	grep -q '"epoll_wait"\|"poll"\|"epoll_pwait"' "$T/$1.json" ||
	    fail "$1: the profile allows no waiting call: $(cat "$T/$1.json")"
	return 0
}

phases_only() {
	local name=$1 call=$2 ph=$3 want=${4:-} got total
	got=$(stat_count "$T/$name.tsv" "$call" "$ph")
	total=$(stat_count "$T/$name.tsv" "$call")
	[ "$got" = "$total" ] ||
	    fail "$name: $call in $ph $got times of $total: $(grep "	$call	" "$T/$name.tsv")"
	if [ -n "$want" ]; then
		[ "$got" = "$want" ] || fail "$name: $call in $ph $got times, not $want"
	else
		[ "$got" -ge 1 ] || fail "$name: no $call"
	fi
}
