/*
 * stack.c - the user-space stack of a call's first occurrence.
 *
 * Called by tracer.c for every reported call (and by unotify.c before it
 * answers the caller): a lookup in two maps (three per process) decides
 * whether this (arch, nr) was already seen in this executable (or in this
 * process, with --stacks=process), so later occurrences cost two or three
 * hash probes.  At a first occurrence of a thread that is ptrace-stopped
 * (the fast path and PTRACE_SYSCALL: it is already stopped at the call),
 * libdw unwinds it (its CFI, or frame pointers); under seccomp user
 * notification, where the caller waits for sctui's answer but is not
 * ptrace-stopped, its stack memory is scanned for return addresses (at
 * most STACK_SCAN_BYTES).  Each frame is named: module, function+offset,
 * source file:line when debug information is installed.  Tracee memory is
 * only handed to libdw or compared with call opcodes; at most
 * STACKS_FRAMES frames are kept, and the names are stored as they are and
 * escaped by whoever shows them.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef HAVE_LIBDW
#include <elfutils/libdwfl.h>
#endif

#include "idmap.h"
#include "stacks.h"
#include "tracer-int.h"
#include "xalloc.h"

struct stack_seen {
	struct idmap	  exe_of;	/* tgid -> index + 1 in exes; 0: not
					   read since its last exec */
	struct idmap	  first;	/* (owner, arch slot, nr) -> 1: captured */
	char		**exes;
	uint32_t	  nexes;
	/*
	 * opts.stacks_per_process: a stack's owner is the process image
	 * (a process from its start or its latest exec), numbered in
	 * order: tgid -> image + 1, 0 until its next first occurrence.
	 * Otherwise the owner is the executable's index in exes.
	 */
	struct idmap	  image_of;
	uint32_t	  nimages;
#ifdef HAVE_LIBDW
	/*
	 * libdw's view of the last process unwound, kept for its next first
	 * occurrences: its files are opened and their debug information read
	 * once, not at every stack.  Dropped when that process execs or its
	 * pid is reused.
	 */
	Dwfl		 *dwfl;
	pid_t		  dwfl_pid;
	int		  dwfl_attached;	/* dwfl_linux_proc_attach'd */
#endif
};

#define STACK_NR_BITS	11
#define STACK_OWNER_MAX	(1u << (32 - 2 - STACK_NR_BITS))

void
stack_seen_free(struct stack_seen *s)
{
	uint32_t i;

	if (s == NULL)
		return;
	idmap_free(&s->exe_of);
	idmap_free(&s->first);
	idmap_free(&s->image_of);
	for (i = 0; i < s->nexes; i++)
		free(s->exes[i]);
	free(s->exes);
#ifdef HAVE_LIBDW
	if (s->dwfl != NULL)
		dwfl_end(s->dwfl);
#endif
	free(s);
}

void
stack_event(struct tracer *t, const struct sc_event *ev)
{
	if (t->seen == NULL || (ev->flags & SC_EVF_THREAD))
		return;
	if (idmap_get(&t->seen->exe_of, (uint32_t)ev->tgid) != IDMAP_NONE)
		idmap_put(&t->seen->exe_of, (uint32_t)ev->tgid, 0);
	if (idmap_get(&t->seen->image_of, (uint32_t)ev->tgid) != IDMAP_NONE)
		idmap_put(&t->seen->image_of, (uint32_t)ev->tgid, 0);
#ifdef HAVE_LIBDW
	if (t->seen->dwfl != NULL && t->seen->dwfl_pid == ev->tgid) {
		dwfl_end(t->seen->dwfl);
		t->seen->dwfl = NULL;
	}
#endif
}

/* The index of tgid's executable in s->exes, or -1 if it is gone. */
static int32_t
exe_index(struct stack_seen *s, pid_t tgid)
{
	char link[64], path[4096];
	uint32_t v = idmap_get(&s->exe_of, (uint32_t)tgid), i;
	ssize_t n;

	if (v != IDMAP_NONE && v != 0)
		return (int32_t)(v - 1);
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)tgid);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return -1;
	path[n] = '\0';
	for (i = 0; i < s->nexes; i++)
		if (strcmp(s->exes[i], path) == 0)
			break;
	if (i == s->nexes) {
		if (s->nexes >= STACK_OWNER_MAX)
			return -1;
		s->exes = xreallocarray(s->exes, s->nexes + 1,
		    sizeof(*s->exes));
		s->exes[s->nexes++] = xstrdup(path);
	}
	idmap_put(&s->exe_of, (uint32_t)tgid, i + 1);
	return (int32_t)i;
}

/*
 * Whose first occurrences tgid's calls are, running executable exe: exe
 * itself, or with per_process the process image (numbered here at its
 * first call); -1 past STACK_OWNER_MAX images.
 */
static int32_t
owner_of(struct stack_seen *s, pid_t tgid, int32_t exe, int per_process)
{
	uint32_t v;

	if (!per_process)
		return exe;
	v = idmap_get(&s->image_of, (uint32_t)tgid);
	if (v != IDMAP_NONE && v != 0)
		return (int32_t)(v - 1);
	if (s->nimages >= STACK_OWNER_MAX)
		return -1;
	idmap_put(&s->image_of, (uint32_t)tgid, ++s->nimages);
	return (int32_t)(s->nimages - 1);
}

#ifdef HAVE_LIBDW
struct stack_walk {
	Dwfl		*dwfl;
	struct stack	*k;
	const char	*exe;
	int		 entry;		/* the last frame is where a process or
					   thread starts: the stack ends there */
};

/* Where a process or a thread starts: nothing is above it. */
static int
is_entry(const char *fn)
{
	static const char *const entries[] = {
		"_start", "__clone", "__clone3", "clone", "clone3",
		"start_thread",
	};
	size_t i;

	for (i = 0; fn != NULL && i < sizeof(entries) / sizeof(*entries); i++)
		if (strcmp(fn, entries[i]) == 0)
			return 1;
	return 0;
}

/* The last part of a path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/*
 * The module mapped at addr, or NULL.  dwfl_addrmodule() alone also
 * answers for addresses past the last module's end (the stack's, above
 * ld.so here: a saved frame pointer would pass for a return address).
 */
static Dwfl_Module *
module_at(Dwfl *dwfl, Dwarf_Addr addr)
{
	Dwfl_Module *mod = dwfl_addrmodule(dwfl, addr);
	Dwarf_Addr start, end;

	if (mod == NULL || dwfl_module_info(mod, NULL, &start, &end, NULL,
	    NULL, NULL, NULL) == NULL || addr < start || addr >= end)
		return NULL;
	return mod;
}

/*
 * Names the frame at pc (activation: the interrupted instruction itself,
 * not a return address) and appends it to w->k.  Returns 0, or -1 when
 * the stack must end there (noted in w->k).
 */
static int
name_frame(struct stack_walk *w, Dwarf_Addr pc, bool activation)
{
	Dwarf_Addr at, start = 0;
	Dwfl_Module *mod;
	Dwfl_Line *line;
	const char *mname, *fn, *src;
	GElf_Off off = 0;
	GElf_Sym sym;
	char text[512];
	int lineno = 0, n;

	/* A return address points after the call: name the call itself. */
	at = activation || pc == 0 ? pc : pc - 1;
	mod = module_at(w->dwfl, at);
	if (mod == NULL) {
		snprintf(text, sizeof(text), "0x%llx", (unsigned long long)pc);
		stacks_frame(w->k, pc, text, 0);
		stacks_note(w->k, "a frame outside any mapped file (JIT or "
		    "anonymous code): the stack ends there");
		return -1;
	}
	mname = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL,
	    NULL);
	if (mname == NULL)
		mname = "?";
	fn = dwfl_module_addrinfo(mod, at, &off, &sym, NULL, NULL, NULL);
	w->entry = is_entry(fn);
	if (fn != NULL)
		n = snprintf(text, sizeof(text), "%s %s+0x%llx",
		    base_name(mname), fn, (unsigned long long)(off +
		    (at != pc)));
	else
		n = snprintf(text, sizeof(text), "%s+0x%llx",
		    base_name(mname), (unsigned long long)(pc - start));
	line = dwfl_module_getsrc(mod, at);
	src = line != NULL ? dwfl_lineinfo(line, NULL, &lineno, NULL, NULL,
	    NULL) : NULL;
	if (src != NULL && n > 0 && (size_t)n < sizeof(text))
		snprintf(text + n, sizeof(text) - (size_t)n, " %s:%d",
		    base_name(src), lineno);
	if (stacks_frame(w->k, pc, text, strcmp(mname, w->exe) == 0) < 0) {
		stacks_note(w->k, "more frames than kept");
		return -1;
	}
	return w->k->nframes >= STACKS_FRAMES ? -1 : 0;
}

static int
walk_frame(Dwfl_Frame *state, void *arg)
{
	struct stack_walk *w = arg;
	Dwarf_Addr pc;
	bool activation;

	if (!dwfl_frame_pc(state, &pc, &activation)) {
		stacks_note(w->k, "the unwinder found no return address");
		return DWARF_CB_ABORT;
	}
	return name_frame(w, pc, activation) < 0 ? DWARF_CB_ABORT :
	    DWARF_CB_OK;
}

#define STACK_SCAN_BYTES	8192	/* of the stack read under NOTIFY */

/* len bytes of tid's memory at addr into buf; how many were read. */
static size_t
peek(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);

	return n > 0 ? (size_t)n : 0;
}

/*
 * Does ret follow a call instruction in tid's code: E8 rel32, or FF /2
 * (an indirect call, 2 to 7 bytes)?  What a return address looks like.
 */
static int
after_call(pid_t tid, uint64_t ret)
{
	unsigned char b[7];
	int i;

	if (ret < sizeof(b) || peek(tid, ret - sizeof(b), b, sizeof(b)) !=
	    sizeof(b))
		return 0;
	if (b[2] == 0xe8)
		return 1;
	for (i = 0; i <= 5; i++)
		if (b[i] == 0xff && ((b[i + 1] >> 3) & 7) == 2)
			return 1;
	return 0;
}

/*
 * Under seccomp user notification the caller waits in the kernel, not in
 * a ptrace stop, so libdw cannot take its registers: /proc gives its pc
 * and sp, and the words above sp that are return addresses into mapped
 * code (after a call instruction) are taken as the frames.  Best effort:
 * a stale return address may show, and the note says so.
 */
static void
scan(struct stack_walk *w, pid_t tgid, pid_t tid)
{
	char path[64], line[512];
	unsigned long long sp, pc;
	uint64_t *words;
	size_t n, i;
	FILE *f;
	long nr;
	int ok;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", (int)tgid,
	    (int)tid);
	if ((f = fopen(path, "re")) == NULL) {
		stacks_note(w->k, "not captured: the caller's registers "
		    "could not be read (/proc/PID/syscall)");
		return;
	}
	ok = fgets(line, sizeof(line), f) != NULL && sscanf(line,
	    "%ld %*x %*x %*x %*x %*x %*x %llx %llx", &nr, &sp, &pc) == 3;
	fclose(f);
	if (!ok) {
		stacks_note(w->k, "not captured: the caller was not blocked "
		    "in its call");
		return;
	}
	if (name_frame(w, pc, true) < 0)
		return;
	words = xmalloc(STACK_SCAN_BYTES);
	n = peek(tid, sp, words, STACK_SCAN_BYTES) / sizeof(*words);
	for (i = 0; i < n && w->k->nframes < STACKS_FRAMES; i++)
		if (words[i] > 1 && module_at(w->dwfl, words[i] - 1) &&
		    after_call(tid, words[i]) &&
		    (name_frame(w, words[i], false) < 0 || w->entry))
			break;
	free(words);
	stacks_note(w->k, "scanned from the stack: under a profile (seccomp "
	    "user notification) sctui does not stop the caller, so a frame "
	    "may be a stale return address");
}

/*
 * libdw's view of tgid, with its mappings as they are now: s's cached one
 * when it is of tgid, else a new one.  NULL (noted in k) if it fails.
 */
static Dwfl *
dwfl_of(struct stack_seen *s, struct stack *k, pid_t tgid)
{
	/*
	 * Installed debug information only (/usr/lib/debug): libdw asks a
	 * debuginfod server only when DEBUGINFOD_URLS is set.
	 */
	static char *debuginfo_path = NULL;
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.debuginfo_path = &debuginfo_path,
	};

	if (s->dwfl != NULL && s->dwfl_pid != tgid) {
		dwfl_end(s->dwfl);
		s->dwfl = NULL;
	}
	if (s->dwfl == NULL) {
		if ((s->dwfl = dwfl_begin(&callbacks)) == NULL) {
			stacks_note(k, "libdw could not start");
			return NULL;
		}
		s->dwfl_pid = tgid;
		s->dwfl_attached = 0;
	} else
		/*
		 * A module mapped again where it was is kept with what was
		 * read of it; one unmapped since is dropped, so that code
		 * mapped at its place (a JIT's) is not named after it.
		 */
		dwfl_report_begin(s->dwfl);
	/* Mappings change (dlopen): read them again each time. */
	if (dwfl_linux_proc_report(s->dwfl, tgid) != 0 ||
	    dwfl_report_end(s->dwfl, NULL, NULL) != 0) {
		stacks_note(k, "the process's mappings could not be read");
		dwfl_end(s->dwfl);
		s->dwfl = NULL;
		return NULL;
	}
	return s->dwfl;
}

/*
 * The stack of thread tid of tgid into k: unwound when sctui holds it in
 * a ptrace stop (stopped), else scanned (scan()).
 */
static void
unwind(struct stack_seen *s, struct stack *k, pid_t tgid, pid_t tid,
    const char *exe, int stopped)
{
	struct stack_walk w = { .k = k, .exe = exe };
	char note[256];
	int rc;

	if ((w.dwfl = dwfl_of(s, k, tgid)) == NULL)
		return;
	if (!stopped) {
#if defined(__x86_64__)
		scan(&w, tgid, tid);
#else
		stacks_note(k, "not captured: under a profile (seccomp user "
		    "notification) sctui does not stop the caller");
#endif
		return;
	}
	if (!s->dwfl_attached) {
		if (dwfl_linux_proc_attach(w.dwfl, tgid, true) != 0) {
			stacks_note(k, "libdw could not follow the process");
			return;
		}
		s->dwfl_attached = 1;
	}
	rc = dwfl_getthread_frames(w.dwfl, tid, walk_frame, &w);
	if (rc < 0 && k->note == NULL && !w.entry) {
		snprintf(note, sizeof(note), "the unwinder stopped: %s",
		    dwfl_errmsg(-1));
		stacks_note(k, note);
	}
}
#endif

int
tracer_stacks_supported(void)
{
#ifdef HAVE_LIBDW
	return getenv("SCTUI_NO_LIBDW") == NULL;
#else
	return 0;
#endif
}

void
stack_call(struct tracer *t, const struct tcb *c, const struct sc_event *ev,
    int stopped)
{
	struct stack_seen *s;
	struct stack *k;
	int nr = ev->nr, slot;
	int32_t exe, owner;
	uint32_t key;

	/* Before its first exec the root runs sctui's code, not the program's. */
	if (t->opts.stacks == NULL || (c->flags & TCB_PRE_EXEC))
		return;
	slot = tracer_arch_slot(ev->arch, &nr);
	if (slot < 0 || nr < 0 || nr >= (1 << STACK_NR_BITS))
		return;
	if (t->seen == NULL)
		t->seen = xcalloc(1, sizeof(*t->seen));
	s = t->seen;
	if ((exe = exe_index(s, c->tgid)) < 0)
		return;		/* gone: nothing to unwind */
	if ((owner = owner_of(s, c->tgid, exe, t->opts.stacks_per_process)) < 0)
		return;
	key = (uint32_t)owner << (2 + STACK_NR_BITS) |
	    (uint32_t)slot << STACK_NR_BITS | (uint32_t)nr;
	if (idmap_get(&s->first, key) != IDMAP_NONE)
		return;
	idmap_put(&s->first, key, 1);
	k = stacks_begin(ev->arch, ev->nr, c->tgid, s->exes[exe]);
#ifdef HAVE_LIBDW
	unwind(s, k, c->tgid, c->tid, s->exes[exe], stopped);
#else
	(void)stopped;
	stacks_note(k, "not captured: this sctui was built without libdw");
#endif
	stacks_add(t->opts.stacks, k);
}
