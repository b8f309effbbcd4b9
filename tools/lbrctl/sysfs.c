// SPDX-License-Identifier: GPL-2.0
/* lbrctl: bridge state through /sys/class/net, falling back to the ioctls. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "lbrctl.h"

/* Format a path into a PATH_MAX buffer; overlong ones are cut short. */
static __attribute__((format(printf, 2, 3)))
void make_path(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, PATH_MAX, fmt, ap);
	va_end(ap);
}

static int is_dot_or_dotdot(const char *name)
{
	return !strcmp(name, ".") || !strcmp(name, "..");
}

/* scandir() filter: an entry of /sys/class/net with a bridge/ directory. */
static int has_bridge_dir(const struct dirent *de)
{
	char path[PATH_MAX];
	struct stat st;
	int saved = errno;
	int yes;

	if (is_dot_or_dotdot(de->d_name))
		return 0;
	make_path(path, LBR_SYSFS_NET "/%s/bridge", de->d_name);
	yes = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	errno = saved;
	return yes;
}

static void free_names(struct dirent **names, int count)
{
	int i;

	for (i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/* Bridges by ifindex order, from SIOCGIFBR; a negative errno on failure. */
static int foreach_bridge_ioctl(lbr_bridge_cb cb, void *arg)
{
	int ifindices[LBR_MAX_BRIDGES];
	char name[IFNAMSIZ];
	int i, n, seen = 0;

	n = lbr_ioctl_bridges(ifindices, LBR_MAX_BRIDGES);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++) {
		if (!if_indextoname(ifindices[i], name))
			return -errno;
		seen++;
		if (cb(name, arg))
			break;
	}
	return seen;
}

/*
 * Call @cb for each bridge, in name order, until it returns non-zero.
 * Without any bridge in sysfs the ioctl interface is asked instead.
 */
int lbr_foreach_bridge(lbr_bridge_cb cb, void *arg)
{
	struct dirent **names;
	int i, count;

	count = scandir(LBR_SYSFS_NET "/", &names, has_bridge_dir, alphasort);
	if (count <= 0)
		return foreach_bridge_ioctl(cb, arg);

	for (i = 0; i < count; i++)
		if (cb(names[i]->d_name, arg))
			break;
	free_names(names, count);
	return count;
}

/* Ports by port number, from BRCTL_GET_PORT_LIST; a negative errno on error. */
static int foreach_port_ioctl(const char *br, lbr_port_cb cb, void *arg)
{
	int ifindices[LBR_MAX_PORTS];
	char name[IFNAMSIZ];
	int i, seen = 0;

	if (lbr_ioctl_ports(br, ifindices, LBR_MAX_PORTS) < 0)
		return -errno;
	for (i = 0; i < LBR_MAX_PORTS; i++) {
		if (!ifindices[i] || !if_indextoname(ifindices[i], name))
			continue;
		seen++;
		if (cb(br, name, arg))
			break;
	}
	return seen;
}

/*
 * Call @cb for each port of @br, in name order from brif/, until it
 * returns non-zero.  Returns a negative errno if the ports can't be listed.
 */
int lbr_foreach_port(const char *br, lbr_port_cb cb, void *arg)
{
	struct dirent **names;
	char path[PATH_MAX];
	int i, count;

	make_path(path, LBR_SYSFS_NET "/%s/brif", br);
	count = scandir(path, &names, NULL, alphasort);
	if (count < 0)
		return foreach_port_ioctl(br, cb, arg);

	for (i = 0; i < count; i++) {
		if (is_dot_or_dotdot(names[i]->d_name))
			continue;
		if (cb(br, names[i]->d_name, arg))
			break;
	}
	free_names(names, count);
	return count;
}

static FILE *open_attr(const char *dir, const char *attr)
{
	char path[PATH_MAX];

	make_path(path, "%s/%s", dir, attr);
	return fopen(path, "r");
}

/*
 * A bridge id attribute ("8000.001122334455").  Bytes that don't parse
 * stay as they were (callers may ignore the count of parsed bytes); a
 * missing file is reported on stderr.
 */
static int read_id(const char *dir, const char *attr, struct lbr_id *id)
{
	uint8_t *b = id->b;
	FILE *f;
	int got;

	f = open_attr(dir, attr);
	if (!f) {
		fprintf(stderr, "%s: %s\n", dir, strerror(errno));
		return 0;
	}
	got = fscanf(f, "%2hhx%2hhx.%2hhx%2hhx%2hhx%2hhx%2hhx%2hhx",
		     &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &b[6], &b[7]);
	fclose(f);
	return got;
}

/* An integer attribute in C notation: 0 if absent, -1 if unparsable. */
static int read_int(const char *dir, const char *attr)
{
	int val;
	FILE *f;

	f = open_attr(dir, attr);
	if (!f)
		return 0;
	if (fscanf(f, "%i", &val) != 1)
		val = -1;
	fclose(f);
	return val;
}

/* A time attribute in clock_t (1/100 s); negatives wrap like brctl's. */
static unsigned long read_time(const char *dir, const char *attr)
{
	return (unsigned long)(long)read_int(dir, attr);
}

int lbr_get_bridge(const char *br, struct lbr_bridge *b)
{
	char dir[PATH_MAX];
	DIR *d;

	make_path(dir, LBR_SYSFS_NET "/%s/bridge", br);
	d = opendir(dir);
	if (!d)
		return lbr_ioctl_bridge_info(br, b);

	memset(b, 0, sizeof(*b));
	read_id(dir, "root_id", &b->root_id);
	read_id(dir, "bridge_id", &b->bridge_id);
	b->root_path_cost = read_int(dir, "root_path_cost");
	/* sysfs has one value for the configured and the current times */
	b->max_age = read_time(dir, "max_age");
	b->hello_time = read_time(dir, "hello_time");
	b->forward_delay = read_time(dir, "forward_delay");
	b->bridge_max_age = b->max_age;
	b->bridge_hello_time = b->hello_time;
	b->bridge_forward_delay = b->forward_delay;
	b->ageing_time = read_time(dir, "ageing_time");
	b->hello_timer = read_time(dir, "hello_timer");
	b->tcn_timer = read_time(dir, "tcn_timer");
	b->topology_change_timer = read_time(dir, "topology_change_timer");
	b->gc_timer = read_time(dir, "gc_timer");
	b->root_port = read_int(dir, "root_port");
	b->stp_enabled = read_int(dir, "stp_state");
	b->topology_change = read_int(dir, "topology_change");
	b->topology_change_detected = read_int(dir, "topology_change_detected");
	closedir(d);
	return 0;
}

int lbr_get_port(const char *br, const char *port, struct lbr_port *p)
{
	char dir[PATH_MAX];
	DIR *d;

	make_path(dir, LBR_SYSFS_NET "/%s/brport", port);
	d = opendir(dir);
	if (!d)
		return lbr_ioctl_port_info(br, port, p);

	memset(p, 0, sizeof(*p));
	read_id(dir, "designated_root", &p->designated_root);
	read_id(dir, "designated_bridge", &p->designated_bridge);
	p->port_no = read_int(dir, "port_no");
	p->port_id = read_int(dir, "port_id");
	p->designated_port = read_int(dir, "designated_port");
	p->path_cost = read_int(dir, "path_cost");
	p->designated_cost = read_int(dir, "designated_cost");
	p->state = read_int(dir, "state");
	p->change_ack = read_int(dir, "change_ack");
	p->config_pending = read_int(dir, "config_pending");
	p->message_age_timer = read_time(dir, "message_age_timer");
	p->forward_delay_timer = read_time(dir, "forward_delay_timer");
	p->hold_timer = read_time(dir, "hold_timer");
	p->hairpin_mode = read_int(dir, "hairpin_mode");
	closedir(d);
	return 0;
}

/*
 * Up to @num forwarding entries starting at entry @offset, from the binary
 * brforward attribute (opened afresh for every chunk, reads at multiples
 * of the record size) or else BRCTL_GET_FDB_ENTRIES.  Returns how many
 * were read, 0 at the end, -1 with errno set if the ioctl failed.
 */
int lbr_read_fdb(const char *br, struct lbr_fdb *out, unsigned long offset,
		 int num)
{
	struct __fdb_entry raw[LBR_FDB_CHUNK];
	char path[PATH_MAX];
	FILE *f;
	int i, n;

	if (num > LBR_FDB_CHUNK)
		num = LBR_FDB_CHUNK;

	make_path(path, LBR_SYSFS_NET "/%s/brforward", br);
	f = fopen(path, "r");
	if (f) {
		fseek(f, offset * sizeof(raw[0]), SEEK_SET);
		n = fread(raw, sizeof(raw[0]), num, f);
		fclose(f);
	} else {
		n = lbr_ioctl_fdb(br, raw, num, offset);
	}

	for (i = 0; i < n; i++) {
		memcpy(out[i].mac, raw[i].mac_addr, sizeof(out[i].mac));
		/* like brctl, only the low byte of the port number */
		out[i].port_no = raw[i].port_no;
		out[i].is_local = raw[i].is_local;
		out[i].ageing = raw[i].ageing_timer_value;
		out[i].seq = offset + i;
	}
	return n;
}

/* Write "<val>\n" to a sysfs attribute; -1 with errno set on failure. */
static int write_attr(const char *path, unsigned long val)
{
	char buf[32];
	int fd, len, ret = 0;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	len = snprintf(buf, sizeof(buf), "%lu\n", val);
	if (write(fd, buf, len) < 0)
		ret = -1;
	close(fd);
	return ret;
}

/*
 * Set bridge/<attr>, or use the legacy @legacy_cmd when the sysfs write
 * fails for any reason.  Returns 0 or the errno of the last attempt.
 */
int lbr_set_bridge_attr(const char *br, const char *attr, unsigned long val,
			unsigned long legacy_cmd)
{
	char path[PATH_MAX];

	make_path(path, LBR_SYSFS_NET "/%s/bridge/%s", br, attr);
	if (write_attr(path, val) == 0)
		return 0;
	if (lbr_ioctl_set_bridge(br, legacy_cmd, val) >= 0)
		return 0;
	return errno;
}

/*
 * Set brport/<attr> of @port (whichever bridge it is in), or use the
 * legacy @legacy_cmd on @br when the sysfs write fails.  Returns 0 or the
 * errno left by the last step taken.
 */
int lbr_set_port_attr(const char *br, const char *port, const char *attr,
		      unsigned long val, unsigned long legacy_cmd)
{
	char path[PATH_MAX];
	int index;

	make_path(path, LBR_SYSFS_NET "/%s/brport/%s", port, attr);
	if (write_attr(path, val) == 0)
		return 0;
	index = lbr_ioctl_port_index(br, port);
	if (index < 0)
		return errno;
	if (lbr_ioctl_set_port(br, legacy_cmd, index, val) >= 0)
		return 0;
	return errno;
}
