/*
 * stack.c - the user-space stack of a call's first occurrence.
 *
 * Called by tracer.c for every reported call: a lookup in two maps decides
 * whether this (arch, nr) was already seen in this executable, so later
 * occurrences cost two hash probes.  At a first occurrence of a thread
 * that is ptrace-stopped (the fast path and PTRACE_SYSCALL: it is already
 * stopped at the call), libdw unwinds it (its CFI, or frame pointers) and
 * names each frame: module, function+offset, source file:line when debug
 * information is installed.  What is read from the tracee is given to
 * libdw only, bounded by STACKS_FRAMES; the names it returns are stored as
 * they are and escaped by whoever shows them.  Under seccomp user
 * notification the caller is not stopped by sctui: the stack is recorded
 * empty, with a note saying so.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	struct idmap	  first;	/* stack_key() -> 1: captured */
	char		**exes;
	uint32_t	  nexes;
};

#define STACK_NR_BITS	11
#define STACK_EXE_MAX	(1u << (32 - 2 - STACK_NR_BITS))

void
stack_seen_free(struct stack_seen *s)
{
	uint32_t i;

	if (s == NULL)
		return;
	idmap_free(&s->exe_of);
	idmap_free(&s->first);
	for (i = 0; i < s->nexes; i++)
		free(s->exes[i]);
	free(s->exes);
	free(s);
}

void
stack_event(struct tracer *t, const struct sc_event *ev)
{
	if (t->seen == NULL || (ev->flags & SC_EVF_THREAD))
		return;
	if (idmap_get(&t->seen->exe_of, (uint32_t)ev->tgid) != IDMAP_NONE)
		idmap_put(&t->seen->exe_of, (uint32_t)ev->tgid, 0);
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
		if (s->nexes >= STACK_EXE_MAX)
			return -1;
		s->exes = xreallocarray(s->exes, s->nexes + 1,
		    sizeof(*s->exes));
		s->exes[s->nexes++] = xstrdup(path);
	}
	idmap_put(&s->exe_of, (uint32_t)tgid, i + 1);
	return (int32_t)i;
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

static int
walk_frame(Dwfl_Frame *state, void *arg)
{
	struct stack_walk *w = arg;
	Dwarf_Addr pc, at, start = 0;
	Dwfl_Module *mod;
	Dwfl_Line *line;
	const char *mname, *fn, *src;
	GElf_Off off = 0;
	GElf_Sym sym;
	char text[512];
	bool activation;
	int lineno = 0, n;

	if (!dwfl_frame_pc(state, &pc, &activation)) {
		stacks_note(w->k, "the unwinder found no return address");
		return DWARF_CB_ABORT;
	}
	/* A return address points after the call: name the call itself. */
	at = activation || pc == 0 ? pc : pc - 1;
	mod = dwfl_addrmodule(w->dwfl, at);
	if (mod == NULL) {
		snprintf(text, sizeof(text), "0x%llx", (unsigned long long)pc);
		stacks_frame(w->k, pc, text, 0);
		stacks_note(w->k, "a frame outside any mapped file (JIT or "
		    "anonymous code): the stack ends there");
		return DWARF_CB_ABORT;
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
		return DWARF_CB_ABORT;
	}
	return w->k->nframes >= STACKS_FRAMES ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/* Unwinds thread tid of tgid, stopped by us, into k. */
static void
unwind(struct stack *k, pid_t tgid, pid_t tid, const char *exe)
{
	/* No debuginfod: installed debug information only. */
	static char *debuginfo_path = NULL;
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.debuginfo_path = &debuginfo_path,
	};
	struct stack_walk w = { .k = k, .exe = exe };
	char note[256];
	int rc;

	w.dwfl = dwfl_begin(&callbacks);
	if (w.dwfl == NULL) {
		stacks_note(k, "libdw could not start");
		return;
	}
	if (dwfl_linux_proc_report(w.dwfl, tgid) != 0 ||
	    dwfl_report_end(w.dwfl, NULL, NULL) != 0) {
		stacks_note(k, "the process's mappings could not be read");
		goto out;
	}
	if (dwfl_linux_proc_attach(w.dwfl, tgid, true) != 0) {
		stacks_note(k, "libdw could not follow the process");
		goto out;
	}
	rc = dwfl_getthread_frames(w.dwfl, tid, walk_frame, &w);
	if (rc < 0 && k->note == NULL && !w.entry) {
		snprintf(note, sizeof(note), "the unwinder stopped: %s",
		    dwfl_errmsg(-1));
		stacks_note(k, note);
	}
out:
	dwfl_end(w.dwfl);
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
	int nr = ev->nr, slot = tracer_arch_slot(ev->arch, &nr);
	int32_t exe;
	uint32_t key;

	/* Before its first exec the root runs sctui's code, not the program's. */
	if (t->opts.stacks == NULL || (c->flags & TCB_PRE_EXEC) || slot < 0 ||
	    nr < 0 || nr >= (1 << STACK_NR_BITS))
		return;
	if (t->seen == NULL)
		t->seen = xcalloc(1, sizeof(*t->seen));
	s = t->seen;
	if ((exe = exe_index(s, c->tgid)) < 0)
		return;		/* gone: nothing to unwind */
	key = (uint32_t)exe << (2 + STACK_NR_BITS) |
	    (uint32_t)slot << STACK_NR_BITS | (uint32_t)nr;
	if (idmap_get(&s->first, key) != IDMAP_NONE)
		return;
	idmap_put(&s->first, key, 1);
	k = stacks_begin(ev->arch, ev->nr, c->tgid, s->exes[exe]);
#ifdef HAVE_LIBDW
	if (stopped)
		unwind(k, c->tgid, c->tid, s->exes[exe]);
	else
		stacks_note(k, "not captured: under a profile (seccomp user "
		    "notification) sctui does not stop the caller");
#else
	(void)stopped;
	stacks_note(k, "not captured: this sctui was built without libdw");
#endif
	stacks_add(t->opts.stacks, k);
}
