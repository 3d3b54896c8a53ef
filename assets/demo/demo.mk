# assets/demo/: the classroom demo's data, installed in $(pkgdatadir)/demo,
# and sctui-demo-server, the web server it runs when nginx is not installed
# (app/demo.c finds it next to sctui in the build tree, else here).
# Included from tui/local.mk.
demodir = $(pkgdatadir)/demo
dist_demo_DATA = assets/demo/nginx.conf assets/demo/demo.sctui-session.json
demositedir = $(pkgdatadir)/demo/site
dist_demosite_DATA = \
	assets/demo/site/about.html \
	assets/demo/site/index.html \
	assets/demo/site/style.css

# It is traced: never built with the sanitizers, whose runtime makes calls
# of its own and whose leak checker ptraces the process.
pkglibexec_PROGRAMS = sctui-demo-server
sctui_demo_server_SOURCES = assets/demo/demo-server.c
sctui_demo_server_CFLAGS = $(WARN_CFLAGS)
sctui_demo_server_LDFLAGS =

# The teacher's walk-through of the demo.
EXTRA_DIST += doc/classroom.md

# The recorded demo, for classes whose machines cannot trace: sctui --open
# shows it without ptrace.  Made by sctui from a real run of the demo (as
# root, with nginx installed), never by hand: `make demo-session`.
demo-session: sctui$(EXEEXT) sctui-demo-server$(EXEEXT)
	./sctui$(EXEEXT) --demo --batch -q \
	    --session=$(srcdir)/assets/demo/demo.sctui-session.json
.PHONY: demo-session
