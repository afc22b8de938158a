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
static struct reqcols cols;
static int64_t clk;		/* time of the latest record read */
static int started;
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
 * Reject the line at the input's position; with -n, the message also
 * names the line of the log that the request came from.
 */
static void
refuse(const struct input *in, const char *line, size_t n,
    const char *fmt, ...)
{
	char why[512];
	struct field f[MAXCOL];
	int64_t logline;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (ncol > 0 && tsv_split(line, n, f, ncol) == ncol &&
	    tsv_count(f[ncol - 1].p, f[ncol - 1].n, &logline) == 0)
		reject(in->name, in->lineno + 1, line, n, "log line %jd: %s",
		    (intmax_t)logline, why);
	else
		reject(in->name, in->lineno + 1, line, n, "%s", why);
}

static void
request(struct input *in, const char *line, size_t n)
{
	struct field key, bad = { NULL, 0 };
	const char *why;
	int64_t t;

	if (n == 0)
		why = "empty line";
	else
		why = req_parse(&cols, line, n, &t, &key, &bad);
	if (why != NULL) {
		if (bad.n > 0)
			refuse(in, line, n, "%s: \"%s\"", why,
			    shown(bad.p, bad.n));
		else
			refuse(in, line, n, "%s", why);
		return;
	}
	if (started && t < clk) {
		if (clk - t > lateness) {
			nunsorted++;
			refuse(in, line, n, "%jd second%s earlier than an "
			    "earlier record", (intmax_t)(clk - t),
			    clk - t == 1 ? "" : "s");
			return;
		}
		nlate++;
		if (clk - t > maxlate)
			maxlate = clk - t;
		t = clk;
	}
	if (!started || t > clk) {
		advance(t);
		clk = t;
		started = 1;
	}
	table_request(&tab, key.p, key.n, table_hash(&tab, key.p, key.n), t,
	    seq++);
}

/*
 * Most lines are in the clock's second, with nothing to check but the
 * key: take up to a batch of them at once, so that while one is looked
 * up the table memory the next ones need is already being fetched.
 */
#define BATCH	16

static size_t
quick(struct input *in)
{
	struct {
		const char	*key;
		size_t		 n;
		uint32_t	 hash;
		int		 again;	/* the key of the line before */
	} b[BATCH];
	struct field key;
	const char *p = in->buf + in->pos, *end = in->buf + in->end;
	size_t i, k, len, off = 0;

	if (in->scan != 0)	/* in_line() is in the middle of a line */
		return 0;
	for (k = 0; k < BATCH &&
	    (len = req_quick(&cols, p + off, end, &key)) != 0; k++) {
		b[k].key = key.p;
		b[k].n = key.n;
		b[k].again = k > 0 && key.n == b[k - 1].n &&
		    scan_equal(key.p, b[k - 1].key, key.n);
		if (!b[k].again) {
			b[k].hash = table_hash(&tab, key.p, key.n);
			table_prefetch(&tab, b[k].hash);
		}
		off += len;
	}
	for (i = 0; i < k; i++)
		if (!b[i].again)
			table_prefetch_session(&tab, b[i].hash);
	for (i = 0; i < k; i++, seq++)
		if (b[i].again)
			table_again(&tab);
		else
			table_request(&tab, b[i].key, b[i].n, b[i].hash, clk,
			    seq);
	in_consume(in, off, k);
	return k;
}

static void
readall(const char *name)
{
	struct input in;
	long long n;
	int term;

	in_open(&in, name);
	for (;;) {
		if (started && cols.tval == clk && quick(&in) > 0)
			continue;
		if ((n = in_line(&in, 0, &term)) < 0)
			break;
		if (term)
			request(&in, in.buf + in.pos, n);
		else	/* the stream's writer always ends its lines */
			refuse(&in, in.buf + in.pos, n, "the last line has no "
			    "line end (the stream was cut short)");
		in_consume(&in, n + term, 1);
	}
	in_close(&in);
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
	long long tcol = 1, kcol = 2;
	int ch, status;

	tool_init(argv, "-i seconds [-hsuV] [-k column] [-l seconds] "
	    "[-n column] [-o end | detect] [-r rejects] [-t column] "
	    "[file ...]");
	while ((ch = getopt(argc, argv, "i:k:l:n:o:t:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'i':
			period = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		case 'k':
			kcol = eoptnum(ch, optarg, 1, MAXCOL);
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
			tcol = eoptnum(ch, optarg, 1, MAXCOL);
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
		fatal("-t %lld -k %lld: the time and the key must be different "
		    "columns", tcol, kcol);

	req_cols(&cols, tcol - 1, kcol - 1);
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
	status = tool_finish();
	free(cols.f);
	return status;
}
