// SPDX-License-Identifier: GPL-2.0
/* lbrfuzz: malformed frames into ports and, via tc redirect, into the bridge device. */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include "lbrfuzz.h"

#define TUN "fzt0"	/* no link header: any length goes, 1..13 bytes too */
#define DUMMY "fzx0"	/* an Ethernet device redirecting into the bridge */

static int tx = -1, rxq[2] = { -1, -1 }, tunfd = -1;
static int redirect_to;	/* ifindex the redirects point at */
static bool have_redirect;

static int rx_open(const char *dev)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_ALL),
				   .sll_ifindex = if_nametoindex(dev) };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
			htons(ETH_P_ALL));

	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("lbrfuzz: packet socket");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int send_on(const char *dev, const void *buf, size_t len)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_ALL),
				   .sll_ifindex = if_nametoindex(dev) };

	if (!sll.sll_ifindex)
		return -ENODEV;
	if (sendto(tx, buf, len, 0, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		return -errno;
	return 0;
}

/* Point both redirects at @br (again: mirred forgets a deleted device). */
static void redirect(const char *br)
{
	int idx = if_nametoindex(br);

	if (!have_redirect || idx == redirect_to)
		return;
	redirect_to = idx;
	if (!idx)
		return;
	if (run("for d in " TUN " " DUMMY "; do tc filter del dev $d egress 2>/dev/null; tc filter add dev $d egress matchall action mirred egress redirect dev %s || exit 1; done",
		br))
		inconsistent("could not redirect " TUN " and " DUMMY " to %s", br);
}

int frames_setup(void)
{
	struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };

	tx = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	rxq[0] = rx_open("fzq0");
	rxq[1] = rx_open("fzq1");
	if (tx < 0 || rxq[0] < 0 || rxq[1] < 0)
		return -1;
	strcpy(ifr.ifr_name, TUN);
	if (access("/dev/net/tun", F_OK))
		run("modprobe tun 2>/dev/null; sleep 0.2");
	tunfd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (tunfd < 0 || ioctl(tunfd, TUNSETIFF, &ifr)) {
		printf("lbrfuzz: no tun device (%s): frames into the bridge device skipped\n",
		       strerror(errno));
		return 0;
	}
	if (run("ip link add " DUMMY " type dummy && ip link set " DUMMY " up && ip link set " TUN " up") ||
	    run("tc qdisc add dev " TUN " clsact && tc qdisc add dev " DUMMY " clsact")) {
		printf("lbrfuzz: no clsact/mirred: frames into the bridge device skipped\n");
		return 0;
	}
	have_redirect = true;
	redirect("fz0");
	if (run("tc filter show dev " TUN " egress | grep -q mirred")) {
		printf("lbrfuzz: tc matchall/mirred unavailable: frames into the bridge device skipped\n");
		have_redirect = false;
	}
	return 0;
}

void frames_teardown(void)
{
	run("ip link del " DUMMY " 2>/dev/null");
	if (tunfd >= 0)
		close(tunfd);
	tunfd = -1;
}

/* An Ethernet-ish frame: odd addresses, tag stacks, LLC/STP, truncation. */
static size_t build_frame(unsigned char *f, size_t max)
{
	static const uint16_t tpids[] = { 0x8100, 0x88a8, 0x9100, 0x8100 };
	static const uint16_t types[] = { 0x0800, 0x0806, 0x86dd, 0x88cc, 0x888e,
					  0x8100, 0x88a8, 0x0600, 0x05ff, 0 };
	size_t len = 12, plen;
	uint16_t v;
	int tags = chance(40) ? 1 + rn(5) : 0;

	rmac(f);
	rmac(f + 6);
	if (chance(10))
		f[6] |= 1;	/* multicast source */
	while (tags-- && len + 4 <= max) {
		v = htons(chance(85) ? tpids[rn(4)] : (uint16_t)rnd());
		memcpy(f + len, &v, 2);
		v = htons(chance(50) ? rn(3) : chance(50) ? 4095 : (uint16_t)rnd());
		memcpy(f + len + 2, &v, 2);
		len += 4;
	}
	if (chance(20)) {
		/* 802.3 length + LLC (+ a BPDU-shaped body) */
		static const unsigned char llc[] = { 0x42, 0x42, 0x03, 0, 0, 0 };

		v = htons(rn(0x600));
		memcpy(f + len, &v, 2);
		memcpy(f + len + 2, llc, sizeof(llc));
		len += 2 + sizeof(llc);
		if (chance(50)) {
			f[0] = 0x01; f[1] = 0x80; f[2] = 0xc2; f[3] = f[4] = 0;
			f[5] = rn(16);
		}
	} else {
		v = htons(chance(80) ? types[rn(10)] : (uint16_t)rnd());
		memcpy(f + len, &v, 2);
		len += 2;
	}
	plen = chance(50) ? rn(64) : rn(max - len);
	rbytes(f + len, plen);
	len += plen;
	if (chance(20))
		len = 14 + rn(len - 13);	/* cut anywhere, mid-tag too */
	return len;
}

/* Bounded: a looped topology can deliver frames for as long as we read. */
static void drain(void)
{
	static unsigned char buf[2048];
	int i, n;

	for (i = 0; i < 2; i++)
		for (n = 0; n < 4096 && recv(rxq[i], buf, sizeof(buf), 0) > 0; n++)
			;
}

struct shortf {
	unsigned char b[13];
	size_t len;
};

/* Frames that left fzq0/fzq1's ports and are one of @s with 14 bytes prepended. */
static int short_leaks(const struct shortf *s, int n, int wait_ms)
{
	struct pollfd pfd[2] = { { rxq[0], POLLIN, 0 }, { rxq[1], POLLIN, 0 } };
	unsigned char buf[2048];
	struct sockaddr_ll from;
	socklen_t fl;
	int leaks = 0, reads = 0, i, k, len;

	/* Bounded like drain(): a loop could keep both queues busy. */
	while (reads++ < 4096 && poll(pfd, 2, wait_ms) > 0) {
		for (i = 0; i < 2; i++) {
			fl = sizeof(from);
			len = recvfrom(rxq[i], buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
			if (len <= 0 || from.sll_pkttype == PACKET_OUTGOING)
				continue;
			for (k = 0; k < n; k++) {
				if ((size_t)len != s[k].len + ETH_HLEN ||
				    memcmp(buf + ETH_HLEN, s[k].b, s[k].len))
					continue;
				leaks++;
				if (fz.short_leaks + leaks > 3)
					fz.bad++;	/* counted, not printed */
				else
					inconsistent("a %zu-byte frame sent into the bridge left port fzp%d as %d bytes, its first 14 bytes not sent by anyone: %02x%02x%02x%02x%02x%02x %02x%02x%02x%02x%02x%02x %02x%02x",
						     s[k].len, i, len, buf[0], buf[1], buf[2],
						     buf[3], buf[4], buf[5], buf[6], buf[7],
						     buf[8], buf[9], buf[10], buf[11], buf[12],
						     buf[13]);
				break;
			}
		}
	}
	fz.short_leaks += leaks;
	return leaks;
}

static void op_short(void)
{
	struct shortf s[4];
	int i;

	if (!have_redirect)
		return;
	redirect("fz0");
	drain();
	for (i = 0; i < 4; i++) {
		s[i].len = 1 + rn(13);
		rbytes(s[i].b, s[i].len);
		BUMP(fz.ops[OP_FR_SHORT]);
		if (!send_on(TUN, s[i].b, s[i].len))
			BUMP(fz.ok[OP_FR_SHORT]);
	}
	if (!fz.racy)
		short_leaks(s, 4, 20);
}

void frames_op(void)
{
	static unsigned char f[1600];
	char dev[IFNAMSIZ];
	size_t len = build_frame(f, chance(80) ? 300 : sizeof(f));
	int i, n = 1 + rn(8);

	switch (rn(4)) {
	case 0:
		if (have_redirect) {
			redirect("fz0");
			for (i = 0; i < n; i++, len = build_frame(f, 300)) {
				BUMP(fz.ops[OP_FR_BRIDGE]);
				if (!send_on(chance(50) ? DUMMY : TUN, f, len))
					BUMP(fz.ok[OP_FR_BRIDGE]);
			}
			break;
		}
		/* fall through */
	case 1:
	case 2:
		for (i = 0; i < n; i++, len = build_frame(f, 300)) {
			snprintf(dev, sizeof(dev), "fzq%u", rn(NVETH));
			BUMP(fz.ops[OP_FR_PORT]);
			if (!send_on(dev, f, len))
				BUMP(fz.ok[OP_FR_PORT]);
		}
		break;
	default:
		op_short();
		break;
	}
	drain();
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Send @f on @from until it shows up on rxq[@to], for up to @secs. */
static bool delivered(const char *from, const unsigned char *f, size_t len, int to,
		      double secs)
{
	unsigned char buf[2048];
	struct sockaddr_ll sa;
	double end = now() + secs;
	socklen_t sl;
	int n;

	drain();
	while (now() < end) {
		send_on(from, f, len);
		while (now() < end && poll(&(struct pollfd){ rxq[to], POLLIN, 0 }, 1, 100) > 0) {
			sl = sizeof(sa);
			n = recvfrom(rxq[to], buf, sizeof(buf), 0, (struct sockaddr *)&sa, &sl);
			if (n >= (int)len && sa.sll_pkttype != PACKET_OUTGOING &&
			    !memcmp(buf + 12, f + 12, len - 12))
				return true;
		}
	}
	return false;
}

static bool port_forwarding(const char *port)
{
	char path[96], v[16];
	double end = now() + 10;

	snprintf(path, sizeof(path), "/sys/class/net/%s/brport/state", port);
	while (now() < end) {
		if (read_file(path, v, sizeof(v)) > 0 && v[0] == '3')
			return true;
		usleep(50000);
	}
	return false;
}

/*
 * A fresh bridge fzs over fzp0/fzp1 must flood, learn, forward to a learnt
 * and to a static address, and drop frames shorter than a header sent
 * into it.  Return -1 if it does not forward at all.
 */
int frames_sanity(void)
{
	unsigned char f[64] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
				0x02, 0x5a, 0, 0, 0, 1, 0x88, 0xb5 };
	static const unsigned char s1[6] = { 0x02, 0x5a, 0, 0, 0, 1 };
	int br, p0, p1, i, k, leaks = 0;
	struct shortf s[13];

	if (nl_newbridge("fzs"))
		return -1;
	br = if_nametoindex("fzs");
	p0 = if_nametoindex("fzp0");
	p1 = if_nametoindex("fzp1");
	nl_setmaster(p0, br);
	nl_setmaster(p1, br);
	nl_setup(br);
	if (!port_forwarding("fzp0") || !port_forwarding("fzp1")) {
		printf("lbrfuzz: sanity: fzs ports never reached forwarding\n");
		return -1;
	}
	memcpy(f + 14, "lbrfuzz-sanity-flood", 20);
	if (!delivered("fzq0", f, 60, 1, 5)) {
		printf("lbrfuzz: sanity: a broadcast from fzq0 never reached fzq1\n");
		return -1;
	}
	/* Failslab (the soak) may fail a learning allocation: send again. */
	for (k = 0; k < 5 && !fdb_has(s1, p0); k++)
		delivered("fzq0", f, 60, 1, 5);
	if (!fdb_has(s1, p0))
		inconsistent("sanity: %02x:%02x:..:%02x not learnt on fzp0 after a broadcast",
			     s1[0], s1[1], s1[5]);
	/* fzq1 -> the learnt address: unicast to fzq0. */
	memcpy(f, s1, 6);
	f[11] = 2;
	memcpy(f + 14, "lbrfuzz-sanity-unicast", 22);
	if (!delivered("fzq1", f, 60, 0, 5))
		inconsistent("sanity: unicast to a learnt address never arrived");
	/* A static entry added by netlink steers unicast too. */
	f[0] = 0x02; f[5] = 0x33;
	{
		struct ndmsg ndm = { .ndm_family = AF_BRIDGE, .ndm_ifindex = p1,
				     .ndm_state = NUD_NOARP, .ndm_flags = NTF_MASTER };
		struct nlb b;

		int err;

		nlb_init(&b, RTM_NEWNEIGH, NLM_F_CREATE, &ndm, sizeof(ndm));
		nlb_put(&b, NDA_LLADDR, f, 6);
		/* ENOMEM is a right answer under failslab (the soak): retry. */
		for (k = 0; k < 20; k++) {
			err = nl_talk(&b);
			if (err != -ENOMEM)
				break;
		}
		if (err || !fdb_has(f, p1))
			inconsistent("sanity: static fdb entry not added (%d)", err);
	}
	f[11] = 3;
	memcpy(f + 14, "lbrfuzz-sanity-static", 21);
	if (!delivered("fzq0", f, 60, 1, 5))
		inconsistent("sanity: unicast to a static entry never arrived");

	if (have_redirect) {
		redirect("fzs");
		drain();
		for (k = 0; k < 3; k++) {
			for (i = 0; i < 13; i++) {
				s[i].len = i + 1;
				rbytes(s[i].b, s[i].len);
				send_on(TUN, s[i].b, s[i].len);
			}
			leaks += short_leaks(s, 13, 200);
		}
		printf("lbrfuzz: sanity: 39 frames of 1..13 bytes sent into fzs: %d left a port\n",
		       leaks);
	} else {
		printf("lbrfuzz: sanity: short frames into the bridge not tried (no tun/tc)\n");
	}
	nl_dellink(br);
	return 0;
}
