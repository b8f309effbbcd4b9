// SPDX-License-Identifier: GPL-2.0
/* lbrfuzz: seeded fuzzer of a bridge's netlink, ioctl, sysfs and frame entry points. */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "lbrfuzz.h"

struct fz fz;

const char *const op_names[OP_NR] = {
	[OP_NL_NEWBR] = "nl-newlink-bridge", [OP_NL_SETBR] = "nl-setlink-bridge",
	[OP_NL_SETBR_CHK] = "nl-setlink-bridge-checked",
	[OP_NL_SETPORT] = "nl-setlink-port",
	[OP_NL_SETPORT_CHK] = "nl-setlink-port-checked",
	[OP_NL_AFSPEC] = "nl-af_bridge-set/dellink", [OP_NL_DELLINK] = "nl-dellink-bridge",
	[OP_NL_NEWNEIGH] = "nl-newneigh", [OP_NL_NEIGH_CHK] = "nl-neigh-checked",
	[OP_NL_DELNEIGH] = "nl-delneigh", [OP_NL_BULKDEL] = "nl-delneigh-bulk",
	[OP_NL_GETNEIGH] = "nl-getneigh", [OP_NL_DUMPNEIGH] = "nl-dump-fdb",
	[OP_NL_DUMPLINK] = "nl-dump-link", [OP_NL_ENSLAVE] = "nl-enslave",
	[OP_IO_ADDBR] = "ioctl-addbr", [OP_IO_DELBR] = "ioctl-delbr",
	[OP_IO_ADDIF] = "ioctl-addif", [OP_IO_DELIF] = "ioctl-delif",
	[OP_IO_PRIV] = "ioctl-devprivate", [OP_IO_GIFBR] = "ioctl-gifbr",
	[OP_SYS_WRITE] = "sysfs-write", [OP_SYS_WRITE_CHK] = "sysfs-write-checked",
	[OP_SYS_READ] = "sysfs-read", [OP_SYS_FDB] = "sysfs-brforward",
	[OP_FR_PORT] = "frame-into-port", [OP_FR_BRIDGE] = "frame-into-bridge",
	[OP_FR_SHORT] = "short-frame-into-bridge", [OP_FIX] = "topology-repair",
};

uint64_t rval(void)
{
	static const uint64_t edge[] = {
		0, 1, 2, 3, 7, 8, 15, 16, 63, 64, 100, 127, 128, 255, 256,
		1000, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000,
		0xffffffff, 0x100000000ULL, 0x7fffffffffffffffULL, ~0ULL,
		~0ULL - 1, 360000, 1000000, 3600 * 100,
	};

	switch (rn(4)) {
	case 0:
		return edge[rn(sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return rn(1000);
	case 2:
		return edge[rn(sizeof(edge) / sizeof(edge[0]))] + rn(3) - 1;
	default:
		return rnd();
	}
}

void rbytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len--)
		*p++ = rnd();
}

void rmac(unsigned char *mac)
{
	static const unsigned char odd[][6] = {
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
		{ 0, 0, 0, 0, 0, 0 },
		{ 0x01, 0x80, 0xc2, 0, 0, 0 },
		{ 0x01, 0x00, 0x5e, 0, 0, 1 },
		{ 0x33, 0x33, 0, 0, 0, 1 },
	};

	if (chance(40)) {
		memcpy(mac, odd[rn(5)], 6);
		if (mac[0] == 1 && mac[1] == 0x80)
			mac[5] = rn(16);
		return;
	}
	rbytes(mac, 6);
	if (chance(50))
		mac[0] = (mac[0] & 0xfc) | 2;
}

void rmac_unicast(unsigned char *mac)
{
	rbytes(mac, 6);
	mac[0] = (mac[0] & 0xfc) | 2;
}

void inconsistent(const char *fmt, ...)
{
	va_list ap;

	/* Concurrent jobs undo each other's changes: only the kernel judges. */
	if (fz.racy)
		return;
	fz.bad++;
	printf("INCONSISTENT: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

void note(const char *fmt, ...)
{
	va_list ap;

	if (!fz.verbose)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Setup and teardown only: a shell per step is slow under TCG. */
int run(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	note("+ %s", cmd);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

const char *br_name(int i)
{
	static const char *const n[] = { "fz0", "fz1", "fz2", "fz3" };

	return n[i & 3];
}

const char *port_name(int i)
{
	static const char *const n[NPORTS] = {
		"fzp0", "fzp1", "fzp2", "fzp3", "fzd0", "fzd1" };

	return n[i % NPORTS];
}

/* fzp0, fzp1 in fz0; fzp2, fzd0 in fz1; fzp3 and fzd1 stay free. */
int port_bridge(int i)
{
	static const int b[NPORTS] = { 0, 0, 1, -1, 1, -1 };

	return b[i % NPORTS];
}

const char *any_name(void)
{
	static const char *const odd[] = {
		"lo", "fzq0", "fzt0", "", "fz%d", "nonexistent0", "fz0 ",
		"0123456789abcdef", "fzr1",
	};

	switch (rn(4)) {
	case 0:
		return br_name(rn(4));
	case 1:
	case 2:
		return port_name(rn(NPORTS));
	default:
		return odd[rn(sizeof(odd) / sizeof(odd[0]))];
	}
}

int any_ifindex(void)
{
	int i;

	switch (rn(5)) {
	case 0:
		i = if_nametoindex(br_name(rn(2)));
		break;
	case 1:
	case 2:
		i = if_nametoindex(port_name(rn(NPORTS)));
		break;
	case 3:
		i = rn(40);
		break;
	default:
		i = (int)rval();
	}
	return i;
}

int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

int master_of(const char *dev)
{
	char path[128], link[256];
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/class/net/%s/master", dev);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return errno == ENOENT ? 0 : -errno;
	link[n] = 0;
	return if_nametoindex(strrchr(link, '/') + 1);
}

/* Bring the fixed topology back after the fuzz deleted or moved parts. */
void topo_fix(void)
{
	char peer[IFNAMSIZ];
	int i, b, idx, br;

	BUMP(fz.ops[OP_FIX]);
	for (b = 0; b < NBRIDGES; b++) {
		idx = if_nametoindex(br_name(b));
		if (!idx) {
			if (nl_newbridge(br_name(b)))
				continue;
			idx = if_nametoindex(br_name(b));
		}
		nl_setup(idx);
	}
	for (i = 0; i < NPORTS; i++) {
		idx = if_nametoindex(port_name(i));
		if (!idx)
			continue;
		br = port_bridge(i) < 0 ? 0 : (int)if_nametoindex(br_name(port_bridge(i)));
		if (master_of(port_name(i)) != br)
			nl_setmaster(idx, br);
		nl_setup(idx);
	}
	/* The injection ends must stay out of every bridge. */
	for (i = 0; i < NVETH; i++) {
		snprintf(peer, sizeof(peer), "fzq%d", i);
		idx = if_nametoindex(peer);
		if (idx && master_of(peer) != 0)
			nl_setmaster(idx, 0);
	}
	BUMP(fz.ok[OP_FIX]);
}

/* A netlink socket of our own: replies to another process's requests would mix in. */
static int nl_open(void)
{
	struct timeval tmo = { .tv_sec = 10 };

	if (fz.nl >= 0)
		close(fz.nl);
	fz.nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fz.nl < 0)
		return -1;
	return setsockopt(fz.nl, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof(tmo));
}

static int setup(void)
{
	int i;

	fz.ops = mmap(NULL, 2 * OP_NR * sizeof(long), PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (fz.ops == MAP_FAILED) {
		perror("lbrfuzz: mmap");
		return -1;
	}
	fz.ok = fz.ops + OP_NR;
	if (unshare(CLONE_NEWNET | CLONE_NEWNS)) {
		perror("lbrfuzz: unshare");
		return -1;
	}
	/* Our own /sys shows our namespace's devices. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
	    umount2("/sys", MNT_DETACH) ||
	    mount("sysfs", "/sys", "sysfs", 0, NULL)) {
		perror("lbrfuzz: remount /sys");
		return -1;
	}
	fz.nl = -1;
	fz.ioc = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (nl_open() || fz.ioc < 0) {
		perror("lbrfuzz: socket");
		return -1;
	}
	/* No IPv6 chatter to confuse the frame checks. */
	run("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 2>/dev/null");
	run("ip link set lo up");
	for (i = 0; i < NVETH; i++)
		if (run("ip link add fzp%d type veth peer name fzq%d && ip link set fzq%d up",
			i, i, i))
			return -1;
	for (i = 0; i < NDUMMY; i++)
		if (run("ip link add fzd%d type dummy", i))
			return -1;
	topo_fix();
	for (i = 0; i < NBRIDGES; i++)
		if (!if_nametoindex(br_name(i))) {
			fprintf(stderr, "lbrfuzz: cannot create bridge %s (module loaded?)\n",
				br_name(i));
			return -1;
		}
	/* Scratch for ioctl results, with an inaccessible page right after. */
	fz.scratch_len = 64 * 1024;
	fz.scratch = mmap(NULL, fz.scratch_len + 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (fz.scratch == MAP_FAILED ||
	    mprotect(fz.scratch + fz.scratch_len, 4096, PROT_NONE)) {
		perror("lbrfuzz: mmap");
		return -1;
	}
	return frames_setup();
}

/* Delete every bridge of the namespace (names may be any bytes); count them. */
static int del_bridges(bool del)
{
	char path[300], idx[16];
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir("/sys/class/net");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		snprintf(path, sizeof(path), "/sys/class/net/%s/bridge", de->d_name);
		if (de->d_name[0] == '.' || access(path, F_OK))
			continue;
		n++;
		snprintf(path, sizeof(path), "/sys/class/net/%s/ifindex", de->d_name);
		if (del && read_file(path, idx, sizeof(idx)) > 0 && nl_dellink(atoi(idx)))
			inconsistent("could not delete bridge #%s", idx);
	}
	closedir(d);
	return n;
}

static void teardown(void)
{
	int i, n;

	frames_teardown();
	del_bridges(true);
	for (i = 0; i < NVETH; i++)
		run("ip link del fzp%d 2>/dev/null", i);
	for (i = 0; i < NDUMMY; i++)
		run("ip link del fzd%d 2>/dev/null", i);
	n = del_bridges(false);
	if (n)
		inconsistent("%d bridges left after deleting them all", n);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: lbrfuzz [--seed N] [--iterations N] [--seconds S] [--targets LIST]\n"
		"               [--jobs N] [-v]\n"
		"Fuzz the bridge module's netlink, ioctl, sysfs and frame entry points\n"
		"in a private network namespace; LIST is any of nl,ioctl,sysfs,frames\n"
		"(default all). --jobs N runs N processes racing on the same bridges\n"
		"(checks then only at the end). Exit 1 on any inconsistency, 2 on a\n"
		"setup error.\n");
}

/*
 * Killed by the test's watchdog: say which step never finished (the kernel
 * stack is the watchdog's to read), with async-signal-safe calls only.
 */
static void on_term(int sig)
{
	static const char pre[] = "lbrfuzz: terminated during ";
	const char *d = fz.doing ? fz.doing : "startup";

	ssize_t r;

	(void)sig;
	r = write(STDOUT_FILENO, pre, sizeof(pre) - 1);
	r = write(STDOUT_FILENO, d, strlen(d));
	r = write(STDOUT_FILENO, "\n", 1);
	_exit(r < 0 ? 4 : 3);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "iterations", required_argument, NULL, 'i' },
		{ "seconds", required_argument, NULL, 't' },
		{ "targets", required_argument, NULL, 'T' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long iters = 0, max_iters = 0, i;
	const char *targets = "nl,ioctl,sysfs,frames";
	void (*ops[4])(void);
	const char *op_kinds[4];
	double seconds = 0, end;
	uint64_t seed;
	int c, nops = 0, jobs = 1, j;
	bool child = false;
	pid_t pid;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	while ((c = getopt_long(argc, argv, "s:i:t:T:j:vh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'i':
			max_iters = strtoul(optarg, NULL, 0);
			break;
		case 't':
			seconds = strtod(optarg, NULL);
			break;
		case 'T':
			targets = optarg;
			break;
		case 'j':
			jobs = atoi(optarg);
			break;
		case 'v':
			fz.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (!max_iters && !seconds)
		max_iters = 1000;
	if (strstr(targets, "nl")) {
		op_kinds[nops] = "a netlink op";
		ops[nops++] = nl_op;
	}
	if (strstr(targets, "ioctl")) {
		op_kinds[nops] = "an ioctl op";
		ops[nops++] = ioctl_op;
	}
	if (strstr(targets, "sysfs")) {
		op_kinds[nops] = "a sysfs op";
		ops[nops++] = sysfs_op;
	}
	if (strstr(targets, "frames")) {
		op_kinds[nops] = "a frame op";
		ops[nops++] = frames_op;
	}
	if (!nops) {
		usage(stderr);
		return 2;
	}
	if (jobs < 1 || jobs > 16) {
		usage(stderr);
		return 2;
	}
	printf("lbrfuzz: seed %llu targets %s iterations %lu seconds %g jobs %d\n",
	       (unsigned long long)seed, targets, max_iters, seconds, jobs);
	fflush(stdout);
	fz.rng = seed;
	signal(SIGTERM, on_term);
	fz.doing = "setup";
	if (setup())
		return 2;

	end = now() + seconds;
	/*
	 * Jobs 1..N-1 fork off with seeds of their own and race this process
	 * for the same bridges: no check holds while they run, so all of
	 * them wait for the end (sanity and teardown, here, alone).
	 */
	for (j = 1; j < jobs; j++) {
		pid = fork();
		if (pid < 0) {
			perror("lbrfuzz: fork");
			break;
		}
		if (!pid) {
			fz.rng = seed + 0x1000193ULL * j;
			child = true;
			if (nl_open())
				_exit(2);
			break;
		}
	}
	fz.racy = jobs > 1;
	for (i = 0; (!max_iters || i < max_iters) && (!seconds || now() < end); i++) {
		c = rn(nops);
		fz.doing = op_kinds[c];
		ops[c]();
		iters++;
		if (rn(20) == 0) {
			fz.doing = "a topology repair";
			topo_fix();
		}
	}
	if (child)
		_exit(0);	/* the parent checks and tears down */
	fz.doing = "the wait for the other jobs";
	while (wait(NULL) > 0)
		;
	fz.racy = false;
	fz.doing = "the final topology repair";
	topo_fix();
	fz.doing = "the final forwarding check";
	if (frames_sanity())
		inconsistent("the bridge no longer forwards after the fuzz");
	fz.doing = "teardown";
	teardown();

	printf("lbrfuzz: %lu iterations in the first job, seed %llu\n", iters, (unsigned long long)seed);
	for (c = 0; c < OP_NR; c++)
		if (fz.ops[c])
			printf("lbrfuzz:   %-28s %6lu ops %6lu succeeded\n", op_names[c],
			       fz.ops[c], fz.ok[c]);
	printf("lbrfuzz: %lu short frames (<14 bytes) into the bridge came out of a port\n",
	       fz.short_leaks);
	printf("lbrfuzz: %lu inconsistencies: %s\n", fz.bad, fz.bad ? "FAIL" : "ok");
	return fz.bad ? 1 : 0;
}
