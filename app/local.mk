# app/: the front ends that do not draw: main, the run layer every front end
# shares, batch mode, the demo, enforcement and the profile commands.
sctui_SOURCES += \
	app/batch.c app/batch.h \
	app/enforce.c app/enforce.h \
	app/main.c \
	app/profilecmd.c app/profilecmd.h \
	app/pty.c app/pty.h \
	app/run.c app/run.h \
	app/uimain.c app/uimain.h

# The classroom demo (sctui --demo): its engine, its data (an nginx.conf
# template and a small site) and the server it falls back to without nginx.
sctui_SOURCES += app/demo.c app/demo.h
sctui_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/app -DSCTUI_PKGLIBEXECDIR='"$(pkglibexecdir)"'
include $(srcdir)/assets/demo/demo.mk
