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
#include "tool.h"
#include "tsv.h"
#include "util.h"

enum format { F_INSIGHT, F_CSV, F_JSON, F_TSV };

struct sess {
	const char	*key;	/* unescaped */
	size_t		 keylen;
	struct field	 rawkey;
	int64_t		 first, last, duration, count;
};

static enum format format = F_INSIGHT;

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

static void
out_time(struct output *o, int64_t t)
{
	/* Many sessions end in the same second: keep the last one written. */
	static int64_t last = INT64_MIN;
	static char buf[FMT_TIME_MAX];
	static size_t n;

	if (t != last) {
		n = datetime(t, buf);
		last = t;
	}
	out_bytes(o, buf, n);
}

static void
csv_field(struct output *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			break;
	if (i == n) {
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
	char sep = format == F_TSV ? '\t' : ',';

	if (format == F_JSON) {
		out_str(o, "{\"ip\":");
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
	out_char(o, sep);
	out_time(o, x->first);
	out_char(o, sep);
	out_time(o, x->last);
	out_char(o, sep);
	out_int(o, x->duration);
	out_char(o, sep);
	out_int(o, x->count);
	out_eol(o);
}

/* Check a session line; returns NULL, or why it cannot be used. */
static const char *
parse(const char *line, size_t n, struct sess *x)
{
	struct field f[6];
	long long len;

	if (tsv_split(line, n, f, 6) != 5)
		return "not 5 fields";
	if (f[0].n == 0)
		return "empty key";
	if (tsv_int(f[1].p, f[1].n, &x->first) < 0 ||
	    tsv_int(f[2].p, f[2].n, &x->last) < 0)
		return "first or last is not an integer of at most 18 digits";
	if (tsv_count(f[3].p, f[3].n, &x->duration) < 0 ||
	    x->last < x->first || x->duration != x->last - x->first + 1)
		return "duration is not last - first + 1";
	if (tsv_count(f[4].p, f[4].n, &x->count) < 0 || x->count < 1)
		return "count is not a positive integer";
	if (f[0].n > keycap) {
		keycap = f[0].n;
		keybuf = erealloc(keybuf, keycap);
	}
	if ((len = tsv_unescape(f[0].p, f[0].n, keybuf)) < 0)
		return "bad escape in key";
	x->key = keybuf;
	x->keylen = (size_t)len;
	x->rawkey = f[0];
	return NULL;
}

static void
format_file(const char *name)
{
	struct input in;
	struct sess x;
	const char *why;
	long long n;
	int term;

	in_open(&in, name);
	while ((n = in_line(&in, 0, &term)) >= 0) {
		if ((why = parse(in.buf + in.pos, n, &x)) != NULL)
			reject(in.name, in.lineno + 1, in.buf + in.pos, n,
			    "%s", why);
		else
			write_session(&x);
		in_consume(&in, n + term, 1);
	}
	in_close(&in);
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [-su] [-f insight | csv | json | tsv] "
	    "[-r rejects] [file ...]\n", argv0);
	exit(EXIT_TROUBLE);
}

int
main(int argc, char *argv[])
{
	static const char *names[] = { "insight", "csv", "json", "tsv" };
	int ch, i, status;

	setprogname(argv[0]);
	argv[0] = (char *)argv0;	/* getopt's messages name the tool so */
	while ((ch = getopt(argc, argv, "f:r:su")) != -1) {
		switch (ch) {
		case 'f':
			for (i = 0; i < 4 && strcmp(optarg, names[i]) != 0; i++)
				;
			if (i == 4)
				die("-f %s: not a format (insight, csv, json "
				    "or tsv)", optarg);
			format = (enum format)i;
			break;
		default:
			if (!tool_option(ch, optarg))
				usage();
		}
	}
	argc -= optind;
	argv += optind;

	tool_start();
	if (format == F_CSV) {
		out_str(&out_stdout, "ip,first,last,duration,count");
		out_eol(&out_stdout);
	}
	tool_operands(argc, argv, format_file);
	status = tool_finish();
	free(keybuf);
	return status;
}
