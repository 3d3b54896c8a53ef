#!/bin/bash
# bench/run.sh - sctui's benchmarks: every workload under every tracer, side
# by side in one run, summed up in one table.  `make bench` runs it.
#
# Environment (all optional):
#   BENCH_RUNS=3            runs of each (workload, tracer); the table shows
#                           medians.  The runs are interleaved (run 1 of
#                           every pair, then run 2...) so that noise from
#                           other work on the machine spreads evenly.
#   BENCH_WORKLOADS="loop fork threads tree nginx start"   which rows to
#                           run (start: the start-up of a real program,
#                           /usr/bin/python3 -c 'import http.server', which
#                           ends by itself: its wall time is its start-up,
#                           and every call in it is a first occurrence or
#                           follows one)
#   BENCH_TRACERS="untraced strace strace-c sctui sctui-stacks
#                  sctui-noseccomp sctui-profile sctui-ui enforce
#                  enforce-phases"
#                           which columns to run (sctui-stacks: the fast
#                           path with --stacks, where only each call's
#                           first occurrence pays; sctui-stacks-process:
#                           --stacks=process; enforce and
#                           enforce-phases: sctui --enforce, and with
#                           --phases, of the same profile as
#                           sctui-profile)
#                           (also x, x-n, x-P-n-S-p...: the experiment
#                           bench/experiments/x-tracer with those options,
#                           a number going with its letter: x-s20 is -s 20;
#                           `make bench-experiments` builds it), and
#                           sctui-base: another sctui build's fast path,
#                           for A/B in the same run (BENCH_SCTUI_BASE)
#   BENCH_CALLS=2000000     calls in loop and threads
#   BENCH_FORKS=200 BENCH_FORK_CALLS=10000   children and calls per child
#   BENCH_THREADS=8         threads
#   BENCH_TREE_N=10000      processes (/bin/true) in the tree
#   BENCH_NGINX_SECS=10     wrk duration (2 threads, 50 connections)
#   BENCH_TIMEOUT=3600      seconds one measurement may take; then the
#                           tracer gets SIGTERM (SIGKILL 10 s later) and the
#                           run counts as failed (status 124)
#   BENCH_KEYS=9            key presses timed under a flood, per run (with
#                           sctui-ui; 0: none).  See key_latency below.
#   BENCH_KEY_FLOOD=100000000  b-loop's calls during them (it is stopped
#                           after the last press)
#   BENCH_RESULTS=DIR       where latest.txt and the raw TSV go
#   SCTUI=PATH              the sctui binary (default: ./sctui)
#   BENCH_SCTUI_BASE=PATH   the sctui binary of the sctui-base column
#
# Writes RESULTS/latest.txt (the table) and RESULTS/raw-*.tsv (every run).
# `run.sh --table RAW.tsv` prints the table of an earlier (or partial) run
# again without measuring anything.
# There are no pass/fail limits here: this measures, it does not judge.
set -u

: "${BENCH_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${BENCH_BUILDDIR:=$BENCH_SRCDIR}"
: "${SCTUI:=$BENCH_BUILDDIR/sctui}"
: "${BENCH_RUNS:=3}"
: "${BENCH_WORKLOADS:=loop fork threads tree nginx start}"
: "${BENCH_TRACERS:=untraced strace strace-c sctui sctui-stacks sctui-noseccomp sctui-profile sctui-ui enforce enforce-phases}"
: "${BENCH_CALLS:=2000000}"
: "${BENCH_FORKS:=200}"
: "${BENCH_FORK_CALLS:=10000}"
: "${BENCH_THREADS:=8}"
: "${BENCH_TREE_N:=10000}"
: "${BENCH_NGINX_SECS:=10}"
: "${BENCH_RESULTS:=$BENCH_BUILDDIR/bench/results}"
: "${BENCH_TIMEOUT:=3600}"
: "${BENCH_KEYS:=9}"
: "${BENCH_KEY_FLOOD:=100000000}"

B=$BENCH_BUILDDIR/bench
RUN=$B/b-run
NA="n/a (not built yet)"

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

for p in b-run b-loop b-fork b-threads; do
	[ -x "$B/$p" ] || die "$B/$p is missing: run 'make bench', which builds it"
done
[ -x "$SCTUI" ] || die "no sctui at $SCTUI: run 'make' first"
case "$BENCH_RUNS" in ''|*[!0-9]*|0) die "BENCH_RUNS must be a positive integer" ;; esac
case "$BENCH_KEYS" in ''|*[!0-9]*) die "BENCH_KEYS must be a number (0: no key timing)" ;; esac

# The test library's $T (a private temp dir removed at exit), cleanup_add
# and bounded wait_for; its own SCTUI check is done above with a clearer
# message.
top_srcdir=$BENCH_SRCDIR top_builddir=$BENCH_BUILDDIR
. "$BENCH_SRCDIR/tests/lib/init.sh" || die "cannot read tests/lib/init.sh"
chmod 711 "$T"	# nginx's workers run as nobody and must reach html/
TMUX_SOCK=sctui-bench$$
bench_cleanup() {
	local p
	for p in $(cat "$T"/*/nginx.pid 2>/dev/null); do
		[ "$p" -gt 1 ] 2>/dev/null && kill -KILL "$p" 2>/dev/null
	done
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
}
cleanup_add bench_cleanup
mkdir -p "$BENCH_RESULTS" || die "cannot create $BENCH_RESULTS"

# ---- what is available ------------------------------------------------

have() { command -v "$1" >/dev/null 2>&1; }

tracer_missing() {	# TRACER: empty if it can run, else why not
	case $1 in
	strace|strace-c)
		have strace || echo "strace not installed (apt-get install strace)" ;;
	sctui-profile)
		"$SCTUI" --help 2>/dev/null | grep -q -- '--profile' ||
		    echo "$NA" ;;
	enforce-phases)
		"$SCTUI" --help 2>/dev/null | grep -q -- '--phases' ||
		    echo "$NA" ;;
	sctui-stacks|sctui-stacks-process)
		"$SCTUI" --batch -q --stacks -- true 2>/dev/null ||
		    echo "this sctui has no --stacks (built without libdw?)" ;;
	sctui-base)
		[ -x "${BENCH_SCTUI_BASE:-}" ] ||
		    echo "BENCH_SCTUI_BASE is not an sctui binary" ;;
	x|x-*)
		[ -x "$B/experiments/x-tracer" ] ||
		    echo "bench/experiments/x-tracer not built (make bench-experiments)" ;;
	sctui-ui)
		# The UI exists once sctui draws with curses.
		if ! nm -D "$SCTUI" 2>/dev/null | grep -Eq ' U (initscr|newterm)'; then
			echo "$NA"
		elif ! have tmux; then
			echo "tmux not installed (apt-get install tmux)"
		fi ;;
	esac
}

workload_missing() {	# WORKLOAD
	case $1 in
	nginx)
		have nginx || { echo "nginx not installed (apt-get install nginx-light)"; return; }
		have wrk || echo "wrk not installed (apt-get install wrk)" ;;
	start)
		[ -x /usr/bin/python3 ] ||
		    echo "python3 not installed (apt-get install python3)" ;;
	esac
}

# ---- workloads --------------------------------------------------------

workload_cmd() {	# WORKLOAD [small]: the command line, one word a line
	local small=${2:-}
	# size SMALL FULL: SMALL for the profile-making run, else FULL
	size() { if [ -n "$small" ]; then echo "$1"; else echo "$2"; fi; }
	case $1 in
	loop)	echo "$B/b-loop"; size 1000 "$BENCH_CALLS" ;;
	fork)	echo "$B/b-fork"; size 2 "$BENCH_FORKS"
		size 1000 "$BENCH_FORK_CALLS" ;;
	threads) echo "$B/b-threads"; echo "$BENCH_THREADS"
		size 8000 "$BENCH_CALLS" ;;
	tree)	echo /bin/sh; echo -c
		echo 'i=0; while [ $i -lt "$1" ]; do /bin/true; i=$((i + 1)); done'
		echo sh; size 10 "$BENCH_TREE_N" ;;
	# Debian's, not a version manager's shim (a shell script that execs
	# more programs, each with first occurrences of its own).
	start)	printf '%s\n' /usr/bin/python3 -c 'import http.server' ;;
	esac
}

# The work each row's "added" column divides by.
workload_units() {
	case $1 in
	loop|threads) echo "$BENCH_CALLS call" ;;
	fork)	echo "$((BENCH_FORKS * BENCH_FORK_CALLS)) call" ;;
	tree)	echo "$BENCH_TREE_N proc" ;;
	start)	echo "1 start" ;;
	nginx)	echo "0 -" ;;
	esac
}

tracer_prefix() {	# TRACER WORKLOAD: the tracer's words, one a line
	case $1 in
	untraced) ;;
	strace)	printf '%s\n' strace -f -qq -o /dev/null ;;
	strace-c) printf '%s\n' strace -f -c -o /dev/null ;;
	sctui)	printf '%s\n' "$SCTUI" --batch -q ;;
	sctui-base) printf '%s\n' "$BENCH_SCTUI_BASE" --batch -q ;;
	sctui-stacks) printf '%s\n' "$SCTUI" --batch -q --stacks ;;
	sctui-stacks-process) printf '%s\n' "$SCTUI" --batch -q --stacks=process ;;
	sctui-noseccomp) printf '%s\n' "$SCTUI" --batch -q --no-seccomp ;;
	sctui-profile) printf '%s\n' "$SCTUI" --batch -q --profile="$T/$2.profile.json" ;;
	sctui-ui) echo "$SCTUI" ;;
	enforce) printf '%s\n' "$SCTUI" --enforce="$T/$2.profile.json" ;;
	enforce-phases) printf '%s\n' "$SCTUI" --enforce="$T/$2.profile.json" \
		--phases ;;
	x|x-*)	echo "$B/experiments/x-tracer"
		for o in $(echo "${1#x}" | tr '-' ' '); do
			echo "-${o%%[0-9]*}"
			case $o in *[0-9]) echo "${o#?}" ;; esac
		done
		echo -- ;;
	esac
	# sctui's own count of processes, checked for the tree.  Not from a
	# complete profile: under user notification a process that makes no
	# call the profile lacks is, by design, never seen.
	case $1 in sctui|sctui-base|sctui-stacks*|sctui-noseccomp)
		[ "$2" = tree ] && echo "--stats=$T/stats.tsv" ;;
	esac
	case $1 in sctui*|enforce*) echo -- ;; esac
}

# A profile for sctui-profile and the enforce columns: sctui's own, from a
# small run of the workload.
make_profile() {	# WORKLOAD
	local -a cmd
	mapfile -t cmd < <(workload_cmd "$1" small)
	if [ "$1" = nginx ]; then
		BENCH_NGINX_SECS=1 nginx_run "$T/profile.done" "$SCTUI" \
		    --batch -q -o "$T/$1.profile.json" -- >/dev/null 2>&1
	else
		"$SCTUI" --batch -q -o "$T/$1.profile.json" -- "${cmd[@]}" \
		    >/dev/null 2>&1
	fi
}

# ---- one measurement --------------------------------------------------

TABLE_ONLY=
if [ "${1:-}" = --table ]; then
	TABLE_ONLY=$2
	RAW=$2
	[ -r "$RAW" ] || die "cannot read $RAW"
else
	RAW=$BENCH_RESULTS/raw-$(date -u +%Y%m%dT%H%M%SZ).tsv
	printf 'workload\ttracer\trun\twall_ns\thwm_kb\tmaxrss_kb\tstatus\treq_s\tprocs\n' >"$RAW"
fi

record() {	# WORKLOAD TRACER RUN RESULTFILE REQ_S PROCS
	local wall hwm maxrss status
	if [ ! -s "$4" ]; then
		note "$1 under $2, run $3: no result"
		printf '%s\t%s\t%s\t-\t-\t-\tlost\t%s\t%s\n' "$1" "$2" "$3" "$5" "$6" >>"$RAW"
		return
	fi
	read -r wall hwm maxrss status <<<"$(tail -n 1 "$4" | sed 's/[a-z_]*=//g')"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$wall" \
	    "$hwm" "$maxrss" "$status" "$5" "$6" >>"$RAW"
	case $status in
	0) ;;
	124) note "$1 under $2, run $3: timed out after $BENCH_TIMEOUT s" ;;
	*) note "$1 under $2, run $3: exit status $status" ;;
	esac
}

# quiet_wait SECONDS FILE: wait until FILE is non-empty, polling 5 times a
# second without starting a process.  Used while a measurement runs:
# wait_for's `sleep 0.02` is 50 process starts a second, and those alone
# made the UI cells of the multi-process rows 1.2x-1.4x slower than batch
# (whose runs the script waits for without polling) on this 2-CPU machine.
# read -t on a FIFO that nobody writes is bash's own timed sleep.
quiet_wait() {
	local limit=$(($1 * 5)) i=0
	[ -p "$T/quiet.fifo" ] || mkfifo "$T/quiet.fifo" || return 1
	[ -n "${QUIET_FD:-}" ] || exec {QUIET_FD}<>"$T/quiet.fifo"
	while [ ! -s "$2" ]; do
		i=$((i + 1))
		[ $i -gt $limit ] && return 1
		read -r -t 0.2 -u "$QUIET_FD" _
	done
	return 0
}

# tmux on the benchmark's own server.
tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
# SESSION TEXT: the pane shows TEXT (a fixed string).
pane_has() { tm capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2"; }
pane_gone() { ! tm has-session -t "$1" 2>/dev/null; }

# Run "$@" in a tmux pane of its own; return when it is gone.  For the UI,
# whose command ends before the UI does: DONE is the file that says the
# traced command has finished (non-empty).  The UI is asked to quit only
# once its header says the program exited, i.e. once it has taken in every
# event; a q sent before that would ask whether to stop the program.  If
# it will not go, the session is killed, the run fails and this says why.
# Each call gets a session of its own, so one that failed cannot block the
# next ("duplicate session").
in_tmux() {	# DONE LIMIT CMD...
	local done=$1 limit=$2 s=ui$BASHPID-$RANDOM
	shift 2
	tm new-session -d -s "$s" -x 160 -y 48 "$(printf '%q ' "$@")" ||
	    return 1
	quiet_wait "$limit" "$done" ||
	    note "in tmux: the command did not finish in $limit s"
	if wait_for 120 pane_has "$s" ']  exited ('; then
		tm send-keys -t "$s" q 2>/dev/null
		wait_for 20 pane_gone "$s" && return 0
		note "in tmux: the UI did not quit on q: $(tm capture-pane -p -t "$s" | grep . | tail -n 2)"
	elif ! pane_gone "$s"; then
		note "in tmux: the UI never showed the program's end: $(tm capture-pane -p -t "$s" | head -n 2)"
	fi
	tm kill-session -t "$s" 2>/dev/null
	return 1
}

# nginx under a tracer: start it, load it with wrk, stop it (SIGQUIT to the
# master, whose pid comes from its own pid file, never <= 1).  Prints wrk's
# requests per second.  "$@" is the tracer prefix, possibly a b-run.
nginx_run() {	# DONEFILE PREFIX...
	local done=$1 d port pid rps bg
	shift
	d=$(mktemp -d "$T/nginx.XXXXXX") || return 1
	chmod 755 "$d"	# workers run as nobody and read html/
	mkdir "$d/html"
	head -c 600 /dev/zero | tr '\0' x >"$d/html/index.html"
	port=$("$RUN" port) || return 1
	sed -e "s|@DIR@|$d|g" -e "s|@PORT@|$port|g" \
	    "$BENCH_SRCDIR/bench/nginx.conf" >"$d/nginx.conf"
	"$@" nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" \
	    </dev/null >"$d/out" 2>&1 &
	bg=$!
	# Any HTTP answer means it is up; wrk then counts the errors.
	if wait_for 60 sh -c "test -s '$d/nginx.pid' && curl -s -o /dev/null http://127.0.0.1:$port/index.html"; then
		wrk -t2 -c50 -d"${BENCH_NGINX_SECS}s" \
		    "http://127.0.0.1:$port/index.html" >"$d/wrk.out" 2>&1
		rps=$(awk '/^Requests\/sec:/ { print $2 }' "$d/wrk.out")
		grep -q 'Non-2xx' "$d/wrk.out" && { rps=; note \
		    "nginx answered errors: $(tail -n 2 "$d/error.log")"; }
	else
		note "nginx did not come up on port $port: $(tail -n 3 "$d/error.log" 2>/dev/null)"
	fi
	pid=$(cat "$d/nginx.pid" 2>/dev/null)
	if [ -n "$pid" ] && [ "$pid" -gt 1 ] 2>/dev/null; then
		kill -QUIT "$pid" 2>/dev/null
		wait_for 30 sh -c "! kill -0 $pid 2>/dev/null" ||
		    kill -KILL "$pid" 2>/dev/null
	fi
	echo done >>"$done"	# non-empty: in_tmux waits for that
	wait_for 180 sh -c "! kill -0 $bg 2>/dev/null" || {
		note "the tracer did not end after nginx did: killing it"
		kill -KILL "$bg" 2>/dev/null
	}
	wait "$bg" 2>/dev/null
	echo "${rps:--}"
}

measure() {	# WORKLOAD TRACER RUN
	local w=$1 tr=$2 run=$3 res=$T/res rps=- procs=- got want
	local -a cmd pre
	rm -f "$res" "$T/inner" "$T/stats.tsv"
	mapfile -t cmd < <(workload_cmd "$w")
	mapfile -t pre < <(tracer_prefix "$tr" "$w")
	if [ "$w" = nginx ]; then
		if [ "$tr" = sctui-ui ]; then
			rps=$(nginx_run "$T/inner" in_tmux "$T/inner" 600 \
			    "$RUN" time -r -t "$BENCH_TIMEOUT" -o "$res" -- "${pre[@]}")
		else
			rps=$(nginx_run "$T/inner" "$RUN" time -r -t "$BENCH_TIMEOUT" -o "$res" -- \
			    "${pre[@]}")
		fi
	elif [ "$tr" = sctui-ui ]; then
		# Wall time from inside (the command's own), RSS from outside.
		in_tmux "$T/inner" 7200 "$RUN" time -r -t "$BENCH_TIMEOUT" -o "$res" -- \
		    "${pre[@]}" "$RUN" time -o "$T/inner" -- "${cmd[@]}"
		if [ -s "$res" ] && [ -s "$T/inner" ]; then
			sed -i "s/wall_ns=[0-9]*/$(grep -o 'wall_ns=[0-9]*' "$T/inner")/" "$res"
		fi
	else
		"$RUN" time -r -t "$BENCH_TIMEOUT" -o "$res" -- "${pre[@]}" "${cmd[@]}" \
		    </dev/null >/dev/null 2>"$T/err" ||
		    note "$w under $tr: $(tail -n 2 "$T/err")"
		# The profile is meant to be complete: say so if it was not.
		if [ "$tr" = sctui-profile ] && grep -q ' lacks:$' "$T/err"; then
			note "$w under $tr: $(grep ' lacks:$' "$T/err")"
		fi
		case $tr in enforce*)
			grep -q ' denied ' "$T/err" &&
			    note "$w under $tr: $(grep -m 1 ' denied ' "$T/err")" ;;
		esac
	fi
	if [ "$w" = tree ] && [ -s "$T/stats.tsv" ]; then
		got=$(grep -c '^proc	' "$T/stats.tsv")
		want=$((BENCH_TREE_N + 1))
		procs="$got/$want"
		[ "$got" = "$want" ] || note "tree under $tr: sctui saw $got processes, expected $want"
	fi
	record "$w" "$tr" "$run" "$res" "$rps" "$procs"
}

# Key latency under a flood: the UI traces an endless b-loop, and the help
# key (?) is pressed BENCH_KEYS times, each timed by b-run keys, a tmux
# control-mode client, from send-keys until the pane's output holds the
# help's title; q then closes it.  Rows: workload "key", the latency in
# the wall_ns column; "rtt": one tmux command's round trip after each
# press, what the figure carries from tmux itself.  (Polling capture-pane
# from the shell instead measured mostly its own client start-up, 50-60 ms
# a poll under load.)
key_latency() {	# RUN
	local run=$1 s=keys$BASHPID-$RANDOM what v
	tm new-session -d -s "$s" -x 160 -y 48 \
	    "$(printf '%q ' "$SCTUI" -- "$B/b-loop" "$BENCH_KEY_FLOOD")" ||
	    return 1
	if wait_for 60 pane_has "$s" ' getppid '; then
		"$RUN" keys -n "$BENCH_KEYS" "$TMUX_SOCK" "$s" '?' \
		    'sctui keys' q 2>"$T/keys.err" | while read -r what v; do
			if [ "$v" = lost ]; then
				printf '%s\tsctui-ui\t%s\t-\t-\t-\tlost\t-\t-\n' \
				    "$what" "$run"
			else
				printf '%s\tsctui-ui\t%s\t%s\t-\t-\t0\t-\t-\n' \
				    "$what" "$run" "$v"
			fi
		done >>"$RAW"
		[ -s "$T/keys.err" ] && note "key latency: $(cat "$T/keys.err")"
	else
		note "key latency: the flood never showed: $(tm capture-pane -p -t "$s" | head -n 2)"
	fi
	# Ctrl-C stops the program and quits; twice kills it.
	tm send-keys -t "$s" C-c
	wait_for 30 pane_gone "$s" && return 0
	tm send-keys -t "$s" C-c
	wait_for 30 pane_gone "$s" && return 0
	note "key latency: the UI did not quit on Ctrl-C"
	tm kill-session -t "$s" 2>/dev/null
	return 1
}

# ---- main -------------------------------------------------------------

if [ -n "$TABLE_ONLY" ]; then
	WORKLOADS=$(awk -F '\t' 'NR > 1 && !/^#/ && $1 != "key" && $1 != "rtt" && !s[$1]++ { printf " %s", $1 }' "$RAW")
	TRACERS=$(awk -F '\t' 'NR > 1 && !/^#/ && !s[$2]++ { printf " %s", $2 }' "$RAW")
	BENCH_RUNS=$(awk -F '\t' 'NR > 1 && !/^#/ && $3 > m { m = $3 } END { print m }' "$RAW")
	for tr in sctui-profile sctui-ui; do
		case " $TRACERS " in *" $tr "*) continue ;; esac
		why=$(tracer_missing "$tr")
		[ -n "$why" ] && printf '%s\t%s\n' "$tr" "$why" >>"$T/tracers-missing"
	done
else
WORKLOADS=""
for w in $BENCH_WORKLOADS; do
	why=$(workload_missing "$w")
	if [ -n "$why" ]; then
		note "skipping the $w row: $why"
		echo "$w skipped: $why" >>"$T/skipped"
		continue
	fi
	WORKLOADS="$WORKLOADS $w"
done
TRACERS=""
for tr in $BENCH_TRACERS; do
	why=$(tracer_missing "$tr")
	if [ -n "$why" ]; then
		[ "$why" = "$NA" ] || note "skipping $tr: $why"
		printf '%s\t%s\n' "$tr" "$why" >>"$T/tracers-missing"
		continue
	fi
	TRACERS="$TRACERS $tr"
done

case " $TRACERS " in *" sctui-profile "*|*" enforce "*|*" enforce-phases "*)
	for w in $WORKLOADS; do
		make_profile "$w" || note "no profile for $w: sctui-profile and enforce will fail"
	done ;;
esac

for w in $WORKLOADS; do
	workload_units "$w" | sed "s/^/#units	$w	/; s/ /	/" >>"$RAW"
done
note "runs: $BENCH_RUNS; workloads:$WORKLOADS; tracers:$TRACERS"
note "sctui: $SCTUI; raw results: $RAW"
for run in $(seq 1 "$BENCH_RUNS"); do
	for w in $WORKLOADS; do
		for tr in $TRACERS; do
			note "run $run/$BENCH_RUNS: $w under $tr"
			measure "$w" "$tr" "$run"
		done
	done
	case " $TRACERS " in *" sctui-ui "*)
		if [ "$BENCH_KEYS" -gt 0 ]; then
			note "run $run/$BENCH_RUNS: key latency under a flood, in the UI"
			key_latency "$run"
		fi ;;
	esac
done
fi

# ---- the table --------------------------------------------------------

# The UI against batch mode, and the key latency, from the raw rows.
ui_summary() {
	awk -F '\t' '
	function median(list,   n, i, j, a, t) {
		n = split(list, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j-1]; a[j-1] = t
			}
		return n == 0 ? "" : n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
	}
	function count(list,   a) { return split(list, a, " ") }
	function minmax(list,   n, i, a, lo, hi) {
		n = split(list, a, " ")
		lo = hi = a[1]
		for (i = 2; i <= n; i++) {
			if (a[i] + 0 < lo + 0) lo = a[i]
			if (a[i] + 0 > hi + 0) hi = a[i]
		}
		return sprintf("%.1f-%.1f", lo / 1e6, hi / 1e6)
	}
	NR == 1 || /^#/ { next }
	$1 == "key" && $7 == "0" { keys = keys " " $4; next }
	$1 == "key" { keylost++; next }
	$1 == "rtt" { cap = cap " " $4; next }
	$2 != "sctui" && $2 != "sctui-ui" { next }
	$7 != "0" { next }
	{
		if (!($1 in seen)) { seen[$1] = 1; order[++nw] = $1 }
		v = $1 == "nginx" ? $8 : $4
		if (v == "-" || v == "") next
		val[$1, $2, $3] = v
		runs[$1, $3] = 1
	}
	END {
		line = ""
		for (i = 1; i <= nw; i++) {
			w = order[i]; r = ""; b = ""; u = ""
			for (k in runs) {
				split(k, kk, SUBSEP)
				if (kk[1] != w) continue
				bv = val[w, "sctui", kk[2]]; uv = val[w, "sctui-ui", kk[2]]
				if (bv == "" || uv == "" || bv <= 0 || uv <= 0) continue
				# Slowdown: time over time, or req/s over req/s.
				r = r " " (w == "nginx" ? bv / uv : uv / bv)
			}
			if (r == "") continue
			line = line sprintf("  %s %.2fx (%d run%s)", w, median(r),
			    count(r), count(r) == 1 ? "" : "s")
		}
		if (line != "") {
			print ""
			print "UI over batch (sctui-ui against sctui, run by run as interleaved; median of the ratios; nginx: batch req/s over UI req/s):"
			print line
		}
		if (keys != "" || keylost) {
			print ""
			printf "key latency under a flood (the UI tracing an endless b-loop; from tmux send-keys ? until the pane shows the help): median %.1f ms, range %s ms, %d presses%s; a tmux command round trip alone: median %.2f ms\n",
			    median(keys) / 1e6, minmax(keys), count(keys),
			    keylost ? sprintf(", %d never shown", keylost) : "",
			    median(cap) / 1e6
		}
	}' "$RAW"
}

{
	echo "sctui benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')${TABLE_ONLY:+ (table of $TABLE_ONLY)}"
	echo "host: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), kernel $(uname -r), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "sctui: $("$SCTUI" --version 2>/dev/null) at $SCTUI; strace: $(strace -V 2>/dev/null | head -n 1)"
	[ -n "$TABLE_ONLY" ] && grep -q '^#units' "$RAW" &&
	    echo "runs: $BENCH_RUNS (medians shown); sizes (work per row): $(awk -F '\t' '/^#units/ && $3 > 0 { printf "%s%s %s %ss", n++ ? ", " : "", $2, $3, $4 }' "$RAW")" ||
	echo "runs: $BENCH_RUNS (medians shown); loop/threads: $BENCH_CALLS getppid calls ($BENCH_THREADS threads); fork: $BENCH_FORKS children x $BENCH_FORK_CALLS calls; tree: $BENCH_TREE_N x /bin/true; nginx: wrk -t2 -c50 ${BENCH_NGINX_SECS}s, 600-byte file; start: /usr/bin/python3 -c 'import http.server'"
	echo
	{
		# The sizes the raw file was measured with; else the current ones.
		for w in $WORKLOADS; do
			grep -q "^#units	$w	" "$RAW" ||
			    workload_units "$w" | sed "s/^/#units	$w	/; s/ /	/"
		done
		grep '^#units	' "$RAW"
	} | sed 's/	/ /g' | cat - "$RAW" | awk -F '\t' -v na="$NA" -v tracers="$TRACERS" \
	    -v missing="$(cat "$T/tracers-missing" 2>/dev/null)" '
	function median(key,   n, i, j, a, t) {
		n = split(vals[key], a, " ")
		if (n == 0 || vals[key] == "")
			return ""
		for (i = 2; i <= n; i++)	# insertion sort, n is tiny
			for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j-1]; a[j-1] = t
			}
		return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
	}
	/^#units / {
		split($0, u, " ")
		if (!(u[2] in units)) order[++nw] = u[2]
		units[u[2]] = u[3]; unit[u[2]] = u[4]
		next
	}
	/^#/ { next }
	$1 == "workload" { next }
	{
		k = $1 SUBSEP $2
		if ($7 != "0") bad[k]++
		if ($7 == "124") tmo[k]++
		if ($4 != "-" && $7 == "0") vals[k "w"] = vals[k "w"] " " $4
		if ($5 != "-" && $5 >= 0) vals[k "r"] = vals[k "r"] " " $5
		if ($8 != "-" && $8 != "") vals[k "q"] = vals[k "q"] " " $8
		if ($9 != "-") procs[k] = procs[k] (procs[k] == "" ? "" : " ") $9
		runs[k]++
	}
	END {
		nt = split(tracers, tl, " ")
		nm = split(missing, ml, "\n")
		printf "%-8s %-20s %9s %8s %14s %9s %9s %8s %9s %9s  %s\n",
		    "workload", "tracer", "wall s", "x untr", "added", "vs strace",
		    "req/s", "x untr", "vs strace", "peak RSS", "notes"
		for (i = 1; i <= nw; i++) {
			w = order[i]
			base = median(w SUBSEP "untraced" "w")
			sbase = median(w SUBSEP "strace" "w")
			qbase = median(w SUBSEP "untraced" "q")
			qs = median(w SUBSEP "strace" "q")
			for (j = 1; j <= nt; j++) {
				tr = tl[j]; k = w SUBSEP tr
				wall = median(k "w"); rss = median(k "r")
				q = median(k "q")
				f_wall = f_x = f_add = f_vs = "-"
				f_q = f_qx = f_qvs = "-"
				if (w != "nginx" && wall != "") {
					f_wall = sprintf("%.3f", wall / 1e9)
					if (base != "" && base > 0)
						f_x = sprintf("%.2f", wall / base)
					if (tr != "untraced" && base != "" && units[w] > 0) {
						add = (wall - base) / units[w]
						f_add = unit[w] == "call" ? \
						    sprintf("%.2f us/call", add / 1e3) : \
						    sprintf("%.2f ms/%s", add / 1e6, unit[w])
						if (tr != "strace" && sbase != "" && sbase > base)
							f_vs = sprintf("%.3fx", (wall - base) / (sbase - base))
					}
				}
				if (w == "nginx" && q != "") {
					f_q = sprintf("%.0f", q)
					if (qbase != "" && qbase > 0)
						f_qx = sprintf("%.3f", q / qbase)
					if (tr != "strace" && tr != "untraced" && qs != "" && qs > 0)
						f_qvs = sprintf("%.2fx", q / qs)
				}
				f_rss = rss != "" ? sprintf("%.1f MB", rss / 1024) : "-"
				nt_ = ""
				if (bad[k]) nt_ = nt_ sprintf("%d of %d runs failed%s; ", bad[k], runs[k], tmo[k] ? " (" tmo[k] " timed out)" : "")
				if (procs[k] != "") nt_ = nt_ "procs seen " procs[k]
				printf "%-8s %-20s %9s %8s %14s %9s %9s %8s %9s %9s  %s\n",
				    w, tr, f_wall, f_x, f_add, f_vs, f_q, f_qx, f_qvs, f_rss, nt_
			}
			for (j = 1; j <= nm; j++) {
				if (ml[j] == "") continue
				split(ml[j], m, "\t")
				printf "%-8s %-20s %s\n", w, m[1], m[2]
			}
		}
	}'
	echo
	echo "wall s: median wall time, fork to reap (for sctui-ui, the traced command's own)."
	echo "x untr: ratio to untraced.  added: (traced - untraced) / calls (or / processes for tree, per start-up for start)."
	echo "vs strace: this tracer's added cost / strace -f -qq's (for nginx: req/s / strace's req/s)."
	echo "peak RSS: the tracer's own VmHWM at exit (untraced: the command's).  procs seen: proc lines in --stats / processes started."
	cat "$T/skipped" 2>/dev/null
	ui_summary
} | if [ -n "$TABLE_ONLY" ]; then cat; else
	tee "$BENCH_RESULTS/latest.txt"
	note "table saved to $BENCH_RESULTS/latest.txt"
fi
