# lib/sysdoc: the system call description table (assets/syscalls.tsv).
# Included from lib/local.mk after libcore_a_SOURCES and libcore_a_CFLAGS.
libcore_a_SOURCES += lib/sysdoc.c lib/sysdoc.h
EXTRA_DIST += assets/gen-syscall-names.sh assets/syscall-names.c
