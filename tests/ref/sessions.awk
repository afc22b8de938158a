# sessions.awk: a reference sessionizer written from SPEC.md's rules, to
# check sessionize against.
#
#	awk -f sessions.awk -v P=seconds [-v order=end|detect] requests
#
# Reads a request stream in time order (time<TAB>key<TAB>...) and writes
# the session stream (key, first, last, duration, count).
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
	k = $2
	if ((k in cur) && t - slast[cur[k]] <= P) {
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
	if (order == "end" && when[a] <= n && slast[a] != slast[b])
		return slast[a] < slast[b]
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
	if (dead)
		exit 2
	for (s = 1; s <= ns; s++) {
		when[s] = firstafter(slast[s] + P)
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
		printf "%s\t%.0f\t%.0f\t%.0f\t%d\n", skey[s], sfirst[s], slast[s],
		    slast[s] - sfirst[s] + 1, scount[s]
	}
}
