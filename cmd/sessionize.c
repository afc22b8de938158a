/* sessionize: request stream in, session stream out, as sessions end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civil.h"
#include "distinct.h"
#include "input.h"
#include "output.h"
#include "reject.h"
#include "request.h"
#include "scan.h"
#include "table.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

#define MAXCOL	1024
#define MAXKEY	8	/* columns of a key */
#define MAXAGG	8	/* -a and -d together */

/*
 * A session over, to be written.  Sessions are written in the order of
 * their ends, the last second each was open in: with -M or -z, end is
 * that; otherwise it is the last request, whose order is the same.
 */
struct ended {
	int64_t		 end;
	uint64_t	 seq;
	struct session	*s;
};

static int64_t period;
static int64_t lateness;
static int detect;		/* -o detect: first-request order per record */
static size_t ncol;		/* -n: the column of the log's line number, 0 */
static int mark;		/* -m: requests out, with their session's id */
static int withid;		/* -I */
static int withorder;		/* -O: the fields session-merge orders by */
static int grouped;		/* -g: input grouped by key */
static size_t pcol;		/* -p: the column of positions, 0 */
static int64_t maxlen;		/* -M: at most this long, 0 */
static int zoned;		/* -z: over at midnight, of UTC + zone */
static int64_t zone;
static int capped;		/* -M or -z */
/* -a (sum) and -d (distinct values), in the order given */
static struct agg {
	int		 sum;
	size_t		 col;	/* 0-based */
	size_t		 at;	/* -a: its sum's place, of the row's; -d: its set's */
} agg[MAXAGG];
static size_t nagg, nsums, nsets;
static int64_t dcount[MAXAGG];	/* -d: the counts of the session written */

static struct table tab;
static size_t tcol = 0;		/* -t: 0-based */
static size_t kcols[MAXKEY] = { 1 }, nk = 1;	/* -k: 0-based */
/* The time of the latest record used; at first, before any time can be. */
static int64_t clk = REQ_NOTIME + 1;
static uint64_t seq;		/* lines read so far */
static int64_t lastpos = -1;	/* -p: the position of the latest request */
static uintmax_t nlate, nunsorted;
static int64_t maxlate;

static struct ended *ended;
static size_t nended, endedcap;

/*
 * -a, -d: the aggregates of the session whose record is i, a row of
 * rowsize bytes: its nsums sums, then the records of its nsets sets of
 * values (-d), counted when it ends.  The rows are aligned so that one of
 * up to 64 bytes is in one cache line.
 */
static char *aggv;
static size_t naggv;		/* records covered */
static size_t rowsize;
static struct dset dset;	/* -d: the values of the open sessions */

/*
 * -M and -z: an entry for each session started, in order, with the last
 * second it can be open; they come in the order of their starts, which
 * is that of their caps.  An entry is stale if its session is gone (its
 * record free or reused since: another position).
 */
struct capped {
	int64_t		 cap;
	uint64_t	 seq;
	uint32_t	 idx;
};
static struct capped *capq;
static size_t caphead, caplen, capcap;	/* a ring, capcap a power of 2 */

/* -g: the key of the group being read */
static char *gkey;
static size_t gkeylen, gkeycap;

static int64_t
sat_add(int64_t a, int64_t b)	/* b >= 0 */
{
	return a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* Rows for the records up to k, zeroed. */
static void
agg_grow(uint32_t k)
{
	size_t n = naggv;
	char *p;

	naggv = k + 1 > 2 * naggv ? k + 1 : 2 * naggv;
	p = ealigned(naggv * rowsize);
	if (n > 0)
		memcpy(p, aggv, n * rowsize);
	free(aggv);
	aggv = p;
	memset(aggv + n * rowsize, 0, (naggv - n) * rowsize);
}

/* The aggregates of the session whose record is k. */
static inline int64_t *
agg_row(uint32_t k)
{
	if (k >= naggv)
		agg_grow(k);
	return (int64_t *)(void *)(aggv + (size_t)k * rowsize);
}

/* -d: the records of the row's sets of values, after its sums. */
static struct downer *
values_of(int64_t *row)
{
	return (struct downer *)(void *)(row + nsums);
}

/* The last second a session that started at first can be open in. */
static int64_t
cap_of(int64_t first)
{
	int64_t c = INT64_MAX, day;

	if (maxlen > 0)
		c = sat_add(first, maxlen - 1);
	if (zoned) {
		day = floor_div(first + zone, 86400);
		if ((day + 1) * 86400 - zone - 1 < c)
			c = (day + 1) * 86400 - zone - 1;
	}
	return c;
}

/* The last second in which a request could still have joined s. */
static int64_t
end_of(const struct session *s)
{
	int64_t e = sat_add(s->last, period), c;

	if (capped && (c = cap_of(s->first)) < e)
		e = c;
	return e;
}

/*
 * Sessions written together mostly end in the same second, and many have
 * one request: the text of the two times written last is kept.
 */
struct stamp {
	int64_t		 v;
	size_t		 n;	/* 0: nothing kept */
	char		 text[24];
};

static char *
put_time(char *d, int64_t v)
{
	static struct stamp kept[2];
	static int older;
	struct stamp *k;
	int i;

	for (i = 0; i < 2; i++)
		if (kept[i].n > 0 && kept[i].v == v)
			break;
	if (i == 2) {
		k = &kept[i = older];
		k->n = fmt_int(k->text, v);
		k->v = v;
	}
	older = !i;	/* the other one goes first */
	memcpy(d, kept[i].text, sizeof(kept[i].text));
	return d + kept[i].n;
}

/* The session's line, in one piece: room for the longest first. */
static void
emit(const struct session *s)
{
	struct output *o = &out_stdout;
	char *d = out_room(o, s->keylen + KEY_INLINE + 2 * 24 +
	    (6 + nagg) * 22 + 5);
	const int64_t *v;
	size_t j;

	if (s->keylen <= KEY_INLINE)	/* all of the record's key room */
		memcpy(d, s->key.in, KEY_INLINE);
	else
		memcpy(d, s->key.out, s->keylen);
	d += s->keylen;
	*d++ = '\t';
	d = put_time(d, s->first);
	*d++ = '\t';
	d = put_time(d, s->last);
	*d++ = '\t';
	d += fmt_int(d, s->last - s->first + 1);
	*d++ = '\t';
	d += fmt_int(d, (int64_t)s->count);
	if (withid) {
		*d++ = '\t';
		d += fmt_int(d, (int64_t)s->seq);
	}
	if (nagg > 0)
		for (v = agg_row(table_index(s)), j = 0; j < nagg; j++) {
			*d++ = '\t';
			d += fmt_int(d, agg[j].sum ? v[agg[j].at] : dcount[j]);
		}
	if (withorder) {
		*d++ = '\t';
		d += fmt_int(d, end_of(s));
		*d++ = '\t';
		d += fmt_int(d, s->last);
		*d++ = '\t';
		d += fmt_int(d, (int64_t)s->seq);
	}
	out_commit(o, d);
	out_eol(o);
}

static int
byfirst(const void *a, const void *b)
{
	const struct ended *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
byend(const void *a, const void *b)
{
	const struct ended *x = a, *y = b;

	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return byfirst(a, b);
}

/* Into first-request order: a handful by insertion, more by qsort. */
static void
sort_first(struct ended *v, size_t n)
{
	struct ended e;
	size_t i, j;

	if (n > 32) {
		qsort(v, n, sizeof(*v), byfirst);
		return;
	}
	for (i = 1; i < n; i++) {
		e = v[i];
		for (j = i; j > 0 && v[j - 1].seq > e.seq; j--)
			v[j] = v[j - 1];
		v[j] = e;
	}
}

static void
end_session(struct session *s)
{
	if (nended == endedcap) {
		endedcap = endedcap ? 2 * endedcap : 1024;
		ended = erealloc(ended, endedcap * sizeof(*ended));
	}
	ended[nended].end = capped ? end_of(s) : s->last;
	ended[nended].seq = s->seq;
	ended[nended].s = s;
	nended++;
}

/* -d: the session's sets of values are counted, for emit(), and emptied. */
static void
count_values(const struct session *s)
{
	struct downer *o = values_of(agg_row(table_index(s)));
	size_t j;

	for (j = 0; j < nagg; j++)
		if (!agg[j].sum)
			dcount[j] = dset_count(&dset, o + agg[j].at);
}

/*
 * Write the sessions ended so far and forget them.  Without caps they
 * were taken in the order of their ends; those of one end second (or all
 * of them, when whole) go in the order of their first requests.  With
 * caps they are sorted by end, and a session may have been taken twice,
 * for its end and for its cap: once is written.  At the end of input -O
 * writes them by end too, so that its whole output is in that order.
 */
static void
write_ended(int whole, int last)
{
	struct session *s;
	size_t i, j;

	if (nended < 2)
		;
	else if ((capped && !whole) || (last && withorder))
		qsort(ended, nended, sizeof(*ended), byend);
	else
		for (i = 0; i < nended; i = j) {
			for (j = i + 1; j < nended &&
			    (whole || ended[j].end == ended[i].end); j++)
				;
			sort_first(ended + i, j - i);
		}
	if (!capped && !mark && nagg == 0) {	/* the plain run */
		for (i = 0; i < nended; i++) {
			emit(ended[i].s);
			table_remove(&tab, ended[i].s);
		}
		nended = 0;
		return;
	}
	if (nsets > 0)	/* the rows are fetched together */
		for (i = 0; i < nended; i++)
			scan_prefetch(values_of(agg_row(table_index(
			    ended[i].s))));
	for (i = 0; i < nended; i++) {
		s = ended[i].s;
		if (i > 0 && s == ended[i - 1].s)
			continue;
		if (nsets > 0)
			count_values(s);
		if (!mark)
			emit(s);
		table_remove(&tab, s);
	}
	nended = 0;
}

/*
 * Is the session whose record is idx, of that position, still open?  (Its
 * record may be free since, or another session's.)  The caps' ring knows
 * its sessions so.
 */
static int
open_session(uint32_t idx, uint64_t pos)
{
	const struct session *s = table_at(&tab, idx);

	return s->count > 0 && s->seq == pos;
}

/* The sessions whose caps the clock t has passed are over. */
static void
cap_expired(int64_t t)
{
	struct capped *e;
	struct session *s;

	for (; caplen > 0 && (e = &capq[caphead])->cap < t; caplen--,
	    caphead = (caphead + 1) & (capcap - 1)) {
		if (!open_session(e->idx, e->seq))
			continue;	/* gone already */
		s = table_at(&tab, e->idx);
		table_undue(s);
		end_session(s);
	}
}

/* Session s, record i, has started: its cap joins the ring. */
static void
cap_started(const struct session *s, uint32_t i)
{
	struct capped *q;
	size_t k, n;

	if (caplen == capcap) {	/* keep the live ones; grow if still full */
		for (k = n = 0; k < caplen; k++) {
			q = &capq[(caphead + k) & (capcap - 1)];
			if (open_session(q->idx, q->seq))
				capq[(caphead + n++) & (capcap - 1)] = *q;
		}
		caplen = n;
		if (n > capcap / 4 || capcap == 0) {
			q = emalloc((capcap ? 2 * capcap : 1024) * sizeof(*q));
			for (k = 0; k < n; k++)
				q[k] = capq[(caphead + k) & (capcap - 1)];
			free(capq);
			capq = q;
			caphead = 0;
			capcap = capcap ? 2 * capcap : 1024;
		}
	}
	q = &capq[(caphead + caplen++) & (capcap - 1)];
	q->cap = cap_of(s->first);
	q->seq = s->seq;
	q->idx = i;
}

/*
 * A session is over when the clock has passed its last request by more
 * than the period: a request exactly P seconds after the last continues it.
 */
static void
advance(int64_t t)
{
	struct session *s;

	while ((s = table_expired(&tab, t, period)) != NULL)
		end_session(s);
	if (capped)
		cap_expired(t);
	if (nended > 0)
		write_ended(detect, 0);
}

/*
 * With -p, a line that is a time alone is a tick: the clock moves on to
 * it as it would for a record (request-split sends one to every shard
 * when its clock moves), and no request is counted.
 */
static int
tick(const struct req *q)
{
	int64_t t;

	if (pcol == 0 || memchr(q->line.p, '\t', q->line.n) != NULL ||
	    tsv_int(q->line.p, q->line.n, &t) < 0)
		return 0;
	if (t > clk) {
		advance(t);
		clk = t;
	}
	return 1;
}

/*
 * Line i of the batch, whose time is not the clock's: returns the time it
 * counts at, the clock's new one, or REQ_NOTIME if it is rejected.
 */
static int64_t
off_clock(const struct reqreader *rd, size_t i, const struct req *q)
{
	int64_t t = q->t;

	if (t == REQ_NOTIME && tick(q))
		return REQ_NOTIME;
	switch (req_judge(rd, i, q, ncol, clk, lateness, &nunsorted)) {
	case REQ_REJECTED:
		return REQ_NOTIME;
	case REQ_LATE:
		nlate++;
		if (clk - t > maxlate)
			maxlate = clk - t;
		return clk;
	}
	advance(t);
	return clk = t;
}

/* Every open session ends now, in first-request order (-O: by end). */
static void
end_all(int last)
{
	struct session *s;

	while ((s = table_take(&tab)) != NULL)
		end_session(s);
	write_ended(1, last);
	caplen = 0;
}

/* -g: the key is the group's. */
static int
in_group(const struct field *key)
{
	return key->n == gkeylen && memcmp(key->p, gkey, key->n) == 0;
}

/*
 * -g: a key other than the group's begins a group of its own, and a time
 * and positions of its own: the sessions open end, the clock starts again.
 */
static void
regroup(const struct field *key)
{
	if (in_group(key))
		return;
	end_all(0);
	clk = REQ_NOTIME + 1;
	lastpos = -1;
	if (key->n > gkeycap) {
		gkeycap = key->n;
		gkey = erealloc(gkey, gkeycap);
	}
	memcpy(gkey, key->p, key->n);
	gkeylen = key->n;
}

/*
 * Lines come in batches: while one is looked up, the table memory the
 * next ones need is already being fetched.
 */
#define BATCH	16

/*
 * The other columns the lines of a batch need (-p, -a, -d), split off and
 * converted (-d: hashed) in a pass of their own, before any line is used;
 * a line's faults are told as it comes up, in the order columns() checks
 * them.
 */
enum { COL_OK, COL_NOCOL, COL_NOTINT };
static struct batchcols {
	int		 posbad;	/* -p: no position */
	int		 bad;	/* COL_NOCOL or COL_NOTINT for aggregate badj */
	size_t		 badj;
	int64_t		 pos;
	struct field	 val[MAXAGG];
	int64_t		 sum[MAXAGG];	/* -a: the value */
	struct dkey	 key[MAXAGG];	/* -d: the value, as its set has it */
} bc[BATCH];
static size_t need;		/* columns to split */
static int64_t xpos;

static void
split_columns(size_t i, const struct req *q)
{
	static struct field fs[MAXCOL];
	struct batchcols *c = &bc[i];
	size_t j, col, nf;
	struct field f;

	nf = tsv_split_pad(q->line.p, q->line.n, fs, need);
	c->posbad = pcol > 0 && (pcol > nf ||
	    tsv_count(fs[pcol - 1].p, fs[pcol - 1].n, &c->pos) < 0);
	c->bad = COL_OK;
	for (j = 0; j < nagg; j++) {
		if ((col = agg[j].col) >= nf) {
			c->bad = COL_NOCOL;
			break;
		}
		c->val[j] = f = fs[col];
		if (!agg[j].sum) {
			c->key[j] = dset_key(&dset, f.p, f.n);
		} else if (f.n == 0)	/* empty is 0 */
			c->sum[j] = 0;
		else if (tsv_integral_int(f.p, f.n, &c->sum[j]) < 0) {
			c->bad = COL_NOTINT;
			break;
		}
	}
	c->badj = j;
}

/*
 * Line i's other columns, checked before anything is counted: returns
 * -1, having rejected the line, if one cannot be used.
 */
static int
columns(const struct reqreader *rd, size_t i, const struct req *q)
{
	const struct batchcols *c = &bc[i];
	size_t col;

	if (pcol > 0) {
		if (c->posbad) {
			req_reject(rd, i, &q->line, ncol,
			    "column %zu: no position", pcol);
			return -1;
		}
		xpos = c->pos;
		/* with -g, positions increase within a group (a key's lines) */
		if (xpos <= lastpos && !(grouped && !in_group(&q->key))) {
			req_reject(rd, i, &q->line, ncol, "position %jd is "
			    "not after the one before (%jd)", (intmax_t)xpos,
			    (intmax_t)lastpos);
			return -1;
		}
	}
	if (c->bad == COL_OK)
		return 0;
	col = agg[c->badj].col + 1;
	if (c->bad == COL_NOCOL)
		req_reject(rd, i, &q->line, ncol, "no column %zu", col);
	else
		req_reject(rd, i, &q->line, ncol, "column %zu: not an "
		    "integer: \"%s\"", col, shown(c->val[c->badj].p,
		    c->val[c->badj].n));
	return -1;
}

/* Line i of the batch, checked by columns(), is in session s, record k. */
static void
aggregate(const struct session *s, uint32_t k, int started, size_t i)
{
	const struct batchcols *c = &bc[i];
	int64_t *v = agg_row(k), *sum;
	size_t j;

	if (started)	/* its sets are empty: the last session's were emptied */
		memset(v, 0, nsums * sizeof(*v));
	for (j = 0; j < nagg; j++) {
		if (!agg[j].sum) {
			dset_add(&dset, values_of(v) + agg[j].at, c->key[j],
			    c->val[j].p, c->val[j].n);
			continue;
		}
		sum = &v[agg[j].at];
		if ((c->sum[j] > 0 && *sum > INT64_MAX - c->sum[j]) ||
		    (c->sum[j] < 0 && *sum < INT64_MIN - c->sum[j]))
			fatal("the sum of column %zu in a session of %s is too "
			    "large", agg[j].col + 1, shown(sess_key(s),
			    s->keylen));
		*sum += c->sum[j];
	}
}

/*
 * -a, -d: the rows of the batch's sessions: their first and last bytes,
 * one line for a row of up to 64 bytes (the second fetch costs less than
 * a loop over the lines would).
 */
static void
prefetch_rows(const struct req *v, const uint32_t *hash, const int *again,
    size_t k)
{
	const char *row;
	uint32_t idx;
	size_t i;

	for (i = 0; i < k; i++)
		if (!again[i] && v[i].t != REQ_NOTIME &&
		    (idx = table_probable(&tab, hash[i])) < naggv) {
			row = aggv + (size_t)idx * rowsize;
			scan_prefetch(row);
			scan_prefetch(row + rowsize - 1);
		}
}

/* -m: the request's line, and its session's id. */
static void
pass(const struct req *q, const struct session *s)
{
	struct output *o = &out_stdout;
	char *d = out_room(o, q->line.n + 22);

	memcpy(d, q->line.p, q->line.n);
	d += q->line.n;
	*d++ = '\t';
	d += fmt_int(d, (int64_t)s->seq);
	out_commit(o, d);
	out_eol(o);
}

/*
 * Line i of the batch, the nth of the input.  again: it has the time and
 * the key of the line before, which was used (or was rejected, as this
 * one then is too): it is counted in that line's session without a
 * look-up.
 */
static int extra;		/* -p, -a, -d: columns() is needed */
static int more;		/* any of -a -d -g -m -M -p -z */

static void
request(const struct reqreader *rd, size_t i, const struct req *q,
    uint32_t hash, int again, uint64_t nth)
{
	int64_t t = q->t;

	if (t != clk && (t = off_clock(rd, i, q)) == REQ_NOTIME)
		return;
	if (again)
		table_again(&tab);
	else
		table_request(&tab, q->key.p, q->key.n, hash, t, nth);
}

/*
 * The same, with what the options -a -d -g -m -M -p -z add.  A line may
 * be rejected for its other columns where the line before was not: it is
 * then looked up like any other.
 */
static void
request_more(const struct reqreader *rd, size_t i, const struct req *q,
    uint32_t hash, int again, uint64_t nth)
{
	static int used;	/* the line before */
	struct session *s;
	int64_t t = q->t;
	uint32_t k;
	int started;

	if (again && !used) {
		again = 0;
		hash = table_hash(&tab, q->key.p, q->key.n);
	}
	used = 0;

	if (extra && t != REQ_NOTIME) {
		if (columns(rd, i, q) < 0)
			return;
		if (pcol > 0)
			nth = (uint64_t)xpos;
	}
	if (grouped && t != REQ_NOTIME)
		regroup(&q->key);
	if (t != clk && (t = off_clock(rd, i, q)) == REQ_NOTIME)
		return;
	if (pcol > 0)
		lastpos = xpos;
	if (again)
		s = table_again(&tab);
	else
		s = table_request(&tab, q->key.p, q->key.n, hash, t, nth);
	k = table_index(s);
	started = !again && s->count == 1 && s->seq == nth;
	if (started && capped)
		cap_started(s, k);
	if (nagg > 0)
		aggregate(s, k, started, i);
	if (mark)
		pass(q, s);
	used = 1;
}

static void
readall(const char *name)
{
	struct reqreader rd;
	struct req v[BATCH];
	uint32_t hash[BATCH];
	int again[BATCH];
	size_t i, k;

	req_open(&rd, name, tcol, kcols[0]);
	if (nk > 1)
		req_keys(&rd, kcols, nk);
	while ((k = req_next(&rd, v, BATCH)) > 0) {
		/*
		 * A line that cannot be used has the time REQ_NOTIME, which
		 * no usable one has: it is never again after one.
		 */
		for (i = 0; i < k; i++) {
			again[i] = i > 0 && v[i].t == v[i - 1].t &&
			    v[i].key.n == v[i - 1].key.n &&
			    scan_equal(v[i].key.p, v[i - 1].key.p, v[i].key.n);
			hash[i] = 0;
			if (!again[i]) {
				hash[i] = table_hash(&tab, v[i].key.p,
				    v[i].key.n);
				table_prefetch(&tab, hash[i]);
			}
		}
		if (extra)
			for (i = 0; i < k; i++)
				if (v[i].t != REQ_NOTIME)
					split_columns(i, &v[i]);
		for (i = 0; i < k; i++)
			if (!again[i])
				table_prefetch_session(&tab, hash[i]);
		if (nagg > 0)	/* and their rows */
			prefetch_rows(v, hash, again, k);
		if (more)
			for (i = 0; i < k; i++)
				request_more(&rd, i, &v[i], hash[i], again[i],
				    seq + i + 1);
		else
			for (i = 0; i < k; i++)
				request(&rd, i, &v[i], hash[i], again[i],
				    seq + i + 1);
		seq += k;
	}
	req_close(&rd);
}

/*
 * At the end of input every open session ends, in first-request order
 * (-O: by end, then first request).
 */
static void
finish(void)
{
	end_all(1);
	free(ended);
	free(aggv);
	free(capq);
	free(gkey);
	if (nsets > 0)
		dset_free(&dset);
	table_free(&tab);
}

static void
add_agg(int opt, const char *arg, int sum)
{
	if (nagg == MAXAGG)
		fatal("-%c: at most %d aggregates (-a and -d)", opt, MAXAGG);
	agg[nagg].sum = sum;
	agg[nagg].col = (size_t)eoptnum(opt, arg, 1, MAXCOL) - 1;
	nagg++;
}

int
main(int argc, char *argv[])
{
	static const char *const orders[] = { "end", "detect" };
	size_t j;
	int ch;

	tool_init(argv, "-i seconds [-ghImOsuV] [-a column] [-d column] "
	    "[-k columns] [-l seconds] [-M seconds] [-n column] "
	    "[-o end | detect] [-p column] [-r rejects] [-t column] "
	    "[-z hours] [file ...]");
	while ((ch = getopt(argc, argv, "a:d:gi:Ik:l:mM:n:o:Op:t:z:"
	    TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'a':
			add_agg(ch, optarg, 1);
			break;
		case 'd':
			add_agg(ch, optarg, 0);
			break;
		case 'g':
			grouped = 1;
			break;
		case 'i':
			period = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		case 'I':
			withid = 1;
			break;
		case 'k':
			nk = eoptcols(ch, optarg, kcols, MAXKEY, MAXCOL);
			break;
		case 'l':
			lateness = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'm':
			mark = 1;
			break;
		case 'M':
			maxlen = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		case 'n':
			ncol = eoptnum(ch, optarg, 1, MAXCOL);
			break;
		case 'o':
			detect = eoptword(ch, optarg, orders, 2, "an order") == 1;
			break;
		case 'O':
			withorder = 1;
			break;
		case 'p':
			pcol = eoptnum(ch, optarg, 1, MAXCOL);
			break;
		case 't':
			tcol = eoptnum(ch, optarg, 1, MAXCOL) - 1;
			break;
		case 'z':
			zoned = 1;
			zone = eoptnum(ch, optarg, -23, 23) * 3600;
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (period == 0) {
		complain("-i seconds: the inactivity period is required");
		tool_usage();
	}
	ekeycols(tcol, kcols, nk);
	if (pcol > 0 && pcol - 1 == tcol)
		fatal("-p %zu -t %zu: the position and the time must be "
		    "different columns", pcol, tcol + 1);
	if (withorder && detect)
		fatal("-O: the order fields are for the ending order, not "
		    "-o detect");
	if (grouped && detect)
		fatal("-g: grouped input has no clock of its own to detect "
		    "by: use the ending order");
	if (mark && (withid || withorder || nagg > 0))
		fatal("-m writes the requests, not the sessions: -I, -O, "
		    "-a and -d are for the session stream");
	extra = pcol > 0 || nagg > 0;
	for (need = pcol, j = 0; j < nagg; j++)
		if (agg[j].col + 1 > need)
			need = agg[j].col + 1;
	capped = maxlen > 0 || zoned;
	more = extra || grouped || mark || capped;
	for (j = 0; j < nagg; j++)
		agg[j].at = agg[j].sum ? nsums++ : nsets++;
	/* a power of 2 up to a line, then whole lines */
	rowsize = nsums * sizeof(int64_t) + nsets * sizeof(struct downer);
	for (j = 8; j < rowsize && j < 64; j *= 2)
		;
	rowsize = rowsize <= j ? j : (rowsize + 63) / 64 * 64;
	if (nsets > 0)
		dset_init(&dset);

	table_init(&tab);
	tool_start(argc, argv);
	tool_operands(argc, argv, readall);
	finish();
	if (nlate > 0)
		complain("%ju late record%s counted at the clock (at most %jd "
		    "second%s late)", nlate, nlate == 1 ? "" : "s",
		    (intmax_t)maxlate, maxlate == 1 ? "" : "s");
	req_unsorted(nunsorted, 1);
	return tool_finish();
}
