# lib/session: a whole exploration saved (--session, w) and opened again
# (--open), or a profile opened as one.
noinst_LIBRARIES += libsession.a
libsession_a_CFLAGS = $(LIB_CFLAGS)
libsession_a_CPPFLAGS = $(SESSION_CPPFLAGS)
libsession_a_SOURCES = lib/session/session.c lib/session/session.h
