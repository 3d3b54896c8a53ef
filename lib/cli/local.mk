# lib/cli: the command line's parsing into struct cli.
libcore_a_SOURCES += lib/cli/cli.c lib/cli/cli.h
