# quote.awk: rewrite a simple EDGAR CSV log (no quotes in it) with RFC 4180
# quoting that must not change what edgar-parse makes of it.
#
#	awk -f quote.awk -v seed=N log.csv > quoted.csv
#
# Fields, header names included, are wrapped in quotes at random; the
# columns edgar-parse does not write (zone, code, size, browser, ...) are
# now and then given values that only quoting makes legal: a comma, a
# doubled quote, a line break (LF, or CRLF in a CRLF log), an empty
# quoted field. Line ends and blank lines are kept (a missing last LF is
# added). Header names with blanks around them are left unquoted.

BEGIN {
	FS = ","
	if (seed == "")
		seed = 1
	state = seed % 2147483646 + 1
	for (i = 0; i < 5; i++)
		rnd()
	keep["ip"] = keep["date"] = keep["time"] = 1
	keep["cik"] = keep["accession"] = keep["extention"] = 1
}

function rnd() {
	state = (state * 16807) % 2147483647
	return state / 2147483647
}

function q(s) {
	return "\"" s "\""
}

function nasty(	k) {
	k = int(rnd() * 5)
	if (k == 0)
		return q("x,y")
	if (k == 1)
		return q("say \"\"hi\"\"")
	if (k == 2)
		return q("two" (cr ? "\r\n" : "\n") "lines")
	if (k == 3)
		return q("")
	return q(",\"\",")
}

{
	cr = sub(/\r$/, "")
	if ($0 == "") {
		printf "%s", (cr ? "\r\n" : "\n")
		next
	}
	out = ""
	for (i = 1; i <= NF; i++) {
		f = $i
		if (FNR == 1) {
			name[i] = tolower(f)
			gsub(/[ \t]/, "", name[i])
		}
		else if (!(name[i] in keep) && rnd() < 0.2)
			f = nasty()
		else if (rnd() < 0.3)
			f = q(f)
		if (FNR == 1 && f !~ /^[ \t]|[ \t]$/ && rnd() < 0.3)
			f = q(f)
		out = out (i > 1 ? "," : "") f
	}
	printf "%s%s", out, (cr ? "\r\n" : "\n")
}
