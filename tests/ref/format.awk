# format.awk: a reference for session-format's default (insight) output,
# written from SPEC.md, to check session-format against.
#
#	awk -f format.awk sessions
#
# Reads the session stream (key, first, last, duration, count) and writes
#	key,YYYY-MM-DD hh:mm:ss,YYYY-MM-DD hh:mm:ss,duration,count
# with the key's stream escapes (\t \n \r \\) undone and the key quoted
# RFC 4180 style only when it holds a comma, a quote, a CR or an LF.
# Dates are proleptic Gregorian, UTC. POSIX awk only.

BEGIN {
	FS = "\t"
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

# Seconds since the epoch as "YYYY-MM-DD hh:mm:ss": guess the year, then
# walk to the right one; then walk the months.
function datetime(t,	days, secs, y, m, d, len) {
	days = fl(t / 86400)
	secs = t - days * 86400
	days += epochdays
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
	d = days + 1
	return sprintf("%04d-%02d-%02d %02d:%02d:%02d", y, m, d,
	    int(secs / 3600), int(secs % 3600 / 60), secs % 60)
}

function unescape(s,	out, c, i) {
	if (index(s, "\\") == 0)
		return s
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\") {
			c = substr(s, ++i, 1)
			if (c == "t")
				c = "\t"
			else if (c == "n")
				c = "\n"
			else if (c == "r")
				c = "\r"
			else if (c != "\\") {
				printf "format.awk: line %d: bad escape\n", NR | "cat 1>&2"
				exit 2
			}
		}
		out = out c
	}
	return out
}

function quote(s,	out, c, i) {
	if (s !~ /[,"\r\n]/)
		return s
	out = "\""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		out = out (c == "\"" ? "\"\"" : c)
	}
	return out "\""
}

{
	printf "%s,%s,%s,%s,%s\n", quote(unescape($1)), datetime($2 + 0),
	    datetime($3 + 0), $4, $5
}
