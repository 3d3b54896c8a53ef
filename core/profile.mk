# core: see Makefile.am
