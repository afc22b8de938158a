#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "scan.h"
#include "util.h"

void
csv_init(struct csvrec *r)
{
	memset(r, 0, sizeof(*r));
	r->maxlines = CSV_MAXLINES;
	r->fcap = 16;
	r->f = emalloc(r->fcap * sizeof(*r->f));
	r->foff = emalloc(r->fcap * sizeof(*r->foff));
	r->scap = 256;
	/* fields point into it, even empty, and keep their slack */
	r->scratch = scan_alloc(r->scap);
}

void
csv_free(struct csvrec *r)
{
	free(r->f);
	free(r->foff);
	scan_free(r->scratch);
}

void
csv_skip_bom(struct input *in)
{
	size_t n;
	int term;

	if (in_line(in, 0, &term) >= 3 &&
	    memcmp(in_peek(in, &n), "\xef\xbb\xbf", 3) == 0)
		in_take(in, 3, 0);
}

static void
save(struct csvrec *r, const char *p, size_t n)
{
	size_t old = r->scap;

	if (r->scap - r->slen < n) {
		while (r->scap - r->slen < n)
			r->scap *= 2;
		r->scratch = scan_realloc(r->scratch, old, r->scap);
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

/*
 * A field, counted up to count, kept (where it starts) if it is one of
 * the first want; returns whether it is kept.
 */
static int
field(struct csvrec *r, size_t want, size_t count)
{
	if (r->nf >= want) {
		if (r->nf < count)
			r->nf++;
		return 0;
	}
	room(r);
	r->foff[r->nf++] = r->slen;
	return 1;
}

/* A line without quotes: the fields point into the input. */
static void
plain(struct csvrec *r, const char *s, size_t n, size_t want, size_t count)
{
	const char *end = s + n, *c;

	for (; r->nf < count; r->nf++, s = c + 1) {
		c = scan_byte(s, end, ',');
		if (r->nf < want) {
			room(r);
			r->f[r->nf].p = s;
			r->f[r->nf].n = (size_t)(c - s);
		}
		if (c == end) {
			r->nf++;
			return;
		}
	}
}

/* Longest line for the fast path: a tally's lane holds 255 blocks. */
#define ONEPASS_MAX	(255 * 16)

/*
 * Keep the fields that end at the commas flagged in m, a mask of the 16
 * bytes at s + off, until want are kept; returns how many are.  The next
 * field starts at s + *start.  Inline, so that the counts stay in
 * registers.
 */
static inline size_t
cut(struct field *f, size_t nf, size_t want, const char *s, size_t off,
    uint32_t m, size_t *start)
{
	size_t c;

	for (; m != 0; m &= m - 1) {
		c = off + scan_ctz32(m);
		f[nf].p = s + *start;
		f[nf].n = c - *start;
		*start = c + 1;
		if (++nf == want)
			break;
	}
	return nf;
}

/*
 * The fast path: the usual line, whole among the n bytes read, with no
 * quote in it and room enough in r->f for the fields wanted, is split in
 * one pass, sixteen bytes a step: its LF and quotes found by one mask,
 * its commas tallied, and cut at by another mask while fields are kept.
 * Returns the line's length without its LF, with its fields in r; or -1
 * for any other line, which the general path then takes from the start
 * (r->f may have been written to).
 */
static long long
onepass(struct csvrec *r, const char *s, size_t n, size_t want, size_t count)
{
	struct field *f = r->f;
	size_t off, k, nf = 0, start = 0;
	scan_tally commas;
	uint32_t m = 0;

	if (want == 0 || want > r->fcap)
		return -1;
	if (n > ONEPASS_MAX)
		n = ONEPASS_MAX;
	scan_tally_init(&commas);
	/*
	 * The blocks before the first LF or quote (which had better be the
	 * LF): while fields are kept, then after, in two loops, so that each
	 * one's branches go the same way every line.
	 */
	for (off = 0; off < n; off += 16) {
		if ((m = scan_mask16_2(s + off, '\n', '"')) != 0)
			break;
		scan_tally16(&commas, s + off, ',', 16);
		if ((nf = cut(f, nf, want, s, off, scan_mask16(s + off, ','),
		    &start)) == want) {
			for (off += 16; off < n; off += 16) {
				m = scan_mask16_2(s + off, '\n', '"');
				if (m != 0)
					break;
				scan_tally16(&commas, s + off, ',', 16);
			}
			break;
		}
	}
	if (m == 0 || off + (k = scan_ctz32(m)) >= n || s[off + k] != '\n')
		return -1;
	scan_tally16(&commas, s + off, ',', k);
	if (nf < want)
		nf = cut(f, nf, want, s, off, scan_keep(scan_mask16(s + off,
		    ','), k), &start);
	n = off + k;
	if (nf < want) {	/* the last field */
		f[nf].p = s + start;
		f[nf].n = n - start - (n > start && s[n - 1] == '\r');
	}
	nf = scan_tally_sum(&commas) + 1;
	r->nf = nf < count ? nf : count;
	return (long long)n;
}

/*
 * A record with quotes, perhaps over several lines.  Fields are unquoted
 * into the scratch buffer; the input buffer may move as lines are added,
 * so positions are offsets from the record's start.
 */
static enum csv_status
quoted(struct input *in, struct csvrec *r, size_t eol, int term, size_t want,
    size_t count)
{
	size_t off = 0, end, avail;
	const char *b, *q;
	long long n;
	int keep;

	for (;;) {
		keep = field(r, want, count);
		b = in_peek(in, &avail);
		if (off < eol && b[off] == '"') {
			for (off++;;) {
				b = in_peek(in, &avail);
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
			b = in_peek(in, &avail);
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
 * The general path: any record, past blank lines, across reads, with
 * quotes or not.
 */
static enum csv_status
general(struct input *in, struct csvrec *r, size_t want, size_t count)
{
	const char *s;
	enum csv_status st;
	long long n;
	size_t i, avail;
	int term;

	for (;;) {
		if ((n = in_line(in, 0, &term)) < 0)
			return CSV_EOF;
		s = in_peek(in, &avail);
		if (n > 1 || (n == 1 && s[0] != '\r'))
			break;
		in_take(in, (size_t)n + term, 1);	/* a blank line */
	}
	r->lineno = in_lineno(in) + 1;
	r->lines = r->span = 1;
	r->nf = 0;
	r->raw = s;
	if (memchr(s, '"', (size_t)n) == NULL) {
		r->len = (size_t)n + term;
		plain(r, s, (size_t)n - (s[n - 1] == '\r'), want, count);
		return CSV_OK;
	}
	st = quoted(in, r, (size_t)n, term, want, count);
	r->span = r->lines;
	if (st != CSV_OK) {	/* the first line alone */
		r->len = (size_t)n + term;
		r->lines = 1;
	}
	for (i = 0; i < r->nf && i < want; i++) {
		r->f[i].p = r->scratch + r->foff[i];
		r->f[i].n = (i + 1 < r->nf && i + 1 < want ? r->foff[i + 1] :
		    r->slen) - r->foff[i];
	}
	r->raw = in_peek(in, &avail);
	return st;
}

enum csv_status
csv_read(struct input *in, struct csvrec *r, size_t want, size_t count)
{
	const char *s;
	long long n;
	size_t avail;

	in_take(in, r->len, r->lines);
	r->len = r->lines = r->slen = 0;
	s = in_peek(in, &avail);
	if (count < want)
		count = want;
	if ((n = onepass(r, s, avail, want, count)) > 1) {
		r->raw = s;
		r->len = (size_t)n + 1;
		r->lines = r->span = 1;
		r->lineno = in_lineno(in) + 1;
		return CSV_OK;
	}
	return general(in, r, want, count);
}
