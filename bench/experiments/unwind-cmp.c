/*
 * unwind-cmp.c - which unwinder names a stopped tracee's stack faster:
 * elfutils libdw (dwfl_getthread_frames, what tracer/stack.c uses) or
 * libunwind-ptrace (_UPT)?  For doc/performance.md; not part of sctui.
 *
 * Usage: unwind-cmp [N]
 *
 * A child of this program (built -O2 without frame pointers, with unwind
 * tables and debug information: bench/local.mk) descends UNWIND_DEPTH
 * noinline frames and then raises SIGTRAP N times (default 200): each is
 * a ptrace stop at the same deep call, where the unwinders walk the
 * stack and name every frame (function name), in turns.  Each keeps its
 * state from one stop to the next as sctui would: libdw its Dwfl (the
 * mappings read again at every stop, as tracer/stack.c does; "libdw,
 * maps kept" reads them once), libunwind its address space (global
 * caching) and _UPT handle.
 * Prints, for each, the first (cold: setup included) and the median of
 * the later (warm) unwinds in microseconds, the frames found, and the
 * outermost frame's name.
 */
#include <elfutils/libdwfl.h>
#include <libunwind-ptrace.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define UNWIND_DEPTH	20
#define UNWIND_FRAMES	64

int	descend(int n, int stops);

/* n more frames, then stops SIGTRAPs; not a loop, not a tail call. */
__attribute__((noinline, noclone)) int
descend(int n, int stops)
{
	int r = 0, i;

	if (n == 0) {
		for (i = 0; i < stops; i++)
			r += raise(SIGTRAP);
		return r;
	}
	r = descend(n - 1, stops);
	__asm__ volatile("" : "+r"(r) : : "memory");
	return r + 1;
}

struct walk {
	Dwfl	*dwfl;
	int	 n;
	char	 last[128];
};

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
dw_frame(Dwfl_Frame *state, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc, at;
	Dwfl_Module *mod;
	const char *fn = NULL;
	bool act;

	if (!dwfl_frame_pc(state, &pc, &act))
		return DWARF_CB_ABORT;
	at = act || pc == 0 ? pc : pc - 1;
	if ((mod = dwfl_addrmodule(w->dwfl, at)) != NULL)
		fn = dwfl_module_addrname(mod, at);
	snprintf(w->last, sizeof(w->last), "%s", fn != NULL ? fn : "?");
	return ++w->n >= UNWIND_FRAMES ? DWARF_CB_ABORT : DWARF_CB_OK;
}

/*
 * One libdw unwind of pid; *dwfl is created at the first, and its
 * mappings read again at the others if reread.
 */
static void
dw_unwind(Dwfl **dwfl, pid_t pid, int reread, struct walk *w)
{
	static char *debuginfo_path = NULL;
	static const Dwfl_Callbacks cb = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.debuginfo_path = &debuginfo_path,
	};
	int fresh = *dwfl == NULL;

	if (fresh)
		*dwfl = dwfl_begin(&cb);
	if (fresh || reread) {
		if (!fresh)
			dwfl_report_begin(*dwfl);
		if (*dwfl == NULL || dwfl_linux_proc_report(*dwfl, pid) != 0 ||
		    dwfl_report_end(*dwfl, NULL, NULL) != 0 ||
		    (fresh && dwfl_linux_proc_attach(*dwfl, pid, true) != 0)) {
			fprintf(stderr, "unwind-cmp: libdw: %s\n",
			    dwfl_errmsg(-1));
			exit(1);
		}
	}
	w->dwfl = *dwfl;
	dwfl_getthread_frames(*dwfl, pid, dw_frame, w);
}

/* One libunwind-ptrace unwind of pid; *as and *upt made at the first. */
static void
unw_unwind(unw_addr_space_t *as, void **upt, pid_t pid, struct walk *w)
{
	unw_cursor_t c;
	unw_word_t off;
	char fn[128];

	if (*as == NULL) {
		*as = unw_create_addr_space(&_UPT_accessors, 0);
		unw_set_caching_policy(*as, UNW_CACHE_GLOBAL);
		*upt = _UPT_create(pid);
	}
	if (*as == NULL || *upt == NULL || unw_init_remote(&c, *as, *upt) < 0) {
		fprintf(stderr, "unwind-cmp: libunwind could not start\n");
		exit(1);
	}
	do {
		if (unw_get_proc_name(&c, fn, sizeof(fn), &off) < 0)
			snprintf(fn, sizeof(fn), "?");
		snprintf(w->last, sizeof(w->last), "%s", fn);
	} while (++w->n < UNWIND_FRAMES && unw_step(&c) > 0);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *name, double *t, int n, const struct walk *w)
{
	qsort(t + 1, (size_t)(n - 1), sizeof(*t), cmp_double);
	printf("%-18s %10.0f %10.1f %7d  %s\n", name, t[0],
	    n > 1 ? t[1 + (n - 1) / 2] : 0.0, w->n, w->last);
}

#define UNWINDERS	3

static void
unwind(int which, pid_t pid, struct walk *w)
{
	static Dwfl *dwfl[2];
	static unw_addr_space_t as;
	static void *upt;

	memset(w, 0, sizeof(*w));
	if (which < 2)
		dw_unwind(&dwfl[which], pid, which == 0, w);
	else
		unw_unwind(&as, &upt, pid, w);
}

int
main(int argc, char **argv)
{
	static const char *const names[UNWINDERS] = {
		"libdw", "libdw, maps kept", "libunwind-ptrace",
	};
	int n = argc > 1 ? atoi(argv[1]) : 200, i, u, status, stops = 0;
	struct walk w[UNWINDERS];
	double *t[UNWINDERS], t0;
	pid_t pid;

	if (n < 2) {
		fprintf(stderr, "usage: unwind-cmp [N >= 2]\n");
		return 2;
	}
	for (u = 0; u < UNWINDERS; u++)
		if ((t[u] = calloc((size_t)n, sizeof(double))) == NULL)
			return 1;
	if ((pid = fork()) == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		_exit(descend(UNWIND_DEPTH, n) == UNWIND_DEPTH ? 0 : 1);
	}
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		if (WSTOPSIG(status) == SIGTRAP && stops < n) {
			/* In turns: each goes first as often. */
			for (i = 0; i < UNWINDERS; i++) {
				u = (stops + i) % UNWINDERS;
				t0 = now_us();
				unwind(u, pid, &w[u]);
				t[u][stops] = now_us() - t0;
			}
			stops++;
		}
		ptrace(PTRACE_CONT, pid, NULL, NULL);
	}
	if (stops != n || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "unwind-cmp: the child stopped %d times of "
		    "%d, status 0x%x\n", stops, n, status);
		return 1;
	}
	printf("unwind-cmp: %d stops at depth %d (+ libc's raise and main), "
	    "-O2 without frame pointers\n", n, UNWIND_DEPTH);
	printf("%-18s %10s %10s %7s  %s\n", "unwinder", "cold us", "warm us",
	    "frames", "outermost");
	for (u = 0; u < UNWINDERS; u++)
		report(names[u], t[u], n, &w[u]);
	return 0;
}
