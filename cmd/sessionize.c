/* sessionize: request stream in, session stream out, as sessions end. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

struct ended {
	int64_t		 last;
	uint64_t	 seq;
	struct session	*s;
};

static int64_t period;
static int64_t lateness;
static int detect;		/* -o detect: first-request order per record */
static size_t ncol;		/* -n: the column of the log's line number, 0 */

static struct table tab;
static size_t tcol = 0, kcol = 1;	/* -t, -k: 0-based */
/* The time of the latest record used; at first, before any time can be. */
static int64_t clk = REQ_NOTIME + 1;
static uint64_t seq;
static uintmax_t nlate, nunsorted;
static int64_t maxlate;

static struct ended *ended;
static size_t nended, endedcap;

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
	char *d = out_room(o, s->keylen + KEY_INLINE + 2 * 24 + 2 * 21 + 5);

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
	out_commit(o, d);
	out_eol(o);
}

static int
byfirst(const void *a, const void *b)
{
	const struct ended *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
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
	ended[nended].last = s->last;
	ended[nended].seq = s->seq;
	ended[nended].s = s;
	nended++;
}

/*
 * Write the sessions ended so far and forget them.  They were taken in
 * the order of their last requests; those of one last second (or all of
 * them, when whole) go in the order of their first requests.
 */
static void
write_ended(int whole)
{
	size_t i, j;

	for (i = 0; i < nended; i = j) {
		for (j = i + 1; j < nended &&
		    (whole || ended[j].last == ended[i].last); j++)
			;
		sort_first(ended + i, j - i);
	}
	for (i = 0; i < nended; i++) {
		emit(ended[i].s);
		table_remove(&tab, ended[i].s);
	}
	nended = 0;
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
	if (nended > 0)
		write_ended(detect);
}

/*
 * Reject line i of the batch; with -n, the message also names the line
 * of the log that the request came from.
 */
static void
refuse(const struct reqreader *rd, size_t i, const struct field *line,
    const char *fmt, ...)
{
	char why[512];
	struct field f[MAXCOL];
	int64_t logline;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (ncol > 0 && tsv_split(line->p, line->n, f, ncol) == ncol &&
	    tsv_count(f[ncol - 1].p, f[ncol - 1].n, &logline) == 0)
		reject(req_name(rd), req_lineno(rd, i), line->p, line->n,
		    "log line %jd: %s", (intmax_t)logline, why);
	else
		reject(req_name(rd), req_lineno(rd, i), line->p, line->n, "%s",
		    why);
}

/*
 * Line i of the batch, whose time is not the clock's: returns the time it
 * counts at, the clock's new one, or REQ_NOTIME if it is rejected.
 */
static int64_t
off_clock(const struct reqreader *rd, size_t i, const struct req *q)
{
	int64_t t = q->t;

	if (t == REQ_NOTIME) {
		if (q->bad.n > 0)
			refuse(rd, i, &q->line, "%s: \"%s\"", q->why,
			    shown(q->bad.p, q->bad.n));
		else
			refuse(rd, i, &q->line, "%s", q->why);
		return REQ_NOTIME;
	}
	if (t < clk) {
		if (clk - t > lateness) {
			nunsorted++;
			refuse(rd, i, &q->line, "%jd second%s earlier than an "
			    "earlier record", (intmax_t)(clk - t),
			    clk - t == 1 ? "" : "s");
			return REQ_NOTIME;
		}
		nlate++;
		if (clk - t > maxlate)
			maxlate = clk - t;
		return clk;
	}
	advance(t);
	return clk = t;
}

/*
 * Line i of the batch, the nth of the input.  again: it has the time and
 * the key of the line before, which was used (or was rejected, as this
 * one then is too): it is counted in that line's session without a
 * look-up.
 */
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
 * Lines come in batches: while one is looked up, the table memory the
 * next ones need is already being fetched.
 */
#define BATCH	16

static void
readall(const char *name)
{
	struct reqreader rd;
	struct req v[BATCH];
	uint32_t hash[BATCH];
	int again[BATCH];
	size_t i, k;

	req_open(&rd, name, tcol, kcol);
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
		for (i = 0; i < k; i++)
			if (!again[i])
				table_prefetch_session(&tab, hash[i]);
		for (i = 0; i < k; i++)
			request(&rd, i, &v[i], hash[i], again[i], seq + i);
		seq += k;
	}
	req_close(&rd);
}

/* At the end of input every open session ends, in first-request order. */
static void
finish(void)
{
	struct session *s;

	while ((s = table_take(&tab)) != NULL)
		end_session(s);
	write_ended(1);
	free(ended);
	table_free(&tab);
}

int
main(int argc, char *argv[])
{
	int ch;

	tool_init(argv, "-i seconds [-hsuV] [-k column] [-l seconds] "
	    "[-n column] [-o end | detect] [-r rejects] [-t column] "
	    "[file ...]");
	while ((ch = getopt(argc, argv, "i:k:l:n:o:t:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'i':
			period = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		case 'k':
			kcol = eoptnum(ch, optarg, 1, MAXCOL) - 1;
			break;
		case 'l':
			lateness = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'n':
			ncol = eoptnum(ch, optarg, 1, MAXCOL);
			break;
		case 'o':
			if (strcmp(optarg, "end") == 0)
				detect = 0;
			else if (strcmp(optarg, "detect") == 0)
				detect = 1;
			else
				fatal("-o %s: not an order (end or detect)",
				    optarg);
			break;
		case 't':
			tcol = eoptnum(ch, optarg, 1, MAXCOL) - 1;
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
	if (tcol == kcol)
		fatal("-t %zu -k %zu: the time and the key must be different "
		    "columns", tcol + 1, kcol + 1);

	table_init(&tab);
	tool_start(argc, argv);
	tool_operands(argc, argv, readall);
	finish();
	if (nlate > 0)
		complain("%ju late record%s counted at the clock (at most %jd "
		    "second%s late)", nlate, nlate == 1 ? "" : "s",
		    (intmax_t)maxlate, maxlate == 1 ? "" : "s");
	if (nunsorted > 0)
		complain("%ju record%s out of time order: sort the request stream "
		    "first with sort -s -n -k1,1, or allow lateness with -l",
		    nunsorted, nunsorted == 1 ? " was" : "s were");
	return tool_finish();
}
