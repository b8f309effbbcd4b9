// SPDX-License-Identifier: GPL-2.0
/* lbrctl: option parsing, the command table and the usage text. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "lbrctl.h"
#include "version.h"

/* In the order brctl lists them; @help is printed verbatim. */
static const struct lbr_cmd lbr_cmds[] = {
	{ "addbr",	   1, lbr_cmd_addbr,
	  "<bridge>\t\tadd bridge" },
	{ "delbr",	   1, lbr_cmd_delbr,
	  "<bridge>\t\tdelete bridge" },
	{ "addif",	   2, lbr_cmd_addif,
	  "<bridge> <device>\tadd interface to bridge" },
	{ "delif",	   2, lbr_cmd_delif,
	  "<bridge> <device>\tdelete interface from bridge" },
	{ "hairpin",	   3, lbr_cmd_hairpin,
	  "<bridge> <port> {on|off}\tturn hairpin on/off" },
	{ "setageing",	   2, lbr_cmd_setageing,
	  "<bridge> <time>\t\tset ageing time" },
	{ "setbridgeprio", 2, lbr_cmd_setbridgeprio,
	  "<bridge> <prio>\t\tset bridge priority" },
	{ "setfd",	   2, lbr_cmd_setfd,
	  "<bridge> <time>\t\tset bridge forward delay" },
	{ "sethello",	   2, lbr_cmd_sethello,
	  "<bridge> <time>\t\tset hello time" },
	{ "setmaxage",	   2, lbr_cmd_setmaxage,
	  "<bridge> <time>\t\tset max message age" },
	{ "setpathcost",   3, lbr_cmd_setpathcost,
	  "<bridge> <port> <cost>\tset path cost" },
	{ "setportprio",   3, lbr_cmd_setportprio,
	  "<bridge> <port> <prio>\tset port priority" },
	{ "show",	   0, lbr_cmd_show,
	  "[ <bridge> ]\t\tshow a list of bridges" },
	{ "showmacs",	   1, lbr_cmd_showmacs,
	  "<bridge>\t\tshow a list of mac addrs" },
	{ "showstp",	   1, lbr_cmd_showstp,
	  "<bridge>\t\tshow bridge stp info" },
	{ "stp",	   2, lbr_cmd_stp,
	  "<bridge> {on|off}\tturn stp on/off" },
};

/*
 * lbridge's own commands, through its generic netlink family: brctl has
 * none of them, and the usage text leaves them out so that it stays
 * brctl's (lbrctl.8 lists them).
 */
static const struct lbr_cmd lbr_own_cmds[] = {
	{ "setstpproto",   2, lbr_cmd_setstpproto,
	  "<bridge> {stp|rstp}\tset stp protocol" },
	{ "settxholdcount", 2, lbr_cmd_settxholdcount,
	  "<bridge> <count>\tset rstp transmit hold count" },
	{ "setportedge",   3, lbr_cmd_setportedge,
	  "<bridge> <port> {on|off}\tset port admin edge" },
	{ "setportautoedge", 3, lbr_cmd_setportautoedge,
	  "<bridge> <port> {on|off}\tset port auto edge" },
	{ "setportp2p",	   3, lbr_cmd_setportp2p,
	  "<bridge> <port> {auto|on|off}\tset port point-to-point" },
	{ "portmcheck",	   2, lbr_cmd_portmcheck,
	  "<bridge> <port>\ttry rstp again on port" },
	{ "showrstp",	   1, lbr_cmd_showrstp,
	  "<bridge>\t\tshow bridge rstp info" },
	{ "setmcastprune", 2, lbr_cmd_setmcastprune,
	  "<bridge> {safe|intree}\tset multicast snooping prune rule" },
	{ "showmcastprune", 1, lbr_cmd_showmcastprune,
	  "<bridge>\t\tshow multicast snooping prune rule" },
};

static void usage(void)
{
	size_t i;

	fputs("Usage: brctl [commands]\ncommands:\n", stdout);
	for (i = 0; i < ARRAY_SIZE(lbr_cmds); i++)
		printf("\t%-10s\t%s\n", lbr_cmds[i].name, lbr_cmds[i].help);
}

/*
 * -V and --version: the one place lbrctl does not mimic brctl (whose -V
 * prints "bridge-utils, 1.7"): say what this is, and which lbridge module
 * is loaded, if one is.
 */
static void version(void)
{
	char buf[128];
	FILE *f;

	printf("lbrctl (lbridge) %s, brctl-compatible\n", LBR_VERSION);
	f = fopen(LBR_MODULE_VERSION, "r");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = '\0';
		printf("loaded module: lbridge %s\n", buf);
	}
	fclose(f);
}

static const struct lbr_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lbr_cmds); i++)
		if (strcmp(lbr_cmds[i].name, name) == 0)
			return &lbr_cmds[i];
	for (i = 0; i < ARRAY_SIZE(lbr_own_cmds); i++)
		if (strcmp(lbr_own_cmds[i].name, name) == 0)
			return &lbr_own_cmds[i];
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ "version",	no_argument,	NULL,	'V' },
		{ NULL,		0,		NULL,	0 },
	};
	const struct lbr_cmd *cmd;
	int opt;

	/* Options may appear anywhere: getopt permutes them to the front. */
	while ((opt = getopt_long(argc, argv, "Vh", longopts, NULL)) != -1) {
		if (opt == 'h') {
			usage();
			return 0;
		}
		if (opt == 'V') {
			version();
			return 0;
		}
		fprintf(stderr, "Unknown option '%c'\n", opt);
		usage();
		return 1;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		usage();
		return 1;
	}

	if (lbr_ctl_open()) {
		fprintf(stderr, "can't setup bridge control: %s\n",
			strerror(errno));
		return 1;
	}

	cmd = find_cmd(argv[0]);
	if (!cmd) {
		fprintf(stderr, "never heard of command [%s]\n", argv[0]);
		usage();
		return 1;
	}
	if (argc <= cmd->nargs) {
		puts("Incorrect number of arguments for command");
		printf("Usage: brctl %s %s\n", cmd->name, cmd->help);
		return 1;
	}
	return cmd->run(argc, argv);
}
