#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "scan.h"
#include "util.h"

#if CSV_PAD > IN_SLACK
#error "fields in the input buffer are read CSV_PAD bytes past their end"
#endif

void
csv_init(struct csvrec *r)
{
	memset(r, 0, sizeof(*r));
	r->maxlines = CSV_MAXLINES;
	r->fcap = 16;
	r->f = emalloc(r->fcap * sizeof(*r->f));
	r->foff = emalloc(r->fcap * sizeof(*r->foff));
	r->scap = 256;
	/* fields point into it, even empty, and may be read past (CSV_PAD) */
	r->scratch = emalloc(r->scap + CSV_PAD);
	memset(r->scratch, 0, r->scap + CSV_PAD);
}

void
csv_free(struct csvrec *r)
{
	free(r->f);
	free(r->foff);
	free(r->scratch);
}

void
csv_skip_bom(struct input *in)
{
	int term;

	if (in_line(in, 0, &term) >= 3 && memcmp(in->buf + in->pos,
	    "\xef\xbb\xbf", 3) == 0)
		in_consume(in, 3, 0);
}

static void
save(struct csvrec *r, const char *p, size_t n)
{
	size_t old = r->scap;

	if (r->scap - r->slen < n) {
		while (r->scap - r->slen < n)
			r->scap *= 2;
		r->scratch = erealloc(r->scratch, r->scap + CSV_PAD);
		memset(r->scratch + old, 0, r->scap - old + CSV_PAD);
	}
	memcpy(r->scratch + r->slen, p, n);
	r->slen += n;
}

static void
room(struct csvrec *r)
{
	if (r->nf == r->fcap) {
		r->fcap *= 2;
		r->f = erealloc(r->f, r->fcap * sizeof(*r->f));
		r->foff = erealloc(r->foff, r->fcap * sizeof(*r->foff));
	}
}

/* Count a field; keep where it starts if it is wanted. */
static int
field(struct csvrec *r, size_t want)
{
	if (r->nf >= want) {
		r->nf++;
		return 0;
	}
	room(r);
	r->foff[r->nf++] = r->slen;
	return 1;
}

/* The usual line: no quote in it, the fields point into the input. */
static void
plain(struct csvrec *r, const char *s, size_t n, size_t want)
{
	const char *end = s + n, *c;

	for (;;) {
		if (r->nf == want) {
			r->nf += scan_count(s, end, ',') + 1;
			return;
		}
		room(r);
		c = scan_byte(s, end, ',');
		r->f[r->nf].p = s;
		r->f[r->nf].n = c - s;
		r->nf++;
		if (c == end)
			return;
		s = c + 1;
	}
}

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>

/* Longest line for one pass: a byte lane of the comma count holds 255. */
#define ONEPASS_MAX	(255 * 16)

/*
 * Keep the fields that end at the commas flagged in m, a mask of the 16
 * bytes at s + off, until max (at least 1) are kept; returns how many
 * are.  The next field starts at s + *start.  Inline, so that the counts
 * stay in registers.
 */
static inline size_t
cut(struct field *f, size_t nf, size_t max, const char *s, size_t off,
    uint32_t m, size_t *start)
{
	size_t c;

	for (; m != 0; m &= m - 1) {
		c = off + (size_t)__builtin_ctz(m);
		f[nf].p = s + *start;
		f[nf].n = c - *start;
		*start = c + 1;
		if (++nf == max)
			break;
	}
	return nf;
}

/* The LFs in the 16 bytes at p, as bits; *c gets where their commas are. */
static inline uint32_t
look(const char *p, __m128i *c)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

	*c = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8('\n')));
}

/*
 * The usual line in one pass, where the quote search said it has no '"':
 * sixteen bytes a step, the LF and the commas each found by a compare, the
 * wanted fields split at the commas' bits, then all commas counted per
 * byte lane up to the LF.  Reads past the n bytes there are (the input's
 * slack) but uses none of them.  Returns the line's length without its
 * LF, or -1 if no LF ends it within the n bytes (or ONEPASS_MAX), or if it
 * has more fields wanted than r->f holds, or none are: in_line() and
 * plain() then take it.
 */
static long long
onepass(struct csvrec *r, const char *s, size_t n, size_t want)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i c = zero, acc = zero;
	struct field *f = r->f;
	uint32_t ml = 0;
	size_t off, k, nf = 0, start = 0, all;
	size_t max = want < r->fcap ? want : r->fcap;

	if (max == 0)
		return -1;
	if (n > ONEPASS_MAX)
		n = ONEPASS_MAX;
	for (off = 0; off < n; off += 16) {
		if ((ml = look(s + off, &c)) != 0)
			break;
		acc = _mm_sub_epi8(acc, c);
		nf = cut(f, nf, max, s, off, (uint32_t)_mm_movemask_epi8(c),
		    &start);
		if (nf == max) {
			off += 16;
			break;
		}
	}
	for (; ml == 0 && off < n; off += 16) {
		if ((ml = look(s + off, &c)) != 0)
			break;
		acc = _mm_sub_epi8(acc, c);
	}
	if (ml == 0 || off + (k = (size_t)__builtin_ctz(ml)) >= n)
		return -1;
	acc = _mm_sub_epi8(acc, _mm_and_si128(c, _mm_loadu_si128(
	    (const __m128i *)(const void *)(scan_ones() + 16 - k))));
	acc = _mm_sad_epu8(acc, zero);
	all = (size_t)_mm_cvtsi128_si32(acc) +
	    (size_t)_mm_extract_epi16(acc, 4) + 1;
	if (all > max && want > max)
		return -1;
	if (nf < max)
		nf = cut(f, nf, max, s, off, (uint32_t)_mm_movemask_epi8(c) &
		    ((1u << k) - 1), &start);
	n = off + k;
	if (nf < max) {
		f[nf].p = s + start;
		f[nf].n = n - start - (n > start && s[n - 1] == '\r');
	}
	r->nf = all;
	return (long long)n;
}
#else
/* Elsewhere the line is found by in_line(), then split by plain(). */
static long long
onepass(struct csvrec *r, const char *s, size_t n, size_t want)
{
	(void)r, (void)s, (void)n, (void)want;
	return -1;
}
#endif

static void
consume(struct input *in, struct csvrec *r, size_t n, uintmax_t lines)
{
	in_consume(in, n, lines);
	r->noquote = r->noquote > n ? r->noquote - n : 0;
}

/*
 * A record with quotes, perhaps over several lines.  Fields are unquoted
 * into the scratch buffer; the input buffer may move as lines are added,
 * so positions are offsets from the record's start.
 */
static enum csv_status
quoted(struct input *in, struct csvrec *r, size_t eol, int term, size_t want)
{
	size_t off = 0, end;
	const char *b, *q;
	long long n;
	int keep;

	for (;;) {
		keep = field(r, want);
		b = in->buf + in->pos;
		if (off < eol && b[off] == '"') {
			for (off++;;) {
				b = in->buf + in->pos;
				q = memchr(b + off, '"', eol - off);
				end = q != NULL ? (size_t)(q - b) : eol + term;
				if (keep)
					save(r, b + off, end - off);
				if (q != NULL && end + 1 < eol && b[end + 1] == '"') {
					if (keep)
						save(r, "\"", 1);
					off = end + 2;
				} else if (q != NULL) {
					off = end + 1;
					break;
				} else {
					off = eol + term;
					if (term && r->lines >= r->maxlines) {
						r->len = off;
						return CSV_QUOTELIMIT;
					}
					if (!term || (n = in_line(in, off, &term)) < 0) {
						r->len = off;
						return CSV_UNTERMINATED;
					}
					eol = off + n;
					r->lines++;
				}
			}
			b = in->buf + in->pos;
			if (off < eol && b[off] == ',') {
				off++;
				continue;
			}
			r->len = eol + term;
			if (off == eol || (off + 1 == eol && b[off] == '\r'))
				return CSV_OK;
			return CSV_AFTERQUOTE;
		}
		q = memchr(b + off, ',', eol - off);
		end = q != NULL ? (size_t)(q - b) : eol;
		if (q == NULL && end > off && b[end - 1] == '\r')
			end--;
		if (keep)
			save(r, b + off, end - off);
		if (q == NULL) {
			r->len = eol + term;
			return CSV_OK;
		}
		off = end + 1;
	}
}

/*
 * Any record: past blank lines, across reads, with quotes.  n is what
 * onepass() made of the line at the current position.
 */
static enum csv_status
any(struct input *in, struct csvrec *r, size_t want, long long n)
{
	const char *s;
	enum csv_status st;
	size_t i;
	int term, split;

	r->len = r->lines = 0;
	for (;;) {
		term = split = 1;
		if (n < 0) {
			r->nf = 0;
			split = 0;
			if ((n = in_line(in, 0, &term)) < 0)
				return CSV_EOF;
		}
		s = in->buf + in->pos;
		r->lineno = in->lineno + 1;
		r->lines = 1;
		if (n == 0 || (n == 1 && s[0] == '\r')) {
			consume(in, r, n + term, 1);
			n = onepass(r, in->buf + in->pos, in->end - in->pos,
			    want);
			continue;
		}
		break;
	}
	/* Logs rarely quote: one search covers all the lines read so far. */
	if ((size_t)n > r->noquote) {
		const char *q = memchr(s, '"', in->end - in->pos);

		r->noquote = (q != NULL ? q : in->buf + in->end) - s;
	}
	if ((size_t)n <= r->noquote) {
		r->len = n + term;
		r->raw = s;
		if (split)
			return CSV_OK;
		if (s[n - 1] == '\r')
			n--;
		plain(r, s, n, want);
		return CSV_OK;
	}
	r->nf = 0;
	st = quoted(in, r, n, term, want);
	r->span = r->lines;
	if (st != CSV_OK) {	/* the first line alone */
		r->len = n + term;
		r->lines = 1;
	}
	for (i = 0; i < r->nf && i < want; i++) {
		r->f[i].p = r->scratch + r->foff[i];
		r->f[i].n = (i + 1 < r->nf && i + 1 < want ? r->foff[i + 1] :
		    r->slen) - r->foff[i];
	}
	r->raw = in->buf + in->pos;
	return st;
}

enum csv_status
csv_read(struct input *in, struct csvrec *r, size_t want)
{
	const char *s;
	long long n;

	consume(in, r, r->len, r->lines);
	r->slen = 0;
	/* The usual line: whole in the buffer, not blank, known to hold no '"'. */
	s = in->buf + in->pos;
	n = onepass(r, s, in->end - in->pos, want);
	if (n > 1 && (size_t)n <= r->noquote) {
		r->raw = s;
		r->len = n + 1;
		r->lines = 1;
		r->lineno = in->lineno + 1;
		return CSV_OK;
	}
	return any(in, r, want, n);
}
