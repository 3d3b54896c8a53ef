/*
 * tcb.h - the tracer's table of traced threads (tracee control blocks).
 *
 * Private to tracer/.  Keyed by tid; a slot freed when its thread is gone is
 * reused, so a pointer is valid only until the next tcb_del().
 */
#ifndef SCTUI_TCB_H
#define SCTUI_TCB_H

#include <stdint.h>
#include <sys/types.h>

#include "idmap.h"

/*
 * At most this many comm_fd open at once: a program's processes cannot
 * take the tracer's descriptors.
 */
#define TCB_FDS		256

struct tcb {
	pid_t		tid;		/* 0: free slot */
	pid_t		tgid;
	pid_t		ppid;		/* parent process, leaders only */
	uint32_t	flags;
#define TCB_NEW		0x01		/* auto-attached, first stop not seen */
#define TCB_ANNOUNCED	0x02		/* SPAWN/ATTACH emitted */
#define TCB_PRE_EXEC	0x04		/* the root before its first exec */
#define TCB_LISTENING	0x08		/* in group-stop, PTRACE_LISTEN'd */
#define TCB_DETACHING	0x10		/* interrupted so it can be detached */
#define TCB_SYSCALL	0x20		/* under a filter of its own: followed
					   with PTRACE_SYSCALL, counted at
					   entry stops (fast path) */
#define TCB_TO_SYSCALL	0x40		/* TCB_SYSCALL from its next restart */
#define TCB_EXIT_CHECK	0x80		/* clone3: check the child at exit */
#define TCB_SYNCING	0x100		/* interrupted for a TSYNC filter */
#define TCB_HELD	0x200		/* its TSYNC filter waits for those */
#define TCB_SERVES	0x400		/* leaders: the process serves
					   (tracer_serves()) */
#define TCB_RETURN	0x800		/* its call's RETURN is owed: followed
					   to the exit stop (ret_nr) */
	int		deny_errno;	/* set the return at the exit stop */
	pid_t		last_child;	/* from its last fork/clone event */
	uint64_t	since;		/* leaders: when announced or exec'd
					   (event clock) */
	int32_t		ret_nr;		/* TCB_RETURN: the call's number */
	char		comm[16];	/* NOTIFY mode, leaders: the name seen */
	int		comm_fd;	/* NOTIFY mode, leaders: /proc/TID/comm held
				   open (tcb_del() closes it); -1: none */
	uint32_t	next_free;	/* free list: index + 1, 0 ends */
};

struct tcb_table {
	struct tcb	*slots;
	uint32_t	 nslots, cap;
	uint32_t	 free_head;	/* index + 1 of a free slot; 0: none */
	uint32_t	 live;
	uint32_t	 nfds;		/* comm_fd held open, at most TCB_FDS */
	struct idmap	 bytid;
};

struct tcb	*tcb_get(struct tcb_table *t, pid_t tid);
/* A new entry for tid, which must not be in the table. */
struct tcb	*tcb_add(struct tcb_table *t, pid_t tid, pid_t tgid);
void		 tcb_del(struct tcb_table *t, struct tcb *c);
void		 tcb_table_free(struct tcb_table *t);

/* Iterate: for (c = tcb_first(t); c; c = tcb_next(t, c)) */
struct tcb	*tcb_first(struct tcb_table *t);
struct tcb	*tcb_next(struct tcb_table *t, struct tcb *c);

#endif
