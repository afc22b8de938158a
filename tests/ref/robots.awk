# robots.awk: a reference for edgar-robots, written from issue 12 and the
# man page's rules, reading the EDGAR CSV itself (not edgar-parse's stream).
#
#	awk -f civil.awk -f robots.awk -v preset=lmw [-v out=kept] [-v z=0] log.csv
#
# preset is sec, lm, lmw or drt; or leave it empty and set the rules
# one by one: -v crawler=1 -v idx=1 -v code=300 (code >= 300 removed)
# -v dayge=50 (50 or more a day) -v daygt=500 (more than 500) -v minute=25 (more than 25 in a minute)
# -v ciks=3 (more than 3 distinct CIKs in a minute); -1 or unset: off.
# out is
#	kept	the CSV line numbers (NR) of the records kept, one a line
#	removed	the line numbers of the others
#	flagged	day TAB ip TAB rule TAB count, sorted by day, ip (bytes), rule
#	report	the per-day report, in the man page's column order
# Not a streaming program: it reads the whole log, counts per (day, ip),
# per (day, ip, minute) and per (day, ip, minute, cik) in arrays, then
# decides; so it shares no design with the tool.  The log must be one
# header line, then unquoted records, in time order (the test logs are).
# POSIX awk only.

BEGIN {
	FS = ","
	if (out == "")
		out = "kept"
	if (z == "")
		z = 0
	if (preset != "") {
		crawler = 1; idx = 1; code = 300
		dayge = -1; daygt = -1; minute = -1; ciks = -1
		if (preset == "lm")
			dayge = 50
		else if (preset == "lmw") {
			daygt = 500; minute = 25; ciks = 3
		} else if (preset == "drt") {
			daygt = 1000; minute = 5
		} else if (preset != "sec") {
			print "robots.awk: no preset " preset > "/dev/stderr"
			exit 2
		}
	}
	if (crawler == "") crawler = 0
	if (idx == "") idx = 0
	if (code == "") code = -1
	if (dayge == "") dayge = -1
	if (daygt == "") daygt = -1
	if (minute == "") minute = -1
	if (ciks == "") ciks = -1
	nrule = split("day minute ciks", rname, " ")
}

function trim(s) {
	sub(/^[ \t\r\357\273\277]+/, "", s)
	sub(/[ \t\r]+$/, "", s)
	return tolower(s)
}

# A CIK as a value: numbers compare as numbers ("5" and "5.0" alike),
# anything else as its text.
function cikof(s) {
	if (s ~ /^[0-9]+(\.0+)?$/)
		return "n" (s + 0)
	return "t" s
}

NR == 1 {
	for (i = 1; i <= NF; i++)
		c[trim($i)] = i
	next
}

{
	sub(/\r$/, "")
	if ($0 == "")
		next
	split($c["date"], d, "-")
	split($c["time"], hms, ":")
	t = (civildays(d[1] + 0, d[2] + 0, d[3] + 0) - epochdays) * 86400 + \
	    hms[1] * 3600 + hms[2] * 60 + hms[3]
	s = t + z * 3600
	day = fl(s / 86400)
	ip = $c["ip"]
	n++
	rec[n] = NR
	rday[n] = day
	rip[n] = ip
	if (!((day) in seen)) {
		seen[day] = 1
		days[++ndays] = day
	}
	used[day]++
	if (!((day, ip) in ipseen)) {
		ipseen[day, ip] = 1
		nips[day]++
		dayips[day, nips[day]] = ip
	}
	# The flags, first match charged.
	fl_ = ""
	if (crawler == 1 && $c["crawler"] + 0 == 1)
		fl_ = "crawler"
	else if (idx == 1 && $c["idx"] + 0 == 1)
		fl_ = "idx"
	else if (code >= 0 && $c["code"] + 0 >= code)
		fl_ = "code"
	rflag[n] = fl_
	if (fl_ != "") {
		removed[day, fl_]++
		next
	}
	cnt[day, ip]++
	m = fl(s / 60)
	mc = ++permin[day, ip, m]
	if (mc > maxmin[day, ip])
		maxmin[day, ip] = mc
	k = cikof($c["cik"])
	if (!((day, ip, m, k) in cikseen)) {
		cikseen[day, ip, m, k] = 1
		kc = ++minciks[day, ip, m]
		if (kc > maxciks[day, ip])
			maxciks[day, ip] = kc
	}
}

function dayday(day, ip) {
	return (dayge >= 0 && cnt[day, ip] >= dayge) ||
	    (daygt >= 0 && cnt[day, ip] > daygt)
}

# The first ip rule that flags ip on day, "" if none.
function robot(day, ip,	   r) {
	if (!((day, ip) in cnt))
		return ""
	if (dayday(day, ip))
		return "day"
	if (minute >= 0 && maxmin[day, ip] > minute)
		return "minute"
	if (ciks >= 0 && maxciks[day, ip] > ciks)
		return "ciks"
	return ""
}

END {
	if (out == "kept" || out == "removed") {
		for (i = 1; i <= n; i++) {
			gone = rflag[i] != "" || robot(rday[i], rip[i]) != ""
			if (gone == (out == "removed"))
				print rec[i]
		}
		exit
	}
	if (out == "flagged") {
		sortcmd = "LC_ALL=C sort -t '\t' -k1,1 -k2,2 -k3,3n | cut -f 1,2,4,5"
		for (j = 1; j <= ndays; j++) {
			day = days[j]
			for (i = 1; i <= nips[day]; i++) {
				ip = dayips[day, i]
				if (!((day, ip) in cnt))
					continue
				if (dayday(day, ip))
					printf "%s\t%s\t1\tday\t%d\n", datestr(day * 86400),
					    ip, cnt[day, ip] | sortcmd
				if (minute >= 0 && maxmin[day, ip] > minute)
					printf "%s\t%s\t2\tminute\t%d\n", datestr(day * 86400),
					    ip, maxmin[day, ip] | sortcmd
				if (ciks >= 0 && maxciks[day, ip] > ciks)
					printf "%s\t%s\t3\tciks\t%d\n", datestr(day * 86400),
					    ip, maxciks[day, ip] | sortcmd
			}
		}
		close(sortcmd)
		exit
	}
	for (j = 1; j <= ndays; j++) {
		day = days[j]
		kept = 0
		keptips = 0
		for (r = 1; r <= nrule; r++)
			rreq[rname[r]] = rips[rname[r]] = 0
		for (i = 1; i <= nips[day]; i++) {
			ip = dayips[day, i]
			if (!((day, ip) in cnt))
				continue
			r = robot(day, ip)
			if (r == "") {
				kept += cnt[day, ip]
				keptips++
			} else {
				rreq[r] += cnt[day, ip]
				rips[r]++
			}
		}
		printf "%s\t%d\t%d\t%d\t%d\t%d", datestr(day * 86400), used[day],
		    nips[day], removed[day, "crawler"], removed[day, "idx"],
		    removed[day, "code"]
		for (r = 1; r <= nrule; r++)
			printf "\t%d\t%d", rreq[rname[r]], rips[rname[r]]
		printf "\t%d\t%d\t%.4f\n", kept, keptips,
		    (used[day] - kept) / used[day]
	}
}
