/*
 * tap.h - the smallest unit-test kit: CHECK(cond) records a failure with
 * file:line and goes on; tap_done() prints "N passed, N failed" and gives
 * the exit status for automake's harness.
 */
#ifndef SCTUI_TAP_H
#define SCTUI_TAP_H

#include <stdio.h>

static int tap_pass, tap_fail;

#define CHECK(cond) do {						\
	if (cond)							\
		tap_pass++;						\
	else {								\
		tap_fail++;						\
		fprintf(stderr, "%s:%d: CHECK(%s) failed\n",		\
		    __FILE__, __LINE__, #cond);				\
	}								\
} while (0)

#define CHECK_EQ_U(a, b) do {						\
	unsigned long long _a = (a), _b = (b);				\
	if (_a == _b)							\
		tap_pass++;						\
	else {								\
		tap_fail++;						\
		fprintf(stderr, "%s:%d: %s == %llu, expected %s == %llu\n", \
		    __FILE__, __LINE__, #a, _a, #b, _b);		\
	}								\
} while (0)

static inline int
tap_done(void)
{
	printf("%d checks passed, %d failed\n", tap_pass, tap_fail);
	return tap_fail ? 1 : 0;
}

#endif
