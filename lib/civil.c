#include <string.h>

#include "civil.h"

/*
 * The calendar repeats every 400 years (146097 days).  Counting years from
 * March makes the leap day the last day of a year, so the day of the year
 * follows from the month by a linear formula.
 */
int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
days_in_month(int64_t y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return len[m - 1];
}

static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
parse_date(const char *s, size_t n, int64_t *days)
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if ((y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 1 || m > 12)
		return -1;
	if ((d = digits(s + 8, 2)) < 1 || d > days_in_month(y, m))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

int
parse_time(const char *s, size_t n, int64_t *secs)
{
	int h, m, sec, hl = (int)n - 6;

	if ((hl != 1 && hl != 2) || s[hl] != ':' || s[hl + 3] != ':')
		return -1;
	if ((h = digits(s, hl)) < 0 || h > 23)
		return -1;
	if ((m = digits(s + hl + 1, 2)) < 0 || m > 59)
		return -1;
	if ((sec = digits(s + hl + 4, 2)) < 0 || sec > 59)
		return -1;
	*secs = h * 3600 + m * 60 + sec;
	return 0;
}

/* Digits of v, at least w of them, right-aligned ending at end. */
static char *
putnum(char *end, int64_t v, int w)
{
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--end = '0' + u % 10;
		u /= 10;
		w--;
	} while (u > 0 || w > 0);
	if (v < 0)
		*--end = '-';
	return end;
}

/* The date of a day number, to the left of p, which it returns moved. */
static char *
putdate(char *p, int64_t days)
{
	int64_t y;
	int m, d;

	civil_from_days(days, &y, &m, &d);
	p = putnum(p, d, 2);
	*--p = '-';
	p = putnum(p, m, 2);
	*--p = '-';
	return putnum(p, y, 4);
}

static size_t
copyout(const char *p, const char *end, char *buf)
{
	size_t n = (size_t)(end - p);

	memcpy(buf, p, n);
	return n;
}

size_t
format_date(int64_t days, char *buf)
{
	char tmp[FMT_TIME_MAX];

	return copyout(putdate(tmp + sizeof(tmp), days), tmp + sizeof(tmp),
	    buf);
}

size_t
format_time(int64_t t, char *buf)
{
	char tmp[FMT_TIME_MAX], *p = tmp + sizeof(tmp);
	int64_t days = t / 86400, sod = t % 86400;

	if (sod < 0) {	/* floor_div()'s, without days * 86400 overflowing */
		sod += 86400;
		days--;
	}

	p = putnum(p, sod % 60, 2);
	*--p = ':';
	p = putnum(p, sod / 60 % 60, 2);
	*--p = ':';
	p = putnum(p, sod / 3600, 2);
	*--p = ' ';
	p = putdate(p, days);
	return copyout(p, tmp + sizeof(tmp), buf);
}
