# tui/: the screen: the UI loop, its actions, views and drawing.
bin_PROGRAMS += sctui
sctui_SOURCES = \
	tui/actions.c \
	tui/draw.c \
	tui/ui.c tui/ui.h tui/ui-int.h \
	tui/view.c
sctui_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
sctui_LDADD = libtracer.a $(CORE_LIBS) $(NCURSES_LIBS) $(PTHREAD_LIBS)
