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

struct sess {
	const char	*key;	/* unescaped */
	size_t		 keylen;
	struct field	 rawkey;
	const struct stamp	*first, *last;
	int64_t		 duration, count;
};

static enum format format = F_INSIGHT;
static const char *keyname = "ip";	/* -k: the key's name */
static size_t keynamelen = 2;
static char *keyjson;		/* ... as the JSON member's name and ':' */
static size_t keyjsonlen;

static char *keybuf;
static size_t keycap;

/* Sessions come in time order: the date part changes once a day. */
static size_t
datetime(int64_t t, char *buf)
{
	static int64_t day = INT64_MIN;
	static char date[FMT_TIME_MAX];
	static size_t datelen;
	int64_t d = t / 86400 - (t % 86400 < 0), s = t - d * 86400;

	if (d != day) {
		datelen = format_time(d * 86400, date) - 8;
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

	/* s has its slack: an input buffer's, or keybuf's */
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

static void
write_session(const struct sess *x)
{
	struct output *o = &out_stdout;
	char sep = format == F_TSV ? '\t' : ',', *d;

	if (format == F_JSON) {
		out_bytes(o, keyjson, keyjsonlen);
		json_string(o, x->key, x->keylen);
		out_str(o, ",\"first\":\"");
		out_time(o, x->first);
		out_str(o, "\",\"last\":\"");
		out_time(o, x->last);
		out_str(o, "\",\"duration\":");
		out_int(o, x->duration);
		out_str(o, ",\"count\":");
		out_int(o, x->count);
		out_char(o, '}');
		out_eol(o);
		return;
	}
	if (format == F_TSV)
		out_bytes(o, x->rawkey.p, x->rawkey.n);
	else
		csv_field(o, x->key, x->keylen);
	/* the rest in one piece */
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
	out_eol(o);
}

/*
 * Split a session line, which lies in an input buffer, into its fields:
 * returns how many, up to 6.  A line of up to 64 bytes has its TABs found
 * in two windows.
 */
static size_t
split(const char *line, size_t n, struct field *f)
{
	uint64_t tabs;
	size_t i, at;

	if (n > 64)
		return tsv_split(line, n, f, 6);
	tabs = scan_keep(scan_mask32(line, '\t'), n);
	if (n > 32)
		tabs |= (uint64_t)scan_keep(scan_mask32(line + 32, '\t'),
		    n - 32) << 32;
	for (i = 0, at = 0; i < 5 && tabs != 0; i++, tabs &= tabs - 1) {
		f[i].p = line + at;
		f[i].n = scan_ctz64(tabs) - at;
		at += f[i].n + 1;
	}
	f[i].p = line + at;
	f[i].n = n - at;
	return i + 1 + (tabs != 0);
}

/* Check a session line; returns NULL, or why it cannot be used. */
static const char *
parse(const char *line, size_t n, struct sess *x)
{
	struct field f[6];
	long long len;

	if (split(line, n, f) != 5)
		return "not 5 fields";
	if (f[0].n == 0)
		return "empty key";
	if ((x->first = stamp(&f[1])) == NULL ||
	    (x->last = stamp(&f[2])) == NULL)
		return "first or last is not an integer of at most 18 digits";
	if (tsv_count(f[3].p, f[3].n, &x->duration) < 0 ||
	    x->last->v < x->first->v ||
	    x->duration != x->last->v - x->first->v + 1)
		return "duration is not last - first + 1";
	if (tsv_count(f[4].p, f[4].n, &x->count) < 0 || x->count < 1)
		return "count is not a positive integer";
	x->rawkey = f[0];
	/* An ip has no escapes: the key is the field. */
	if (f[0].n <= 16 && scan_keep(scan_mask16(f[0].p, '\\'), f[0].n) == 0) {
		x->key = f[0].p;
		x->keylen = f[0].n;
		return NULL;
	}
	if (f[0].n > keycap) {
		keybuf = scan_realloc(keybuf, keycap, f[0].n);
		keycap = f[0].n;
	}
	if ((len = tsv_unescape(f[0].p, f[0].n, keybuf)) < 0)
		return "bad escape in key";
	x->key = keybuf;
	x->keylen = (size_t)len;
	return NULL;
}

/* The JSON member's name, made once: escaping it costs 7% a session. */
static void
json_key(void)
{
	struct output j;

	out_init(&j, -1, "-k", 0);	/* a buffer, never written */
	out_char(&j, '{');
	json_string(&j, keyname, keynamelen);
	out_char(&j, ':');
	keyjson = j.buf;
	keyjsonlen = j.len;
}

/* The csv format's header line: the key's name as a field needs slack. */
static void
csv_header(void)
{
	char *name = scan_alloc(keynamelen);

	memcpy(name, keyname, keynamelen);
	csv_field(&out_stdout, name, keynamelen);
	out_str(&out_stdout, ",first,last,duration,count");
	out_eol(&out_stdout);
	scan_free(name);
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
	static const char *names[] = { "insight", "csv", "json", "tsv" };
	int ch, i, status;

	tool_init(argv, "[-hsuV] [-f insight | csv | json | tsv] [-k name] "
	    "[-r rejects] [file ...]");
	while ((ch = getopt(argc, argv, "f:k:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'f':
			for (i = 0; i < 4 && strcmp(optarg, names[i]) != 0; i++)
				;
			if (i == 4)
				fatal("-f %s: not a format (insight, csv, json "
				    "or tsv)", optarg);
			format = (enum format)i;
			break;
		case 'k':
			if (*optarg == '\0')
				fatal("-k: the key's name is empty");
			keyname = optarg;
			keynamelen = strlen(optarg);
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;

	tool_start(argc, argv);
	if (format == F_CSV)
		csv_header();
	if (format == F_JSON)
		json_key();
	tool_operands(argc, argv, format_file);
	status = tool_finish();
	scan_free(keybuf);
	free(keyjson);
	return status;
}
