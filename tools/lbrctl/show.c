// SPDX-License-Identifier: GPL-2.0
/* lbrctl: the read-only commands show, showmacs and showstp. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lbrctl.h"

static void print_id(const struct lbr_id *id)
{
	const uint8_t *b = id->b;

	printf("%.2x%.2x.%.2x%.2x%.2x%.2x%.2x%.2x",
	       b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
}

/*
 * A time in hundredths of a second as "SSSS.hh".  The conversion goes
 * through microseconds in 64 bits, so out-of-range values wrap the same
 * way they do in brctl.
 */
static void print_time(unsigned long centis)
{
	unsigned long long usecs = 10000ULL * centis;
	long secs = usecs / 1000000;
	long rest = usecs - 1000000 * secs;

	printf("%4i.%.2i", (int)secs, (int)rest / 10000);
}

/* Why @name could not be read as a bridge; @err is the errno of the read. */
static void bridge_error(const char *name, int err)
{
	if (err == ENODEV)
		fprintf(stderr, "bridge %s does not exist!\n", name);
	else
		fprintf(stderr, "device %s is not a bridge!\n", name);
}

/* ---- show ---- */

struct show_ctx {
	int header_done;
	int ports_listed;
};

static int show_port_name(const char *br, const char *port, void *arg)
{
	struct show_ctx *ctx = arg;

	(void)br;
	/* further ports go on lines of their own, under "interfaces" */
	if (ctx->ports_listed++)
		fputs("\n\t\t\t\t\t\t\t", stdout);
	fputs(port, stdout);
	return 0;
}

static int show_bridge(const char *name, void *arg)
{
	struct show_ctx *ctx = arg;
	struct lbr_bridge b;
	int err;

	err = lbr_get_bridge(name, &b);
	if (err) {
		bridge_error(name, err);
		return 1;
	}

	if (!ctx->header_done) {
		puts("bridge name\tbridge id\t\tSTP enabled\tinterfaces");
		ctx->header_done = 1;
	}
	printf("%s\t\t", name);
	print_id(&b.bridge_id);
	printf("\t%s\t\t", b.stp_enabled ? "yes" : "no");

	ctx->ports_listed = 0;
	err = lbr_foreach_port(name, show_port_name, ctx);
	if (err < 0)
		printf(" can't get port info: %s\n", strerror(-err));
	else
		putchar('\n');
	return 0;
}

/* show [BRIDGE...]: all bridges, or the named ones (errors don't stop it). */
int lbr_cmd_show(int argc, char **argv)
{
	struct show_ctx ctx = { 0 };
	int i, failed = 0;

	if (argc == 1) {
		lbr_foreach_bridge(show_bridge, &ctx);
		return 0;
	}
	for (i = 1; i < argc; i++)
		failed |= show_bridge(argv[i], &ctx);
	return failed;
}

/* ---- showmacs ---- */

/* By address; equal addresses (one per VLAN) keep the kernel's order. */
static int fdb_cmp(const void *pa, const void *pb)
{
	const struct lbr_fdb *a = pa, *b = pb;
	int d = memcmp(a->mac, b->mac, sizeof(a->mac));

	if (d)
		return d;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

int lbr_cmd_showmacs(int argc, char **argv)
{
	const char *br = argv[1];
	struct lbr_fdb *tab = NULL, *grown;
	size_t count = 0, i;
	int n;

	(void)argc;
	for (;;) {
		grown = realloc(tab, (count + LBR_FDB_CHUNK) * sizeof(*tab));
		if (!grown) {
			fputs("Out of memory\n", stderr);
			free(tab);
			return 1;
		}
		tab = grown;
		n = lbr_read_fdb(br, tab + count, count, LBR_FDB_CHUNK);
		if (n == 0)
			break;
		if (n < 0) {
			fprintf(stderr, "read of forward table failed: %s\n",
				strerror(errno));
			free(tab);
			return 1;
		}
		count += n;
	}

	qsort(tab, count, sizeof(*tab), fdb_cmp);

	puts("port no\tmac addr\t\tis local?\tageing timer");
	for (i = 0; i < count; i++) {
		const struct lbr_fdb *e = &tab[i];

		printf("%3i\t%.2x:%.2x:%.2x:%.2x:%.2x:%.2x\t%s\t\t", e->port_no,
		       e->mac[0], e->mac[1], e->mac[2], e->mac[3], e->mac[4],
		       e->mac[5], e->is_local ? "yes" : "no");
		print_time(e->ageing);
		putchar('\n');
	}
	free(tab);
	return 0;
}

/* ---- showstp ---- */

const char *lbr_port_state_name(int state)
{
	static const char *const names[] = {
		[BR_STATE_DISABLED]	= "disabled",
		[BR_STATE_LISTENING]	= "listening",
		[BR_STATE_LEARNING]	= "learning",
		[BR_STATE_FORWARDING]	= "forwarding",
		[BR_STATE_BLOCKING]	= "blocking",
	};

	if (state < 0 || state >= (int)ARRAY_SIZE(names))
		return "<INVALID STATE>";
	return names[state];
}

/*
 * One line of the two-column timer layout: " <label><time>", then, when
 * @right is given, "\t\t\t<right><time>".  Labels carry their own tabs.
 */
static void time_row(const char *left, unsigned long lval, const char *right,
		     unsigned long rval)
{
	printf(" %s", left);
	print_time(lval);
	if (right) {
		printf("\t\t\t%s", right);
		print_time(rval);
	}
	putchar('\n');
}

static void show_stp_bridge(const char *name, const struct lbr_bridge *b)
{
	printf("%s\n bridge id\t\t", name);
	print_id(&b->bridge_id);
	fputs("\n designated root\t", stdout);
	print_id(&b->root_id);
	printf("\n root port\t\t%4i\t\t\tpath cost\t\t%4i\n", b->root_port,
	       (int)b->root_path_cost);

	time_row("max age\t\t", b->max_age,
		 "bridge max age\t\t", b->bridge_max_age);
	time_row("hello time\t\t", b->hello_time,
		 "bridge hello time\t", b->bridge_hello_time);
	time_row("forward delay\t\t", b->forward_delay,
		 "bridge forward delay\t", b->bridge_forward_delay);
	time_row("ageing time\t\t", b->ageing_time, NULL, 0);
	time_row("hello timer\t\t", b->hello_timer,
		 "tcn timer\t\t", b->tcn_timer);
	time_row("topology change timer\t", b->topology_change_timer,
		 "gc timer\t\t", b->gc_timer);

	fputs(" flags\t\t\t", stdout);
	if (b->topology_change)
		fputs("TOPOLOGY_CHANGE ", stdout);
	if (b->topology_change_detected)
		fputs("TOPOLOGY_CHANGE_DETECTED ", stdout);
	fputs("\n\n\n", stdout);
}

static int show_stp_port(const char *br, const char *port, void *arg)
{
	struct lbr_port p;

	(void)arg;
	if (lbr_get_port(br, port, &p)) {
		/* brctl prints the name's address here, without a newline */
		printf("Can't get info for %p", (const void *)port);
		return 1;
	}

	printf("%s (%d)\n", port, (int)p.port_no);
	printf(" port id\t\t%.4x\t\t\tstate\t\t%15s\n", p.port_id,
	       lbr_port_state_name(p.state));
	fputs(" designated root\t", stdout);
	print_id(&p.designated_root);
	printf("\tpath cost\t\t%4i\n designated bridge\t", (int)p.path_cost);
	print_id(&p.designated_bridge);
	fputs("\tmessage age timer\t", stdout);
	print_time(p.message_age_timer);
	printf("\n designated port\t%.4x\t\t\tforward delay timer\t",
	       p.designated_port);
	print_time(p.forward_delay_timer);
	printf("\n designated cost\t%4i\t\t\thold timer\t\t",
	       (int)p.designated_cost);
	print_time(p.hold_timer);

	fputs("\n flags\t\t\t", stdout);
	if (p.config_pending)
		fputs("CONFIG_PENDING ", stdout);
	if (p.change_ack)
		fputs("TOPOLOGY_CHANGE_ACK ", stdout);
	if (p.hairpin_mode)
		printf("\n hairpin mode\t\t%4i", p.hairpin_mode);
	fputs("\n\n", stdout);
	return 0;
}

int lbr_cmd_showstp(int argc, char **argv)
{
	const char *name = argv[1];
	struct lbr_bridge b;
	int err;

	(void)argc;
	err = lbr_get_bridge(name, &b);
	if (err) {
		bridge_error(name, err);
		return 1;
	}
	show_stp_bridge(name, &b);
	err = lbr_foreach_port(name, show_stp_port, NULL);
	if (err < 0)
		printf("can't get ports: %s\n", strerror(-err));
	return 0;
}
