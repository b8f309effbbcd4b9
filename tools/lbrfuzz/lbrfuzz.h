/* SPDX-License-Identifier: GPL-2.0 */
/* lbrfuzz: shared state, PRNG and helpers of the bridge fuzzer. */

#ifndef LBRFUZZ_H
#define LBRFUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <net/if.h>
#include <linux/netlink.h>

#define NBRIDGES 2	/* fz0, fz1: the bridges the fuzzer keeps alive */
#define NVETH 4		/* fzp<i> (port side) / fzq<i> (injection side) */
#define NDUMMY 2	/* fzd<i> */

/* Operation kinds, counted and printed per kind. */
enum op {
	OP_NL_NEWBR, OP_NL_SETBR, OP_NL_SETBR_CHK, OP_NL_SETPORT,
	OP_NL_SETPORT_CHK, OP_NL_AFSPEC, OP_NL_DELLINK, OP_NL_NEWNEIGH,
	OP_NL_NEIGH_CHK, OP_NL_DELNEIGH, OP_NL_BULKDEL, OP_NL_GETNEIGH,
	OP_NL_DUMPNEIGH, OP_NL_DUMPLINK, OP_NL_ENSLAVE,
	OP_IO_ADDBR, OP_IO_DELBR, OP_IO_ADDIF, OP_IO_DELIF, OP_IO_PRIV,
	OP_IO_GIFBR,
	OP_SYS_WRITE, OP_SYS_WRITE_CHK, OP_SYS_READ, OP_SYS_FDB,
	OP_FR_PORT, OP_FR_BRIDGE, OP_FR_SHORT,
	OP_FIX,
	OP_NR
};

struct fz {
	uint64_t rng;
	int nl;			/* rtnetlink socket */
	int ioc;		/* AF_INET datagram socket for ioctls */
	bool verbose;
	bool racy;		/* a --jobs child: others change what it checks */
	unsigned long *ops, *ok;	/* [OP_NR], shared with --jobs children */
	unsigned long bad;	/* inconsistencies found */
	unsigned long short_leaks;	/* short frames seen leaving a port */
	unsigned char *scratch;	/* ioctl buffer with a guard page after it */
	size_t scratch_len;
	const char *volatile doing;	/* the step under way, for a SIGTERM report */
};

extern struct fz fz;

#define BUMP(x) __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)
extern const char *const op_names[OP_NR];

/* splitmix64: small, seedable, good enough to pick cases. */
static inline uint64_t rnd(void)
{
	uint64_t z = (fz.rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline unsigned int rn(unsigned int n)
{
	return n ? rnd() % n : 0;
}

static inline bool chance(unsigned int pct)
{
	return rn(100) < pct;
}

uint64_t rval(void);			/* boundary-biased value */
void rbytes(void *buf, size_t len);
void rmac(unsigned char *mac);		/* any MAC, biased to odd ones */
void rmac_unicast(unsigned char *mac);	/* locally administered unicast */

void inconsistent(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

const char *br_name(int i);
const char *port_name(int i);		/* the NVETH + NDUMMY port devices */
#define NPORTS (NVETH + NDUMMY)
int port_bridge(int i);			/* the bridge port i belongs to, or -1 */
const char *any_name(void);		/* a bridge, port, peer, lo or junk */
int any_ifindex(void);
int master_of(const char *dev);		/* ifindex of dev's master, 0, -errno */
int read_file(const char *path, char *buf, size_t len);
void topo_fix(void);

/* netlink message builder */
struct nlb {
	union {
		struct nlmsghdr h;
		char buf[16384];
	};
};

void nlb_init(struct nlb *b, int type, int flags, const void *hdr, size_t hlen);
struct nlattr *nlb_put(struct nlb *b, int type, const void *data, size_t len);
struct nlattr *nlb_nest(struct nlb *b, int type);
void nlb_end(struct nlb *b, struct nlattr *nest);
void nlb_junk(struct nlb *b, int maxtype, int depth);
int nl_talk(struct nlb *b);
typedef void (*nl_cb)(const struct nlmsghdr *h, void *arg);
int nl_dump(struct nlb *b, nl_cb cb, void *arg);
int nl_newbridge(const char *name);
int nl_dellink(int ifindex);
int nl_setmaster(int ifindex, int master);
int nl_setup(int ifindex);
bool fdb_has(const unsigned char *mac, int ifindex);

void nl_op(void);
void ioctl_op(void);
void sysfs_op(void);
int frames_setup(void);
void frames_op(void);
void frames_teardown(void);
int frames_sanity(void);

#endif
