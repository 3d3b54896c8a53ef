/*
 * session-test.c - sessions round trip (model -> JSON -> model gives the
 * same model, and the same JSON again), malformed sessions give one-line
 * errors naming the place, a plain profile opens as zero-count rows; and
 * escape_name() never lets a control byte or invalid UTF-8 through.
 * First stacks (--stacks) round trip too, names not in UTF-8 included,
 * and a version 3 session, which has none, still opens.
 */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "escape.h"
#include "events.h"
#include "idmap.h"
#include "model.h"
#include "profile.h"
#include "session.h"
#include "stacks.h"
#include "sysname.h"
#include "tap.h"
#include "xalloc.h"

/* A model with a tree, execs, threads, phases, exits, toggles, denials. */
static struct model *
build(void)
{
	struct model *m = model_new(NULL);
	uint32_t x = SCMP_ARCH_X86_64;
	int i;

	spawn(m, 100, 1, "sh", SC_EVF_ROOT);
	emit(m, SC_EV_EXEC, 100, 100, 100, "server");
	for (i = 0; i < 5; i++)
		call(m, 100, 100, "read");
	call(m, 100, 100, "epoll_wait");	/* serving */
	call(m, 100, 100, "read");
	spawn(m, 101, 100, "worker\twith\ttabs", 0);
	thread(m, 102, 101);
	call(m, 101, 101, "uname");
	call_args(m, 101, 101, "socket", AF_INET, SOCK_STREAM, 0);
	call_args(m, 100, 100, "socket", AF_INET, SOCK_DGRAM, 0);
	for (i = 0; i < MODEL_ARG_MAX + 3; i++)
		call_args(m, 101, 101, "ioctl", 0, 0x10000 + i, 0);
	call_as(m, 101, 101, x, "uname", SC_EV_DENIED);
	call_as(m, 101, 101, SCMP_ARCH_X86, "getpid", SC_EV_SYSCALL);
	emit(m, SC_EV_EXEC, 101, 101, 101, "bad\xff\x01name");
	call(m, 101, 101, "write");
	emit(m, SC_EV_SIGNAL, 100, 100, SIGTERM, NULL);	/* shutdown */
	call(m, 100, 100, "exit_group");
	emit(m, SC_EV_EXIT, 100, 100, 3 << 8, NULL);
	emit(m, SC_EV_EXIT, 102, 101, 0, NULL);
	model_toggle(m, model_sys_find(m, sysname_lookup(x, "uname")),
	    TOGGLE_DENY);
	/* A value of a rule denied; one past the bound cannot be. */
	CHECK(model_toggle_arg(m, model_sys_find(m, sysname_lookup(x,
	    "socket")), 1, SOCK_DGRAM, TOGGLE_DENY) == 0);
	CHECK(model_toggle_arg(m, model_sys_find(m, sysname_lookup(x,
	    "ioctl")), 1, 0x10000, TOGGLE_DENY) == -EPERM);
	CHECK(model_toggle_arg(m, model_sys_find(m, sysname_lookup(x,
	    "socket")), 1, 77, TOGGLE_DENY) == -EINVAL);
	return m;
}

static void
same_model(const struct model *a, const struct model *b)
{
	struct model_totals ta, tb;
	const struct model_proc *p, *q;
	const struct model_sys *s, *t;
	size_t i, j, k;
	int ph;

	CHECK_EQ_U(model_nsys(b), model_nsys(a));
	CHECK_EQ_U(model_nprocs(b), model_nprocs(a));
	if (model_nsys(a) != model_nsys(b) ||
	    model_nprocs(a) != model_nprocs(b))
		return;
	for (i = 0; i < model_nsys(a); i++) {
		s = model_sys(a, (uint32_t)i);
		t = model_sys(b, (uint32_t)i);
		CHECK_EQ_U(t->sysid, s->sysid);
		CHECK_EQ_U(t->total, s->total);
		CHECK_EQ_U(t->nprocs, s->nprocs);
		CHECK_EQ_U(t->first, s->first);
		CHECK_EQ_U(t->last, s->last);
		CHECK_EQ_U(t->denials, s->denials);
		CHECK_EQ_U(t->toggle, s->toggle);
		CHECK_EQ_U(t->flags, s->flags);
		for (ph = 0; ph < PHASE_N; ph++)
			CHECK_EQ_U(t->count[ph], s->count[ph]);
		CHECK_EQ_U(t->nargs, s->nargs);
		for (j = 0; j < s->nargs && j < t->nargs; j++) {
			CHECK_EQ_U(t->args[j].nvals, s->args[j].nvals);
			CHECK_EQ_U(t->args[j].many, s->args[j].many);
			for (k = 0; k < s->args[j].nvals &&
			    k < t->args[j].nvals; k++)
				CHECK_EQ_U(t->args[j].vals[k].toggle,
				    s->args[j].vals[k].toggle);
		}
	}
	for (i = 0; i < model_nprocs(a); i++) {
		p = model_proc(a, (uint32_t)i);
		q = model_proc(b, (uint32_t)i);
		CHECK_EQ_U(q->pid, p->pid);
		CHECK_EQ_U(q->ppid, p->ppid);
		CHECK_EQ_U(q->parent, p->parent);
		CHECK(strcmp(q->name, p->name) == 0);
		CHECK_EQ_U(q->nexecs, p->nexecs);
		for (j = 0; j < p->nexecs && j < q->nexecs; j++)
			CHECK(strcmp(q->execs[j], p->execs[j]) == 0);
		CHECK_EQ_U(q->phase, p->phase);
		CHECK_EQ_U(q->state, p->state);
		CHECK_EQ_U(q->flags, p->flags);
		CHECK_EQ_U((unsigned)q->status, (unsigned)p->status);
		CHECK_EQ_U(q->threads_live, p->threads_live);
		CHECK_EQ_U(q->threads_total, p->threads_total);
		CHECK_EQ_U(q->born, p->born);
		CHECK_EQ_U(q->ended, p->ended);
		CHECK_EQ_U(q->calls, p->calls);
		CHECK_EQ_U(q->signals, p->signals);
		for (ph = 0; ph < PHASE_N; ph++)
			CHECK_EQ_U(q->phase_since[ph], p->phase_since[ph]);
		CHECK_EQ_U(q->nstats, p->nstats);
		for (j = 0; j < p->nstats && j < q->nstats; j++) {
			CHECK_EQ_U(q->stats[j].sys, p->stats[j].sys);
			CHECK_EQ_U(q->stats[j].first, p->stats[j].first);
			CHECK_EQ_U(q->stats[j].last, p->stats[j].last);
			for (ph = 0; ph < PHASE_N; ph++)
				CHECK_EQ_U(q->stats[j].count[ph],
				    p->stats[j].count[ph]);
		}
	}
	model_totals(a, &ta);
	model_totals(b, &tb);
	CHECK(memcmp(&ta, &tb, sizeof(ta)) == 0);
	/* The newest record of a pid is found again. */
	CHECK(model_proc_by_pid(b, 101) != NULL &&
	    model_proc_by_pid(b, 101)->id == model_proc_by_pid(a, 101)->id);
}

static void
meta_init(struct session_meta *meta)
{
	static char *arches[] = { "x86_64", "x86", "x32", NULL };

	memset(meta, 0, sizeof(*meta));
	meta->command = "server --port 80 \\x01";
	meta->cmdname = "server";
	meta->mode = "seccomp fast path";
	meta->arches = arches;
	meta->start = 4999999000ull;
	meta->saved = now + 5;
	meta->root_status = 3 << 8;
}

/* Two first stacks: one of the program, one cut short with a note. */
static struct stacks *
stacks_build(void)
{
	struct stacks *s = stacks_new();
	struct stack *k;

	k = stacks_begin(SCMP_ARCH_X86_64, 110, 100, "/usr/bin/server");
	stacks_frame(k, 0x7f0000001234ull, "libc.so.6 getppid+0x9", 0);
	stacks_frame(k, 0x401000ull, "server make_call_from_here+0x10 "
	    "h.c:16", 1);
	CHECK(stacks_add(s, k) == 0);
	k = stacks_begin(SCMP_ARCH_X86, 20, 101, "/bin/bad\xff");
	stacks_frame(k, 0x8048000ull, "bad\xff\x01 f+0x1", 1);
	stacks_note(k, "a frame outside any mapped file");
	CHECK(stacks_add(s, k) == 0);
	return s;
}

static void
same_stacks(const struct stacks *a, const struct stacks *b)
{
	const struct stack *x, *y;
	uint32_t i, j;

	CHECK_EQ_U(stacks_count(b), stacks_count(a));
	for (i = 0; i < stacks_count(a) && i < stacks_count(b); i++) {
		x = stacks_get(a, i);
		y = stacks_get(b, i);
		CHECK_EQ_U(y->arch, x->arch);
		CHECK_EQ_U((unsigned)y->nr, (unsigned)x->nr);
		CHECK_EQ_U((unsigned)y->tgid, (unsigned)x->tgid);
		CHECK(strcmp(y->exe, x->exe) == 0);
		CHECK((x->note == NULL) == (y->note == NULL));
		CHECK(x->note == NULL || y->note == NULL ||
		    strcmp(x->note, y->note) == 0);
		CHECK_EQ_U(y->nframes, x->nframes);
		for (j = 0; j < x->nframes && j < y->nframes; j++) {
			CHECK_EQ_U(y->frames[j].pc, x->frames[j].pc);
			CHECK(strcmp(y->frames[j].text,
			    x->frames[j].text) == 0);
			CHECK_EQ_U(y->frames[j].program,
			    x->frames[j].program);
		}
	}
}

static void
test_round_trip(void)
{
	struct model *a = build(), *b = NULL;
	struct session_meta meta, back;
	char *t1, *t2, err[512] = "";
	int rc;

	meta_init(&meta);
	meta.stacks = stacks_build();
	t1 = session_write(a, &meta);
	CHECK(strstr(t1, "\"format\": \"sctui-session\"") != NULL);
	CHECK(strstr(t1, "\"version\": 4") != NULL);
	CHECK(strstr(t1, "\"toggle\": \"deny\"\n") != NULL);
	rc = session_read(t1, strlen(t1), "t.json", NULL, &b, &back, err,
	    sizeof(err));
	if (rc != 0)
		fprintf(stderr, "session_read: %s\n", err);
	CHECK(rc == 0);
	if (rc != 0) {
		free(t1);
		model_free(a);
		return;
	}
	same_model(a, b);
	CHECK(strcmp(back.command, meta.command) == 0);
	CHECK(strcmp(back.cmdname, meta.cmdname) == 0);
	CHECK(strcmp(back.mode, meta.mode) == 0);
	CHECK(back.arches[0] != NULL && strcmp(back.arches[2], "x32") == 0 &&
	    back.arches[3] == NULL);
	CHECK_EQ_U(back.start, meta.start);
	CHECK_EQ_U(back.saved, meta.saved);
	CHECK_EQ_U((unsigned)back.root_status, (unsigned)meta.root_status);
	CHECK(!back.from_profile);
	CHECK(back.stacks != NULL);
	if (back.stacks != NULL)
		same_stacks(meta.stacks, back.stacks);
	/* The same bytes again: nothing lost, nothing reordered. */
	t2 = session_write(b, &back);
	CHECK(strcmp(t1, t2) == 0);
	free(t1);
	free(t2);
	stacks_free(meta.stacks);
	session_meta_free(&back);
	model_free(a);
	model_free(b);
}

/* A version 2 session, without the values' toggles, opens: all allowed. */
static void
test_version2(void)
{
	struct model *a = build(), *b = NULL;
	struct session_meta meta, back;
	const struct model_sys *s;
	char *t, *v, err[512] = "";
	uint32_t i, j, k, denied = 0;

	meta_init(&meta);
	t = session_write(a, &meta);
	v = strstr(t, "\"version\": 4");
	CHECK(v != NULL);
	if (v != NULL)
		v[11] = '2';
	CHECK(session_read(t, strlen(t), "t.json", NULL, &b, &back, err,
	    sizeof(err)) == 0);
	for (i = 0; b != NULL && i < model_nsys(b); i++) {
		s = model_sys(b, i);
		for (j = 0; j < s->nargs; j++)
			for (k = 0; k < s->args[j].nvals; k++)
				denied += s->args[j].vals[k].toggle ==
				    TOGGLE_DENY;
	}
	CHECK(b != NULL && denied == 0);
	if (b != NULL)
		session_meta_free(&back);
	free(t);
	model_free(a);
	model_free(b);
}

/* A version 3 session, written before stacks were kept, opens without. */
static void
test_version3(void)
{
	struct model *a = build(), *b = NULL;
	struct session_meta meta, back;
	char *t, *v, err[512] = "";

	meta_init(&meta);
	t = session_write(a, &meta);
	v = strstr(t, "\"version\": 4");
	CHECK(v != NULL);
	if (v != NULL)
		v[11] = '3';
	CHECK(session_read(t, strlen(t), "t.json", NULL, &b, &back, err,
	    sizeof(err)) == 0);
	CHECK(b != NULL && back.stacks == NULL);
	if (b != NULL) {
		same_model(a, b);
		session_meta_free(&back);
	}
	free(t);
	model_free(a);
	model_free(b);
}

/* session_read() of text must fail with an error containing want. */
static void
bad(const char *text, const char *want, int want_rc)
{
	struct model *m = (struct model *)1;
	struct session_meta meta;
	char err[512] = "";
	int rc;

	rc = session_read(text, strlen(text), "s.json", NULL, &m, &meta, err,
	    sizeof(err));
	CHECK(rc == want_rc);
	CHECK(m == NULL);
	CHECK(strchr(err, '\n') == NULL);
	if (strstr(err, want) == NULL) {
		tap_fail++;
		fprintf(stderr, "error \"%s\" lacks \"%s\"\n", err, want);
	} else
		tap_pass++;
}

/* t, its first find overwritten with repl at offset off, must fail: want. */
static void
bad_edit(const char *t, const char *find, size_t off, const char *repl,
    const char *want)
{
	char *u = xstrdup(t), *p = strstr(u, find);

	CHECK(p != NULL);
	if (p != NULL) {
		xmemcpy(p + off, repl, strlen(repl));
		bad(u, want, -EINVAL);
	}
	free(u);
}

static void
test_errors(void)
{
	struct model *a = build();
	struct session_meta meta;
	char *t;

	bad("{\n \"format\": \"sctui-session\",\n \"version\": 1,,\n}",
	    "s.json:3:15: ", -EINVAL);
	bad("[1, 2]", "s.json: $: expected an object", -EINVAL);
	bad("{\"defaultAction\": \"SCMP_ACT_ERRNO\"}", "no \"format\"",
	    -ENOMSG);
	bad("{\"format\": \"other\"}", "s.json: format: expected "
	    "\"sctui-session\"", -EINVAL);
	bad("{\"format\": \"sctui-session\", \"version\": 5}",
	    "s.json: version: 5 is not supported", -EINVAL);

	/* Errors deep in a valid document name their JSON path. */
	meta_init(&meta);
	t = session_write(a, &meta);
	bad_edit(t, "\n     \"count\": [", 6, "\"cnt\"  ", "s.json: "
	    "processes[0].syscalls[0].count: expected an array of 3 numbers");
	bad_edit(t, "\"count\": [", 0, "\"cnt\"  ", "s.json: syscalls[3]."
	    "args[0].values[0].count: expected an array of 3 numbers");
	bad_edit(t, "\"value\": 1,", 9, "2", "s.json: syscalls[3].args[1]."
	    "values[1]: the value 2 is listed twice");
	bad_edit(t, "\"more\": false", 8, "0    ", "s.json: syscalls[3]."
	    "args[0].values[0].more: expected true or false");
	bad_edit(t, "\"toggle\": \"allow\"\n", 11, "maybe", "s.json: "
	    "syscalls[3].args[0].values[0].toggle: expected \"allow\" or "
	    "\"deny\"");
	bad_edit(t, "\"arg\": 0", 7, "3", "s.json: syscalls[3].args[0]: "
	    "not an argument sctui records for socket");
	bad_edit(t, "\"name\": \"read\"", 9, "rexd", "s.json: syscalls[0].name: "
	    "\"rexd\" is not a system call");
	bad_edit(t, "\"state\": \"exited\"", 10, "zombie", "s.json: "
	    "processes[0].state: expected \"live\" or \"exited\"");
	bad_edit(t, "\"attached\": false", 12, "0    ",
	    "s.json: attached: expected true or false");
	free(t);
	model_free(a);
}

static void
test_profile(void)
{
	static const char text[] = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", "
	    "\"syscalls\": [{\"names\": [\"read\", \"write\", \"uname\"], "
	    "\"action\": \"SCMP_ACT_ALLOW\"}, {\"names\": [\"ptrace\"], "
	    "\"action\": \"SCMP_ACT_ERRNO\"}]}";
	struct profile *p = NULL;
	struct model *m;
	char err[512];
	size_t i;
	int seen = 0;

	CHECK(profile_read(text, strlen(text), "p.json", NULL, &p, err,
	    sizeof(err)) >= 0);
	if (p == NULL)
		return;
	m = session_from_profile(p, NULL);
	CHECK_EQ_U(model_nsys(m), 3);
	CHECK_EQ_U(model_nprocs(m), 0);
	for (i = 0; i < model_nsys(m); i++) {
		CHECK_EQ_U(model_sys(m, (uint32_t)i)->total, 0);
		CHECK_EQ_U(model_sys(m, (uint32_t)i)->toggle, TOGGLE_ALLOW);
		seen += strcmp(sysname_name(model_sys(m, (uint32_t)i)->sysid),
		    "ptrace") == 0;
	}
	CHECK(seen == 0);
	model_free(m);
	profile_free(p);
}

static void
esc(const char *in, const char *want, size_t len)
{
	char out[128];

	escape_name(in, out, len);
	if (strcmp(out, want) != 0) {
		tap_fail++;
		fprintf(stderr, "escape_name(\"%s\", %zu) = \"%s\", expected "
		    "\"%s\"\n", in, len, out, want);
	} else
		tap_pass++;
}

static void
test_escape(void)
{
	esc("nginx", "nginx", 128);
	esc("a\tb\nc", "a\\tb\\nc", 128);
	esc("\x01\x1b[2J\x7f", "\\x01\\x1b[2J\\x7f", 128);
	esc("back\\slash", "back\\\\slash", 128);
	esc("caf\xc3\xa9", "caf\xc3\xa9", 128);		/* valid UTF-8 */
	esc("bad\xff\xc3", "bad\\xff\\xc3", 128);		/* invalid */
	esc("\xc2\x85", "\\xc2\\x85", 128);		/* C1 control NEL */
	esc("\xc0\xaf", "\\xc0\\xaf", 128);		/* overlong */
	esc("\xed\xa0\x80", "\\xed\\xa0\\x80", 128);	/* surrogate */
	esc("\xe2\x82", "\\xe2\\x82", 128);		/* cut short */
	/* Bidi controls and invisible characters, each byte escaped. */
	esc("a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb", 128);	/* U+202E RLO */
	esc("\xe2\x80\xaa", "\\xe2\\x80\\xaa", 128);	/* U+202A LRE */
	esc("\xe2\x81\xa6", "\\xe2\\x81\\xa6", 128);	/* U+2066 LRI */
	esc("\xe2\x81\xa9", "\\xe2\\x81\\xa9", 128);	/* U+2069 PDI */
	esc("\xe2\x80\x8e", "\\xe2\\x80\\x8e", 128);	/* U+200E LRM */
	esc("\xe2\x80\x8f", "\\xe2\\x80\\x8f", 128);	/* U+200F RLM */
	esc("\xd8\x9c", "\\xd8\\x9c", 128);		/* U+061C ALM */
	esc("\xef\xbb\xbfx", "\\xef\\xbb\\xbfx", 128);	/* U+FEFF BOM */
	esc("\xe2\x80\xa8", "\\xe2\\x80\\xa8", 128);	/* U+2028 LS */
	/* Their neighbours are visible and pass. */
	esc("\xe2\x80\x90", "\xe2\x80\x90", 128);		/* U+2010 hyphen */
	esc("\xe2\x80\xaf", "\xe2\x80\xaf", 128);		/* U+202F NNBSP */
	esc("\xe2\x81\xaa", "\xe2\x81\xaa", 128);		/* U+206A */
	esc("\xef\xbb\xbe", "\xef\xbb\xbe", 128);		/* U+FEFE */
	/* Cut to fit, never inside an escape or a character. */
	esc("abc\x01", "abc", 6);
	esc("ab\xc3\xa9", "ab", 4);
	esc("abcdef", "abc", 4);
	esc("", "", 1);
}

int
main(void)
{
	test_round_trip();
	test_version2();
	test_version3();
	test_errors();
	test_profile();
	test_escape();
	return tap_done();
}
