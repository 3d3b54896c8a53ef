/*
 * main.c - sctui's entry point: parse the command line, run one mode.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "cli.h"
#include "container.h"
#include "demo.h"
#include "enforce.h"
#include "profilecmd.h"
#include "escape.h"
#include "uimain.h"

int
main(int argc, char **argv)
{
	struct cli c;
	char err[512], line[2048];
	int rc;

	setlocale(LC_ALL, "");
	if (cli_parse(argc, argv, &c, err, sizeof(err)) < 0) {
		/*
		 * One clean line (it quotes what was given), pointing at
		 * --help as GNU tools do.
		 */
		fprintf(stderr, "sctui: %s%s\n", escape_name(err, line,
		    sizeof(line)), strstr(err, "--help") ? "" :
		    " (see sctui --help)");
		cli_free(&c);
		return 2;
	}
	switch (c.action) {
	case CLI_HELP:
		cli_help(stdout);
		rc = 0;
		break;
	case CLI_VERSION:
		printf("sctui %s\n", PACKAGE_VERSION);
		rc = 0;
		break;
	case CLI_ENFORCE:
		rc = c.runtime != NULL && strcmp(c.runtime, "none") != 0 ?
		    container_main(&c) : enforce_main(&c);
		break;
	case CLI_DEMO:
		rc = demo_main(&c);
		break;
	case CLI_CONVERT:
	case CLI_MERGE:
	case CLI_DIFF:
		rc = profilecmd_main(&c);
		break;
	case CLI_OPEN:
		rc = c.batch ? batch_open(&c) : uimain_open(&c);
		break;
	default:
		rc = c.batch ? batch_main(&c) : uimain_trace(&c, NULL);
		break;
	}
	cli_free(&c);
	return rc;
}
