# tracer/: the only code that calls ptrace(2) and wait(2).
noinst_LIBRARIES += libtracer.a
libtracer_a_SOURCES = \
	tracer/guard.c tracer/guard.h \
	tracer/notify.c tracer/notify.h \
	tracer/ptrace.c \
	tracer/tcb.c tracer/tcb.h \
	tracer/tracer.c tracer/tracer.h tracer/tracer-int.h \
	tracer/unotify.c
