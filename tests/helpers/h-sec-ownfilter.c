/*
 * h-sec-ownfilter [tsync]: hides uname(2) behind a seccomp filter of its
 * own.  The filter returns SECCOMP_RET_USER_NOTIF for uname; a thread of
 * this program holds the listener and lets every such call continue.  Then
 * uname is called three times: by the main thread, by a new thread and by
 * a forked child (both inherit the filter).  With tsync the thread exists
 * before the filter, which reaches it through SECCOMP_FILTER_FLAG_TSYNC.
 * If the listener cannot be made, it says why on stdout ("listener: ...")
 * and calls uname all the same.  Exit status: 0 if the three calls
 * worked, else 10 + errno of the first that failed (11: EPERM), 2 on a
 * setup error.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

static int listener = -1;

/* Lets every notification continue, until the process ends. */
static void *
supervise(void *arg)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;

	(void)arg;
	for (;;) {
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			continue;
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
	return NULL;
}

static int
call_uname(void)
{
	struct utsname u;

	return uname(&u) == 0 ? 0 : 10 + errno;
}

static int go[2];	/* tsync: the thread waits for a byte */

static void *
thread_uname(void *arg)
{
	char c;

	if (go[0] >= 0 && read(go[0], &c, 1) != 1)
		*(int *)arg = 2;
	else
		*(int *)arg = call_uname();
	return NULL;
}

int
main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_uname, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { 4, f };
	pthread_t sup, th;
	int rc[3], status, i, tsync = argc > 1 && strcmp(argv[1], "tsync") == 0;
	unsigned flags = SECCOMP_FILTER_FLAG_NEW_LISTENER;
	pid_t pid;

	go[0] = go[1] = -1;
	if (tsync) {
		flags |= SECCOMP_FILTER_FLAG_TSYNC |
		    SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
		if (pipe(go) < 0 ||
		    pthread_create(&th, NULL, thread_uname, &rc[1]) != 0)
			return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return 2;
	listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
	    flags, &prog);
	if (listener < 0)
		printf("listener: %s\n", strerror(errno));
	else if (pthread_create(&sup, NULL, supervise, NULL) != 0)
		return 2;
	fflush(stdout);
	rc[0] = call_uname();
	if (tsync && write(go[1], "g", 1) != 1)
		return 2;
	if (!tsync && pthread_create(&th, NULL, thread_uname, &rc[1]) != 0)
		return 2;
	pthread_join(th, NULL);
	if ((pid = fork()) == 0)
		_exit(call_uname());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 2;
	rc[2] = WEXITSTATUS(status);
	for (i = 0; i < 3; i++)
		if (rc[i] != 0)
			return rc[i];
	return 0;
}
