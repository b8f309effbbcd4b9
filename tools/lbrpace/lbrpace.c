// SPDX-License-Identifier: GPL-2.0
/* lbrpace: send one Ethernet frame out of a device at a steady rate, until killed (bench load). */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#define MAX_FRAME	1514
#define TICK_NS		1000000L	/* one batch a millisecond */
#define MAX_BATCH	1024

static int parse_hex(const char *hex, unsigned char *buf, size_t max)
{
	size_t n = 0;
	unsigned int b;

	while (*hex) {
		if (*hex == ':' || *hex == ' ') {
			hex++;
			continue;
		}
		if (n == max || sscanf(hex, "%2x", &b) != 1 || !hex[1])
			return -1;
		buf[n++] = b;
		hex += 2;
	}
	return n >= ETH_HLEN ? (int)n : -1;
}

static int open_tx(const char *dev)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET,
				   .sll_protocol = htons(ETH_P_ALL) };
	int fd;

	sll.sll_ifindex = if_nametoindex(dev);
	if (!sll.sll_ifindex) {
		fprintf(stderr, "lbrpace: no device %s\n", dev);
		return -1;
	}
	/* Protocol 0: this socket sends only, it receives nothing. */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("lbrpace: packet socket");
		return -1;
	}
	return fd;
}

static void tick(struct timespec *t)
{
	t->tv_nsec += TICK_NS;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

int main(int argc, char **argv)
{
	static struct mmsghdr msg[MAX_BATCH];
	unsigned char frame[MAX_FRAME];
	struct iovec iov;
	struct timespec next;
	long pps, owed = 0;
	int fd, len, i;

	if (argc != 4) {
		fprintf(stderr, "usage: lbrpace DEVICE FRAMES_PER_SECOND HEX_FRAME\n");
		return 2;
	}
	pps = strtol(argv[2], NULL, 10);
	len = parse_hex(argv[3], frame, sizeof(frame));
	if (pps <= 0 || pps > MAX_BATCH * 1000L || len < 0) {
		fprintf(stderr, "lbrpace: bad rate or frame\n");
		return 2;
	}
	fd = open_tx(argv[1]);
	if (fd < 0)
		return 1;
	iov.iov_base = frame;
	iov.iov_len = len;
	for (i = 0; i < MAX_BATCH; i++) {
		msg[i].msg_hdr.msg_iov = &iov;
		msg[i].msg_hdr.msg_iovlen = 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (;;) {
		/* What this tick owes, fractions carried over (in 1/1000). */
		owed += pps;
		if (owed >= 1000) {
			if (sendmmsg(fd, msg, owed / 1000, 0) < 0 &&
			    errno != ENOBUFS && errno != EAGAIN) {
				perror("lbrpace: sendmmsg");
				return 1;
			}
			owed %= 1000;
		}
		tick(&next);
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next,
				       NULL) == EINTR)
			;
	}
}
