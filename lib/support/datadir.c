/*
 * datadir.c - the data folder; see datadir.h.
 */
#include "config.h"
#include "datadir.h"

#include <stdlib.h>
#include <unistd.h>

#ifndef SCTUI_PKGDATADIR
#error "SCTUI_PKGDATADIR must be defined (lib/support/local.mk, libsupport_a_CPPFLAGS: $(pkgdatadir))"
#endif
#ifndef SCTUI_SRCDATADIR
#error "SCTUI_SRCDATADIR must be defined (lib/support/local.mk, libsupport_a_CPPFLAGS: $(abs_top_srcdir)/assets)"
#endif

const char *
datadir(void)
{
	const char *d = getenv(DATADIR_ENV);

	if (d != NULL && *d != '\0')
		return d;
	/* Not installed: sctui run from its build tree uses the sources'. */
	if (access(SCTUI_PKGDATADIR, F_OK) != 0 &&
	    access(SCTUI_SRCDATADIR, F_OK) == 0)
		return SCTUI_SRCDATADIR;
	return SCTUI_PKGDATADIR;
}
