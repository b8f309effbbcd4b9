// SPDX-License-Identifier: GPL-2.0
/* lbrfuzz: junk writes to bridge/ and brport/ sysfs files, odd reads, brforward. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lbrfuzz.h"

/* A random regular file of /sys/class/net/@dev/@sub, or -1. */
static int pick_file(const char *dev, const char *sub, char *path, size_t len)
{
	char dir[96];
	struct dirent *de;
	int n = 0, want;
	DIR *d;

	snprintf(dir, sizeof(dir), "/sys/class/net/%s/%s", dev, sub);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	if (!n) {
		closedir(d);
		return -1;
	}
	want = rn(n);
	rewinddir(d);
	n = 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n++ == want) {
			snprintf(path, len, "%s/%s", dir, de->d_name);
			break;
		}
	}
	closedir(d);
	return 0;
}

static const char *pick_dev(const char **sub)
{
	if (chance(50)) {
		*sub = "bridge";
		return br_name(rn(NBRIDGES + 1));
	}
	*sub = "brport";
	return port_name(rn(NPORTS));
}

static size_t junk(char *buf, size_t max)
{
	static const char *const words[] = {
		"", "\n", " ", "-1", "-0", "0x10", "010", "1e3", "+5", "00:11:22:33:44:55",
		"01:80:c2:00:00:0f", "01:80:c2:00:00:00\n", "ff:ff:ff:ff:ff:ff",
		"1 2", "18446744073709551616", "99999999999999999999999",
		"4294967296", "65536", "2147483648", "-2147483649", "nan", "yes",
	};
	size_t len;

	switch (rn(5)) {
	case 0:
		return snprintf(buf, max, "%s", words[rn(sizeof(words) / sizeof(words[0]))]);
	case 1:
		return snprintf(buf, max, "%llu%s", (unsigned long long)rval(),
				chance(50) ? "\n" : "");
	case 2:
		return snprintf(buf, max, "%lld\n", -(long long)rval());
	case 3:
		len = rn(max);
		rbytes(buf, len);
		return len;
	default:
		len = 4000 + rn(max - 4000);	/* around and past PAGE_SIZE */
		memset(buf, '1', len);
		return len;
	}
}

static void op_write(void)
{
	static char buf[8192];
	const char *sub, *dev = pick_dev(&sub);
	char path[400];
	size_t len;
	ssize_t n;
	int fd;

	if (pick_file(dev, sub, path, sizeof(path)))
		return;
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return;	/* read-only attribute */
	len = junk(buf, sizeof(buf));
	BUMP(fz.ops[OP_SYS_WRITE]);
	n = chance(80) ? write(fd, buf, len) : pwrite(fd, buf, len, rn(8192));
	if (n >= 0)
		BUMP(fz.ok[OP_SYS_WRITE]);
	note("sysfs write %s %zu bytes: %zd", path, len, n);
	close(fd);
}

/* Files whose successful write of a valid number must read back exactly. */
struct exact {
	const char *sub, *name;
	unsigned long max;
	bool boolean;
};

static const struct exact exacts[] = {
	{ "bridge", "priority", 65535, false },
	{ "bridge", "group_fwd_mask", 0, false },
	{ "bridge", "no_linklocal_learn", 1, true },
	{ "brport", "path_cost", 65535, false },
	{ "brport", "priority", 63, false },
	{ "brport", "learning", 1, true },
	{ "brport", "unicast_flood", 1, true },
	{ "brport", "multicast_flood", 1, true },
	{ "brport", "broadcast_flood", 1, true },
	{ "brport", "hairpin_mode", 1, true },
	{ "brport", "isolated", 1, true },
};

static void op_write_chk(void)
{
	const struct exact *e = &exacts[rn(sizeof(exacts) / sizeof(exacts[0]))];
	const char *dev = !strcmp(e->sub, "bridge") ? br_name(rn(NBRIDGES)) :
			  port_name(rn(3));
	char path[128], buf[64];
	unsigned long v = e->max ? rn(e->max + 1) : 0, got;
	int fd, n;

	if (!strcmp(e->name, "path_cost") && !v)
		v = 1;
	snprintf(path, sizeof(path), "/sys/class/net/%s/%s/%s", dev, e->sub, e->name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return;	/* not a port now, or the file is absent */
	n = snprintf(buf, sizeof(buf), "%lu\n", v);
	BUMP(fz.ops[OP_SYS_WRITE_CHK]);
	if (write(fd, buf, n) != n) {
		inconsistent("write '%lu' to %s failed: %s", v, path, strerror(errno));
		close(fd);
		return;
	}
	close(fd);
	BUMP(fz.ok[OP_SYS_WRITE_CHK]);
	if (read_file(path, buf, sizeof(buf)) < 0) {
		inconsistent("%s unreadable after a write", path);
		return;
	}
	got = strtoul(buf, NULL, 0);
	if (got != (e->boolean ? !!v : v))
		inconsistent("%s: wrote %lu, reads back %lu", path, v, got);
}

static void op_read(void)
{
	static char buf[16384];
	const char *sub, *dev = pick_dev(&sub);
	char path[400];
	int fd;

	if (pick_file(dev, sub, path, sizeof(path)))
		return;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	BUMP(fz.ops[OP_SYS_READ]);
	if ((chance(50) ? read(fd, buf, rn(sizeof(buf)))
			: pread(fd, buf, rn(64), chance(50) ? rn(8192) : rval() >> 1)) >= 0)
		BUMP(fz.ok[OP_SYS_READ]);
	close(fd);
}

/* brforward is binary: read it at offsets and lengths off the entry size. */
static void op_brforward(void)
{
	static char buf[65536];
	char path[96];
	off_t off;
	size_t len;
	int fd, i;

	snprintf(path, sizeof(path), "/sys/class/net/%s/brforward", br_name(rn(NBRIDGES)));
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	for (i = 0; i < 4; i++) {
		off = chance(50) ? rn(200) : (off_t)(rval() >> 2);
		len = chance(50) ? rn(64) : rn(sizeof(buf));
		BUMP(fz.ops[OP_SYS_FDB]);
		if (pread(fd, buf, len, off) >= 0)
			BUMP(fz.ok[OP_SYS_FDB]);
	}
	close(fd);
}

void sysfs_op(void)
{
	switch (rn(6)) {
	case 0:
	case 1:
		op_write();
		break;
	case 2:
		op_write_chk();
		break;
	case 3:
		op_brforward();
		break;
	default:
		op_read();
		break;
	}
}
