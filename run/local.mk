# run/: one trace's whole life, shared by every front end (run/run.h): the
# command line into tracer and model options, the tracer and its thread, the
# ring, the commands back, the session's metadata and the exit code; and the
# pseudo-terminal the traced program writes to.  Above the tracer and lib/,
# below the screen and the front ends.
noinst_LIBRARIES += librun.a
librun_a_CPPFLAGS = -I$(top_srcdir)/run -I$(top_srcdir)/tracer \
	$(SESSION_CPPFLAGS) -I$(top_srcdir)/lib/cli
librun_a_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS)
librun_a_SOURCES = \
	run/pty.c run/pty.h \
	run/run.c run/run.h
