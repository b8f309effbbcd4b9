// SPDX-License-Identifier: GPL-2.0
/* lbrfuzz: rtnetlink message building and the netlink target. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "lbrfuzz.h"

#define NLA_END(b) ((char *)&(b)->h + NLMSG_ALIGN((b)->h.nlmsg_len))

void nlb_init(struct nlb *b, int type, int flags, const void *hdr, size_t hlen)
{
	memset(b->buf, 0, NLMSG_SPACE(hlen));
	b->h.nlmsg_len = NLMSG_LENGTH(hlen);
	b->h.nlmsg_type = type;
	b->h.nlmsg_flags = NLM_F_REQUEST | flags;
	if (hdr)
		memcpy(NLMSG_DATA(&b->h), hdr, hlen);
}

struct nlattr *nlb_put(struct nlb *b, int type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)NLA_END(b);

	if (NLMSG_ALIGN(b->h.nlmsg_len) + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(b->buf) - 64)
		return NULL;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (data)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	else
		memset((char *)a + NLA_HDRLEN, 0, len);
	b->h.nlmsg_len = NLMSG_ALIGN(b->h.nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

struct nlattr *nlb_nest(struct nlb *b, int type)
{
	return nlb_put(b, type | NLA_F_NESTED, NULL, 0);
}

void nlb_end(struct nlb *b, struct nlattr *nest)
{
	if (nest)
		nest->nla_len = NLA_END(b) - (char *)nest;
}

static void put_int(struct nlb *b, int type, size_t len, uint64_t v)
{
	nlb_put(b, type, &v, len);	/* little-endian: the low bytes */
}

/* Up to 7 attributes of random types, sizes and nesting below @maxtype+3. */
void nlb_junk(struct nlb *b, int maxtype, int depth)
{
	static const size_t sizes[] = { 0, 1, 2, 4, 8, 6, 3, 5, 16, 17 };
	unsigned char data[64];
	struct nlattr *a, *last = NULL;
	int n = rn(8), type, len;

	while (n--) {
		type = rn(maxtype + 4);
		switch (rn(8)) {
		case 0:
			if (depth < 3) {
				a = nlb_nest(b, chance(80) ? type : type & ~NLA_F_NESTED);
				nlb_junk(b, maxtype, depth + 1);
				nlb_end(b, a);
				last = a;
				break;
			}
			/* fall through */
		case 1:
			len = rn(sizeof(data));
			rbytes(data, len);
			last = nlb_put(b, type, data, len);
			break;
		case 2:
			if (last && (char *)last + last->nla_len <= NLA_END(b)) {
				memcpy(data, last, last->nla_len < sizeof(data) ?
				       last->nla_len : sizeof(data));
				last = nlb_put(b, last->nla_type, (char *)data + NLA_HDRLEN,
					       last->nla_len < sizeof(data) ?
					       last->nla_len - NLA_HDRLEN : 0);
				break;
			}
			/* fall through */
		default:
			len = sizes[rn(sizeof(sizes) / sizeof(sizes[0]))];
			if (chance(70))
				len = sizes[rn(5)];
			put_int(b, type, len > 8 ? 8 : len, rval());
			last = NULL;
			break;
		}
	}
	/* Rarely, a lie about the last attribute's length. */
	if (last && chance(3))
		last->nla_len = chance(50) ? 2 : last->nla_len + rn(64);
}

static int nl_send(struct nlb *b)
{
	static unsigned int seq;

	b->h.nlmsg_seq = ++seq;
	b->h.nlmsg_pid = 0;
	if (send(fz.nl, b->buf, b->h.nlmsg_len, 0) < 0)
		return -errno;
	return 0;
}

/* Send, then read until the ACK/error or the end of a dump. */
int nl_dump(struct nlb *b, nl_cb cb, void *arg)
{
	static char rx[65536];
	unsigned int seq;
	struct nlmsghdr *h;
	int err, n;

	/* Ask for an ACK always: a doit reply alone would leave us waiting. */
	b->h.nlmsg_flags |= NLM_F_ACK;
	err = nl_send(b);
	if (err)
		return err;
	seq = b->h.nlmsg_seq;
	for (;;) {
		n = recv(fz.nl, rx, sizeof(rx), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				inconsistent("no netlink answer in 10 s (type %u)", b->h.nlmsg_type);
			return -errno;
		}
		for (h = (struct nlmsghdr *)rx; NLMSG_OK(h, (unsigned int)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (cb)
				cb(h, arg);
		}
	}
}

int nl_talk(struct nlb *b)
{
	return nl_dump(b, NULL, NULL);
}

int nl_newbridge(const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *li;
	struct nlb b;

	nlb_init(&b, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof(ifi));
	nlb_put(&b, IFLA_IFNAME, name, strlen(name) + 1);
	li = nlb_nest(&b, IFLA_LINKINFO);
	nlb_put(&b, IFLA_INFO_KIND, "bridge", 7);
	nlb_end(&b, li);
	return nl_talk(&b);
}

int nl_dellink(int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nlb b;

	nlb_init(&b, RTM_DELLINK, 0, &ifi, sizeof(ifi));
	return nl_talk(&b);
}

int nl_setmaster(int ifindex, int master)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex };
	struct nlb b;

	nlb_init(&b, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	put_int(&b, IFLA_MASTER, 4, master);
	return nl_talk(&b);
}

int nl_setup(int ifindex)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex,
				 .ifi_flags = IFF_UP, .ifi_change = IFF_UP };
	struct nlb b;

	nlb_init(&b, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	return nl_talk(&b);
}

struct fdb_find {
	const unsigned char *mac;
	int ifindex;
	bool found;
};

static void fdb_find_cb(const struct nlmsghdr *h, void *arg)
{
	const struct ndmsg *ndm = NLMSG_DATA(h);
	struct fdb_find *ff = arg;
	const struct rtattr *a = (const struct rtattr *)((const char *)ndm +
							  NLMSG_ALIGN(sizeof(*ndm)));
	int len = h->nlmsg_len - NLMSG_LENGTH(sizeof(*ndm));

	if (h->nlmsg_type != RTM_NEWNEIGH || ndm->ndm_family != AF_BRIDGE ||
	    ndm->ndm_ifindex != ff->ifindex)
		return;
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
		if (a->rta_type == NDA_LLADDR && RTA_PAYLOAD(a) == 6 &&
		    !memcmp(RTA_DATA(a), ff->mac, 6))
			ff->found = true;
}

/* Whether a full AF_BRIDGE fdb dump lists @mac on @ifindex. */
bool fdb_has(const unsigned char *mac, int ifindex)
{
	struct ndmsg ndm = { .ndm_family = AF_BRIDGE };
	struct fdb_find ff = { mac, ifindex, false };
	struct nlb b;

	nlb_init(&b, RTM_GETNEIGH, NLM_F_DUMP, &ndm, sizeof(ndm));
	nl_dump(&b, fdb_find_cb, &ff);
	return ff.found;
}

/* A well-formed IFLA_BR_* attribute with a boundary-biased value. */
static void put_br_attr(struct nlb *b)
{
	static const unsigned char sz[IFLA_BR_MAX + 1] = {
		[IFLA_BR_FORWARD_DELAY] = 4, [IFLA_BR_HELLO_TIME] = 4,
		[IFLA_BR_MAX_AGE] = 4, [IFLA_BR_AGEING_TIME] = 4,
		[IFLA_BR_STP_STATE] = 4, [IFLA_BR_PRIORITY] = 2,
		[IFLA_BR_VLAN_FILTERING] = 1, [IFLA_BR_VLAN_PROTOCOL] = 2,
		[IFLA_BR_GROUP_FWD_MASK] = 2, [IFLA_BR_GROUP_ADDR] = 6,
		[IFLA_BR_MCAST_ROUTER] = 1, [IFLA_BR_MCAST_SNOOPING] = 1,
		[IFLA_BR_MCAST_HASH_MAX] = 4, [IFLA_BR_NF_CALL_IPTABLES] = 1,
		[IFLA_BR_VLAN_DEFAULT_PVID] = 2, [IFLA_BR_VLAN_STATS_ENABLED] = 1,
		[IFLA_BR_MCAST_QUERIER] = 1, [IFLA_BR_MCAST_QUERY_INTVL] = 8,
		[IFLA_BR_MULTI_BOOLOPT] = 8,
	};
	int t = rn(IFLA_BR_MAX + 1);
	unsigned char mac[6];

	if (t == IFLA_BR_FDB_FLUSH) {
		nlb_put(b, t, NULL, 0);
	} else if (t == IFLA_BR_GROUP_ADDR) {
		rmac(mac);
		nlb_put(b, t, mac, 6);
	} else {
		put_int(b, t, sz[t] ? sz[t] : 4, rval());
	}
}

static void put_brport_attr(struct nlb *b)
{
	int t = rn(IFLA_BRPORT_MAX + 1);
	size_t len = 1;

	if (t == IFLA_BRPORT_PRIORITY || t == IFLA_BRPORT_GROUP_FWD_MASK)
		len = 2;
	else if (t == IFLA_BRPORT_COST || t == IFLA_BRPORT_BACKUP_PORT)
		len = 4;
	else if (t == IFLA_BRPORT_FLUSH)
		len = 0;
	put_int(b, t, len, chance(70) ? rn(3) : rval());
}

static void br_attrs(struct nlb *b)
{
	int n = rn(5);

	if (chance(50))
		nlb_junk(b, IFLA_BR_MAX, 1);
	while (n--)
		put_br_attr(b);
}

static void port_attrs(struct nlb *b)
{
	int n = rn(5);

	if (chance(50))
		nlb_junk(b, IFLA_BRPORT_MAX, 1);
	while (n--)
		put_brport_attr(b);
}

static int count(enum op op, int err)
{
	BUMP(fz.ops[op]);
	if (!err)
		BUMP(fz.ok[op]);
	return err;
}

static void op_newbr(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *li, *data;
	char name[IFNAMSIZ];
	struct nlb b;
	bool existed;
	int err;

	snprintf(name, sizeof(name), "fz%u", rn(4));
	existed = if_nametoindex(name);
	nlb_init(&b, RTM_NEWLINK, NLM_F_CREATE | (chance(50) ? NLM_F_EXCL : 0),
		 &ifi, sizeof(ifi));
	nlb_put(&b, IFLA_IFNAME, name, strlen(name) + 1);
	li = nlb_nest(&b, IFLA_LINKINFO);
	nlb_put(&b, IFLA_INFO_KIND, "bridge", 7);
	data = nlb_nest(&b, IFLA_INFO_DATA);
	br_attrs(&b);
	nlb_end(&b, data);
	nlb_end(&b, li);
	err = count(OP_NL_NEWBR, nl_talk(&b));
	if (!err && !existed && !if_nametoindex(name))
		inconsistent("RTM_NEWLINK bridge %s returned 0 but no such device", name);
	/* Extra bridges come and go; fz0 and fz1 are kept by topo_fix(). */
	if (!existed && name[2] >= '2' && chance(50))
		nl_dellink(if_nametoindex(name));
}

static void op_setbr(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = any_ifindex() };
	struct nlattr *li, *data;
	struct nlb b;

	nlb_init(&b, chance(50) ? RTM_NEWLINK : RTM_SETLINK, 0, &ifi, sizeof(ifi));
	li = nlb_nest(&b, IFLA_LINKINFO);
	if (chance(90))
		nlb_put(&b, IFLA_INFO_KIND, "bridge", 7);
	data = nlb_nest(&b, chance(80) ? IFLA_INFO_DATA : IFLA_INFO_SLAVE_DATA);
	if (chance(50))
		br_attrs(&b);
	else
		port_attrs(&b);
	nlb_end(&b, data);
	nlb_end(&b, li);
	count(OP_NL_SETBR, nl_talk(&b));
}

static void br_prio_cb(const struct nlmsghdr *h, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(h);
	const struct rtattr *a = IFLA_RTA(ifi), *i, *d;
	int len = IFLA_PAYLOAD(h), l2, l3;

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type != IFLA_LINKINFO)
			continue;
		l2 = RTA_PAYLOAD(a);
		for (i = RTA_DATA(a); RTA_OK(i, l2); i = RTA_NEXT(i, l2)) {
			if ((i->rta_type & NLA_TYPE_MASK) != IFLA_INFO_DATA)
				continue;
			l3 = RTA_PAYLOAD(i);
			for (d = RTA_DATA(i); RTA_OK(d, l3); d = RTA_NEXT(d, l3))
				if (d->rta_type == IFLA_BR_PRIORITY)
					*(int *)arg = *(uint16_t *)RTA_DATA(d);
		}
	}
}

/* Set a valid priority alone; a success must read back. */
static void op_setbr_chk(void)
{
	int b0 = rn(NBRIDGES), idx = if_nametoindex(br_name(b0)), got = -1;
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = idx };
	uint16_t prio = rnd();
	struct nlattr *li, *data;
	struct nlb b;
	int err;

	if (!idx)
		return;
	nlb_init(&b, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	li = nlb_nest(&b, IFLA_LINKINFO);
	nlb_put(&b, IFLA_INFO_KIND, "bridge", 7);
	data = nlb_nest(&b, IFLA_INFO_DATA);
	nlb_put(&b, IFLA_BR_PRIORITY, &prio, 2);
	nlb_end(&b, data);
	nlb_end(&b, li);
	err = count(OP_NL_SETBR_CHK, nl_talk(&b));
	if (err) {
		inconsistent("IFLA_BR_PRIORITY %u on %s refused: %s", prio, br_name(b0),
			     strerror(-err));
		return;
	}
	nlb_init(&b, RTM_GETLINK, 0, &ifi, sizeof(ifi));
	nl_dump(&b, br_prio_cb, &got);
	if (got != prio)
		inconsistent("IFLA_BR_PRIORITY %u on %s reads back as %d", prio,
			     br_name(b0), got);
}

static void op_setport(void)
{
	struct ifinfomsg ifi = { .ifi_family = chance(70) ? AF_BRIDGE : AF_UNSPEC,
				 .ifi_index = any_ifindex() };
	struct nlattr *n, *li;
	struct nlb b;

	nlb_init(&b, chance(70) ? RTM_SETLINK : RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	if (ifi.ifi_family == AF_UNSPEC) {
		li = nlb_nest(&b, IFLA_LINKINFO);
		n = nlb_nest(&b, IFLA_INFO_SLAVE_DATA);
		port_attrs(&b);
		nlb_end(&b, n);
		nlb_end(&b, li);
	} else {
		n = chance(70) ? nlb_nest(&b, IFLA_PROTINFO) :
			nlb_put(&b, IFLA_PROTINFO, NULL, 0);
		port_attrs(&b);
		nlb_end(&b, n);
	}
	count(OP_NL_SETPORT, nl_talk(&b));
}

/* IFLA_BRPORT_COST alone on an enslaved port: success must show in sysfs. */
static void op_setport_chk(void)
{
	int p = rn(3), idx = if_nametoindex(port_name(p));
	struct ifinfomsg ifi = { .ifi_family = AF_BRIDGE, .ifi_index = idx };
	uint32_t cost = 1 + rn(65535);
	char path[96], val[32];
	struct nlattr *n;
	struct nlb b;
	int err;

	if (!idx || master_of(port_name(p)) <= 0)
		return;
	nlb_init(&b, RTM_SETLINK, 0, &ifi, sizeof(ifi));
	n = nlb_nest(&b, IFLA_PROTINFO);
	nlb_put(&b, IFLA_BRPORT_COST, &cost, 4);
	nlb_end(&b, n);
	err = count(OP_NL_SETPORT_CHK, nl_talk(&b));
	if (err) {
		inconsistent("IFLA_BRPORT_COST %u on port %s refused: %s", cost,
			     port_name(p), strerror(-err));
		return;
	}
	snprintf(path, sizeof(path), "/sys/class/net/%s/brport/path_cost", port_name(p));
	if (read_file(path, val, sizeof(val)) < 0 || strtoul(val, NULL, 0) != cost)
		inconsistent("IFLA_BRPORT_COST %u on %s reads back as %s", cost,
			     port_name(p), val);
}

static void op_afspec(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_BRIDGE, .ifi_index = any_ifindex() };
	struct nlattr *n;
	struct nlb b;

	nlb_init(&b, chance(60) ? RTM_SETLINK : RTM_DELLINK, 0, &ifi, sizeof(ifi));
	n = nlb_nest(&b, chance(80) ? IFLA_AF_SPEC : IFLA_PROTINFO);
	if (chance(50))
		put_int(&b, IFLA_BRIDGE_FLAGS, 2, chance(50) ? BRIDGE_FLAGS_SELF : rval());
	nlb_junk(&b, IFLA_BRIDGE_MAX, 1);
	nlb_end(&b, n);
	if (chance(30))
		nlb_junk(&b, IFLA_MAX, 2);
	count(OP_NL_AFSPEC, nl_talk(&b));
}

static void op_dellink(void)
{
	char name[IFNAMSIZ];
	int idx, err;

	snprintf(name, sizeof(name), "fz%u", rn(4));
	idx = if_nametoindex(name);
	if (!idx)
		return;
	err = count(OP_NL_DELLINK, nl_dellink(idx));
	if (!err && if_nametoindex(name))
		inconsistent("RTM_DELLINK %s returned 0 but it is still there", name);
	else if (err)
		inconsistent("RTM_DELLINK %s failed: %s", name, strerror(-err));
}

static void neigh_msg(struct nlb *b, int type, int flags)
{
	static const uint16_t states[] = { NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE,
					   NUD_STALE, 0 };
	static const uint8_t nflags[] = { NTF_MASTER, NTF_SELF, NTF_EXT_LEARNED,
					  NTF_USE, NTF_MASTER | NTF_SELF, 0 };
	struct ndmsg ndm = { .ndm_family = chance(95) ? AF_BRIDGE : rn(50) };
	unsigned char mac[6];
	uint16_t vid;

	ndm.ndm_ifindex = any_ifindex();
	ndm.ndm_state = chance(80) ? states[rn(5)] : rnd();
	ndm.ndm_flags = chance(80) ? nflags[rn(6)] : rnd();
	nlb_init(b, type, flags, &ndm, sizeof(ndm));
	if (chance(85)) {
		rmac(mac);
		nlb_put(b, NDA_LLADDR, mac, chance(90) ? 6 : rn(8));
	}
	if (chance(30)) {
		vid = chance(50) ? rn(4096) : rval();
		nlb_put(b, NDA_VLAN, &vid, chance(90) ? 2 : 4);
	}
	if (chance(20))
		put_int(b, NDA_MASTER, 4, any_ifindex());
	if (chance(20))
		put_int(b, NDA_IFINDEX, 4, any_ifindex());
	if (chance(15))
		put_int(b, NDA_NDM_STATE_MASK, 2, rval());
	if (chance(15))
		put_int(b, NDA_NDM_FLAGS_MASK, 1, rval());
	if (chance(30))
		nlb_junk(b, NDA_MAX, 1);
}

static void op_newneigh(void)
{
	struct nlb b;

	neigh_msg(&b, RTM_NEWNEIGH, NLM_F_CREATE | (chance(50) ? NLM_F_EXCL :
					    chance(50) ? NLM_F_REPLACE : 0));
	count(OP_NL_NEWNEIGH, nl_talk(&b));
}

/* A static entry on an enslaved port: add shows in the dump, del removes it. */
static void op_neigh_chk(void)
{
	int p = rn(3), idx = if_nametoindex(port_name(p)), err;
	struct ndmsg ndm = { .ndm_family = AF_BRIDGE, .ndm_ifindex = idx,
			     .ndm_state = NUD_NOARP, .ndm_flags = NTF_MASTER };
	unsigned char mac[6];
	struct nlb b;

	if (!idx || master_of(port_name(p)) <= 0)
		return;
	rmac_unicast(mac);
	nlb_init(&b, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, &ndm, sizeof(ndm));
	nlb_put(&b, NDA_LLADDR, mac, 6);
	err = count(OP_NL_NEIGH_CHK, nl_talk(&b));
	if (err) {
		inconsistent("fdb add static %02x:..:%02x on %s refused: %s", mac[0],
			     mac[5], port_name(p), strerror(-err));
		return;
	}
	if (!fdb_has(mac, idx))
		inconsistent("fdb add on %s returned 0 but the dump lacks the entry",
			     port_name(p));
	if (chance(50))
		return;	/* leave some for bulk deletes and flushes */
	nlb_init(&b, RTM_DELNEIGH, 0, &ndm, sizeof(ndm));
	nlb_put(&b, NDA_LLADDR, mac, 6);
	err = nl_talk(&b);
	if (err)
		inconsistent("fdb del on %s failed: %s", port_name(p), strerror(-err));
	else if (fdb_has(mac, idx))
		inconsistent("fdb del on %s returned 0 but the entry is still dumped",
			     port_name(p));
}

static void op_delneigh(bool bulk)
{
	struct nlb b;

	neigh_msg(&b, RTM_DELNEIGH, bulk ? NLM_F_BULK : 0);
	count(bulk ? OP_NL_BULKDEL : OP_NL_DELNEIGH, nl_talk(&b));
}

static void op_getneigh(bool dump)
{
	struct ifinfomsg ifi = { .ifi_family = AF_BRIDGE, .ifi_index = any_ifindex() };
	int strict = chance(50);
	struct nlb b;

	setsockopt(fz.nl, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &strict, sizeof(strict));
	if (dump && chance(30)) {
		/* Old iproute2 sends an ifinfomsg; NDA_* attrs then misparse. */
		nlb_init(&b, RTM_GETNEIGH, NLM_F_DUMP, &ifi, chance(50) ? sizeof(ifi) : rn(12));
		if (chance(50))
			nlb_junk(&b, IFLA_MAX, 1);
	} else {
		neigh_msg(&b, RTM_GETNEIGH, dump ? NLM_F_DUMP : 0);
	}
	count(dump ? OP_NL_DUMPNEIGH : OP_NL_GETNEIGH, nl_dump(&b, NULL, NULL));
	strict = 0;
	setsockopt(fz.nl, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &strict, sizeof(strict));
}

static void op_dumplink(void)
{
	struct ifinfomsg ifi = { .ifi_family = chance(80) ? AF_BRIDGE : AF_UNSPEC,
				 .ifi_index = chance(50) ? 0 : any_ifindex() };
	struct nlb b;

	nlb_init(&b, RTM_GETLINK, chance(80) ? NLM_F_DUMP : 0, &ifi, sizeof(ifi));
	if (chance(70))
		put_int(&b, IFLA_EXT_MASK, 4, chance(50) ? RTEXT_FILTER_BRVLAN : rval());
	if (chance(30))
		put_int(&b, IFLA_MASTER, 4, any_ifindex());
	count(OP_NL_DUMPLINK, nl_dump(&b, NULL, NULL));
}

/* IFLA_MASTER of a random device to a random device: loops, self, ports. */
static void op_enslave(void)
{
	int dev = any_ifindex(), master = chance(20) ? 0 : any_ifindex();

	count(OP_NL_ENSLAVE, nl_setmaster(dev, master));
}

void nl_op(void)
{
	switch (rn(17)) {
	case 0: op_newbr(); break;
	case 1: op_setbr(); break;
	case 2: op_setbr_chk(); break;
	case 3: op_setport(); break;
	case 4: op_setport_chk(); break;
	case 5: op_afspec(); break;
	case 6: if (chance(30)) op_dellink(); break;
	case 7: op_newneigh(); break;
	case 8: op_neigh_chk(); break;
	case 9: op_delneigh(false); break;
	case 10: op_delneigh(true); break;
	case 11: op_getneigh(false); break;
	case 12: op_getneigh(true); break;
	case 13: op_dumplink(); break;
	case 14: op_enslave(); break;
	default: op_newneigh(); break;
	}
}
