/*
 * h-sysnr.c - prints "NAME NR" for the calls tests/e2e/phases-lib.sh reads
 * in sctui's event log (SCTUI_DEBUG_EVENTS), on this machine's arch: the
 * waiting calls of the default --serve-on list and the set-up calls.
 */
#include <stdio.h>
#include <sys/syscall.h>

#define ONE(name, kind)	{ #name, SYS_##name, kind }

static const struct {
	const char	*name;
	long		 nr;
	const char	*kind;
} calls[] = {
#ifdef SYS_epoll_wait
	ONE(epoll_wait, "wait"),
#endif
#ifdef SYS_poll
	ONE(poll, "wait"),
#endif
#ifdef SYS_select
	ONE(select, "wait"),
#endif
#ifdef SYS_accept
	ONE(accept, "wait"),
#endif
#ifdef SYS_pause
	ONE(pause, "wait"),
#endif
	ONE(epoll_pwait, "wait"),
	ONE(epoll_pwait2, "wait"),
	ONE(ppoll, "wait"),
	ONE(pselect6, "wait"),
	ONE(accept4, "wait"),
	ONE(rt_sigsuspend, "wait"),
	ONE(io_uring_enter, "wait"),
	ONE(bind, "setup"),
	ONE(listen, "setup"),
};

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		printf("%s %s %ld\n", calls[i].kind, calls[i].name, calls[i].nr);
	return 0;
}
