# lib/: pure C, no curses and no ptrace.
noinst_LIBRARIES += libcore.a
libcore_a_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS) $(JANSSON_CFLAGS)
# Where `make install` puts the data files (lib/datadir.c).
libcore_a_CPPFLAGS = $(AM_CPPFLAGS) -DSCTUI_PKGDATADIR='"$(pkgdatadir)"' \
	-DSCTUI_SRCDATADIR='"$(abs_top_srcdir)/assets"'
libcore_a_SOURCES = \
	lib/atomicfile.c lib/atomicfile.h \
	lib/cli.c lib/cli.h \
	lib/cmdpath.c lib/cmdpath.h \
	lib/datadir.c lib/datadir.h \
	lib/event.h \
	lib/idmap.c lib/idmap.h \
	lib/minprofile.c lib/minprofile.h \
	lib/model.c lib/model.h \
	lib/summary.c lib/summary.h \
	lib/sysname.c lib/sysname.h \
	lib/xalloc.c lib/xalloc.h
CORE_LIBS = libcore.a $(SECCOMP_LIBS) $(JANSSON_LIBS) -lm
include $(srcdir)/lib/profile.mk
include $(srcdir)/lib/ring.mk
include $(srcdir)/lib/sysdoc.mk
include $(srcdir)/lib/runtime.mk
include $(srcdir)/lib/session.mk
