# tests/fault/lib.sh - sourced by tests/fault/*.test after tests/lib/init.sh.
H=$HELPERS/h-fault
has_pid() { [ -s "$T/pid" ]; }
pstate() { awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null; }
tracer_of() { awk '/^TracerPid:/ { print $2 }' "/proc/$1/status" 2>/dev/null; }
# Gone: no such process, or a zombie waiting for init to reap it.
gone() { s=$(pstate "$1"); [ -z "$s" ] || [ "$s" = Z ] || [ "$s" = X ]; }
traced() { t=$(tracer_of "$1"); [ -n "$t" ] && [ "$t" != 0 ]; }
# Every thread of pid $1 untraced.
untraced_all() {
	for s in /proc/"$1"/task/*/status; do
		[ "$(awk '/^TracerPid:/ { print $2 }' "$s")" = 0 ] || return 1
	done
}
in_state() { [ "$(pstate "$1")" = "$2" ]; }
running() { s=$(pstate "$1"); [ "$s" = S ] || [ "$s" = R ]; }
# Exactly one line on stderr, containing PATTERN.
one_line() {	# FILE PATTERN WHAT
	[ "$(wc -l < "$1")" = 1 ] || fail "$3: not one line: $(cat "$1")"
	grep -q -- "$2" "$1" || fail "$3: lacks '$2': $(cat "$1")"
}
# No raw control byte (tab and newline aside) and valid UTF-8 in FILE.
clean_text() {
	[ "$(tr -d '\t\n' < "$1" | LC_ALL=C tr -d '\040-\176\200-\377' | wc -c)" = 0 ] ||
	    return 1
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}
