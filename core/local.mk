# core/: pure C, no curses and no ptrace.
noinst_LIBRARIES += libcore.a
libcore_a_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS) $(JANSSON_CFLAGS)
# Where `make install` puts the data files (core/datadir.c).
libcore_a_CPPFLAGS = $(AM_CPPFLAGS) -DSCTUI_PKGDATADIR='"$(pkgdatadir)"' \
	-DSCTUI_SRCDATADIR='"$(abs_top_srcdir)/assets"'
libcore_a_SOURCES = \
	core/atomicfile.c core/atomicfile.h \
	core/cli.c core/cli.h \
	core/datadir.c core/datadir.h \
	core/event.h \
	core/idmap.c core/idmap.h \
	core/minprofile.c core/minprofile.h \
	core/model.c core/model.h \
	core/summary.c core/summary.h \
	core/sysname.c core/sysname.h \
	core/xalloc.c core/xalloc.h
CORE_LIBS = libcore.a $(SECCOMP_LIBS) $(JANSSON_LIBS) -lm
include $(srcdir)/core/profile.mk
include $(srcdir)/core/ring.mk
include $(srcdir)/core/sysdoc.mk
include $(srcdir)/core/runtime.mk
include $(srcdir)/core/session.mk
