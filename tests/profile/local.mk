# tests/profile: see Makefile.am
