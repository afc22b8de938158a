# parse.awk: a reference EDGAR CSV reader for simple logs, written from
# SPEC.md alone, to check edgar-parse against.
#
#	awk -f civil.awk -f parse.awk [-v brief=1] log.csv > requests
#
# Writes the request stream (time, ip, cik, accession, extention, TAB
# separated; only time and ip with brief=1). Handles what the generated
# and real test logs hold: a header naming the columns in any order
# (case-insensitive, blanks and a UTF-8 BOM ignored), LF or CRLF line
# ends, blank lines, a last line without LF. It does NOT handle CSV
# quoting: a log with a '"' in it is refused (exit 2), so that a
# disagreement with edgar-parse is never the reference's own mistake.
# Unusable records are rejected on stderr as "parse.awk: FILE:LINE:
# reason", with a total at the end and exit status 1. "Too few fields"
# here means too few to reach the ip, date or time column (edgar-parse
# also wants cik, accession and extention when the header has them; the
# generated logs never hold records short of those).
# POSIX awk only: checked under mawk and gawk --posix.

BEGIN {
	FS = ","
	nrej = 0
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# The stream's escapes: backslash, TAB, LF, CR.
function esc(s,	out, c, i) {
	if (s !~ /[\\\t\n\r]/)
		return s
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			c = "\\\\"
		else if (c == "\t")
			c = "\\t"
		else if (c == "\n")
			c = "\\n"
		else if (c == "\r")
			c = "\\r"
		out = out c
	}
	return out
}

function reject(why) {
	nrej++
	printf "parse.awk: %s:%d: %s\n", FILENAME == "" ? "stdin" : FILENAME, FNR, why | "cat 1>&2"
}

function fatal(why) {
	printf "parse.awk: %s:%d: %s\n", FILENAME == "" ? "stdin" : FILENAME, FNR, why | "cat 1>&2"
	dead = 1
	exit 2
}

function field(name) {
	return (name in col) ? $col[name] : ""
}

{
	sub(/\r$/, "")
}

/"/ {
	fatal("quoted fields are beyond this reference")
}

FNR == 1 {
	sub(/^\357\273\277/, "")
	split("", col)
	for (i = 1; i <= NF; i++) {
		name = tolower(trim($i))
		if (!(name in col))
			col[name] = i
	}
	need = 0
	for (i = 1; i <= 3; i++) {
		name = i == 1 ? "ip" : i == 2 ? "date" : "time"
		if (!(name in col))
			fatal("header has no \"" name "\" column")
		if (col[name] > need)
			need = col[name]
	}
	next
}

$0 == "" {
	next
}

{
	if (NF < need) {
		reject("too few fields")
		next
	}
	ip = $col["ip"]
	date = $col["date"]
	time = $col["time"]
	if (ip == "") {
		reject("empty ip")
		next
	}
	if (date !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) {
		reject("bad date")
		next
	}
	y = substr(date, 1, 4) + 0
	mo = substr(date, 6, 2) + 0
	d = substr(date, 9, 2) + 0
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo] + (mo == 2 && isleap(y))) {
		reject("bad date")
		next
	}
	if (time !~ /^[0-9]?[0-9]:[0-9][0-9]:[0-9][0-9]$/) {
		reject("bad time")
		next
	}
	split(time, hms, ":")
	h = hms[1] + 0
	mi = hms[2] + 0
	s = hms[3] + 0
	if (h > 23 || mi > 59 || s > 59) {
		reject("bad time")
		next
	}
	t = (civildays(y, mo, d) - epochdays) * 86400 + h * 3600 + mi * 60 + s
	if (brief)
		printf "%.0f\t%s\n", t, esc(ip)
	else
		printf "%.0f\t%s\t%s\t%s\t%s\n", t, esc(ip), esc(field("cik")),
		    esc(field("accession")), esc(field("extention"))
}

END {
	if (dead)
		exit 2
	if (nrej > 0) {
		printf "parse.awk: %d records rejected\n", nrej | "cat 1>&2"
		exit 1
	}
}
