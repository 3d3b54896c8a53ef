# tracer/: the only code that calls ptrace(2) and wait(2).
noinst_LIBRARIES += libtracer.a
# It knows lib/'s model (events) and support, nothing of profiles or the
# screen: a filter reaches it as BPF.
libtracer_a_CPPFLAGS = -I$(top_srcdir)/tracer $(MODEL_CPPFLAGS) $(LIBDW_CFLAGS)
libtracer_a_SOURCES = \
	tracer/guard.c tracer/guard.h \
	tracer/notify.c tracer/notify.h \
	tracer/place.c tracer/place.h \
	tracer/ptrace.c \
	tracer/stack.c \
	tracer/tcb.c tracer/tcb.h \
	tracer/tracer.c tracer/tracer.h tracer/tracer-int.h \
	tracer/unotify.c \
	tracer/waiting.c tracer/waiting.h
