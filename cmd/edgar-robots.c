/*
 * edgar-robots: the request stream without the robots, by the rules of
 * the EDGAR literature: the SEC's own flags, and daily volume and rate
 * rules that make an address a robot for a whole calendar day.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "civil.h"
#include "field.h"
#include "output.h"
#include "reject.h"
#include "request.h"
#include "scan.h"
#include "siphash.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

#define MAXCOL	1024
#define NONE	((size_t)-1)
#define NIL	UINT32_MAX

/* The rules, in the order a request or an address is charged to them. */
enum { R_CRAWLER, R_IDX, R_CODE, R_DAY, R_MINUTE, R_CIKS, NRULE };
static const char *rulename[NRULE] = {
	"crawler", "idx", "code", "day", "minute", "ciks"
};

enum { O_KEPT, O_REMOVED, O_FLAGGED, O_REPORT };
static const char *const outputs[] = { "kept", "removed", "flagged",
    "report" };

/* The columns, 0-based, NONE if -f names none. */
enum { F_TIME, F_IP, F_CIK, F_CODE, F_IDX, F_CRAWLER, NF };
static const char *colname[NF] = {
	"time", "ip", "cik", "code", "idx", "crawler"
};
static size_t col[NF] = { 0, 1, 2, 3, 4, 5 };
static size_t ncols = 6;	/* the fields split: the last needed, plus 1 */
static int flagcols;		/* whether a rule reads any field but the ip */
static struct field *split;	/* room for ncols fields */

/* The rules in effect: on[], and the thresholds, as the man page says. */
static int on[NRULE];
static int64_t mincode;		/* code >= mincode is removed */
static int64_t dayreq;		/* an ip with dayreq or more a day */
static int64_t minreq;		/* more than minreq in one minute */
static int64_t minciks;		/* more than minciks CIKs in one minute */
static int iprules;		/* any of day, minute, ciks */
static int mode = O_KEPT;
static int64_t shift;		/* -z, in seconds */

/*
 * An address seen on the current day: what every request touches, in 32
 * bytes, two to a cache line.
 */
struct ip {
	union {
		char	 in[16];	/* its bytes if 16 or fewer */
		uint64_t off;	/* else their place in keys */
	} key;
	uint32_t	 len;
	uint32_t	 hash;
	uint64_t	 count;	/* requests the flags left */
};

/*
 * The same address's minutes, for the minute rules only.  The first
 * IPCIKS distinct CIKs it asks for in a minute are kept here, the rest
 * (robots' only) in the CIK set.
 */
#define IPCIKS	4

struct rate {
	int64_t		 min;	/* its latest minute */
	uint64_t	 nmin;	/* requests in min */
	uint64_t	 maxmin;
	uint64_t	 nciks;	/* distinct CIKs in min */
	uint64_t	 maxciks;
	uint64_t	 ciks[IPCIKS];
};

/* A CIK asked for by an address, and the latest minute it was. */
struct cikseen {
	uint64_t	 cik;	/* see cikvalue() */
	int64_t		 min;
	uint32_t	 ip;	/* NIL: empty */
};

/* A line held until its day is over: its end in hold, and whose it is. */
struct held {
	size_t		 end;
	uint32_t	 who;	/* an ip, or NIL - 1 - rule for a flag's */
};

static struct sipkey sip;
static struct shorthash sh;	/* the short keys' hash, and the CIKs' slots */

static struct ip *ips;
static struct rate *rates;	/* with the minute rules */
static unsigned char *robot;	/* a bit for each ip rule that flags it */
static size_t nips, ipcap;
static uint32_t *slots;		/* ip indexes, NIL if empty */
static size_t slotmask;
static char *keys;
static size_t keylen, keycap;
static struct cikseen *cikslots;
static size_t cikmask, nciks;
static char *hold;
static size_t holdlen, holdcap;
static struct held *held;
static size_t nheld, heldcap;

/* The day being read (NODAY: none yet), and its tallies for the report. */
#define NODAY	INT64_MIN	/* no time's day: times have 18 digits at most */
static int64_t today = NODAY;
static uint64_t dayused, dayflagged[R_CODE + 1];

static int64_t clk = REQ_NOTIME + 1;
static uintmax_t nunsorted;

/* The short keys' hash (see siphash.h), or SipHash for longer ones. */
static uint32_t
hash(const char *k, size_t n)
{
	if (n > 16)
		return (uint32_t)siphash13(&sip, k, n);
	return shorthash(&sh, k, n);
}

static uint32_t *
newslots(size_t n)
{
	uint32_t *s = emalloc(n * sizeof(*s));

	memset(s, 0xff, n * sizeof(*s));
	return s;
}

static void
grow_ips(void)
{
	size_t i, j, n = 2 * (slotmask + 1);

	free(slots);
	slots = newslots(n);
	slotmask = n - 1;
	for (i = 0; i < nips; i++) {
		for (j = ips[i].hash & slotmask; slots[j] != NIL;
		    j = (j + 1) & slotmask)
			;
		slots[j] = (uint32_t)i;
	}
}

static uint32_t
add_ip(const char *k, size_t n, uint32_t h, size_t slot)
{
	struct ip *p;

	if (nips >= NIL - 1 - NRULE)
		fatal("more than %zu addresses in one day", nips);
	if (nips == ipcap) {
		ipcap = ipcap ? 2 * ipcap : 4096;
		ips = erealloc(ips, ipcap * sizeof(*ips));
		robot = erealloc(robot, ipcap);
		if (on[R_MINUTE] || on[R_CIKS])
			rates = erealloc(rates, ipcap * sizeof(*rates));
	}
	if (n > 16 && keycap - keylen < n) {
		while (keycap - keylen < n)
			keycap = keycap ? 2 * keycap : 65536;
		keys = erealloc(keys, keycap);
	}
	p = &ips[nips];
	memset(p, 0, sizeof(*p));
	if (n <= sizeof(p->key.in))
		memcpy(p->key.in, k, n);
	else {
		memcpy(keys + keylen, k, n);
		p->key.off = keylen;
		keylen += n;
	}
	p->len = (uint32_t)n;
	p->hash = h;
	robot[nips] = 0;
	if (rates != NULL) {
		memset(&rates[nips], 0, sizeof(*rates));
		rates[nips].min = INT64_MIN;
	}
	slots[slot] = (uint32_t)nips;
	if (++nips > (slotmask + 1) / 2)
		grow_ips();
	return (uint32_t)(nips - 1);
}

static const char *
ipkey(const struct ip *p)
{
	return p->len <= sizeof(p->key.in) ? p->key.in : keys + p->key.off;
}

/*
 * The day's index of the address k, of hash h, which is added if new.
 * 16 bytes from k may be read.
 */
static uint32_t
find_ip(const char *k, size_t n, uint32_t h)
{
	uint32_t i;
	size_t j;

	for (j = h & slotmask; (i = slots[j]) != NIL; j = (j + 1) & slotmask)
		if (ips[i].hash == h && ips[i].len == n &&
		    scan_equal(ipkey(&ips[i]), k, n))
			return i;
	if (n > UINT32_MAX)
		fatal("an address of %zu bytes", n);
	return add_ip(k, n, h, j);
}

static size_t
cikslot(uint32_t ip, uint64_t cik)
{
	return (size_t)((sh.mul[0] * (cik & 0xffffffff) +
	    sh.mul[1] * (cik >> 32) + sh.mul[2] * ip + sh.mul[9]) >> 32) &
	    cikmask;
}

static void
grow_ciks(void)
{
	struct cikseen *old = cikslots;
	size_t i, j, n = cikmask + 1;

	cikmask = 2 * n - 1;
	cikslots = emalloc(2 * n * sizeof(*cikslots));
	for (i = 0; i < 2 * n; i++)
		cikslots[i].ip = NIL;
	for (i = 0; i < n; i++) {
		if (old[i].ip == NIL)
			continue;
		for (j = cikslot(old[i].ip, old[i].cik); cikslots[j].ip != NIL;
		    j = (j + 1) & cikmask)
			;
		cikslots[j] = old[i];
	}
	free(old);
}

/*
 * Whether address ip, which has asked for seen distinct CIKs in its
 * current minute min, asks for cik for the first time in it.  The first
 * IPCIKS CIKs of the minute are in the address's record; beyond them, as
 * an address's minutes never go back (the input is in time order), one
 * entry per (address, CIK) pair holds the latest minute it was asked in.
 */
static int
new_cik(uint32_t ip, uint64_t cik, int64_t min, uint64_t seen)
{
	struct rate *p = &rates[ip];
	size_t j, n = seen < IPCIKS ? (size_t)seen : IPCIKS;

	for (j = 0; j < n; j++)
		if (p->ciks[j] == cik)
			return 0;
	if (n < IPCIKS) {
		p->ciks[n] = cik;
		return 1;
	}

	for (j = cikslot(ip, cik); cikslots[j].ip != NIL;
	    j = (j + 1) & cikmask)
		if (cikslots[j].ip == ip && cikslots[j].cik == cik) {
			if (cikslots[j].min == min)
				return 0;
			cikslots[j].min = min;
			return 1;
		}
	cikslots[j].ip = ip;
	cikslots[j].cik = cik;
	cikslots[j].min = min;
	if (++nciks > (cikmask + 1) / 2)
		grow_ciks();
	return 1;
}

static void
hold_line(const struct field *line, uint32_t who)
{
	if (holdcap - holdlen < line->n + 1) {
		while (holdcap - holdlen < line->n + 1)
			holdcap = holdcap ? 2 * holdcap : OUT_BLOCK;
		hold = erealloc(hold, holdcap);
	}
	memcpy(hold + holdlen, line->p, line->n);
	holdlen += line->n;
	hold[holdlen++] = '\n';
	if (nheld == heldcap) {
		heldcap = heldcap ? 2 * heldcap : 65536;
		held = erealloc(held, heldcap * sizeof(*held));
	}
	held[nheld].end = holdlen;
	held[nheld].who = who;
	nheld++;
}

static void
put_line(const struct field *line)
{
	out_bytes(&out_stdout, line->p, line->n);
	out_eol(&out_stdout);
}

/* A date for the day number d: "YYYY-MM-DD". */
static void
put_date(struct output *o, int64_t d)
{
	char buf[FMT_TIME_MAX];

	out_bytes(o, buf, format_date(d, buf));
}

/* Whether held line i is written in the chosen mode. */
static int
written(size_t i)
{
	uint32_t w = held[i].who;
	int removed = w >= NIL - NRULE || robot[w] != 0;

	return removed == (mode == O_REMOVED);
}

/* The day's held lines that are written, in runs of consecutive ones. */
static void
write_held(void)
{
	size_t i, j, start;

	for (i = 0; i < nheld; i = j) {
		if (!written(i)) {
			j = i + 1;
			continue;
		}
		/* in pieces of a block, so that the output need not grow */
		start = i > 0 ? held[i - 1].end : 0;
		for (j = i + 1; j < nheld && written(j) &&
		    held[j].end - start <= OUT_BLOCK; j++)
			;
		out_bytes(&out_stdout, hold + start, held[j - 1].end - 1 -
		    start);
		out_eol(&out_stdout);
	}
}

static int
byip(const void *a, const void *b)
{
	const struct ip *x = &ips[*(const uint32_t *)a];
	const struct ip *y = &ips[*(const uint32_t *)b];
	int c = memcmp(ipkey(x), ipkey(y),
	    x->len < y->len ? x->len : y->len);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static void
write_flagged(void)
{
	uint32_t *v;
	size_t i, n = 0;
	int r;
	uint64_t c;

	v = emalloc((nips ? nips : 1) * sizeof(*v));
	for (i = 0; i < nips; i++)
		if (robot[i] != 0)
			v[n++] = (uint32_t)i;
	qsort(v, n, sizeof(*v), byip);
	for (i = 0; i < n; i++)
		for (r = R_DAY; r < NRULE; r++) {
			if (!(robot[v[i]] & 1u << r))
				continue;
			c = r == R_DAY ? ips[v[i]].count : r == R_MINUTE ?
			    rates[v[i]].maxmin : rates[v[i]].maxciks;
			put_date(&out_stdout, today);
			out_char(&out_stdout, '\t');
			out_bytes(&out_stdout, ipkey(&ips[v[i]]),
			    ips[v[i]].len);
			out_char(&out_stdout, '\t');
			out_str(&out_stdout, rulename[r]);
			out_char(&out_stdout, '\t');
			out_int(&out_stdout, (int64_t)c);
			out_eol(&out_stdout);
		}
	free(v);
}

static void
write_report(void)
{
	uint64_t req[NRULE] = { 0 }, nip[NRULE] = { 0 }, kept = 0, keptips = 0;
	char share[32];
	size_t i;
	int r;

	if (dayused == 0)	/* its every line was rejected */
		return;

	for (r = R_CRAWLER; r <= R_CODE; r++)
		req[r] = dayflagged[r];
	for (i = 0; i < nips; i++) {
		if (robot[i] == 0) {
			kept += ips[i].count;
			keptips += ips[i].count > 0;
			continue;
		}
		for (r = R_DAY; !(robot[i] & 1u << r); r++)
			;
		req[r] += ips[i].count;
		nip[r]++;
	}
	put_date(&out_stdout, today);
	out_char(&out_stdout, '\t');
	out_int(&out_stdout, (int64_t)dayused);
	out_char(&out_stdout, '\t');
	out_int(&out_stdout, (int64_t)nips);
	for (r = 0; r < NRULE; r++) {
		out_char(&out_stdout, '\t');
		out_int(&out_stdout, (int64_t)req[r]);
		if (r >= R_DAY) {
			out_char(&out_stdout, '\t');
			out_int(&out_stdout, (int64_t)nip[r]);
		}
	}
	out_char(&out_stdout, '\t');
	out_int(&out_stdout, (int64_t)kept);
	out_char(&out_stdout, '\t');
	out_int(&out_stdout, (int64_t)keptips);
	snprintf(share, sizeof(share), "\t%.4f",
	    (double)(dayused - kept) / (double)dayused);
	out_str(&out_stdout, share);
	out_eol(&out_stdout);
}

/*
 * The day is over: the ip rules flag its addresses, and what the mode
 * writes goes out.  Then everything the day held is forgotten, but the
 * room it took is kept for the next.
 */
static void
end_day(void)
{
	size_t i;

	if (today == NODAY)
		return;
	for (i = 0; i < nips; i++) {
		uint64_t c = ips[i].count;

		if (on[R_DAY] && c > 0 && c >= (uint64_t)dayreq)
			robot[i] |= 1u << R_DAY;
		if (on[R_MINUTE] && rates[i].maxmin > (uint64_t)minreq)
			robot[i] |= 1u << R_MINUTE;
		if (on[R_CIKS] && rates[i].maxciks > (uint64_t)minciks)
			robot[i] |= 1u << R_CIKS;
	}
	if (mode == O_FLAGGED)
		write_flagged();
	else if (mode == O_REPORT)
		write_report();
	else
		write_held();
	memset(slots, 0xff, (slotmask + 1) * sizeof(*slots));
	if (nciks > 0)
		for (i = 0; i <= cikmask; i++)
			cikslots[i].ip = NIL;
	nips = keylen = nciks = holdlen = nheld = 0;
	dayused = 0;
	memset(dayflagged, 0, sizeof(dayflagged));
	today = NODAY;
	if (out_stdout.linebuf)
		out_flush(&out_stdout);
}

/*
 * A number as the SEC writes them: decimal digits, in 2017 followed by
 * ".0" ("404.0", "1608552.0"); more zeros after the point are allowed,
 * any other fraction is not.  At most 18 digits.  Returns 0 and *v, or -1.
 */
static int
number(const char *s, size_t n, int64_t *v)
{
	size_t m;

	/* "0", "1", "0.0", "1.0": the flags' and most of the time */
	if ((n == 1 || (n == 3 && s[1] == '.' && s[2] == '0')) &&
	    (s[0] == '0' || s[0] == '1')) {
		*v = s[0] - '0';
		return 0;
	}
	if ((m = tsv_integral(s, n)) == 0 || s[0] == '-' ||
	    m > TSV_INT_DIGITS)
		return -1;
	return tsv_int(s, m, v);
}

/*
 * A CIK is compared as a number when it is one ("1608552" and 2017's
 * "1608552.0" are the same CIK); any other text (the SEC's logs have
 * "1.210618000163617e+24") is a CIK of its own, known by its keyed hash,
 * with the top bit set so that it is no number's.
 */
static uint64_t
cikvalue(const char *s, size_t n)
{
	int64_t v;

	if (number(s, n, &v) == 0)
		return (uint64_t)v;
	return siphash13(&sip, s, n) | (uint64_t)1 << 63;
}

/*
 * Line i of the batch, whose time is not the clock's: returns 0 if it is
 * used (the clock then is its time, and an earlier day is over), -1 if it
 * is rejected.
 */
static int
off_clock(const struct reqreader *rd, size_t i, const struct req *q)
{
	int64_t t = q->t, day;

	if (t < clk) {
		nunsorted++;
		req_reject_late(rd, i, q, 0, clk - t);
		return -1;
	}
	clk = t;
	day = floor_div(t + shift, 86400);
	if (day != today)	/* none yet, or a new one */
		end_day();
	today = day;
	return 0;
}

/*
 * The fields the rules read, checked: -1 if the line is rejected.  When
 * the time and the ip come first, as edgar-parse writes them, the split
 * starts after the ip, which the reader has found.
 */
static int
fields(const struct reqreader *rd, size_t i, const struct req *q,
    int64_t v[NF])
{
	static const char *what[NF] = {
		NULL, NULL, NULL, "a number", "0 or 1", "0 or 1"
	};
	const char *end = q->line.p + q->line.n, *p;
	struct field *f;
	size_t nf, c, k, skip = 0;

	if (col[F_TIME] == 0 && col[F_IP] == 1) {
		skip = 2;
		p = q->key.p + q->key.n;	/* the TAB after the ip, or end */
		nf = p == end ? 2 : 2 + tsv_split_pad(p + 1,
		    (size_t)(end - p - 1), split, ncols - 2);
	} else
		nf = tsv_split_pad(q->line.p, q->line.n, split, ncols);
	for (k = F_CIK; k < NF; k++) {
		if ((c = col[k]) == NONE)
			continue;
		if (c >= nf) {
			req_reject(rd, i, &q->line, 0, "no %s column", colname[k]);
			return -1;
		}
		f = &split[c - skip];
		if (k == F_CIK)
			v[k] = (int64_t)cikvalue(f->p, f->n);
		else if (number(f->p, f->n, &v[k]) < 0 ||
		    (k >= F_IDX && v[k] > 1)) {
			req_reject(rd, i, &q->line, 0, "%s is not %s: \"%s\"",
			    colname[k], what[k], shown(f->p, f->n));
			return -1;
		}
	}
	return 0;
}

/* The rule of the flags that removes a request, or -1. */
static int
flagged(const int64_t v[NF])
{
	if (on[R_CRAWLER] && v[F_CRAWLER] == 1)
		return R_CRAWLER;
	if (on[R_IDX] && v[F_IDX] == 1)
		return R_IDX;
	if (on[R_CODE] && v[F_CODE] >= mincode)
		return R_CODE;
	return -1;
}

/* A request the flags left: its address's counts for the ip rules. */
static uint32_t
count(const struct req *q, uint32_t h, const int64_t v[NF])
{
	uint32_t w = find_ip(q->key.p, q->key.n, h);
	struct rate *p;
	int64_t min;

	ips[w].count++;
	if (rates == NULL)
		return w;
	p = &rates[w];
	min = floor_div(q->t + shift, 60);
	if (p->min != min) {
		p->min = min;
		p->nmin = p->nciks = 0;
	}
	if (++p->nmin > p->maxmin)
		p->maxmin = p->nmin;
	if (on[R_CIKS] && new_cik(w, (uint64_t)v[F_CIK], min, p->nciks) &&
	    ++p->nciks > p->maxciks)
		p->maxciks = p->nciks;
	return w;
}

static void
request(const struct reqreader *rd, size_t i, const struct req *q, uint32_t h)
{
	int64_t v[NF];
	uint32_t w;
	int r;

	/* A line rejected for any reason leaves the clock as it was. */
	if (q->t == REQ_NOTIME) {
		req_reject_unusable(rd, i, q, 0);
		return;
	}
	if (flagcols && fields(rd, i, q, v) < 0)
		return;
	if (q->t != clk && off_clock(rd, i, q) < 0)
		return;
	dayused++;
	if ((r = flagged(v)) >= 0) {
		dayflagged[r]++;
		if (mode == O_REPORT)
			(void)find_ip(q->key.p, q->key.n, h);
		else if (mode == O_REMOVED && !iprules)
			put_line(&q->line);
		else if (mode == O_REMOVED)
			hold_line(&q->line, NIL - 1 - (uint32_t)r);
		return;
	}
	if (!iprules) {
		if (mode == O_KEPT)
			put_line(&q->line);
		else if (mode == O_REPORT)
			(void)count(q, h, v);
		return;
	}
	w = count(q, h, v);
	if (mode == O_KEPT || mode == O_REMOVED)
		hold_line(&q->line, w);
}

/*
 * Lines come in batches: while one is counted, the table memory the next
 * ones need is already being fetched.  Hashes depend on the key alone, so
 * a day that ends within the batch does not make them stale.
 */
#define BATCH	16

static void
readall(const char *name)
{
	struct reqreader rd;
	struct req v[BATCH];
	uint32_t h[BATCH], j;
	size_t i, k;
	int look = iprules || mode == O_REPORT;

	req_open(&rd, name, col[F_TIME], col[F_IP]);
	req_keyname(&rd, "ip");
	while ((k = req_next(&rd, v, BATCH)) > 0) {
		for (i = 0; look && i < k; i++) {
			h[i] = hash(v[i].key.p, v[i].key.n);
			scan_prefetch(&slots[h[i] & slotmask]);
		}
		for (i = 0; look && i < k; i++)
			if ((j = slots[h[i] & slotmask]) != NIL) {
				scan_prefetch(&ips[j]);
				if (rates != NULL)
					scan_prefetch(&rates[j]);
			}
		for (i = 0; i < k; i++)
			request(&rd, i, &v[i], look ? h[i] : 0);
	}
	req_close(&rd);
}

/* -f: where the columns the rules read are; other names are skipped. */
static void
columns(const char *list)
{
	const char *s = list, *e;
	size_t i, k, n;

	for (k = 0; k < NF; k++)
		col[k] = NONE;
	for (i = 0;; i++) {
		e = strchr(s, ',');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (n == 0)
			fatal("-f %s: an empty column name", list);
		if (i == MAXCOL)
			fatal("-f %s: more than %d columns", list, MAXCOL);
		for (k = 0; k < NF; k++)
			if (strlen(colname[k]) == n &&
			    strncasecmp(colname[k], s, n) == 0)
				break;
		if (k < NF && col[k] != NONE)
			fatal("-f %s: %s named twice", list, colname[k]);
		if (k < NF)
			col[k] = i;
		if (e == NULL)
			break;
		s = e + 1;
	}
	if (col[F_TIME] == NONE || col[F_IP] == NONE)
		fatal("-f %s: the time and the ip columns are required", list);
}

static void
preset(const char *p)
{
	on[R_CRAWLER] = on[R_IDX] = on[R_CODE] = 1;
	mincode = 300;
	if (strcmp(p, "sec") == 0)
		return;
	if (strcmp(p, "lm") == 0) {
		on[R_DAY] = 1;
		dayreq = 50;
	} else if (strcmp(p, "lmw") == 0) {
		on[R_DAY] = on[R_MINUTE] = on[R_CIKS] = 1;
		dayreq = 501;
		minreq = 25;
		minciks = 3;
	} else if (strcmp(p, "drt") == 0) {
		on[R_DAY] = on[R_MINUTE] = 1;
		dayreq = 1001;
		minreq = 5;
	} else
		fatal("-p %s: not a preset (sec, lm, lmw or drt)", p);
}

/* The columns the rules in effect read: each must be in -f. */
static void
needs(void)
{
	static const int field[NRULE] = {
		F_CRAWLER, F_IDX, F_CODE, -1, -1, F_CIK
	};
	size_t k;
	int r;

	for (r = 0; r < NRULE; r++)
		if (on[r] && field[r] >= 0 && col[field[r]] == NONE)
			fatal("the %s rule needs a %s column (-f)",
			    rulename[r], colname[field[r]]);
	ncols = 0;
	for (k = 0; k < NF; k++) {
		if (k >= F_CIK && (col[k] == NONE ||
		    !on[k == F_CIK ? R_CIKS : k == F_CODE ? R_CODE :
		    k == F_IDX ? R_IDX : R_CRAWLER]))
			col[k] = NONE;
		if (col[k] != NONE && col[k] + 1 > ncols)
			ncols = col[k] + 1;
		if (k >= F_CIK && col[k] != NONE)
			flagcols = 1;
	}
	iprules = on[R_DAY] || on[R_MINUTE] || on[R_CIKS];
	split = emalloc(ncols * sizeof(*split));
}

static void
setup(void)
{
	size_t i;

	sip_randomkey(&sip);
	shorthash_init(&sh, &sip);
	slotmask = 1023;
	slots = newslots(slotmask + 1);
	cikmask = 1023;
	cikslots = emalloc((cikmask + 1) * sizeof(*cikslots));
	for (i = 0; i <= cikmask; i++)
		cikslots[i].ip = NIL;
}

static void
cleanup(void)
{
	free(ips);
	free(rates);
	free(robot);
	free(slots);
	free(keys);
	free(cikslots);
	free(hold);
	free(held);
	free(split);
}

/* An option that sets a threshold, or -1 if it was not given. */
static int64_t set_code = -1, set_ge = -1, set_min = -1, set_ciks = -1;
static int set_crawler, set_idx;

/* The options given change the preset's rules, or add to them. */
static void
rules(const char *p)
{
	int r, any = 0;

	if (p != NULL)
		preset(p);
	on[R_CRAWLER] |= set_crawler;
	on[R_IDX] |= set_idx;
	if (set_code >= 0) {
		on[R_CODE] = 1;
		mincode = set_code;
	}
	if (set_ge >= 0) {
		on[R_DAY] = 1;
		dayreq = set_ge;
	}
	if (set_min >= 0) {
		on[R_MINUTE] = 1;
		minreq = set_min;
	}
	if (set_ciks >= 0) {
		on[R_CIKS] = 1;
		minciks = set_ciks;
	}
	for (r = 0; r < NRULE; r++)
		any |= on[r];
	if (!any) {
		complain("no rule: name a preset (-p) or rules");
		tool_usage();
	}
}

int
main(int argc, char *argv[])
{
	const char *p = NULL;
	int ch;

	tool_init(argv, "[-ChIsuV] [-a count] [-c code] [-d count] "
	    "[-f columns] [-k count] [-m count] "
	    "[-o kept | removed | flagged | report] [-p sec | lm | lmw | drt] "
	    "[-r rejects] [-z hours] [file ...]");
	while ((ch = getopt(argc, argv, "a:Cc:d:f:Ik:m:o:p:z:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'a':
			set_ge = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		case 'C':
			set_crawler = 1;
			break;
		case 'c':
			set_code = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'd':	/* more than N: N + 1 or more */
			set_ge = eoptnum(ch, optarg, 0, INT64_MAX - 1) + 1;
			break;
		case 'f':
			columns(optarg);
			break;
		case 'I':
			set_idx = 1;
			break;
		case 'k':
			set_ciks = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'm':
			set_min = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'o':	/* in the order of O_KEPT ... O_REPORT */
			mode = (int)eoptword(ch, optarg, outputs, 4,
			    "an output");
			break;
		case 'p':
			p = optarg;
			break;
		case 'z':
			shift = eoptnum(ch, optarg, -23, 23) * 3600;
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;
	rules(p);
	needs();

	setup();
	tool_start(argc, argv);
	tool_operands(argc, argv, readall);
	end_day();
	cleanup();
	req_unsorted(nunsorted, 0);
	return tool_finish();
}
