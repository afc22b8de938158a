# genlog.awk: a seeded generator of random EDGAR CSV logs with tricky
# timing, for property tests.
#
#	awk -f civil.awk -f genlog.awk -v seed=N [-v n=records] [-v P=seconds]
#	    [-v periodfile=FILE] > log.csv
#
# The same seed gives the same log under any POSIX awk (the generator is
# its own Park-Miller LCG, not rand()). The log is in time order and has
# no quoted fields, so tests/ref/parse.awk reads it. The inactivity period
# the log is made for is chosen from the seed too (mostly 1 to 10, now and
# then up to 86400) unless P is given; it is written to periodfile if one
# is named, else not at all.
#
# What makes the timing tricky: a handful of ips, so sessions interleave;
# steps of 0 (many records in one second) and 1; requests aimed at exactly
# last + P and last + P + 1 of some ip; silences a little or much longer
# than P, which close several sessions with different last requests at
# once; starts a few seconds before a midnight, a month end, a year end,
# a leap day, 2100-03-01 (not a leap year), 2038-01-19 03:14:08 and
# 2106-02-07 06:28:16. Now and then the columns are shuffled, the header
# cased oddly, the line ends CRLF, blank lines inserted, the final LF
# left out, or the 2003 one-digit hour used.

BEGIN {
	if (seed == "")
		seed = 1
	state = seed % 2147483646
	if (state < 0)
		state = -state
	state++
	for (i = 0; i < 5; i++)
		rnd()


	choose_period()
	choose_start()
	choose_ips()
	choose_layout()
	if (n == "")
		n = pick_n()
	n += 0
	emit_header()
	now = start
	for (r = 1; r <= n; r++)
		emit_record()
	if (periodfile != "") {
		print P > periodfile
		close(periodfile)
	}
}

# Park-Miller: exact in double arithmetic, so every awk agrees.
function rnd() {
	state = (state * 16807) % 2147483647
	return state / 2147483647
}

function irand(lo, hi) {
	return lo + int(rnd() * (hi - lo + 1))
}

function epoch(y, m, d, hh, mm, ss) {
	return (civildays(y, m, d) - epochdays) * 86400 + hh * 3600 + mm * 60 + ss
}

function choose_period(	r) {
	if (P != "") {
		P += 0
		return
	}
	r = rnd()
	if (r < 0.85)
		P = irand(1, 10)
	else if (r < 0.95)
		P = irand(11, 120)
	else
		P = (rnd() < 0.5) ? 3600 : 86400
}

# A start some seconds before an interesting boundary.
function choose_start(	k) {
	k = irand(1, 14)
	onedigit = 0
	if (k == 1)
		start = epoch(2017, 6, 30, 0, 0, 0)
	else if (k == 2)
		start = epoch(2017, 7, 1, 0, 0, 0)		# midnight, month end
	else if (k == 3)
		start = epoch(2017, 1, 1, 0, 0, 0)		# year end
	else if (k == 4)
		start = epoch(2016, 2, 29, 0, 0, 0)		# into a leap day
	else if (k == 5)
		start = epoch(2016, 3, 1, 0, 0, 0)		# out of it
	else if (k == 6)
		start = epoch(2017, 3, 1, 0, 0, 0)		# no leap day
	else if (k == 7)
		start = epoch(2100, 3, 1, 0, 0, 0)		# 2100 is not leap
	else if (k == 8)
		start = epoch(2000, 3, 1, 0, 0, 0)		# 2000 is
	else if (k == 9)
		start = epoch(2038, 1, 19, 3, 14, 8)		# past 2^31 - 1
	else if (k == 10)
		start = epoch(2106, 2, 7, 6, 28, 16)		# past 2^32 - 1
	else if (k == 11)
		start = epoch(2017, 5, 1, 0, 0, 0)		# a 30-day month
	else if (k == 12)
		start = epoch(1999, 12, 31, 10, 0, 0)		# 9:59 -> 10:00
	else {
		start = epoch(2003, 2, 22, 10, 0, 0)		# the 2003 logs
		onedigit = 1
	}
	start -= irand(0, 3 * P < 30 ? 30 : 3 * P)
	if (rnd() < 0.1)
		onedigit = 1
}

function choose_ips(	pool, k, i, j, tmp) {
	k = split("101.81.133.jja 107.23.85.jfd 108.91.91.hbc 106.120.173.jie " \
	    "107.178.195.aag 203.199.92.aie 61.115.76.jbf 104.197.32.ihd " \
	    "208.77.214.jeh 66.249.66.bia 52.45.218.ihf 5.9.60.gfd", pool, " ")
	for (i = k; i > 1; i--) {
		j = irand(1, i)
		tmp = pool[i]
		pool[i] = pool[j]
		pool[j] = tmp
	}
	nip = irand(1, 6)
	if (rnd() < 0.1)
		nip = irand(7, k)
	for (i = 1; i <= nip; i++) {
		ips[i] = pool[i]
		last[i] = ""
	}
}

function choose_layout(	i, j, tmp, r) {
	ncol = split("ip date time zone cik accession extention code size idx " \
	    "norefer noagent find crawler browser", cols, " ")
	r = rnd()
	if (r < 0.1)
		ncol = split("ip date time", cols, " ")
	else if (r < 0.2)
		ncol = split("date time ip", cols, " ")
	if (rnd() < 0.25)
		for (i = ncol; i > 1; i--) {
			j = irand(1, i)
			tmp = cols[i]
			cols[i] = cols[j]
			cols[j] = tmp
		}
	eol = (rnd() < 0.15) ? "\r\n" : "\n"
	blanks = (rnd() < 0.1)
	nofinal = (rnd() < 0.1)
	oddcase = (rnd() < 0.1)
}

function pick_n(	r) {
	r = rnd()
	if (r < 0.05)
		return irand(0, 2)
	if (r < 0.9)
		return irand(3, 40)
	return irand(41, 200)
}

function emit_header(	i, s, name) {
	s = ""
	for (i = 1; i <= ncol; i++) {
		name = cols[i]
		if (oddcase && i % 2)
			name = " " toupper(name)
		s = s (i > 1 ? "," : "") name
	}
	printf "%s%s", s, eol
}

# Step the clock and pick the ip of the next record.
function step(	r, j, target) {
	r = rnd()
	who = irand(1, nip)
	if (r < 0.30)
		return
	if (r < 0.55) {
		now++
		return
	}
	if (r < 0.75) {
		# aim at the edge of some ip's session
		j = irand(1, nip)
		if (last[j] == "")
			return
		target = last[j] + P + irand(-1, 1)
		if (target >= now) {
			now = target
			who = j
		}
		return
	}
	if (r < 0.87) {
		now += irand(2, P + 2)
		return
	}
	if (r < 0.97) {
		# closes every session, whatever its last request
		now += P + irand(1, 3)
		return
	}
	now += irand(P + 1, 5 * P + 100)
	if (rnd() < 0.3)
		now += 86400 * irand(1, 40)
}

function timestr(t,	secs) {
	secs = t - fl(t / 86400) * 86400
	return sprintf(onedigit ? "%d:%02d:%02d" : "%02d:%02d:%02d",
	    int(secs / 3600), int(secs % 3600 / 60), secs % 60)
}

function value(name) {
	if (name == "ip")
		return ips[who]
	if (name == "date")
		return datestr(now)
	if (name == "time")
		return timestr(now)
	if (name == "zone")
		return onedigit ? "500" : "0.0"
	if (name == "cik")
		return irand(1000, 1999999) ".0"
	if (name == "accession")
		return sprintf("%010d-%02d-%06d", irand(1, 1999999), irand(0, 17),
		    irand(0, 99999))
	if (name == "extention")
		return ext[irand(1, 5)]
	if (name == "code")
		return "200.0"
	if (name == "size")
		return (rnd() < 0.1) ? "" : irand(100, 999999) ".0"
	return irand(0, 1) ".0"
}

function emit_record(	i, s) {
	split("-index.htm .txt -xbrl.zip v385454_20fa.htm -index.html", ext, " ")
	step()
	last[who] = now
	s = ""
	for (i = 1; i <= ncol; i++)
		s = s (i > 1 ? "," : "") value(cols[i])
	if (blanks && rnd() < 0.2)
		printf "%s", eol
	printf "%s%s", s, (r == n && nofinal) ? "" : eol
}
