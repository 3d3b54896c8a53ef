/*
 * container.h - sctui --enforce=PROFILE --runtime=NAME -- COMMAND: prove a
 * profile in a real container runtime (runc, crun or podman) in one
 * command, with no image.
 *
 * Called by main (app/main.c) for --enforce with a --runtime other than
 * "none".  Needs root: the container's root file system is the host's
 * root, bound read-only.
 */
#ifndef SCTUI_CONTAINER_H
#define SCTUI_CONTAINER_H

struct cli;

/*
 * Runs c->argv in runtime c->runtime under the profile c->enforce (any
 * format sctui reads; --default-action and --errno apply), the way the
 * user would run it on the host: host network, pid space, cwd, environment
 * and ids, a terminal when sctui's standard input is one.
 *
 * The bundle folder is made in $TMPDIR (or /tmp) only when no other user
 * can change the path to it (no other user's symlink, no folder another
 * user may write to without the sticky bit), and is removed on every way
 * out, SIGINT and SIGTERM included (they are forwarded to the runtime).
 *
 * Returns what enforce_main() returns: the command's exit status (128+N
 * when it died of signal N), with enforce_hint()'s line when it failed
 * (naming the runtime's own calls the profile lacks, if any); 1
 * when the profile cannot be loaded, the runtime is missing or the bundle
 * cannot be made (one line on stderr naming the cause and the fix); 2 for
 * a runtime sctui cannot run a bare command in (docker); 126/127 when the
 * command cannot be run or found.
 */
int	container_main(const struct cli *c);

#endif
