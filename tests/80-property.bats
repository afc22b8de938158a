#!/usr/bin/env bats
# 80-property: the pipeline against the reference model (tests/ref, through
# helpers.bash's ref_parse, ref_sessions and ref_format), on generated
# logs, and properties that hold for any log.
#
#  (a) edgar-parse | sessionize [-o detect] | session-format, byte for byte,
#      against the reference, on PROPERTY_N logs made by tests/ref/genlog.awk
#      from seeds PROPERTY_BASE+1 .. PROPERTY_BASE+PROPERTY_N (base 0);
#  (b) conservation: every record is used or rejected, the rejected ones are
#      counted and written by -r, and they change no session;
#  (c) a period longer than the log gives one session per ip, with its count;
#  (d) session-format on lines of two keys and two extra fields, against
#      format.awk.
#
# make test (or bats tests) runs PROPERTY_N=24 seeds, enough for every
# property to see several logs; make test-long runs 300.  A failure names
# the seed; `awk -f tests/ref/civil.awk -f tests/ref/genlog.awk -v seed=N`
# gives the log back. For a longer soak: PROPERTY_N=5000 PROPERTY_BASE=1000
# bats tests/80-property.bats

load helpers

setup_file() {
	local n=${PROPERTY_N:-24} base=${PROPERTY_BASE:-0} s
	local g=$BATS_FILE_TMPDIR/gen

	mkdir -p "$g"
	echo "$((base + 1)) $((base + n))" >"$g/seeds"
	gen() {
		for ((s = base + 1 + $1; s <= base + n; s += 2)); do
			awk -f "$REF/civil.awk" -f "$REF/genlog.awk" -v seed="$s" -v periodfile="$g/$s.p" \
			    >"$g/$s.csv" &&
			    ref_parse "$g/$s.csv" >"$g/$s.req" || return 1
		done
	}
	gen 0 &
	gen 1 || return 1
	wait $! || return 1
}

setup() {
	common_setup
	G=$BATS_FILE_TMPDIR/gen
	read -r FIRST LAST <"$G/seeds"
}

# each_seed STEP CHECK: run `CHECK SEED DIR` on every STEP-th seed, in two
# shards at once (the machine has two cores). CHECK says what went wrong
# on stdout and returns non-zero; the first three failures are shown.
each_seed() {
	local step=$1 check=$2 shard pids=

	for shard in 0 1; do
		(
			w=$tmp/shard$shard
			nfail=0
			mkdir -p "$w"
			for ((s = FIRST + shard * step; s <= LAST; s += 2 * step)); do
				"$check" "$s" "$w" >"$w/msg" 2>&1 && continue
				nfail=$((nfail + 1))
				echo "$s" >>"$w/failed"
				[ "$nfail" -gt 3 ] && continue
				echo "# seed $s (P=$(cat "$G/$s.p")):"
				head -n 40 "$w/msg"
			done
			: >"$w/done"
		) >"$tmp/report$shard" &
		pids="$pids $!"
	done
	wait $pids || true
	cat "$tmp/report0" "$tmp/report1"
	[ -f "$tmp/shard0/done" ] && [ -f "$tmp/shard1/done" ] ||
	    { echo "# a shard did not finish"; return 1; }
	if [ -s "$tmp/shard0/failed" ] || [ -s "$tmp/shard1/failed" ]; then
		echo "# seeds failed: $(cat "$tmp"/shard*/failed 2>/dev/null | sort -n | tr '\n' ' ')"
		return 1
	fi
}

ref_log_sessions() {	# LOG P ORDER: the reference's session stream of LOG
	ref_parse -v brief=1 "$1" | ref_sessions "$2" "$3"
}

@test "reference: SPEC.md's two examples, in both orders" {
	local ex=$ROOT/insight_testsuites/tests/test_1

	ref_log_sessions "$ex/input/log.csv" 2 end | ref_format >"$tmp/out"
	cmp "$ex/output/sessionization.txt" "$tmp/out"

	printf '%s\n' ip,date,time x,2017-06-30,00:00:00 y,2017-06-30,00:00:01 \
	    x,2017-06-30,00:00:02 z,2017-06-30,00:00:09 >"$tmp/xyz.csv"
	ref_log_sessions "$tmp/xyz.csv" 2 end | ref_format >"$tmp/end"
	printf '%s\n' \
	    'y,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1' \
	    'x,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2' \
	    'z,2017-06-30 00:00:09,2017-06-30 00:00:09,1,1' >"$tmp/want"
	cmp "$tmp/want" "$tmp/end"
	ref_log_sessions "$tmp/xyz.csv" 2 detect | ref_format >"$tmp/detect"
	printf '%s\n' \
	    'x,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2' \
	    'y,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1' \
	    'z,2017-06-30 00:00:09,2017-06-30 00:00:09,1,1' >"$tmp/want"
	cmp "$tmp/want" "$tmp/detect"
}

@test "reference: parse.awk and format.awk agree with date(1) on 1999-2001 and 2099-2101" {
	date -u -d @0 +%s >/dev/null 2>&1 || skip "date(1) is not GNU date"
	awk 'BEGIN {
		split("31 28 31 30 31 30 31 31 30 31 30 31", md, " ")
		print "ip,date,time"
		for (y = 1999; y <= 2101; y += (y == 2001 ? 98 : 1))
			for (m = 1; m <= 12; m++) {
				n = md[m] + (m == 2 && (y % 4 == 0 && y % 100 != 0 || y % 400 == 0))
				for (d = 1; d <= n; d++)
					printf "a,%04d-%02d-%02d,%d:%02d:%02d\n", y, m, d,
					    (d * 7) % 24, (d * 13) % 60, (m * 7 + d) % 60
			}
	}' >"$tmp/days.csv"
	ref_parse -v brief=1 "$tmp/days.csv" >"$tmp/req"
	tail -n +2 "$tmp/days.csv" | awk -F, '{ print $2 " " $3 " UTC" }' |
	    date -u -f - +%s >"$tmp/want"
	cut -f1 "$tmp/req" | cmp "$tmp/want" -
	awk -F'\t' '{ print $2 "\t" $1 "\t" $1 "\t1\t1" }' "$tmp/req" |
	    ref_format | cut -d, -f2 >"$tmp/got"
	cut -f1 "$tmp/req" | sed 's/^/@/' | date -u -f - '+%Y-%m-%d %H:%M:%S' >"$tmp/want"
	cmp "$tmp/want" "$tmp/got"
}

@test "edge dates and times: edgar-parse accepts exactly what parse.awk accepts" {
	local d t st

	{
		echo ip,date,time
		for d in 2017-06-30 ' 2017-06-30' '2017-06-30 ' 2017-6-30 2017-06-3 \
		    +017-06-30 0000-01-01 9999-12-31 10000-01-01 2017/06/30 20170630 \
		    2017-00-10 2017-13-01 2017-06-00 2017-06-31 2017-02-29 2016-02-29 \
		    2016-02-30 1900-02-29 2000-02-29 2100-02-29 2400-02-29 2017-04-31 \
		    2017-09-31 2017-11-31 2017-12-31 2017-12-32 ''; do
			echo "a,$d,12:34:56"
		done
		for t in 0:00:00 9:59:59 10:00:00 0:0:0 1:2:3 000:00:00 00:00:00.5 \
		    -1:00:00 ' 00:00:00' '00:00:00 ' 23:59:59 23:59:60 24:00:00 \
		    00:60:00 09:0:00 0:00 00:00:00:00 '' 1a:00:00; do
			echo "b,2017-06-30,$t"
		done
	} >"$tmp/edge.csv"
	st=0
	edgar-parse -b "$tmp/edge.csv" >"$tmp/got" 2>"$tmp/err" || st=$?
	[ "$st" -eq 1 ]
	st=0
	ref_parse -v brief=1 "$tmp/edge.csv" >"$tmp/want" 2>/dev/null || st=$?
	[ "$st" -eq 1 ]
	diff -u "$tmp/want" "$tmp/got"
	[ "$(wc -l <"$tmp/got")" -eq 11 ]
	[ "$(counted edgar-parse "$tmp/err")" -eq 36 ]
}

# differ WHAT FILE1 FILE2: compare, and say how they differ if they do
differ() {
	cmp -s "$2" "$3" && return 1
	echo "# $1:"
	diff -u "$2" "$3" | head -n 30
}

parse_check() {	# SEED DIR
	local s=$1 w=$2 st=0

	edgar-parse "$G/$s.csv" >"$w/got" || st=$?
	[ "$st" -eq 0 ] || { echo "# edgar-parse exit $st"; return 1; }
	! differ "request stream" "$G/$s.req" "$w/got" || return 1
	[ $((s % 4)) -eq 0 ] || return 0
	cut -f1,2 "$G/$s.req" >"$w/ref"
	edgar-parse -b "$G/$s.csv" >"$w/got"
	! differ "request stream (-b)" "$w/ref" "$w/got"
}

@test "generated logs: edgar-parse writes the same request stream as parse.awk" {
	each_seed 1 parse_check
}

quote_check() {	# SEED DIR
	local s=$1 w=$2 st=0

	awk -f "$REF/quote.awk" -v seed="$s" "$G/$s.csv" >"$w/quoted.csv"
	edgar-parse "$w/quoted.csv" >"$w/got" 2>"$w/err" || st=$?
	[ "$st" -eq 0 ] || { echo "# edgar-parse exit $st"; head -n 5 "$w/err"; return 1; }
	! differ "request stream of the quoted log" "$G/$s.req" "$w/got"
}

@test "generated logs: RFC 4180 quoting (commas, quotes, line breaks) changes no request" {
	each_seed 2 quote_check
}

# order_check ORDER SEED DIR: the pipeline against the reference, on the
# full request stream and on -b's (sessionize reads both by its short
# cut); on a difference, the sessionize stage alone, to name the culprit
order_check() {
	local order=$1 s=$2 w=$3 P

	P=$(cat "$G/$s.p")
	ref_sessions "$P" "$order" "$G/$s.req" >"$w/rsess"
	ref_format "$w/rsess" >"$w/rout"
	edgar-parse -b "$G/$s.csv" | sessionize -i "$P" -o "$order" |
	    session-format >"$w/bout"
	! differ "pipeline with edgar-parse -b, -o $order" "$w/rout" "$w/bout" ||
	    return 1
	edgar-parse "$G/$s.csv" | sessionize -i "$P" -o "$order" | session-format >"$w/cout"
	cmp -s "$w/rout" "$w/cout" && return 0
	sessionize -i "$P" -o "$order" "$G/$s.req" >"$w/csess"
	differ "sessionize -i $P -o $order" "$w/rsess" "$w/csess" ||
	    differ "pipeline, -o $order" "$w/rout" "$w/cout"
	return 1
}

end_check() { order_check end "$@"; }
detect_check() { order_check detect "$@"; }

@test "generated logs: the pipeline writes what the reference does, ending order" {
	each_seed 1 end_check
}

@test "generated logs: the pipeline writes what the reference does, -o detect" {
	each_seed 1 detect_check
}

# wide_check SEED DIR: session-format -k NAMES -x NAMES against format.awk
# with keys and extras, on wide session lines made from the reference's
# sessions: a second key field after the ip, by turns empty or holding a
# comma, a quote, an escaped TAB or backslash; then an id and a sum after
# count.  (Until the reference models sessionize -k, -I, -d and -a, this
# checks the formatting alone.)
wide_check() {
	local s=$1 w=$2 P

	P=$(cat "$G/$s.p")
	ref_sessions "$P" end "$G/$s.req" | awk -F '\t' -v OFS='\t' '{
		n = NR % 6
		$1 = $1 OFS (n == 0 ? "" : n == 1 ? "a,b" : n == 2 ? "\"" $2 : \
		    n == 3 ? $1 "\\t" : n == 4 ? "\\\\" : $3)
		print $0, NR, $5 * 3
	}' >"$w/wsess"
	ref_format -v keys=2 -v extras=2 "$w/wsess" >"$w/wref"
	session-format -k a,b -x id,sum "$w/wsess" >"$w/wgot"
	! differ "session-format -k a,b -x id,sum" "$w/wref" "$w/wgot"
}

@test "generated logs: session-format writes wide lines as the reference does" {
	each_seed 2 wide_check
}

split_check() {	# SEED DIR
	local s=$1 w=$2 P k n

	P=$(cat "$G/$s.p")
	sessionize -i "$P" "$G/$s.req" >"$w/whole"
	n=$(wc -l <"$G/$s.req")
	k=$((s % (n + 1)))
	head -n "$k" "$G/$s.req" >"$w/a"
	tail -n +"$((k + 1))" "$G/$s.req" >"$w/b"
	sessionize -i "$P" "$w/a" - "$w/b" </dev/null >"$w/split"
	! differ "sessionize on $k + $((n - k)) lines" "$w/whole" "$w/split" || return 1
	sessionize -i "$P" <"$G/$s.req" >"$w/stdin"
	! differ "sessionize on stdin" "$w/whole" "$w/stdin" || return 1
	# the same log as two CSV files, each with the header
	sed '/^\r\{0,1\}$/d' "$G/$s.csv" >"$w/log"
	n=$(($(awk 'END { print NR }' "$w/log") - 1))
	k=$((s % (n + 1)))
	head -n "$((k + 1))" "$w/log" >"$w/a.csv"
	{ head -n 1 "$w/log"; tail -n +"$((k + 2))" "$w/log"; } >"$w/b.csv"
	edgar-parse "$w/a.csv" "$w/b.csv" >"$w/req"
	! differ "edgar-parse on $k + $((n - k)) records" "$G/$s.req" "$w/req"
}

@test "generated logs: the sessions do not depend on how the input is split into files" {
	each_seed 3 split_check
}

# counted PROG FILE: the total of PROG's "N records rejected", or 0
counted() {
	local n

	n=$(sed -n "s/^$1: \\([0-9]*\\) records\\{0,1\\} rejected\$/\\1/p" "$2")
	echo "${n:-0}"
}

badcsv_check() {	# SEED DIR
	local s=$1 w=$2 P st=0 nrec nbad rej sum

	P=$(cat "$G/$s.p")
	awk -f "$REF/inject.awk" -v seed="$s" -v rate=0.25 -v badfile="$w/injected" \
	    "$G/$s.csv" >"$w/bad.csv" 2>"$w/inj"
	nbad=$(sed -n 's/^injected //p' "$w/inj")
	nrec=$(awk 'NR > 1 && !/^\r?$/' "$w/bad.csv" | wc -l)
	edgar-parse -r "$w/rej" "$w/bad.csv" >"$w/req" 2>"$w/err" || st=$?
	if [ "$st" -ne $((nbad > 0)) ]; then
		echo "# edgar-parse exit $st with $nbad bad records"
		head -n 5 "$w/err"
		return 1
	fi
	rej=$(counted edgar-parse "$w/err")
	sessionize -i "$P" "$w/req" >"$w/sess"
	sum=$(awk -F'\t' '{ n += $5 } END { print n + 0 }' "$w/sess")
	if [ $((sum + rej)) -ne "$nrec" ] || [ "$rej" -ne "$nbad" ]; then
		echo "# $nrec records: $sum in sessions, $rej rejected, $nbad injected"
		head -n 12 "$w/err"
		return 1
	fi
	! differ "-r file against the injected records" "$w/injected" "$w/rej" || return 1
	sessionize -i "$P" "$G/$s.req" >"$w/clean"
	! differ "sessions of the clean log against those of the bad one" \
	    "$w/clean" "$w/sess" || return 1
	ref_parse -v brief=1 "$w/bad.csv" 2>/dev/null | ref_sessions "$P" >"$w/ref"
	! differ "reference on the bad log" "$w/ref" "$w/sess"
}

@test "conservation: bad CSV records are rejected, counted, kept by -r, and change nothing" {
	each_seed 3 badcsv_check
}

# inject_requests SEED: bad lines into a request stream on stdin: late
# (earlier than the clock), empty line, empty key, no key column,
# non-integer time, 19-digit time. Their number goes to stderr.
inject_requests() {
	awk -v seed="$1" 'BEGIN { FS = "\t"; st = seed % 2147483646 + 1 }
	function rnd() { st = (st * 16807) % 2147483647; return st / 2147483647 }
	{
		if (NR > 1 && rnd() < 0.25) {
			k = int(rnd() * 6)
			if (k == 0)
				printf "%.0f\t%s\n", clock - 1 - int(rnd() * 5), $2
			else if (k == 1)
				print ""
			else if (k == 2)
				print $1 "\t"
			else if (k == 3)
				print $1
			else if (k == 4)
				print $1 "x\t" $2
			else
				print "1234567890123456789\t" $2
			n++
		}
		print
		clock = $1
	}
	END { printf "%d\n", n | "cat 1>&2" }'
}

badreq_check() {	# SEED DIR
	local s=$1 w=$2 P st=0 nbad nlines rej sum

	P=$(cat "$G/$s.p")
	cut -f1,2 "$G/$s.req" | inject_requests "$s" >"$w/bad" 2>"$w/nbad"
	nbad=$(cat "$w/nbad")
	nlines=$(wc -l <"$w/bad")
	sessionize -i "$P" -r "$w/rej" "$w/bad" >"$w/sess" 2>"$w/err" || st=$?
	if [ "$st" -ne $((nbad > 0)) ]; then
		echo "# sessionize exit $st with $nbad bad lines"
		head -n 5 "$w/err"
		return 1
	fi
	rej=$(counted sessionize "$w/err")
	sum=$(awk -F'\t' '{ n += $5 } END { print n + 0 }' "$w/sess")
	if [ $((sum + rej)) -ne "$nlines" ] || [ "$rej" -ne "$nbad" ] ||
	    [ "$(wc -l <"$w/rej")" -ne "$nbad" ]; then
		echo "# $nlines lines: $sum in sessions, $rej rejected, $nbad injected," \
		    "$(wc -l <"$w/rej") in the -r file"
		head -n 12 "$w/err"
		return 1
	fi
	sessionize -i "$P" "$G/$s.req" >"$w/clean"
	! differ "sessions of the clean stream against those of the bad one" \
	    "$w/clean" "$w/sess"
}

@test "conservation: bad request-stream lines are rejected, counted, kept by -r, and change nothing" {
	each_seed 3 badreq_check
}

@test "real logs: the pipeline writes what the reference does, in both orders" {
	local f P o n=0

	for f in edgar-20170630-head10k.csv:2 edgar-20030222-head10k.csv:60; do
		P=${f#*:}
		f=$DATA/${f%:*}
		[ -f "$f" ] || continue
		n=$((n + 1))
		ref_parse -v brief=1 "$f" >"$tmp/req"
		for o in end detect; do
			ref_sessions "$P" "$o" "$tmp/req" | ref_format >"$tmp/want"
			edgar-parse -b "$f" | sessionize -i "$P" -o "$o" | session-format >"$tmp/got"
			diff -u "$tmp/want" "$tmp/got" | head -n 30
			cmp -s "$tmp/want" "$tmp/got"
		done
	done
	[ "$n" -gt 0 ]	# tests/data holds the excerpts
}

# disorder SEED: move some lines of a request stream a few places down, so
# that they come late
disorder() {
	awk -v seed="$1" 'BEGIN { st = seed % 2147483646 + 1 }
	function rnd() { st = (st * 16807) % 2147483647; return st / 2147483647 }
	{ line[NR] = $0 }
	END {
		for (i = 1; i < NR; i++) {
			if (rnd() >= 0.2)
				continue
			j = i + 1 + int(rnd() * 3)
			if (j > NR)
				j = NR
			for (k = i; k < j; k++) {
				t = line[k]; line[k] = line[k + 1]; line[k + 1] = t
			}
		}
		for (i = 1; i <= NR; i++)
			print line[i]
	}'
}

# clamp L: what SPEC.md says -l L makes of a request stream: a record
# earlier than the clock by at most L counts at the clock, one later by
# more is dropped (rejected)
clamp() {
	awk -F'\t' -v OFS='\t' -v L="$1" 'NR > 1 && $1 + 0 < clock + 0 {
		if (clock - $1 > L + 0)
			next
		$1 = clock	# the string: awk would print a big number as 4.2e+09
	}
	NR == 1 || $1 + 0 > clock + 0 { clock = $1 }
	{ print }'
}

late_check() {	# SEED DIR
	local s=$1 w=$2 P L st=0 nlate nrej

	P=$(cat "$G/$s.p")
	cut -f1,2 "$G/$s.req" | disorder "$s" >"$w/late"
	L=$((s % 4))
	sessionize -i "$P" -l 1000000000 "$w/late" >"$w/got" 2>"$w/err" || st=$?
	[ "$st" -eq 0 ] || { echo "# sessionize -l 1000000000 exit $st"; cat "$w/err"; return 1; }
	clamp 1000000000 <"$w/late" | sessionize -i "$P" >"$w/want"
	! differ "sessionize -l 1000000000 against the clamped stream" "$w/want" "$w/got" || return 1
	st=0
	sessionize -i "$P" -l "$L" "$w/late" >"$w/got" 2>"$w/err" || st=$?
	clamp "$L" <"$w/late" >"$w/clamped"
	nrej=$(($(wc -l <"$w/late") - $(wc -l <"$w/clamped")))
	[ "$st" -eq $((nrej > 0)) ] && [ "$(counted sessionize "$w/err")" -eq "$nrej" ] ||
	    { echo "# sessionize -l $L: exit $st, $nrej records too late"; head -n 12 "$w/err"; return 1; }
	sessionize -i "$P" "$w/clamped" >"$w/want"
	! differ "sessionize -l $L against the clamped stream" "$w/want" "$w/got"
}

@test "lateness: with -l, a late record counts at the clock; later than that, it is rejected" {
	each_seed 3 late_check
}

# The ips of a request stream with their counts, in first-appearance order:
# what one session per ip must look like.
per_ip() {
	awk -F'\t' '!($2 in c) { ip[++n] = $2 } { c[$2]++ }
	    END { for (i = 1; i <= n; i++) print ip[i] "\t" c[ip[i]] }' "$1"
}

oneperip_check() {	# SEED DIR
	local s=$1 w=$2

	per_ip "$G/$s.req" >"$w/want"
	sessionize -i 2000000000 "$G/$s.req" | cut -f1,5 >"$w/got"
	! differ "one session per ip, in first-request order" "$w/want" "$w/got"
}

# one_session_per_ip LOG: the insight lines of a period longer than LOG,
# computed from the CSV with awk alone (one date per log, no quotes in the
# SEC's files): one session per ip, in first-request order.
one_session_per_ip() {
	awk -F , '
	NR == 1 { next }
	{
		sub(/\r$/, "")
		split($3, t, ":")
		s = t[1] * 3600 + t[2] * 60 + t[3]
		tm = sprintf("%02d:%02d:%02d", t[1], t[2], t[3])
		if (!($1 in n)) {
			order[++nip] = $1
			first[$1] = $2 " " tm
			fs[$1] = s
		}
		n[$1]++
		last[$1] = $2 " " tm
		ls[$1] = s
	}
	END {
		for (i = 1; i <= nip; i++) {
			ip = order[i]
			printf "%s,%s,%s,%d,%d\n", ip, first[ip], last[ip],
			    ls[ip] - fs[ip] + 1, n[ip]
		}
	}' "$1"
}

# (c): run.sh on the real logs against the sessions computed from the CSV
# alone (every field of the line, in first-request order), then sessionize
# -i 2000000000 on every generated log (ips and counts, in that order).
@test "a period longer than the log gives one session per ip" {
	local log n=0

	put "$tmp/p" '86400\n'
	for log in "$DATA"/edgar-*.csv "$GOLDEN"/parse-*.in "$GOLDEN/spec.in"; do
		[ -r "$log" ] || continue
		n=$((n + 1))
		one_session_per_ip "$log" >"$tmp/want"
		run -0 --separate-stderr "$ROOT/run.sh" "$log" "$tmp/p" "$tmp/got"
		no_stderr
		same "$tmp/want" "$tmp/got"
	done
	[ "$n" -ge 7 ]	# tests/data holds the excerpts, tests/golden the rest
	each_seed 1 oneperip_check
}
