/*
 * Civil time as absolute UTC seconds, proleptic Gregorian calendar, 64-bit:
 * no mktime(3), no time zone, no 2038 limit.
 */
#ifndef CIVIL_H
#define CIVIL_H

#include <stddef.h>
#include <stdint.h>

/*
 * a / b rounded down (b > 0): the day or minute of a time, before 1970
 * too: floor_div(t + offset, 86400).
 */
static inline int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b < 0);
}

/* Days since 1970-01-01 of a date; m is 1-12, d is 1-31. */
int64_t	days_from_civil(int64_t, int, int);
void	civil_from_days(int64_t, int64_t *, int *, int *);
int	days_in_month(int64_t, int);

/* "YYYY-MM-DD", a real date: returns 0 and the day number, or -1. */
int	parse_date(const char *, size_t, int64_t *);
/* "hh:mm:ss" or "h:mm:ss", 00:00:00 to 23:59:59: seconds of day, or -1. */
int	parse_time(const char *, size_t, int64_t *);

/*
 * Write "YYYY-MM-DD hh:mm:ss" for seconds since the epoch into buf, which
 * must hold FMT_TIME_MAX bytes; returns the length (19 for years 0-9999).
 */
#define FMT_TIME_MAX	40
size_t	format_time(int64_t, char *);
/* The same, "YYYY-MM-DD", for a day number. */
size_t	format_date(int64_t, char *);

#endif
