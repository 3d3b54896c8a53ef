# doc/: the manual page, the bash completion and the notes for students.
#
# sctui.1 is made from sctui.1.in: the version and the data folder are
# filled in, and the UI_KEYS marker line is replaced by doc/ui-keys.man (the
# interactive UI and its keys).  ui-keys.man is written by hand from the
# action table in tui/actions.c, and tests/docs/ui-keys.test checks that it
# follows the table.  Plan: generate it here at build time instead, from a
# hidden option of the freshly built sctui that prints the same table as man
# markup (the table already drives the keys, the help screen and the key
# bar), keeping the hand-written file as the fallback when cross-compiling.  pkgdatadir is only known at make
# time (it holds ${prefix}), hence sed here and not AC_CONFIG_FILES.
man1_MANS = doc/sctui.1
EXTRA_DIST += doc/sctui.1.in doc/ui-keys.man doc/how-it-works.md \
	doc/architecture.md
CLEANFILES += doc/sctui.1

doc/sctui.1: $(srcdir)/doc/sctui.1.in $(srcdir)/doc/ui-keys.man Makefile
	$(AM_V_GEN)$(MKDIR_P) doc && \
	sed -e 's|@''VERSION@|$(VERSION)|g' \
	    -e 's|@''PKGDATADIR@|$(pkgdatadir)|g' \
	    -e 's|@''PKGLIBEXECDIR@|$(pkglibexecdir)|g' \
	    -e '/^@''UI_KEYS@$$/{' -e 'r $(srcdir)/doc/ui-keys.man' -e 'd' -e '}' \
	    $(srcdir)/doc/sctui.1.in >$@.tmp && \
	mv $@.tmp $@

# bash completion: where bash-completion looks for it on demand.
bashcompletiondir = $(datadir)/bash-completion/completions
dist_bashcompletion_DATA = assets/bash-completion/sctui
