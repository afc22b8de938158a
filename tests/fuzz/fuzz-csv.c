/*
 * csv_read against a reference reader written from csv.h's contract.
 * Each input is read in several passes (keeping 1, 2, 3 or all fields,
 * counting as many or more, as edgar-parse -b does: it keeps 3 and counts
 * 7, and the way edgar-parse reads a header and then its records), from memory
 * and from a pipe into a small buffer that must grow and move as records
 * span reads, with the default line limit (CSV_MAXLINES) and with small
 * ones (1, 2, 3, and one taken from the input).  Every record must start
 * where the reference says, after nothing but blank lines; carry the
 * input's bytes; have the right line number and status; when it is OK,
 * hold the same fields, its field count (nf) the reference's up to count,
 * and span no more than maxlines lines; and when it
 * is not, be its first line alone, with the span the reference found.
 * Fields must lie inside the record's bytes or the scratch buffer, with
 * SCAN_SLACK readable bytes after them, and the records and blank lines (and
 * a byte-order mark, when skipped) must add up to the whole input, in
 * bytes and in lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "input.h"
#include "scan.h"
#include "fuzz.h"

struct ref {
	enum csv_status	 st;
	size_t		 start, len;
	uintmax_t	 span;	/* lines an error record ran over */
	size_t		 nf;
	char		*buf;	/* the fields unquoted, one after another */
	size_t		*off;	/* field i is buf[off[i]] to buf[off[i + 1]] */
};

static size_t NOCOV
line_end(const uint8_t *d, size_t n, size_t i)
{
	while (i < n && d[i] != '\n')
		i++;
	return i;
}

static size_t NOCOV
count_lf(const uint8_t *d, size_t from, size_t to)
{
	size_t k = 0;

	for (; from < to; from++)
		k += d[from] == '\n';
	return k;
}

/*
 * Quoted field from d[*ip], the opening quote, on line *ln of the record.
 * An LF inside it ends line *ln: if that is line maxlines, the record may
 * not go on (CSV_QUOTELIMIT, whether or not a byte follows the LF); else
 * if no byte follows, the input ended with the quote open.  The input
 * ending without an LF leaves it open too.  CSV_OK: it closed, *ip is
 * just past the closing quote.
 */
static enum csv_status NOCOV
ref_quoted(const uint8_t *d, size_t n, size_t *ip, struct ref *r, size_t *bl,
    uintmax_t *ln, uintmax_t maxlines)
{
	size_t i = *ip + 1;

	for (;;) {
		if (i >= n)
			return CSV_UNTERMINATED;
		if (d[i] == '"') {
			if (i + 1 < n && d[i + 1] == '"') {
				r->buf[(*bl)++] = '"';
				i += 2;
				continue;
			}
			*ip = i + 1;
			return CSV_OK;
		}
		if (d[i] == '\n') {
			if (*ln >= maxlines)
				return CSV_QUOTELIMIT;
			if (i + 1 >= n)
				return CSV_UNTERMINATED;
			(*ln)++;
		}
		r->buf[(*bl)++] = d[i++];
	}
}

static enum csv_status NOCOV
ref_read(const uint8_t *d, size_t n, size_t *pos, struct ref *r,
    uintmax_t maxlines)
{
	size_t i, j, k, e, bl = 0;
	uintmax_t ln = 1;

	for (;;) {
		if (*pos >= n)
			return r->st = CSV_EOF;
		e = line_end(d, n, *pos);
		if (e == *pos || (e == *pos + 1 && d[*pos] == '\r')) {
			*pos = e + (e < n);
			continue;
		}
		break;
	}
	r->start = i = *pos;
	r->nf = 0;
	for (;;) {
		r->off[r->nf++] = bl;
		if (i < n && d[i] == '"') {
			r->st = ref_quoted(d, n, &i, r, &bl, &ln, maxlines);
			if (r->st != CSV_OK)
				break;
			if (i < n && d[i] == ',') {
				i++;
				continue;
			}
			if (i == n)
				r->len = i - r->start;
			else if (d[i] == '\n')
				r->len = i + 1 - r->start;
			else if (d[i] == '\r' &&
			    (i + 1 == n || d[i + 1] == '\n'))
				r->len = i + 1 + (i + 1 < n) - r->start;
			else
				r->st = CSV_AFTERQUOTE;
			break;
		}
		for (j = i; j < n && d[j] != ',' && d[j] != '\n'; j++)
			;
		k = j;
		if ((j == n || d[j] == '\n') && k > i && d[k - 1] == '\r')
			k--;
		memcpy(r->buf + bl, d + i, k - i);
		bl += k - i;
		if (j < n && d[j] == ',') {
			i = j + 1;
			continue;
		}
		r->st = CSV_OK;
		r->len = j + (j < n) - r->start;
		break;
	}
	r->off[r->nf] = bl;
	r->span = ln;
	if (r->st != CSV_OK) {	/* the first line alone */
		e = line_end(d, n, r->start);
		r->len = e + (e < n) - r->start;
	}
	*pos = r->start + r->len;
	return r->st;
}

/* Nothing but empty lines, with LF or CRLF ends, the last maybe unended. */
static int NOCOV
blank_run(const uint8_t *d, size_t from, size_t to)
{
	size_t e;

	while (from < to) {
		e = from;
		while (e < to && d[e] != '\n')
			e++;
		if (!(e == from || (e == from + 1 && d[from] == '\r')))
			return 0;
		from = e + 1;
	}
	return 1;
}

static void NOCOV
check_rec(const uint8_t *d, size_t n, struct input *in, struct csvrec *rec,
    struct ref *ref, size_t want, size_t count, int mem, uintmax_t lineno)
{
	size_t i, kept, avail;
	const char *p;

	/* white-box: from memory, the buffer never moves */
	if (mem)
		CHECK(rec->raw == in->buf + ref->start);
	CHECK(rec->raw == in_peek(in, &avail));
	CHECK(rec->len == ref->len);
	CHECK(rec->len <= avail);
	CHECK(ref->start + rec->len <= n);
	CHECK(memcmp(rec->raw, d + ref->start, rec->len) == 0);
	CHECK(rec->lineno == lineno);
	CHECK(rec->lines == count_lf(d, ref->start, ref->start + ref->len) +
	    (d[ref->start + ref->len - 1] != '\n'));
	kept = rec->nf < want ? rec->nf : want;
	for (i = 0; i < kept; i++) {
		p = rec->f[i].p;
		CHECK(inside(p, rec->f[i].n, rec->raw, rec->len) ||
		    (rec->scratch != NULL &&
		    inside(p, rec->f[i].n, rec->scratch, rec->slen)));
		touch(p + rec->f[i].n, SCAN_SLACK);
	}
	if (ref->st != CSV_OK) {
		/* The first line alone, whatever it ran over. */
		CHECK(rec->lines == 1);
		CHECK(memchr(rec->raw, '\n', rec->len) == NULL ||
		    memchr(rec->raw, '\n', rec->len) ==
		    rec->raw + rec->len - 1);
		CHECK(ref->start + rec->len == n ||
		    rec->raw[rec->len - 1] == '\n');
		CHECK(rec->span == ref->span);
		CHECK(rec->span >= 1 && rec->span <= rec->maxlines);
		CHECK(ref->st != CSV_QUOTELIMIT ||
		    rec->span == rec->maxlines);
		return;
	}
	CHECK(rec->lines <= rec->maxlines);
	CHECK(rec->nf == (ref->nf < count ? ref->nf : count));
	for (i = 0; i < kept; i++) {
		CHECK(rec->f[i].n == ref->off[i + 1] - ref->off[i]);
		CHECK(rec->f[i].n == 0 || memcmp(rec->f[i].p,
		    ref->buf + ref->off[i], rec->f[i].n) == 0);
	}
}

/*
 * Read the input from a pipe into a buffer of cap bytes, so that it comes
 * in pieces and the buffer grows and moves under the records.  Inputs too
 * big for the pipe to hold are left to the memory passes.
 */
static int NOCOV
open_pipe(struct input *in, const uint8_t *d, size_t n, size_t cap)
{
	int fd[2];

	if (n > 32768 || pipe(fd) < 0)
		return -1;
	if (write(fd[1], d, n) != (ssize_t)n) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	close(fd[1]);
	memset(in, 0, sizeof(*in));
	in->name = "fuzz-pipe";
	in->fd = fd[0];
	in->cap = cap;
	in->buf = scan_alloc(cap);
	return 0;
}

/*
 * One pass: want fields kept from each record, and count counted (want if
 * less); hdr: the first record read in full (SIZE_MAX, SIZE_MAX), then,
 * if want is SIZE_MAX, its width (at most 7) wanted and counted from the
 * others, as edgar-parse does, else want and count as given (edgar-parse
 * -b); cap: 0 to read from memory, else from a pipe into cap bytes;
 * maxlines: the lines a record may span, 0 to leave csv_init's.
 */
static void NOCOV
pass(const uint8_t *d, size_t n, size_t want, size_t count, int bom, int hdr,
    size_t cap, uintmax_t maxlines, struct ref *ref)
{
	struct input in;
	struct csvrec rec;
	enum csv_status st;
	size_t pos = 0, total = 0, prevend, avail, w, c;
	int inhdr = hdr;
	uintmax_t prevline = 0, lf = 0, lines = 0;
	int hasbom = bom && n >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0;

	if (cap == 0)
		in_openmem(&in, "fuzz", d, n);
	else if (open_pipe(&in, d, n, cap) < 0)
		return;
	csv_init(&rec);
	CHECK(rec.maxlines == CSV_MAXLINES);
	if (maxlines != 0)
		rec.maxlines = maxlines;
	if (bom) {
		csv_skip_bom(&in);
		if (hasbom)
			pos = total = 3;
		if (cap == 0)
			CHECK(in_peek(&in, &avail) ==
			    in.buf + (hasbom && n > 3 ? 3 : 0));
		CHECK(in_lineno(&in) == 0);
	}
	prevend = pos;
	for (;;) {
		w = inhdr ? SIZE_MAX : want;
		c = inhdr ? SIZE_MAX : count;
		st = csv_read(&in, &rec, w, c);
		CHECK(st == ref_read(d, n, &pos, ref, rec.maxlines));
		if (st == CSV_EOF)
			break;
		/*
		 * Blank lines up to the record, then the record: an error
		 * record is its first line only, so the lines it ran over
		 * are read again, as blank lines or records of their own.
		 */
		CHECK(ref->start >= prevend);
		CHECK(blank_run(d, prevend, ref->start));
		lf += count_lf(d, prevend, ref->start);
		lines += count_lf(d, prevend, ref->start);
		check_rec(d, n, &in, &rec, ref, w, c > w ? c : w, cap == 0,
		    lf + 1);
		total += ref->start - prevend + rec.len;
		prevend = ref->start + rec.len;
		lf += count_lf(d, ref->start, prevend);
		lines += rec.lines;
		CHECK(rec.lineno > prevline);
		prevline = rec.lineno;
		if (inhdr && want == SIZE_MAX)
			want = count = rec.nf < 7 ? rec.nf : 7;
		inhdr = 0;
	}
	CHECK(blank_run(d, prevend, n));
	total += n - prevend;
	CHECK(total == n);
	lines += count_lf(d, prevend, n) + (prevend < n && d[n - 1] != '\n');
	CHECK(in_lineno(&in) == count_lf(d, 0, n) + (n > 0 &&
	    d[n - 1] != '\n' && !(n == 3 && hasbom)));
	CHECK(in_lineno(&in) == lines);
	CHECK(csv_read(&in, &rec, want, count) == CSV_EOF);
	csv_free(&rec);
	in_close(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct ref ref;

	ref.buf = malloc(n + 1);
	ref.off = malloc((n + 2) * sizeof(*ref.off));
	/* The default line limit; fields counted as kept, or more, or less. */
	pass(d, n, 1, 1, 0, 0, 0, 0, &ref);
	pass(d, n, 1, 3, 0, 0, 0, 0, &ref);
	pass(d, n, 3, 7, 0, 0, 0, 0, &ref);
	pass(d, n, 3, 1, 0, 0, 0, 0, &ref);	/* count < want: want */
	pass(d, n, 2, SIZE_MAX, 0, 0, 0, 0, &ref);
	pass(d, n, 0, 2, 0, 0, 0, 0, &ref);
	pass(d, n, SIZE_MAX, SIZE_MAX, 1, 1, 0, 0, &ref);
	pass(d, n, 3, 7, 1, 1, 0, 0, &ref);	/* edgar-parse -b */
	pass(d, n, 3, 3, 1, 0, 1, 0, &ref);
	pass(d, n, 3, 7, 0, 0, 1, 0, &ref);
	pass(d, n, SIZE_MAX, SIZE_MAX, 0, 0, 5, 0, &ref);
	pass(d, n, 2, 2, 0, 0, 64, 0, &ref);
	pass(d, n, 1, 3, 0, 0, 3, 0, &ref);
	/* Small ones, where a stray quote meets the limit. */
	pass(d, n, SIZE_MAX, SIZE_MAX, 0, 0, 0, 1, &ref);
	pass(d, n, SIZE_MAX, SIZE_MAX, 1, 1, 0, 2, &ref);
	pass(d, n, 3, 7, 1, 1, 0, 2, &ref);
	pass(d, n, SIZE_MAX, SIZE_MAX, 0, 0, 3, 3, &ref);
	pass(d, n, 3, 3, 0, 0, 7, n > 0 ? 1 + d[n - 1] % 8 : 1, &ref);
	free(ref.buf);
	free(ref.off);
	return 0;
}
