#!/bin/sh
# gen-syscall-names.sh - list the system call names libseccomp knows.
#
#   sh assets/gen-syscall-names.sh [ARCH...]
#
# Prints one line per distinct name, sorted: "name<TAB>arch,arch...".
# The default arches are x86_64 aarch64 x86 x32 arm, the ones
# assets/syscalls.tsv covers.  With CHECK=FILE in the environment it
# instead prints the names missing from FILE (a syscalls.tsv), one a line,
# and exits 1 if there are any.  Needs a C compiler and libseccomp-dev.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- x86_64 aarch64 x86 x32 arm
CC=${CC:-cc}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
# shellcheck disable=SC2046
$CC -O1 -o "$tmp/syscall-names" "$here/syscall-names.c" \
	$(pkg-config --cflags --libs libseccomp)
"$tmp/syscall-names" "$@" | LC_ALL=C sort -t '	' -k1,1 -s |
	awk -F '\t' '
		$1 != name { if (name != "") print name "\t" arches;
			     name = $1; arches = $2; next }
		index("," arches ",", "," $2 ",") == 0 {
			arches = arches "," $2 }
		END { if (name != "") print name "\t" arches }' > "$tmp/names"

if [ -n "${CHECK:-}" ]; then
	grep -v '^#' "$CHECK" | cut -f1 | LC_ALL=C sort -u > "$tmp/have"
	cut -f1 "$tmp/names" | LC_ALL=C comm -23 - "$tmp/have" > "$tmp/missing"
	cat "$tmp/missing"
	[ ! -s "$tmp/missing" ]
else
	cat "$tmp/names"
fi
