#!/usr/bin/env bats
# What a user meets in the first hour, and what an attacker tries: the
# tools never lose a file, never swallow output, and explain themselves.
# Each case here failed before the tools were made safe.

load helpers

TOOLS='edgar-parse sessionize session-format'

# A log with one good record and one bad date.
bad_log() {
	csv "$1" 'a,2017-06-30,00:00:00,1,acc,.txt' 'b,2017-06-31,00:00:00,1,acc,.txt'
}

@test "safety: every tool takes -- before an operand that begins with -" {
	cd "$tmp"
	cp "$GOLDEN/spec.in" ./-rvictim.csv
	put victim.csv 'precious\n'
	edgar-parse -- -rvictim.csv >-r.req
	cmp victim.csv - <<<'precious'
	edgar-parse "$GOLDEN/spec.in" >want.req
	same want.req ./-r.req
	sessionize -i 2 -- -r.req >-s.tsv
	sessionize -i 2 want.req >want.tsv
	same want.tsv ./-s.tsv
	session-format -- -s.tsv >got
	same "$GOLDEN/spec.out" got
}

@test "safety: with stdout closed, the rejects file gets the rejects only" {
	bad_log "$tmp/log.csv"
	# not with run, whose command substitution would take descriptor 1
	st=0
	edgar-parse -r "$tmp/rej.csv" "$tmp/log.csv" >&- 2>"$tmp/err" || st=$?
	[ $st -eq 2 ]
	lines "$tmp/want" "edgar-parse: $tmp/log.csv:3: bad date \"2017-06-31\"" \
	    "edgar-parse: stdout: write error: Bad file descriptor"
	same "$tmp/want" "$tmp/err"
	lines "$tmp/want" 'b,2017-06-31,00:00:00,1,acc,.txt'
	cmp "$tmp/want" "$tmp/rej.csv"
}

@test "safety: with stderr closed, the rejects file gets the rejects only" {
	bad_log "$tmp/log.csv"
	st=0
	edgar-parse -r "$tmp/rej.csv" "$tmp/log.csv" >"$tmp/got" 2>&- || st=$?
	[ $st -eq 1 ]
	lines "$tmp/want" 'b,2017-06-31,00:00:00,1,acc,.txt'
	cmp "$tmp/want" "$tmp/rej.csv"
	lines "$tmp/want" '1498780800\ta\t1\tacc\t.txt'
	same "$tmp/want" "$tmp/got"
	reqs "$tmp/in" '5:a 3:b'
	st=0
	sessionize -i 2 -r "$tmp/rej" "$tmp/in" >"$tmp/got" 2>&- || st=$?
	[ $st -eq 1 ]
	reqs "$tmp/want" '3:b'
	cmp "$tmp/want" "$tmp/rej"
	st=0
	printf 'x\n' | session-format -r "$tmp/rej" >"$tmp/got" 2>&- || st=$?
	[ $st -eq 1 ]
	lines "$tmp/want" x
	cmp "$tmp/want" "$tmp/rej"
}

@test "safety: with stdin closed, reading it is an error, not an empty input" {
	# not with run: a command substitution would take descriptor 0
	for t in edgar-parse "sessionize -i 2" session-format; do
		st=0
		$t <&- >"$tmp/got" 2>"$tmp/err" || st=$?
		[ $st -eq 2 ]
		lines "$tmp/want" "${t%% *}: stdin: Bad file descriptor"
		same "$tmp/want" "$tmp/err"
		empty "$tmp/got"
	done
}

@test "safety: an output that is an input is refused, the input untouched" {
	bad_log "$tmp/log.csv"
	cp "$tmp/log.csv" "$tmp/orig"
	run -2 --separate-stderr edgar-parse -r "$tmp/log.csv" "$tmp/log.csv"
	err_is 0 "edgar-parse: $tmp/log.csv: the input is the rejects file (-r $tmp/log.csv)"
	err_lines 1
	cmp "$tmp/orig" "$tmp/log.csv"
	# the same file by another name
	ln "$tmp/log.csv" "$tmp/link.csv"
	run -2 --separate-stderr edgar-parse -r "$tmp/link.csv" - <"$tmp/log.csv"
	err_is 0 "edgar-parse: stdin: the input is the rejects file (-r $tmp/link.csv)"
	cmp "$tmp/orig" "$tmp/log.csv"
	# standard output, appended to the input
	run -2 --separate-stderr edgar-parse "$tmp/log.csv" '>>' "$tmp/log.csv"
	edgar-parse "$tmp/log.csv" >>"$tmp/log.csv" 2>"$tmp/err" && false
	cmp "$tmp/orig" "$tmp/log.csv"
	lines "$tmp/want" "edgar-parse: $tmp/log.csv: the input is standard output"
	cmp "$tmp/want" "$tmp/err"
	reqs "$tmp/in" '1:a 2:b'
	cp "$tmp/in" "$tmp/orig"
	run -2 --separate-stderr sessionize -i 2 -r "$tmp/in" "$tmp/in"
	err_is 0 "sessionize: $tmp/in: the input is the rejects file (-r $tmp/in)"
	cmp "$tmp/orig" "$tmp/in"
	run -2 --separate-stderr session-format -r "$tmp/in" - <"$tmp/in"
	err_is 0 "session-format: stdin: the input is the rejects file (-r $tmp/in)"
	cmp "$tmp/orig" "$tmp/in"
	# not regular files: /dev/null may be both
	run -0 --separate-stderr sessionize -i 2 -r /dev/null /dev/null
	no_stderr
}

@test "safety: -h prints the usage on stdout and exits 0, -V the version" {
	version=$(sed -n 's/^VERSION = //p' "$ROOT/Makefile")
	[ -n "$version" ]
	for t in $TOOLS; do
		run -0 --separate-stderr "$t" -h
		no_stderr
		[ "${lines[0]}" = "$(sed -n 's/^usage: //p' <<<"$("$t" -x 2>&1)" |
		    sed 's/^/usage: /')" ]
		[ "${#lines[@]}" -eq 1 ]
		run -0 --separate-stderr "$t" -V
		no_stderr
		[ "$output" = "$t $version" ]
		st=0
		"$t" -h >/dev/full 2>"$tmp/err" || st=$?
		[ $st -eq 2 ]
		lines "$tmp/want" "$t: stdout: write error: No space left on device"
		same "$tmp/want" "$tmp/err"
	done
}

# Regression: a stream cut in the middle of its last line (head -c) was
# taken whole: the cut key made a session of its own.
@test "safety: sessionize rejects a last line without LF: the stream was cut short" {
	reqs "$tmp/in" '0:10.0.0.1 1:10.0.0.1 2:10.0.0.1'
	head -c -3 "$tmp/in" >"$tmp/cut"
	printf '10.0.0.1\t0\t1\t2\t2\n' >"$tmp/want"
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 -r "$tmp/rej" "$tmp/cut"
	err_is 0 "sessionize: $tmp/cut:3: the last line has no line end (the stream was cut short)"
	err_is 1 "sessionize: 1 record rejected"
	same "$tmp/want" "$tmp/got"
	printf '2\t10.0.0\n' >"$tmp/want-rej"
	cmp "$tmp/want-rej" "$tmp/rej"
}

# The real sample with one stray quote: before, every later request was
# lost (the rest of the log became one record) and memory grew with it.
@test "safety: a stray quote in a real log costs one record, the rest is used" {
	awk 'NR == 101 { sub(/,/, ",\"") } { print }' \
	    "$DATA/edgar-20170630-head10k.csv" >"$tmp/log.csv"
	sed -n 101p "$tmp/log.csv" >"$tmp/want-rej"
	sed 101d "$DATA/edgar-20170630-head10k.csv" >"$tmp/clean.csv"
	edgar-parse "$tmp/clean.csv" >"$tmp/want"
	run -1 --separate-stderr save "$tmp/got" edgar-parse -r "$tmp/rej" "$tmp/log.csv"
	err_is 0 "edgar-parse: $tmp/log.csv:101: unterminated quote (not closed within 100 lines, the limit -q sets; this line alone is rejected)"
	err_lines 2
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
}

@test "safety: -q bounds the lines a quoted field may span" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,"1\n2\n3",acc,.txt' \
	    'b,2017-06-30,00:00:01,1,acc,.txt'
	lines "$tmp/want" '1498780800\ta\t1\\n2\\n3\tacc\t.txt' \
	    '1498780801\tb\t1\tacc\t.txt'
	run -0 --separate-stderr save "$tmp/got" edgar-parse -q 3 "$tmp/in.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
	# the default, 100, allows it too
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	same "$tmp/want" "$tmp/got"
	# with -q 2 the opening line is rejected alone; the two after it
	# are records of their own, both too short ("3\"" is unquoted: data)
	run -1 --separate-stderr save "$tmp/got" edgar-parse -q 2 -r "$tmp/rej" "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: unterminated quote (not closed within 2 lines, the limit -q sets; this line alone is rejected)"
	err_is 1 "edgar-parse: $tmp/in.csv:3: too few fields (1; the columns used need 6)"
	err_is 2 "edgar-parse: $tmp/in.csv:4: too few fields (3; the columns used need 6)"
	err_is 3 "edgar-parse: 3 records rejected"
	lines "$tmp/want" '1498780801\tb\t1\tacc\t.txt'
	same "$tmp/want" "$tmp/got"
	lines "$tmp/want-rej" 'a,2017-06-30,00:00:00,"1' 2 '3",acc,.txt'
	cmp "$tmp/want-rej" "$tmp/rej"
	run -1 --separate-stderr save "$tmp/got" edgar-parse -q 1 "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: unterminated quote (not closed within 1 line, the limit -q sets; this line alone is rejected)"
	run -2 --separate-stderr edgar-parse -q 0 "$tmp/in.csv"
	err_is 0 "edgar-parse: -q 0: too small (expected 1 to 9223372036854775807)"
}

@test "safety: a quote that closes lines later, then junk, costs its first line" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,"1,acc,.txt' \
	    'b,2017-06-30,00:00:01,1,acc,.txt' 'c,2017-06-30,00:00:02,1"x,acc,.txt'
	lines "$tmp/want" '1498780801\tb\t1\tacc\t.txt' \
	    '1498780802\tc\t1"x\tacc\t.txt'
	run -1 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: text after a closing quote (the quoted field spans 3 lines; this line alone is rejected)"
	err_lines 2
	same "$tmp/want" "$tmp/got"
}

# Days joined by cat or zcat: each repeated header is skipped.  Two days
# cut from the real 2017-06-30 sample, the first moved to the evening of
# 2017-06-29, so that some ips' sessions run across midnight.
two_days() {
	awk -F , -v OFS=, 'NR == 1 { print; next }
	NR <= 3001 {
		split($3, t, ":")
		s = 23 * 3600 + 59 * 60 + t[2] * 60 + t[3] - 11
		if (s >= 86400) next
		$2 = "2017-06-29"
		$3 = sprintf("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
		print
	}' "$DATA/edgar-20170630-head10k.csv" >"$tmp/day1.csv"
	head -n 3001 "$DATA/edgar-20170630-head10k.csv" >"$tmp/day2.csv"
}

@test "safety: repeated headers of days joined by cat are skipped, sessions cross midnight" {
	two_days
	cat "$tmp/day1.csv" "$tmp/day2.csv" >"$tmp/both.csv"
	edgar-parse "$tmp/day1.csv" "$tmp/day2.csv" >"$tmp/want"
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/both.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
	[ "$(wc -l <"$tmp/got")" -eq $(($(wc -l <"$tmp/both.csv") - 2)) ]
	# a session that starts on the 29th and ends on the 30th
	sessionize -i 600 "$tmp/got" | awk -F '\t' '
	    $2 < 1498780800 && $3 >= 1498780800 { n++ } END { exit !(n > 0) }'
	# through a pipe, with CRLF ends and a byte-order mark on the second
	# header, and with -b
	sed 's/$/\r/' "$tmp/day2.csv" | sed '1s/^/\xef\xbb\xbf/' >"$tmp/day2-dos.csv"
	edgar-parse -b "$tmp/day1.csv" "$tmp/day2.csv" >"$tmp/want"
	run -0 --separate-stderr save "$tmp/got" edgar-parse -b - < <(cat "$tmp/day1.csv" "$tmp/day2-dos.csv")
	no_stderr
	same "$tmp/want" "$tmp/got"
}

@test "safety: a header with another layout in the middle takes effect from there" {
	lines "$tmp/in.csv" 'ip,date,time,cik' 'a,2017-06-30,00:00:00,1' \
	    'time,date,cik,ip,accession' '00:00:01,2017-06-30,2,b,acc' \
	    'IP , Date,TIME' 'c,2017-06-30,00:00:02' \
	    'ip,date,zone' 'd,2017-06-30,00:00:03'
	lines "$tmp/want" '1498780800\ta\t1\t\t' '1498780801\tb\t2\tacc\t' \
	    '1498780802\tc\t\t\t' '1498780803\td\t\t\t'
	run -1 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	# "ip,date,zone" has no time column: it is no header, but a record
	err_is 0 "edgar-parse: $tmp/in.csv:7: bad date \"date\""
	err_lines 2
	same "$tmp/want" "$tmp/got"
}

@test "safety: -H gives the header of input that has none" {
	log=$DATA/edgar-20170630-head10k.csv
	grep '^104\.' "$log" >"$tmp/some.csv"
	[ -s "$tmp/some.csv" ]
	edgar-parse "$log" | awk -F '\t' '$2 ~ /^104\./' >"$tmp/want"
	run -0 --separate-stderr save "$tmp/got" edgar-parse -H "$(head -n 1 "$log")" - <"$tmp/some.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
	# a header line in the input is then skipped like any repeated one
	run -0 --separate-stderr save "$tmp/got" edgar-parse -H "$(head -n 1 "$log")" "$log"
	edgar-parse "$log" >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	# without -H, the message names it
	run -2 --separate-stderr edgar-parse - <"$tmp/some.csv"
	err_is 0 "edgar-parse: stdin:1: header has no \"ip\" column (line 1 was taken as the header: -H gives the header of input that has none)"
	run -2 --separate-stderr edgar-parse -H 'ip,date' - <"$tmp/some.csv"
	err_is 0 "edgar-parse: -H: the header has no \"time\" column"
	run -2 --separate-stderr edgar-parse -H '' - <"$tmp/some.csv"
	err_is 0 "edgar-parse: -H: the header is empty"
	run -2 --separate-stderr edgar-parse -H 'ip,"date,time' - <"$tmp/some.csv"
	err_is 0 "edgar-parse: -H: malformed header: unterminated quote"
	run -2 --separate-stderr edgar-parse -H $'ip,date,time\nb,2017-06-30,00:00:00' - <"$tmp/some.csv"
	err_is 0 "edgar-parse: -H: more than one record: a header is one line"
	# a quoted line break is part of the one record, within -q
	run -2 --separate-stderr edgar-parse -q 1 -H $'ip,date,"ti\nme"' - <"$tmp/some.csv"
	err_is 0 "edgar-parse: -H: malformed header: a quote still open after the line limit (-q)"
}

@test "safety: -n writes each record's line in the log, sessionize -n names it" {
	put "$tmp/in.csv" 'ip,date,time,cik\n\na,2017-06-30,00:00:05,"1\n2"\nb,2017-06-30,00:00:06,3\r\nc,2017-06-30,00:00:01,4\n'
	lines "$tmp/want" '1498780805\ta\t1\\n2\t\t\t3' \
	    '1498780806\tb\t3\t\t\t5' '1498780801\tc\t4\t\t\t6'
	run -0 --separate-stderr save "$tmp/got" edgar-parse -n "$tmp/in.csv"
	same "$tmp/want" "$tmp/got"
	lines "$tmp/want" '1498780805\ta\t3' '1498780806\tb\t5' '1498780801\tc\t6'
	run -0 --separate-stderr save "$tmp/got" edgar-parse -b -n "$tmp/in.csv"
	same "$tmp/want" "$tmp/got"
	# the late record is found in the log by its line, 6
	run -1 --separate-stderr sessionize -i 2 -n 3 "$tmp/got"
	err_is 0 "sessionize: $tmp/got:3: log line 6: 5 seconds earlier than an earlier record"
	sed -n 6p "$tmp/in.csv" | grep -q '^c,'
	# a line without the column is named as before
	reqs "$tmp/in" '5:a 1:b'
	run -1 --separate-stderr sessionize -i 2 -n 3 "$tmp/in"
	err_is 0 "sessionize: $tmp/in:2: 4 seconds earlier than an earlier record"
}

@test "safety: session-format -k names the key in the csv header and in JSON" {
	lines "$tmp/in" '1608552\t0\t0\t1\t1'
	run -0 --separate-stderr save "$tmp/got" session-format -k cik -f csv "$tmp/in"
	lines "$tmp/want" 'cik,first,last,duration,count' \
	    '1608552,1970-01-01 00:00:00,1970-01-01 00:00:00,1,1'
	same "$tmp/want" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" session-format -k cik -f json "$tmp/in"
	lines "$tmp/want" '{"cik":"1608552","first":"1970-01-01 00:00:00","last":"1970-01-01 00:00:00","duration":1,"count":1}'
	same "$tmp/want" "$tmp/got"
	# names are quoted as the formats need (a comma separates names)
	run -0 --separate-stderr save "$tmp/got" session-format -k 'a "b"' -f csv "$tmp/in"
	[ "$(head -n 1 "$tmp/got")" = '"a ""b""",first,last,duration,count' ]
	run -0 --separate-stderr save "$tmp/got" session-format -k 'a "b"' -f json "$tmp/in"
	[ "$(cut -c1-12 "$tmp/got")" = '{"a \"b\"":"' ]
	run -2 --separate-stderr session-format -k '' "$tmp/in"
	err_is 0 "session-format: -k : a name is empty"
}

@test "safety: make uninstall leaves the prefix as install found it" {
	run -0 make -C "$ROOT" install DESTDIR="$tmp/dest" PREFIX=/usr/local
	run -0 make -C "$ROOT" uninstall DESTDIR="$tmp/dest" PREFIX=/usr/local
	[ -z "$(find "$tmp/dest" -mindepth 1)" ]
	# a prefix that held something keeps it, and its directory
	mkdir -p "$tmp/pre/bin"
	put "$tmp/pre/bin/mine" 'x'
	run -0 make -C "$ROOT" install PREFIX="$tmp/pre"
	run -0 make -C "$ROOT" uninstall PREFIX="$tmp/pre"
	[ "$(cd "$tmp/pre" && find . | sort | tr '\n' ' ')" = '. ./bin ./bin/mine ' ]
}
