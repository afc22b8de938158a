/* edgar-parse: EDGAR weblog CSV in, request stream out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "civil.h"
#include "csv.h"
#include "input.h"
#include "output.h"
#include "reject.h"
#include "scan.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

#define ABSENT	((size_t)-1)	/* a column the header does not have */
/*
 * What a written column is, as the layout has it: a field (below
 * NUMBER), a field written by -I's rule (NUMBER + the field), the
 * request's time (STAMP), or nothing (ABSENT).  A plain field, the usual,
 * costs one comparison.
 */
#define NUMBER	(SIZE_MAX / 2)
#define STAMP	((size_t)-2)

/*
 * The columns a record is read for, by their names in the header: ip,
 * date and time first (required: they make the request), then those
 * written or only checked.
 */
struct column {
	const char	*name;
	size_t		 len;
	int		 optional;	/* absent from the header: written empty */
	int		 checked;	/* read only to be there (-b) */
};

enum { C_IP, C_DATE, C_TIME };

/* More than the SEC's logs have: arrays of them need no allocation. */
#define MAXCOLS	64

static struct column col[MAXCOLS];
static size_t ncol;

/* What each line holds, in order: a column's field; C_TIME's is the stamp. */
struct written {
	size_t	 col;
	int	 integer;	/* -I: an integral number as an integer */
};

static struct written out[MAXCOLS];
static size_t nout;

/* The SEC's columns that hold numbers, written as floats in 2017. */
static const char *numeric[] = {
	"zone", "cik", "code", "size", "idx", "norefer", "noagent", "find",
	"crawler"
};

static int bflag;
static int iflag;
static int nflag;
static const char *fflag;	/* -f: the columns written */
static const char *hflag;	/* -H: the header, for input without one */
static uintmax_t maxlines = CSV_MAXLINES;

/* Where the columns are, as a header line says. */
struct layout {
	size_t	 at[MAXCOLS];	/* the field of each column, or ABSENT */
	size_t	 put[MAXCOLS];	/* what each written column is (NUMBER) */
	size_t	 need;	/* fields a record needs: up to the last column read */
	size_t	 want;	/* fields kept: up to the last one used */
};

static struct layout lay;
static struct layout given;	/* from -H */

/*
 * The one cache: a second holds many requests, so the decimal stamp of
 * the last date and time converted is kept, keyed by their text
 * together.  A valid date has 10 bytes, a valid time 7 or 8 (each length
 * compared with a constant, for speed).  The stamp depends on that text
 * alone: nothing ever makes it stale.
 */
static struct {
	char	 date[10];
	char	 time[8];
	size_t	 tn;	/* the time's length; 0: nothing kept */
	char	 stamp[24];
	size_t	 len;
} kept;

/* A name without the blanks around it. */
static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && (**p == ' ' || **p == '\t'))
		++*p, --*n;
	while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t'))
		--*n;
}

static int
same_name(const char *p, size_t n, const char *name, size_t len)
{
	return n == len && strncasecmp(p, name, n) == 0;
}

/* A column by name, added if it is not there yet; returns its index. */
static size_t
column(const char *name, size_t len, int optional, int checked)
{
	size_t c;

	for (c = 0; c < ncol; c++)
		if (same_name(name, len, col[c].name, col[c].len)) {
			col[c].optional &= optional;
			col[c].checked &= checked;
			return c;
		}
	if (ncol == MAXCOLS)
		fatal("-f %s: more than %d columns", fflag, MAXCOLS - 3);
	col[ncol].name = name;
	col[ncol].len = len;
	col[ncol].optional = optional;
	col[ncol].checked = checked;
	return ncol++;
}

static void
write_column(const char *name, size_t len, int optional)
{
	size_t c = column(name, len, optional, 0), i;

	if (nout == MAXCOLS)
		fatal("-f %s: more than %d columns", fflag, MAXCOLS);
	out[nout].col = c;
	out[nout].integer = 0;
	for (i = 0; iflag && i < sizeof(numeric) / sizeof(numeric[0]); i++)
		if (same_name(name, len, numeric[i], strlen(numeric[i])))
			out[nout].integer = 1;
	nout++;
}

/*
 * The columns: those of the request stream (time, ip, cik, accession,
 * extention; the last three optional, and only checked with -b), or
 * those -f names, which the header must have.
 */
static void
columns(void)
{
	static const char *optional[] = { "cik", "accession", "extention" };
	const char *p, *e, *end, *name;
	size_t i;

	column("ip", 2, 0, 0);
	column("date", 4, 0, 0);
	column("time", 4, 0, 0);
	if (fflag == NULL) {
		write_column("time", 4, 0);
		write_column("ip", 2, 0);
		for (i = 0; i < 3; i++)
			if (bflag)
				column(optional[i], strlen(optional[i]), 1, 1);
			else
				write_column(optional[i], strlen(optional[i]),
				    1);
		return;
	}
	for (p = fflag, end = fflag + strlen(fflag);; p = e + 1) {
		if ((e = memchr(p, ',', (size_t)(end - p))) == NULL)
			e = end;
		name = p;
		i = (size_t)(e - p);
		trim(&name, &i);
		if (i == 0)
			fatal("-f %s: an empty column name", fflag);
		write_column(name, i, 0);
		if (e == end)
			break;
	}
}

/*
 * The layout that a header's fields give; names match without case,
 * surrounding blanks or a byte-order mark.  Returns ABSENT, or the first
 * column it lacks that it must have.
 */
static size_t
layout(const struct csvrec *r, struct layout *l)
{
	size_t i, c, n, end;
	const char *p;

	for (c = 0; c < ncol; c++)
		l->at[c] = ABSENT;
	for (i = 0; i < r->nf; i++) {
		p = r->f[i].p;
		n = r->f[i].n;
		if (i == 0 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
			p += 3, n -= 3;
		trim(&p, &n);
		for (c = 0; c < ncol; c++)
			if (l->at[c] == ABSENT &&
			    same_name(p, n, col[c].name, col[c].len))
				l->at[c] = i;
	}
	/*
	 * A record is used when it has every column read, whether or not
	 * -b leaves some out of the output, so that -b never changes what
	 * is rejected.  Columns after those are not looked at.
	 */
	l->need = l->want = 0;
	for (c = 0; c < ncol; c++) {
		if (l->at[c] == ABSENT) {
			if (col[c].optional)
				continue;
			return c;
		}
		end = l->at[c] + 1;
		if (end > l->need)
			l->need = end;
		if (end > l->want && !col[c].checked)
			l->want = end;
	}
	for (i = 0; i < nout; i++) {
		c = out[i].col;
		l->put[i] = c == C_TIME ? STAMP : l->at[c] == ABSENT ? ABSENT :
		    out[i].integer ? NUMBER + l->at[c] : l->at[c];
	}
	return ABSENT;
}

/* Why a header will not do: it lacks column c. */
static const char *
lacking(size_t c)
{
	static char why[128];

	snprintf(why, sizeof(why), "header has no \"%.*s\" column%s",
	    (int)(col[c].len < 64 ? col[c].len : 64), col[c].name,
	    c > C_TIME ? " (-f names it)" : "");
	return why;
}

static const char *
malformed(enum csv_status st)
{
	switch (st) {
	case CSV_UNTERMINATED:
		return "unterminated quote";
	case CSV_QUOTELIMIT:
		return "a quote still open after the line limit (-q)";
	default:
		return "text after a closing quote";
	}
}

/* The header that -H gives, read as the first line of a log would be. */
static void
given_header(void)
{
	struct input in;
	struct csvrec r;
	enum csv_status st;
	size_t missing;

	in_openmem(&in, "-H", hflag, strlen(hflag));
	csv_init(&r);
	r.maxlines = maxlines;
	if ((st = csv_read(&in, &r, SIZE_MAX, SIZE_MAX)) == CSV_EOF)
		fatal("-H: the header is empty");
	if (st != CSV_OK)
		fatal("-H: malformed header: %s", malformed(st));
	if ((missing = layout(&r, &given)) != ABSENT)
		fatal("-H: the %s", lacking(missing));
	if (csv_read(&in, &r, SIZE_MAX, SIZE_MAX) != CSV_EOF)
		fatal("-H: more than one record: a header is one line");
	csv_free(&r);
	in_close(&in);
}

/* The first line's layout, unless -H gave one. */
static void
header(struct input *in, struct csvrec *r)
{
	enum csv_status st;
	size_t missing;

	csv_skip_bom(in);
	if (hflag != NULL) {
		lay = given;
		return;
	}
	if ((st = csv_read(in, r, SIZE_MAX, SIZE_MAX)) == CSV_EOF)
		fatal("%s: no header line (the input is empty)", in_name(in));
	if (st != CSV_OK)
		fatal("%s:%ju: malformed header: %s", in_name(in), r->lineno,
		    malformed(st));
	if ((missing = layout(r, &lay)) != ABSENT && missing > C_TIME)
		fatal("%s:%ju: %s", in_name(in), r->lineno, lacking(missing));
	if (missing != ABSENT)
		fatal("%s:%ju: %s (line %ju was taken as the header: -H gives "
		    "the header of input that has none)", in_name(in), r->lineno,
		    lacking(missing), r->lineno);
}

/*
 * Is a record that cannot be used a header line (of logs joined by cat
 * or zcat)?  One for the layout in use is skipped; one with another
 * layout takes effect from here on.  Its fields were kept only up to the
 * layout's needs: it is read again, whole.
 */
static int
header_again(const struct input *in, const struct csvrec *r)
{
	struct input mem;
	struct csvrec h;
	struct layout l;
	int is;

	in_openmem(&mem, in_name(in), r->raw, r->len);
	csv_init(&h);
	is = csv_read(&mem, &h, SIZE_MAX, SIZE_MAX) == CSV_OK &&
	    layout(&h, &l) == ABSENT;
	csv_free(&h);
	in_close(&mem);
	if (is)
		lay = l;
	return is;
}

static void
reject_rec(struct input *in, struct csvrec *r, const char *why,
    const struct field *f)
{
	if (f != NULL)
		reject(in_name(in), r->lineno, r->raw, r->len, "%s \"%s\"", why,
		    shown(f->p, f->n));
	else
		reject(in_name(in), r->lineno, r->raw, r->len, "%s", why);
}

/*
 * -n's line number, in decimal at d; returns the end.  Records mostly
 * follow each other line by line: the text of the last number written is
 * kept, keyed by its value, and counted up in place.
 */
static char *
put_lineno(char *d, uintmax_t n)
{
	static char text[24];
	static size_t len;
	static uintmax_t last;
	size_t i;

	if (len > 0 && n == last + 1) {
		for (i = len; i > 0 && text[i - 1] == '9'; i--)
			text[i - 1] = '0';
		if (i > 0)
			text[i - 1]++;
		else {	/* 99 -> 100 */
			memmove(text + 1, text, len++);
			text[0] = '1';
		}
	} else
		len = fmt_int(text, (int64_t)n);
	last = n;
	memcpy(d, text, sizeof(text));
	return d + len;
}

/*
 * -I: a number written as a float that is integral (digits, a point and
 * zeros, as the SEC's 2017 logs write 1608552.0) is written as its
 * digits; any other text as it is.
 */
static char *
put_integer(char *d, const char *s, size_t n)
{
	size_t m = tsv_integral(s, n);

	if (m == 0 || m == n)
		return tsv_escape_pad(d, s, n);
	memcpy(d, s, m);
	return d + m;
}

/* Written column i of the record's line at d; returns the end. */
static inline char *
put_column(char *d, const struct csvrec *r, size_t i)
{
	size_t c = lay.put[i];

	if (c < NUMBER)
		return tsv_escape_pad(d, r->f[c].p, r->f[c].n);
	if (c < STAMP)
		return put_integer(d, r->f[c - NUMBER].p, r->f[c - NUMBER].n);
	if (c == STAMP) {
		memcpy(d, kept.stamp, sizeof(kept.stamp));
		return d + kept.len;
	}
	return d;	/* ABSENT */
}

/*
 * The record's line, written in one piece: room for the worst case first,
 * and for the copies' overrun (the stamps', whole, and tsv_escape_pad's).
 */
static void
emit(const struct csvrec *r)
{
	struct output *o = &out_stdout;
	char *d = out_room(o, (nout + 1) * sizeof(kept.stamp) + nout +
	    2 * r->len + SCAN_SLACK);
	size_t i;

	d = put_column(d, r, 0);
	for (i = 1; i < nout; i++) {
		*d++ = '\t';
		d = put_column(d, r, i);
	}
	if (nflag) {
		*d++ = '\t';
		d = put_lineno(d, r->lineno);
	}
	out_commit(o, d);
	out_eol(o);
}

static void
record(struct input *in, struct csvrec *r)
{
	const struct field *d, *t;
	int64_t days, secs;

	if (r->nf < lay.need) {
		if (!header_again(in, r))
			reject(in_name(in), r->lineno, r->raw, r->len, "too few "
			    "fields (%zu; the columns used need %zu)", r->nf,
			    lay.need);
		return;
	}
	d = &r->f[lay.at[C_DATE]];
	t = &r->f[lay.at[C_TIME]];
	if (kept.tn == 0 || d->n != sizeof(kept.date) || t->n != kept.tn ||
	    memcmp(d->p, kept.date, sizeof(kept.date)) != 0 ||
	    (t->n == 8 ? memcmp(t->p, kept.time, 8) :
	    memcmp(t->p, kept.time, 7)) != 0) {
		kept.tn = 0;
		if (parse_date(d->p, d->n, &days) < 0) {
			if (!header_again(in, r))
				reject_rec(in, r, "bad date", d);
			return;
		}
		if (parse_time(t->p, t->n, &secs) < 0) {
			reject_rec(in, r, "bad time", t);
			return;
		}
		/* valid, so 10 and at most 8 bytes long */
		memcpy(kept.date, d->p, sizeof(kept.date));
		memcpy(kept.time, t->p, t->n);
		kept.tn = t->n;
		kept.len = fmt_int(kept.stamp, days * 86400 + secs);
	}
	if (r->f[lay.at[C_IP]].n == 0) {
		reject_rec(in, r, "empty ip", NULL);
		return;
	}
	emit(r);
}

/* Say how far a malformed record ran: its first line alone is rejected. */
static void
malformed_rec(struct input *in, struct csvrec *r, enum csv_status st)
{
	const char *why = malformed(st);

	if (st == CSV_UNTERMINATED && r->span > 1)
		reject(in_name(in), r->lineno, r->raw, r->len, "%s (not closed "
		    "in the %ju lines to the end of the input; this line "
		    "alone is rejected)", why, r->span);
	else if (st == CSV_UNTERMINATED)
		reject(in_name(in), r->lineno, r->raw, r->len, "%s (the input "
		    "ends on its line)", why);
	else if (st == CSV_QUOTELIMIT)
		reject(in_name(in), r->lineno, r->raw, r->len, "unterminated "
		    "quote (not closed within %ju line%s, the limit -q sets; "
		    "this line alone is rejected)", r->span,
		    r->span == 1 ? "" : "s");
	else if (r->span > 1)
		reject(in_name(in), r->lineno, r->raw, r->len, "%s (the quoted "
		    "field spans %ju lines; this line alone is rejected)",
		    why, r->span);
	else
		reject(in_name(in), r->lineno, r->raw, r->len, "%s", why);
}

static void
parse(const char *name)
{
	struct input in;
	struct csvrec r;
	enum csv_status st;

	in_open(&in, name);
	csv_init(&r);
	r.maxlines = maxlines;
	header(&in, &r);
	while ((st = csv_read(&in, &r, lay.want, lay.need)) != CSV_EOF) {
		if (st == CSV_OK)
			record(&in, &r);
		else
			malformed_rec(&in, &r, st);
	}
	csv_free(&r);
	in_close(&in);
}

int
main(int argc, char *argv[])
{
	int ch;

	tool_init(argv, "[-bhInsuV] [-f columns] [-H header] [-q lines] "
	    "[-r rejects] [file ...]");
	while ((ch = getopt(argc, argv, "bf:H:Inq:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'b':
			bflag = 1;
			break;
		case 'f':
			fflag = optarg;
			break;
		case 'I':
			iflag = 1;
			break;
		case 'H':
			hflag = optarg;
			break;
		case 'n':
			nflag = 1;
			break;
		case 'q':
			maxlines = eoptnum(ch, optarg, 1, INT64_MAX);
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (bflag && fflag != NULL)
		fatal("-b and -f: -b writes the columns time and ip, -f the "
		    "columns it names");

	columns();
	if (hflag != NULL)
		given_header();
	tool_start(argc, argv);
	tool_operands(argc, argv, parse);
	return tool_finish();
}
