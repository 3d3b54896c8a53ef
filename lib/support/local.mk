# lib/support: memory, atomic files, paths, the data folder and the
# escaping of names shown to people.  Knows nothing above it.
libcore_a_SOURCES += \
	lib/support/atomicfile.c lib/support/atomicfile.h \
	lib/support/cmdpath.c lib/support/cmdpath.h \
	lib/support/datadir.c lib/support/datadir.h \
	lib/support/escape.c lib/support/escape.h \
	lib/support/xalloc.c lib/support/xalloc.h
