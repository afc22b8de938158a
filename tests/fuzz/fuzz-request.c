/*
 * The request stream's reader, req_next, against a reference written from
 * the stream's contract (edgar-streams(5), sessionize(1)): lines end with
 * LF, fields are split by TAB, the time is a decimal integer of 1 to 18
 * digits with an optional '-', the key any non-empty field.  The first
 * byte picks the time and key columns (a quarter of the inputs the
 * stream's own, 0 and 1, where the reader has a fast path for a line in
 * the second of the line before; the rest any two of 0 to 7 or a far
 * column up to 1022, as sessionize's -t/-k allow); the other bytes are the
 * stream.
 *
 * Each stream is read several times: from memory in batches of 1, 3 and
 * 16 lines (the buffer's slack filled with zeros, TABs or LFs, which must
 * not be taken for the stream's); from memory in batches of 1 with the
 * kept time text forgotten before each (white-box: the fast path never
 * fires, every line takes the general path); and from a pipe read in
 * small pieces into a buffer that grows and moves, in batches of 1, 3 and
 * 16, where the lines the fast path meets at a buffer's end differ.  In
 * each, every line is handed out once, in order, with its bytes, its line
 * number (req_lineno), in place until the next call, with SCAN_SLACK
 * readable bytes after the line and the key; and its verdict (usable,
 * with its time and key; or why not, and the offending text) is the
 * reference's, and the same, pointer for pointer within the line, in every
 * read: the fast path changes nothing.
 *
 * On the side: an accepted time written with out_int reads back with
 * tsv_int, as does any integer of 18 digits; fmt_int writes any 64-bit
 * integer; tsv_count (session-format's durations and counts) agrees with
 * a reference on the time column's text; tsv_split agrees with a
 * reference split.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "output.h"
#include "request.h"
#include "scan.h"
#include "tsv.h"
#include "fuzz.h"

/* The reasons, as sessionize(1) lists them. */
#define WHY_EMPTY	"empty line"
#define WHY_NOTIME	"no time column"
#define WHY_NOKEY	"no key column"
#define WHY_INT		"time is not an integer of at most 18 digits"
#define WHY_EMPTYKEY	"empty key"
#define WHY_NOLF	\
	"the last line has no line end (the stream was cut short)"

/*
 * A line's verdict, offsets from the line's start: the reference's, or
 * what the reader said.
 */
struct verdict {
	size_t		 off, len;	/* the line in the stream, no LF */
	int64_t		 t;	/* REQ_NOTIME: unusable */
	const char	*why;
	size_t		 koff, klen;
	size_t		 boff, blen;
};

/* Start of field i of s, or NULL if the line has fewer; *len its length. */
static const char * NOCOV
ref_field(const char *s, size_t n, size_t i, size_t *len)
{
	const char *end = s + n, *p = s;
	size_t k;

	for (k = 0; k < i; k++) {
		while (p < end && *p != '\t')
			p++;
		if (p == end)
			return NULL;
		p++;
	}
	for (*len = 0; p + *len < end && p[*len] != '\t'; (*len)++)
		;
	return p;
}

static int NOCOV
ref_int(const char *s, size_t n, int64_t *v)
{
	int neg = n > 0 && s[0] == '-';
	size_t i;

	*v = 0;
	if (n - neg < 1 || n - neg > 18)
		return -1;
	for (i = neg; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	if (neg)
		*v = -*v;
	return 0;
}

/* tsv_count's contract: 1 to 19 digits, no sign, at most INT64_MAX. */
static int NOCOV
ref_count(const char *s, size_t n, int64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n < 1 || n > 19)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > (uint64_t)INT64_MAX)
		return -1;
	*v = (int64_t)x;
	return 0;
}

/* The reference: the verdict of every line of the n bytes at s. */
static size_t NOCOV
ref_lines(const char *s, size_t n, size_t tcol, size_t kcol,
    struct verdict *v)
{
	const char *nl, *l, *tp, *kp;
	size_t off, k, tl = 0, kl = 0;
	int64_t t;

	for (off = 0, k = 0; off < n; k++) {
		l = s + off;
		nl = memchr(l, '\n', n - off);
		memset(&v[k], 0, sizeof(v[k]));
		v[k].off = off;
		v[k].len = nl != NULL ? (size_t)(nl - l) : n - off;
		v[k].t = REQ_NOTIME;
		off += v[k].len + 1;
		if (nl == NULL) {
			v[k].why = WHY_NOLF;
			continue;
		}
		if (v[k].len == 0) {
			v[k].why = WHY_EMPTY;
			continue;
		}
		tp = ref_field(l, v[k].len, tcol, &tl);
		kp = ref_field(l, v[k].len, kcol, &kl);
		if (tp == NULL)
			v[k].why = WHY_NOTIME;
		else if (kp == NULL)
			v[k].why = WHY_NOKEY;
		else if (ref_int(tp, tl, &t) < 0) {
			v[k].why = WHY_INT;
			v[k].boff = (size_t)(tp - l);
			v[k].blen = tl;
		} else if (kl == 0)
			v[k].why = WHY_EMPTYKEY;
		else {
			v[k].t = t;
			v[k].koff = (size_t)(kp - l);
			v[k].klen = kl;
		}
	}
	return k;
}

static struct output out;

/* out_int writes the shortest decimal, which tsv_int reads back. */
static void NOCOV
int_round_trip(int64_t t)
{
	int64_t back;
	size_t i;

	out.len = 0;
	out_int(&out, t);
	CHECK(out.len >= 1 && out.len <= 19);
	CHECK(out.buf[0] != '0' || out.len == 1);
	CHECK(out.buf[0] != '-' || (out.len > 1 && out.buf[1] != '0'));
	for (i = out.buf[0] == '-'; i < out.len; i++)
		CHECK(out.buf[i] >= '0' && out.buf[i] <= '9');
	CHECK(tsv_int(out.buf, out.len, &back) == 0 && back == t);
}

static void NOCOV
split_check(const char *s, size_t n, size_t max)
{
	struct field f[9];
	size_t k, i, len;
	const char *p;

	k = tsv_split(s, n, f, max);
	CHECK(k >= 1 && k <= max);
	for (i = 0; i < k; i++) {
		p = ref_field(s, n, i, &len);
		CHECK(p != NULL && f[i].p == p);
		CHECK(f[i].n == len);
	}
	if (k < max)
		CHECK(ref_field(s, n, k, &len) == NULL);
}

/* tsv_count on the time column's text, against the reference. */
static void NOCOV
count_check(const char *s, size_t n, size_t tcol)
{
	const char *tp;
	size_t tl = 0;
	int64_t cv, rt;
	int ok;

	if ((tp = ref_field(s, n, tcol, &tl)) == NULL)
		return;
	ok = tsv_count(tp, tl, &cv) == 0;
	CHECK(ok == (ref_count(tp, tl, &rt) == 0));
	CHECK(!ok || cv == rt);
}

/* A verdict handed out, offsets from its line, as struct verdict. */
static void NOCOV
got(const struct req *q, size_t off, struct verdict *g)
{
	memset(g, 0, sizeof(*g));
	g->off = off;
	g->len = q->line.n;
	g->t = q->t;
	if (q->t == REQ_NOTIME) {
		CHECK(q->key.n == 0);
		CHECK(q->why != NULL);
		g->why = q->why;
		if (q->bad.n > 0) {
			CHECK(inside(q->bad.p, q->bad.n, q->line.p, q->line.n));
			g->boff = (size_t)(q->bad.p - q->line.p);
			g->blen = q->bad.n;
		}
		return;
	}
	CHECK(inside(q->key.p, q->key.n, q->line.p, q->line.n));
	g->koff = (size_t)(q->key.p - q->line.p);
	g->klen = q->key.n;
}

static void NOCOV
same(const struct verdict *a, const struct verdict *b)
{
	CHECK(a->off == b->off && a->len == b->len);
	CHECK(a->t == b->t);
	if (a->t == REQ_NOTIME) {
		CHECK(strcmp(a->why, b->why) == 0);
		CHECK(a->blen == b->blen);
		CHECK(a->blen == 0 || a->boff == b->boff);
	} else {
		CHECK(a->koff == b->koff && a->klen == b->klen);
	}
}

/*
 * A reader on the bytes: from memory, its slack filled with fill; or, if
 * cap is not 0, from a pipe read into a buffer of cap bytes.  Returns -1 if
 * the bytes are too many for the pipe to hold.
 */
static int NOCOV
open_reader(struct reqreader *r, const char *s, size_t n, size_t tcol,
    size_t kcol, size_t cap, int fill, int *pfd)
{
	char name[32];
	int fd[2];

	*pfd = -1;
	if (cap == 0) {
		/* req_open's own fields, then the input replaced (white-box) */
		req_open(r, "/dev/null", tcol, kcol);
		in_close(&r->in);
		in_openmem(&r->in, "fuzz", s, n);
		memset(r->in.buf + n, fill, SCAN_SLACK);
		CHECK(strcmp(req_name(r), "fuzz") == 0);
		return 0;
	}
	if (n > 32768 || pipe(fd) < 0)
		return -1;
	if (write(fd[1], s, n) != (ssize_t)n) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	close(fd[1]);
	snprintf(name, sizeof(name), "/dev/fd/%d", fd[0]);
	req_open(r, name, tcol, kcol);
	*pfd = fd[0];
	/* a small buffer, so that the stream comes in pieces (white-box) */
	scan_free(r->in.buf);
	r->in.buf = scan_alloc(cap);
	r->in.cap = cap;
	return 0;
}

/*
 * One read of the n bytes at s in batches of max; forget: the kept time
 * text forgotten before each batch (white-box), so that the fast path
 * never fires.  Each line must be ref's; its verdict goes to g.
 */
static void NOCOV
readall(const char *s, size_t n, size_t tcol, size_t kcol, size_t max,
    size_t cap, int fill, int forget, const struct verdict *ref,
    size_t nref, struct verdict *g, size_t splitmax)
{
	struct reqreader r;
	struct req v[16];
	size_t k, i, line = 0, off = 0;
	int fd;

	if (open_reader(&r, s, n, tcol, kcol, cap, fill, &fd) < 0)
		return;
	CHECK(r.tcol == tcol && r.kcol == kcol);
	for (;;) {
		if (forget)
			r.tlen = 0;
		k = req_next(&r, v, max);
		CHECK(k <= max);
		if (k == 0)
			break;
		/* the whole batch, once it is handed out */
		for (i = 0; i < k; i++) {
			CHECK(line + i < nref);
			CHECK(req_lineno(&r, i) == line + i + 1);
			CHECK(v[i].line.n == ref[line + i].len);
			CHECK(memcmp(v[i].line.p, s + off, v[i].line.n) == 0);
			if (off + v[i].line.n < n)
				CHECK(v[i].line.p[v[i].line.n] == '\n');
			if (i > 0)
				CHECK(v[i].line.p == v[i - 1].line.p +
				    v[i - 1].line.n + 1);
			touch(v[i].line.p + v[i].line.n, SCAN_SLACK);
			touch(v[i].key.p + v[i].key.n, SCAN_SLACK);
			got(&v[i], off, &g[line + i]);
			same(&g[line + i], &ref[line + i]);
			if (v[i].t != REQ_NOTIME) {
				CHECK(memchr(v[i].key.p, '\t', v[i].key.n) ==
				    NULL);
				CHECK(memchr(v[i].key.p, '\n', v[i].key.n) ==
				    NULL);
			}
			off += v[i].line.n + 1;
		}
		/* the first line taken again: still in place, unchanged */
		CHECK(memcmp(v[0].line.p, s + ref[line].off,
		    v[0].line.n) == 0);
		if (splitmax > 0)
			for (i = 0; i < k; i++) {
				split_check(v[i].line.p, v[i].line.n, splitmax);
				count_check(v[i].line.p, v[i].line.n, tcol);
				if (v[i].t != REQ_NOTIME)
					int_round_trip(v[i].t);
			}
		line += k;
	}
	CHECK(line == nref);
	CHECK(req_next(&r, v, max) == 0);
	req_close(&r);
	if (fd >= 0)
		close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	/* reads: batch, pipe buffer (0: memory), slack fill, forget */
	static const struct {
		size_t	max, cap;
		int	fill, forget;
	} runs[] = {
		{ 16, 0, 0, 0 },
		{ 1, 0, '\t', 0 },
		{ 3, 0, '\n', 0 },
		{ 1, 0, '\t', 1 },
		{ 1, 5, 0, 0 },
		{ 3, 7, 0, 0 },
		{ 16, 5, 0, 0 },
		{ 16, 64, 0, 0 },
	};
	struct verdict *ref, *g;
	const char *s;
	size_t tcol, kcol, nref, i, j, m;
	char buf[24];
	uint8_t b;
	int64_t v;

	if (n == 0)
		return 0;
	if (out.buf == NULL)
		out_init(&out, -1, "fuzz", 0);
	b = d[0];
	if (b >> 6 == 0) {
		tcol = 0;
		kcol = 1;
	} else {
		tcol = b & 7;
		kcol = b >> 3 & 7;
		if (kcol == tcol)
			kcol = 8 + (size_t)((b >> 6) - 1) * 507;
	}
	s = (const char *)d + 1;
	m = n - 1;
	ref = malloc((m + 1) * sizeof(*ref));
	g = malloc((m + 1) * sizeof(*g) * (sizeof(runs) / sizeof(runs[0])));
	nref = ref_lines(s, m, tcol, kcol, ref);
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		/* not read (a pipe too small): the reference's, for same() */
		memcpy(g + i * (m + 1), ref, nref * sizeof(*ref));
		readall(s, m, tcol, kcol, runs[i].max, runs[i].cap,
		    runs[i].fill, runs[i].forget, ref, nref, g + i * (m + 1),
		    i == 0 ? 1 + b % 9 : 0);
	}
	/* every read said the same of every line, fast path or not */
	for (i = 1; i < sizeof(runs) / sizeof(runs[0]); i++)
		for (j = 0; j < nref; j++)
			same(&g[i * (m + 1) + j], &g[j]);
	free(ref);
	free(g);
	if (n >= 9) {
		memcpy(&v, d + 1, sizeof(v));
		m = fmt_int(buf, v);
		CHECK(m >= 1 && m <= 20);
		if (v > -1000000000000000000LL && v < 1000000000000000000LL)
			int_round_trip(v);
	}
	return 0;
}
