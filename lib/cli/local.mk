# lib/cli: the command line's parsing into struct cli.
noinst_LIBRARIES += libcli.a
libcli_a_CFLAGS = $(LIB_CFLAGS)
libcli_a_CPPFLAGS = $(CLI_CPPFLAGS)
libcli_a_SOURCES = lib/cli/cli.c lib/cli/cli.h
