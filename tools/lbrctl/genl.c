// SPDX-License-Identifier: GPL-2.0
/* lbrctl: requests to lbridge's generic netlink family "lbridge" on a raw netlink socket. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "lbridge/uapi.h"
#include "lbrctl.h"

/* What one recv() takes: the largest dump part the kernel sends. */
#define LBR_NL_RXBUF	65536

/* Attributes kept per message: ours, nlctrl's and extack's fit. */
#define LBR_NL_MAXATTR	LBR_ATTR_MAX
_Static_assert(CTRL_ATTR_MAX <= LBR_NL_MAXATTR, "nlctrl attributes fit");
_Static_assert(NLMSGERR_ATTR_MAX <= LBR_NL_MAXATTR, "extack attributes fit");

#define REQ_HDR(r)	((struct nlmsghdr *)(r)->buf)

static int nl_fd = -1;
static uint16_t family_id;
static uint32_t nl_seq;
/* The kernel's extack message for the last failed request, or "". */
static char nl_errmsg[256];

static void parse_attrs(const void *data, int len, struct nlattr **tb)
{
	const struct nlattr *a = data;

	memset(tb, 0, (LBR_NL_MAXATTR + 1) * sizeof(*tb));
	while (len >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN &&
	       a->nla_len <= len) {
		int type = a->nla_type & NLA_TYPE_MASK;

		if (type <= LBR_NL_MAXATTR)
			tb[type] = (struct nlattr *)a;
		len -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
}

/* An unsigned attribute of 1, 2, 4 or 8 bytes; 0 if absent or odd. */
uint64_t lbr_genl_uint(struct nlattr **tb, int type)
{
	const struct nlattr *a = tb[type];
	const void *p;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	if (!a)
		return 0;
	p = (const char *)a + NLA_HDRLEN;
	switch (a->nla_len - NLA_HDRLEN) {
	case 1:
		return *(const uint8_t *)p;
	case 2:
		memcpy(&v16, p, 2);
		return v16;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	case 8:
		memcpy(&v64, p, 8);
		return v64;
	}
	return 0;
}

/* The payload of @type if it has at least @len bytes, else NULL. */
const void *lbr_genl_data(struct nlattr **tb, int type, size_t len)
{
	const struct nlattr *a = tb[type];

	if (!a || (size_t)(a->nla_len - NLA_HDRLEN) < len)
		return NULL;
	return (const char *)a + NLA_HDRLEN;
}

/* A string attribute, or "?" if absent or not terminated. */
const char *lbr_genl_str(struct nlattr **tb, int type)
{
	const struct nlattr *a = tb[type];
	const char *s;
	size_t len;

	if (!a)
		return "?";
	s = (const char *)a + NLA_HDRLEN;
	len = a->nla_len - NLA_HDRLEN;
	if (!len || strnlen(s, len) == len)
		return "?";
	return s;
}

/* For errors: strerror(), after the kernel's message if it gave one. */
const char *lbr_genl_strerror(int err)
{
	static char buf[sizeof(nl_errmsg) + 64];

	if (!nl_errmsg[0])
		return strerror(-err);
	snprintf(buf, sizeof(buf), "%s (%s)", nl_errmsg, strerror(-err));
	return buf;
}

/* Extended ACK attributes @off bytes into @h's payload. */
static void save_extack(const struct nlmsghdr *h, size_t off)
{
	struct nlattr *tb[LBR_NL_MAXATTR + 1];
	size_t len = h->nlmsg_len - NLMSG_HDRLEN;
	const char *msg;

	off = NLMSG_ALIGN(off);
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS) || off >= len)
		return;
	parse_attrs((const char *)NLMSG_DATA(h) + off, len - off, tb);
	msg = lbr_genl_str(tb, NLMSGERR_ATTR_MSG);
	if (strcmp(msg, "?"))
		snprintf(nl_errmsg, sizeof(nl_errmsg), "%s", msg);
}

/* NLMSG_ERROR (0 is the ACK) or NLMSG_DONE: the request's outcome. */
static int outcome(const struct nlmsghdr *h)
{
	const struct nlmsgerr *e = NLMSG_DATA(h);
	int err;

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
		return -EBADMSG;
	memcpy(&err, NLMSG_DATA(h), sizeof(err));
	if (h->nlmsg_type == NLMSG_DONE) {
		save_extack(h, sizeof(int));
		return err;
	}
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return -EBADMSG;
	save_extack(h, sizeof(*e) + (h->nlmsg_flags & NLM_F_CAPPED ? 0 :
				     e->msg.nlmsg_len - NLMSG_HDRLEN));
	return err;
}

/* One reply message: its attributes to @cb. */
static int reply(const struct nlmsghdr *h, lbr_genl_cb cb, void *arg)
{
	struct nlattr *tb[LBR_NL_MAXATTR + 1];

	if (h->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return -EBADMSG;
	parse_attrs((const char *)NLMSG_DATA(h) + GENL_HDRLEN,
		    h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN), tb);
	return cb ? cb(tb, arg) : 0;
}

/*
 * The messages of one recv() answering @req: 1 once it is answered, 0 if
 * more is to come, or a negative errno.
 */
static int receive(const struct nlmsghdr *h, int n, const struct nlmsghdr *req,
		   lbr_genl_cb cb, void *arg)
{
	int err;

	for (; NLMSG_OK(h, (unsigned int)n); h = NLMSG_NEXT(h, n)) {
		if (h->nlmsg_seq != req->nlmsg_seq)
			continue;
		if (h->nlmsg_type == NLMSG_ERROR || h->nlmsg_type == NLMSG_DONE) {
			err = outcome(h);
			return err ? err : 1;
		}
		if (h->nlmsg_type != req->nlmsg_type)
			continue;
		err = reply(h, cb, arg);
		if (err)
			return err;
	}
	return 0;
}

/**
 * lbr_genl_talk() - send @r, hand each reply's attributes to @cb
 * @r: the request
 * @cb: called per reply message (NULL: none expected); an error stops
 * @arg: for @cb
 *
 * Return: 0, or a negative errno (see lbr_genl_strerror()).
 */
int lbr_genl_talk(struct lbr_genl_req *r, lbr_genl_cb cb, void *arg)
{
	static char rx[LBR_NL_RXBUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *h = REQ_HDR(r);
	int n, err = 0;

	nl_errmsg[0] = '\0';
	h->nlmsg_seq = ++nl_seq;
	if (send(nl_fd, r->buf, h->nlmsg_len, 0) < 0)
		return -errno;
	do {
		n = recv(nl_fd, rx, sizeof(rx), MSG_TRUNC);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n > (int)sizeof(rx))
			return -EMSGSIZE;
		err = receive((struct nlmsghdr *)rx, n, h, cb, arg);
	} while (!err);
	return err < 0 ? err : 0;
}

static void init_msg(struct lbr_genl_req *r, uint16_t type, uint8_t cmd,
		     uint8_t version, int dump)
{
	struct nlmsghdr *h = REQ_HDR(r);
	struct genlmsghdr *g = NLMSG_DATA(h);

	memset(r, 0, sizeof(*r));
	h->nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	h->nlmsg_type = type;
	/* A dump ends with NLMSG_DONE, anything else with the ACK. */
	h->nlmsg_flags = NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK);
	g->cmd = cmd;
	g->version = version;
}

/* Start a request of the lbridge family; @dump for all objects. */
void lbr_genl_init(struct lbr_genl_req *r, uint8_t cmd, int dump)
{
	init_msg(r, family_id, cmd, LBR_GENL_VERSION, dump);
}

void lbr_genl_put(struct lbr_genl_req *r, int type, const void *data,
		  size_t len)
{
	struct nlmsghdr *h = REQ_HDR(r);
	size_t off = NLMSG_ALIGN(h->nlmsg_len);
	struct nlattr *a = (struct nlattr *)(r->buf + off);

	/* Requests are a few fixed attributes: they always fit. */
	if (off + NLA_HDRLEN + NLA_ALIGN(len) > sizeof(r->buf))
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	h->nlmsg_len = off + NLA_ALIGN(a->nla_len);
}

void lbr_genl_put_u8(struct lbr_genl_req *r, int type, uint8_t v)
{
	lbr_genl_put(r, type, &v, sizeof(v));
}

void lbr_genl_put_u32(struct lbr_genl_req *r, int type, uint32_t v)
{
	lbr_genl_put(r, type, &v, sizeof(v));
}

static int family_reply(struct nlattr **tb, void *arg)
{
	uint32_t *version = arg;

	family_id = lbr_genl_uint(tb, CTRL_ATTR_FAMILY_ID);
	*version = lbr_genl_uint(tb, CTRL_ATTR_VERSION);
	return 0;
}

/* CTRL_CMD_GETFAMILY "lbridge": its id, checked against our version. */
static int resolve_family(void)
{
	struct lbr_genl_req r;
	uint32_t version = 0;
	int err;

	init_msg(&r, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	lbr_genl_put(&r, CTRL_ATTR_FAMILY_NAME, LBR_GENL_NAME,
		     sizeof(LBR_GENL_NAME));
	err = lbr_genl_talk(&r, family_reply, &version);
	if (err == -ENOENT || (!err && !family_id)) {
		fputs("lbridge generic netlink family not found (is lbridge loaded?)\n",
		      stderr);
		return -1;
	}
	if (err) {
		fprintf(stderr, "can't look up the lbridge generic netlink family: %s\n",
			lbr_genl_strerror(err));
		return -1;
	}
	if (version < LBR_GENL_VERSION) {
		fprintf(stderr, "lbridge generic netlink family is version %u, lbrctl needs %u (update lbridge)\n",
			version, LBR_GENL_VERSION);
		return -1;
	}
	return 0;
}

/**
 * lbr_genl_open() - the socket, with extended ACKs, and the family's id
 *
 * Prints why on failure.
 * Return: 0 or -1.
 */
int lbr_genl_open(void)
{
	int one = 1;

	nl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl_fd < 0) {
		fprintf(stderr, "can't open a generic netlink socket: %s\n",
			strerror(errno));
		return -1;
	}
	/* Without them (old kernels) errors just lose their text. */
	setsockopt(nl_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return resolve_family();
}
