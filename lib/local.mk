# lib/: pure C, no curses and no ptrace, grouped by job into layers, each
# a library of its own whose include path reaches only the layers below it
# (tests/unit/layering.test checks the includes too):
#
#	cli/      the command line            -> profile, model, support
#	session/  sessions (--session, --open) -> profile, model, support
#	profile/  seccomp profiles            -> model, support
#	model/    what a trace saw, names     -> support
#	support/  memory, files, escaping     -> nothing
LIB_CFLAGS = $(AM_CFLAGS) $(SECCOMP_CFLAGS) $(JANSSON_CFLAGS)
SUPPORT_CPPFLAGS = -I$(top_srcdir)/lib/support
MODEL_CPPFLAGS = -I$(top_srcdir)/lib/model $(SUPPORT_CPPFLAGS)
PROFILE_CPPFLAGS = -I$(top_srcdir)/lib/profile $(MODEL_CPPFLAGS)
SESSION_CPPFLAGS = -I$(top_srcdir)/lib/session $(PROFILE_CPPFLAGS)
CLI_CPPFLAGS = -I$(top_srcdir)/lib/cli $(PROFILE_CPPFLAGS)
# Every layer of lib/, the highest first, as the linker wants them.
CORE_LIBS = libcli.a libsession.a libprofile.a libmodel.a libsupport.a \
	$(SECCOMP_LIBS) $(JANSSON_LIBS) -lm
include $(srcdir)/lib/support/local.mk
include $(srcdir)/lib/model/local.mk
include $(srcdir)/lib/profile/local.mk
include $(srcdir)/lib/session/local.mk
include $(srcdir)/lib/cli/local.mk
