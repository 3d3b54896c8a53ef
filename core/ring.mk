# core/ring.mk: the SPSC event ring between the tracer thread and the UI.
libcore_a_SOURCES += core/ring.c core/ring.h
