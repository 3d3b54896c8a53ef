# lib: the seccomp profile module (lib/profile.h); see Makefile.am.
libcore_a_SOURCES += \
	lib/profile.c lib/profile.h lib/profile-int.h \
	lib/profile-diff.c lib/profile-filter.c \
	lib/read-docker.c lib/read-list.c \
	lib/write-docker.c lib/write-systemd.c

# systemd's groups, compiled into the systemd writer from the asset.
lib/sdgroups.inc: $(srcdir)/assets/systemd-groups.txt
	$(AM_V_GEN)$(MKDIR_P) lib && \
	sed -e '/^#/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
	    -e 's/^/"/' -e 's/$$/\\n"/' $(srcdir)/assets/systemd-groups.txt >$@.tmp && \
	mv $@.tmp $@
lib/libcore_a-write-systemd.$(OBJEXT): lib/sdgroups.inc
CLEANFILES += lib/sdgroups.inc

# Data files: Docker's default profile (for --diff docker-default) and
# systemd's groups; found under $(pkgdatadir) or $SCTUI_DATADIR.
profiledatadir = $(pkgdatadir)
dist_profiledata_DATA = assets/docker-default.json assets/systemd-groups.txt
