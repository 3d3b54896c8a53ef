# lib/support: memory, atomic files, paths, the data folder and the
# escaping of names shown to people.  Knows nothing above it.
noinst_LIBRARIES += libsupport.a
libsupport_a_CFLAGS = $(LIB_CFLAGS)
# Where `make install` puts the data files (lib/support/datadir.c).
libsupport_a_CPPFLAGS = $(SUPPORT_CPPFLAGS) \
	-DSCTUI_PKGDATADIR='"$(pkgdatadir)"' \
	-DSCTUI_SRCDATADIR='"$(abs_top_srcdir)/assets"'
libsupport_a_SOURCES = \
	lib/support/atomicfile.c lib/support/atomicfile.h \
	lib/support/cmdpath.c lib/support/cmdpath.h \
	lib/support/datadir.c lib/support/datadir.h \
	lib/support/escape.c lib/support/escape.h \
	lib/support/xalloc.c lib/support/xalloc.h
