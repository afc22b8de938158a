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

enum { C_IP, C_DATE, C_TIME, C_CIK, C_ACCESSION, C_EXTENTION, NCOLS };

static const char *colname[NCOLS] = {
	"ip", "date", "time", "cik", "accession", "extention"
};

static int bflag;
static int nflag;
static const char *hflag;	/* -H: the header, for input without one */
static uintmax_t maxlines = CSV_MAXLINES;

/* Where the columns are, as a header line says. */
struct layout {
	size_t	 col[NCOLS];	/* field of each column, or ABSENT */
	size_t	 need;	/* fields a record needs: up to the last column used */
	size_t	 want;	/* fields kept: those -b writes, or all the needed */
	size_t	 outcol[4];	/* the written columns' fields, or ABSENT */
	size_t	 nout;
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

/*
 * The layout that a header's fields give; names match without case,
 * surrounding blanks or a byte-order mark.  Returns NULL, or the name of
 * the first required column it lacks.
 */
static const char *
layout(const struct csvrec *r, struct layout *l)
{
	size_t i, c, n;
	const char *p;

	for (c = 0; c < NCOLS; c++)
		l->col[c] = ABSENT;
	for (i = 0; i < r->nf; i++) {
		p = r->f[i].p;
		n = r->f[i].n;
		if (i == 0 && n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
			p += 3, n -= 3;
		while (n > 0 && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		for (c = 0; c < NCOLS; c++)
			if (l->col[c] == ABSENT && strlen(colname[c]) == n &&
			    strncasecmp(p, colname[c], n) == 0)
				l->col[c] = i;
	}
	/*
	 * A record is used when it has every column the request stream is
	 * made of, whether or not -b leaves some out of the output, so that
	 * -b never changes what is rejected.  Columns after those are not
	 * looked at.
	 */
	l->need = l->want = l->nout = 0;
	for (c = 0; c < NCOLS; c++) {
		if (c == C_IP || (c >= C_CIK && !bflag))
			l->outcol[l->nout++] = l->col[c];
		if (l->col[c] == ABSENT && c <= C_TIME)
			return colname[c];
		if (l->col[c] != ABSENT && l->col[c] + 1 > l->need)
			l->need = l->col[c] + 1;
		if (l->col[c] != ABSENT && l->col[c] + 1 > l->want &&
		    (c <= C_TIME || !bflag))
			l->want = l->col[c] + 1;
	}
	return NULL;
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
	const char *missing;

	in_openmem(&in, "-H", hflag, strlen(hflag));
	csv_init(&r);
	r.maxlines = maxlines;
	if ((st = csv_read(&in, &r, SIZE_MAX, SIZE_MAX)) == CSV_EOF)
		fatal("-H: the header is empty");
	if (st != CSV_OK)
		fatal("-H: malformed header: %s", malformed(st));
	if ((missing = layout(&r, &given)) != NULL)
		fatal("-H: the header has no \"%s\" column", missing);
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
	const char *missing;

	csv_skip_bom(in);
	if (hflag != NULL) {
		lay = given;
		return;
	}
	if ((st = csv_read(in, r, SIZE_MAX, SIZE_MAX)) == CSV_EOF)
		fatal("%s: no header line (the input is empty)", in->name);
	if (st != CSV_OK)
		fatal("%s:%ju: malformed header: %s", in->name, r->lineno,
		    malformed(st));
	if ((missing = layout(r, &lay)) != NULL)
		fatal("%s:%ju: header has no \"%s\" column (line %ju was taken "
		    "as the header: -H gives the header of input that has "
		    "none)", in->name, r->lineno, missing, r->lineno);
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

	in_openmem(&mem, in->name, r->raw, r->len);
	csv_init(&h);
	is = csv_read(&mem, &h, SIZE_MAX, SIZE_MAX) == CSV_OK && layout(&h, &l) == NULL;
	csv_free(&h);
	in_close(&mem);
	if (is && memcmp(l.col, lay.col, sizeof(l.col)) != 0)
		lay = l;
	return is;
}

static void
reject_rec(struct input *in, struct csvrec *r, const char *why,
    const struct field *f)
{
	if (f != NULL)
		reject(in->name, r->lineno, r->raw, r->len, "%s \"%s\"", why,
		    shown(f->p, f->n));
	else
		reject(in->name, r->lineno, r->raw, r->len, "%s", why);
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
	static uintmax_t kept;
	size_t i;

	if (len > 0 && n == kept + 1) {
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
	kept = n;
	memcpy(d, text, sizeof(text));
	return d + len;
}

/*
 * The record's line, written in one piece: room for the worst case first,
 * and for the copies' overrun (the stamp's, whole, and tsv_escape_pad's).
 */
static void
emit(const struct csvrec *r)
{
	struct output *o = &out_stdout;
	char *d = out_room(o, 3 * sizeof(kept.stamp) + 6 + 2 * r->len +
	    SCAN_SLACK);
	size_t i, c;

	memcpy(d, kept.stamp, sizeof(kept.stamp));
	d += kept.len;
	for (i = 0; i < lay.nout; i++) {
		*d++ = '\t';
		if ((c = lay.outcol[i]) != ABSENT)
			d = tsv_escape_pad(d, r->f[c].p, r->f[c].n);
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
			reject(in->name, r->lineno, r->raw, r->len, "too few "
			    "fields (%zu; the columns used need %zu)", r->nf,
			    lay.need);
		return;
	}
	d = &r->f[lay.col[C_DATE]];
	t = &r->f[lay.col[C_TIME]];
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
	if (r->f[lay.col[C_IP]].n == 0) {
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
		reject(in->name, r->lineno, r->raw, r->len, "%s (not closed "
		    "in the %ju lines to the end of the input; this line "
		    "alone is rejected)", why, r->span);
	else if (st == CSV_UNTERMINATED)
		reject(in->name, r->lineno, r->raw, r->len, "%s (the input "
		    "ends on its line)", why);
	else if (st == CSV_QUOTELIMIT)
		reject(in->name, r->lineno, r->raw, r->len, "unterminated "
		    "quote (not closed within %ju line%s, the limit -q sets; "
		    "this line alone is rejected)", r->span,
		    r->span == 1 ? "" : "s");
	else if (r->span > 1)
		reject(in->name, r->lineno, r->raw, r->len, "%s (the quoted "
		    "field spans %ju lines; this line alone is rejected)",
		    why, r->span);
	else
		reject(in->name, r->lineno, r->raw, r->len, "%s", why);
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

	tool_init(argv, "[-bhnsuV] [-H header] [-q lines] [-r rejects] "
	    "[file ...]");
	while ((ch = getopt(argc, argv, "bH:nq:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'b':
			bflag = 1;
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

	if (hflag != NULL)
		given_header();
	tool_start(argc, argv);
	tool_operands(argc, argv, parse);
	return tool_finish();
}
