/*
 * h-signals MODE [DIR]:
 *   handler  raise SIGUSR1 three times with a handler installed; exit 0
 *            if the handler ran three times
 *   exit42   exit with status 42
 *   segv     die of SIGSEGV
 *   wait     write DIR/pid, then wait until DIR/go exists; exit 0
 *            (the test stops and continues it meanwhile)
 *   jobctl   stop and continue a child: waitpid must report it stopped
 *            (WUNTRACED), continued (WCONTINUED) and killed by SIGTERM,
 *            exactly as untraced; exit 0 if so, 10+step otherwise
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void
on_usr1(int sig)
{
	(void)sig;
	handled++;
}

int
main(int argc, char **argv)
{
	struct timespec ms = { 0, 5000000 };
	char path[4096];
	FILE *f;
	int i;

	if (argc < 2)
		return 2;
	if (strcmp(argv[1], "handler") == 0) {
		signal(SIGUSR1, on_usr1);
		for (i = 0; i < 3; i++)
			kill(getpid(), SIGUSR1);
		return handled == 3 ? 0 : 1;
	}
	if (strcmp(argv[1], "jobctl") == 0) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			for (;;)
				pause();
		if (pid < 0)
			return 10;
		kill(pid, SIGSTOP);
		if (waitpid(pid, &status, WUNTRACED) != pid ||
		    !WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP)
			return 11;
		kill(pid, SIGCONT);
		if (waitpid(pid, &status, WCONTINUED) != pid ||
		    !WIFCONTINUED(status))
			return 12;
		kill(pid, SIGTERM);
		if (waitpid(pid, &status, 0) != pid || !WIFSIGNALED(status) ||
		    WTERMSIG(status) != SIGTERM)
			return 13;
		return 0;
	}
	if (strcmp(argv[1], "exit42") == 0)
		return 42;
	if (strcmp(argv[1], "segv") == 0) {
		signal(SIGSEGV, SIG_DFL);
		raise(SIGSEGV);
		return 1;
	}
	if (strcmp(argv[1], "wait") == 0 && argc == 3) {
		snprintf(path, sizeof(path), "%s/pid", argv[2]);
		if ((f = fopen(path, "w")) == NULL)
			return 1;
		fprintf(f, "%d\n", (int)getpid());
		fclose(f);
		snprintf(path, sizeof(path), "%s/go", argv[2]);
		/* Bounded: about 5 minutes, far past any test's need. */
		for (i = 0; i < 60000 && access(path, F_OK) != 0; i++)
			nanosleep(&ms, NULL);
		return 0;
	}
	return 2;
}
