# tests/tui/tmux.sh - sourced by the tests/tui/*.test scripts after
# tests/lib/init.sh: drive the real sctui in a private tmux server.
#
#   tui_shell            start a 100x30 tmux session running sh in $T
#   tui_type TEXT        type TEXT (literally) and press Enter
#   tui_keys KEY...      send tmux key names (Space, F2, C-c, Escape...)
#   tui_wait TEXT        poll the screen until it shows TEXT (fixed string)
#   tui_wait_re RE       the same with an extended regular expression
#   tui_wait_gone TEXT   poll until TEXT is no longer shown
#   tui_screen           print the screen
# Every wait is bounded (TUI_WAIT seconds); on failure the screen is shown.

# The harness exports TMUX_PROG, the path configure found; tmux itself
# reads $TMUX to detect nesting, so it must not be set here.
TMUX_PROG=${TMUX_PROG:-}
unset TMUX
[ -n "$TMUX_PROG" ] || TMUX_PROG=$(command -v tmux 2>/dev/null)
[ -n "$TMUX_PROG" ] && [ -x "$TMUX_PROG" ] || skip "tmux is not installed"
TUI_SOCK=sctui$$
TUI_WAIT=${TUI_WAIT:-30}

tm() { "$TMUX_PROG" -L "$TUI_SOCK" -f /dev/null "$@"; }

# The screen once tmux shows the same one twice in a row (at most 25
# tries): a frame still being drawn, which a slow build on a busy machine
# leaves on screen for a while, would show some lines new and some old.
tui_screen() {
	local a b i=0
	a=$(tm capture-pane -p 2>/dev/null)
	while [ $i -lt 25 ]; do
		b=$(tm capture-pane -p 2>/dev/null)
		[ "$a" = "$b" ] && break
		a=$b
		i=$((i + 1))
	done
	printf '%s\n' "$a"
}
# The screen, then again with the lines the shell wrapped joined (-J): a
# long build path must not split the text a test waits for.
_tui_both() { tui_screen; tm capture-pane -p -J 2>/dev/null | sed 's/ *$//'; }

_tui_has() { _tui_both | grep -qF -- "$1"; }
_tui_has_re() { _tui_both | grep -qE -- "$1"; }
_tui_hasnt() { ! _tui_both | grep -qF -- "$1"; }

_tui_fail() {
	echo "--- screen ---" >&2
	tui_screen >&2
	echo "--------------" >&2
	fail "$@"
}

tui_wait() { wait_for "$TUI_WAIT" _tui_has "$1" ||
	_tui_fail "the screen never showed '$1'"; }
tui_wait_re() { wait_for "$TUI_WAIT" _tui_has_re "$1" ||
	_tui_fail "the screen never matched /$1/"; }
tui_wait_gone() { wait_for "$TUI_WAIT" _tui_hasnt "$1" ||
	_tui_fail "the screen still shows '$1'"; }

tui_keys() { tm send-keys "$@"; }
tui_type() { tm send-keys -l "$1"; tm send-keys Enter; }

tui_shell() {
	tm new-session -d -x 100 -y 30 \
	    "cd '$T' && exec env LC_ALL=C.UTF-8 PS1='$ ' sh" ||
	    fail "cannot start tmux"
	cleanup_add "'$TMUX_PROG' -L '$TUI_SOCK' kill-server"
	tui_wait '$'
}

# sctui in the shell, with its exit status shown when it ends.
tui_sctui() {
	tui_type "'$SCTUI' $*; echo sctui-exit=\$?"
}

# Clears the pane and waits until the shell's prompt stands alone on it:
# a command typed before clear has run would have its echo wiped, and its
# output would follow the prompt on the prompt's line.
_tui_cleared() { [ "$(tui_screen | sed '/^ *$/d')" = '$' ]; }
tui_clear() {
	tui_type clear
	wait_for "$TUI_WAIT" _tui_cleared || _tui_fail "the pane was not cleared"
}

# The pid of the sctui the pane's shell runs (of this test's pane, not
# another suite's), printed; status 1 while there is none.
sctui_pid() {
	pgrep -P "$(tm display -p '#{pane_pid}')" -x sctui
}

# A mouse event at column X, row Y of the screen (0-based), as an xterm
# sends it in X10 encoding (which ncurses reads under TERM=screen):
# BUTTON 0 is a left click (press and release), 64/65 the wheel up/down.
_mouse_seq() {	# X Y CODE: an X10 mouse report
	printf '\033[M%b%b%b' "\\0$(printf %o $((32 + $3)))" \
	    "\\0$(printf %o $((33 + $1)))" "\\0$(printf %o $((33 + $2)))"
}
_tui_mouse() {	# X Y CODE
	tm send-keys -l "$(_mouse_seq "$1" "$2" "$3")"
}
tui_mouse() {	# X Y [BUTTON]
	_tui_mouse "$1" "$2" "${3:-0}"
	[ "${3:-0}" -ne 0 ] || _tui_mouse "$1" "$2" 3
}
# A click whose press and release reach sctui in one read, as on a busy
# machine: ncurses reports it as a click with no press before it.
tui_mouse_fast() {	# X Y
	tm send-keys -l "$(_mouse_seq "$1" "$2" 0)$(_mouse_seq "$1" "$2" 3)"
}
