/*
 * Civil time: parse_date and parse_time accept exactly what a reference
 * check written from civil.h accepts, and what they accept comes back the
 * same through civil_from_days and format_time.  Days in +-10^9 and any
 * time of tsv_int's range (18 digits) go round days_from_civil and
 * civil_from_days, and format_time's text reads back to the same second.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "civil.h"
#include "fuzz.h"

#define DAYS_MAX	1000000000LL
#define SECS_MAX	999999999999999999LL

static int NOCOV
isdig(uint8_t c)
{
	return c >= '0' && c <= '9';
}

static int NOCOV
num(const uint8_t *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int NOCOV
leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int NOCOV
mdays(long long y, int m)
{
	if (m == 2)
		return leap(y) ? 29 : 28;
	return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

static int NOCOV
ref_date(const uint8_t *s, size_t n, int *y, int *m, int *d)
{
	size_t i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdig(s[i]))
			return -1;
	*y = num(s, 4);
	*m = num(s + 5, 2);
	*d = num(s + 8, 2);
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays(*y, *m))
		return -1;
	return 0;
}

static int NOCOV
ref_time(const uint8_t *s, size_t n, int *h, int *mi, int *se)
{
	size_t hl, i;

	if (n != 7 && n != 8)
		return -1;
	hl = n - 6;
	if (s[hl] != ':' || s[hl + 3] != ':')
		return -1;
	for (i = 0; i < n; i++)
		if (i != hl && i != hl + 3 && !isdig(s[i]))
			return -1;
	*h = num(s, (int)hl);
	*mi = num(s + hl + 1, 2);
	*se = num(s + hl + 4, 2);
	return *h > 23 || *mi > 59 || *se > 59 ? -1 : 0;
}

static int64_t NOCOV
get64(const uint8_t *d, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < 8 && i < n; i++)
		v = v << 8 | d[i];
	return (int64_t)v;
}

/* Read format_time's text back: [-]Y...-MM-DD hh:mm:ss. */
static int64_t NOCOV
read_back(const char *s, size_t n)
{
	int64_t y = 0, days;
	size_t i = 0, ylen;
	int neg = 0, m, d, h, mi, se;

	CHECK(n >= 19 && n < FMT_TIME_MAX);
	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	ylen = n - 15 - i;
	CHECK(ylen >= 4);
	CHECK(ylen == 4 || s[i] != '0');
	for (; i < n - 15; i++) {
		CHECK(isdig((uint8_t)s[i]));
		y = y * 10 + (s[i] - '0');
	}
	s += n - 15;
	CHECK(s[0] == '-' && s[3] == '-' && s[6] == ' ' && s[9] == ':' &&
	    s[12] == ':');
	for (i = 0; i < 15; i++)
		if (i != 0 && i != 3 && i != 6 && i != 9 && i != 12)
			CHECK(isdig((uint8_t)s[i]));
	m = num((const uint8_t *)s + 1, 2);
	d = num((const uint8_t *)s + 4, 2);
	h = num((const uint8_t *)s + 7, 2);
	mi = num((const uint8_t *)s + 10, 2);
	se = num((const uint8_t *)s + 13, 2);
	if (neg)
		y = -y;
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m));
	CHECK(h <= 23 && mi <= 59 && se <= 59);
	days = days_from_civil(y, m, d);
	return days * 86400 + h * 3600 + mi * 60 + se;
}

static void NOCOV
date_time(const uint8_t *d, size_t n)
{
	int64_t days, secs, yy;
	int y, m, dd, h, mi, se, m2, d2, okd, okt;
	char buf[FMT_TIME_MAX], want[64];
	size_t len;

	okd = parse_date((const char *)d, n, &days) == 0;
	CHECK(okd == (ref_date(d, n, &y, &m, &dd) == 0));
	if (okd) {
		civil_from_days(days, &yy, &m2, &d2);
		CHECK(yy == y && m2 == m && d2 == dd);
		CHECK(days_from_civil(y, m, dd) == days);
	}
	okt = parse_time((const char *)d, n, &secs) == 0;
	CHECK(okt == (ref_time(d, n, &h, &mi, &se) == 0));
	if (okt)
		CHECK(secs == h * 3600 + mi * 60 + se);
	CHECK(!(okd && okt));
	if (okd) {
		len = format_time(days * 86400, buf);
		CHECK(len == 19);
		CHECK(memcmp(buf, d, 10) == 0);
		CHECK(memcmp(buf + 10, " 00:00:00", 9) == 0);
	}
	if (okt) {
		len = format_time(secs, buf);
		snprintf(want, sizeof(want), "1970-01-01 %02d:%02d:%02d", h, mi,
		    se);
		CHECK(len == 19 && memcmp(buf, want, 19) == 0);
	}
}

/* The input as a date, a space and a time, the way a log line has them. */
static void NOCOV
stamp(const uint8_t *d, size_t n)
{
	const uint8_t *sp = memchr(d, ' ', n);
	int64_t days, secs;
	char buf[FMT_TIME_MAX], want[FMT_TIME_MAX];
	size_t len, tl;

	if (sp == NULL)
		return;
	tl = n - (size_t)(sp + 1 - d);
	if (parse_date((const char *)d, sp - d, &days) < 0 ||
	    parse_time((const char *)sp + 1, tl, &secs) < 0)
		return;
	len = format_time(days * 86400 + secs, buf);
	memcpy(want, d, 11);
	if (tl == 7)
		want[11] = '0';
	memcpy(want + 11 + (tl == 7), sp + 1, tl);
	CHECK(len == 19 && memcmp(buf, want, 19) == 0);
}

static void NOCOV
day_round_trip(int64_t z)
{
	int64_t y, y2;
	int m, d, m2, d2;

	civil_from_days(z, &y, &m, &d);
	CHECK(m >= 1 && m <= 12 && d >= 1 && d <= mdays(y, m));
	CHECK(days_in_month(y, m) == mdays(y, m));
	CHECK(days_from_civil(y, m, d) == z);
	civil_from_days(z + 1, &y2, &m2, &d2);
	if (d < mdays(y, m))
		CHECK(y2 == y && m2 == m && d2 == d + 1);
	else if (m < 12)
		CHECK(y2 == y && m2 == m + 1 && d2 == 1);
	else
		CHECK(y2 == y + 1 && m2 == 1 && d2 == 1);
}

static void NOCOV
secs_round_trip(int64_t t)
{
	char buf[FMT_TIME_MAX];
	size_t len = format_time(t, buf);

	CHECK(read_back(buf, len) == t);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	int64_t v = get64(d, n);
	uint64_t u = (uint64_t)v;
	char buf[FMT_TIME_MAX];
	size_t len;

	date_time(d, n);
	stamp(d, n);
	len = format_time(v, buf);
	CHECK(len >= 19 && len < FMT_TIME_MAX);
	day_round_trip((int64_t)(u % (2 * DAYS_MAX + 1)) - DAYS_MAX);
	secs_round_trip((int64_t)(u % (2 * (uint64_t)SECS_MAX + 1)) - SECS_MAX);
	if (n >= 16)
		secs_round_trip(get64(d + 8, n - 8) % (SECS_MAX + 1));
	return 0;
}
