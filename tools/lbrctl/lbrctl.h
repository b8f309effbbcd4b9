// SPDX-License-Identifier: GPL-2.0
/* lbrctl: command table type, bridge/port/fdb records and shared helpers. */
#ifndef LBRCTL_H
#define LBRCTL_H

#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <linux/if_bridge.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* Where the loaded module reports its MODULE_VERSION. */
#define LBR_MODULE_VERSION	"/sys/module/lbridge/version"

#define LBR_SYSFS_NET		"/sys/class/net"
/* Sizes of the index arrays handed to the legacy list ioctls. */
#define LBR_MAX_BRIDGES		1024
#define LBR_MAX_PORTS		1024
/* Forwarding-table records fetched per read of brforward or ioctl. */
#define LBR_FDB_CHUNK		128

/*
 * One brctl sub-command.  @run gets the arguments starting at the command
 * word itself (argv[0] == name); it is only called when at least @nargs
 * more arguments follow.  @help is the synopsis and description exactly as
 * the usage text shows them.
 */
struct lbr_cmd {
	const char *name;
	int nargs;
	int (*run)(int argc, char **argv);
	const char *help;
};

/* An 8-byte bridge identifier: 2 bytes priority, 6 bytes address. */
struct lbr_id {
	uint8_t b[8];
};

/*
 * Bridge state as sysfs or BRCTL_GET_BRIDGE_INFO reports it.  Times and
 * timers are in hundredths of a second (the kernel's USER_HZ clock_t).
 */
struct lbr_bridge {
	struct lbr_id root_id;
	struct lbr_id bridge_id;
	unsigned int root_path_cost;
	uint16_t root_port;
	uint8_t stp_enabled;
	uint8_t topology_change;
	uint8_t topology_change_detected;
	unsigned long max_age;
	unsigned long hello_time;
	unsigned long forward_delay;
	unsigned long bridge_max_age;
	unsigned long bridge_hello_time;
	unsigned long bridge_forward_delay;
	unsigned long ageing_time;
	unsigned long hello_timer;
	unsigned long tcn_timer;
	unsigned long topology_change_timer;
	unsigned long gc_timer;
};

/* Port state as sysfs brport/ or BRCTL_GET_PORT_INFO reports it. */
struct lbr_port {
	unsigned int port_no;
	struct lbr_id designated_root;
	struct lbr_id designated_bridge;
	uint16_t port_id;
	uint16_t designated_port;
	unsigned int path_cost;
	unsigned int designated_cost;
	uint8_t state;
	uint8_t change_ack;
	uint8_t config_pending;
	uint8_t hairpin_mode;
	unsigned long message_age_timer;
	unsigned long forward_delay_timer;
	unsigned long hold_timer;
};

/* One forwarding-table entry; @seq is its position in the kernel's dump. */
struct lbr_fdb {
	uint8_t mac[6];
	uint8_t port_no;
	uint8_t is_local;
	uint32_t ageing;
	uint32_t seq;
};

/*
 * A request of lbridge's generic netlink family, built in place by
 * genl.c: a netlink header, the generic one and attributes.
 */
struct lbr_genl_req {
	char buf[256] __attribute__((aligned(4)));
};

struct nlattr;
/* A reply message's attributes, indexed by type; 0 or a negative errno. */
typedef int (*lbr_genl_cb)(struct nlattr **tb, void *arg);

typedef int (*lbr_bridge_cb)(const char *br, void *arg);
typedef int (*lbr_port_cb)(const char *br, const char *port, void *arg);

/* ioctl.c: the legacy socket ioctl interface */
int lbr_ctl_open(void);
void lbr_copy_ifname(char *dst, const char *src);
int lbr_ioctl_add_bridge(const char *br);
int lbr_ioctl_del_bridge(const char *br);
int lbr_ioctl_add_port(const char *br, const char *dev);
int lbr_ioctl_del_port(const char *br, const char *dev);
int lbr_ioctl_bridges(int *ifindices, int max);
int lbr_ioctl_ports(const char *br, int *ifindices, int max);
int lbr_ioctl_port_index(const char *br, const char *dev);
int lbr_ioctl_bridge_info(const char *br, struct lbr_bridge *b);
int lbr_ioctl_port_info(const char *br, const char *dev, struct lbr_port *p);
int lbr_ioctl_fdb(const char *br, struct __fdb_entry *buf, int num,
		  unsigned long offset);
int lbr_ioctl_set_bridge(const char *br, unsigned long cmd, unsigned long val);
int lbr_ioctl_set_port(const char *br, unsigned long cmd, int index,
		       unsigned long val);

/* sysfs.c: sysfs readers and writers, each falling back to ioctl.c */
int lbr_foreach_bridge(lbr_bridge_cb cb, void *arg);
int lbr_foreach_port(const char *br, lbr_port_cb cb, void *arg);
int lbr_get_bridge(const char *br, struct lbr_bridge *b);
int lbr_get_port(const char *br, const char *port, struct lbr_port *p);
int lbr_read_fdb(const char *br, struct lbr_fdb *out, unsigned long offset,
		 int num);
int lbr_set_bridge_attr(const char *br, const char *attr, unsigned long val,
			unsigned long legacy_cmd);
int lbr_set_port_attr(const char *br, const char *port, const char *attr,
		      unsigned long val, unsigned long legacy_cmd);

/* genl.c: lbridge's generic netlink family */
int lbr_genl_open(void);
void lbr_genl_init(struct lbr_genl_req *r, uint8_t cmd, int dump);
void lbr_genl_put(struct lbr_genl_req *r, int type, const void *data,
		  size_t len);
void lbr_genl_put_u8(struct lbr_genl_req *r, int type, uint8_t v);
void lbr_genl_put_u32(struct lbr_genl_req *r, int type, uint32_t v);
int lbr_genl_talk(struct lbr_genl_req *r, lbr_genl_cb cb, void *arg);
const char *lbr_genl_strerror(int err);
uint64_t lbr_genl_uint(struct nlattr **tb, int type);
const void *lbr_genl_data(struct nlattr **tb, int type, size_t len);
const char *lbr_genl_str(struct nlattr **tb, int type);

/* show.c: read-only commands */
int lbr_cmd_show(int argc, char **argv);
int lbr_cmd_showmacs(int argc, char **argv);
int lbr_cmd_showstp(int argc, char **argv);
const char *lbr_port_state_name(int state);

/* modify.c: commands that change bridges */
int lbr_cmd_addbr(int argc, char **argv);
int lbr_cmd_delbr(int argc, char **argv);
int lbr_cmd_addif(int argc, char **argv);
int lbr_cmd_delif(int argc, char **argv);
int lbr_cmd_hairpin(int argc, char **argv);
int lbr_cmd_setageing(int argc, char **argv);
int lbr_cmd_setbridgeprio(int argc, char **argv);
int lbr_cmd_setfd(int argc, char **argv);
int lbr_cmd_sethello(int argc, char **argv);
int lbr_cmd_setmaxage(int argc, char **argv);
int lbr_cmd_setpathcost(int argc, char **argv);
int lbr_cmd_setportprio(int argc, char **argv);
int lbr_cmd_stp(int argc, char **argv);
int lbr_parse_switch(const char *s);

/* rstp.c: lbridge's own commands (RSTP, the snooping prune rule), through genl.c */
int lbr_cmd_setstpproto(int argc, char **argv);
int lbr_cmd_settxholdcount(int argc, char **argv);
int lbr_cmd_setportedge(int argc, char **argv);
int lbr_cmd_setportautoedge(int argc, char **argv);
int lbr_cmd_setportp2p(int argc, char **argv);
int lbr_cmd_portmcheck(int argc, char **argv);
int lbr_cmd_showrstp(int argc, char **argv);
int lbr_cmd_setmcastprune(int argc, char **argv);
int lbr_cmd_showmcastprune(int argc, char **argv);

#endif /* LBRCTL_H */
