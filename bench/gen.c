/*
 * gen: write a synthetic EDGAR weblog, deterministic for a given seed.
 *
 *	gen [-n records] [-s seed] [-d YYYY-MM-DD] > log.csv
 *
 * The log has the SEC's 15 columns and looks like the real ones: a few
 * crawlers make a large share of the requests while most addresses come
 * once or twice (addresses are drawn from a Zipf law, P(rank k) ~ 1/k);
 * an address asks in bursts (a visit of several requests a few seconds
 * apart); the request rate follows a daily rhythm around 231 requests a
 * second, so that 20 million records make a day whatever the size asked
 * for; time never goes backwards.  Its own PRNG (xoshiro256**, seeded by
 * splitmix64) and no libm, so the output is the same everywhere.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civil.h"

#define OUTBUF		(4 << 20)
#define LINEMAX		256
#define WHEEL		1024	/* seconds; longer than any gap in a visit */
#define RATE		231.5	/* requests a second: 20 million a day */
#define EXP2STEPS	1024

struct visit {
	uint32_t	 rank;	/* the address */
	uint32_t	 doc;	/* the document being looked at */
	uint32_t	 left;	/* requests still to come */
};

struct bucket {
	struct visit	*v;
	size_t		 n, cap;
};

struct weighted {
	const char	*s;
	unsigned	 w;
};

static uint64_t rs[4];
static uint64_t salt;		/* makes each seed's addresses its own */
static char *obuf;
static size_t olen;
static struct bucket wheel[WHEEL];
static double exp2tab[EXP2STEPS + 1];
static double addrbits, cikbits;	/* log2 of the population sizes */
static double hourw[25];

/*
 * Traffic by UTC hour, relative: the busy hours are America's day, the
 * quietest hour half as busy as the busiest, as in the SEC's logs.
 */
static const double hours[24] = {
	.85, .82, .78, .75, .73, .71, .73, .77, .82, .88, .95, 1.02,
	1.13, 1.26, 1.37, 1.40, 1.37, 1.33, 1.26, 1.19, 1.09, .99, .92, .88
};

/* Weights per 10,000, after a day of real logs. */
static const struct weighted exts[] = {
	{ "-index.htm", 4750 }, { ".txt", 3030 }, { "primary_doc.xml", 200 },
	{ "-index.html", 70 }, { "edgar.xml", 67 },
	{ "xslF345X03/doc4.xml", 61 }, { "doc3.xml", 48 }, { "doc4.xml", 39 },
	{ "xslF345X03/form4.xml", 30 }, { ".hdr.sgml", 30 },
	{ "-xbrl.zip", 27 }, { "xslFormDX01/primary_doc.xml", 26 },
	{ "filename1.pdf", 25 }, { "form4.xml", 23 },
	{ "xslForm13F_X01/infoTable.xml", 12 }, { "FilingSummary.xml", 12 },
	{ "Financial_Report.xlsx", 10 }, { NULL, 1540 }	/* a named file */
};

static const struct weighted codes[] = {
	{ "200.0", 6512 }, { "301.0", 2895 }, { "429.0", 145 },
	{ "403.0", 145 }, { "206.0", 129 }, { "304.0", 69 }, { "503.0", 53 },
	{ "0.0", 24 }, { "404.0", 24 }, { "400.0", 4 }
};

static const struct weighted finds[] = {
	{ "10.0", 8990 }, { "7.0", 661 }, { "9.0", 208 }, { "1.0", 121 },
	{ "2.0", 13 }, { "8.0", 5 }, { "3.0", 2 }
};

/* Filing agents that file for many companies. */
static const char *const agents[] = {
	"0001193125", "0001209191", "0001144204", "0001140361", "0001571049",
	"0001127602", "0000899243", "0001179110", "0001047469", "0001213900"
};

/* Documents named by their filers: a prefix, a number, a suffix. */
static const char *const docnames[][2] = {
	{ "d", "d10k.htm" }, { "v", "_8k.htm" }, { "form10q", ".htm" },
	{ "ex99", ".htm" }, { "R", ".htm" }, { "f", "taffin.xml" },
	{ "s", "_10k.htm" }, { "xslF345X03/f", "doc4.xml" }
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rnd(void)
{
	uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;

	rs[2] ^= rs[0];
	rs[3] ^= rs[1];
	rs[1] ^= rs[2];
	rs[0] ^= rs[3];
	rs[2] ^= t;
	rs[3] = rotl(rs[3], 45);
	return r;
}

/* Uniform in [0, 1). */
static double
unif(void)
{
	return (double)(rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [0, n). */
static uint32_t
below(uint32_t n)
{
	return (uint32_t)(((rnd() >> 32) * n) >> 32);
}

/* A fixed scrambling of a number, so ranks map to scattered values. */
static uint64_t
mix(uint64_t x)
{
	return splitmix(&x);
}

/* An index into a table of weights per 10,000. */
static size_t
pick(const struct weighted *w, size_t n)
{
	uint32_t r = below(10000);
	size_t i;

	for (i = 0; i < n - 1 && r >= w[i].w; i++)
		r -= w[i].w;
	return i;
}

static double
log2of(double x)
{
	double r = 0, bit = 1;
	int i;

	while (x >= 2) {
		x /= 2;
		r += 1;
	}
	for (i = 0; i < 40; i++) {
		x *= x;
		bit /= 2;
		if (x >= 2) {
			x /= 2;
			r += bit;
		}
	}
	return r;
}

/* 2^y for 0 <= y < 63 from a table of 2^(i/1024), interpolated. */
static double
exp2of(double y)
{
	int i = (int)y, j;
	double f = (y - i) * EXP2STEPS, g;

	j = (int)f;
	g = f - j;
	return (double)(1ULL << i) * (exp2tab[j] + g * (exp2tab[j + 1] -
	    exp2tab[j]));
}

/* A Zipf rank in [1, 2^bits): P(k) = log2((k + 1) / k) / bits. */
static uint32_t
zipf(double bits)
{
	return (uint32_t)exp2of(unif() * bits);
}

static double
sqrtof(double x)
{
	double r = x / 16 + 4;
	int i;

	for (i = 0; i < 8; i++)
		r = (r + x / r) / 2;
	return r;
}

/* The relative request rate at a second of the day. */
static double
rhythm(int64_t sec)
{
	double h = (double)(sec % 86400) / 3600 - 0.5;
	int i;

	if (h < 0)
		h += 24;
	i = (int)h;
	return hourw[i] + (h - i) * (hourw[i + 1] - hourw[i]);
}

static void
setup(uint64_t seed, uint64_t n)
{
	double x = 1, step = 1.0006771306930664, s = 0;	/* 2^(1/1024) */
	int i;

	rs[0] = splitmix(&seed);
	rs[1] = splitmix(&seed);
	rs[2] = splitmix(&seed);
	rs[3] = splitmix(&seed);
	salt = splitmix(&seed) << 32;
	for (i = 0; i <= EXP2STEPS; i++) {
		exp2tab[i] = x;
		x *= step;
	}
	for (i = 0; i < 24; i++)
		s += hours[i];
	for (i = 0; i < 24; i++)
		hourw[i] = hours[i] * 24 / s;
	hourw[24] = hourw[0];
	/* About one visit in four records; as many addresses as visits. */
	addrbits = log2of((double)n / 4 + 1000);
	cikbits = log2of(600000);
	if ((obuf = malloc(OUTBUF)) == NULL) {
		perror("gen");
		exit(2);
	}
}

static void
flush(void)
{
	if (olen > 0 && fwrite(obuf, 1, olen, stdout) != olen) {
		perror("gen: stdout");
		exit(2);
	}
	olen = 0;
}

static char *
putu(char *p, uint64_t v)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

static char *
putz(char *p, uint64_t v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static char *
puts0(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/*
 * The SEC hides an address's last octet behind three letters from a to j,
 * one fixed spelling per octet value.
 */
static char *
putip(char *p, uint32_t rank)
{
	uint32_t h = (uint32_t)mix(rank ^ salt), o;

	p = putu(p, 1 + (h >> 24) % 223);
	*p++ = '.';
	p = putu(p, (h >> 16) & 255);
	*p++ = '.';
	p = putu(p, (h >> 8) & 255);
	*p++ = '.';
	o = ((h & 255) * 397 + 211) % 1000;
	*p++ = (char)('a' + o / 100);
	*p++ = (char)('a' + o / 10 % 10);
	*p++ = (char)('a' + o % 10);
	return p;
}

/* cik, accession and extention of a document. */
static char *
putdoc(char *p, uint32_t doc)
{
	uint64_t h = mix((uint64_t)doc << 20 ^ salt ^ 0xd0c);
	uint32_t cik, year;
	const char *ext;
	size_t i;

	cik = (h & 3) ? 1000000 + (uint32_t)(h >> 8) % 710000 :
	    1000 + (uint32_t)(h >> 8) % 999000;
	p = putu(p, cik);
	p = puts0(p, ".0,");
	if ((h >> 40) % 3 == 0)
		p = putz(p, cik, 10);
	else
		p = puts0(p, agents[(h >> 44) % 10]);
	*p++ = '-';
	year = (uint32_t)(h >> 48) % 100;
	year = year < 55 ? 17 : year < 75 ? 6 + year % 11 :
	    (93 + (year - 75) % 13) % 100;
	p = putz(p, year, 2);
	*p++ = '-';
	p = putz(p, (h >> 20) % 60000, 6);
	*p++ = ',';
	ext = exts[pick(exts, NELEM(exts))].s;
	if (ext != NULL)
		return puts0(p, ext);
	i = below(NELEM(docnames));
	p = puts0(p, docnames[i][0]);
	p = putu(p, (h >> 24) % 900000);
	return puts0(p, docnames[i][1]);
}

/* The size the server reported, by the status code's index in codes. */
static char *
putsize(char *p, size_t code)
{
	static const uint32_t base[] = { 0, 670, 5434, 0, 2800, 248, 0, 0,
	    740, 0 };
	static const uint32_t spread[] = { 0, 20, 1, 1, 100, 2, 1, 0, 50, 1 };
	uint32_t v;

	if (code == 0)
		v = (uint32_t)exp2of(9 + 12 * unif() * unif());
	else if (code == 7)
		v = (uint32_t)exp2of(14 + 6 * unif());
	else if (code == 6)
		v = below(2) ? 38949 : 0;
	else
		v = base[code] + below(spread[code]);
	p = putu(p, v);
	return puts0(p, ".0,");
}

/* One log line: prefix holds ",date,time,zone," for the current second. */
static void
emit(const struct visit *v, const char *prefix, size_t plen)
{
	char *p = obuf + olen, *ext;
	size_t code;
	uint64_t a = mix(v->rank ^ salt ^ 0xa9e47ULL);

	p = putip(p, v->rank);
	memcpy(p, prefix, plen);
	p += plen;
	ext = p;
	p = putdoc(p, v->doc);
	while (*ext != ',')
		ext++;
	ext = strchr(ext + 1, ',') + 1;
	*p++ = ',';
	code = pick(codes, NELEM(codes));
	p = puts0(p, codes[code].s);
	*p++ = ',';
	p = putsize(p, code);
	p = puts0(p, ext[0] == '-' && ext[1] == 'i' ? "1.0," : "0.0,");
	p = puts0(p, (a & 63) == 0 ? "1.0," : "0.0,");
	p = puts0(p, (a >> 6 & 63) == 0 ? "1.0," : "0.0,");
	p = puts0(p, finds[pick(finds, NELEM(finds))].s);
	p = puts0(p, (a >> 12 & 511) == 0 ? ",1.0," : ",0.0,");
	*p++ = '\n';
	olen = (size_t)(p - obuf);
	if (olen > OUTBUF - LINEMAX)
		flush();
}

static void
schedule(const struct visit *v, int64_t sec)
{
	struct bucket *b = &wheel[sec % WHEEL];

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 256;
		if ((b->v = realloc(b->v, b->cap * sizeof(*b->v))) == NULL) {
			perror("gen");
			exit(2);
		}
	}
	b->v[b->n++] = *v;
}

/* Seconds to the next request of a visit: often none, at most minutes. */
static int64_t
gap(void)
{
	uint32_t r = below(100);

	if (r < 45)
		return 0;
	if (r < 85)
		return 1 + below(5);
	return 6 + below(below(2) ? 60 : 600);
}

/* Requests in a visit after the first. */
static uint32_t
visitlen(void)
{
	uint32_t r = below(100), n = 0;
	double cont = r < 70 ? 0.3 : r < 95 ? 0.8 : 0.975;

	while (unif() < cont)
		n++;
	return n;
}

/* Write the requests of a visit that fall in this second. */
static uint64_t
request(struct visit v, int64_t sec, const char *prefix, size_t plen,
    uint64_t budget)
{
	uint64_t done = 0;
	int64_t g;

	for (;;) {
		emit(&v, prefix, plen);
		done++;
		if (v.left == 0)
			return done;
		v.left--;
		if (below(2))
			v.doc = zipf(cikbits);
		if ((g = gap()) > 0 || done == budget) {
			schedule(&v, sec + (g > 0 ? g : 1));
			return done;
		}
	}
}

static struct visit
fresh(void)
{
	struct visit v;

	v.rank = zipf(addrbits);
	v.doc = zipf(cikbits);
	v.left = visitlen();
	return v;
}

static char *
putday(char *p, int64_t days)
{
	int64_t y;
	int m, d;

	civil_from_days(days, &y, &m, &d);
	p = putz(p, (uint64_t)y, 4);
	*p++ = '-';
	p = putz(p, (uint64_t)m, 2);
	*p++ = '-';
	return putz(p, (uint64_t)d, 2);
}

/* Records in one second: the rhythm, a slow drift, Poisson-like noise. */
static uint64_t
persecond(int64_t sec, double *drift)
{
	double lam, z;

	*drift += 0.03 * (unif() - 0.5) - 0.002 * (*drift);
	lam = RATE * rhythm(sec) * (1 + *drift);
	z = unif() + unif() + unif() + unif() - 2;	/* sd 1/sqrt(3) */
	lam += z * 1.7320508075688772 * sqrtof(lam);
	return lam < 0 ? 0 : (uint64_t)(lam + unif());
}

static void
generate(uint64_t n, int64_t day0)
{
	char prefix[40], *p;
	size_t plen, i;
	uint64_t want, done;
	uint32_t rem, nfresh;
	int64_t sec;
	double drift = 0;
	struct bucket *b;
	struct visit v;

	for (sec = 0; n > 0; sec++) {
		p = prefix;
		*p++ = ',';
		p = putday(p, day0 + sec / 86400);
		*p++ = ',';
		p = putz(p, (uint64_t)(sec % 86400 / 3600), 2);
		*p++ = ':';
		p = putz(p, (uint64_t)(sec % 3600 / 60), 2);
		*p++ = ':';
		p = putz(p, (uint64_t)(sec % 60), 2);
		p = puts0(p, ",0.0,");
		plen = (size_t)(p - prefix);
		want = persecond(sec, &drift);
		b = &wheel[sec % WHEEL];
		/*
		 * Visits going on and new ones, interleaved so that both
		 * run out together: each writes about two records here.
		 */
		for (i = 0; n > 0 && (i < b->n || want > 0); n -= done) {
			rem = (uint32_t)(b->n - i);
			nfresh = want / 2 > rem ? (uint32_t)(want / 2) - rem : 0;
			if (rem > 0 && (want == 0 || below(rem + nfresh) < rem))
				v = b->v[i++];
			else
				v = fresh();
			done = request(v, sec, prefix, plen, n);
			want = want > done ? want - done : 0;
		}
		b->n = 0;
	}
	flush();
}

static int
parsedate(const char *s, int64_t *days)
{
	if (parse_date(s, strlen(s), days) < 0 || *days < 0)
		return -1;
	return 0;
}

static uint64_t
number(int ch, const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		goto bad;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end != '\0' || errno != 0 || v > max)
		goto bad;
	return v;
bad:
	fprintf(stderr, "gen: -%c %s: not a number from 0 to %llu\n", ch, s,
	    (unsigned long long)max);
	exit(2);
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-d YYYY-MM-DD] [-n records] [-s seed]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	uint64_t n = 10000000, seed = 1;
	int64_t day0 = 0;
	const char *date = "2017-06-30";
	int ch;

	while ((ch = getopt(argc, argv, "d:n:s:")) != -1) {
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'n':
			n = number(ch, optarg, 4000000000ULL);
			break;
		case 's':
			seed = number(ch, optarg, UINT64_MAX);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (parsedate(date, &day0) != 0) {
		fprintf(stderr, "gen: -d %s: not a date YYYY-MM-DD "
		    "from 1970 on\n", date);
		exit(2);
	}
	setup(seed, n);
	fputs("ip,date,time,zone,cik,accession,extention,code,size,idx,"
	    "norefer,noagent,find,crawler,browser\n", stdout);
	generate(n, day0);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen: stdout");
		return 2;
	}
	return 0;
}
