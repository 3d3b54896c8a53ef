# core/runtime.mk: the container runtimes' own system calls (core/runtime.c)
# and their measured sets (assets/runtime/), installed in $(pkgdatadir).
# Included from core/local.mk.
libcore_a_SOURCES += core/runtime.c core/runtime.h

runtimedir = $(pkgdatadir)/runtime
dist_runtime_DATA = \
	assets/runtime/crun \
	assets/runtime/docker \
	assets/runtime/podman \
	assets/runtime/runc
dist_noinst_SCRIPTS += assets/runtime/measure.sh
