# lib/: pure C, no curses and no ptrace, grouped by job: support/ (memory,
# files, names), model/ (what a trace saw, sessions), profile/ (seccomp
# profiles) and cli/ (the command line).
noinst_LIBRARIES += libcore.a
libcore_a_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS) $(JANSSON_CFLAGS)
# Where `make install` puts the data files (lib/support/datadir.c).
libcore_a_CPPFLAGS = $(AM_CPPFLAGS) -DSCTUI_PKGDATADIR='"$(pkgdatadir)"' \
	-DSCTUI_SRCDATADIR='"$(abs_top_srcdir)/assets"'
libcore_a_SOURCES =
CORE_LIBS = libcore.a $(SECCOMP_LIBS) $(JANSSON_LIBS) -lm
include $(srcdir)/lib/support/local.mk
include $(srcdir)/lib/model/local.mk
include $(srcdir)/lib/profile/local.mk
include $(srcdir)/lib/cli/local.mk
