# tests/security/files.sh - sourced after tests/lib/init.sh by the tests of
# sctui's output files: a second local user who plants things in a shared
# folder where root saves.
#
#   need_root              fail unless root (CI runs these as root)
#   second_user            create user $EVIL (removed at exit), $EVIL_UID
#   as_evil CMD...         run CMD as that user
#   shared_dir             $PUB: a sticky, world-writable folder, like /tmp
#   secret_file            $SECRET: a root-only file, and $T/secret.orig
#   write_with HOW PATH    run sctui so that it writes PATH the HOW way
#                          (o, stats, session, convert, merge); status in
#                          $RC, stderr in $T/err; fails if sctui hangs
#   assert_saved PATH WHAT PATH is a new regular file, 0644, owned by root
#   assert_no_temp         no temporary file of sctui's left in $PUB
#   one_line FILE PATTERN WHAT   (tests/fault/lib.sh)

. "$top_srcdir/tests/fault/lib.sh"

umask 022
HOWS="o stats session convert merge"
SMALL=$top_srcdir/tests/profile/data/small.json

need_root() {
	[ "$(id -u)" = 0 ] || fail "needs root: it plays root next to a second user"
}

second_user() {
	command -v useradd >/dev/null || fail "useradd (passwd) is needed"
	command -v setpriv >/dev/null || fail "setpriv (util-linux) is needed"
	EVIL=sctui$$
	useradd -M -N -d /nonexistent -s /usr/sbin/nologin "$EVIL" ||
	    fail "useradd $EVIL failed"
	cleanup_add "userdel $EVIL"
	EVIL_UID=$(id -u "$EVIL")
	EVIL_GID=$(id -g "$EVIL")
}

as_evil() {
	setpriv --reuid="$EVIL_UID" --regid="$EVIL_GID" --clear-groups "$@"
}

shared_dir() {
	chmod 711 "$T"
	PUB=$T/pub
	mkdir "$PUB" && chmod 1777 "$PUB" || fail "cannot make $PUB"
}

secret_file() {
	SECRET=$T/secret
	printf 'root:only:%s\n' "$ME" > "$SECRET"
	chmod 600 "$SECRET"
	cp "$SECRET" "$T/secret.orig"
}

_spid() { cat "$T/spid" 2>/dev/null; }
_done() { [ -s "$T/rc" ]; }

write_with() {	# HOW PATH
	how=$1
	case $1 in
	o)	set -- --batch -q -o "$2" -- true ;;
	stats)	set -- --batch -q --stats "$2" -- true ;;
	session) set -- --batch -q --session "$2" -- true ;;
	convert) set -- --convert "$SMALL" -o "$2" ;;
	merge)	set -- --merge "$SMALL" "$top_srcdir/tests/profile/data/a.list" \
		    -o "$2" ;;
	*)	fail "write_with: no such way: $1" ;;
	esac
	rm -f "$T/rc" "$T/spid"
	( "$SCTUI" "$@" 2>"$T/err" >/dev/null &
	  echo $! > "$T/spid"
	  wait $!
	  echo $? > "$T/rc" ) &
	wait_for 10 test -s "$T/spid" || fail "sctui $* did not start"
	cleanup_add "kill -9 $(_spid)"
	wait_for 60 _done || fail "sctui $* still runs after 60 s: it hangs"
	wait
	RC=$(cat "$T/rc")
	# --merge says what each input gave (it has no -q): not an error.
	if [ "$how" = merge ]; then
		grep -v ' names, [0-9]* only from it$' "$T/err" > "$T/err.m"
		mv "$T/err.m" "$T/err"
	fi
}

assert_saved() {	# PATH WHAT
	[ "$(stat -c '%F %a %U %G' "$1")" = "regular file 644 root root" ] ||
	    fail "$2: $1 is $(stat -c '%F %a %U %G' "$1"), not a regular file 644 root root"
}

assert_no_temp() {	# WHAT
	ls -A "$PUB" | grep -q '^\.sctui-' &&
	    fail "$1: a temporary file was left: $(ls -A "$PUB")"
	return 0
}
