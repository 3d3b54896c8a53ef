# tests/tui: see Makefile.am
