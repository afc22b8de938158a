/*
 * req_parse on a line, its time and key columns chosen by the first byte
 * (0 to 7, or a far column up to 1022 as sessionize's -t/-k allow), checked
 * against a reference split of the line by TAB: the same verdict, the time
 * and key read from the right columns, every pointer inside the line.
 * An accepted time written with out_int reads back with tsv_int, as does
 * any integer of 18 digits; fmt_int writes any 64-bit integer; tsv_count
 * (session-format's durations and counts) agrees with a reference on the
 * time column's text.  req_quick, sessionize's short cut for a line in the
 * last second read, takes a line only when req_parse takes it the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "output.h"
#include "request.h"
#include "tsv.h"
#include "fuzz.h"

static int NOCOV
inside(const char *p, size_t n, const char *lo, size_t len)
{
	return p >= lo && p <= lo + len && n <= (size_t)(lo + len - p);
}

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

/* One line, checked against the reference split. */
static void NOCOV
line(struct reqcols *c, const char *s, size_t m)
{
	struct field key, bad = { NULL, 0 };
	const char *why, *tp, *kp;
	size_t tl = 0, kl = 0;
	int64_t t, rt, cv;
	int ok;

	why = req_parse(c, s, m, &t, &key, &bad);
	tp = ref_field(s, m, c->tcol, &tl);
	kp = ref_field(s, m, c->kcol, &kl);
	if (tp != NULL) {
		ok = tsv_count(tp, tl, &cv) == 0;
		CHECK(ok == (ref_count(tp, tl, &rt) == 0));
		CHECK(!ok || cv == rt);
	}
	if (bad.n > 0)
		CHECK(why != NULL && inside(bad.p, bad.n, s, m));
	if (tp == NULL)
		CHECK(why != NULL && strstr(why, "time column") != NULL);
	else if (kp == NULL)
		CHECK(why != NULL && strstr(why, "key column") != NULL);
	else if (ref_int(tp, tl, &rt) < 0) {
		CHECK(why != NULL && strstr(why, "integer") != NULL);
		CHECK(bad.p == tp && bad.n == tl);
	} else if (kl == 0)
		CHECK(why != NULL && strstr(why, "empty key") != NULL);
	else {
		CHECK(why == NULL);
		CHECK(t == rt);
		CHECK(key.p == kp && key.n == kl);
		CHECK(inside(key.p, key.n, s, m));
		CHECK(memchr(key.p, '\t', key.n) == NULL);
		int_round_trip(t);
	}
	if (why != NULL && strstr(why, "integer") == NULL)
		CHECK(bad.n == 0);
}

/*
 * req_quick on the line at the start of the rest of the input, d (n bytes),
 * where the line is the m bytes at s: if it takes the line, req_parse takes
 * all of it, with the key it found and the time it assumed.
 */
static void
quick(struct reqcols *c, const uint8_t *d, size_t n, const char *s, size_t m)
{
	struct input in;
	struct field qkey, key, bad;
	const char *why;
	int64_t qt = c->tval, t;
	size_t q;

	in_openmem(&in, "fuzz", d, n);
	q = req_quick(c, in.buf, in.buf + in.end, &qkey);
	if (q > 0) {
		CHECK(c->tcol == 0 && c->kcol == 1);
		CHECK(q == m + 1 && m < n && d[m] == '\n');
		CHECK(inside(qkey.p, qkey.n, in.buf, m));
		why = req_parse(c, s, m, &t, &key, &bad);
		CHECK(why == NULL && t == qt);
		CHECK(key.n == qkey.n && memcmp(key.p, qkey.p, key.n) == 0);
	}
	in_close(&in);
}

/*
 * The first byte picks the columns: a quarter of the inputs the stream's
 * own time and key (1 and 2, which req_parse reads by a faster path), the
 * rest any two of 0 to 7 or a far column.  The other bytes are lines, all
 * parsed with the same columns, as sessionize does (req_parse remembers
 * the last time it converted).  Each line is a copy of its bytes and of
 * the IN_SLACK bytes an input buffer has past them: the LF and the next
 * lines, then TABs (which must not be taken for the line's); ASan sees
 * a read past those.
 */
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct reqcols c;
	const uint8_t *nl;
	size_t tcol, kcol, i, m, k;
	char *s, buf[24];
	uint8_t b;
	int64_t v;
	int last;

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
	req_cols(&c, tcol, kcol);
	CHECK(c.tcol == tcol && c.kcol == kcol);
	CHECK(c.nf == (tcol > kcol ? tcol : kcol) + 1);
	for (i = 1, last = 0; !last; i += m + 1) {
		nl = memchr(d + i, '\n', n - i);
		last = nl == NULL;
		m = last ? n - i : (size_t)(nl - (d + i));
		k = n - i < m + IN_SLACK ? n - i : m + IN_SLACK;
		s = malloc(m + IN_SLACK);
		memcpy(s, d + i, k);
		memset(s + k, '\t', m + IN_SLACK - k);
		quick(&c, d + i, n - i, s, m);
		line(&c, s, m);
		split_check(s, m, 1 + b % 9);
		free(s);
	}
	free(c.f);
	if (n >= 9) {
		memcpy(&v, d + 1, sizeof(v));
		m = fmt_int(buf, v);
		CHECK(m >= 1 && m <= 20);
		if (v > -1000000000000000000LL && v < 1000000000000000000LL)
			int_round_trip(v);
	}
	return 0;
}
