/*
 * ptrace.c - the ptrace engine: follow every thread with ptrace(2).
 *
 * TRACER_SECCOMP (a SECCOMP_RET_TRACE filter: one stop a call) and
 * TRACER_SYSCALL (PTRACE_SYSCALL: two stops a call, and the only way to
 * follow attached processes) share the stop handling.  The loop, after
 * strace's: next_event() reaps the next stop with wait4(__WALL|WNOHANG),
 * and only when nothing is pending (and a short spin found nothing either,
 * see spin_wait()) sleeps in poll(2) on a SIGCHLD signalfd and the request
 * eventfd; dispatch_event() then decodes the wait status into the stop's
 * kind and handles it with one PTRACE_GET_SYSCALL_INFO and one restart.
 * Beside a lone busy tracee, its next seccomp stop is found by asking it
 * (ask_again()): PTRACE_GET_SYSCALL_INFO without the wait4().
 * Nothing is allocated per stop.
 *
 * The stop kinds, as ptrace(2) "Stopped states" describes them under
 * PTRACE_SEIZE, and what is done with each:
 *   seccomp stop (PTRACE_EVENT_SECCOMP)   emit SYSCALL; PTRACE_CONT, or
 *                                         PTRACE_SYSCALL for its return
 *   syscall stop (SIGTRAP|0x80)           emit SYSCALL on entry, RETURN at
 *                                         exit if wanted; PTRACE_SYSCALL
 *   fork/vfork/clone event                announce the child; restart
 *   exec event                            emit EXEC; restart
 *   PTRACE_EVENT_STOP + stop signal       group-stop: PTRACE_LISTEN
 *   PTRACE_EVENT_STOP otherwise           initial or interrupt stop: restart
 *   signal-delivery stop                  emit SIGNAL; restart with the signal
 *   exit or death                         emit EXIT; forget the thread
 */
#include "config.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "guard.h"
#include "place.h"
#include "tcb.h"
#include "tracer-int.h"

/*
 * glibc's <sys/ptrace.h> (2.32 and later) has everything used here,
 * PTRACE_GET_SYSCALL_INFO included; <linux/ptrace.h> would clash with it.
 */

/*
 * EXITKILL only for what we spawn: a program attached with -p must outlive
 * sctui, even a sctui killed with SIGKILL (the kernel then detaches it).
 */
#define SEIZE_OPTIONS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | \
	PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC)

/*
 * In the fast path, a tracee under a filter of its own, whose clone3
 * must be checked at its exit, or whose call's return value is wanted
 * (tracer_returns()), goes on with PTRACE_SYSCALL.  One held for
 * a TSYNC stays stopped until synced() lets it go.
 */
static void
resume(struct tracer *t, pid_t tid, int sig)
{
	int req = PTRACE_SYSCALL;
	struct tcb *c;

	if (t->mode == TRACER_SECCOMP) {
		c = tcb_get(&t->tcbs, tid);
		if (c != NULL && (c->flags & TCB_HELD))
			return;
		if (c != NULL && (c->flags & TCB_TO_SYSCALL))
			c->flags = (c->flags & ~TCB_TO_SYSCALL) | TCB_SYSCALL;
		if (c == NULL || !(c->flags & (TCB_SYSCALL | TCB_EXIT_CHECK |
		    TCB_RETURN)))
			req = PTRACE_CONT;
	}
	/* ESRCH: killed meanwhile (SIGKILL); its exit is reported later. */
	ptrace(req, tid, 0L, (long)sig);
}

static void
detach(struct tracer *t, struct tcb *c, int sig)
{
	ptrace(PTRACE_DETACH, c->tid, 0L, (long)sig);
	tcb_del(&t->tcbs, c);
}

/*
 * Can this kernel run a SECCOMP_RET_TRACE filter?  Tried in a throwaway
 * child so that a failure costs nothing but the fallback.
 */
static int
probe_seccomp(char *why, size_t len)
{
	struct sock_filter insn = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { 1, &insn };
	int status;
	pid_t pid;

	if ((pid = fork()) < 0) {
		snprintf(why, len, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			_exit(1);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(errno == EINVAL ? 2 : 3);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	snprintf(why, len, "seccomp filters are not available in this kernel "
	    "or container");
	return -1;
}

static void
ptrace_refused(struct tracer *t, const char *call, pid_t pid, int err)
{
	pid_t tracer = 0;
	char by[64] = "";

	if (tracer_proc_status(pid, NULL, NULL, &tracer) == 0 && tracer != 0)
		snprintf(by, sizeof(by), "; it is already traced by pid %d "
		    "(strace or gdb?)", (int)tracer);
	snprintf(t->error, sizeof(t->error), "cannot trace pid %d: "
	    "ptrace(%s) failed: %s%s%s", (int)pid, call, strerror(err), by,
	    *by ? "" : "; likely causes: a container without "
	    "CAP_SYS_PTRACE (run it with --cap-add SYS_PTRACE), Yama "
	    "(/proc/sys/kernel/yama/ptrace_scope > 0: run as root or lower "
	    "it), an LSM such as AppArmor, or the process is already traced");
}

/*
 * The fast path needs a kernel that runs a SECCOMP_RET_TRACE filter, and
 * a profile's filter a prologue, so that what it allows does not hide
 * what decides the trace; PTRACE_SYSCALL needs neither.
 */
static int
ptrace_prepare(struct tracer *t)
{
	if (t->mode == TRACER_SECCOMP &&
	    probe_seccomp(t->mode_note, sizeof(t->mode_note)) < 0)
		tracer_fall_back(t, TRACER_SYSCALL,
		    ": falling back to PTRACE_SYSCALL");
	if (t->mode == TRACER_SECCOMP && t->filter != NULL)
		tracer_guard(t, GUARD_TRACE, TRACER_SYSCALL,
		    ": falling back to PTRACE_SYSCALL");
	return 0;
}

/* In the child: wait until the parent has seized us, then the filter. */
static void
ptrace_child(struct tracer *t, int syncfd)
{
	struct sock_fprog prog;
	struct sock_filter all = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
	char go;

	if (read(syncfd, &go, 1) != 1)
		_exit(125);
	if (t->mode != TRACER_SECCOMP)
		return;
	prog.len = t->filter ? t->filter_len : 1;
	prog.filter = t->filter ? t->filter : &all;
	/*
	 * no_new_privs only when we must: as root it would stop setuid
	 * programs from gaining privileges, changing what is traced.
	 */
	if ((geteuid() != 0 &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		_exit(125);	/* probe_seccomp() said it would work */
}

static int
ptrace_spawn(struct tracer *t)
{
	int syncp[2], rc;
	struct tcb *c;
	pid_t pid;

	if (pipe2(syncp, O_CLOEXEC) < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "pipe: %s", strerror(errno));
		return rc;
	}
	if ((pid = fork()) < 0) {
		rc = -errno;
		snprintf(t->error, sizeof(t->error), "fork: %s", strerror(errno));
		return rc;
	}
	if (pid == 0) {
		close(syncp[1]);
		tracer_child_exec(t, syncp[0]);
	}
	close(syncp[0]);
	if (ptrace(PTRACE_SEIZE, pid, 0L, (long)(SEIZE_OPTIONS |
	    PTRACE_O_EXITKILL |
	    (t->mode == TRACER_SECCOMP ? PTRACE_O_TRACESECCOMP : 0))) < 0) {
		rc = -errno;
		ptrace_refused(t, "PTRACE_SEIZE", pid, errno);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(syncp[1]);
		return rc;
	}
	/* PTRACE_SYSCALL needs a stop to start from: take one now. */
	if (t->mode == TRACER_SYSCALL)
		ptrace(PTRACE_INTERRUPT, pid, 0L, 0L);
	c = tracer_add_root(t, pid);
	c->flags |= TCB_PRE_EXEC;
	/* A failed write means the child is gone; its exit is reported. */
	rc = (int)write(syncp[1], "g", 1);
	close(syncp[1]);
	(void)rc;
	return 0;
}

static int
attach_thread(struct tracer *t, pid_t tid, pid_t tgid)
{
	struct tcb *c;
	long opts = SEIZE_OPTIONS;

	/* A spawned tree's escapee (adopt()) dies with sctui like the rest. */
	if (t->opts.nattach == 0)
		opts |= PTRACE_O_EXITKILL | (t->mode == TRACER_SECCOMP ?
		    PTRACE_O_TRACESECCOMP : 0);
	if (ptrace(PTRACE_SEIZE, tid, 0L, opts) < 0)
		return -errno;
	ptrace(PTRACE_INTERRUPT, tid, 0L, 0L);
	c = tcb_add(&t->tcbs, tid, tgid);
	if (tid == tgid)
		tracer_proc_status(tid, NULL, &c->ppid, NULL);
	tracer_announce(t, c, SC_EV_ATTACH, 0);
	return 0;
}

static int
attach_process(struct tracer *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	pid_t tgid, tid;
	int rc, added;
	DIR *dir;

	if (pid <= 1) {
		snprintf(t->error, sizeof(t->error), "refusing to trace pid %d: "
		    "give the pid of the program to trace", (int)pid);
		return -EINVAL;
	}
	if (tracer_proc_status(pid, &tgid, NULL, NULL) < 0) {
		snprintf(t->error, sizeof(t->error), "pid %d: no such process",
		    (int)pid);
		return -ESRCH;
	}
	if (tcb_get(&t->tcbs, tgid) == NULL &&
	    (rc = attach_thread(t, tgid, tgid)) < 0) {
		ptrace_refused(t, "PTRACE_SEIZE", tgid, -rc);
		return rc;
	}
	/* Threads may start while we seize: list again until none is new. */
	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	do {
		added = 0;
		if ((dir = opendir(path)) == NULL)
			break;
		while ((d = readdir(dir)) != NULL) {
			tid = (pid_t)atoi(d->d_name);
			if (tid <= 0 || tcb_get(&t->tcbs, tid) != NULL)
				continue;
			if (attach_thread(t, tid, tgid) == 0)
				added++;
		}
		closedir(dir);
	} while (added > 0);
	return 0;
}

static int
ptrace_attach(struct tracer *t)
{
	size_t i;
	int rc;

	for (i = 0; i < t->opts.nattach; i++)
		if ((rc = attach_process(t, t->opts.attach[i])) < 0)
			return rc;
	return 0;
}

static void
ptrace_kill_all(struct tracer *t, int sig)
{
	struct tcb *c;

	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c))
		if (c->tid == c->tgid)
			kill(c->tgid, sig);
		else if (sig == SIGKILL)
			syscall(SYS_tgkill, c->tgid, c->tid, SIGKILL);
}

/* The processes whose parent is not traced: the tops of the trees. */
static void
ptrace_signal_tops(struct tracer *t, int sig)
{
	struct tcb *c;

	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c))
		if (c->tid == c->tgid &&
		    (c->ppid == 0 || tcb_get(&t->tcbs, c->ppid) == NULL))
			kill(c->tgid, sig);
}

static void
ptrace_detach(struct tracer *t)
{
	struct tcb *c;

	for (c = tcb_first(&t->tcbs); c != NULL; c = tcb_next(&t->tcbs, c)) {
		c->flags |= TCB_DETACHING;
		ptrace(PTRACE_INTERRUPT, c->tid, 0L, 0L);
	}
}

/*
 * Skips the call the tracee is entering.  Setting the number to -1 makes
 * the kernel skip it (seccomp(2), "SECCOMP_RET_TRACE"; ptrace(2), syscall
 * stops).  At a seccomp stop the return register can be set at once; at a
 * PTRACE_SYSCALL entry stop the kernel overwrites it with -ENOSYS, so it is
 * set again at the exit stop (tcb deny_errno).
 */
static void
skip_call(struct tcb *c, int err, int at_seccomp)
{
#if defined(__x86_64__)
	ptrace(PTRACE_POKEUSER, c->tid,
	    (long)offsetof(struct user_regs_struct, orig_rax), -1L);
	if (at_seccomp)
		ptrace(PTRACE_POKEUSER, c->tid,
		    (long)offsetof(struct user_regs_struct, rax), (long)-err);
	else
		c->deny_errno = err;
#else
	(void)c;
	(void)err;
	(void)at_seccomp;
#endif
}

/*
 * c's process installs a seccomp filter of its own.  Its filter may pre-empt
 * sctui's SECCOMP_RET_TRACE (USER_NOTIF outranks TRACE, and KILL, TRAP and
 * ERRNO end the call before sctui's stop), so from its next restart it is
 * followed with PTRACE_SYSCALL: syscall-entry stops come before any filter
 * runs.  Its children inherit that (new_child()).  With TSYNC the filter
 * reaches every thread at once: each is interrupted and switched, and c is
 * held at this stop until all have stopped once.
 */
static void
ptrace_own_filter(struct tracer *t, struct tcb *c, int tsync)
{
	struct tcb *o;

	if (t->mode != TRACER_SECCOMP)
		return;		/* every entry is seen already, or no ptrace */
	c->flags |= TCB_TO_SYSCALL;
	if (!tsync)
		return;
	for (o = tcb_first(&t->tcbs); o != NULL; o = tcb_next(&t->tcbs, o)) {
		if (o == c || o->tgid != c->tgid || (o->flags & (TCB_SYSCALL |
		    TCB_TO_SYSCALL)))
			continue;
		/* Not started yet: its first stop comes before any call. */
		if (o->flags & TCB_NEW) {
			o->flags |= TCB_TO_SYSCALL;
			continue;
		}
		o->flags |= TCB_TO_SYSCALL | TCB_SYNCING;
		if (ptrace(PTRACE_INTERRUPT, o->tid, 0L, 0L) == 0)
			t->syncing++;
		else
			o->flags &= ~TCB_SYNCING;
	}
	if (t->syncing > 0)
		c->flags |= TCB_HELD;
}

/* A thread interrupted for a TSYNC has stopped, or is gone. */
static void
synced(struct tracer *t, struct tcb *c)
{
	struct tcb *o;

	assert(t->syncing > 0);
	c->flags &= ~TCB_SYNCING;
	if (--t->syncing > 0)
		return;
	for (o = tcb_first(&t->tcbs); o != NULL; o = tcb_next(&t->tcbs, o))
		if (o->flags & TCB_HELD) {
			o->flags &= ~TCB_HELD;
			resume(t, o->tid, 0);
		}
}

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED	0x00800000
#endif

/*
 * A clone that asks ptrace not to follow the child: clear the flag, so
 * the child is followed like any other.  clone takes it in a register,
 * which no other thread can change while c is stopped.  clone3 takes it
 * in memory, which a sibling thread could set again before the kernel
 * reads it: the flag is cleared there too, and c's exit stop checks that
 * the child it returns was announced (adopt() if not).
 */
static void
untraced_clone(struct tcb *c, enum guard_call call, uint32_t arch,
    const uint64_t *args)
{
#if defined(__x86_64__)
	long flags;

	if (call == GUARD_CLONE) {
		if (!(args[0] & CLONE_UNTRACED))
			return;
		ptrace(PTRACE_POKEUSER, c->tid, (long)(arch == AUDIT_ARCH_I386 ?
		    offsetof(struct user_regs_struct, rbx) :
		    offsetof(struct user_regs_struct, rdi)),
		    (long)(args[0] & ~(uint64_t)CLONE_UNTRACED));
		return;
	}
	c->flags |= TCB_EXIT_CHECK;
	/* struct clone_args starts with its u64 flags. */
	errno = 0;
	flags = ptrace(PTRACE_PEEKDATA, c->tid, (long)args[0], 0L);
	if (errno == 0 && (flags & CLONE_UNTRACED))
		ptrace(PTRACE_POKEDATA, c->tid, (long)args[0],
		    flags & ~(long)CLONE_UNTRACED);
#else
	(void)arch;
	(void)args;
	if (call == GUARD_CLONE3)
		c->flags |= TCB_EXIT_CHECK;
#endif
}

/*
 * pid was made by a traced clone3, yet no ptrace event announced it: the
 * flags were changed back behind sctui's back.  Seize it, its threads and
 * whatever it made meanwhile.  Under the fast path its calls failed with
 * ENOSYS until then (sctui's filter, no tracer); under PTRACE_SYSCALL
 * they ran unseen: the window is from its creation to this stop.
 */
static void
adopt(struct tracer *t, pid_t pid, uint32_t inherit)
{
	char path[64];
	struct dirent *d;
	struct tcb *c;
	pid_t tgid, tid, kids[512];
	size_t n, i;
	DIR *dir;

	if (tracer_proc_status(pid, &tgid, NULL, NULL) < 0 ||
	    attach_process(t, pid) < 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/task", (int)tgid);
	if ((dir = opendir(path)) == NULL)
		return;
	while ((d = readdir(dir)) != NULL) {
		if ((tid = (pid_t)atoi(d->d_name)) <= 0)
			continue;
		if ((c = tcb_get(&t->tcbs, tid)) != NULL)
			c->flags |= inherit;
		n = tracer_proc_children(tgid, tid, kids, sizeof(kids) /
		    sizeof(kids[0]));
		for (i = 0; i < n; i++)
			if (tcb_get(&t->tcbs, kids[i]) == NULL)
				adopt(t, kids[i], inherit);
	}
	closedir(dir);
}

/*
 * What the stop tid is in, into *info.  Returns > 0, or <= 0 when tid is
 * in no stop (ESRCH).
 */
static long
stop_info(pid_t tid, struct __ptrace_syscall_info *info)
{
	/*
	 * Zeroed so that memcheck, which does not know this request, sees
	 * the kernel's answer as initialised (make valgrind); 88 bytes.
	 */
	memset(info, 0, sizeof(*info));
	return ptrace(PTRACE_GET_SYSCALL_INFO, tid, (long)sizeof(*info), info);
}

/*
 * Syscall stops, and seccomp stops, from what PTRACE_GET_SYSCALL_INFO said
 * of c's (info).  A tracee followed with PTRACE_SYSCALL in the fast path
 * (TCB_SYSCALL) was counted at its entry stop: its seccomp stop only goes
 * on.
 */
static void
on_syscall_info(struct tracer *t, struct tcb *c,
    const struct __ptrace_syscall_info *info)
{
	struct sc_event ev;
	uint32_t inherit;
	pid_t kid;
	int err, serving = 0;

	if (info->op == PTRACE_SYSCALL_INFO_SECCOMP &&
	    (c->flags & TCB_SYSCALL))
		return;
	if (info->op == PTRACE_SYSCALL_INFO_SECCOMP)
		memcpy(ev.u.args, info->seccomp.args, sizeof(ev.u.args));
	else if (info->op == PTRACE_SYSCALL_INFO_ENTRY)
		memcpy(ev.u.args, info->entry.args, sizeof(ev.u.args));
	else {
		/* Syscall exit: the entry was counted; finish a denial. */
#if defined(__x86_64__)
		if (c->deny_errno != 0)
			ptrace(PTRACE_POKEUSER, c->tid,
			    (long)offsetof(struct user_regs_struct, rax),
			    (long)-c->deny_errno);
#endif
		if ((c->flags & TCB_RETURN) &&
		    info->op == PTRACE_SYSCALL_INFO_EXIT)
			tracer_report_return(t, c, info->arch, c->deny_errno ?
			    -c->deny_errno : info->exit.rval);
		c->flags &= ~TCB_RETURN;
		c->deny_errno = 0;
		if (!(c->flags & TCB_EXIT_CHECK))
			return;
		c->flags &= ~TCB_EXIT_CHECK;
		kid = (pid_t)info->exit.rval;
		inherit = c->flags & (TCB_SYSCALL | TCB_TO_SYSCALL) ?
		    TCB_TO_SYSCALL : 0;
		if (info->op == PTRACE_SYSCALL_INFO_EXIT &&
		    !info->exit.is_error && kid > 0 && kid != c->last_child &&
		    tcb_get(&t->tcbs, kid) == NULL)
			adopt(t, kid, inherit);	/* c may move */
		return;
	}
	ev.nr = (int32_t)(info->op == PTRACE_SYSCALL_INFO_SECCOMP ?
	    info->seccomp.nr : info->entry.nr);
	/*
	 * Before its first exec the root is still our fork running our code
	 * (only in PTRACE_SYSCALL mode are those calls seen): keep execve only.
	 */
	if ((c->flags & TCB_PRE_EXEC) && ev.nr != SYS_execve &&
	    ev.nr != SYS_execveat)
		return;
	ev.arch = info->arch;
	tracer_watch_call(t, c, info->arch, ev.nr, ev.u.args);
	/* A seccomp stop not made by the prologue: the profile lacks it. */
	if ((info->op == PTRACE_SYSCALL_INFO_ENTRY ||
	    guard_call(info->arch, ev.nr) != GUARD_NONE) &&
	    tracer_profile_allows(t, info->arch, ev.nr,
	    info->instruction_pointer, ev.u.args))
		return;
	if ((err = tracer_deny_errno(t, info->arch, ev.nr)) == 0 &&
	    (err = tracer_serve_errno(t, c, info->arch, ev.nr)) != 0)
		serving = 1;
	if (err != 0)
		skip_call(c, err, info->op == PTRACE_SYSCALL_INFO_SECCOMP);
	/* Its return value, from the exit stop, while the log wants it. */
	if (atomic_load_explicit(&t->returns, memory_order_relaxed)) {
		c->flags |= TCB_RETURN;
		c->ret_nr = ev.nr;
	}
	/* --stacks: a first occurrence, from the stop the thread is in. */
	stack_call(t, c, &ev, 1);
	tracer_report_call(t, c, &ev, err, serving);
}

static void
on_syscall_stop(struct tracer *t, struct tcb *c)
{
	struct __ptrace_syscall_info info;

	if (stop_info(c->tid, &info) > 0)
		on_syscall_info(t, c, &info);
}

static struct tcb *
new_child(struct tracer *t, pid_t tid, pid_t parent, int is_thread)
{
	struct tcb *c, *p = tcb_get(&t->tcbs, parent);
	pid_t tgid = tid, ppid = 0;
	uint32_t inherit;

	if (is_thread < 0) {	/* unknown: ask /proc */
		if (tracer_proc_status(tid, &tgid, &ppid, NULL) < 0)
			return NULL;	/* gone already: nothing to follow */
	} else if (is_thread)
		tgid = p ? p->tgid : parent;
	else
		ppid = p ? p->tgid : parent;
	if (tgid == tid && ppid == 0)
		tracer_proc_status(tid, NULL, &ppid, NULL);
	/* A filter is inherited; an unknown parent may have one too. */
	inherit = p != NULL ? p->flags & (TCB_SYSCALL | TCB_TO_SYSCALL) :
	    t->nown > 0;
	c = tcb_add(&t->tcbs, tid, tgid);
	c->ppid = tgid == tid ? ppid : 0;
	c->flags |= TCB_NEW | (inherit ? TCB_TO_SYSCALL : 0);
	tracer_announce(t, c, SC_EV_SPAWN, 0);
	/* Before its first instruction: it stops before it runs. */
	tracer_serve_inherit(t, c, parent > 0 ? parent : ppid);
	return c;
}

/*
 * Did tid just exec a setuid or setgid program without gaining its
 * privileges?  The kernel never grants them to a process traced by an
 * unprivileged tracer (nor under no_new_privs), so the program runs as
 * the user: what is traced may differ from an untraced run.
 */
static int
setuid_skipped(pid_t tid)
{
	char path[64];
	struct stat st;

	if (geteuid() == 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)tid);
	return stat(path, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID));
}

static void
on_event(struct tracer *t, struct tcb *c, int event, int sig)
{
	unsigned long msg = 0;
	struct sc_event ev;
	struct tcb *o;
	pid_t child, tid;

	switch (event) {
	case PTRACE_EVENT_SECCOMP:
		on_syscall_stop(t, c);
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		tid = c->tid;	/* new_child() may move the table */
		ptrace(PTRACE_GETEVENTMSG, tid, 0L, &msg);
		child = (pid_t)msg;
		c->last_child = child;
		/*
		 * The child may have been reported first, and may even be gone
		 * already: then it was announced by dispatch_event() and is in
		 * early.
		 */
		if (child > 0 && idmap_get(&t->early, (uint32_t)child) == 1) {
			idmap_put(&t->early, (uint32_t)child, 0);
			/* Its creator may not be its parent (CLONE_PARENT). */
			if ((o = tcb_get(&t->tcbs, child)) != NULL)
				tracer_serve_inherit(t, o, tid);
		} else if (child > 0 && tcb_get(&t->tcbs, child) == NULL)
			new_child(t, child, tid,
			    event == PTRACE_EVENT_CLONE ? -1 : 0);
		resume(t, tid, 0);
		return;
	case PTRACE_EVENT_EXEC:
		ptrace(PTRACE_GETEVENTMSG, c->tid, 0L, &msg);
		/*
		 * A non-leader thread exec'd: it now has the leader's tid and
		 * its old tid is gone without an exit report (ptrace(2),
		 * "execve(2) under ptrace").
		 */
		if ((pid_t)msg != c->tid &&
		    (o = tcb_get(&t->tcbs, (pid_t)msg)) != NULL)
			tcb_del(&t->tcbs, o);
		c->flags &= ~TCB_PRE_EXEC;
		memset(&ev, 0, sizeof(ev));
		ev.kind = SC_EV_EXEC;
		ev.tid = c->tid;
		ev.tgid = c->tgid;
		ev.aux = (int32_t)msg;
		tracer_proc_comm(c->tid, ev.u.name, sizeof(ev.u.name));
		if (setuid_skipped(c->tid)) {
			ev.flags |= SC_EVF_SETUID;
		}
		tracer_emit_exec(t, c, &ev);
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_EXIT:
		resume(t, c->tid, 0);
		return;
	case PTRACE_EVENT_STOP:
		if (!(c->flags & TCB_NEW) && (sig == SIGSTOP ||
		    sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)) {
			/* Group-stop: stay stopped, but keep reporting. */
			c->flags |= TCB_LISTENING;
			ptrace(PTRACE_LISTEN, c->tid, 0L, 0L);
			return;
		}
		c->flags &= ~(TCB_NEW | TCB_LISTENING);
		resume(t, c->tid, 0);
		return;
	}
	resume(t, c->tid, 0);
}

static void
on_gone(struct tracer *t, struct tcb *c, pid_t tid, int status)
{
	tracer_emit_aux(t, SC_EV_EXIT, tid, c ? c->tgid : tid, status);
	if (tid == t->root)
		t->root_status = status;
	if (c != NULL && (c->flags & TCB_SYNCING))
		synced(t, c);
	if (c != NULL)
		tcb_del(&t->tcbs, c);
}

/* A reaped wait(2) status, decoded (ptrace(2), "Stopped states"). */
enum ptrace_stop {
	PTRACE_STOP_GONE,	/* exited or killed */
	PTRACE_STOP_EVENT,	/* PTRACE_EVENT_*: event says which */
	PTRACE_STOP_SYSCALL,	/* syscall stop (SIGTRAP | 0x80) */
	PTRACE_STOP_SIGNAL,	/* signal-delivery stop: sig */
};

struct ptrace_event {
	enum ptrace_stop kind;
	pid_t		 tid;
	struct tcb	*c;	/* NULL only for GONE of an unknown tid */
	int		 status;
	int		 sig;	/* WSTOPSIG */
	int		 event;	/* PTRACE_EVENT_*, or 0 */
};

/*
 * Decodes what wait4() said of tid into ev.  Returns 0, or -1 when there
 * is nothing to dispatch (not a stop, or a child gone before it was
 * known).  A stop of an unknown tid is a new child whose first stop beat
 * its parent's fork event (ptrace(2) allows either order): it is
 * announced here.
 */
static int
decode_event(struct tracer *t, pid_t tid, int status, struct ptrace_event *ev)
{
	ev->tid = tid;
	ev->status = status;
	ev->c = tcb_get(&t->tcbs, tid);
	ev->sig = ev->event = 0;
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		ev->kind = PTRACE_STOP_GONE;
		return 0;
	}
	if (!WIFSTOPPED(status))
		return -1;
	if (ev->c == NULL) {
		if ((ev->c = new_child(t, tid, 0, -1)) == NULL) {
			resume(t, tid, 0);
			return -1;
		}
		idmap_put(&t->early, (uint32_t)tid, 1);
	}
	assert(ev->c->tid == tid);
	ev->sig = WSTOPSIG(status);
	ev->event = (int)((unsigned)status >> 16);
	ev->kind = ev->event != 0 ? PTRACE_STOP_EVENT :
	    ev->sig == (SIGTRAP | 0x80) ? PTRACE_STOP_SYSCALL :
	    PTRACE_STOP_SIGNAL;
	return 0;
}

/* Handles one reaped status of tid and restarts the tracee. */
static void
dispatch_event(struct tracer *t, pid_t tid, int status)
{
	struct ptrace_event ev;
	struct tcb *c;

	if (decode_event(t, tid, status, &ev) < 0)
		return;
	if (ev.kind == PTRACE_STOP_GONE) {
		on_gone(t, ev.c, tid, status);
		return;
	}
	c = ev.c;
	if (c->flags & TCB_SYNCING)
		synced(t, c);
	if (c->flags & TCB_DETACHING) {
		/* Keep a pending signal, and leave a group-stop stopped. */
		detach(t, c, ev.kind == PTRACE_STOP_SIGNAL ? ev.sig : 0);
		return;
	}
	switch (ev.kind) {
	case PTRACE_STOP_EVENT:
		on_event(t, c, ev.event, ev.sig);
		break;
	case PTRACE_STOP_SYSCALL:
		on_syscall_stop(t, c);
		resume(t, c->tid, 0);
		break;
	case PTRACE_STOP_SIGNAL:
		/* Report it and let the signal through. */
		c->flags &= ~TCB_LISTENING;
		tracer_emit_aux(t, SC_EV_SIGNAL, c->tid, c->tgid, ev.sig);
		resume(t, c->tid, ev.sig);
		break;
	case PTRACE_STOP_GONE:
		break;
	}
}

/*
 * How long to keep asking wait4() before sleeping in poll().  A stop often
 * comes within microseconds of the restart that preceded it (the tracee's
 * next call), and a tracer asleep on another CPU costs that stop a
 * wake-up: on the one-thread loop here, about 32 us a call without the
 * spin and 18 us with it.  But a spinning tracer takes a CPU that a
 * runnable tracee may want (threads and process trees were 1.2x slower
 * with it), so place_spin() allows it only while the tracees that stopped
 * recently leave a CPU free, and never beside the tracee the tracer has
 * moved to (doc/performance.md, "Spinning before sleeping" and "A busy
 * server under full tracing").  0 turns it off.
 */
#ifndef SCTUI_SPIN_NS
#define SCTUI_SPIN_NS	20000u
#endif

/* wait4(WNOHANG) again until a stop comes, a request, or SPIN_NS pass. */
static pid_t
spin_wait(struct tracer *t, const struct place *pl, int *status)
{
	uint64_t until;
	pid_t tid = 0;

	if (SCTUI_SPIN_NS == 0 || !place_spin(pl))
		return 0;
	until = now_ns() + SCTUI_SPIN_NS;
	do {
		if (atomic_load_explicit(&t->requests, memory_order_relaxed) ||
		    atomic_load_explicit(&t->signals, memory_order_relaxed))
			return 0;
		tid = wait4(-1, status, __WALL | WNOHANG, NULL);
	} while (tid == 0 && now_ns() < until);
	return tid;
}

/* Stops reaped at once by the drain (ask_again()), dispatched in order. */
#define PEND_MAX	16

/*
 * While asking finds stops, every this many asks the stops already
 * pending are all reaped and dispatched first: a tracee that stopped
 * beside the busy one waits at most this many of its stops.
 */
#define ASK_DRAIN	64

/* What the loop waits on besides the tracees. */
struct ptrace_wait {
	struct pollfd	pfd[2];		/* the SIGCHLD signalfd, requests */
	struct place	pl;		/* the CPU the tracer follows */
	unsigned	stops;		/* the waiting sampler's clock */
	unsigned	asks;		/* asks made: the drain's clock */
	pid_t		again;		/* restarted from a seccomp stop with
					   PTRACE_CONT: asked first */
	struct tcb	*asked;		/* again, found in its next seccomp
					   stop, which info holds; or NULL */
	struct __ptrace_syscall_info info;
	struct {
		pid_t	tid;
		int	status;
	}		pend[PEND_MAX];
	unsigned	npend, ipend;	/* reaped, dispatched */
	int		drain;		/* reap every pending stop next */
};

/* A tracee asked may be restarted as a plain seccomp stop would be. */
#define ASK_NOT	(TCB_SYSCALL | TCB_TO_SYSCALL | TCB_EXIT_CHECK | \
	TCB_RETURN | TCB_HELD | TCB_DETACHING | TCB_SYNCING | TCB_LISTENING)

/*
 * Beside a lone busy tracee at SCHED_IDLE (place_alone()), the restart
 * returns to the tracer only once the tracee has left the CPU: stopped at
 * its next call, mostly.  PTRACE_GET_SYSCALL_INFO then both finds that
 * stop and reads it, a wait4() less a stop: the restart that follows
 * clears the stop's status, which wait4() would have reported.  Another
 * answer (not stopped: ESRCH; another kind of stop, which has op NONE)
 * goes to wait4().  Returns the tid found in a seccomp stop, with its
 * tcb in w->asked and its info in w->info, or 0.
 */
static pid_t
ask_again(struct tracer *t, struct ptrace_wait *w)
{
	pid_t tid = w->again;
	struct tcb *c;

	w->again = 0;
	if (tid <= 0 || (!place_alone(&w->pl) && !t->ask_always) ||
	    (c = tcb_get(&t->tcbs, tid)) == NULL || (c->flags & ASK_NOT))
		return 0;
	if (++w->asks % ASK_DRAIN == 0) {
		w->drain = 1;
		return 0;
	}
	if (stop_info(tid, &w->info) <= 0 ||
	    w->info.op != PTRACE_SYSCALL_INFO_SECCOMP)
		return 0;
	t->stats.asked++;
	w->asked = c;
	return tid;
}

/*
 * Reaps every stop already pending after the first, *status of tid, into
 * w->pend, so that none waits behind a tracee that keeps stopping.
 */
static void
reap_pending(struct ptrace_wait *w, pid_t tid, int status)
{
	int st;

	w->npend = 1;
	w->pend[0].tid = tid;
	w->pend[0].status = status;
	while (w->npend < PEND_MAX &&
	    (tid = wait4(-1, &st, __WALL | WNOHANG, NULL)) > 0) {
		w->pend[w->npend].tid = tid;
		w->pend[w->npend++].status = st;
	}
	w->ipend = 1;	/* the first is returned now */
}

/*
 * Busy, the waiting sampler looks at the clock once every this many
 * stops (a stop costs microseconds; a round is due every 100 ms); idle,
 * before each sleep.
 */
#define SAMPLE_EVERY	64

/*
 * The next stop: reaps it with wait4(WNOHANG), spins briefly when nothing
 * is pending (spin_wait()), and only then sleeps in poll(2) until SIGCHLD
 * or a request, taking requests meanwhile.  Returns the stopped tid with
 * *status (and *queued: it was pending already), 0 when no tracee is
 * left, or -errno if waiting itself failed.
 */
static pid_t
next_event(struct tracer *t, struct ptrace_wait *w, int *status,
    int *queued)
{
	struct signalfd_siginfo si[16];
	pid_t tid;

	while (t->tcbs.live > 0) {
		if (++w->stops % SAMPLE_EVERY == 0)
			tracer_sample_waiting(t);
		if (atomic_load_explicit(&t->requests, memory_order_relaxed) ||
		    atomic_load_explicit(&t->signals, memory_order_relaxed))
			take_requests(t);
		if (w->ipend < w->npend) {
			*status = w->pend[w->ipend].status;
			*queued = 1;
			return w->pend[w->ipend++].tid;
		}
		if ((tid = ask_again(t, w)) > 0) {
			*queued = 1;
			return tid;
		}
		tid = wait4(-1, status, __WALL | WNOHANG, NULL);
		*queued = tid > 0;
		if (tid > 0 && w->drain)
			reap_pending(w, tid, *status);
		w->drain = 0;
		if (tid == 0)
			tid = spin_wait(t, &w->pl, status);
		if (tid > 0)
			return tid;
		if (tid < 0) {
			if (errno == EINTR)
				continue;
			/* ECHILD: every tracee detached or gone. */
			return errno == ECHILD ? 0 : -errno;
		}
		tracer_sample_waiting(t);
		if (poll(w->pfd, 2, poll_timeout(t)) < 0 && errno != EINTR)
			return -errno;
		place_woke(&w->pl);
		/* Drain SIGCHLD; wait4() says what happened.  A full buffer
		 * means more may be queued. */
		if (w->pfd[0].revents & POLLIN)
			while (read(t->sigfd, si, sizeof(si)) == sizeof(si))
				;
		if (w->pfd[1].revents & POLLIN)
			take_requests(t);
	}
	return 0;
}

/*
 * Waits for the next stop and dispatches it, until no tracee is left; the
 * tracer thread follows a busy tracee's CPU meanwhile (place.h) and has
 * its own CPUs back on return.
 */
static int
ptrace_run(struct tracer *t)
{
	struct ptrace_wait w;
	int status, queued;
	pid_t tid;

	memset(&w, 0, sizeof(w));
	w.pfd[0].fd = t->sigfd;
	w.pfd[0].events = POLLIN;
	w.pfd[1].fd = t->reqfd;
	w.pfd[1].events = POLLIN;
	place_init(&w.pl, &t->idle);
	while ((tid = next_event(t, &w, &status, &queued)) > 0) {
		t->stats.stops++;
		if (w.asked != NULL) {
			on_syscall_info(t, w.asked, &w.info);
			w.asked = NULL;
			resume(t, tid, 0);
			w.again = tid;
		} else {
			dispatch_event(t, tid, status);
			if (t->mode == TRACER_SECCOMP && WIFSTOPPED(status) &&
			    (unsigned)status >> 16 == PTRACE_EVENT_SECCOMP)
				w.again = tid;
		}
		if (place_alone(&w.pl))
			t->stats.alone++;
		place_stop(&w.pl, tid, queued);
	}
	t->stats.moves = w.pl.moves;
	place_end(&w.pl);
	return tid < 0 ? (int)tid : 0;
}

const struct tracer_engine ptrace_engine = {
	.prepare = ptrace_prepare,
	.spawn = ptrace_spawn,
	.child = ptrace_child,
	.attach = ptrace_attach,
	.run = ptrace_run,
	.kill_all = ptrace_kill_all,
	.signal_tops = ptrace_signal_tops,
	.detach = ptrace_detach,
	.own_filter = ptrace_own_filter,
	.clone_call = untraced_clone,
};
