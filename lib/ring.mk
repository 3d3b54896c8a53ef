# lib/ring.mk: the SPSC event ring between the tracer thread and the UI.
libcore_a_SOURCES += lib/ring.c lib/ring.h
