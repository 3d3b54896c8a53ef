/*
 * model.c - aggregation of tracer events; see model.h.
 */
#include "config.h"
#include "model.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argspec.h"
#include "idmap.h"
#include "sysname.h"
#include "xalloc.h"

struct model {
	struct model_opts	 opts;
	struct model_proc	**procs;	/* by id; pointers stay put */
	uint32_t		 nprocs, capprocs;
	struct idmap		 bypid;		/* pid -> newest record id */
	struct model_sys	*sys;
	uint32_t		 nsys, capsys;
	struct idmap		 bysysid;	/* sysid -> index in sys */
	struct model_totals	 totals;
};

const char *const phase_default_serve_on[] = {
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll",
	"select", "pselect6", "accept", "accept4", "rt_sigsuspend", "pause",
	"io_uring_enter", NULL
};

/*
 * The argument values a process recorded while it served tentatively, to
 * move back to startup if it goes back (model.h "Phases").
 */
struct model_tent {
	uint32_t	sys;		/* index into the model's syscalls */
	uint32_t	val;		/* index into the argument's values */
	uint8_t		arg;		/* index into the call's arguments */
	uint64_t	n;
};

/*
 * Past this many different values recorded while serving tentatively, a
 * process is taken to be serving for good: what it does is no start-up.
 */
#define MODEL_TENT_MAX	256

/* Waits with a timeout argument whose 0 makes them return at once. */
static const struct {
	const char	*name;
	uint8_t		 arg;
} phase_timeouts[] = {
	{ "epoll_wait", 3 }, { "epoll_pwait", 3 }, { "poll", 2 },
};

const char *
phase_name(enum phase p)
{
	static const char *const names[PHASE_N] = {
		"startup", "serving", "shutdown"
	};

	return p < PHASE_N ? names[p] : "?";
}

uint64_t
phase_default_stop_sigs(void)
{
	return 1ull << SIGTERM | 1ull << SIGINT | 1ull << SIGQUIT |
	    1ull << SIGHUP;
}

struct model *
model_new(const struct model_opts *opts)
{
	struct model *m = xcalloc(1, sizeof(*m));

	if (opts != NULL)
		m->opts = *opts;
	if (m->opts.serve_on == NULL)
		m->opts.serve_on = phase_default_serve_on;
	if (m->opts.stop_sigs == 0)
		m->opts.stop_sigs = phase_default_stop_sigs();
	return m;
}

static void
proc_free(struct model_proc *p)
{
	uint32_t i;

	for (i = 0; i < p->nexecs; i++)
		free(p->execs[i]);
	free(p->execs);
	free(p->stats);
	free(p->tents);
	if (p->statmap != NULL) {
		idmap_free(p->statmap);
		free(p->statmap);
	}
	free(p);
}

void
model_free(struct model *m)
{
	uint32_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < m->nprocs; i++)
		proc_free(m->procs[i]);
	free(m->procs);
	for (i = 0; i < m->nsys; i++) {
		for (j = 0; j < m->sys[i].nargs; j++)
			free(m->sys[i].args[j].vals);
		free(m->sys[i].args);
	}
	free(m->sys);
	idmap_free(&m->bypid);
	idmap_free(&m->bysysid);
	free(m);
}

static struct model_proc *
proc_get(const struct model *m, int32_t pid)
{
	uint32_t id = idmap_get(&m->bypid, (uint32_t)pid);

	return id == IDMAP_NONE ? NULL : m->procs[id];
}

static void
set_name(struct model_proc *p, const char *name)
{
	snprintf(p->name, sizeof(p->name), "%s", name);
}

/* Serving for good (or another phase): nothing to take back any more. */
static void
tent_end(struct model_proc *p)
{
	uint32_t i;

	if (p->tent_since == 0)
		return;
	for (i = 0; i < p->nstats; i++)
		p->stats[i].tent = 0;
	p->ntents = 0;
	p->tent_since = 0;
}

static void
set_phase(struct model_proc *p, enum phase ph, uint64_t ts)
{
	tent_end(p);
	if (p->phase == ph)
		return;
	p->phase = ph;
	p->phase_since[ph] = ts;
}

/* A waiting call, made or seen: serving, tentatively, from ts. */
static void
tent_start(struct model_proc *p, uint64_t ts)
{
	set_phase(p, PHASE_SERVING, ts);
	p->tent_since = ts;
}

static struct model_proc *
proc_new(struct model *m, int32_t pid, int32_t ppid, uint64_t ts)
{
	struct model_proc *p = xcalloc(1, sizeof(*p)), *parent;

	if (m->nprocs == m->capprocs) {
		m->capprocs = m->capprocs ? m->capprocs * 2 : 64;
		m->procs = xreallocarray(m->procs, m->capprocs,
		    sizeof(*m->procs));
	}
	p->id = m->nprocs;
	p->pid = pid;
	p->ppid = ppid;
	p->parent = IDMAP_NONE;
	if (ppid > 0 && (parent = proc_get(m, ppid)) != NULL) {
		p->parent = parent->id;
		memcpy(p->name, parent->name, sizeof(p->name));
	}
	p->phase = PHASE_STARTUP;
	p->phase_since[PHASE_STARTUP] = ts;
	p->born = ts;
	p->threads_live = p->threads_total = 1;
	p->statmap = xcalloc(1, sizeof(struct idmap));
	m->procs[m->nprocs++] = p;
	idmap_put(&m->bypid, (uint32_t)pid, p->id);
	m->totals.procs_live++;
	m->totals.procs_total++;
	m->totals.threads_live++;
	m->totals.threads_total++;
	return p;
}

/* The live record of tgid, made on first sight if the tracer never said. */
static struct model_proc *
proc_live(struct model *m, int32_t tgid, uint64_t ts)
{
	struct model_proc *p = proc_get(m, tgid);

	if (p == NULL || p->state != PROC_LIVE)
		p = proc_new(m, tgid, 0, ts);
	return p;
}

static int
in_list(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * A set-up call while serving tentatively: the process was still starting
 * up.  Every call counted since the tentative start moves back to startup.
 */
static void
tent_take_back(struct model *m, struct model_proc *p)
{
	struct model_pstat *ps;
	struct model_argval *av;
	struct model_tent *te;
	uint32_t i;

	for (i = 0; i < p->nstats; i++) {
		ps = &p->stats[i];
		if (ps->tent == 0)
			continue;
		ps->count[PHASE_SERVING] -= ps->tent;
		ps->count[PHASE_STARTUP] += ps->tent;
		m->sys[ps->sys].count[PHASE_SERVING] -= ps->tent;
		m->sys[ps->sys].count[PHASE_STARTUP] += ps->tent;
		m->totals.phase[PHASE_SERVING] -= ps->tent;
		m->totals.phase[PHASE_STARTUP] += ps->tent;
	}
	for (i = 0; i < p->ntents; i++) {
		te = &p->tents[i];
		av = &m->sys[te->sys].args[te->arg].vals[te->val];
		av->count[PHASE_SERVING] -= te->n;
		av->count[PHASE_STARTUP] += te->n;
	}
	tent_end(p);
	p->phase = PHASE_STARTUP;
	p->phase_since[PHASE_SERVING] = 0;
}

/* One more value av (argument a of call sys) recorded meanwhile. */
static void
tent_arg(struct model_proc *p, uint32_t sys, const struct model_sys *s,
    const struct model_arg *a, const struct model_argval *av)
{
	struct model_tent *te;
	uint32_t i, val = (uint32_t)(av - a->vals);
	uint8_t arg = (uint8_t)(a - s->args);

	for (i = 0; i < p->ntents; i++) {
		te = &p->tents[i];
		if (te->sys == sys && te->arg == arg && te->val == val) {
			te->n++;
			return;
		}
	}
	if (p->ntents == MODEL_TENT_MAX) {
		tent_end(p);
		return;
	}
	if (p->ntents == p->captents) {
		p->captents = p->captents ? p->captents * 2 : 8;
		p->tents = xreallocarray(p->tents, p->captents,
		    sizeof(*p->tents));
	}
	te = &p->tents[p->ntents++];
	te->sys = sys;
	te->arg = arg;
	te->val = val;
	te->n = 1;
}

/* Can this call of s wait?  Not a zero-timeout epoll_wait or poll. */
static int
may_block(const struct model_sys *s, const uint64_t *args)
{
	return s->tmo_arg == 0 || (int)args[s->tmo_arg - 1] != 0;
}

static uint32_t
sys_get(struct model *m, uint32_t sysid)
{
	uint32_t i = idmap_get(&m->bysysid, sysid);
	struct model_sys *s;
	const struct argspec *spec;
	const char *name;
	size_t j, n;

	if (i != IDMAP_NONE)
		return i;
	if (m->nsys == m->capsys) {
		m->capsys = m->capsys ? m->capsys * 2 : 128;
		m->sys = xreallocarray(m->sys, m->capsys, sizeof(*m->sys));
	}
	i = m->nsys++;
	s = &m->sys[i];
	memset(s, 0, sizeof(*s));
	s->sysid = sysid;
	name = sysname_name(sysid);
	if (in_list(m->opts.serve_on, name)) {
		s->flags |= MODEL_SYS_SERVE;
		for (j = 0; j < sizeof(phase_timeouts) /
		    sizeof(phase_timeouts[0]); j++)
			if (strcmp(name, phase_timeouts[j].name) == 0)
				s->tmo_arg = phase_timeouts[j].arg + 1;
	}
	if (strcmp(name, "bind") == 0 || strcmp(name, "listen") == 0)
		s->flags |= MODEL_SYS_SETUP;
	else if (strcmp(name, "accept") == 0 || strcmp(name, "accept4") == 0)
		s->flags |= MODEL_SYS_ACCEPT;
	if (strcmp(name, "exit_group") == 0)
		s->flags |= MODEL_SYS_EXIT_GROUP;
	else if (strcmp(name, "exit") == 0)
		s->flags |= MODEL_SYS_EXIT;
	if ((spec = argspec_find(name, &n)) != NULL) {
		s->args = xcalloc(n, sizeof(*s->args));
		for (j = 0; j < n; j++)
			s->args[j].spec = &spec[j];
		s->nargs = (uint8_t)n;
	}
	idmap_put(&m->bysysid, sysid, i);
	return i;
}

static struct model_pstat *
pstat_get(struct model *m, struct model_proc *p, uint32_t sys)
{
	uint32_t i = idmap_get(p->statmap, sys);
	struct model_pstat *ps;

	if (i != IDMAP_NONE)
		return &p->stats[i];
	if (p->nstats == p->capstats) {
		p->capstats = p->capstats ? p->capstats * 2 : 16;
		p->stats = xreallocarray(p->stats, p->capstats,
		    sizeof(*p->stats));
	}
	i = p->nstats++;
	ps = &p->stats[i];
	memset(ps, 0, sizeof(*ps));
	ps->sys = sys;
	idmap_put(p->statmap, sys, i);
	m->sys[sys].nprocs++;
	return ps;
}

/* The value v's record in a, made on first use; NULL past the bound. */
static struct model_argval *
argval_get(struct model_arg *a, uint64_t v)
{
	struct model_argval *av;
	uint32_t i;

	for (i = 0; i < a->nvals; i++)
		if (a->vals[i].value == v)
			return &a->vals[i];
	if (a->nvals == MODEL_ARG_MAX)
		return NULL;
	/* Grown by powers of two: at most MODEL_ARG_MAX records. */
	if ((a->nvals & (a->nvals - 1)) == 0)
		a->vals = xreallocarray(a->vals, a->nvals ? a->nvals * 2 : 1,
		    sizeof(*a->vals));
	av = &a->vals[a->nvals++];
	memset(av, 0, sizeof(*av));
	av->value = v;
	return av;
}

static void
argval_proc(struct model_argval *av, uint32_t id)
{
	uint8_t i;

	for (i = 0; i < av->nprocs; i++)
		if (av->procs[i] == id)
			return;
	if (av->nprocs < MODEL_ARG_PROCS)
		av->procs[av->nprocs++] = id;
	else
		av->more = 1;
}

/* The recorded arguments of one call sys (s) by p, in p's phase. */
static void
record_args(uint32_t sys, struct model_sys *s, struct model_proc *p,
    const uint64_t *args)
{
	struct model_arg *a;
	struct model_argval *av;
	uint8_t i;

	for (i = 0; i < s->nargs; i++) {
		a = &s->args[i];
		av = argval_get(a, argspec_value(a->spec,
		    args[a->spec->arg]));
		if (av == NULL) {
			a->many++;
			continue;
		}
		av->count[p->phase]++;
		argval_proc(av, p->id);
		if (p->tent_since != 0)
			tent_arg(p, sys, s, a, av);
	}
}

static void
on_syscall(struct model *m, const struct sc_event *ev,
    struct model_note *note)
{
	struct model_proc *p = proc_live(m, ev->tgid, ev->ts);
	uint32_t sysid = sysname_id(ev->arch, ev->nr), i;
	struct model_sys *s;
	struct model_pstat *ps;

	note->phase = p->phase;
	if (sysid == SYSID_NONE)
		return;		/* a 17th arch: cannot happen on Linux */
	i = sys_get(m, sysid);
	s = &m->sys[i];
	if (m->opts.serve_after_ns != 0 &&
	    ev->ts - p->born >= m->opts.serve_after_ns &&
	    p->phase != PHASE_SHUTDOWN)
		set_phase(p, PHASE_SERVING, ev->ts);
	if (p->phase == PHASE_SERVING && p->tent_since != 0 &&
	    (s->flags & MODEL_SYS_SETUP))
		tent_take_back(m, p);
	if (p->phase == PHASE_STARTUP) {
		if ((s->flags & MODEL_SYS_SERVE) &&
		    may_block(s, ev->u.args))
			tent_start(p, ev->ts);
	}
	if ((s->flags & MODEL_SYS_ACCEPT) && p->phase == PHASE_SERVING)
		tent_end(p);
	if ((s->flags & MODEL_SYS_EXIT_GROUP) ||
	    ((s->flags & MODEL_SYS_EXIT) && p->threads_live <= 1))
		set_phase(p, PHASE_SHUTDOWN, ev->ts);

	ps = pstat_get(m, p, i);
	if (s->total == 0)
		s->first = ev->ts;
	s->last = ev->ts;
	s->count[p->phase]++;
	s->total++;
	if (ps->count[0] + ps->count[1] + ps->count[2] == 0)
		ps->first = ev->ts;
	ps->last = ev->ts;
	ps->count[p->phase]++;
	if (p->tent_since != 0)
		ps->tent++;
	if (s->nargs > 0)
		record_args(i, s, p, ev->u.args);
	p->calls++;
	m->totals.calls++;
	m->totals.phase[p->phase]++;
	note->sysid = sysid;
	note->phase = p->phase;
}

static void
on_spawn(struct model *m, const struct sc_event *ev)
{
	struct model_proc *p;

	if (ev->flags & SC_EVF_THREAD) {
		p = proc_live(m, ev->tgid, ev->ts);
		p->threads_live++;
		p->threads_total++;
		m->totals.threads_live++;
		m->totals.threads_total++;
		return;
	}
	p = proc_get(m, ev->tgid);
	if (p != NULL && p->state == PROC_LIVE && p->calls == 0 &&
	    p->ppid == 0) {
		/* Seen first through a call: the spawn fills in the rest. */
		p->ppid = ev->aux;
	} else {
		p = proc_new(m, ev->tgid, ev->aux, ev->ts);
	}
	if (ev->kind == SC_EV_ATTACH)
		p->flags |= MODEL_PROC_ATTACHED;
	if (ev->flags & SC_EVF_ROOT)
		p->flags |= MODEL_PROC_ROOT;
	if (ev->u.name[0] != '\0')
		set_name(p, ev->u.name);
}

static void
on_exec(struct model *m, const struct sc_event *ev)
{
	struct model_proc *p = proc_live(m, ev->tgid, ev->ts);

	set_name(p, ev->u.name);
	p->execs = xreallocarray(p->execs, p->nexecs + 1, sizeof(*p->execs));
	p->execs[p->nexecs++] = xstrdup(p->name);
	/* A non-leader thread exec'd: it took the leader's place. */
	if (ev->aux != ev->tgid && p->threads_live > 1) {
		p->threads_live--;
		m->totals.threads_live--;
	}
	p->born = ev->ts;
	tent_end(p);
	p->phase = PHASE_STARTUP;
	p->phase_since[PHASE_STARTUP] = ev->ts;
}

/*
 * A thread found asleep in a call: if it is a waiting call, its process
 * waits, though the call may never reach the model (a profile allows it).
 */
static void
on_waiting(struct model *m, const struct sc_event *ev)
{
	struct model_proc *p = proc_get(m, ev->tgid);
	uint32_t sysid = sysname_id(ev->arch, ev->nr);

	if (p == NULL || p->state != PROC_LIVE || p->phase != PHASE_STARTUP ||
	    sysid == SYSID_NONE ||
	    !in_list(m->opts.serve_on, sysname_name(sysid)))
		return;
	tent_start(p, ev->ts);
}

static void
on_gone(struct model *m, const struct sc_event *ev)
{
	struct model_proc *p = proc_get(m, ev->tgid);

	if (p == NULL || p->state != PROC_LIVE)
		return;
	if (ev->tid != ev->tgid) {
		if (p->threads_live > 1) {
			p->threads_live--;
			m->totals.threads_live--;
		}
		return;
	}
	m->totals.threads_live -= p->threads_live;
	m->totals.procs_live--;
	p->threads_live = 0;
	p->state = PROC_EXITED;
	p->status = ev->aux;
	p->ended = ev->ts;
}

void
model_event(struct model *m, const struct sc_event *ev)
{
	struct model_note note;

	model_event_note(m, ev, &note);
}

void
model_event_note(struct model *m, const struct sc_event *ev,
    struct model_note *note)
{
	struct model_proc *p;
	uint32_t i;

	note->sysid = SYSID_NONE;
	note->phase = PHASE_STARTUP;
	if (m->totals.first == 0)
		m->totals.first = ev->ts;
	m->totals.last = ev->ts;
	switch (ev->kind) {
	case SC_EV_SYSCALL:
		on_syscall(m, ev, note);
		break;
	case SC_EV_SPAWN:
	case SC_EV_ATTACH:
		on_spawn(m, ev);
		break;
	case SC_EV_EXEC:
		on_exec(m, ev);
		break;
	case SC_EV_SIGNAL:
		p = proc_live(m, ev->tgid, ev->ts);
		p->signals++;
		if (ev->aux > 0 && ev->aux < 64 &&
		    (m->opts.stop_sigs & 1ull << ev->aux))
			set_phase(p, PHASE_SHUTDOWN, ev->ts);
		break;
	case SC_EV_EXIT:
		on_gone(m, ev);
		break;
	case SC_EV_WAITING:
		on_waiting(m, ev);
		break;
	case SC_EV_DENIED:
		if ((i = sysname_id(ev->arch, ev->nr)) == SYSID_NONE)
			break;
		i = sys_get(m, i);
		if (!(ev->flags & SC_EVF_SERVING)) {
			m->sys[i].denials++;
			break;
		}
		m->sys[i].refused++;
		/* Its SYSCALL, just before, was counted in this phase. */
		p = proc_get(m, ev->tgid);
		if (p != NULL && p->phase != PHASE_STARTUP)
			m->sys[i].refused_late++;
		break;
	}
}

void
model_mark_serving(struct model *m, uint64_t now)
{
	uint32_t i;

	for (i = 0; i < m->nprocs; i++)
		if (m->procs[i]->state == PROC_LIVE &&
		    m->procs[i]->phase != PHASE_SHUTDOWN)
			set_phase(m->procs[i], PHASE_SERVING, now);
}

void
model_mark_shutdown(struct model *m, uint64_t now)
{
	uint32_t i;

	for (i = 0; i < m->nprocs; i++)
		if (m->procs[i]->state == PROC_LIVE)
			set_phase(m->procs[i], PHASE_SHUTDOWN, now);
}

void
model_tick(struct model *m, uint64_t now)
{
	uint32_t i;
	struct model_proc *p;

	if (m->opts.serve_after_ns == 0)
		return;
	for (i = 0; i < m->nprocs; i++) {
		p = m->procs[i];
		if (p->state == PROC_LIVE && p->phase != PHASE_SHUTDOWN &&
		    now - p->born >= m->opts.serve_after_ns)
			set_phase(p, PHASE_SERVING, now);
	}
}

int
model_sys_startup_only(const struct model_sys *s)
{
	return s->count[PHASE_STARTUP] > 0 && s->count[PHASE_SERVING] +
	    s->count[PHASE_SHUTDOWN] == s->refused_late;
}

int
model_toggle(struct model *m, uint32_t sys, enum model_toggle t)
{
	if (sys >= m->nsys || (t != TOGGLE_ALLOW && t != TOGGLE_DENY))
		return -EINVAL;
	m->sys[sys].toggle = (uint8_t)t;
	return 0;
}

int
model_toggle_arg(struct model *m, uint32_t sys, unsigned int arg,
    uint64_t value, enum model_toggle t)
{
	struct model_arg *a = NULL;
	uint32_t i;
	uint8_t j;

	if (sys >= m->nsys || (t != TOGGLE_ALLOW && t != TOGGLE_DENY))
		return -EINVAL;
	for (j = 0; j < m->sys[sys].nargs; j++)
		if (m->sys[sys].args[j].spec->arg == arg)
			a = &m->sys[sys].args[j];
	for (i = 0; a != NULL && i < a->nvals; i++) {
		if (a->vals[i].value != value)
			continue;
		if (t == TOGGLE_DENY && a->many > 0)
			return -EPERM;
		a->vals[i].toggle = (uint8_t)t;
		return 0;
	}
	return -EINVAL;
}

size_t
model_nprocs(const struct model *m)
{
	return m->nprocs;
}

const struct model_proc *
model_proc(const struct model *m, uint32_t id)
{
	return id < m->nprocs ? m->procs[id] : NULL;
}

const struct model_proc *
model_proc_by_pid(const struct model *m, int32_t pid)
{
	return proc_get(m, pid);
}

size_t
model_nsys(const struct model *m)
{
	return m->nsys;
}

const struct model_sys *
model_sys(const struct model *m, uint32_t i)
{
	return i < m->nsys ? &m->sys[i] : NULL;
}

uint32_t
model_sys_find(const struct model *m, uint32_t sysid)
{
	return idmap_get(&m->bysysid, sysid);
}

void
model_totals(const struct model *m, struct model_totals *t)
{
	*t = m->totals;
}

/* ---- rebuilding (lib/session/session.c) ---------------------------------- */

uint32_t
model_restore_sys(struct model *m, uint32_t sysid, enum model_toggle t,
    uint64_t denials)
{
	uint32_t i = sys_get(m, sysid);

	m->sys[i].toggle = t == TOGGLE_DENY ? TOGGLE_DENY : TOGGLE_ALLOW;
	m->sys[i].denials = denials;
	return i;
}

int
model_restore_proc(struct model *m, const struct model_proc *r, uint32_t *id)
{
	struct model_proc *p;
	uint32_t i;

	if ((r->parent != IDMAP_NONE && r->parent >= m->nprocs) ||
	    r->phase >= PHASE_N || r->state > PROC_EXITED)
		return -EINVAL;
	p = proc_new(m, r->pid, r->ppid, r->born);
	p->parent = r->parent;
	memcpy(p->name, r->name, sizeof(p->name));
	p->name[sizeof(p->name) - 1] = '\0';
	if (r->nexecs > 0) {
		p->execs = xreallocarray(NULL, r->nexecs, sizeof(*p->execs));
		for (i = 0; i < r->nexecs; i++)
			p->execs[i] = xstrdup(r->execs[i]);
		p->nexecs = r->nexecs;
	}
	p->phase = r->phase;
	p->state = r->state;
	p->flags = r->flags;
	p->status = r->status;
	p->ended = r->ended;
	memcpy(p->phase_since, r->phase_since, sizeof(p->phase_since));
	p->signals = r->signals;
	/* proc_new counted one live thread. */
	m->totals.threads_live--;
	m->totals.threads_total--;
	p->threads_live = r->state == PROC_LIVE ? r->threads_live : 0;
	p->threads_total = r->threads_total;
	m->totals.threads_live += p->threads_live;
	m->totals.threads_total += p->threads_total;
	if (r->state != PROC_LIVE)
		m->totals.procs_live--;
	*id = p->id;
	return 0;
}

int
model_restore_stat(struct model *m, uint32_t proc, uint32_t sysid,
    const uint64_t count[PHASE_N], uint64_t first, uint64_t last)
{
	struct model_proc *p;
	struct model_pstat *ps;
	struct model_sys *s;
	uint32_t i;
	uint64_t n = 0;
	int ph;

	if (proc >= m->nprocs ||
	    (i = idmap_get(&m->bysysid, sysid)) == IDMAP_NONE)
		return -EINVAL;
	p = m->procs[proc];
	if (idmap_get(p->statmap, i) != IDMAP_NONE)
		return -EEXIST;
	ps = pstat_get(m, p, i);
	s = &m->sys[i];
	ps->first = first;
	ps->last = last;
	for (ph = 0; ph < PHASE_N; ph++) {
		ps->count[ph] = count[ph];
		s->count[ph] += count[ph];
		m->totals.phase[ph] += count[ph];
		n += count[ph];
	}
	if (n > 0) {
		if (s->total == 0 || first < s->first)
			s->first = first;
		if (last > s->last)
			s->last = last;
	}
	s->total += n;
	p->calls += n;
	m->totals.calls += n;
	return 0;
}

/* The recorded argument arg of sysid, or NULL. */
static struct model_arg *
restore_arg_of(struct model *m, uint32_t sysid, unsigned int arg)
{
	uint32_t i = idmap_get(&m->bysysid, sysid);
	struct model_sys *s;
	uint8_t j;

	if (i == IDMAP_NONE)
		return NULL;
	s = &m->sys[i];
	for (j = 0; j < s->nargs; j++)
		if (s->args[j].spec->arg == arg)
			return &s->args[j];
	return NULL;
}

int
model_restore_arg(struct model *m, uint32_t sysid, unsigned int arg,
    uint64_t value, const uint64_t count[PHASE_N], const uint32_t *procs,
    size_t nprocs, int more)
{
	struct model_arg *a = restore_arg_of(m, sysid, arg);
	struct model_argval *av;
	uint32_t i;
	size_t j;

	if (a == NULL || nprocs > MODEL_ARG_PROCS ||
	    argspec_value(a->spec, value) != value)
		return -EINVAL;
	for (j = 0; j < nprocs; j++)
		if (procs[j] >= m->nprocs)
			return -EINVAL;
	for (i = 0; i < a->nvals; i++)
		if (a->vals[i].value == value)
			return -EEXIST;
	if ((av = argval_get(a, value)) == NULL)
		return -E2BIG;
	memcpy(av->count, count, sizeof(av->count));
	for (j = 0; j < nprocs; j++)
		argval_proc(av, procs[j]);
	av->more = more != 0;
	return 0;
}

int
model_restore_many(struct model *m, uint32_t sysid, unsigned int arg,
    uint64_t many)
{
	struct model_arg *a = restore_arg_of(m, sysid, arg);

	if (a == NULL)
		return -EINVAL;
	a->many = many;
	return 0;
}

void
model_restore_span(struct model *m, uint64_t first, uint64_t last)
{
	m->totals.first = first;
	m->totals.last = last;
}
