// SPDX-License-Identifier: GPL-2.0
/* lbrctl: commands that change bridges: add/delete bridges and ports, set parameters. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lbrctl.h"

/* ---- bridges and ports ---- */

int lbr_cmd_addbr(int argc, char **argv)
{
	const char *br = argv[1];
	int err;

	(void)argc;
	err = lbr_ioctl_add_bridge(br);
	if (!err)
		return 0;
	if (err == EEXIST)
		fprintf(stderr, "device %s already exists; can't create bridge with the same name\n",
			br);
	else
		fprintf(stderr, "add bridge failed: %s\n", strerror(err));
	return 1;
}

int lbr_cmd_delbr(int argc, char **argv)
{
	const char *br = argv[1];
	int err;

	(void)argc;
	err = lbr_ioctl_del_bridge(br);
	switch (err) {
	case 0:
		return 0;
	case ENXIO:
		fprintf(stderr, "bridge %s doesn't exist; can't delete it\n", br);
		break;
	case EBUSY:
		fprintf(stderr, "bridge %s is still up; can't delete it\n", br);
		break;
	default:
		fprintf(stderr, "can't delete bridge %s: %s\n", br, strerror(err));
		break;
	}
	return 1;
}

/* ENODEV names whichever of the two is missing: the port first. */
static void missing_device(const char *br, const char *dev)
{
	if (!if_nametoindex(dev))
		fprintf(stderr, "interface %s does not exist!\n", dev);
	else
		fprintf(stderr, "bridge %s does not exist!\n", br);
}

static void addif_error(const char *br, const char *dev, int err)
{
	switch (err) {
	case ENODEV:
		missing_device(br, dev);
		break;
	case EBUSY:
		fprintf(stderr, "device %s is already a member of a bridge; can't add it to bridge %s.\n",
			dev, br);
		break;
	case ELOOP:
		fprintf(stderr, "device %s is a bridge device itself; can't add a bridge device to a bridge device.\n",
			dev);
		break;
	default:
		fprintf(stderr, "can't add %s to bridge %s: %s\n", dev, br,
			strerror(err));
		break;
	}
}

static void delif_error(const char *br, const char *dev, int err)
{
	switch (err) {
	case ENODEV:
		missing_device(br, dev);
		break;
	case EINVAL:
		fprintf(stderr, "device %s is not a port of %s\n", dev, br);
		break;
	default:
		fprintf(stderr, "can't delete %s from %s: %s\n", dev, br,
			strerror(err));
		break;
	}
}

typedef int (*port_op_fn)(const char *br, const char *dev);
typedef void (*port_err_fn)(const char *br, const char *dev, int err);

/* addif/delif BRIDGE DEV...: one port after another, stopping at an error. */
static int apply_to_ports(int argc, char **argv, port_op_fn op,
			port_err_fn report)
{
	const char *br = argv[1];
	int i, err;

	for (i = 2; i < argc; i++) {
		err = op(br, argv[i]);
		if (err) {
			report(br, argv[i], err);
			return 1;
		}
	}
	return 0;
}

int lbr_cmd_addif(int argc, char **argv)
{
	return apply_to_ports(argc, argv, lbr_ioctl_add_port, addif_error);
}

int lbr_cmd_delif(int argc, char **argv)
{
	return apply_to_ports(argc, argv, lbr_ioctl_del_port, delif_error);
}

/* ---- bridge and port parameters ---- */

/*
 * Seconds (a C floating point number) to hundredths of a second, by way
 * of whole seconds and microseconds, each truncated towards zero; values
 * below zero wrap around as unsigned.
 */
static int parse_time(const char *s, unsigned long *centis)
{
	double secs;
	long whole, usecs;

	if (sscanf(s, "%lf", &secs) != 1)
		return -1;
	whole = secs;
	usecs = 1000000 * (secs - whole);
	*centis = (1000000ULL * whole + usecs) / 10000;
	return 0;
}

/* "on"/"yes"/"1" -> 1, "off"/"no"/"0" -> 0, anything else -> -1. */
int lbr_parse_switch(const char *s)
{
	static const char *const on[] = { "on", "yes", "1" };
	static const char *const off[] = { "off", "no", "0" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(on); i++) {
		if (!strcmp(s, on[i]))
			return 1;
		if (!strcmp(s, off[i]))
			return 0;
	}
	return -1;
}

/* One bridge-wide time setting: its sysfs name, legacy ioctl and messages. */
struct time_param {
	const char *attr;
	unsigned long legacy_cmd;
	const char *bad_value;
	const char *what;
};

static int set_time_param(char **argv, const struct time_param *tp)
{
	unsigned long centis;
	int err;

	if (parse_time(argv[2], &centis)) {
		fprintf(stderr, "%s\n", tp->bad_value);
		return 1;
	}
	err = lbr_set_bridge_attr(argv[1], tp->attr, centis, tp->legacy_cmd);
	if (err)
		fprintf(stderr, "set %s failed: %s\n", tp->what, strerror(err));
	return err != 0;
}

int lbr_cmd_setageing(int argc, char **argv)
{
	static const struct time_param tp = {
		"ageing_time", BRCTL_SET_AGEING_TIME,
		"bad ageing time value", "ageing time",
	};

	(void)argc;
	return set_time_param(argv, &tp);
}

int lbr_cmd_setfd(int argc, char **argv)
{
	static const struct time_param tp = {
		"forward_delay", BRCTL_SET_BRIDGE_FORWARD_DELAY,
		"bad forward delay value", "forward delay",
	};

	(void)argc;
	return set_time_param(argv, &tp);
}

int lbr_cmd_sethello(int argc, char **argv)
{
	static const struct time_param tp = {
		"hello_time", BRCTL_SET_BRIDGE_HELLO_TIME,
		"bad hello timer value", "hello timer",
	};

	(void)argc;
	return set_time_param(argv, &tp);
}

int lbr_cmd_setmaxage(int argc, char **argv)
{
	static const struct time_param tp = {
		"max_age", BRCTL_SET_BRIDGE_MAX_AGE,
		"bad max age value", "max age",
	};

	(void)argc;
	return set_time_param(argv, &tp);
}

int lbr_cmd_setbridgeprio(int argc, char **argv)
{
	int prio, err;

	(void)argc;
	if (sscanf(argv[2], "%i", &prio) != 1) {
		fputs("bad priority\n", stderr);
		return 1;
	}
	err = lbr_set_bridge_attr(argv[1], "priority", prio,
				  BRCTL_SET_BRIDGE_PRIORITY);
	if (err)
		fprintf(stderr, "set bridge priority failed: %s\n",
			strerror(err));
	return err != 0;
}

int lbr_cmd_stp(int argc, char **argv)
{
	int on, err;

	(void)argc;
	on = lbr_parse_switch(argv[2]);
	if (on < 0) {
		fputs("expect on/off for argument\n", stderr);
		return 1;
	}
	err = lbr_set_bridge_attr(argv[1], "stp_state", on,
				  BRCTL_SET_BRIDGE_STP_STATE);
	if (err)
		fprintf(stderr, "set stp status failed: %s\n", strerror(err));
	return err != 0;
}

/* setpathcost/setportprio BRIDGE PORT VALUE */
static int set_port_param(char **argv, const char *attr,
			  unsigned long legacy_cmd, const char *bad_value,
			  const char *what)
{
	int val, err;

	if (sscanf(argv[3], "%i", &val) != 1) {
		fprintf(stderr, "%s\n", bad_value);
		return 1;
	}
	err = lbr_set_port_attr(argv[1], argv[2], attr, val, legacy_cmd);
	if (err)
		fprintf(stderr, "set %s failed: %s\n", what, strerror(err));
	return err != 0;
}

int lbr_cmd_setpathcost(int argc, char **argv)
{
	(void)argc;
	return set_port_param(argv, "path_cost", BRCTL_SET_PATH_COST,
			      "bad path cost value", "path cost");
}

int lbr_cmd_setportprio(int argc, char **argv)
{
	(void)argc;
	/* "path priority" is brctl's wording */
	return set_port_param(argv, "priority", BRCTL_SET_PORT_PRIORITY,
			      "bad path priority value", "port priority");
}

/* hairpin BRIDGE PORT on|off: no legacy ioctl exists, so sysfs only. */
int lbr_cmd_hairpin(int argc, char **argv)
{
	const char *br = argv[1], *port = argv[2];
	int on, err;

	(void)argc;
	on = lbr_parse_switch(argv[3]);
	if (on < 0) {
		fputs("expect on/off for argument\n", stderr);
		return 1;
	}
	if (!if_nametoindex(port)) {
		fprintf(stderr, "interface %s does not exist!\n", port);
		return 1;
	}
	if (!if_nametoindex(br)) {
		fprintf(stderr, "bridge %s does not exist!\n", br);
		return 1;
	}
	/*
	 * Command 0 (BRCTL_GET_VERSION) is not a per-bridge request, so when
	 * sysfs is missing the kernel refuses the fallback, as with brctl.
	 */
	err = lbr_set_port_attr(br, port, "hairpin_mode", on, BRCTL_GET_VERSION);
	if (err)
		fprintf(stderr, "can't set %s to hairpin on bridge %s: %s\n",
			port, br, strerror(err));
	return err != 0;
}
