/*
 * guard.c - the prologue that catches the calls a profile must not hide;
 * see guard.h.
 *
 * Each rule is self-contained (it loads what it tests), so rules can be
 * laid out one after the other with no jump crossing a rule:
 *
 *	ld  nr
 *	jeq NR, 0, skip			skip: past this rule
 *	[ld  arg0 (low word); jeq/jset VALUE, 0, 1]
 *	ret ACTION
 */
#include "config.h"
#include "guard.h"

#include <assert.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include "xalloc.h"

#ifndef CLONE_UNTRACED
#define CLONE_UNTRACED	0x00800000
#endif

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG0_LO	(offsetof(struct seccomp_data, args))
#else
#define ARG0_LO	(offsetof(struct seccomp_data, args) + 4)
#endif

/* Room the prologue may need, in instructions. */
#define GUARD_MAX	48

enum guard_test {
	GUARD_ANY,	/* the number alone */
	GUARD_EQ,	/* and arg0 == value */
	GUARD_SET,	/* and arg0 & value */
};

struct guard_rule {
	int		nr;
	enum guard_test	test;
	uint32_t	value;
	uint32_t	action;
};

/* The numbers of one arch; -1: not on this arch. */
struct guard_arch {
	uint32_t	arch;
	int		seccomp, prctl, ptrace, clone, clone3;
};

static const struct guard_arch arches[] = {
#if defined(__x86_64__)
	{ AUDIT_ARCH_X86_64, SYS_seccomp, SYS_prctl, SYS_ptrace, SYS_clone,
	    435 },
	/* int $0x80 from a 64-bit program (i386 numbers) */
	{ AUDIT_ARCH_I386, 354, 172, 26, 120, 435 },
#elif defined(__aarch64__)
	{ AUDIT_ARCH_AARCH64, SYS_seccomp, SYS_prctl, SYS_ptrace, SYS_clone,
	    435 },
#else
#define GUARD_NO_ARCH	/* guard_filter() says NULL: not ported yet */
	{ 0, -1, -1, -1, -1, -1 },
#endif
};

static size_t
guard_rule(struct sock_filter *f, const struct guard_rule *r)
{
	size_t n = 0;

	if (r->nr < 0)
		return 0;
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
	    offsetof(struct seccomp_data, nr));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
	    (uint32_t)r->nr, 0, r->test == GUARD_ANY ? 1 : 3);
	if (r->test != GUARD_ANY) {
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    ARG0_LO);
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_K |
		    (r->test == GUARD_EQ ? BPF_JEQ : BPF_JSET), r->value, 0, 1);
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, r->action);
	return n;
}

static size_t
guard_prologue(struct sock_filter *out, enum guard_kind kind)
{
	uint32_t watch = kind == GUARD_TRACE ? SECCOMP_RET_TRACE :
	    SECCOMP_RET_USER_NOTIF;
	size_t i, j, n = 0, start;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++) {
		const struct guard_arch *a = &arches[i];
		const struct guard_rule rules[] = {
			{ a->seccomp, GUARD_ANY, 0, watch },
			{ a->prctl, GUARD_EQ, PR_SET_SECCOMP, watch },
			{ kind == GUARD_NOTIFY ? a->ptrace : -1, GUARD_EQ,
			    PTRACE_TRACEME, SECCOMP_RET_ERRNO | EPERM },
			{ kind == GUARD_TRACE ? a->clone : -1, GUARD_SET,
			    CLONE_UNTRACED, watch },
			{ kind == GUARD_TRACE ? a->clone3 : -1, GUARD_ANY, 0,
			    watch },
		};

		out[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W |
		    BPF_ABS, offsetof(struct seccomp_data, arch));
		start = n++;	/* the jump past this arch, set below */
		for (j = 0; j < sizeof(rules) / sizeof(rules[0]); j++)
			n += guard_rule(out + n, &rules[j]);
		out[start] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
		    BPF_K, a->arch, 0, (uint8_t)(n - start - 1));
	}
	assert(n <= GUARD_MAX);
	return n;
}

enum guard_call
guard_call(uint32_t arch, int nr)
{
	size_t i;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++) {
		if (arches[i].arch != arch)
			continue;
		return nr == arches[i].seccomp ? GUARD_SECCOMP :
		    nr == arches[i].prctl ? GUARD_PRCTL :
		    nr == arches[i].ptrace ? GUARD_PTRACE :
		    nr == arches[i].clone ? GUARD_CLONE :
		    nr == arches[i].clone3 ? GUARD_CLONE3 : GUARD_NONE;
	}
	return GUARD_NONE;
}

struct sock_filter *
guard_filter(const struct sock_filter *filter, size_t len,
    enum guard_kind kind, size_t *outlen)
{
	struct sock_filter pro[GUARD_MAX], *f;
	size_t i, plen = kind == GUARD_ENFORCE ? 0 : guard_prologue(pro, kind);

#ifdef GUARD_NO_ARCH
	len = 0;
#endif
	if (len == 0 || len + plen > BPF_MAXINSNS)
		return NULL;
	f = xreallocarray(NULL, len + plen, sizeof(*f));
	xmemcpy(f, pro, plen * sizeof(*f));
	xmemcpy(f + plen, filter, len * sizeof(*f));
	for (i = plen; kind != GUARD_TRACE && i < len + plen; i++)
		if (f[i].code == (BPF_RET | BPF_K) &&
		    (f[i].k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRACE)
			f[i].k = SECCOMP_RET_USER_NOTIF;
	*outlen = len + plen;
	return f;
}

/* The operand of a jump or ALU instruction: k or X. */
#define SRC(f, x)	(BPF_SRC((f)->code) == BPF_X ? (x) : (f)->k)

static uint32_t
guard_alu(uint16_t op, uint32_t a, uint32_t v, int *bad)
{
	switch (op) {
	case BPF_ADD:	return a + v;
	case BPF_SUB:	return a - v;
	case BPF_MUL:	return a * v;
	case BPF_DIV:	return v != 0 ? a / v : (*bad = 1, 0);
	case BPF_MOD:	return v != 0 ? a % v : (*bad = 1, 0);
	case BPF_OR:	return a | v;
	case BPF_AND:	return a & v;
	case BPF_XOR:	return a ^ v;
	case BPF_LSH:	return v < 32 ? a << v : 0;
	case BPF_RSH:	return v < 32 ? a >> v : 0;
	case BPF_NEG:	return -a;
	}
	*bad = 1;
	return 0;
}

uint32_t
guard_run(const struct sock_filter *f, size_t len,
    const struct seccomp_data *d)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 }, v;
	size_t pc;
	int bad = 0, taken;

	for (pc = 0; pc < len && !bad; pc++) {
		const struct sock_filter *i = &f[pc];

		switch (BPF_CLASS(i->code)) {
		case BPF_LD:
		case BPF_LDX:
			if (BPF_MODE(i->code) == BPF_ABS && i->k % 4 == 0 &&
			    i->k < sizeof(*d))
				memcpy(&v, (const char *)d + i->k, 4);
			else if (BPF_MODE(i->code) == BPF_LEN)
				v = sizeof(*d);
			else if (BPF_MODE(i->code) == BPF_IMM)
				v = i->k;
			else if (BPF_MODE(i->code) == BPF_MEM &&
			    i->k < BPF_MEMWORDS)
				v = mem[i->k];
			else
				return SECCOMP_RET_KILL_PROCESS;
			*(BPF_CLASS(i->code) == BPF_LD ? &a : &x) = v;
			break;
		case BPF_ST:
		case BPF_STX:
			if (i->k >= BPF_MEMWORDS)
				return SECCOMP_RET_KILL_PROCESS;
			mem[i->k] = BPF_CLASS(i->code) == BPF_ST ? a : x;
			break;
		case BPF_ALU:
			a = guard_alu(BPF_OP(i->code), a, SRC(i, x), &bad);
			break;
		case BPF_JMP:
			if (BPF_OP(i->code) == BPF_JA) {
				pc += i->k;
				break;
			}
			v = SRC(i, x);
			taken = BPF_OP(i->code) == BPF_JEQ ? a == v :
			    BPF_OP(i->code) == BPF_JGT ? a > v :
			    BPF_OP(i->code) == BPF_JGE ? a >= v :
			    BPF_OP(i->code) == BPF_JSET ? (a & v) != 0 :
			    (bad = 1, 0);
			pc += taken ? i->jt : i->jf;
			break;
		case BPF_RET:
			return BPF_RVAL(i->code) == BPF_A ? a : i->k;
		case BPF_MISC:
			if (BPF_MISCOP(i->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
	return SECCOMP_RET_KILL_PROCESS;
}
