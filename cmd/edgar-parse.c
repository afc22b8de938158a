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
#include "tool.h"
#include "tsv.h"
#include "util.h"

#define ABSENT	((size_t)-1)
#define NOTIME	((size_t)-1)

enum { C_IP, C_DATE, C_TIME, C_CIK, C_ACCESSION, C_EXTENTION, NCOLS };

static const char *colname[NCOLS] = {
	"ip", "date", "time", "cik", "accession", "extention"
};

static int bflag;

static size_t col[NCOLS];
static size_t need;		/* fields a record needs: up to the last column used */
static size_t want;		/* fields kept: those -b writes, or all the needed */
static size_t outcol[4];	/* the written columns' fields, or ABSENT */
static size_t nout;

/*
 * A log holds few dates and a second holds many requests: convert a date
 * or a time only when it changes, and keep the last time's decimal form.
 */
static char lastdate[10];
static int lastdateok;		/* 0: nothing kept */
static int64_t lastdays;
static char lasttime[8];
static size_t lasttimelen = NOTIME;	/* NOTIME: nothing kept */
static char stamp[24];
static size_t stamplen;

/* The column of each name we use; names match without case and blanks. */
static void
header(struct input *in, struct csvrec *r)
{
	enum csv_status st;
	size_t i, c, n;
	const char *p;

	csv_skip_bom(in);
	if ((st = csv_read(in, r, SIZE_MAX)) == CSV_EOF)
		die("%s: no header line (the input is empty)", in->name);
	if (st != CSV_OK)
		die("%s:%ju: malformed header: %s", in->name, r->lineno,
		    st == CSV_UNTERMINATED ? "unterminated quote" :
		    "text after a closing quote");
	for (c = 0; c < NCOLS; c++)
		col[c] = ABSENT;
	for (i = 0; i < r->nf; i++) {
		p = r->f[i].p;
		n = r->f[i].n;
		while (n > 0 && (*p == ' ' || *p == '\t'))
			p++, n--;
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		for (c = 0; c < NCOLS; c++)
			if (col[c] == ABSENT && strlen(colname[c]) == n &&
			    strncasecmp(p, colname[c], n) == 0)
				col[c] = i;
	}
	/*
	 * A record is used when it has every column the request stream is
	 * made of, whether or not -b leaves some out of the output, so that
	 * -b never changes what is rejected.  Columns after those are not
	 * looked at.
	 */
	need = want = nout = 0;
	for (c = 0; c < NCOLS; c++) {
		if (c == C_IP || (c >= C_CIK && !bflag))
			outcol[nout++] = col[c];
		if (col[c] == ABSENT && c <= C_TIME)
			die("%s:%ju: header has no \"%s\" column", in->name,
			    r->lineno, colname[c]);
		if (col[c] != ABSENT && col[c] + 1 > need)
			need = col[c] + 1;
		if (col[c] != ABSENT && col[c] + 1 > want &&
		    (c <= C_TIME || !bflag))
			want = col[c] + 1;
	}
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
 * The record's line, written in one piece: room for the worst case first,
 * and for the copies' overrun (the stamp's, whole, and tsv_escape_pad's).
 */
static void
emit(const struct csvrec *r)
{
	struct output *o = &out_stdout;
	char *d = out_room(o, sizeof(stamp) + 5 + 2 * r->len + TSV_PAD);
	size_t i, c;

	memcpy(d, stamp, sizeof(stamp));
	d += stamplen;
	for (i = 0; i < nout; i++) {
		*d++ = '\t';
		if ((c = outcol[i]) != ABSENT)
			d = tsv_escape_pad(d, r->f[c].p, r->f[c].n);
	}
	o->len = d - o->buf;
	out_eol(o);
}

static void
record(struct input *in, struct csvrec *r)
{
	const struct field *d, *t;
	int64_t secs;

	if (r->nf < need) {
		reject(in->name, r->lineno, r->raw, r->len,
		    "too few fields (%zu; the columns used need %zu)", r->nf,
		    need);
		return;
	}
	d = &r->f[col[C_DATE]];
	t = &r->f[col[C_TIME]];
	if (!lastdateok || d->n != sizeof(lastdate) ||
	    memcmp(d->p, lastdate, sizeof(lastdate)) != 0) {
		lasttimelen = NOTIME;
		lastdateok = 0;
		if (parse_date(d->p, d->n, &lastdays) < 0) {
			reject_rec(in, r, "bad date", d);
			return;
		}
		memcpy(lastdate, d->p, sizeof(lastdate));
		lastdateok = 1;
	}
	if (t->n != lasttimelen || (t->n == sizeof(lasttime) ?
	    memcmp(t->p, lasttime, sizeof(lasttime)) :
	    memcmp(t->p, lasttime, t->n)) != 0) {
		if (parse_time(t->p, t->n, &secs) < 0) {
			reject_rec(in, r, "bad time", t);
			return;
		}
		stamplen = fmt_int(stamp, lastdays * 86400 + secs);
		memcpy(lasttime, t->p, t->n);
		lasttimelen = t->n;
	}
	if (r->f[col[C_IP]].n == 0) {
		reject_rec(in, r, "empty ip", NULL);
		return;
	}
	emit(r);
}

static void
parse(const char *name)
{
	struct input in;
	struct csvrec r;
	enum csv_status st;

	in_open(&in, name);
	csv_init(&r);
	lastdateok = 0;
	lasttimelen = NOTIME;
	header(&in, &r);
	while ((st = csv_read(&in, &r, want)) != CSV_EOF) {
		if (st == CSV_UNTERMINATED)
			reject_rec(&in, &r, "unterminated quote "
			    "(the record runs to the end of the input)", NULL);
		else if (st == CSV_AFTERQUOTE)
			reject_rec(&in, &r, "text after a closing quote", NULL);
		else
			record(&in, &r);
	}
	csv_free(&r);
	in_close(&in);
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-bsu] [-r rejects] [file ...]\n", argv0);
	exit(EXIT_TROUBLE);
}

int
main(int argc, char *argv[])
{
	int ch;

	setprogname(argv[0]);
	argv[0] = (char *)argv0;	/* getopt's messages name the tool so */
	while ((ch = getopt(argc, argv, "br:su")) != -1) {
		switch (ch) {
		case 'b':
			bflag = 1;
			break;
		default:
			if (!tool_option(ch, optarg))
				usage();
		}
	}
	argc -= optind;
	argv += optind;

	tool_start();
	tool_operands(argc, argv, parse);
	return tool_finish();
}
