/*
 * datadir.h - where sctui's data files are: the syscall descriptions, the
 * runtimes' measured sets, Docker's default profile.
 *
 * $SCTUI_DATADIR when it is set and not empty (the tests point it at the
 * source tree's assets/), else the folder `make install` fills
 * ($(pkgdatadir), fixed at configure time), or, when nothing was installed
 * there, the assets/ folder of the sources sctui was built from.  Used by
 * lib/model/runtime.c, lib/model/sysdoc.c, app/profilecmd.c
 * (docker-default.json) and app/demo.c.
 */
#ifndef SCTUI_DATADIR_H
#define SCTUI_DATADIR_H

#define DATADIR_ENV	"SCTUI_DATADIR"

/* The data folder; the string lives as long as the environment. */
const char	*datadir(void);

#endif
