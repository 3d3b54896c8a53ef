# lib/runtime.mk: the container runtimes' own system calls (lib/runtime.c)
# and their measured sets (assets/runtime/), installed in $(pkgdatadir).
# Included from lib/local.mk.
libcore_a_SOURCES += lib/runtime.c lib/runtime.h

runtimedir = $(pkgdatadir)/runtime
dist_runtime_DATA = \
	assets/runtime/crun \
	assets/runtime/docker \
	assets/runtime/podman \
	assets/runtime/runc
dist_noinst_SCRIPTS += assets/runtime/measure.sh
