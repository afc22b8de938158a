/* session-format: session stream in, sessions as text out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civil.h"
#include "input.h"
#include "json.h"
#include "output.h"
#include "reject.h"
#include "scan.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

enum format { F_INSIGHT, F_CSV, F_JSON, F_TSV };

/*
 * A time read and its text as written.  Sessions come in the order they
 * end: line after line has the same last time, and often the same first
 * time too, so the two met last are kept.
 */
struct stamp {
	char		 in[TSV_INT_DIGITS + 1];
	size_t		 inlen;	/* 0: nothing kept */
	int64_t		 v;
	char		 out[FMT_TIME_MAX];
	size_t		 outlen;
};

/*
 * A session line: its first key as read and unescaped; a wide line's
 * other fields are in fields and texts.
 */
struct sess {
	struct field	 key, rawkey;
	const struct stamp	*first, *last;
	int64_t		 duration, count;
};

/* A list of names, of -k or -x. */
struct names {
	const char	*opt;	/* "-k LIST", for messages */
	struct field	*name;
	size_t		 n;
};

static enum format format = F_INSIGHT;
static struct field defname = { "ip", 2 };
static struct names keys = { "-k ip", &defname, 1 };
static struct names extras = { "-x", NULL, 0 };
static size_t nfields = 5;	/* keys + 4 + extras */
static int wide;		/* more than one key, or extras */
static char *notfields;		/* "not N fields" */
static struct field *fields;	/* a line's, nfields + 1 of them */
static struct field *texts;	/* its text fields unescaped: keys, extras */
static struct field *jsonname;	/* the JSON members' names and ':' */
static char *jsonbuf;		/* ... their text */

static char *textbuf;		/* unescaped fields */
static size_t textcap;

/* Sessions come in time order: the date part changes once a day. */
static size_t
datetime(int64_t t, char *buf)
{
	static int64_t day = INT64_MIN;
	static char date[FMT_TIME_MAX];
	static size_t datelen;
	int64_t d = floor_div(t, 86400), s = t - d * 86400;

	if (d != day) {
		datelen = format_date(d, date);
		date[datelen++] = ' ';
		day = d;
	}
	memcpy(buf, date, datelen);
	buf[datelen] = '0' + s / 36000;
	buf[datelen + 1] = '0' + s / 3600 % 10;
	buf[datelen + 2] = ':';
	buf[datelen + 3] = '0' + s / 600 % 6;
	buf[datelen + 4] = '0' + s / 60 % 10;
	buf[datelen + 5] = ':';
	buf[datelen + 6] = '0' + s % 60 / 10;
	buf[datelen + 7] = '0' + s % 10;
	return datelen + 8;
}

static const struct stamp *
stamp(const struct field *f)
{
	static struct stamp kept[2];
	static int older;
	struct stamp *k;
	int i;

	if (f->n == 0)
		return NULL;
	for (i = 0; i < 2; i++)
		if (kept[i].inlen == f->n && scan_equal(kept[i].in, f->p, f->n))
			break;
	if (i == 2) {
		k = &kept[i = older];
		if (tsv_int(f->p, f->n, &k->v) < 0) {
			k->inlen = 0;
			return NULL;
		}
		memcpy(k->in, f->p, f->n);
		k->inlen = f->n;
		k->outlen = datetime(k->v, k->out);
	}
	older = !i;	/* the other one goes first */
	return &kept[i];
}

static void
out_time(struct output *o, const struct stamp *t)
{
	out_bytes(o, t->out, t->outlen);
}

static void
csv_field(struct output *o, const char *s, size_t n)
{
	static const char special[4] = { ',', '"', '\n', '\r' };
	size_t i = 0;

	/* s has its slack: an input buffer's, or textbuf's */
	for (; i < n; i += 16)
		if (scan_keep(scan_mask16_4(s + i, special), n - i) != 0)
			break;
	if (i >= n) {
		out_bytes(o, s, n);
		return;
	}
	out_char(o, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			out_char(o, '"');
		out_char(o, s[i]);
	}
	out_char(o, '"');
}

/* A text field in a column: tsv keeps it escaped, insight and csv quote. */
static void
write_text(struct output *o, const struct field *raw, const struct field *t)
{
	if (format == F_TSV)
		out_bytes(o, raw->p, raw->n);
	else
		csv_field(o, t->p, t->n);
}

/* Is the field an integer as JSON writes one: -?(0|[1-9][0-9]*)? */
static int
json_int(const struct field *f)
{
	size_t i = f->n > 0 && f->p[0] == '-';

	if (i == f->n || (f->p[i] == '0' && f->n > i + 1))
		return 0;
	for (; i < f->n; i++)
		if (f->p[i] < '0' || f->p[i] > '9')
			return 0;
	return 1;
}

/* Where text field i (keys, then extras) is among a line's fields. */
static size_t
at_field(size_t i)
{
	return i < keys.n ? i : i + 4;
}

/*
 * A wide line's text fields from .. to - 1 as JSON members: the keys as
 * strings, an extra as a number when it is an integer.
 */
static void
json_texts(struct output *o, size_t from, size_t to)
{
	const struct field *t;
	size_t i;

	for (i = from; i < to; i++) {
		out_bytes(o, jsonname[i].p, jsonname[i].n);
		t = &texts[i];
		if (i >= keys.n && json_int(t))
			out_bytes(o, t->p, t->n);
		else
			json_string(o, t->p, t->n);
	}
}

static void
write_json(const struct sess *x)
{
	struct output *o = &out_stdout;

	out_bytes(o, jsonname[0].p, jsonname[0].n);
	json_string(o, x->key.p, x->key.n);
	if (wide)
		json_texts(o, 1, keys.n);
	out_str(o, ",\"first\":\"");
	out_time(o, x->first);
	out_str(o, "\",\"last\":\"");
	out_time(o, x->last);
	out_str(o, "\",\"duration\":");
	out_int(o, x->duration);
	out_str(o, ",\"count\":");
	out_int(o, x->count);
	if (wide)
		json_texts(o, keys.n, keys.n + extras.n);
	out_char(o, '}');
	out_eol(o);
}

/* A wide line's text fields from .. to - 1 as columns, each after sep. */
static void
write_texts(struct output *o, size_t from, size_t to, char sep)
{
	size_t i;

	for (i = from; i < to; i++) {
		out_char(o, sep);
		write_text(o, &fields[at_field(i)], &texts[i]);
	}
}

static void
write_session(const struct sess *x)
{
	struct output *o = &out_stdout;
	char sep = format == F_TSV ? '\t' : ',', *d;

	if (format == F_JSON) {
		write_json(x);
		return;
	}
	write_text(o, &x->rawkey, &x->key);
	if (wide)
		write_texts(o, 1, keys.n, sep);
	/* the times and numbers in one piece */
	d = out_room(o, 2 * FMT_TIME_MAX + 2 * 24 + 4);
	*d++ = sep;
	memcpy(d, x->first->out, FMT_TIME_MAX);
	d += x->first->outlen;
	*d++ = sep;
	memcpy(d, x->last->out, FMT_TIME_MAX);
	d += x->last->outlen;
	*d++ = sep;
	d += fmt_int(d, x->duration);
	*d++ = sep;
	d += fmt_int(d, x->count);
	out_commit(o, d);
	if (wide)
		write_texts(o, keys.n, keys.n + extras.n, sep);
	out_eol(o);
}

/*
 * Split a session line, which lies in an input buffer, into its fields:
 * returns how many, up to max, or more than max if it has more.  f has
 * room for max + 1.  A line of up to 64 bytes has its TABs found in two
 * windows.
 */
static size_t
split(const char *line, size_t n, struct field *f, size_t max)
{
	uint64_t tabs;
	size_t i, at;

	if (n > 64)
		return tsv_split(line, n, f, max + 1);
	tabs = scan_keep(scan_mask32(line, '\t'), n);
	if (n > 32)
		tabs |= (uint64_t)scan_keep(scan_mask32(line + 32, '\t'),
		    n - 32) << 32;
	for (i = 0, at = 0; i < max - 1 && tabs != 0; i++, tabs &= tabs - 1) {
		f[i].p = line + at;
		f[i].n = scan_ctz64(tabs) - at;
		at += f[i].n + 1;
	}
	f[i].p = line + at;
	f[i].n = n - at;
	return i + 1 + (tabs != 0);
}

/* A field that is its own text: short and without a backslash, as an ip. */
static int
plain(const struct field *f)
{
	return f->n <= 16 && scan_keep(scan_mask16(f->p, '\\'), f->n) == 0;
}

/*
 * A field that is not plain unescaped into *t, at textbuf + *used; textbuf
 * is grown to the line's length linelen first, so that what the line's
 * other fields keep there stays.  Returns 0, or -1 for a bad escape.
 */
static int
unescape(const struct field *f, struct field *t, size_t linelen, size_t *used)
{
	long long len;

	if (linelen > textcap) {	/* only at a line's first: *used is 0 */
		textbuf = scan_realloc(textbuf, textcap, linelen);
		textcap = linelen;
	}
	if ((len = tsv_unescape(f->p, f->n, textbuf + *used)) < 0)
		return -1;
	t->p = textbuf + *used;
	t->n = (size_t)len;
	*used += (size_t)len;
	return 0;
}

/* A wide line's text fields after the first, unescaped. */
static const char *
parse_texts(const struct field *f, size_t linelen, size_t used)
{
	size_t i;

	for (i = 1; i < keys.n + extras.n; i++)
		if (plain(&f[at_field(i)]))
			texts[i] = f[at_field(i)];
		else if (unescape(&f[at_field(i)], &texts[i], linelen,
		    &used) < 0)
			return i < keys.n ? "bad escape in key" :
			    "bad escape in an extra field";
	return NULL;
}

/* Check a session line; returns NULL, or why it cannot be used. */
static const char *
parse(const char *line, size_t n, struct sess *x)
{
	struct field *f = fields, *t = fields + 1;
	size_t used = 0;

	if (split(line, n, f, nfields) != nfields)
		return notfields;
	if (wide)
		t = fields + keys.n;
	/* of several keys, any may be empty: sessionize -k 2,3 without cik */
	if (f[0].n == 0 && keys.n == 1)
		return "empty key";
	if ((x->first = stamp(&t[0])) == NULL ||
	    (x->last = stamp(&t[1])) == NULL)
		return "first or last is not an integer of at most 18 digits";
	if (tsv_count(t[2].p, t[2].n, &x->duration) < 0 ||
	    x->last->v < x->first->v ||
	    x->duration != x->last->v - x->first->v + 1)
		return "duration is not last - first + 1";
	if (tsv_count(t[3].p, t[3].n, &x->count) < 0 || x->count < 1)
		return "count is not a positive integer";
	x->rawkey = f[0];
	if (plain(&f[0]))
		x->key = f[0];
	else if (unescape(&f[0], &x->key, n, &used) < 0)
		return "bad escape in key";
	return wide ? parse_texts(f, n, used) : NULL;
}

/* The names of -k or -x: the list split at its commas. */
static void
names(struct names *l, int opt, char *list)
{
	char *p, *c;
	size_t n;

	if (l->n > 0 && l->name != &defname) {
		free(l->name);
		free((char *)l->opt);
	}
	for (n = 1, p = list; (p = strchr(p, ',')) != NULL; p++)
		n++;
	l->name = emalloc(n * sizeof(*l->name));
	l->n = n;
	p = emalloc(strlen(list) + 4);
	sprintf(p, "-%c %s", opt, list);
	l->opt = p;
	for (n = 0, p = list;; p = c + 1) {
		c = strchr(p, ',');
		l->name[n].p = p;
		l->name[n].n = c != NULL ? (size_t)(c - p) : strlen(p);
		if (l->name[n++].n == 0)
			fatal("%s: a name is empty", l->opt);
		if (c == NULL)
			break;
	}
}

/* Name i of the text fields: the keys', then the extras'. */
static const struct field *
name_at(size_t i)
{
	return i < keys.n ? &keys.name[i] : &extras.name[i - keys.n];
}

static int
same_name(const struct field *a, const struct field *b)
{
	return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

/*
 * Every name differs from the others and from the session's own four, so
 * that a JSON object never has two members of one name.
 */
static void
check_names(void)
{
	static const struct field own[] = {
		{ "first", 5 }, { "last", 4 }, { "duration", 8 }, { "count", 5 }
	};
	const struct field *a;
	const char *opt;
	size_t i, j;

	for (i = 0; i < keys.n + extras.n; i++) {
		a = name_at(i);
		opt = i < keys.n ? keys.opt : extras.opt;
		for (j = 0; j < 4; j++)
			if (same_name(a, &own[j]))
				fatal("%s: %s is taken: first, last, duration "
				    "and count are the session's own names",
				    opt, own[j].p);
		for (j = 0; j < i; j++)
			if (same_name(a, name_at(j)))
				fatal(j < keys.n && i >= keys.n ?
				    "%s: the name %.*s is a key's name too" :
				    "%s: the name %.*s is given twice", opt,
				    (int)a->n, a->p);
	}
}

/* A name as a csv header's field, which needs slack. */
static void
csv_name(const struct field *name)
{
	char *s = scan_alloc(name->n);

	memcpy(s, name->p, name->n);
	csv_field(&out_stdout, s, name->n);
	scan_free(s);
}

/* The csv format's header line. */
static void
csv_header(void)
{
	size_t i;

	for (i = 0; i < keys.n + extras.n; i++) {
		if (i > 0)
			out_char(&out_stdout, ',');
		if (i == keys.n)
			out_str(&out_stdout, "first,last,duration,count,");
		csv_name(name_at(i));
	}
	if (extras.n == 0)
		out_str(&out_stdout, ",first,last,duration,count");
	out_eol(&out_stdout);
}

/*
 * The JSON members' names, each with the ',' (or the '{') before it and
 * the ':' after, made once: escaping them costs 7% a session.
 */
static void
json_names(void)
{
	struct output j;
	size_t i, *end, n = keys.n + extras.n;
	const struct field *name;

	out_init(&j, -1, "-k", 0);	/* a buffer, never written */
	end = emalloc(n * sizeof(*end));
	for (i = 0; i < n; i++) {
		name = name_at(i);
		out_char(&j, i == 0 ? '{' : ',');
		json_string(&j, name->p, name->n);
		out_char(&j, ':');
		end[i] = j.len;
	}
	jsonname = emalloc(n * sizeof(*jsonname));
	for (i = 0; i < n; i++) {
		jsonname[i].p = j.buf + (i > 0 ? end[i - 1] : 0);
		jsonname[i].n = end[i] - (i > 0 ? end[i - 1] : 0);
	}
	jsonbuf = j.buf;
	free(end);
}

/* What the names say: how many fields a line has, and where they go. */
static void
setup(void)
{
	nfields = keys.n + 4 + extras.n;
	wide = nfields != 5;
	notfields = emalloc(32);
	snprintf(notfields, 32, "not %zu fields", nfields);
	fields = emalloc((nfields + 1) * sizeof(*fields));
	texts = emalloc((keys.n + extras.n) * sizeof(*texts));
	if (format == F_CSV)
		csv_header();
	if (format == F_JSON)
		json_names();
}

static void
format_file(const char *name)
{
	struct input in;
	struct sess x;
	const char *why, *line;
	long long n;
	size_t avail;
	int term;

	in_open(&in, name);
	while ((n = in_line(&in, 0, &term)) >= 0) {
		line = in_peek(&in, &avail);
		if (!term)	/* sessionize always ends its lines */
			reject(in_name(&in), in_lineno(&in) + 1, line, n,
			    "the last line has no line end (the stream was "
			    "cut short)");
		else if ((why = parse(line, n, &x)) != NULL)
			reject(in_name(&in), in_lineno(&in) + 1, line, n, "%s",
			    why);
		else
			write_session(&x);
		in_take(&in, n + term, 1);
	}
	in_close(&in);
}

int
main(int argc, char *argv[])
{
	static const char *const formats[] = { "insight", "csv", "json",
	    "tsv" };
	int ch, status;

	tool_init(argv, "[-hsuV] [-f insight | csv | json | tsv] [-k names] "
	    "[-r rejects] [-x names] [file ...]");
	while ((ch = getopt(argc, argv, "f:k:x:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'f':
			format = (enum format)eoptword(ch, optarg, formats, 4,
			    "a format");
			break;
		case 'k':
			names(&keys, 'k', optarg);
			break;
		case 'x':
			names(&extras, 'x', optarg);
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;

	check_names();
	tool_start(argc, argv);
	setup();
	tool_operands(argc, argv, format_file);
	status = tool_finish();
	scan_free(textbuf);
	free(jsonbuf);
	free(jsonname);
	free(texts);
	free(fields);
	free(notfields);
	if (keys.name != &defname) {
		free(keys.name);
		free((char *)keys.opt);
	}
	if (extras.n > 0) {
		free(extras.name);
		free((char *)extras.opt);
	}
	return status;
}
