#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reject.h"
#include "request.h"
#include "scan.h"
#include "util.h"

void
req_open(struct reqreader *r, const char *name, size_t tcol, size_t kcol)
{
	memset(r, 0, sizeof(*r));
	in_open(&r->in, name);
	r->tcol = tcol;
	r->kcol = kcol;
	r->nk = 1;
	r->plain = tcol == 0 && kcol == 1;
	r->nokey = "no key column";
	r->emptykey = "empty key";
	r->nf = (tcol > kcol ? tcol : kcol) + 1;
	r->f = emalloc(r->nf * sizeof(*r->f));
}

void
req_keys(struct reqreader *r, const size_t *cols, size_t n)
{
	size_t i;

	r->nk = n;
	r->kcols = emalloc(n * sizeof(*cols));
	memcpy(r->kcols, cols, n * sizeof(*cols));
	r->kcol = cols[0];
	r->plain = r->tcol == 0 && n == 1 && cols[0] == 1;
	r->span = 1;
	r->nf = r->tcol + 1;
	for (i = 0; i < n; i++) {
		if (i > 0 && cols[i] != cols[i - 1] + 1)
			r->span = 0;
		if (cols[i] + 1 > r->nf)
			r->nf = cols[i] + 1;
	}
	free(r->f);
	r->f = emalloc(r->nf * sizeof(*r->f));
}

void
req_keyname(struct reqreader *r, const char *name)
{
	snprintf(r->nokeybuf, sizeof(r->nokeybuf), "no %s column", name);
	snprintf(r->emptykeybuf, sizeof(r->emptykeybuf), "empty %s", name);
	r->nokey = r->nokeybuf;
	r->emptykey = r->emptykeybuf;
}

void
req_close(struct reqreader *r)
{
	in_close(&r->in);
	while (r->nkbuf > 0)
		scan_free(r->kbuf[--r->nkbuf]);
	free(r->kbuf);
	free(r->kcap);
	free(r->kcols);
	free(r->f);
}

const char *
req_name(const struct reqreader *r)
{
	return in_name(&r->in);
}

uintmax_t
req_lineno(const struct reqreader *r, size_t i)
{
	return in_lineno(&r->in) + 1 + i;
}

/*
 * The fast path, for the request stream's own layout (time TAB key ...),
 * where most lines are in the second of the line before: the time's text
 * is the one kept, of tn bytes (1 to 16, whose mask in a 16-byte compare
 * is tmask), then comes a key of 1 to 15 bytes, each found in one 16-byte
 * window, then the LF, found in one more or by memchr.  Returns the
 * line's length with its LF and fills *q; or 0 for any other line, which
 * the general path then takes.
 */
static inline size_t
quick(const struct reqreader *r, size_t tn, uint32_t tmask, const char *s,
    size_t avail, struct req *q)
{
	size_t kn, off;
	const char *nl;
	uint32_t m;

	if (avail <= tn + 1 || (scan_same16(s, r->tbuf) & tmask) != tmask ||
	    s[tn] != '\t')
		return 0;
	m = scan_mask16_2(s + tn + 1, '\t', '\n');
	if (m == 0 || (kn = scan_ctz32(m)) == 0 || tn + 1 + kn >= avail)
		return 0;
	q->t = r->tval;
	q->key.p = s + tn + 1;
	q->key.n = kn;
	q->line.p = s;
	off = tn + 1 + kn;
	if (s[off] != '\n') {	/* more columns: a short rest in one window */
		if ((m = scan_mask16(s + off, '\n')) != 0)
			nl = s + off + scan_ctz32(m);
		else	/* the full stream of edgar-parse */
			nl = memchr(s + off, '\n', avail - off);
		if (nl == NULL || (size_t)(nl - s) >= avail)
			return 0;
		off = (size_t)(nl - s);
	}
	q->line.n = off;
	return off + 1;
}

/* The time's text, kept with its value when it converts: see quick(). */
static int
convert(struct reqreader *r, const char *s, size_t n)
{
	if (n > 0 && n == r->tlen && memcmp(s, r->tbuf, n) == 0)
		return 0;
	if (tsv_int(s, n, &r->tval) < 0) {
		r->tlen = 0;
		return -1;
	}
	memcpy(r->tbuf, s, n);
	r->tlen = n;
	return 0;
}

/*
 * A line that cannot be used: it has no time, so that it never looks
 * like the line before, and an empty key at its start.
 */
static void
unusable(struct req *q, const char *why, const struct field *bad)
{
	q->why = why;
	q->t = REQ_NOTIME;
	q->key.p = q->line.p;
	q->key.n = 0;
	q->bad.n = 0;
	if (bad != NULL)
		q->bad = *bad;
}

/*
 * The key of several columns, for line i of the batch: in place when they
 * follow each other, else joined in the line's own buffer.  A column may
 * be empty (the log's browser mostly is); returns -1 if all of them are.
 */
static int
compose(struct reqreader *r, size_t i, struct req *q)
{
	const struct field *a = &r->f[r->kcols[0]];
	const struct field *b = &r->f[r->kcols[r->nk - 1]];
	size_t j, len;
	char *d;

	for (j = 0, len = 0; j < r->nk; j++)
		len += r->f[r->kcols[j]].n + 1;
	if (len == r->nk)
		return -1;
	if (r->span) {
		q->key.p = a->p;
		q->key.n = (size_t)(b->p + b->n - a->p);
		return 0;
	}
	if (i >= r->nkbuf) {
		r->kbuf = erealloc(r->kbuf, (i + 1) * sizeof(*r->kbuf));
		r->kcap = erealloc(r->kcap, (i + 1) * sizeof(*r->kcap));
		for (; r->nkbuf <= i; r->nkbuf++) {
			r->kcap[r->nkbuf] = 64;
			r->kbuf[r->nkbuf] = scan_alloc(64);
		}
	}
	if (len > r->kcap[i]) {
		r->kbuf[i] = scan_realloc(r->kbuf[i], r->kcap[i], len);
		r->kcap[i] = len;
	}
	for (j = 0, d = r->kbuf[i]; j < r->nk; j++) {
		if (j > 0)
			*d++ = '\t';
		memcpy(d, r->f[r->kcols[j]].p, r->f[r->kcols[j]].n);
		d += r->f[r->kcols[j]].n;
	}
	q->key.p = r->kbuf[i];
	q->key.n = len - 1;
	return 0;
}

/* The general path: line i of the batch, n bytes at s, its LF excluded. */
static void
parse(struct reqreader *r, size_t i, const char *s, size_t n, struct req *q)
{
	struct field tf;
	const char *tab, *end = s + n;

	if (n == 0) {
		unusable(q, "empty line", NULL);
		return;
	}
	if (r->plain) {	/* no need to split */
		tab = scan_byte_pad(s, end, '\t');
		if (tab == end) {
			unusable(q, r->nokey, NULL);
			return;
		}
		tf.p = s;
		tf.n = (size_t)(tab - s);
		q->key.p = tab + 1;
		q->key.n = (size_t)(scan_byte_pad(q->key.p, end, '\t') -
		    q->key.p);
	} else {
		size_t nf = tsv_split_pad(s, n, r->f, r->nf);

		if (nf <= r->tcol) {
			unusable(q, "no time column", NULL);
			return;
		}
		if (nf < r->nf) {	/* the time is there: a key column is not */
			unusable(q, r->nokey, NULL);
			return;
		}
		tf = r->f[r->tcol];
		q->key = r->f[r->kcol];
		if (r->nk > 1 && compose(r, i, q) < 0) {
			unusable(q, r->emptykey, NULL);
			return;
		}
	}
	if (convert(r, tf.p, tf.n) < 0) {
		unusable(q, "time is not an integer of at most 18 digits", &tf);
		return;
	}
	q->t = r->tval;
	if (q->key.n == 0)
		unusable(q, r->emptykey, NULL);
}

/*
 * The fast path's condition: the request stream's own layout, and a time
 * text of 1 to 16 bytes kept.  Returns its length, with its mask for a
 * 16-byte compare in *tmask, or 0.
 */
static size_t
fast_time(const struct reqreader *r, uint32_t *tmask)
{
	size_t tn = r->tlen;

	if (!r->plain || tn == 0 || tn > 16)
		return 0;
	*tmask = (uint32_t)(((uint64_t)1 << tn) - 1);
	return tn;
}

size_t
req_next(struct reqreader *r, struct req *v, size_t max)
{
	const char *s, *nl;
	size_t k, avail, len, held, tn;
	uintmax_t lines;
	uint32_t tmask = 0;
	long long n;
	int term;

	in_take(&r->in, r->held, r->heldlines);
	held = lines = 0;
	s = in_peek(&r->in, &avail);
	tn = fast_time(r, &tmask);
	for (k = 0; k < max; k++) {
		if (tn > 0) {
			for (; k < max && (len = quick(r, tn, tmask, s + held,
			    avail - held, &v[k])) != 0; k++) {
				held += len;
				lines++;
			}
			if (k == max)
				break;
		}
		if (k == 0) {	/* nothing handed out yet: the buffer may move */
			if ((n = in_line(&r->in, 0, &term)) < 0)
				break;
			s = in_peek(&r->in, &avail);
		} else {	/* a line already in the buffer, or the batch ends */
			if ((nl = memchr(s + held, '\n', avail - held)) == NULL)
				break;
			n = nl - (s + held);
			term = 1;
		}
		v[k].line.p = s + held;
		v[k].line.n = (size_t)n;
		if (term)
			parse(r, k, s + held, (size_t)n, &v[k]);
		else
			unusable(&v[k], "the last line has no line end "
			    "(the stream was cut short)", NULL);
		held += (size_t)n + term;
		lines++;
		tn = fast_time(r, &tmask);	/* the time kept may be new */
	}
	r->held = held;
	r->heldlines = lines;
	return k;
}

void
req_reject(const struct reqreader *r, size_t i, const struct field *line,
    size_t logcol, const char *fmt, ...)
{
	char why[512];
	struct field *f;
	int64_t logline;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	f = logcol > 0 ? emalloc(logcol * sizeof(*f)) : NULL;
	if (logcol > 0 && tsv_split(line->p, line->n, f, logcol) == logcol &&
	    tsv_count(f[logcol - 1].p, f[logcol - 1].n, &logline) == 0)
		reject(req_name(r), req_lineno(r, i), line->p, line->n,
		    "log line %jd: %s", (intmax_t)logline, why);
	else
		reject(req_name(r), req_lineno(r, i), line->p, line->n, "%s",
		    why);
	free(f);
}

void
req_reject_unusable(const struct reqreader *r, size_t i, const struct req *q,
    size_t logcol)
{
	if (q->bad.n > 0)
		req_reject(r, i, &q->line, logcol, "%s: \"%s\"", q->why,
		    shown(q->bad.p, q->bad.n));
	else
		req_reject(r, i, &q->line, logcol, "%s", q->why);
}

void
req_reject_late(const struct reqreader *r, size_t i, const struct req *q,
    size_t logcol, int64_t by)
{
	req_reject(r, i, &q->line, logcol, "%jd second%s earlier than an "
	    "earlier record", (intmax_t)by, by == 1 ? "" : "s");
}

int
req_judge(const struct reqreader *r, size_t i, const struct req *q,
    size_t logcol, int64_t clk, int64_t lateness, uintmax_t *unsorted)
{
	if (q->t == REQ_NOTIME) {
		req_reject_unusable(r, i, q, logcol);
		return REQ_REJECTED;
	}
	if (q->t >= clk)
		return REQ_ONTIME;
	if (clk - q->t <= lateness)
		return REQ_LATE;
	(*unsorted)++;
	req_reject_late(r, i, q, logcol, clk - q->t);
	return REQ_REJECTED;
}

void
req_unsorted(uintmax_t n, int lateness)
{
	if (n > 0)
		complain("%ju record%s out of time order: sort the request "
		    "stream first with sort -s -n -k1,1%s", n,
		    n == 1 ? " was" : "s were",
		    lateness ? ", or allow lateness with -l" : "");
}
