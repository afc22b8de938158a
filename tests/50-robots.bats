#!/usr/bin/env bats
# edgar-robots: the request stream without robots, by the SEC's flags and
# the literature's day rules; against tests/ref/robots.awk, which reads
# the CSV itself, on the real samples and on logs with planted robots.

load helpers

SHARED=$ROOT/../shared/data	# the full samples, where the tree has them
COLS=time,ip,cik,code,idx,crawler

# ref_robots [-v NAME=VALUE ...] LOG: the reference (see its header).
ref_robots() {
	awk -f "$REF/civil.awk" -f "$REF/robots.awk" "$@"
}

# planted FILE SEED [PEOPLE]: tests/ref/robotlog.awk's log.
planted() {
	awk -f "$REF/civil.awk" -f "$REF/robotlog.awk" -v seed="$2" \
	    -v people="${3:-200}" | sort -s -n -k1,1 | cut -f 2- >"$1"
}

# against_ref LOG PRESET [Z]: every output of the tool, for the preset
# and the day's offset, is the reference's (-o removed, the complement of
# kept, under make test-long only: a test below checks the partition).
against_ref() {
	local log=$1 p=$2 z=${3:-0} o outs=kept

	! is_long || outs='kept removed'
	edgar-parse -n -f "$COLS" "$log" >"$tmp/req"
	for o in $outs; do
		edgar-robots -p "$p" -z "$z" -o "$o" "$tmp/req" | cut -f 7 >"$tmp/got"
		ref_robots -v preset="$p" -v z="$z" -v out="$o" "$log" >"$tmp/want"
		same "$tmp/want" "$tmp/got" ||
		    { echo "-p $p -z $z -o $o on $log" >&2; return 1; }
	done
	for o in flagged report; do
		edgar-robots -p "$p" -z "$z" -o "$o" "$tmp/req" >"$tmp/got"
		ref_robots -v preset="$p" -v z="$z" -v out="$o" "$log" >"$tmp/want"
		same "$tmp/want" "$tmp/got" ||
		    { echo "-p $p -z $z -o $o on $log" >&2; return 1; }
	done
}

# One case a line: requests "T:IP" or "T:IP:CIK:CODE:IDX:CRAWLER" (the
# defaults 1, 200, 0, 0) => the numbers of those kept, from 1, in order.
# edgar-robots OPTION... must exit 0 with nothing on stderr.
robot_cases() {
	local line in want n=0 bad=0 w i

	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		: >"$tmp/in.tsv"
		for w in $in; do
			case $w in
			*:*:*:*:*:*) ;;
			*) w=$w:1:200:0:0 ;;
			esac
			printf '%s\n' "$w" | tr : '\t' >>"$tmp/in.tsv"
		done
		: >"$tmp/want"
		for i in $want; do
			sed -n "${i}p" "$tmp/in.tsv" >>"$tmp/want"
		done
		table_clean "$line" edgar-robots "$@" "$tmp/in.tsv"
	done
	table_end
}

@test "robots: the SEC's flags, floats or integers, first rule charged" {
	robot_cases -p sec <<'EOF'
0:a:1:200:0:0 1:a:1:200.0:0.0:0.0 2:a:1.0:200:0:0 => 1 2 3
# crawler = 1, idx = 1, code >= 300: each removes the request
0:a:1:200:0:1 1:a:1:200:1:0 2:a:1:300:0:0 3:a:1:299:0:0 => 4
0:a:1:200:0:1.0 1:a:1:200:1.0:0 2:a:1:404.0:0:0 3:a:1:299.0:0.00:0.000 => 4
# code 0 (the SEC writes it) is below 300
0:a:1:0.0:0:0 1:a:1:999:0:0 => 1
EOF
	robot_cases -C <<'EOF'
0:a:1:404:1:0 1:a:1:200:0:1 => 1
EOF
	robot_cases -I -c 400 <<'EOF'
0:a:1:399:0:1 1:a:1:400:0:0 2:a:1:200:1:0 => 1
EOF
}

@test "robots: the day rule, >= with -a and > with -d, per calendar day" {
	robot_cases -a 3 <<'EOF'
0:a 1:a 2:b 3:a => 3
0:a 1:a 2:b => 1 2 3
# a robot for the whole day, the requests before the third included
0:a 1:b 2:a 86399:a 86400:a => 2 5
# the day ends at midnight: 23:59:59 and 00:00:00 are two days
86398:a 86399:a 86400:a 86401:a => 1 2 3 4
# times before 1970: the day of -1 is the day before that of 0
-2:a -1:a 0:a => 1 2 3
EOF
	robot_cases -a 2 <<'EOF'
-86401:a -86400:a -1:a 0:a => 1 4
EOF
	robot_cases -d 2 <<'EOF'
0:a 1:a 2:b 3:a => 3
0:a 1:a 2:b => 1 2 3
EOF
	# the flags first: the day rule counts what they leave
	robot_cases -a 2 -C <<'EOF'
0:a:1:200:0:1 1:a 2:b => 2 3
0:a 1:a 2:b => 3
EOF
	robot_cases -d 0 <<'EOF'
0:a => 
EOF
}

@test "robots: the minute rules: calendar minutes, distinct CIKs" {
	robot_cases -m 2 <<'EOF'
0:a 1:a 2:a 3:b => 4
0:a 1:a 60:a 61:b => 1 2 3 4
0:a 59:a 60:a 61:b => 1 2 3 4
# one second across the minute
58:a 59:a 60:a 61:a => 1 2 3 4
59:a 60:a 61:a 62:a =>
# a robot for its whole day, not the next
0:a 1:a 2:a 86400:a => 4
EOF
	robot_cases -k 2 <<'EOF'
0:a:1:200:0:0 1:a:2:200:0:0 2:a:3:200:0:0 => 
0:a:1:200:0:0 1:a:2:200:0:0 2:a:1.0:200:0:0 3:a:2:200:0:0 => 1 2 3 4
0:a:1:200:0:0 1:a:2:200:0:0 60:a:3:200:0:0 => 1 2 3
# text that is not a number is a CIK of its own
0:a:x:200:0:0 1:a:y:200:0:0 2:a:x:200:0:0 => 1 2 3
0:a:x:200:0:0 1:a:y:200:0:0 2:a:x:200:0:0 3:a:1:200:0:0 =>
0:a:x:200:0:0 1:a:y:200:0:0 2:a:z:200:0:0 =>
# more than 4 (the ones kept with the address) and back to earlier ones
0:a:1:200:0:0 0:a:2:200:0:0 0:a:3:200:0:0 0:a:4:200:0:0 0:a:5:200:0:0 60:a:5:200:0:0 60:a:6:200:0:0 61:b => 8
EOF
	robot_cases -k 5 <<'EOF'
0:a:1:200:0:0 0:a:2:200:0:0 0:a:3:200:0:0 0:a:4:200:0:0 0:a:5:200:0:0 0:a:6:200:0:0 1:a:6:200:0:0 61:b => 8
0:a:1:200:0:0 0:a:2:200:0:0 0:a:3:200:0:0 0:a:4:200:0:0 0:a:5:200:0:0 0:a:5:200:0:0 60:a:6:200:0:0 60:a:1:200:0:0 => 1 2 3 4 5 6 7 8
0:a:1:200:0:0 0:a:2:200:0:0 0:a:3:200:0:0 0:a:4:200:0:0 0:a:5:200:0:0 60:a:6:200:0:0 60:a:1:200:0:0 60:a:2:200:0:0 60:a:3:200:0:0 60:a:4:200:0:0 60:a:5:200:0:0 60:a:6:200:0:0 =>
EOF
}

@test "robots: -z moves the days and the minutes" {
	# 1498780800 is 2017-06-30 00:00:00 UTC
	robot_cases -a 2 -z -5 <<'EOF'
1498780799:a 1498780800:a => 
1498798799:a 1498798800:a => 1 2
EOF
	robot_cases -a 2 -z 5 <<'EOF'
1498780799:a 1498780800:a => 
1498762799:a 1498762800:a => 1 2
EOF
	edgar-robots -a 1 -o flagged -z 5 "$tmp/in.tsv" >"$tmp/got"
	printf '2017-06-29\ta\tday\t1\n2017-06-30\ta\tday\t1\n' >"$tmp/want"
	same "$tmp/want" "$tmp/got"
}

@test "robots: planted robots, every preset: the flagged lists" {
	planted "$tmp/log.csv" 1 0
	edgar-parse -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	edgar-robots -p lm -o flagged "$tmp/req" >"$tmp/got"
	cat >"$tmp/want" <<'EOF'
2017-06-29	d1000	day	1000
2017-06-29	d1001	day	1001
2017-06-29	d50	day	50
2017-06-29	d500	day	500
2017-06-29	d501	day	501
2017-06-29	robot1	day	600
2017-06-29	steady	day	1440
2017-06-30	steady	day	1440
EOF
	same "$tmp/want" "$tmp/got"
	edgar-robots -p lmw -o flagged "$tmp/req" >"$tmp/got"
	cat >"$tmp/want" <<'EOF'
2017-06-29	d1000	day	1000
2017-06-29	d1001	day	1001
2017-06-29	d501	day	501
2017-06-29	k4	ciks	4
2017-06-29	m26	minute	26
2017-06-29	robot1	day	600
2017-06-29	robot1	minute	30
2017-06-29	steady	day	1440
2017-06-30	steady	day	1440
EOF
	same "$tmp/want" "$tmp/got"
	edgar-robots -p drt -o flagged "$tmp/req" >"$tmp/got"
	cat >"$tmp/want" <<'EOF'
2017-06-29	d1001	day	1001
2017-06-29	m25n1	minute	25
2017-06-29	m26	minute	26
2017-06-29	m6	minute	6
2017-06-29	mid26	minute	13
2017-06-29	robot1	minute	30
2017-06-29	steady	day	1440
2017-06-30	mid26	minute	13
2017-06-30	steady	day	1440
EOF
	same "$tmp/want" "$tmp/got"
	edgar-robots -p sec -o flagged "$tmp/req" >"$tmp/got"
	empty "$tmp/got"
	# robot1 is a person on the second day: its three requests are kept
	edgar-robots -p lmw "$tmp/req" | grep -c robot1 >"$tmp/got"
	echo 3 >"$tmp/want"
	same "$tmp/want" "$tmp/got"
}

@test "robots: planted robots and people, every preset and offset, as the reference" {
	local seed p z seeds=1

	! is_long || seeds='1 2 3 4 5 6'
	for seed in $seeds; do
		planted "$tmp/log.csv" "$seed"
		for p in sec lm lmw drt; do
			for z in 0 -5; do
				against_ref "$tmp/log.csv" "$p" "$z"
			done
		done
	done
}

@test "robots: the real excerpts, every preset, as the reference" {
	local f p

	for f in "$DATA"/*.csv; do
		for p in sec lm lmw drt; do
			against_ref "$f" "$p"
		done
	done
}

@test "robots: the full samples of shared/data, every preset, as the reference" {
	local f p

	long_test
	[ -d "$SHARED" ] || skip "no $SHARED"
	for f in "$SHARED"/*.csv; do
		for p in sec lm lmw drt; do
			against_ref "$f" "$p"
		done
	done
}

@test "robots: every line is written, removed or rejected; kept and removed partition the input" {
	planted "$tmp/log.csv" 7
	edgar-parse -n -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	printf 'x\tb\nbad\n1498780800\tz\t1\t200\t2\t0\n' >>"$tmp/req"
	run -1 --separate-stderr save "$tmp/out" edgar-robots -p lmw -r "$tmp/rej" "$tmp/req"
	cut -f 7 "$tmp/out" >"$tmp/kept"
	edgar-robots -p lmw -o removed "$tmp/req" 2>/dev/null | cut -f 7 >"$tmp/removed"
	[ "$(wc -l <"$tmp/rej")" -eq 3 ]
	sort -n "$tmp/kept" "$tmp/removed" >"$tmp/got"
	cut -f 7 "$tmp/req" | grep -E '^[0-9]+$' | sort -n >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	# the report adds up: requests = the removed of every rule + kept
	edgar-robots -p lmw -o report "$tmp/req" 2>/dev/null | awk -F '\t' '
	{ s = $4 + $5 + $6 + $7 + $9 + $11 + $13; if (s != $2) exit 1 }'
}

@test "robots: a pipe works as a file does; several files are one stream" {
	planted "$tmp/log.csv" 3
	edgar-parse -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	edgar-robots -p lmw "$tmp/req" >"$tmp/want"
	cat "$tmp/req" | edgar-robots -p lmw >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	head -n 3000 "$tmp/req" >"$tmp/a"
	tail -n +3001 "$tmp/req" >"$tmp/b"
	edgar-robots -p lmw "$tmp/a" - <"$tmp/b" >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	edgar-robots -p lmw "$tmp/a" "$tmp/b" >"$tmp/got"
	same "$tmp/want" "$tmp/got"
}

@test "robots: -f names the columns, in any order; other names are skipped" {
	planted "$tmp/log.csv" 2
	edgar-parse -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	edgar-robots -p lmw "$tmp/req" >"$tmp/want"
	edgar-parse -f crawler,size,ip,idx,code,time,cik "$tmp/log.csv" >"$tmp/req2"
	edgar-robots -p lmw -f crawler,size,IP,idx,code,time,cik "$tmp/req2" |
	    awk -F '\t' -v OFS='\t' '{ print $6, $3, $7, $5, $4, $1 }' >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	# Regression: with the ip first and the time second, the fields were
	# split from after the ip as if the time came first, one column off.
	edgar-parse -f ip,time,cik,code,idx,crawler "$tmp/log.csv" >"$tmp/req3"
	edgar-robots -p lmw -f ip,time,cik,code,idx,crawler "$tmp/req3" |
	    awk -F '\t' -v OFS='\t' '{ t = $1; $1 = $2; $2 = t; print }' >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	# the day rules alone need only the time and the ip
	edgar-parse -b "$tmp/log.csv" | edgar-robots -a 50 -f time,ip >"$tmp/got"
	cut -f 1,2 "$tmp/req" | edgar-robots -a 50 -f time,ip >"$tmp/want"
	same "$tmp/want" "$tmp/got"
}

@test "robots: records that cannot be used are rejected, and say why" {
	tool_reject_cases 1 edgar-robots -p lmw <<'EOF'
x\ta\t1\t200\t0\t0 => edgar-robots: in.txt:1: time is not an integer of at most 18 digits: "x"
1 => edgar-robots: in.txt:1: no ip column
1\t\t1\t200\t0\t0 => edgar-robots: in.txt:1: empty ip
\t => edgar-robots: in.txt:1: time is not an integer of at most 18 digits
 => edgar-robots: in.txt:1: empty line
1\ta\t1\t200\t0 => edgar-robots: in.txt:1: no crawler column
1\ta\t1\t200 => edgar-robots: in.txt:1: no idx column
1\ta => edgar-robots: in.txt:1: no cik column
1\ta\t1\t200\t0\t2 => edgar-robots: in.txt:1: crawler is not 0 or 1: "2"
1\ta\t1\t200\t0\t0.5 => edgar-robots: in.txt:1: crawler is not 0 or 1: "0.5"
1\ta\t1\t200\t-0\t0 => edgar-robots: in.txt:1: idx is not 0 or 1: "-0"
1\ta\t1\t200\t\t0 => edgar-robots: in.txt:1: idx is not 0 or 1: ""
1\ta\t1\t2.5\t0\t0 => edgar-robots: in.txt:1: code is not a number: "2.5"
1\ta\t1\t200.\t0\t0 => edgar-robots: in.txt:1: code is not a number: "200."
1\ta\t1\t 200\t0\t0 => edgar-robots: in.txt:1: code is not a number: " 200"
1\ta\t1\t200\t0\t0\c => edgar-robots: in.txt:1: the last line has no line end (the stream was cut short)
EOF
	# late: earlier than an earlier record, as sessionize says it
	printf '5\ta\t1\t200\t0\t0\n4\tb\t1\t200\t0\t0\n' >"$tmp/late"
	run -1 --separate-stderr edgar-robots -p lm "$tmp/late"
	err_is 0 "edgar-robots: $tmp/late:2: 1 second earlier than an earlier record"
	err_is 1 "edgar-robots: 1 record was out of time order: sort the request stream first with sort -s -n -k1,1"
	err_is 2 "edgar-robots: 1 record rejected"
	[ "$output" = "$(printf '5\ta\t1\t200\t0\t0')" ]
	# A rejected record leaves the clock as it was: the bad record of the
	# next day once made the record after it late, and a day of rejected
	# records only a report line of 0 requests, share "-nan".
	printf '5\ta\t1\t200\t0\t0\n86400\tb\t1\t200\t0\t7\n6\tc\t1\t200\t0\t0\n' >"$tmp/in"
	run -1 --separate-stderr edgar-robots -p lm -o report "$tmp/in"
	err_is 0 "edgar-robots: $tmp/in:2: crawler is not 0 or 1: \"7\""
	err_lines 2
	[ "$output" = "$(printf '1970-01-01\t2\t2\t0\t0\t0\t0\t0\t0\t0\t0\t0\t2\t2\t0.0000')" ]
	# a field no rule reads is not checked
	printf '5\ta\tx\tnot\tread\t0\n' >"$tmp/in"
	run -0 --separate-stderr edgar-robots -C -a 2 "$tmp/in"
	no_stderr
}

@test "robots: usage errors" {
	tool_reject_cases 2 edgar-robots <<'EOF'
1\ta => edgar-robots: no rule: name a preset (-p) or rules
EOF
	run -2 --separate-stderr edgar-robots -p foo
	err_is 0 "edgar-robots: -p foo: not a preset (sec, lm, lmw or drt)"
	run -2 --separate-stderr edgar-robots -p lm -o foo
	err_is 0 "edgar-robots: -o foo: not an output (kept, removed, flagged or report)"
	run -2 --separate-stderr edgar-robots -p lm -z 24
	err_is 0 "edgar-robots: -z 24: too large (expected -23 to 23)"
	run -2 --separate-stderr edgar-robots -a 0
	err_is 0 "edgar-robots: -a 0: too small (expected 1 to 9223372036854775807)"
	run -2 --separate-stderr edgar-robots -p sec -f time,ip
	err_is 0 "edgar-robots: the crawler rule needs a crawler column (-f)"
	run -2 --separate-stderr edgar-robots -k 3 -f time,ip,code
	err_is 0 "edgar-robots: the ciks rule needs a cik column (-f)"
	run -2 --separate-stderr edgar-robots -a 3 -f ip,cik
	err_is 0 "edgar-robots: -f ip,cik: the time and the ip columns are required"
	run -2 --separate-stderr edgar-robots -a 3 -f time,ip,,cik
	err_is 0 "edgar-robots: -f time,ip,,cik: an empty column name"
	run -2 --separate-stderr edgar-robots -a 3 -f time,ip,Time
	err_is 0 "edgar-robots: -f time,ip,Time: time named twice"
	run -0 --separate-stderr edgar-robots -h
	[[ $output == "usage: edgar-robots "* ]]
}

@test "robots: the options change the preset, wherever they are" {
	planted "$tmp/log.csv" 1 0
	edgar-parse -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	edgar-robots -m 30 -p lmw -o flagged "$tmp/req" | grep -c minute >"$tmp/got" || true
	echo 0 >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	edgar-robots -p lmw -d 1000 -o flagged "$tmp/req" | grep day | cut -f 2 >"$tmp/got"
	printf 'd1001\nsteady\nsteady\n' >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	# the presets are these rules
	edgar-robots -C -I -c 300 -a 50 -o report "$tmp/req" >"$tmp/want"
	edgar-robots -p lm -o report "$tmp/req" >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	edgar-robots -CI -c 300 -m 25 -k 3 -d 500 -o report "$tmp/req" >"$tmp/want"
	edgar-robots -p lmw -o report "$tmp/req" >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	edgar-robots -CI -c 300 -m 5 -d 1000 -o report "$tmp/req" >"$tmp/want"
	edgar-robots -p drt -o report "$tmp/req" >"$tmp/got"
	same "$tmp/want" "$tmp/got"
}

@test "robots: a write error is fatal; a closed pipe ends quietly" {
	planted "$tmp/log.csv" 1 0
	edgar-parse -f "$COLS" "$tmp/log.csv" >"$tmp/req"
	run -2 --separate-stderr sh -c 'edgar-robots -p lm -o removed "$1" >/dev/full' sh "$tmp/req"
	err_is 0 "edgar-robots: stdout: write error: No space left on device"
	run -0 sh -c 'edgar-robots -p sec "$1" | head -n 1 >/dev/null' sh "$tmp/req"
}

@test "robots: memory holds one day, not the input" {
	long_test
	awk 'BEGIN { for (d = 0; d < 8; d++) for (i = 0; i < 200000; i++)
		printf "%d\t%d.%d\t1\t200\t0\t0\n", d * 86400 + int(i * 86400 / 200000), i % 5000, d }' >"$tmp/days"
	head -n 200000 "$tmp/days" >"$tmp/day"
	/usr/bin/time -f %M -o "$tmp/m1" edgar-robots -p lm "$tmp/day" >/dev/null
	/usr/bin/time -f %M -o "$tmp/m8" edgar-robots -p lm "$tmp/days" >/dev/null
	awk -v a="$(tail -n 1 "$tmp/m1")" -v b="$(tail -n 1 "$tmp/m8")" \
	    'BEGIN { if (b > 1.5 * a) { print "1 day " a " KB, 8 days " b " KB"; exit 1 } }'
}

@test "robots: edgar-toolkit(7)'s table of shares is what the tool gives" {
	local f n p rows

	[ -d "$SHARED" ] || skip "no $SHARED"
	grep '^\.It Pa edgar-' "$ROOT/man/edgar-toolkit.7" >"$tmp/want"
	rows=$(wc -l <"$tmp/want")
	[ "$rows" -eq 3 ]
	for f in $(awk '{ print $3 }' "$tmp/want"); do
		edgar-parse -f "$COLS" "$SHARED/$f" >"$tmp/req"
		printf '.It Pa %s Ta %s' "$f" "$(wc -l <"$tmp/req")"
		for p in sec lm lmw drt; do
			edgar-robots -p "$p" -o report "$tmp/req" | awk -F '\t' '
			{ u += $2; k += $13 } END { printf " Ta %.1f%%", 100 * (u - k) / u }'
		done
		echo
	done >"$tmp/got"
	same "$tmp/want" "$tmp/got"
}

@test "robots: whatever the bytes: the fuzz seeds, random bytes among good lines" {
	local f p st

	for f in "$BATS_TEST_DIRNAME"/fuzz/corpus/request/* "$tmp/noise"; do
		if [ "$f" = "$tmp/noise" ]; then
			planted "$tmp/log.csv" 5 50
			edgar-parse -f "$COLS" "$tmp/log.csv" | head -n 4000 >"$tmp/good"
			{
				head -n 2000 "$tmp/good"
				head -c 20000 /dev/urandom
				printf '\n'
				tail -n 2000 "$tmp/good"
				head -c 3000 /dev/urandom | tr '\000-\037' '\t\t\t\t\t\t\t\t\t\t\n'
			} >"$f"
		fi
		for p in sec lm lmw drt; do
			st=0
			edgar-robots -p "$p" "$f" >"$tmp/out" 2>"$tmp/err" || st=$?
			[ "$st" -le 2 ] || { echo "-p $p $f: exit $st"; return 1; }
			# the lines written are lines of the input, and whole
			! LC_ALL=C grep -vaxFf "$f" "$tmp/out" >/dev/null ||
			    { echo "-p $p $f: a line not in the input"; return 1; }
			[ ! -s "$tmp/out" ] ||
			    [ "$(tail -c 1 "$tmp/out" | od -An -tx1 | tr -d ' ')" = 0a ]
			st=0
			edgar-robots -p "$p" -o report "$f" >"$tmp/out" 2>/dev/null || st=$?
			[ "$st" -le 2 ]
			awk -F '\t' 'NF != 15 || $1 !~ /^[0-9-]+-[01][0-9]-[0-3][0-9]$/ { exit 1 }' "$tmp/out"
		done
	done
}

@test "robots: the kit's common safety: -h, -V, --, closed descriptors, an output that is an input" {
	local version st

	version=$(sed -n 's/^VERSION = //p' "$ROOT/Makefile")
	run -0 --separate-stderr edgar-robots -V
	[ "$output" = "edgar-robots $version" ]
	st=0
	edgar-robots -h >/dev/full 2>"$tmp/err" || st=$?
	[ $st -eq 2 ]
	lines "$tmp/want" "edgar-robots: stdout: write error: No space left on device"
	same "$tmp/want" "$tmp/err"
	printf '1\ta\t1\t200\t0\t0\n' >"$tmp/-r.tsv"
	run -0 --separate-stderr edgar-robots -p sec -- "$tmp/-r.tsv"
	st=0
	edgar-robots -p sec <&- >"$tmp/got" 2>"$tmp/err" || st=$?
	[ $st -eq 2 ]
	lines "$tmp/want" "edgar-robots: stdin: Bad file descriptor"
	same "$tmp/want" "$tmp/err"
	printf '1\ta\t1\t200\t0\t0\n0\tb\t1\t200\t0\t0\n' >"$tmp/in"
	cp "$tmp/in" "$tmp/orig"
	run -2 --separate-stderr edgar-robots -p lm -r "$tmp/in" "$tmp/in"
	err_is 0 "edgar-robots: $tmp/in: the input is the rejects file (-r $tmp/in)"
	cmp "$tmp/orig" "$tmp/in"
	st=0
	edgar-robots -p lm -r "$tmp/rej" "$tmp/in" >"$tmp/got" 2>&- || st=$?
	[ $st -eq 1 ]
	lines "$tmp/want" '0\tb\t1\t200\t0\t0'
	same "$tmp/want" "$tmp/rej"
	lines "$tmp/want" '1\ta\t1\t200\t0\t0'
	same "$tmp/want" "$tmp/got"
}

@test "robots: rules one by one, thresholds and offsets of each seed, as the reference" {
	local seed seeds=11 a m k c z o

	! is_long || seeds=$(seq 11 40)
	for seed in $seeds; do
		planted "$tmp/log.csv" "$seed" 300
		edgar-parse -n -f "$COLS" "$tmp/log.csv" >"$tmp/req"
		a=$((seed % 7 + 1)) m=$((seed % 5)) k=$((seed % 4))
		c=$((250 + seed * 7 % 200)) z=$((seed % 47 - 23))
		for o in kept flagged report; do
			edgar-robots -C -c $c -a $a -m $m -k $k -z $z -o $o "$tmp/req" >"$tmp/got"
			[ $o != kept ] || { cut -f 7 "$tmp/got" >"$tmp/g" && mv "$tmp/g" "$tmp/got"; }
			ref_robots -v crawler=1 -v code=$c -v dayge=$a -v minute=$m \
			    -v ciks=$k -v z=$z -v out=$o "$tmp/log.csv" >"$tmp/want"
			same "$tmp/want" "$tmp/got" || { echo "seed $seed -o $o" >&2; return 1; }
			edgar-robots -I -d $((a * 20)) -m $((m + 3)) -z $z -o $o "$tmp/req" >"$tmp/got"
			[ $o != kept ] || { cut -f 7 "$tmp/got" >"$tmp/g" && mv "$tmp/g" "$tmp/got"; }
			ref_robots -v idx=1 -v daygt=$((a * 20)) -v minute=$((m + 3)) \
			    -v z=$z -v out=$o "$tmp/log.csv" >"$tmp/want"
			same "$tmp/want" "$tmp/got" || { echo "seed $seed -o $o (2)" >&2; return 1; }
		done
	done
}
