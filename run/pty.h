/*
 * pty.h - a pseudo-terminal for the program the UI traces.
 *
 * Called by tui/ui.c before the tracer spawns the command.  The program
 * never gets the terminal sctui draws on: its stdout is the slave of a
 * pseudo-terminal that sctui owns (and, once the child has started a
 * session of its own, its controlling terminal: tracer_opts.stdout_ctty),
 * so a program that asks isatty(1) or opens /dev/tty still finds a
 * terminal, and whatever it writes there, escape sequences included, only
 * reaches sctui, which reads the master and shows it in the Output pane.
 * No curses here.
 */
#ifndef SCTUI_PTY_H
#define SCTUI_PTY_H

#include <sys/ioctl.h>

/*
 * Opens a new pseudo-terminal: *master is non-blocking, *slave is not
 * made sctui's controlling terminal; both close on exec (the tracer dup2()s
 * the slave onto the child's stdout).  ws, if not NULL, is the terminal's
 * size.  The caller owns and closes both.  Returns 0, or -errno from
 * posix_openpt(3), grantpt(3), unlockpt(3) or opening the slave (-ENOENT:
 * no devpts mounted, -EMFILE: out of descriptors).
 */
int	pty_open(int *master, int *slave, const struct winsize *ws);

#endif
