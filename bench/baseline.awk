# baseline.awk: the yardstick.  The sessionization job as a shell user
# would write it in plain awk, to see what the toolkit buys:
#
#	awk -v P=600 -f bench/baseline.awk log.csv > sessionization.txt
#
# Reads an EDGAR log (fields split on commas, no CSV quoting: the SEC's
# logs and bench/gen's have none), keeps the open sessions in arrays, and
# every time the clock moves scans them all for the ones that are over.
# Output is session-format's default in the toolkit's default order: by
# last request, ties by first request; at the end, by first request.
# Assumes the log is in time order, as the challenge allows.

function days(s,	y, m, d, era, yoe, doy) {
	y = substr(s, 1, 4) + 0
	m = substr(s, 6, 2) + 0
	d = substr(s, 9, 2) + 0
	if (m <= 2)
		y--
	era = int(y / 400)
	yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + \
	    doy - 719468
}

function session(k) {
	print k "," firsts[k] "," lasts[k] "," last[k] - first[k] + 1 "," \
	    count[k]
	delete first[k]
	delete last[k]
	delete firsts[k]
	delete lasts[k]
	delete count[k]
	delete seq[k]
}

# a before b in the ending order: last request, then first request.
function before(a, b) {
	return last[a] < last[b] || (last[a] == last[b] && seq[a] < seq[b])
}

# Write the sessions that are over at time t, in the order they ended.
function expire(t,	k, n, i, j, x, ended) {
	n = 0
	for (k in last)
		if (t - last[k] > P)
			ended[++n] = k
	for (i = 2; i <= n; i++) {
		x = ended[i]
		for (j = i - 1; j > 0 && before(x, ended[j]); j--)
			ended[j + 1] = ended[j]
		ended[j + 1] = x
	}
	for (i = 1; i <= n; i++)
		session(ended[i])
}

BEGIN {
	FS = ","
	if (P !~ /^[0-9]+$/ || P + 0 < 1) {
		print "usage: awk -v P=seconds -f baseline.awk [log.csv]" \
		    > "/dev/stderr"
		exit 2
	}
	P += 0
	clock = -1
}

NR == 1 {
	sub(/^\357\273\277/, "")
	sub(/\r$/, "")
	for (i = 1; i <= NF; i++) {
		name = tolower($i)
		gsub(/^[ \t]+|[ \t]+$/, "", name)
		col[name] = i
	}
	if (!("ip" in col) || !("date" in col) || !("time" in col)) {
		print "baseline.awk: no ip, date or time column" > "/dev/stderr"
		exit 2
	}
	ipc = col["ip"]
	datec = col["date"]
	timec = col["time"]
	next
}

/^\r?$/ { next }

{
	sub(/\r$/, "")
	ip = $ipc
	d = $datec
	tm = $timec
	if (length(tm) == 7)
		tm = "0" tm
	if (d != lastdate) {
		day = days(d)
		lastdate = d
	}
	split(tm, hms, ":")
	t = day * 86400 + hms[1] * 3600 + hms[2] * 60 + hms[3]
	if (t > clock) {
		expire(t)
		clock = t
	}
	if (ip in last) {
		last[ip] = t
		lasts[ip] = d " " tm
		count[ip]++
	} else {
		first[ip] = last[ip] = t
		firsts[ip] = lasts[ip] = d " " tm
		count[ip] = 1
		seq[ip] = NR
	}
}

# What is still open ends with the input, in first-request order.
END {
	for (k in seq)
		byseq[seq[k]] = k
	for (i = 2; i <= NR; i++)
		if (i in byseq)
			session(byseq[i])
}
