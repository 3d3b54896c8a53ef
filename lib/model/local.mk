# lib/model: what a trace saw (events, the model, its summary), the names
# and descriptions of system calls, the SPSC event ring between the tracer
# thread and the UI, and the container runtimes' own calls.
noinst_LIBRARIES += libmodel.a
libmodel_a_CFLAGS = $(LIB_CFLAGS)
libmodel_a_CPPFLAGS = $(MODEL_CPPFLAGS) -I$(top_builddir)/lib/model
libmodel_a_SOURCES = \
	lib/model/argspec.c lib/model/argspec.h \
	lib/model/decode.c lib/model/decode.h \
	lib/model/event.h \
	lib/model/idmap.c lib/model/idmap.h \
	lib/model/model.c lib/model/model.h \
	lib/model/ring.c lib/model/ring.h \
	lib/model/runtime.c lib/model/runtime.h \
	lib/model/stacks.c lib/model/stacks.h \
	lib/model/summary.c lib/model/summary.h \
	lib/model/sysdoc.c lib/model/sysdoc.h \
	lib/model/sysname.c lib/model/sysname.h

# The names of argument values, from the installed headers.
lib/model/argnames.inc: $(srcdir)/assets/gen-argnames.sh
	$(AM_V_GEN)$(MKDIR_P) lib/model && \
	$(SHELL) $(srcdir)/assets/gen-argnames.sh '$(CPP)' >$@.tmp && \
	mv $@.tmp $@
lib/model/libmodel_a-argspec.$(OBJEXT): lib/model/argnames.inc
CLEANFILES += lib/model/argnames.inc
EXTRA_DIST += assets/gen-argnames.sh

# The runtimes' measured sets (assets/runtime/), installed in $(pkgdatadir).
runtimedir = $(pkgdatadir)/runtime
dist_runtime_DATA = \
	assets/runtime/crun \
	assets/runtime/docker \
	assets/runtime/podman \
	assets/runtime/runc
dist_noinst_SCRIPTS += assets/runtime/measure.sh
# The system call description table (assets/syscalls.tsv).
EXTRA_DIST += assets/gen-syscall-names.sh assets/syscall-names.c
