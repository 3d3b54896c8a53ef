# lib/session.mk: sessions (save and reopen an exploration) and the
# escaping of names shown to people.
libcore_a_SOURCES += \
	lib/escape.c lib/escape.h
libcore_a_SOURCES += \
	lib/session.c lib/session.h
