# sessions.awk: a reference sessionizer written from SPEC.md's rules, to
# check sessionize against.
#
#	awk -f sessions.awk -v P=seconds [-v order=end|detect] [-v K=2,6]
#	    [-v M=seconds] [-v Z=hours] [-v ID=1] [-v AGG=d3,a9] [-v O=1]
#	    [-v mark=1] requests
#
# Reads a request stream in time order (time<TAB>key<TAB>...) and writes
# the session stream (key, first, last, duration, count), as sessionize
# does with the same options: K the key's columns (joined by TAB), M the
# longest session, Z midnight at UTC + Z hours, ID the session's id (the
# line number of its first request), AGG its aggregates (dC distinct
# values of column C, aC the sum of column C), O the order fields (end,
# last, position), mark the requests with their session's id instead.
#
# It is deliberately not a streaming program like sessionize: it reads the
# whole input, then states the rules as a sort.
#   1. Each key's requests, in input order, split into sessions wherever
#      the gap to the previous request exceeds P (a gap of exactly P
#      continues the session).
#   2. A session is written when the first record later than last + P is
#      read ("when"), or at end of input if no such record exists.
#   3. Sessions written at different moments come out in the order of
#      those moments. Within one moment: order=end sorts by last request
#      time, then by the input position of the first request; order=detect
#      by the first request's position alone. At end of input both orders
#      use the first request's position.
# With M or Z a session also ends at its cap: the last second it may
# last (first + M - 1, or the last second of its day), and "when" and the
# order use its end, min(last + P, cap), in place of last + P.
# Input must be in time order (the reference does not model late records):
# anything else is refused with exit status 2.

BEGIN {
	FS = "\t"
	if (P == "" || P !~ /^[0-9]+$/ || P + 0 < 1)
		die("usage: awk -f sessions.awk -v P=seconds [-v order=end|detect]")
	P += 0
	if (order == "")
		order = "end"
	if (order != "end" && order != "detect")
		die("order must be end or detect")
	n = 0		# records
	ns = 0		# sessions
	if (K == "")
		K = "2"
	nk = split(K, kc, ",")
	M += 0
	zoned = Z != ""
	Z = Z * 3600
	na = AGG == "" ? 0 : split(AGG, ag, ",")
	for (j = 1; j <= na; j++) {
		akind[j] = substr(ag[j], 1, 1)
		acol[j] = substr(ag[j], 2) + 0
	}
}

function floor_div(a, b,	q) {
	q = int(a / b)
	if (q * b > a)
		q--
	return q
}

# The last second a session that began at f may last.
function cap(f,	c) {
	c = -1
	if (M > 0)
		c = f + M - 1
	if (zoned) {
		d = (floor_div(f + Z, 86400) + 1) * 86400 - Z - 1
		if (c < 0 || d < c)
			c = d
	}
	return c
}

function endof(s,	c, e) {
	e = slast[s] + P
	c = cap(sfirst[s])
	if (c >= 0 && c < e)
		e = c
	return e
}

# An integral number (2785.0 is 2785), empty is 0; anything else is fatal.
function num(x) {
	if (x == "")
		return 0
	if (x !~ /^-?[0-9]+(\.0*)?$/)
		die(sprintf("line %d: not an integer: %s", NR, x))
	sub(/\..*/, "", x)
	return x + 0
}

function die(msg) {
	printf "sessions.awk: %s\n", msg | "cat 1>&2"
	dead = 1
	exit 2
}

{
	if ($1 !~ /^-?[0-9]+$/ || NF < 2 || $2 == "")
		die(sprintf("line %d: not a request", NR))
	t = $1 + 0
	if (n > 0 && t < tm[n])
		die(sprintf("line %d: out of time order", NR))
	tm[++n] = t
	k = $(kc[1])
	for (j = 2; j <= nk; j++)
		k = k "\t" $(kc[j])
	c = (k in cur) ? cap(sfirst[cur[k]]) : -1
	if ((k in cur) && t - slast[cur[k]] <= P && (c < 0 || t <= c)) {
		s = cur[k]
		slast[s] = t
		scount[s]++
	} else {
		s = ++ns
		cur[k] = s
		skey[s] = k
		sfirst[s] = t
		slast[s] = t
		scount[s] = 1
		spos[s] = n
	}
	for (j = 1; j <= na; j++)
		if (akind[j] == "a")
			agg[s, j] += num($(acol[j]))
		else if (!((s, j, $(acol[j])) in seen)) {
			seen[s, j, $(acol[j])] = 1
			agg[s, j]++
		}
	if (mark)
		print $0 "\t" spos[s]
}

# The index of the first record whose time exceeds x, or n + 1 if none.
function firstafter(x,	lo, hi, mid) {
	lo = 1
	hi = n + 1
	while (lo < hi) {
		mid = int((lo + hi) / 2)
		if (tm[mid] > x)
			hi = mid
		else
			lo = mid + 1
	}
	return lo
}

# Does session a come out before session b?
function before(a, b) {
	if (when[a] != when[b])
		return when[a] < when[b]
	if (order == "end" && (when[a] <= n || O) && send[a] != send[b])
		return send[a] < send[b]
	return spos[a] < spos[b]
}

function sift(root, size,	child, tmp) {
	for (;;) {
		child = 2 * root
		if (child > size)
			return
		if (child < size && before(idx[child], idx[child + 1]))
			child++
		if (!before(idx[root], idx[child]))
			return
		tmp = idx[root]
		idx[root] = idx[child]
		idx[child] = tmp
		root = child
	}
}

END {
	if (dead || mark)
		exit dead ? 2 : 0
	for (s = 1; s <= ns; s++) {
		send[s] = endof(s)
		when[s] = firstafter(send[s])
		idx[s] = s
	}
	# heapsort: the order is total (positions are unique), so no
	# stability is needed
	for (i = int(ns / 2); i >= 1; i--)
		sift(i, ns)
	for (i = ns; i > 1; i--) {
		top = idx[1]
		idx[1] = idx[i]
		idx[i] = top
		sift(1, i - 1)
	}
	for (i = 1; i <= ns; i++) {
		s = idx[i]
		printf "%s\t%.0f\t%.0f\t%.0f\t%d", skey[s], sfirst[s], slast[s],
		    slast[s] - sfirst[s] + 1, scount[s]
		if (ID)
			printf "\t%d", spos[s]
		for (j = 1; j <= na; j++)
			printf "\t%.0f", agg[s, j]
		if (O)
			printf "\t%.0f\t%.0f\t%d", send[s], slast[s], spos[s]
		printf "\n"
	}
}
