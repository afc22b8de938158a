# robotlog.awk: an EDGAR log of two days with planted robots and people,
# for edgar-robots' tests, seeded:
#
#	awk -f civil.awk -f robotlog.awk -v seed=N [-v people=200] |
#	    sort -s -n -k1,1 | cut -f 2-
#
# Each line is "time TAB csv-record" (the header has time 0), so that
# sort puts the records in time order; cut leaves the log.  Planted, on
# 2017-06-29 (and some across midnight into 2017-06-30), with ip names
# that say what they are:
#	steady	one request a minute for both days (every day rule)
#	d50, d49	50 and 49 requests on the first day (lm: >= 50)
#	d49n1	49 on the first day and 1 at 00:00:00 of the second
#	d49x1	49 counted and one more removed by the idx flag
#	d500, d501, d1000, d1001	spread at most 5 a minute (> 500, > 1000)
#	m26, m25n1	26 in one minute; 25 in it and 1 at the next :00
#	m6, m5n1	6 in one minute; 5 in it and 1 at the next :00
#	k4, k3r, k3n1	4 CIKs in a minute; 3 and a repeat (written 5 and
#			5.0); 3 and the 4th at the next :00
#	mid26	26 requests from 23:59:47 to 00:00:12 across midnight
#	robot1	a robot on the first day (600 in a day, 30 in a minute),
#		a person on the second (3 requests)
# plus people: random addresses with a few requests each at random times,
# some of them with the crawler or idx flag or a code of 300 or more.
# Numbers are written as integers ("404") or as 2017's floats ("404.0").
# POSIX awk only.

BEGIN {
	if (seed == "")
		seed = 1
	if (people == "")
		people = 200
	st = seed % 2147483646 + 1
	d1 = (civildays(2017, 6, 29) - epochdays) * 86400
	d2 = d1 + 86400
	print "0\tip,date,time,zone,cik,accession,extention,code,size,idx," \
	    "norefer,noagent,find,crawler,browser"
	plant()
	for (i = 1; i <= people; i++)
		person(i)
}

function rnd() {
	st = (st * 16807) % 2147483647
	return st / 2147483647
}

function irand(lo, hi) {
	return lo + int(rnd() * (hi - lo + 1))
}

function num(v) {
	return rnd() < 0.5 ? v "" : v ".0"
}

function hms(t,	s) {
	s = t % 86400
	return sprintf("%02d:%02d:%02d", int(s / 3600), int(s / 60) % 60, s % 60)
}

# One request: address, time, cik, code, idx, crawler.
function req(ip, t, cik, code, idx, crawler) {
	printf "%d\t%s,%s,%s,0.0,%s,0000000000-17-%06d,.txt,%s,100.0,%s," \
	    "0.0,0.0,10.0,%s,\n", t, ip, datestr(t), hms(t), num(cik),
	    irand(0, 999999), num(code), num(idx), num(crawler)
}

function ok(ip, t) {
	req(ip, t, 7, 200, 0, 0)
}

# n requests from t on, one every gap seconds
function spread(ip, t, n, gap,	i) {
	for (i = 0; i < n; i++)
		ok(ip, t + i * gap)
}

function plant(	i, t) {
	spread("steady", d1, 2 * 1440, 60)
	spread("d50", d1 + 3600, 50, 600)
	spread("d49", d1 + 3600, 49, 600)
	spread("d49n1", d1 + 3600, 49, 600)
	ok("d49n1", d2)
	spread("d49x1", d1 + 3600, 49, 600)
	req("d49x1", d1 + 7200, 5, 200, 1, 0)
	# 5 a minute: 12 seconds apart
	spread("d500", d1, 500, 12)
	spread("d501", d1, 501, 12)
	spread("d1000", d1, 1000, 12)
	spread("d1001", d1, 1001, 12)
	t = d1 + 12 * 3600
	spread("m26", t, 26, 2)
	spread("m25n1", t + 10, 25, 2)
	ok("m25n1", t + 60)
	spread("m6", t + 30, 6, 5)
	spread("m5n1", t + 35, 5, 5)
	ok("m5n1", t + 60)
	for (i = 1; i <= 4; i++)
		req("k4", t + 10 * i, i, 200, 0, 0)
	for (i = 1; i <= 3; i++)
		req("k3r", t + 10 * i, i, 200, 0, 0)
	req("k3r", t + 50, 1, 200, 0, 0)
	for (i = 1; i <= 3; i++)
		req("k3n1", t + 50 + i, i, 200, 0, 0)
	req("k3n1", t + 60, 4, 200, 0, 0)
	spread("mid26", d2 - 13, 26, 1)
	spread("robot1", d1 + 6 * 3600, 30, 2)
	spread("robot1", d1 + 7 * 3600, 570, 30)
	spread("robot1", d2 + 6 * 3600, 3, 600)
}

function person(i,	ip, n, k, t, r) {
	ip = sprintf("%d.%d.%d.%c%c%c", irand(1, 223), irand(0, 255),
	    irand(0, 255), irand(97, 122), irand(97, 122), irand(97, 122))
	n = irand(1, 10)
	t = irand(d1, d2 + 86399)
	for (k = 0; k < n; k++) {
		r = rnd()
		if (r < 0.1)
			req(ip, t, irand(1, 50), 404, 0, 1)
		else if (r < 0.3)
			req(ip, t, irand(1, 50), 200, 1, 0)
		else if (r < 0.4)
			req(ip, t, irand(1, 50), 301, 0, 0)
		else
			req(ip, t, irand(1, 50), 200, 0, 0)
		t += irand(0, 120)
		if (t >= d2 + 86400)
			break
	}
}
