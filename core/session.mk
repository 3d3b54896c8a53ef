# core/session.mk: sessions (save and reopen an exploration) and the
# escaping of names shown to people.
libcore_a_SOURCES += \
	core/escape.c core/escape.h
libcore_a_SOURCES += \
	core/session.c core/session.h
