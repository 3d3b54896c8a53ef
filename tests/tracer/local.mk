# tests/tracer: see Makefile.am
