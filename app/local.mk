# app/: the program: main, and the front ends over a run (run/): the UI's
# (app/uimain.c, which hands tui/ its run), batch mode, the demo,
# enforcement and the profile commands.  The top layer: it may use every
# layer but the tracer, which it reaches through the run.
bin_PROGRAMS += sctui
sctui_SOURCES = \
	app/batch.c app/batch.h \
	app/container.c app/container.h \
	app/enforce.c app/enforce.h \
	app/main.c \
	app/profilecmd.c app/profilecmd.h \
	app/uimain.c app/uimain.h
sctui_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
sctui_LDADD = libtui.a librun.a libtracer.a $(CORE_LIBS) $(LIBDW_LIBS) $(NCURSES_LIBS) \
	$(PTHREAD_LIBS)

# The classroom demo (sctui --demo): its engine, its data (an nginx.conf
# template and a small site) and the server it falls back to without nginx.
sctui_SOURCES += app/demo.c app/demo.h app/tally.c app/tally.h
sctui_CPPFLAGS = -I$(top_srcdir)/app -I$(top_srcdir)/tui -I$(top_srcdir)/run \
	$(SESSION_CPPFLAGS) -I$(top_srcdir)/lib/cli \
	-DSCTUI_PKGLIBEXECDIR='"$(pkglibexecdir)"'
include $(srcdir)/assets/demo/demo.mk
