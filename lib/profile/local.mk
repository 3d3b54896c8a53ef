# lib/profile: the seccomp profile module (lib/profile/profile.h).  One
# file per reader and per writer; the formats are listed once, in
# lib/profile/formats.c.
noinst_LIBRARIES += libprofile.a
libprofile_a_CFLAGS = $(LIB_CFLAGS)
libprofile_a_CPPFLAGS = $(PROFILE_CPPFLAGS)
libprofile_a_SOURCES = \
	lib/profile/profile.c lib/profile/profile.h \
	lib/profile/profile-int.h \
	lib/profile/build.c lib/profile/build.h \
	lib/profile/diff.c lib/profile/filter.c \
	lib/profile/formats.c lib/profile/pbuf.c lib/profile/pbuf.h \
	lib/profile/read-docker.c lib/profile/read-oci.c \
	lib/profile/read-list.c \
	lib/profile/write-docker.c lib/profile/write-oci.c \
	lib/profile/write-k8s.c lib/profile/write-systemd.c

# systemd's groups, compiled into the systemd writer from the asset.
lib/profile/sdgroups.inc: $(srcdir)/assets/systemd-groups.txt
	$(AM_V_GEN)$(MKDIR_P) lib/profile && \
	sed -e '/^#/d' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
	    -e 's/^/"/' -e 's/$$/\\n"/' $(srcdir)/assets/systemd-groups.txt >$@.tmp && \
	mv $@.tmp $@
lib/profile/libprofile_a-write-systemd.$(OBJEXT): lib/profile/sdgroups.inc
CLEANFILES += lib/profile/sdgroups.inc

# Data files: Docker's default profile (for --diff docker-default) and
# systemd's groups; found under $(pkgdatadir) or $SCTUI_DATADIR.
profiledatadir = $(pkgdatadir)
dist_profiledata_DATA = assets/docker-default.json assets/systemd-groups.txt
