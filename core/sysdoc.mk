# core/sysdoc: the system call description table (assets/syscalls.tsv).
# Included from core/local.mk after libcore_a_SOURCES and libcore_a_CFLAGS.
libcore_a_SOURCES += core/sysdoc.c core/sysdoc.h
EXTRA_DIST += assets/gen-syscall-names.sh assets/syscall-names.c
