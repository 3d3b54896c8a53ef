# assets/demo/: the classroom demo's data, installed in $(pkgdatadir)/demo,
# and sctui-demo-server, the web server it runs when nginx is not installed
# (tui/demo.c finds it next to sctui in the build tree, else here).
# Included from tui/local.mk.
demodir = $(pkgdatadir)/demo
dist_demo_DATA = assets/demo/nginx.conf
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
