# tui/: the sctui program: the UI, batch mode and main.
bin_PROGRAMS += sctui
sctui_SOURCES = \
	tui/batch.c tui/batch.h \
	tui/actions.c \
	tui/draw.c \
	tui/enforce.c tui/enforce.h \
	tui/main.c \
	tui/profilecmd.c tui/profilecmd.h \
	tui/pty.c tui/pty.h \
	tui/tracesetup.c tui/tracesetup.h \
	tui/ui.c tui/ui.h tui/ui-int.h \
	tui/view.c
sctui_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
sctui_LDADD = libtracer.a $(CORE_LIBS) $(NCURSES_LIBS) $(PTHREAD_LIBS)

# The classroom demo (sctui --demo): its engine, its data (an nginx.conf
# template and a small site) and the server it falls back to without nginx.
sctui_SOURCES += tui/demo.c tui/demo.h
sctui_CPPFLAGS = $(AM_CPPFLAGS) -DSCTUI_PKGLIBEXECDIR='"$(pkglibexecdir)"'
include $(srcdir)/assets/demo/demo.mk
