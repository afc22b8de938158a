# format.awk: a reference for session-format's default (insight) output,
# written from SPEC.md, to check session-format against.
#
#	awk -f civil.awk -f format.awk [-v keys=K] [-v extras=X] sessions
#
# Reads the session stream (key, first, last, duration, count) and writes
#	key,YYYY-MM-DD hh:mm:ss,YYYY-MM-DD hh:mm:ss,duration,count
# with the key's stream escapes (\t \n \r \\) undone and the key quoted
# RFC 4180 style only when it holds a comma, a quote, a CR or an LF.
# With keys=K, a line starts with K key fields (sessionize -k of K
# columns; session-format -k of K names), each written so; with
# extras=X, X fields follow count (sessionize -I, -d, -a; session-format
# -x), each written as a key is.  The lines are well formed: the model
# does not check them.  Dates are proleptic Gregorian, UTC. POSIX awk only.

BEGIN {
	FS = "\t"
	if (keys == "")
		keys = 1
	extras += 0
}

# Seconds since the epoch as "YYYY-MM-DD hh:mm:ss".
function datetime(t,	secs) {
	secs = t - fl(t / 86400) * 86400
	return sprintf("%s %02d:%02d:%02d", datestr(t),
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
	out = quote(unescape($1))
	for (i = 2; i <= keys; i++)
		out = out "," quote(unescape($i))
	out = sprintf("%s,%s,%s,%s,%s", out, datetime($(keys + 1) + 0),
	    datetime($(keys + 2) + 0), $(keys + 3), $(keys + 4))
	for (i = keys + 5; i <= keys + 4 + extras; i++)
		out = out "," quote(unescape($i))
	print out
}
