/*
 * stacks.h - the user-space stacks of calls' first occurrences.
 *
 * The tracer (tracer/stack.c) captures the stack of a thread at the first
 * occurrence of each (arch, syscall) per executable (or per process, with
 * --stacks=process), names its frames and adds it here; the front ends
 * (batch --stacks, the UI's details pane, sessions) read them.  One producer, any number of readers: a stack is
 * complete before stacks_add() publishes it (release), and stacks_count()
 * (acquire) only counts published ones, so readers need no lock.  The
 * store is bounded: past STACKS_MAX stacks, more are dropped and counted.
 */
#ifndef SCTUI_STACKS_H
#define SCTUI_STACKS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define STACKS_FRAMES	32		/* frames kept per stack */
#define STACKS_MAX	8192		/* stacks kept per trace */

struct stack_frame {
	uint64_t	 pc;
	char		*text;		/* "module function+0xoff file:line" */
	uint8_t		 program;	/* in the executable, not a library */
};

struct stack {
	uint32_t		 arch;	/* AUDIT_ARCH_* */
	int32_t			 nr;
	int32_t			 tgid;	/* the process that made the call */
	char			*exe;	/* the executable's path */
	char			*note;	/* why it ends early, or NULL */
	uint32_t		 nframes;
	struct stack_frame	 frames[STACKS_FRAMES];
};

struct stacks {
	struct stack	*items[STACKS_MAX];
	_Atomic uint32_t n;		/* published */
	uint32_t	 dropped;	/* the store was full */
};

/* An empty store; stacks_free() releases it and every stack in it. */
struct stacks	*stacks_new(void);
void		 stacks_free(struct stacks *s);

/*
 * A new stack for arch, nr, tgid and exe (copied), no frames yet: fill it
 * with stacks_frame() and stacks_note(), then stacks_add() it, or
 * stacks_discard() it.
 */
struct stack	*stacks_begin(uint32_t arch, int32_t nr, int32_t tgid,
		    const char *exe);
/* Appends a frame (text copied); 0, or -ENOSPC past STACKS_FRAMES. */
int		 stacks_frame(struct stack *k, uint64_t pc, const char *text,
		    int program);
/* Why the stack ends where it does (copied); the last note wins. */
void		 stacks_note(struct stack *k, const char *note);
void		 stacks_discard(struct stack *k);
/*
 * Publishes k, which s then owns; 0, or -ENOSPC if s is full (k is freed
 * and counted as dropped).  The producer's thread only.
 */
int		 stacks_add(struct stacks *s, struct stack *k);

/*
 * How many of s's stacks (NULL: none) are of the call sysid (sysname.h):
 * one per executable (or process) that made it, in the order they did.  With out, *out is the pick-th of them
 * (pick modulo that number), or NULL when there is none.
 */
uint32_t	 stacks_of_call(const struct stacks *s, uint32_t sysid,
		    uint32_t pick, const struct stack **out);

/* How many stacks are published; any thread. */
uint32_t	 stacks_count(const struct stacks *s);
/* Stack i < stacks_count(); valid as long as s. */
const struct stack *stacks_get(const struct stacks *s, uint32_t i);

/*
 * Writes every stack to f, by call name, executable, then pid: a line naming
 * the call, its arch, the executable and the process, then one line a
 * frame, innermost first ("*" marks the executable's own frames), then
 * the note if any.  Names from the tracee are escaped (escape.h).
 */
void		 stacks_print(const struct stacks *s, FILE *f);

/*
 * --stats' rows for s, in stacks_print()'s order, tab-separated: one
 * "stack ARCH CALL PID EXE FRAMES NOTE" ("-": none), then one
 * "frame ARCH CALL PID DEPTH program|library TEXT" a frame, innermost
 * (depth 0) first.
 */
void		 stacks_tsv(const struct stacks *s, FILE *f);

#endif
