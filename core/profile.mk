# core: the seccomp profile module (core/profile.h); see Makefile.am.
libcore_a_SOURCES += \
	core/profile.c core/profile.h core/profile-int.h \
	core/profile-diff.c core/profile-filter.c \
	core/read-docker.c core/read-list.c \
	core/write-docker.c core/write-systemd.c

# systemd's groups, compiled into the systemd writer from the asset.
core/sdgroups.inc: $(srcdir)/assets/systemd-groups.txt
	$(AM_V_GEN)$(MKDIR_P) core && \
	sed -e '/^#/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
	    -e 's/^/"/' -e 's/$$/\\n"/' $(srcdir)/assets/systemd-groups.txt >$@.tmp && \
	mv $@.tmp $@
core/libcore_a-write-systemd.$(OBJEXT): core/sdgroups.inc
CLEANFILES += core/sdgroups.inc

# Data files: Docker's default profile (for --diff docker-default) and
# systemd's groups; found under $(pkgdatadir) or $SCTUI_DATADIR.
profiledatadir = $(pkgdatadir)
dist_profiledata_DATA = assets/docker-default.json assets/systemd-groups.txt
