// SPDX-License-Identifier: GPL-2.0
/* lbrctl: lbridge's own commands (RSTP, the snooping prune rule) over its genetlink family. */

#include <stdio.h>
#include <string.h>

#include "lbridge/uapi.h"
#include "lbrctl.h"

/* ---- the bridge and the port a command names ---- */

/* @br's ifindex, or 0 after brctl's message. */
static unsigned int bridge_index(const char *br)
{
	unsigned int ifindex = if_nametoindex(br);

	if (!ifindex)
		fprintf(stderr, "bridge %s does not exist!\n", br);
	return ifindex;
}

static int port_master(struct nlattr **tb, void *arg)
{
	unsigned int *master = arg;

	*master = lbr_genl_uint(tb, LBR_ATTR_MASTER);
	return 0;
}

/* @port's ifindex if it is an lbridge port of @br, else 0 after a message. */
static unsigned int port_index(const char *br, const char *port)
{
	unsigned int bi, pi, master = 0;
	struct lbr_genl_req r;
	int err;

	/* as brctl's delif: the port's absence first */
	pi = if_nametoindex(port);
	if (!pi) {
		fprintf(stderr, "interface %s does not exist!\n", port);
		return 0;
	}
	bi = bridge_index(br);
	if (!bi)
		return 0;
	lbr_genl_init(&r, LBR_CMD_PORT_GET, 0);
	lbr_genl_put_u32(&r, LBR_ATTR_IFINDEX, pi);
	err = lbr_genl_talk(&r, port_master, &master);
	if (err) {
		fprintf(stderr, "can't get port %s: %s\n", port,
			lbr_genl_strerror(err));
		return 0;
	}
	if (master != bi) {
		fprintf(stderr, "device %s is not a port of %s\n", port, br);
		return 0;
	}
	return pi;
}

/* A SET request for the bridge @br; -1 after a message. */
static int bridge_set(struct lbr_genl_req *r, const char *br)
{
	unsigned int bi;

	if (lbr_genl_open())
		return -1;
	bi = bridge_index(br);
	if (!bi)
		return -1;
	lbr_genl_init(r, LBR_CMD_BRIDGE_SET, 0);
	lbr_genl_put_u32(r, LBR_ATTR_IFINDEX, bi);
	return 0;
}

/* A SET request for @port of @br; -1 after a message. */
static int port_set(struct lbr_genl_req *r, const char *br, const char *port)
{
	unsigned int pi;

	if (lbr_genl_open())
		return -1;
	pi = port_index(br, port);
	if (!pi)
		return -1;
	lbr_genl_init(r, LBR_CMD_PORT_SET, 0);
	lbr_genl_put_u32(r, LBR_ATTR_IFINDEX, pi);
	return 0;
}

/* Send @r; on failure "set <what> failed: <the kernel's reason>". */
static int send_set(struct lbr_genl_req *r, const char *what)
{
	int err = lbr_genl_talk(r, NULL, NULL);

	if (err)
		fprintf(stderr, "set %s failed: %s\n", what,
			lbr_genl_strerror(err));
	return err != 0;
}

/* ---- settings ---- */

int lbr_cmd_setstpproto(int argc, char **argv)
{
	struct lbr_genl_req r;
	uint8_t proto;

	(void)argc;
	if (!strcmp(argv[2], "stp")) {
		proto = LBR_STP_PROTO_STP;
	} else if (!strcmp(argv[2], "rstp")) {
		proto = LBR_STP_PROTO_RSTP;
	} else {
		fputs("expect stp/rstp for argument\n", stderr);
		return 1;
	}
	if (bridge_set(&r, argv[1]))
		return 1;
	lbr_genl_put_u8(&r, LBR_ATTR_STP_PROTOCOL, proto);
	return send_set(&r, "stp protocol");
}

int lbr_cmd_settxholdcount(int argc, char **argv)
{
	struct lbr_genl_req r;
	int count;

	(void)argc;
	if (sscanf(argv[2], "%i", &count) != 1) {
		fputs("bad tx hold count value\n", stderr);
		return 1;
	}
	if (bridge_set(&r, argv[1]))
		return 1;
	/* the range (1 to 10) is the kernel's to check and explain */
	lbr_genl_put_u32(&r, LBR_ATTR_TX_HOLD_COUNT, count);
	return send_set(&r, "tx hold count");
}

/* setportedge/setportautoedge BRIDGE PORT on|off */
static int set_port_switch(char **argv, int attr, const char *what)
{
	struct lbr_genl_req r;
	int on;

	on = lbr_parse_switch(argv[3]);
	if (on < 0) {
		fputs("expect on/off for argument\n", stderr);
		return 1;
	}
	if (port_set(&r, argv[1], argv[2]))
		return 1;
	lbr_genl_put_u8(&r, attr, on);
	return send_set(&r, what);
}

int lbr_cmd_setportedge(int argc, char **argv)
{
	(void)argc;
	return set_port_switch(argv, LBR_ATTR_PORT_ADMIN_EDGE, "admin edge");
}

int lbr_cmd_setportautoedge(int argc, char **argv)
{
	(void)argc;
	return set_port_switch(argv, LBR_ATTR_PORT_AUTO_EDGE, "auto edge");
}

int lbr_cmd_setportp2p(int argc, char **argv)
{
	struct lbr_genl_req r;
	uint8_t mode;
	int on;

	(void)argc;
	on = lbr_parse_switch(argv[3]);
	if (!strcmp(argv[3], "auto")) {
		mode = LBR_P2P_AUTO;
	} else if (on >= 0) {
		mode = on ? LBR_P2P_YES : LBR_P2P_NO;
	} else {
		fputs("expect auto/on/off for argument\n", stderr);
		return 1;
	}
	if (port_set(&r, argv[1], argv[2]))
		return 1;
	lbr_genl_put_u8(&r, LBR_ATTR_PORT_ADMIN_P2P, mode);
	return send_set(&r, "point-to-point");
}

int lbr_cmd_portmcheck(int argc, char **argv)
{
	struct lbr_genl_req r;
	int err;

	(void)argc;
	if (port_set(&r, argv[1], argv[2]))
		return 1;
	lbr_genl_put(&r, LBR_ATTR_PORT_MCHECK, NULL, 0);
	err = lbr_genl_talk(&r, NULL, NULL);
	if (err)
		fprintf(stderr, "mcheck on %s failed: %s\n", argv[2],
			lbr_genl_strerror(err));
	return err != 0;
}

static const char *const prune_rules[] = {
	[LBR_MCAST_PRUNE_SAFE] = "safe", [LBR_MCAST_PRUNE_INTREE] = "intree",
};

int lbr_cmd_setmcastprune(int argc, char **argv)
{
	struct lbr_genl_req r;
	size_t rule;

	(void)argc;
	for (rule = 0; rule < ARRAY_SIZE(prune_rules); rule++)
		if (!strcmp(argv[2], prune_rules[rule]))
			break;
	if (rule == ARRAY_SIZE(prune_rules)) {
		fputs("expect safe/intree for argument\n", stderr);
		return 1;
	}
	if (bridge_set(&r, argv[1]))
		return 1;
	lbr_genl_put_u8(&r, LBR_ATTR_MCAST_PRUNE_RULE, rule);
	return send_set(&r, "multicast prune rule");
}

static int show_prune(struct nlattr **tb, void *arg)
{
	uint64_t rule = lbr_genl_uint(tb, LBR_ATTR_MCAST_PRUNE_RULE);

	(void)arg;
	printf("%s\n", rule < ARRAY_SIZE(prune_rules) ? prune_rules[rule] : "?");
	return 0;
}

/* showmcastprune BRIDGE: "safe" or "intree". */
int lbr_cmd_showmcastprune(int argc, char **argv)
{
	struct lbr_genl_req r;
	unsigned int bi;
	int err;

	(void)argc;
	if (lbr_genl_open())
		return 1;
	bi = bridge_index(argv[1]);
	if (!bi)
		return 1;
	lbr_genl_init(&r, LBR_CMD_BRIDGE_GET, 0);
	lbr_genl_put_u32(&r, LBR_ATTR_IFINDEX, bi);
	err = lbr_genl_talk(&r, show_prune, NULL);
	if (err) {
		fprintf(stderr, "can't get multicast prune rule of %s: %s\n",
			argv[1], lbr_genl_strerror(err));
		return 1;
	}
	return 0;
}

/* ---- showrstp ---- */

/* A value as showstp prints it; each call has a buffer of its own. */
struct val {
	char s[24];
};

static const char *num(struct val *v, uint64_t n)
{
	snprintf(v->s, sizeof(v->s), "%4llu", (unsigned long long)n);
	return v->s;
}

static const char *hex4(struct val *v, uint64_t n)
{
	snprintf(v->s, sizeof(v->s), "%.4x", (unsigned int)n);
	return v->s;
}

static const char *bridge_id(struct val *v, struct nlattr **tb, int type)
{
	const uint8_t *b = lbr_genl_data(tb, type, 8);

	if (!b)
		return "?";
	snprintf(v->s, sizeof(v->s), "%.2x%.2x.%.2x%.2x%.2x%.2x%.2x%.2x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
	return v->s;
}

static const char *yes_no(struct nlattr **tb, int type)
{
	return lbr_genl_uint(tb, type) ? "yes" : "no";
}

/* names[value of @type], or "?" beyond them */
static const char *name_of(struct nlattr **tb, int type,
			   const char *const *names, size_t n)
{
	uint64_t i = lbr_genl_uint(tb, type);

	return i < n && names[i] ? names[i] : "?";
}

/* Tabs from column @col to @to, at least one; the column reached. */
static int tab_to(int col, int to)
{
	do {
		putchar('\t');
		col = (col / 8 + 1) * 8;
	} while (col < to);
	return col;
}

/*
 * One line of showstp's two-column layout: " label", its value at column
 * 24; then, if @r is given, " label" from column 48, its value at 72.
 */
static void row(const char *l, const char *lv, const char *r, const char *rv)
{
	int col = printf(" %s", l);

	col = tab_to(col, 24);
	col += printf("%s", lv);
	if (r) {
		col = tab_to(col, 48);
		col += printf("%s", r);
		tab_to(col, 72);
		fputs(rv, stdout);
	}
	putchar('\n');
}

static int show_bridge(struct nlattr **tb, void *arg)
{
	static const char *const stp[] = { "off", "kernel", "user" };
	static const char *const proto[] = {
		[LBR_STP_PROTO_STP] = "stp", [LBR_STP_PROTO_RSTP] = "rstp",
	};
	struct val a, b;

	(void)arg;
	printf("%s\n", lbr_genl_str(tb, LBR_ATTR_IFNAME));
	row("stp state", name_of(tb, LBR_ATTR_STP_STATE, stp, ARRAY_SIZE(stp)),
	    "protocol", name_of(tb, LBR_ATTR_STP_PROTOCOL, proto,
				ARRAY_SIZE(proto)));
	row("bridge id", bridge_id(&a, tb, LBR_ATTR_BRIDGE_ID), NULL, NULL);
	row("designated root", bridge_id(&a, tb, LBR_ATTR_ROOT_ID), NULL, NULL);
	row("root port", num(&a, lbr_genl_uint(tb, LBR_ATTR_ROOT_PORT)),
	    "path cost", num(&b, lbr_genl_uint(tb, LBR_ATTR_ROOT_PATH_COST)));
	row("tx hold count", num(&a, lbr_genl_uint(tb, LBR_ATTR_TX_HOLD_COUNT)),
	    "topology changes",
	    num(&b, lbr_genl_uint(tb, LBR_ATTR_TOPOLOGY_CHANGES)));
	row("bpdu rx dropped", num(&a, lbr_genl_uint(tb, LBR_ATTR_STP_RX_DROPPED)),
	    "bpdu rx invalid",
	    num(&b, lbr_genl_uint(tb, LBR_ATTR_STP_RX_INVALID)));
	fputs("\n\n", stdout);
	return 0;
}

/* A port's pair of BPDU counters. */
static void bpdu_row(struct nlattr **tb, const char *rx_label, int rx,
		     const char *tx_label, int tx)
{
	struct val a, b;

	row(rx_label, num(&a, lbr_genl_uint(tb, rx)),
	    tx_label, num(&b, lbr_genl_uint(tb, tx)));
}

static int show_port(struct nlattr **tb, void *arg)
{
	static const char *const role[] = {
		[LBR_ROLE_DISABLED] = "disabled", [LBR_ROLE_ROOT] = "root",
		[LBR_ROLE_DESIGNATED] = "designated",
		[LBR_ROLE_ALTERNATE] = "alternate", [LBR_ROLE_BACKUP] = "backup",
	};
	static const char *const p2p[] = {
		[LBR_P2P_AUTO] = "auto", [LBR_P2P_YES] = "yes",
		[LBR_P2P_NO] = "no",
	};
	struct val a, b;

	(void)arg;
	printf("%s (%d)\n", lbr_genl_str(tb, LBR_ATTR_IFNAME),
	       (int)lbr_genl_uint(tb, LBR_ATTR_PORT_NO));
	row("port id", hex4(&a, lbr_genl_uint(tb, LBR_ATTR_PORT_ID)), "state",
	    lbr_port_state_name(lbr_genl_uint(tb, LBR_ATTR_PORT_STATE)));
	row("role", name_of(tb, LBR_ATTR_PORT_ROLE, role, ARRAY_SIZE(role)),
	    "protocol", lbr_genl_uint(tb, LBR_ATTR_PORT_SEND_RSTP) ? "rstp" : "stp");
	row("edge admin", yes_no(tb, LBR_ATTR_PORT_ADMIN_EDGE),
	    "edge auto", yes_no(tb, LBR_ATTR_PORT_AUTO_EDGE));
	row("edge oper", yes_no(tb, LBR_ATTR_PORT_OPER_EDGE), NULL, NULL);
	row("p2p admin", name_of(tb, LBR_ATTR_PORT_ADMIN_P2P, p2p, ARRAY_SIZE(p2p)),
	    "p2p oper", yes_no(tb, LBR_ATTR_PORT_OPER_P2P));
	row("designated root", bridge_id(&a, tb, LBR_ATTR_PORT_DESIGNATED_ROOT),
	    "designated cost",
	    num(&b, lbr_genl_uint(tb, LBR_ATTR_PORT_DESIGNATED_COST)));
	row("designated bridge",
	    bridge_id(&a, tb, LBR_ATTR_PORT_DESIGNATED_BRIDGE),
	    "designated port",
	    hex4(&b, lbr_genl_uint(tb, LBR_ATTR_PORT_DESIGNATED_PORT)));
	bpdu_row(tb, "rst bpdu rx", LBR_ATTR_PORT_RX_RST_BPDU,
		 "rst bpdu tx", LBR_ATTR_PORT_TX_RST_BPDU);
	bpdu_row(tb, "config bpdu rx", LBR_ATTR_PORT_RX_CONFIG_BPDU,
		 "config bpdu tx", LBR_ATTR_PORT_TX_CONFIG_BPDU);
	bpdu_row(tb, "tcn bpdu rx", LBR_ATTR_PORT_RX_TCN_BPDU,
		 "tcn bpdu tx", LBR_ATTR_PORT_TX_TCN_BPDU);
	putchar('\n');
	return 0;
}

/* showrstp BRIDGE: the bridge, then its ports by number. */
int lbr_cmd_showrstp(int argc, char **argv)
{
	struct lbr_genl_req r;
	unsigned int bi;
	int err;

	(void)argc;
	if (lbr_genl_open())
		return 1;
	bi = bridge_index(argv[1]);
	if (!bi)
		return 1;
	lbr_genl_init(&r, LBR_CMD_BRIDGE_GET, 0);
	lbr_genl_put_u32(&r, LBR_ATTR_IFINDEX, bi);
	err = lbr_genl_talk(&r, show_bridge, NULL);
	if (!err) {
		lbr_genl_init(&r, LBR_CMD_PORT_GET, 1);
		lbr_genl_put_u32(&r, LBR_ATTR_MASTER, bi);
		err = lbr_genl_talk(&r, show_port, NULL);
	}
	if (err) {
		fprintf(stderr, "can't get rstp info of %s: %s\n", argv[1],
			lbr_genl_strerror(err));
		return 1;
	}
	return 0;
}
