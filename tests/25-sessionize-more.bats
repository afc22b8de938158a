#!/usr/bin/env bats
# sessionize's research options: keys of several columns, ids, marks,
# aggregates, caps on length and at midnight, positions and ticks, the
# order fields, grouped input.

load helpers

# ref_more OPTS REFVARS FILE: sessionize OPTS and the reference with
# REFVARS (v=x words) give the same bytes on FILE.
ref_more() {
	local opts=$1 vars=$2 file=$3 v args=()

	for v in $vars; do
		args+=(-v "$v")
	done
	# shellcheck disable=SC2086
	sessionize $opts "$file" >"$tmp/got" 2>"$tmp/err" || true
	awk -f "$REF/sessions.awk" "${args[@]}" "$file" >"$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || {
		echo "sessionize $opts (reference: $vars) differs on $file"
		diff "$tmp/want" "$tmp/got" | head -20
		return 1
	}
}

@test "sessionize -k: a key of several columns, joined by TAB, in the order given" {
	lines "$tmp/in" '0\ta\tx\t1' '1\ta\ty\t1' '2\ta\tx\t2' '9\tb\tx\t1'
	run -0 save "$tmp/got" sessionize -i 5 -k 2,3 "$tmp/in"
	lines "$tmp/want" 'a\ty\t1\t1\t1\t1' 'a\tx\t0\t2\t3\t2' 'b\tx\t9\t9\t1\t1'
	same "$tmp/want" "$tmp/got"
	# columns apart, and backwards: made in a buffer of the line's own
	run -0 save "$tmp/got" sessionize -i 5 -k 4,2 "$tmp/in"
	lines "$tmp/want" '1\ta\t0\t1\t2\t2' '2\ta\t2\t2\t1\t1' '1\tb\t9\t9\t1\t1'
	same "$tmp/want" "$tmp/got"
	# the ip and a browser that the log mostly leaves empty
	lines "$tmp/in" '0\ta\t\tmac' '1\ta\t\t' '2\ta\t\tmac' '3\t\t\t'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 5 -k 2,4 "$tmp/in"
	lines "$tmp/want" 'a\tmac\t0\t2\t3\t2' 'a\t\t1\t1\t1\t1'
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:4: empty key"
}

@test "sessionize -k: escaped text stays escaped in each part" {
	lines "$tmp/in" '0\ta\\\\tb\tc\\\\\\\\' '1\ta\\\\tb\tc\\\\\\\\'
	run -0 save "$tmp/got" sessionize -i 5 -k 2,3 "$tmp/in"
	lines "$tmp/want" 'a\\\\tb\tc\\\\\\\\\t0\t1\t2\t2'
	same "$tmp/want" "$tmp/got"
}

@test "sessionize -k, -I, -M, -z, -a, -d, -O and -o detect match the reference on generated logs" {
	local seed seeds='1 2 3' n=0

	! is_long || seeds='1 2 3 4 5 6 7 8 9 10 11 12'
	for seed in $seeds; do
		awk -f "$REF/civil.awk" -f "$REF/genlog.awk" -v seed="$seed" \
		    -v n=1500 -v P=5 >"$tmp/g.csv"
		edgar-parse "$tmp/g.csv" >"$tmp/g.req" 2>/dev/null || true
		ref_more "-i 5 -k 2,3" "P=5 K=2,3" "$tmp/g.req"
		ref_more "-i 5 -k 4,2" "P=5 K=4,2" "$tmp/g.req"
		ref_more "-i 5 -I -M 4" "P=5 ID=1 M=4" "$tmp/g.req"
		ref_more "-i 5 -z 0" "P=5 Z=0" "$tmp/g.req"
		ref_more "-i 5 -z -5 -M 7" "P=5 Z=-5 M=7" "$tmp/g.req"
		ref_more "-i 5 -d 3 -a 1 -d 4" "P=5 AGG=d3,a1,d4" "$tmp/g.req"
		ref_more "-i 5 -O -I -z 3" "P=5 O=1 ID=1 Z=3" "$tmp/g.req"
		ref_more "-i 5 -o detect -M 3" "P=5 order=detect M=3" "$tmp/g.req"
		ref_more "-i 5 -o detect -z 0 -I" "P=5 order=detect Z=0 ID=1" \
		    "$tmp/g.req"
		sessionize -i 5 -m -M 4 "$tmp/g.req" >"$tmp/got"
		awk -f "$REF/sessions.awk" -v P=5 -v M=4 -v mark=1 \
		    "$tmp/g.req" >"$tmp/want"
		same "$tmp/want" "$tmp/got"
		n=$((n + 1))
	done
	[ "$n" -eq "$(echo $seeds | wc -w)" ]
}

@test "sessionize -d: keys that come back to their values, session after session, match the reference" {
	# 40 keys, each back every few seconds to a few values of its own: a
	# session's values were the key's sessions' before, whose records
	# and arrays are reused in every order
	awk -v OFS='\t' 'BEGIN { srand(7); t = 0
		for (i = 0; i < 20000; i++) {
			t += int(rand() * 2); k = int(rand() * 40)
			print t, "k" k, "v" int(rand() * 4), k % 3 "." int(rand() * 3)
		} }' >"$tmp/back.req"
	ref_more "-i 5 -d 3 -d 4 -a 1" "P=5 AGG=d3,d4,a1" "$tmp/back.req"
	ref_more "-i 3 -M 4 -d 3" "P=3 M=4 AGG=d3" "$tmp/back.req"
}

@test "sessionize -d: values around a word's length, long ones, empty ones, in sets that grow, match the reference" {
	# A set keeps a value of up to 7 bytes in a word, a longer one in a
	# word and its text.  Values here: empty, 1 to 40 bytes, ones alike
	# in their first 7 or 8 bytes, long ones alike but for their last
	# byte.  Keys have 1 to 6000 values to a session, repeated out of
	# order, so that sets of a line or two are read at each repeat,
	# larger ones are cleared of duplicates when full (once past the
	# 2048 words kept in chunks), and the value that fills a set is a
	# repeat too.
	awk -v OFS='\t' 'BEGIN { srand(11)
		base = "0123456789abcdefghijklmnopqrstuvwxyzABCD"
		for (i = 0; i <= 40; i++)
			pool[i] = substr(base, 1, i)
		# alike but for the last byte: long, in a word, just over one
		for (i = 41; i <= 44; i++)
			pool[i] = substr(base, 1, 20) substr("ABCD", i - 40, 1)
		pool[45] = "123456X"; pool[46] = "123456Y"
		pool[47] = "1234567X"; pool[48] = "1234567Y"
		for (t = 0; t < 400; t++)
			for (k = 0; k < 6; k++) {
				m = k == 5 ? 6000 : 2 + k * k * 4
				for (r = 0; r < (k == 5 ? 12 : 3); r++) {
					j = int(rand() * m)
					v = j < 49 ? pool[j] : "v" j
					print t * 2, "k" k, v, pool[(j * 7) % 49]
				}
			}
	}' >"$tmp/words.req"
	ref_more "-i 5 -d 3 -d 4" "P=5 AGG=d3,d4" "$tmp/words.req"
	ref_more "-i 1 -d 3 -a 1" "P=1 AGG=d3,a1" "$tmp/words.req"
	ref_more "-i 5 -M 300 -d 3" "P=5 M=300 AGG=d3" "$tmp/words.req"
}

@test "sessionize -d: 20,000 long values of one length, each twice, are 20,000" {
	# a long value's first word keeps 24 bits of its hash; in the build
	# of make test-portable (DSET_COLLIDE) all of theirs are the same, and
	# only their texts tell them apart
	awk -v OFS='\t' 'BEGIN { for (r = 0; r < 2; r++)
		for (i = 0; i < 20000; i++)
			print 0, "k", sprintf("0001193125-%02d-%06d", i % 7,
			    i * 7919 % 20000) }' >"$tmp/coll.req"
	run -0 save "$tmp/got" sessionize -i 5 -d 3 "$tmp/coll.req"
	lines "$tmp/want" 'k\t0\t0\t1\t40000\t20000'
	same "$tmp/want" "$tmp/got"
}

@test "sessionize -d: a set just full, then a value it has, as its last" {
	# n distinct values fill a set of n words; the next value, a repeat,
	# makes room (clearing duplicates, then growing) and must still be
	# known as a possible repeat when the session ends right after
	local n t=0
	for n in 8 16 32 64 128 1024 2048 4096 8192; do
		awk -v n="$n" -v t="$t" -v OFS='\t' 'BEGIN {
			for (i = 1; i <= n; i++) print t, "k" n, i
			print t + 1, "k" n, 1 }'
		t=$((t + 10))
	done >"$tmp/full.req"
	run -0 save "$tmp/got" sessionize -i 5 -d 3 "$tmp/full.req"
	t=0
	for n in 8 16 32 64 128 1024 2048 4096 8192; do
		printf 'k%s\t%s\t%s\t2\t%s\t%s\n' "$n" "$t" $((t + 1)) \
		    $((n + 1)) "$n"
		t=$((t + 10))
	done >"$tmp/want"
	same "$tmp/want" "$tmp/got"
}

@test "sessionize -I: the id is the line number of the session's first request" {
	reqs "$tmp/in" '0:a 0:b 1:a 9:a'
	run -0 save "$tmp/got" sessionize -i 2 -I "$tmp/in"
	lines "$tmp/want" 'b\t0\t0\t1\t1\t2' 'a\t0\t1\t2\t2\t1' 'a\t9\t9\t1\t1\t4'
	same "$tmp/want" "$tmp/got"
	# counted across operands, as one stream
	reqs "$tmp/in1" '0:a 0:b'
	reqs "$tmp/in2" '1:a 9:a'
	run -0 save "$tmp/got2" sessionize -i 2 -I "$tmp/in1" "$tmp/in2"
	same "$tmp/want" "$tmp/got2"
}

@test "sessionize -m: every request in input order with its session's id, which -I carries too" {
	lines "$tmp/in" '0\ta\tc1' '0\tb\tc2' 'junk' '1\ta\tc3' '9\ta\tc1'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -m "$tmp/in"
	lines "$tmp/want" '0\ta\tc1\t1' '0\tb\tc2\t2' '1\ta\tc3\t1' '9\ta\tc1\t5'
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:3: no key column"
	# the two join on the id: the counts agree
	sessionize -i 2 -I "$tmp/in" 2>/dev/null | cut -f 6,5 | sort >"$tmp/a" || true
	cut -f 4 "$tmp/got" | sort | uniq -c |
	    awk '{ print $1 "\t" $2 }' | sort >"$tmp/b"
	same "$tmp/a" "$tmp/b"
}

@test "sessionize -m: the documents, companies and bytes of each session, by sort and awk" {
	# a real day: the aggregates the overview page computes from -m,
	# against the built-in ones and against awk over the CSV itself
	edgar-parse -I -f time,ip,cik,accession,size,idx \
	    "$BATS_TEST_DIRNAME/data/edgar-20170630-head10k.csv" >"$tmp/req"
	sessionize -i 600 -I -d 3 -a 5 "$tmp/req" | cut -f 6- | sort >"$tmp/built"
	sessionize -i 600 -m "$tmp/req" |
	    awk -F '\t' '!seen[$7 FS $3]++ { d[$7]++ } { b[$7] += $5 }
		END { for (s in d) print s "\t" d[s] "\t" b[s] }' |
	    sort >"$tmp/marked"
	same "$tmp/built" "$tmp/marked"
	# distinct cik per session, independently of sessionize: sessions
	# of each ip by its gaps, straight from the CSV
	awk -F, 'NR > 1 {
		split($2, d, "-"); split($3, c, ":")
		t = ((d[3] - 1) * 24 + c[1]) * 3600 + c[2] * 60 + c[3]
		if (!($1 in last) || t - last[$1] > 600)
			sid[$1] = NR - 1
		last[$1] = t
		s = sid[$1]
		if (!seen[s, $5]++) n[s]++
	} END { for (s in n) print s "\t" n[s] }' \
	    "$BATS_TEST_DIRNAME/data/edgar-20170630-head10k.csv" | sort >"$tmp/csv"
	cut -f 1,2 "$tmp/built" | sort >"$tmp/ours"
	same "$tmp/csv" "$tmp/ours"
}

@test "sessionize -d and -a: distinct values and sums, integral floats as integers, empty as 0" {
	lines "$tmp/in" '0\ta\t10\t2785.0' '1\ta\t10\t5' '2\ta\t11\t' \
	    '3\ta\t\t1' '4\tb\t10\t-3' '5\tb\t10\t12.5' '6\tb\t10\t7.00'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 5 -d 3 -a 4 "$tmp/in"
	lines "$tmp/want" 'a\t0\t3\t4\t4\t3\t2791' 'b\t4\t6\t3\t2\t1\t4'
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:6: column 4: not an integer: \"12.5\""
	err_lines 2
	# a column the line lacks is its reason too
	lines "$tmp/in" '0\ta\t10'
	run -1 --separate-stderr sessionize -i 5 -a 4 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:1: no column 4"
}

@test "sessionize -a: the numbers a sum takes and refuses, at every length of digits" {
	# one to eight digits and more (the conversion takes seven at a time),
	# signs, points and zeros; each value is its own key's sum
	local v want=() n=0 k
	for v in 0 7 -7 12 123 1234 12345 123456 1234567 12345678 \
	    123456789 0000001 -0000001 9999999 99999999 \
	    999999999999999999 -999999999999999999 1.0 1234567.000 \
	    12345678.0 -5.00; do
		n=$((n + 1))
		printf '%d\tk%d\t%s\n' "$n" "$n" "$v"
		k=${v%%.*}
		want+=("k$n	$n	$n	1	1	$((10#${k#-} * ${k%%[0-9]*}1))")
	done >"$tmp/in"
	run -0 save "$tmp/got" sessionize -i 1 -a 3 "$tmp/in"
	printf '%s\n' "${want[@]}" >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	for v in - 1. .0 1.01 1e3 +1 0x10 '1 ' 1234567x 12345678x \
	    1234567890123456789 1.0.0 -.0; do
		printf '0\tk\t%s\n' "$v" >"$tmp/in"
		run -1 --separate-stderr sessionize -i 1 -a 3 "$tmp/in"
		[ -z "$output" ]
		err_is 0 "sessionize: $tmp/in:1: column 3: not an integer: \"$v\""
	done
}

@test "sessionize -M: a request SECONDS after the first begins a new session" {
	session_cases -i 100 -M 3 <<'EOF'
0:a 2:a => a:0:2:3:2
0:a 3:a => a:0:0:1:1 a:3:3:1:1
0:a 2:a 3:a 5:a 6:a => a:0:2:3:2 a:3:5:3:2 a:6:6:1:1
# written when the clock passes the cap, in the order of ends
0:a 1:b 3:c => a:0:0:1:1 b:1:1:1:1 c:3:3:1:1
0:b 0:a 1:a 200:c => b:0:0:1:1 a:0:1:2:2 c:200:200:1:1
EOF
	session_cases -i 2 -M 1 <<'EOF'
0:a 0:a 1:a => a:0:0:1:2 a:1:1:1:1
EOF
}

@test "sessionize -z: sessions end at midnight, UTC or shifted by hours" {
	# 86399 is 1970-01-01 23:59:59
	session_cases -i 600 -z 0 <<'EOF'
86398:a 86399:a => a:86398:86399:2:2
86399:a 86400:a => a:86399:86399:1:1 a:86400:86400:1:1
86390:b 86399:a 86400:a 86400:b => b:86390:86390:1:1 a:86399:86399:1:1 a:86400:86400:1:1 b:86400:86400:1:1
EOF
	# UTC-5: midnight is 05:00:00 UTC, 18000
	session_cases -i 600 -z -5 <<'EOF'
17999:a 18000:a => a:17999:17999:1:1 a:18000:18000:1:1
86399:a 86400:a => a:86399:86400:2:2
EOF
	session_cases -i 600 -z 2 <<'EOF'
79199:a 79200:a => a:79199:79199:1:1 a:79200:79200:1:1
EOF
}

@test "sessionize -z and -M with -o detect: proven over by the same record, in first-request order" {
	session_cases -i 100 -M 5 -o detect <<'EOF'
0:a 1:b 3:a 9:c => a:0:3:4:2 b:1:1:1:1 c:9:9:1:1
EOF
	session_cases -i 100 -M 5 <<'EOF'
0:a 1:b 3:a 9:c => a:0:3:4:2 b:1:1:1:1 c:9:9:1:1
1:b 2:a 3:b 20:c => b:1:3:3:2 a:2:2:1:1 c:20:20:1:1
EOF
	session_cases -i 100 -M 5 -o detect <<'EOF'
1:b 2:a 3:b 20:c => b:1:3:3:2 a:2:2:1:1 c:20:20:1:1
EOF
	session_cases -i 3 -M 100 <<'EOF'
0:a 1:b 2:a 9:c => b:1:1:1:1 a:0:2:3:2 c:9:9:1:1
EOF
	session_cases -i 3 -M 100 -o detect <<'EOF'
0:a 1:b 2:a 9:c => a:0:2:3:2 b:1:1:1:1 c:9:9:1:1
EOF
}

@test "sessionize -p: positions from a column, ticks move the clock" {
	lines "$tmp/in" '0\ta\t100' '1\tb\t105' '5' '5\ta\t230'
	run -0 save "$tmp/got" sessionize -i 2 -I -p 3 "$tmp/in"
	# the tick at 5 ends both sessions before the last request is read
	lines "$tmp/want" 'a\t0\t0\t1\t1\t100' 'b\t1\t1\t1\t1\t105' \
	    'a\t5\t5\t1\t1\t230'
	same "$tmp/want" "$tmp/got"
	# a tick behind the clock is nothing; a record behind it is late
	lines "$tmp/in" '3\ta\t1' '1' '2\tb\t2' '3\tb\t1' '4\tb\t3'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -p 3 "$tmp/in"
	lines "$tmp/want" 'a\t3\t3\t1\t1' 'b\t4\t4\t1\t1'
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:3: 1 second earlier than an earlier record"
	err_is 1 "sessionize: $tmp/in:4: position 1 is not after the one before (1)"
	err_lines 4
	# without -p a time alone is a line without a key
	lines "$tmp/in" '5'
	run -1 --separate-stderr sessionize -i 2 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:1: no key column"
}

@test "sessionize -O: end, last and position after the fields, the open ones by end at the end" {
	reqs "$tmp/in" '0:a 1:b 2:a 3:c'
	run -0 save "$tmp/got" sessionize -i 5 -O "$tmp/in"
	# b ends at 6, a and c at 7 and 8: by end, not by first request
	lines "$tmp/want" 'b\t1\t1\t1\t1\t6\t1\t2' 'a\t0\t2\t3\t2\t7\t2\t1' \
	    'c\t3\t3\t1\t1\t8\t3\t4'
	same "$tmp/want" "$tmp/got"
	run -0 save "$tmp/got" sessionize -i 5 -O -z 0 -I "$tmp/in"
	lines "$tmp/want" 'b\t1\t1\t1\t1\t2\t6\t1\t2' 'a\t0\t2\t3\t2\t1\t7\t2\t1' \
	    'c\t3\t3\t1\t1\t4\t8\t3\t4'
	same "$tmp/want" "$tmp/got"
}

@test "sessionize -g: input grouped by key gives the same sessions with one open at a time" {
	local f="$BATS_TEST_DIRNAME/data/edgar-20170630-head10k.csv"

	edgar-parse -b "$f" >"$tmp/req"
	sessionize -i 30 "$tmp/req" | sort >"$tmp/want"
	sort -t "$(printf '\t')" -s -k2,2 -k1,1n "$tmp/req" >"$tmp/grouped"
	run -0 save "$tmp/got" sessionize -g -i 30 "$tmp/grouped"
	sort "$tmp/got" >"$tmp/got.sorted"
	same "$tmp/want" "$tmp/got.sorted"
	# within a key, time order still holds
	lines "$tmp/in" '5\ta' '3\ta' '1\tb'
	run -1 --separate-stderr save "$tmp/got" sessionize -g -i 30 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:2: 2 seconds earlier than an earlier record"
	lines "$tmp/want" 'a\t5\t5\t1\t1' 'b\t1\t1\t1\t1'
	same "$tmp/want" "$tmp/got"
}

@test "sessionize -g: memory does not grow with the number of keys" {
	long_test
	awk 'BEGIN { for (i = 0; i < 3000000; i++) printf "%d\tk%d\n", 1, i }' \
	    >"$tmp/many"
	(ulimit -v 40000 && sessionize -g -i 5 "$tmp/many" >/dev/null)
	run ! bash -c "ulimit -v 40000 && sessionize -i 5 '$tmp/many' >/dev/null"
}

@test "sessionize: usage errors of the research options" {
	reqs "$tmp/in" '0:a'
	run -2 --separate-stderr sessionize -i 5 -m -I "$tmp/in"
	err_is 0 "sessionize: -m writes the requests, not the sessions: -I, -O, -a and -d are for the session stream"
	run -2 --separate-stderr sessionize -i 5 -O -o detect "$tmp/in"
	err_is 0 "sessionize: -O: the order fields are for the ending order, not -o detect"
	run -2 --separate-stderr sessionize -i 5 -g -o detect "$tmp/in"
	err_is 0 "sessionize: -g: grouped input has no clock of its own to detect by: use the ending order"
	run -2 --separate-stderr sessionize -i 5 -k 2,2 "$tmp/in"
	err_is 0 "sessionize: -k: column 2 given twice"
	run -2 --separate-stderr sessionize -i 5 -k 2,1 "$tmp/in"
	err_is 0 "sessionize: -t 1 -k 1: the time and the key must be different columns"
	run -2 --separate-stderr sessionize -i 5 -k 2, "$tmp/in"
	run -2 --separate-stderr sessionize -i 5 -z 24 "$tmp/in"
	run -2 --separate-stderr sessionize -i 5 -M 0 "$tmp/in"
	run -2 --separate-stderr sessionize -i 5 -p 1 "$tmp/in"
	err_is 0 "sessionize: -p 1 -t 1: the position and the time must be different columns"
	run -2 --separate-stderr sessionize -i 5 -a 1 -a 1 -a 1 -a 1 -a 1 -a 1 -a 1 -a 1 -d 3 "$tmp/in"
	err_is 0 "sessionize: -d: at most 8 aggregates (-a and -d)"
}

@test "pipeline: a key of two columns and the aggregates, named in session-format's CSV and JSON" {
	cat >"$tmp/log.csv" <<'LOG'
ip,date,time,cik,accession,size,browser
1.2.3.aaa,2017-06-30,00:00:00,1608552.0,0001047469-17-004337,80251.0,mac
1.2.3.aaa,2017-06-30,00:00:01,1027281.0,"0000898430-02-001167",2825.0,
1.2.3.aaa,2017-06-30,00:00:02,1608552.0,0001047469-17-004337,100.0,mac
5.6.7.bbb,2017-06-30,00:00:03,841535.0,0000841535-98-000002,5.0,"win,10"
LOG
	edgar-parse -I -f time,ip,cik,accession,size,browser "$tmp/log.csv" |
	    sessionize -i 60 -k 2,6 -I -d 3 -a 5 >"$tmp/sess"
	run -0 save "$tmp/got" session-format -f csv -k ip,browser \
	    -x id,ciks,bytes "$tmp/sess"
	cat >"$tmp/want" <<'OUT'
ip,browser,first,last,duration,count,id,ciks,bytes
1.2.3.aaa,mac,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2,1,1,80351
1.2.3.aaa,,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1,2,1,2825
5.6.7.bbb,"win,10",2017-06-30 00:00:03,2017-06-30 00:00:03,1,1,4,1,5
OUT
	same "$tmp/want" "$tmp/got"
	run -0 save "$tmp/got" session-format -f json -k ip,browser \
	    -x id,ciks,bytes "$tmp/sess"
	head -n 1 "$tmp/got" >"$tmp/first"
	lines "$tmp/want" '{"ip":"1.2.3.aaa","browser":"mac","first":"2017-06-30 00:00:00","last":"2017-06-30 00:00:02","duration":3,"count":2,"id":1,"ciks":1,"bytes":80351}'
	same "$tmp/want" "$tmp/first"
	# the wrong number of names is every line's reason
	run -1 --separate-stderr session-format -k ip "$tmp/sess"
	[ -z "$output" ]
}
