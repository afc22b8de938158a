#!/usr/bin/env bats
# session-format: session stream in, sessions as text out.

load helpers

# format-sessions.in holds keys with , " CR LF TAB \ (escaped), invalid and
# valid UTF-8, control bytes; times before 1970 and after 9999, a leap day.
@test "format: insight (the default) on a golden session stream" {
	run -0 --separate-stderr save "$tmp/got" session-format "$GOLDEN/format-sessions.in"
	no_stderr
	cmp "$GOLDEN/format-insight.out" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" session-format -f insight "$GOLDEN/format-sessions.in"
	no_stderr
	cmp "$GOLDEN/format-insight.out" "$tmp/got"
}

@test "format: csv (a header, then as insight)" {
	run -0 --separate-stderr save "$tmp/got" session-format -f csv "$GOLDEN/format-sessions.in"
	no_stderr
	cmp "$GOLDEN/format-csv.out" "$tmp/got"
}

@test "format: json lines" {
	run -0 --separate-stderr save "$tmp/got" session-format -f json "$GOLDEN/format-sessions.in"
	no_stderr
	cmp "$GOLDEN/format-json.out" "$tmp/got"
}

@test "format: json lines are valid JSON, one object a line" {
	command -v python3 >/dev/null || skip "no python3"
	session-format -f json "$GOLDEN/format-sessions.in" >"$tmp/got"
	python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1], "rb"):
    o = json.loads(line.decode("utf-8"))
    assert sorted(o) == ["count", "duration", "first", "ip", "last"], o
    n += 1
assert n == 8, n
' "$tmp/got"
}

@test "format: tsv keeps the key escaped, times readable" {
	run -0 --separate-stderr save "$tmp/got" session-format -f tsv "$GOLDEN/format-sessions.in"
	no_stderr
	cmp "$GOLDEN/format-tsv.out" "$tmp/got"
	cut -f 1,4,5 "$GOLDEN/format-sessions.in" >"$tmp/want"
	cut -f 1,4,5 "$tmp/got" >"$tmp/cut"
	cmp "$tmp/want" "$tmp/cut"
}

@test "format: insight output reads back as RFC 4180 CSV" {
	command -v python3 >/dev/null || skip "no python3"
	session-format -f csv "$GOLDEN/format-sessions.in" >"$tmp/got"
	python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="latin-1")))
assert rows[0] == ["ip", "first", "last", "duration", "count"], rows[0]
keys = [r[0] for r in rows[1:]]
assert keys[2] == "a,b" and keys[3] == "q\"x" and keys[7] == "\"", keys
assert keys[4] == "l\nm\r\t\\", repr(keys[4])
assert all(len(r) == 5 for r in rows), rows
' "$tmp/got"
}

# One case a line: a session line => the insight line.
@test "format: RFC 4180 quoting of keys" {
	format_cases <<'EOF'
a\t0\t0\t1\t1 => a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a,b\t0\t0\t1\t1 => "a,b",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
,\t0\t0\t1\t1 => ",",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a"b\t0\t0\t1\t1 => "a""b",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
"\t0\t0\t1\t1 => """",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
""\t0\t0\t1\t1 => """""",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\\nb\t0\t0\t1\t1 => "a\nb",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\\rb\t0\t0\t1\t1 => "a\rb",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
\\r\\n\t0\t0\t1\t1 => "\r\n",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
# TAB, backslash and blanks need no quotes
a\\tb\t0\t0\t1\t1 => a\tb,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\\\\b\t0\t0\t1\t1 => a\\b,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
 a b \t0\t0\t1\t1 =>  a b ,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
# all together
,"\\n\\\\\\t\t0\t0\t1\t1 => ",""\n\\\t",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
EOF
}

@test "format: JSON escaping, invalid UTF-8 becomes \\ufffd" {
	format_cases -f json <<'EOF'
a\t0\t0\t1\t1 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
"\\\\\t0\t0\t1\t1 => {"ip":"\"\\\\","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\\n\\r\\t\t0\t0\t1\t1 => {"ip":"\\n\\r\\t","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\x01\x1f\x7f/\t0\t0\t1\t1 => {"ip":"\\u0001\\u001f\x7f/","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
# valid UTF-8 passes: 2, 3 and 4 bytes
\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\t0\t0\t1\t1 => {"ip":"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xef\xbf\xbf\xf4\x8f\xbf\xbf\t0\t0\t1\t1 => {"ip":"\xef\xbf\xbf\xf4\x8f\xbf\xbf","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
# each byte of an invalid sequence becomes U+FFFD
\xff\t0\t0\t1\t1 => {"ip":"\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
a\x80b\t0\t0\t1\t1 => {"ip":"a\\ufffdb","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xc3\x28\t0\t0\t1\t1 => {"ip":"\\ufffd(","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xc3\t0\t0\t1\t1 => {"ip":"\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xc0\x80\t0\t0\t1\t1 => {"ip":"\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xe0\x80\xaf\t0\t0\t1\t1 => {"ip":"\\ufffd\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xed\xa0\x80\t0\t0\t1\t1 => {"ip":"\\ufffd\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xf4\x90\x80\x80\t0\t0\t1\t1 => {"ip":"\\ufffd\\ufffd\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xf0\x9f\x98\t0\t0\t1\t1 => {"ip":"\\ufffd\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
\xe2\x82\xac\xe2\x82\t0\t0\t1\t1 => {"ip":"\xe2\x82\xac\\ufffd\\ufffd","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
EOF
}

@test "format: NUL in a key" {
	put "$tmp/in" 'a\0b\t0\t0\t1\t1\n'
	put "$tmp/want" 'a\0b,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1\n'
	run -0 --separate-stderr save "$tmp/got" session-format "$tmp/in"
	no_stderr
	cmp "$tmp/want" "$tmp/got"
	put "$tmp/want" '{"ip":"a\\u0000b","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}\n'
	run -0 --separate-stderr save "$tmp/got" session-format -f json "$tmp/in"
	no_stderr
	cmp "$tmp/want" "$tmp/got"
}

# One case a line: a session line => the insight line.
@test "format: dates before 1970, after 9999, leap days" {
	format_cases <<'EOF'
a\t0\t59\t60\t2 => a,1970-01-01 00:00:00,1970-01-01 00:00:59,60,2
a\t-1\t-1\t1\t1 => a,1969-12-31 23:59:59,1969-12-31 23:59:59,1,1
a\t-86400\t-86399\t2\t1 => a,1969-12-31 00:00:00,1969-12-31 00:00:01,2,1
a\t-86401\t-86401\t1\t1 => a,1969-12-30 23:59:59,1969-12-30 23:59:59,1,1
a\t-2208988800\t-2208988800\t1\t1 => a,1900-01-01 00:00:00,1900-01-01 00:00:00,1,1
a\t-2203891201\t-2203891200\t2\t1 => a,1900-02-28 23:59:59,1900-03-01 00:00:00,2,1
a\t-62135596800\t-62135596800\t1\t1 => a,0001-01-01 00:00:00,0001-01-01 00:00:00,1,1
a\t-62167219200\t-62167219200\t1\t1 => a,0000-01-01 00:00:00,0000-01-01 00:00:00,1,1
a\t-62167219201\t-62167219201\t1\t1 => a,-0001-12-31 23:59:59,-0001-12-31 23:59:59,1,1
a\t951782399\t951782400\t2\t1 => a,2000-02-28 23:59:59,2000-02-29 00:00:00,2,1
a\t1456790399\t1456790400\t2\t1 => a,2016-02-29 23:59:59,2016-03-01 00:00:00,2,1
a\t2147483647\t2147483648\t2\t1 => a,2038-01-19 03:14:07,2038-01-19 03:14:08,2,1
a\t4294967296\t4294967296\t1\t1 => a,2106-02-07 06:28:16,2106-02-07 06:28:16,1,1
a\t253402300799\t253402300800\t2\t1 => a,9999-12-31 23:59:59,10000-01-01 00:00:00,2,1
a\t999999999999999999\t999999999999999999\t1\t1 => a,31688740476-10-23 01:46:39,31688740476-10-23 01:46:39,1,1
a\t-999999999999999999\t-999999999999999999\t1\t1 => a,-31688736537-03-10 22:13:21,-31688736537-03-10 22:13:21,1,1
# a session over many days
a\t1498780800\t1530316799\t31536000\t99 => a,2017-06-30 00:00:00,2018-06-29 23:59:59,31536000,99
EOF
}

@test "format: dates in every format, sessions out of time order" {
	lines "$tmp/in" 'a\t-1\t86400\t86402\t3' 'b\t0\t0\t1\t1' 'c\t-1\t-1\t1\t1'
	lines "$tmp/want" 'a\t1969-12-31 23:59:59\t1970-01-02 00:00:00\t86402\t3' \
	    'b\t1970-01-01 00:00:00\t1970-01-01 00:00:00\t1\t1' \
	    'c\t1969-12-31 23:59:59\t1969-12-31 23:59:59\t1\t1'
	run -0 --separate-stderr save "$tmp/got" session-format -f tsv "$tmp/in"
	no_stderr
	same "$tmp/want" "$tmp/got"
}

# One case a line: the whole input (LF added) => the first line of stderr;
# exit 1, nothing written, "session-format: 1 record rejected" last.
@test "format: rejected lines and their messages" {
	tool_reject_cases 1 session-format <<'EOF'
a\t0\t0\t1 => session-format: in.txt:1: not 5 fields
a\t0\t0\t1\t1\t1 => session-format: in.txt:1: not 5 fields
a\t0\t0\t1\t1\t => session-format: in.txt:1: not 5 fields
a 0 0 1 1 => session-format: in.txt:1: not 5 fields
a,0,0,1,1 => session-format: in.txt:1: not 5 fields
# an empty line
 => session-format: in.txt:1: not 5 fields
\t0\t0\t1\t1 => session-format: in.txt:1: empty key
a\tx\t0\t1\t1 => session-format: in.txt:1: first or last is not an integer of at most 18 digits
a\t0\t\t1\t1 => session-format: in.txt:1: first or last is not an integer of at most 18 digits
a\t0\t0\t1.0\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t0\t0\t+1\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t0\t0\t1\t => session-format: in.txt:1: count is not a positive integer
a\t0\t0\t1\t1\r => session-format: in.txt:1: count is not a positive integer
a\t1234567890123456789\t1234567890123456789\t1\t1 => session-format: in.txt:1: first or last is not an integer of at most 18 digits
a\t0\t1\t1\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t0\t0\t2\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t0\t0\t0\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t1\t0\t0\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t5\t3\t-1\t1 => session-format: in.txt:1: duration is not last - first + 1
a\t0\t0\t1\t0 => session-format: in.txt:1: count is not a positive integer
a\t0\t0\t1\t-1 => session-format: in.txt:1: count is not a positive integer
a\\x\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
a\\\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
\\N\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
\\\\\\\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
EOF
}

@test "format: rejects: line numbers, the rest is used, -r keeps them verbatim" {
	put "$tmp/in" 'a\t0\t0\t1\t1\nb\t0\t0\t2\t1\n\nc\t0\t0\t1\t1\nd\\q\t0\t0\t1\t1\ne\t1\t1\t1\t0\n'
	lines "$tmp/want" 'a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1' \
	    'c,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	put "$tmp/want-rej" 'b\t0\t0\t2\t1\n\nd\\q\t0\t0\t1\t1\ne\t1\t1\t1\t0\n'
	run -1 --separate-stderr save "$tmp/got" session-format -r "$tmp/rej" "$tmp/in"
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
	err_is 0 "session-format: $tmp/in:2: duration is not last - first + 1"
	err_is 1 "session-format: $tmp/in:3: not 5 fields"
	err_is 2 "session-format: $tmp/in:5: bad escape in key"
	err_is 3 "session-format: $tmp/in:6: count is not a positive integer"
	err_is 4 "session-format: 4 records rejected"
	err_lines 5
}

@test "format: -s exits 2 at the first rejected line" {
	lines "$tmp/in" 'a\t0\t0\t1\t1' 'b\t0\t0\t1\t0' 'c\t0\t0\t1\t1'
	lines "$tmp/want" 'a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	run -2 --separate-stderr save "$tmp/got" session-format -s "$tmp/in"
	err_is 0 "session-format: $tmp/in:2: count is not a positive integer"
	err_is 1 "session-format: stopped at the first rejected record (-s)"
	err_lines 2
	same "$tmp/want" "$tmp/got"
}

@test "format: csv writes its header once, also for no input" {
	run -0 --separate-stderr save "$tmp/got" session-format -f csv </dev/null
	no_stderr
	lines "$tmp/want" 'ip,first,last,duration,count'
	same "$tmp/want" "$tmp/got"
	lines "$tmp/a" 'a\t0\t0\t1\t1'
	lines "$tmp/want" 'ip,first,last,duration,count' \
	    'a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1' \
	    'a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	run -0 --separate-stderr save "$tmp/got" session-format -f csv "$tmp/a" - <"$tmp/a"
	no_stderr
	same "$tmp/want" "$tmp/got"
}

@test "format: empty input gives nothing in the other formats" {
	for f in insight json tsv; do
		run -0 --separate-stderr save "$tmp/got" session-format -f $f </dev/null
		no_stderr
		empty "$tmp/got"
	done
}

# Regression: a stream cut short (head -c) was taken whole, its last
# line a session with a count cut to its first digits.
@test "format: a last line without LF is rejected: the stream was cut short" {
	put "$tmp/in" 'a\t0\t0\t1\t1\nb\t0\t9\t10\t12'
	lines "$tmp/want" 'a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	put "$tmp/want-rej" 'b\t0\t9\t10\t12\n'
	run -1 --separate-stderr save "$tmp/got" session-format -r "$tmp/rej" "$tmp/in"
	err_is 0 "session-format: $tmp/in:2: the last line has no line end (the stream was cut short)"
	err_is 1 "session-format: 1 record rejected"
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
}

@test "format: usage errors exit 2" {
	run -2 --separate-stderr session-format -f xml </dev/null
	err_is 0 "session-format: -f xml: not a format (insight, csv, json or tsv)"
	run -2 --separate-stderr session-format -f '' </dev/null
	err_is 0 "session-format: -f : not a format (insight, csv, json or tsv)"
	run -2 --separate-stderr session-format -f JSON </dev/null
	err_is 0 "session-format: -f JSON: not a format (insight, csv, json or tsv)"
	run -2 --separate-stderr session-format -y </dev/null
	err_is 0 "session-format: invalid option -- 'y'"
	err_is 1 "usage: session-format [-hsuV] [-f insight | csv | json | tsv] [-k names] [-r rejects] [-x names] [file ...]"
}

@test "format: a missing file is fatal (exit 2)" {
	run -2 --separate-stderr save "$tmp/got" session-format "$tmp/no-such"
	err_is 0 "session-format: $tmp/no-such: No such file or directory"
	err_lines 1
}

@test "format: writing to /dev/full exits 2 with a message" {
	for f in insight csv json tsv; do
		run -2 --separate-stderr save /dev/full session-format -f $f "$GOLDEN/format-sessions.in"
		err_is 0 "session-format: stdout: write error: No space left on device"
		err_lines 1
	done
	run -2 --separate-stderr save /dev/full session-format -f csv </dev/null
	err_is 0 "session-format: stdout: write error: No space left on device"
}

@test "format: a closed pipe ends quietly" {
	awk 'BEGIN { for (i = 0; i < 200000; i++) printf "k%d\t%d\t%d\t1\t1\n", i, i, i }' >"$tmp/in"
	lines "$tmp/want" 'k0,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	{ session-format "$tmp/in" 2>"$tmp/err"; } | head -n 1 >"$tmp/got"
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
	(trap '' PIPE; { session-format "$tmp/in" 2>"$tmp/err"; } | head -n 1 >"$tmp/got")
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
}

@test "format -u: each session is written at once" {
	mkfifo "$tmp/fifo"
	session-format -u -f json <"$tmp/fifo" >"$tmp/got" 2>"$tmp/err" 3>&- &
	bgpid=$!
	exec 5<>"$tmp/fifo"
	printf 'a\t0\t0\t1\t1\n' >&5
	waitfor "$tmp/got" '"ip":"a"'
	printf 'b\t0\t0\t1\t1\n' >&5
	waitfor "$tmp/got" '"ip":"b"'
	exec 5>&-
	wait "$bgpid"
	bgpid=
	[ "$(wc -l <"$tmp/got")" -eq 2 ]
	empty "$tmp/err"
}

# Several key fields (sessionize -k 2,6 and the like) and extra fields
# after count (sessionize -I, -d, -a): session-format -k NAMES -x NAMES.

# format_is FILE OPTION... -- LINE...: session-format OPTION... FILE exits
# 0, says nothing on stderr and writes exactly the LINEs (decoded as by
# lines).
format_is() {
	local in=$1 opts=()

	shift
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	lines "$tmp/want" "$@"
	run -0 --separate-stderr save "$tmp/got" session-format "${opts[@]}" "$in"
	no_stderr
	same "$tmp/want" "$tmp/got"
}

@test "format -k: the default is -k ip, byte for byte, in every format" {
	for f in insight csv json tsv; do
		run -0 --separate-stderr save "$tmp/got" session-format -f $f -k ip "$GOLDEN/format-sessions.in"
		no_stderr
		cmp "$GOLDEN/format-$f.out" "$tmp/got"
	done
}

@test "format -k: two and three key fields in every format" {
	lines "$tmp/in2" '1.2.3.abc\tMozilla/5.0\t1498780800\t1498780803\t4\t2' \
	    '1.2.3.abc\t\t0\t0\t1\t1'
	format_is "$tmp/in2" -k ip,browser -- '1.2.3.abc,Mozilla/5.0,2017-06-30 00:00:00,2017-06-30 00:00:03,4,2' \
	    '1.2.3.abc,,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	format_is "$tmp/in2" -f csv -k ip,browser -- 'ip,browser,first,last,duration,count' \
	    '1.2.3.abc,Mozilla/5.0,2017-06-30 00:00:00,2017-06-30 00:00:03,4,2' \
	    '1.2.3.abc,,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	format_is "$tmp/in2" -f json -k ip,browser -- '{"ip":"1.2.3.abc","browser":"Mozilla/5.0","first":"2017-06-30 00:00:00","last":"2017-06-30 00:00:03","duration":4,"count":2}' \
	    '{"ip":"1.2.3.abc","browser":"","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}'
	format_is "$tmp/in2" -f tsv -k ip,browser -- '1.2.3.abc\tMozilla/5.0\t2017-06-30 00:00:00\t2017-06-30 00:00:03\t4\t2' \
	    '1.2.3.abc\t\t1970-01-01 00:00:00\t1970-01-01 00:00:00\t1\t1'

	lines "$tmp/in3" 'a\t1608552.0\tb\t0\t59\t60\t3'
	format_is "$tmp/in3" -k ip,cik,x -- 'a,1608552.0,b,1970-01-01 00:00:00,1970-01-01 00:00:59,60,3'
	format_is "$tmp/in3" -f csv -k ip,cik,x -- 'ip,cik,x,first,last,duration,count' \
	    'a,1608552.0,b,1970-01-01 00:00:00,1970-01-01 00:00:59,60,3'
	format_is "$tmp/in3" -f json -k ip,cik,x -- '{"ip":"a","cik":"1608552.0","x":"b","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:59","duration":60,"count":3}'
	format_is "$tmp/in3" -f tsv -k ip,cik,x -- 'a\t1608552.0\tb\t1970-01-01 00:00:00\t1970-01-01 00:00:59\t60\t3'
}

# One case a line: a session line of two keys => the insight line.
@test "format -k: each key field quoted on its own (RFC 4180)" {
	format_cases -k a,b <<'EOF2'
a,b\tc\t0\t0\t1\t1 => "a,b",c,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\tc"d\t0\t0\t1\t1 => a,"c""d",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
"\t"\t0\t0\t1\t1 => """","""",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\\tb\tc\\\\d\t0\t0\t1\t1 => a\tb,c\\d,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
a\\nb\tc\\re\t0\t0\t1\t1 => "a\nb","c\re",1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
# an escaped key of more than 16 bytes, then another
0123456789abcdef\\\\x\ty\\tz\t0\t0\t1\t1 => 0123456789abcdef\\x,y\tz,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
# any key field of several may be empty
\tb\t0\t0\t1\t1 => ,b,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
\t\t0\t0\t1\t1 => ,,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1
EOF2
}

# One case a line: a session line of two keys => the JSON line.
@test "format -k: each key field a JSON string member" {
	format_cases -f json -k ip,ua <<'EOF2'
a,b\t"x"\t0\t0\t1\t1 => {"ip":"a,b","ua":"\\"x\\"","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
a\\tb\t\\\\\t0\t0\t1\t1 => {"ip":"a\\tb","ua":"\\\\","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
caf\xe9\t\xc3\xa9\t0\t0\t1\t1 => {"ip":"caf\\ufffd","ua":"\xc3\xa9","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}
EOF2
}

@test "format -k: two key fields read back as RFC 4180 CSV and as JSON" {
	command -v python3 >/dev/null || skip "no python3"
	lines "$tmp/in" 'a,b\tc"d\t0\t0\t1\t1' 'l\\nm\t\\\\\\t\t0\t0\t1\t1'
	session-format -f csv -k 'ip,user agent' "$tmp/in" >"$tmp/csv"
	session-format -f json -k 'ip,user agent' "$tmp/in" >"$tmp/json"
	python3 -c '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["ip", "user agent", "first", "last", "duration", "count"], rows[0]
assert [r[:2] for r in rows[1:]] == [["a,b", "c\"d"], ["l\nm", "\\\t"]], rows
objs = [json.loads(l) for l in open(sys.argv[2])]
assert [(o["ip"], o["user agent"]) for o in objs] == [("a,b", "c\"d"), ("l\nm", "\\\t")], objs
assert list(objs[0]) == ["ip", "user agent", "first", "last", "duration", "count"], objs[0]
' "$tmp/csv" "$tmp/json"
}

@test "format -x: the id and aggregates after count, in every format" {
	lines "$tmp/in" '1.2.3.abc\t1498780800\t1498780803\t4\t3\t17\t2\t2785'
	format_is "$tmp/in" -x id,docs,bytes -- '1.2.3.abc,2017-06-30 00:00:00,2017-06-30 00:00:03,4,3,17,2,2785'
	format_is "$tmp/in" -f csv -x id,docs,bytes -- 'ip,first,last,duration,count,id,docs,bytes' \
	    '1.2.3.abc,2017-06-30 00:00:00,2017-06-30 00:00:03,4,3,17,2,2785'
	format_is "$tmp/in" -f json -x id,docs,bytes -- '{"ip":"1.2.3.abc","first":"2017-06-30 00:00:00","last":"2017-06-30 00:00:03","duration":4,"count":3,"id":17,"docs":2,"bytes":2785}'
	format_is "$tmp/in" -f tsv -x id,docs,bytes -- '1.2.3.abc\t2017-06-30 00:00:00\t2017-06-30 00:00:03\t4\t3\t17\t2\t2785'
	# with two keys
	lines "$tmp/in" 'a\tb\t0\t0\t1\t1\t9223372036854775807'
	format_is "$tmp/in" -f csv -k k1,k2 -x id -- 'k1,k2,first,last,duration,count,id' \
	    'a,b,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,9223372036854775807'
	format_is "$tmp/in" -f json -k k1,k2 -x id -- '{"k1":"a","k2":"b","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"id":9223372036854775807}'
}

# One case a line: a line with one extra field => the JSON line.  A JSON
# integer is a number, anything else a string.
@test "format -x: an extra field is a JSON number when it is an integer" {
	format_cases -f json -x v <<'EOF2'
a\t0\t0\t1\t1\t0 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":0}
a\t0\t0\t1\t1\t-12 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":-12}
a\t0\t0\t1\t1\t123456789012345678901234567890 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":123456789012345678901234567890}
# not JSON integers: strings
a\t0\t0\t1\t1\t007 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"007"}
a\t0\t0\t1\t1\t+1 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"+1"}
a\t0\t0\t1\t1\t- => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"-"}
a\t0\t0\t1\t1\t2785.0 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"2785.0"}
a\t0\t0\t1\t1\t1e3 => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"1e3"}
a\t0\t0\t1\t1\t => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":""}
a\t0\t0\t1\t1\tx\\ty" => {"ip":"a","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"v":"x\\ty\\""}
EOF2
}

# One case a line: a line with one extra field => the insight line.
@test "format -x: an extra field is unescaped and quoted as a key is" {
	format_cases -x v <<'EOF2'
a\t0\t0\t1\t1\t17 => a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,17
a\t0\t0\t1\t1\t => a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,
a\t0\t0\t1\t1\tb,c => a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,"b,c"
a\t0\t0\t1\t1\tb\\nc\\\\ => a,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,"b\nc\\"
EOF2
	# tsv keeps it escaped
	format_cases -f tsv -x v <<'EOF2'
a\t0\t0\t1\t1\tb\\nc\\\\ => a\t1970-01-01 00:00:00\t1970-01-01 00:00:00\t1\t1\tb\\nc\\\\
EOF2
}

# One case a line: the whole input (LF added) => the first line of stderr;
# exit 1, nothing written, "session-format: 1 record rejected" last.
@test "format -k -x: lines of another number of fields, and the usual checks" {
	tool_reject_cases 1 session-format -k ip,ua <<'EOF2'
a\t0\t0\t1\t1 => session-format: in.txt:1: not 6 fields
a\tb\t0\t0\t1\t1\t1 => session-format: in.txt:1: not 6 fields
a\tb\t0\t0\t1\t1\t => session-format: in.txt:1: not 6 fields
 => session-format: in.txt:1: not 6 fields
a\tb\tx\t0\t1\t1 => session-format: in.txt:1: first or last is not an integer of at most 18 digits
a\tb\t0\t1\t1\t1 => session-format: in.txt:1: duration is not last - first + 1
a\tb\t1\t0\t0\t1 => session-format: in.txt:1: duration is not last - first + 1
a\tb\t0\t0\t1\t0 => session-format: in.txt:1: count is not a positive integer
a\tb\t0\t0\t1\t1\r => session-format: in.txt:1: count is not a positive integer
a\\x\tb\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
a\tb\\\t0\t0\t1\t1 => session-format: in.txt:1: bad escape in key
# a long line (not split in the 64-byte windows)
a\tb\t0\t0\t1\t1\t0123456789012345678901234567890123456789012345678901234567890123456789 => session-format: in.txt:1: not 6 fields
EOF2
	tool_reject_cases 1 session-format -k ip,ua,x -x id,n <<'EOF2'
a\tb\tc\t0\t0\t1\t1\t1 => session-format: in.txt:1: not 9 fields
a\tb\tc\t0\t0\t1\t1\t1\t2\t3 => session-format: in.txt:1: not 9 fields
a\tb\t0\t0\t1\t1\t1\t2 => session-format: in.txt:1: not 9 fields
a\tb\tc\t0\t0\t2\t1\t1\t2 => session-format: in.txt:1: duration is not last - first + 1
a\tb\tc\t0\t0\t1\t1\t1\t2\\q => session-format: in.txt:1: bad escape in an extra field
a\tb\tc\\\\\\\t0\t0\t1\t1\t1\t2 => session-format: in.txt:1: bad escape in key
EOF2
	tool_reject_cases 1 session-format -x id <<'EOF2'
a\t0\t0\t1\t1 => session-format: in.txt:1: not 6 fields
a\t0\t0\t1\t1\t1\t1 => session-format: in.txt:1: not 6 fields
# one key: still never empty
\t0\t0\t1\t1\t1 => session-format: in.txt:1: empty key
EOF2
	# without -k, a line of two keys is a line of too many fields
	tool_reject_cases 1 session-format <<'EOF2'
a\tb\t0\t0\t1\t1 => session-format: in.txt:1: not 5 fields
EOF2
}

@test "format -k -x: rejected wide lines are kept verbatim by -r, the rest used" {
	put "$tmp/in" 'a\tb\t0\t0\t1\t1\t7\nc\t0\t0\t1\t1\t8\nd\te\t0\t0\t1\t1\t9\n'
	lines "$tmp/want" 'a,b,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,7' \
	    'd,e,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,9'
	put "$tmp/want-rej" 'c\t0\t0\t1\t1\t8\n'
	run -1 --separate-stderr save "$tmp/got" session-format -k a,b -x id -r "$tmp/rej" "$tmp/in"
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
	err_is 0 "session-format: $tmp/in:2: not 7 fields"
	err_is 1 "session-format: 1 record rejected"
	err_lines 2
}

@test "format -k -x: names with odd characters, quoted and escaped as keys are" {
	lines "$tmp/in" '1\t2\t0\t0\t1\t1\t3'
	# quotes, a space, a backslash, a LF, UTF-8 and a byte that is not
	run -0 --separate-stderr save "$tmp/got" session-format -f csv -k 'a"b,c d' -x "$(printf 'e\\\nf')" "$tmp/in"
	no_stderr
	lines "$tmp/want" '"a""b",c d,first,last,duration,count,"e\\\nf"' \
	    '1,2,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,3'
	same "$tmp/want" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" session-format -f json -k "$(printf 'a"b,\303\251')" -x "$(printf '\351\t')" "$tmp/in"
	no_stderr
	lines "$tmp/want" '{"a\\"b":"1","\303\251":"2","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1,"\\ufffd\\t":3}'
	same "$tmp/want" "$tmp/got"
	# the names change nothing in the formats that have none
	lines "$tmp/want" '1,2,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1,3'
	run -0 --separate-stderr save "$tmp/got" session-format -k 'a"b,c d' -x 'e' "$tmp/in"
	same "$tmp/want" "$tmp/got"
	lines "$tmp/want" '1\t2\t1970-01-01 00:00:00\t1970-01-01 00:00:00\t1\t1\t3'
	run -0 --separate-stderr save "$tmp/got" session-format -f tsv -k 'a"b,c d' -x 'e' "$tmp/in"
	same "$tmp/want" "$tmp/got"
	# names are compared as bytes: case matters
	run -0 --separate-stderr save "$tmp/got" session-format -f csv -k IP,ip -x Count "$tmp/in"
	[ "$(head -n 1 "$tmp/got")" = 'IP,ip,first,last,duration,count,Count' ]
}

@test "format -k -x: empty, repeated and taken names are usage errors" {
	put "$tmp/in" 'a\t0\t0\t1\t1\n'
	run -2 --separate-stderr save "$tmp/got" session-format -k ip, "$tmp/in"
	err_is 0 "session-format: -k ip,: a name is empty"
	err_lines 1
	empty "$tmp/got"
	run -2 --separate-stderr session-format -k ,ua "$tmp/in"
	err_is 0 "session-format: -k ,ua: a name is empty"
	run -2 --separate-stderr session-format -x id,,n "$tmp/in"
	err_is 0 "session-format: -x id,,n: a name is empty"
	run -2 --separate-stderr session-format -x '' "$tmp/in"
	err_is 0 "session-format: -x : a name is empty"
	run -2 --separate-stderr session-format -k ip,ua,ip "$tmp/in"
	err_is 0 "session-format: -k ip,ua,ip: the name ip is given twice"
	run -2 --separate-stderr session-format -x n,n "$tmp/in"
	err_is 0 "session-format: -x n,n: the name n is given twice"
	run -2 --separate-stderr session-format -x id,ip "$tmp/in"
	err_is 0 "session-format: -x id,ip: the name ip is a key's name too"
	run -2 --separate-stderr session-format -x ua -k ip,ua "$tmp/in"
	err_is 0 "session-format: -x ua: the name ua is a key's name too"
	run -2 --separate-stderr session-format -k ip,count "$tmp/in"
	err_is 0 "session-format: -k ip,count: count is taken: first, last, duration and count are the session's own names"
	run -2 --separate-stderr session-format -x first "$tmp/in"
	err_is 0 "session-format: -x first: first is taken: first, last, duration and count are the session's own names"
	# checked before the rejects file is made
	run -2 --separate-stderr session-format -r "$tmp/rej" -x last "$tmp/in"
	[ ! -e "$tmp/rej" ]
	# the last -k and -x count
	run -0 --separate-stderr save "$tmp/got" session-format -f csv -k a,b -k user -x x,x -x id </dev/null
	lines "$tmp/want" 'user,first,last,duration,count,id'
	same "$tmp/want" "$tmp/got"
}

@test "format -k -x: json lines of several keys and extras are valid JSON" {
	command -v python3 >/dev/null || skip "no python3"
	awk -F '\t' -v OFS='\t' '{ print $1, "k" NR, $0, NR, NR "x" }' "$GOLDEN/format-sessions.in" |
	    awk -F '\t' -v OFS='\t' '{ t = $1; $1 = $2; $2 = t; print }' >"$tmp/in"
	session-format -f json -k 'n,ip,"q"' -x 'id,s' "$tmp/in" >"$tmp/got"
	python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1], "rb"):
    o = json.loads(line.decode("utf-8"))
    n += 1
    assert list(o) == ["n", "ip", "\"q\"", "first", "last", "duration", "count", "id", "s"], o
    assert o["n"] == "k%d" % n and o["id"] == n and o["s"] == "%dx" % n, o
assert n == 8, n
' "$tmp/got"
}
