/*
 * cmdpath.h - find a command the way execvp(3) would, before forking, so
 * that "not found" and "not executable" are errors sctui can report
 * itself (the tracer and --enforce, whose child may already be under a
 * seccomp filter when it would fail).
 */
#ifndef SCTUI_CMDPATH_H
#define SCTUI_CMDPATH_H

/*
 * The path of cmd: cmd itself when it holds a '/', else the first
 * executable file of that name in $PATH (or /usr/local/bin:/usr/bin:/bin).
 * Returns 0 with *out set (caller frees), -ENOENT when there is none,
 * -EACCES when one exists but is not executable (or is a folder).
 */
int	cmdpath_resolve(const char *cmd, char **out);

#endif
