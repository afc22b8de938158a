#!/usr/bin/env bats
# sessionize: request stream in, session stream out, as sessions end.

load helpers

# One case a line: requests "time:key ..." => sessions
# "key:first:last:duration:count ...", in the order written.
@test "sessionize: edge cases, P = 2" {
	session_cases -i 2 <<'EOF'
0:a => a:0:0:1:1
# a gap of exactly P continues the session, P + 1 starts a new one
0:a 2:a => a:0:2:3:2
0:a 3:a => a:0:0:1:1 a:3:3:1:1
0:a 2:a 4:a 6:a => a:0:6:7:4
0:a 2:a 5:a 7:a => a:0:2:3:2 a:5:7:3:2
# repeats in one second all count
0:a 0:a 0:a => a:0:0:1:3
# a request at last + P does not end the session, last + P + 1 does
0:a 1:b 3:c 3:b => a:0:0:1:1 b:1:3:3:2 c:3:3:1:1
0:a 1:b 4:c => a:0:0:1:1 b:1:1:1:1 c:4:4:1:1
# ending order: by last request, whatever the first
0:a 1:b 2:a 6:c => b:1:1:1:1 a:0:2:3:2 c:6:6:1:1
0:a 0:b 1:b 2:c 3:b 9:d => a:0:0:1:1 c:2:2:1:1 b:0:3:4:3 d:9:9:1:1
# ties (same last second): by the first request's input position
0:b 0:a 1:a 1:b 5:c => b:0:1:2:2 a:0:1:2:2 c:5:5:1:1
0:a 1:b 1:a 5:c => a:0:1:2:2 b:1:1:1:1 c:5:5:1:1
# end of input: open sessions in first-request order, not ending order
0:a 1:b 2:a => a:0:2:3:2 b:1:1:1:1
0:b 1:a 2:c 2:b 3:a => b:0:2:3:2 a:1:3:3:2 c:2:2:1:1
# the SPEC's x/y/z example (00:00:00 is 0 here)
0:x 1:y 2:x 9:z => y:1:1:1:1 x:0:2:3:2 z:9:9:1:1
# times before 1970, across 0
-10:a -8:a -5:a => a:-10:-8:3:2 a:-5:-5:1:1
-1:a 1:a => a:-1:1:3:2
-999999999999999999:a => a:-999999999999999999:-999999999999999999:1:1
999999999999999999:a => a:999999999999999999:999999999999999999:1:1
# keys are bytes: case and look-alikes differ
0:a 0:A 0:a. => a:0:0:1:1 A:0:0:1:1 a.:0:0:1:1
# leading zeros and -0 are numbers
-0:b 00:a 0002:a => b:0:0:1:1 a:0:2:3:2
EOF
}

@test "sessionize: edge cases, P = 1 and large P" {
	session_cases -i 1 <<'EOF'
0:a 1:a 2:a 4:a => a:0:2:3:3 a:4:4:1:1
0:a 1:b 2:c 3:d => a:0:0:1:1 b:1:1:1:1 c:2:2:1:1 d:3:3:1:1
EOF
	session_cases -i 86400 <<'EOF'
0:a 86400:a 172801:a => a:0:86400:86401:2 a:172801:172801:1:1
EOF
	session_cases -i 9223372036854775807 <<'EOF'
0:a 100000000000000000:b 999999999999999999:a => a:0:999999999999999999:1000000000000000000:2 b:100000000000000000:100000000000000000:1:1
EOF
	session_cases -i 999999999999999999 <<'EOF'
0:a 999999999999999999:a => a:0:999999999999999999:1000000000000000000:2
0:a 999999999999999999:b 999999999999999999:a => a:0:999999999999999999:1000000000000000000:2 b:999999999999999999:999999999999999999:1:1
EOF
	session_cases -i 999999999999999998 <<'EOF'
0:a 999999999999999999:b => a:0:0:1:1 b:999999999999999999:999999999999999999:1:1
EOF
}

@test "sessionize: -o detect writes the sessions one record closes in first-request order" {
	session_cases -i 2 -o detect <<'EOF'
0:x 1:y 2:x 9:z => x:0:2:3:2 y:1:1:1:1 z:9:9:1:1
0:a 1:b 2:a 6:c => a:0:2:3:2 b:1:1:1:1 c:6:6:1:1
0:b 0:a 1:a 1:b 5:c => b:0:1:2:2 a:0:1:2:2 c:5:5:1:1
0:a 3:a => a:0:0:1:1 a:3:3:1:1
0:a 1:b 2:a => a:0:2:3:2 b:1:1:1:1
EOF
	session_cases -i 2 -o end <<'EOF'
0:x 1:y 2:x 9:z => y:1:1:1:1 x:0:2:3:2 z:9:9:1:1
EOF
}

@test "sessionize: the SPEC's x/y/z example in both orders" {
	run -0 --separate-stderr save "$tmp/end" sessionize -i 2 "$GOLDEN/sessionize-xyz.in"
	no_stderr
	same "$GOLDEN/sessionize-xyz-end.out" "$tmp/end"
	run -0 --separate-stderr save "$tmp/detect" sessionize -i 2 -o detect "$GOLDEN/sessionize-xyz.in"
	no_stderr
	same "$GOLDEN/sessionize-xyz-detect.out" "$tmp/detect"
	session-format "$tmp/end" >"$tmp/got"
	same "$GOLDEN/spec-xyz-end.out" "$tmp/got"
}

@test "sessionize: the SPEC's example" {
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 "$GOLDEN/sessionize-spec.in"
	no_stderr
	same "$GOLDEN/sessionize-spec.out" "$tmp/got"
}

@test "sessionize: agrees with the reference model on real traffic" {
	big=$DATA/edgar-20170630-head10k.csv
	edgar-parse -b "$big" >"$tmp/req"
	for p in 1 2 5 30; do
		ref_sessions $p end "$tmp/req" >"$tmp/want"
		run -0 --separate-stderr save "$tmp/got" sessionize -i $p "$tmp/req"
		no_stderr
		same "$tmp/want" "$tmp/got"
	done
}

@test "sessionize: -t and -k on another TSV layout" {
	lines "$tmp/in" 'GET\t/a\talice\t100\tx' 'GET\t/b\tbob\t101' \
	    'PUT\t/c\talice\t102\t\t' 'GET\t/d\tbob\t110'
	lines "$tmp/want" 'bob\t101\t101\t1\t1' 'alice\t100\t102\t3\t2' \
	    'bob\t110\t110\t1\t1'
	run -0 --separate-stderr save "$tmp/got" sessionize -i 5 -t 4 -k 3 "$tmp/in"
	no_stderr
	same "$tmp/want" "$tmp/got"
	# the key column may come first; the key is kept as it is, escapes too
	lines "$tmp/in" 'a\\tb c\t0' 'x\t1' 'a\\tb c\t2'
	lines "$tmp/want" 'a\\tb c\t0\t2\t3\t2' 'x\t1\t1\t1\t1'
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 -k 1 -t 2 "$tmp/in"
	no_stderr
	same "$tmp/want" "$tmp/got"
}

@test "sessionize: swapping the columns with -t 2 -k 1 changes nothing" {
	awk -F '\t' -v OFS='\t' '{ print $2, $1, $3 }' \
	    "$GOLDEN/sessionize-spec.in" >"$tmp/swapped"
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 -t 2 -k 1 "$tmp/swapped"
	no_stderr
	same "$GOLDEN/sessionize-spec.out" "$tmp/got"
}

@test "sessionize: -t and -k errors" {
	run -2 --separate-stderr sessionize -i 2 -t 2 </dev/null
	err_is 0 "sessionize: -t 2 -k 2: the time and the key must be different columns"
	run -2 --separate-stderr sessionize -i 2 -k 1 </dev/null
	err_is 0 "sessionize: -t 1 -k 1: the time and the key must be different columns"
	run -2 --separate-stderr sessionize -i 2 -t 0 </dev/null
	err_is 0 "sessionize: -t 0: too small (expected 1 to 1024)"
	run -2 --separate-stderr sessionize -i 2 -k 1025 </dev/null
	err_is 0 "sessionize: -k 1025: too large (expected 1 to 1024)"
	run -2 --separate-stderr sessionize -i 2 -k x </dev/null
	err_is 0 "sessionize: -k x: not an integer (expected 1 to 1024)"
	run -0 --separate-stderr sessionize -i 2 -t 1024 -k 1 </dev/null
	no_stderr
}

@test "sessionize: a record missing a far -t column is rejected" {
	lines "$tmp/in" 'a\tb\t1'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -t 4 -k 1 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:1: no time column"
	empty "$tmp/got"
}

# One case a line: the whole input (LF added) => the first line of stderr;
# exit 1, nothing written, "sessionize: 1 record rejected" last.
@test "sessionize: bad lines are rejected with their messages" {
	tool_reject_cases 1 sessionize -i 2 <<'EOF'
x\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "x"
\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits
1234567890123456789\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "1234567890123456789"
-1234567890123456789\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "-1234567890123456789"
+5\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "+5"
 5\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: " 5"
5 \ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "5 "
5.0\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "5.0"
-\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "-"
--5\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "--5"
0x10\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "0x10"
\x01\xff\ta => sessionize: in.txt:1: time is not an integer of at most 18 digits: "\x01\xff"
5 => sessionize: in.txt:1: no key column
5\t => sessionize: in.txt:1: empty key
5\t\tb => sessionize: in.txt:1: empty key
# an empty line
 => sessionize: in.txt:1: empty line
\r => sessionize: in.txt:1: no key column
EOF
}

# Regression: the time cache of the default layout took an empty time for
# the last one converted (0 at the start).
@test "sessionize: an empty time is rejected, also after a bad one" {
	put "$tmp/in" '5\ta\nx\tb\n\tc\n'
	lines "$tmp/want" 'a\t5\t5\t1\t1'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:2: time is not an integer of at most 18 digits: \"x\""
	err_is 1 "sessionize: $tmp/in:3: time is not an integer of at most 18 digits"
	err_is 2 "sessionize: 2 records rejected"
	same "$tmp/want" "$tmp/got"
}

# Regression: the message for an empty line printed uninitialised memory.
@test "sessionize: the message for an empty line is exact" {
	put "$tmp/in" '\n0\ta\n\n'
	for i in 1 2 3 4 5; do
		run -1 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/in"
		err_is 0 "sessionize: $tmp/in:1: empty line"
		err_is 1 "sessionize: $tmp/in:3: empty line"
		run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -t 1 -k 3 "$tmp/in"
		err_is 0 "sessionize: $tmp/in:1: empty line"
	done
}

@test "sessionize: rejects: line numbers, the rest is used, -r keeps them verbatim" {
	put "$tmp/in" '0\ta\n\nx\ta\n1\ta\tmore\n5\n2\t\n3\tb\n4\0\ta\n9\tc\n'
	lines "$tmp/want" 'a\t0\t1\t2\t2' 'b\t3\t3\t1\t1' 'c\t9\t9\t1\t1'
	put "$tmp/want-rej" '\nx\ta\n5\n2\t\n4\0\ta\n'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -r "$tmp/rej" "$tmp/in"
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
	err_is 0 "sessionize: $tmp/in:2: empty line"
	err_is 1 "sessionize: $tmp/in:3: time is not an integer of at most 18 digits: \"x\""
	err_is 2 "sessionize: $tmp/in:5: no key column"
	err_is 3 "sessionize: $tmp/in:6: empty key"
	err_is 4 "sessionize: $tmp/in:8: time is not an integer of at most 18 digits: \"4\\x00\""
	err_is 5 "sessionize: 5 records rejected"
	err_lines 6
}

@test "sessionize: late records are rejected, with the remedy named" {
	reqs "$tmp/in" '5:a 3:b 5:c 4:a 8:a'
	reqs "$tmp/want" 'a:5:8:4:2 c:5:5:1:1'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 3 -r "$tmp/rej" "$tmp/in"
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:2: 2 seconds earlier than an earlier record"
	err_is 1 "sessionize: $tmp/in:4: 1 second earlier than an earlier record"
	err_is 2 "sessionize: 2 records were out of time order: sort the request stream first with sort -s -n -k1,1, or allow lateness with -l"
	err_is 3 "sessionize: 2 records rejected"
	err_lines 4
	reqs "$tmp/want-rej" '3:b 4:a'
	same "$tmp/want-rej" "$tmp/rej"
	# the remedy works
	sort -s -n -k1,1 "$tmp/in" | sessionize -i 3 >"$tmp/sorted"
	reqs "$tmp/want" 'b:3:3:1:1 a:4:8:5:3 c:5:5:1:1'
	same "$tmp/want" "$tmp/sorted"
}

@test "sessionize: one late record: singular message" {
	reqs "$tmp/in" '5:a 3:b'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 3 "$tmp/in"
	err_is 1 "sessionize: 1 record was out of time order: sort the request stream first with sort -s -n -k1,1, or allow lateness with -l"
	err_is 2 "sessionize: 1 record rejected"
}

@test "sessionize: -s stops at the first late record" {
	reqs "$tmp/in" '0:z 5:a 3:b 4:c'
	run -2 --separate-stderr save "$tmp/got" sessionize -i 2 -s "$tmp/in"
	err_is 0 "sessionize: $tmp/in:3: 2 seconds earlier than an earlier record"
	err_is 1 "sessionize: stopped at the first rejected record (-s)"
	err_lines 2
	# z's session was over when 5 was read; whole lines only
	reqs "$tmp/want" 'z:0:0:1:1'
	same "$tmp/want" "$tmp/got"
}

@test "sessionize: -l counts late records at the clock" {
	reqs "$tmp/in" '5:a 3:b 4:c 5:b 9:a'
	reqs "$tmp/want" 'a:5:5:1:1 b:5:5:1:2 c:5:5:1:1 a:9:9:1:1'
	run -0 --separate-stderr save "$tmp/got" sessionize -i 3 -l 2 "$tmp/in"
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: 2 late records counted at the clock (at most 2 seconds late)"
	err_lines 1
}

@test "sessionize: -l: exactly L late is counted, L + 1 is rejected" {
	reqs "$tmp/in" '10:a 7:b 6:c 10:d'
	reqs "$tmp/want" 'a:10:10:1:1 b:10:10:1:1 d:10:10:1:1'
	run -1 --separate-stderr save "$tmp/got" sessionize -i 1 -l 3 "$tmp/in"
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: $tmp/in:3: 4 seconds earlier than an earlier record"
	err_is 1 "sessionize: 1 late record counted at the clock (at most 3 seconds late)"
	err_is 2 "sessionize: 1 record was out of time order: sort the request stream first with sort -s -n -k1,1, or allow lateness with -l"
	err_is 3 "sessionize: 1 record rejected"
	run -0 --separate-stderr save "$tmp/got" sessionize -i 1 -l 0 "$GOLDEN/sessionize-spec.in"
	no_stderr
}

@test "sessionize: a late record of a closed session starts a new one at the clock" {
	reqs "$tmp/in" '0:a 10:b 9:a'
	reqs "$tmp/want" 'a:0:0:1:1 b:10:10:1:1 a:10:10:1:1'
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 -l 1 "$tmp/in"
	same "$tmp/want" "$tmp/got"
	err_is 0 "sessionize: 1 late record counted at the clock (at most 1 second late)"
}

# One case a line: the -i value => the first line of stderr; exit 2.
@test "sessionize: invalid -i values are usage errors" {
	local line in want n=0 bad=0
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		run -2 --separate-stderr sessionize -i "$in" </dev/null
		if [ "$status" -ne 2 ] || [ "${stderr_lines[0]-}" != "$want" ]; then
			table_fail "$line" "exit $status" "stderr: $stderr"
		fi
	done <<'EOF'
0 => sessionize: -i 0: too small (expected 1 to 9223372036854775807)
-1 => sessionize: -i -1: too small (expected 1 to 9223372036854775807)
abc => sessionize: -i abc: not an integer (expected 1 to 9223372036854775807)
2.5 => sessionize: -i 2.5: not an integer (expected 1 to 9223372036854775807)
2s => sessionize: -i 2s: not an integer (expected 1 to 9223372036854775807)
+2 => sessionize: -i +2: not an integer (expected 1 to 9223372036854775807)
 2 => sessionize: -i  2: not an integer (expected 1 to 9223372036854775807)
0x10 => sessionize: -i 0x10: not an integer (expected 1 to 9223372036854775807)
99999999999999999999 => sessionize: -i 99999999999999999999: too large (expected 1 to 9223372036854775807)
9223372036854775808 => sessionize: -i 9223372036854775808: too large (expected 1 to 9223372036854775807)
-99999999999999999999 => sessionize: -i -99999999999999999999: too small (expected 1 to 9223372036854775807)
# the empty value
 => sessionize: -i : not an integer (expected 1 to 9223372036854775807)
EOF
	table_end
}

@test "sessionize: -i is required, other usage errors" {
	run -2 --separate-stderr sessionize </dev/null
	err_is 0 "sessionize: -i seconds: the inactivity period is required"
	err_is 1 "usage: sessionize -i seconds [-ghImOsuV] [-a column] [-d column] [-k columns] [-l seconds] [-M seconds] [-n column] [-o end | detect] [-p column] [-r rejects] [-t column] [-z hours] [file ...]"
	run -2 --separate-stderr sessionize -i 2 -o bad </dev/null
	err_is 0 "sessionize: -o bad: not an order (end or detect)"
	run -2 --separate-stderr sessionize -i 2 -o '' </dev/null
	err_is 0 "sessionize: -o : not an order (end or detect)"
	run -2 --separate-stderr sessionize -i 2 -l -1 </dev/null
	err_is 0 "sessionize: -l -1: too small (expected 0 to 9223372036854775807)"
	run -2 --separate-stderr sessionize -i 2 -x </dev/null
	err_is 0 "sessionize: invalid option -- 'x'"
	err_is 1 "usage: sessionize -i seconds [-ghImOsuV] [-a column] [-d column] [-k columns] [-l seconds] [-M seconds] [-n column] [-o end | detect] [-p column] [-r rejects] [-t column] [-z hours] [file ...]"
	run -0 --separate-stderr sessionize -i 9223372036854775807 </dev/null
	no_stderr
}

@test "sessionize: empty input gives nothing, exit 0" {
	put "$tmp/in" ''
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/in"
	no_stderr
	empty "$tmp/got"
}

@test "sessionize: several files are one stream; - is stdin" {
	head -n 4 "$GOLDEN/sessionize-spec.in" >"$tmp/a"
	tail -n +5 "$GOLDEN/sessionize-spec.in" >"$tmp/b"
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/a" - <"$tmp/b"
	no_stderr
	same "$GOLDEN/sessionize-spec.out" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 - <"$GOLDEN/sessionize-spec.in"
	no_stderr
	same "$GOLDEN/sessionize-spec.out" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" sessionize -i 2 <"$GOLDEN/sessionize-spec.in"
	no_stderr
	same "$GOLDEN/sessionize-spec.out" "$tmp/got"
}

@test "sessionize: how the input is split into files changes nothing" {
	big=$DATA/edgar-20170630-head10k.csv
	edgar-parse -b "$big" >"$tmp/req"
	sessionize -i 2 "$tmp/req" >"$tmp/want"
	for n in 1 1000 5000 9999; do
		head -n $n "$tmp/req" >"$tmp/a"
		tail -n +$((n + 1)) "$tmp/req" >"$tmp/b"
		run -0 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/a" "$tmp/b"
		no_stderr
		same "$tmp/want" "$tmp/got"
	done
}

@test "sessionize: a missing file is fatal (exit 2)" {
	run -2 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/no-such"
	err_is 0 "sessionize: $tmp/no-such: No such file or directory"
	err_lines 1
}

@test "sessionize: writing to /dev/full exits 2 with a message" {
	run -2 --separate-stderr save /dev/full sessionize -i 2 "$GOLDEN/sessionize-spec.in"
	err_is 0 "sessionize: stdout: write error: No space left on device"
	err_lines 1
	run -2 --separate-stderr save /dev/full sessionize -u -i 2 "$GOLDEN/sessionize-spec.in"
	err_is 0 "sessionize: stdout: write error: No space left on device"
}

@test "sessionize: a closed pipe ends quietly" {
	awk 'BEGIN { for (i = 0; i < 300000; i++) printf "%d\tk%d\n", i, i }' >"$tmp/in"
	lines "$tmp/want" 'k0\t0\t0\t1\t1'
	{ sessionize -i 1 "$tmp/in" 2>"$tmp/err"; } | head -n 1 >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
	(trap '' PIPE; { sessionize -i 1 "$tmp/in" 2>"$tmp/err"; } | head -n 1 >"$tmp/got")
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
}

# A slow writer: the first session must come out while the input is still
# open, as soon as a record proves it over.
@test "sessionize -u: a session is written as soon as it is proven over" {
	mkfifo "$tmp/fifo"
	sessionize -u -i 2 <"$tmp/fifo" >"$tmp/got" 2>"$tmp/err" 3>&- &
	bgpid=$!
	exec 5<>"$tmp/fifo"
	printf '0\ta\n1\tb\n' >&5
	printf '3\tb\n' >&5
	waitfor "$tmp/got" 'a	0	0	1	1'
	# b is still open: it cannot have been written
	lines "$tmp/want" 'a\t0\t0\t1\t1'
	same "$tmp/want" "$tmp/got"
	printf '9\tc\n' >&5
	waitfor "$tmp/got" 'b	1	3	3	2'
	lines "$tmp/want" 'a\t0\t0\t1\t1' 'b\t1\t3\t3\t2'
	same "$tmp/want" "$tmp/got"
	exec 5>&-
	wait "$bgpid"
	bgpid=
	lines "$tmp/want" 'a\t0\t0\t1\t1' 'b\t1\t3\t3\t2' 'c\t9\t9\t1\t1'
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
}
