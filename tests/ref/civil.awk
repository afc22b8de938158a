# civil.awk: proleptic Gregorian dates, UTC, for the reference scripts.
# Load it before the script that uses it:
#
#	awk -f civil.awk -f parse.awk log.csv
#
# Its own arithmetic (whole years, then months), not the days-from-civil
# formula of lib/civil.c, so that the two cannot share a mistake.
# POSIX awk only.

BEGIN {
	split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
	before[1] = 0
	for (m = 2; m <= 12; m++)
		before[m] = before[m - 1] + mdays[m - 1]
	epochdays = civildays(1970, 1, 1)
}

function fl(x,	q) {
	q = int(x)
	return (q > x) ? q - 1 : q
}

function isleap(y) {
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

# Days from 0000-01-01 (proleptic Gregorian): whole years, then months.
function civildays(y, m, d,	n) {
	n = 365 * y
	if (y > 0)
		n += fl((y - 1) / 4) - fl((y - 1) / 100) + fl((y - 1) / 400) + 1
	n += before[m] + d - 1
	if (m > 2 && isleap(y))
		n++
	return n
}

# The date of t seconds since the epoch, "YYYY-MM-DD": guess the year,
# then walk to the right one; then walk the months.
function datestr(t,	days, y, m, len) {
	days = fl(t / 86400) + epochdays
	y = int(days / 365.2425)
	while (y > 0 && civildays(y, 1, 1) > days)
		y--
	while (civildays(y + 1, 1, 1) <= days)
		y++
	days -= civildays(y, 1, 1)
	for (m = 1; m < 12; m++) {
		len = mdays[m] + (m == 2 && isleap(y))
		if (days < len)
			break
		days -= len
	}
	return sprintf("%04d-%02d-%02d", y, m, days + 1)
}
