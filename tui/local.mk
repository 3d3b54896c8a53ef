# tui/: the screen: the UI loop, its actions, views and drawing.  It talks
# to a trace through run/run.h alone: its include path has no tracer/, and
# tests/unit/layering.test keeps the ring away from it too.
noinst_LIBRARIES += libtui.a
libtui_a_CPPFLAGS = -I$(top_srcdir)/tui -I$(top_srcdir)/run \
	$(SESSION_CPPFLAGS) -I$(top_srcdir)/lib/cli
libtui_a_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
libtui_a_SOURCES = \
	tui/actions.c \
	tui/draw.c \
	tui/page.c \
	tui/ui.c tui/ui.h tui/ui-int.h \
	tui/view.c
