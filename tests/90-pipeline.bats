#!/usr/bin/env bats
# run.sh and the three tools together.

load helpers

@test "pipeline: run.sh on the bundled input gives the SPEC's output" {
	cd "$ROOT"
	run -0 --separate-stderr ./run.sh input/log.csv input/inactivity_period.txt "$tmp/out.txt"
	no_stderr
	same "$GOLDEN/spec.out" "$tmp/out.txt"
	cmp "$GOLDEN/spec.in" input/log.csv
}

@test "pipeline: the three tools by hand give the SPEC's output" {
	edgar-parse "$GOLDEN/spec.in" | sessionize -i 2 | session-format >"$tmp/got"
	same "$GOLDEN/spec.out" "$tmp/got"
	edgar-parse -b "$GOLDEN/spec.in" | sessionize -i 2 | session-format >"$tmp/got"
	same "$GOLDEN/spec.out" "$tmp/got"
}

@test "pipeline: the SPEC's x/y/z example as a log" {
	csv "$tmp/log.csv" x,2017-06-30,00:00:00,,, y,2017-06-30,00:00:01,,, \
	    x,2017-06-30,00:00:02,,, z,2017-06-30,00:00:09,,,
	put "$tmp/p" '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" "$tmp/log.csv" "$tmp/p" "$tmp/out"
	no_stderr
	same "$GOLDEN/spec-xyz-end.out" "$tmp/out"
	edgar-parse "$tmp/log.csv" | sessionize -i 2 -o detect | session-format >"$tmp/detect"
	lines "$tmp/want" 'x,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2' \
	    'y,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1' \
	    'z,2017-06-30 00:00:09,2017-06-30 00:00:09,1,1'
	same "$tmp/want" "$tmp/detect"
}

@test "pipeline: run.sh from another directory with explicit paths" {
	mkdir "$tmp/elsewhere"
	cd "$tmp/elsewhere"
	cp "$GOLDEN/spec.in" log.csv
	put period '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" log.csv period out.txt
	no_stderr
	same "$GOLDEN/spec.out" out.txt
	run -0 --separate-stderr "$ROOT/run.sh" "$tmp/elsewhere/log.csv" \
	    "$tmp/elsewhere/period" "$tmp/abs.txt"
	no_stderr
	same "$GOLDEN/spec.out" "$tmp/abs.txt"
}

@test "pipeline: run.sh's default paths are relative to the current directory" {
	mkdir -p "$tmp/w/input"
	cp "$GOLDEN/spec.in" "$tmp/w/input/log.csv"
	put "$tmp/w/input/inactivity_period.txt" '2\n'
	cd "$tmp/w"
	run -0 --separate-stderr "$ROOT/run.sh"
	no_stderr
	same "$GOLDEN/spec.out" output/sessionization.txt
	# one or two operands: the rest default
	put input/inactivity_period.txt '86400\n'
	run -0 --separate-stderr "$ROOT/run.sh" input/log.csv
	no_stderr
	lines "$tmp/want" \
	    '101.81.133.jja,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1' \
	    '107.23.85.jfd,2017-06-30 00:00:00,2017-06-30 00:00:03,4,4' \
	    '108.91.91.hbc,2017-06-30 00:00:01,2017-06-30 00:00:04,4,2' \
	    '106.120.173.jie,2017-06-30 00:00:02,2017-06-30 00:00:02,1,1' \
	    '107.178.195.aag,2017-06-30 00:00:02,2017-06-30 00:00:04,3,2'
	same "$tmp/want" output/sessionization.txt
	put p2 '2'
	run -0 --separate-stderr "$ROOT/run.sh" input/log.csv p2
	same "$GOLDEN/spec.out" output/sessionization.txt
}

@test "pipeline: run.sh reads the log from stdin when it is -" {
	put "$tmp/p" '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" - "$tmp/p" "$tmp/out" <"$GOLDEN/spec.in"
	no_stderr
	same "$GOLDEN/spec.out" "$tmp/out"
}

@test "pipeline: run.sh creates the output directory" {
	put "$tmp/p" '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$tmp/p" "$tmp/a/b/c/out.txt"
	no_stderr
	same "$GOLDEN/spec.out" "$tmp/a/b/c/out.txt"
}

# One case a line: the period file's bytes => exit 0 and the SPEC's
# output, or the exact first line of stderr and exit 2.
@test "pipeline: run.sh validates the period file" {
	period_cases <<'EOF'
2 => OK
2\n => OK
02\n => OK
\x202\x20\x20\n => OK
\t2\t\n => OK
\n\n2\n\n\n => OK
2\r\n => OK
\x20\x202\x20\r\n => OK
\r\n2\r\n => OK
2\r\n\r\n => OK
\r2 => OK
0 => run.sh: per: the inactivity period '0' is not a positive integer
0\n => run.sh: per: the inactivity period '0' is not a positive integer
000\n => run.sh: per: the inactivity period '000' is not a positive integer
-1\n => run.sh: per: the inactivity period '-1' is not a positive integer
abc\n => run.sh: per: the inactivity period 'abc' is not a positive integer
2.5\n => run.sh: per: the inactivity period '2.5' is not a positive integer
+2\n => run.sh: per: the inactivity period '+2' is not a positive integer
2s\n => run.sh: per: the inactivity period '2s' is not a positive integer
0x10\n => run.sh: per: the inactivity period '0x10' is not a positive integer
* => run.sh: per: the inactivity period '*' is not a positive integer
99999999999999999999 => run.sh: per: the inactivity period '99999999999999999999' is too large
9223372036854775808 => run.sh: per: the inactivity period '9223372036854775808' is too large
\c => run.sh: per: empty: expected the inactivity period in seconds
\n\x20\n => run.sh: per: empty: expected the inactivity period in seconds
2 3\n => run.sh: per: expected one integer (seconds), found 2 words
2\n3\n => run.sh: per: expected one integer (seconds), found 2 words
EOF
}

@test "pipeline: a period of 0 also names the period file" {
	put "$tmp/per" '0\n'
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$tmp/per" "$tmp/out"
	err_is 0 "run.sh: $tmp/per: the inactivity period '0' is not a positive integer"
	err_lines 1
}

@test "pipeline: run.sh: a missing log or period file exits 2, naming it" {
	put "$tmp/p" '2\n'
	run -2 --separate-stderr "$ROOT/run.sh" "$tmp/no-such.csv" "$tmp/p" "$tmp/out"
	err_is 0 "run.sh: $tmp/no-such.csv: cannot read the log"
	err_lines 1
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$tmp/no-such" "$tmp/out"
	err_is 0 "run.sh: $tmp/no-such: cannot read the inactivity period"
	err_lines 1
	cd "$tmp"
	run -2 --separate-stderr "$ROOT/run.sh"
	err_is 0 "run.sh: input/inactivity_period.txt: cannot read the inactivity period"
	mkdir input
	put input/inactivity_period.txt '2\n'
	run -2 --separate-stderr "$ROOT/run.sh"
	err_is 0 "run.sh: input/log.csv: cannot read the log"
}

@test "pipeline: run.sh: too many operands is a usage error" {
	run -2 --separate-stderr "$ROOT/run.sh" a b c d
	err_is 0 "run.sh: too many operands"
	err_is 1 "usage: run.sh [-h | -V] [--] [log [period_file [output]]]"
}

@test "pipeline: run.sh passes the worst status on: rejects give 1, output written" {
	csv "$tmp/log.csv" a,2017-06-30,00:00:00,,, b,2017-06-31,00:00:00,,, \
	    a,2017-06-30,00:00:01,,,
	put "$tmp/p" '2\n'
	run -1 --separate-stderr "$ROOT/run.sh" "$tmp/log.csv" "$tmp/p" "$tmp/out"
	err_is 0 "edgar-parse: $tmp/log.csv:3: bad date \"2017-06-31\""
	err_is 1 "edgar-parse: 1 record rejected"
	err_lines 2
	lines "$tmp/want" 'a,2017-06-30 00:00:00,2017-06-30 00:00:01,2,2'
	same "$tmp/want" "$tmp/out"
}

@test "pipeline: run.sh passes the worst status on: a fatal stage gives 2" {
	lines "$tmp/log.csv" 'ip,date' 'a,2017-06-30'
	put "$tmp/p" '2\n'
	run -2 --separate-stderr "$ROOT/run.sh" "$tmp/log.csv" "$tmp/p" "$tmp/out"
	err_is 0 "edgar-parse: $tmp/log.csv:1: header has no \"time\" column (line 1 was taken as the header: -H gives the header of input that has none)"
	empty "$tmp/out"
	# a full disk
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$tmp/p" /dev/full
	err_is 0 "session-format: stdout: write error: No space left on device"
	# an output that cannot be created
	mkdir "$tmp/dir"
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$tmp/p" "$tmp/dir"
	[ "${stderr_lines[${#stderr_lines[@]} - 1]}" = "run.sh: $tmp/dir: is a directory, not an output file" ]
}

@test "pipeline: a copy of run.sh alone uses the tools on PATH" {
	mkdir "$tmp/alone"
	cp "$ROOT/run.sh" "$tmp/alone/"
	put "$tmp/p" '2\n'
	run -0 --separate-stderr "$tmp/alone/run.sh" "$GOLDEN/spec.in" "$tmp/p" "$tmp/out"
	no_stderr
	same "$GOLDEN/spec.out" "$tmp/out"
	[ ! -e "$tmp/alone/bin" ]
	# and says so when they are not there
	PATH=/usr/bin:/bin run -2 --separate-stderr "$tmp/alone/run.sh" "$GOLDEN/spec.in" "$tmp/p" "$tmp/out"
	err_is 0 "run.sh: edgar-parse not found: run make, or put the tools on PATH"
}

@test "pipeline: run.sh builds the tools when they are not built" {
	command -v make >/dev/null || skip "no make"
	mkdir -p "$tmp/src/cmd" "$tmp/src/lib" "$tmp/src/input"
	cp "$ROOT/Makefile" "$ROOT/run.sh" "$tmp/src/"
	cp "$ROOT"/cmd/*.c "$ROOT"/cmd/*.sh "$tmp/src/cmd/"
	cp "$ROOT"/lib/*.c "$ROOT"/lib/*.h "$tmp/src/lib/"
	cp "$GOLDEN/spec.in" "$tmp/src/input/log.csv"
	put "$tmp/src/input/inactivity_period.txt" '2\n'
	cd "$tmp/src"
	# (two jobs: the build is what takes the time here)
	MAKEFLAGS=-j2 PATH=/usr/bin:/bin run -0 --separate-stderr ./run.sh
	same "$GOLDEN/spec.out" output/sessionization.txt
	[ -x bin/edgar-parse ] && [ -x bin/sessionize ] && [ -x bin/session-format ]
}

@test "pipeline: make install DESTDIR=... PREFIX=/usr/local" {
	run -0 make -C "$ROOT" install DESTDIR="$tmp/dest" PREFIX=/usr/local
	d=$tmp/dest/usr/local
	for t in edgar-parse sessionize session-format edgar-robots \
	    request-split session-merge edgar-sessions; do
		[ -x "$d/bin/$t" ]
		cmp "$ROOT/bin/$t" "$d/bin/$t"
		cmp "$ROOT/man/$t.1" "$d/share/man/man1/$t.1"
	done
	cmp "$ROOT/man/edgar-streams.5" "$d/share/man/man5/edgar-streams.5"
	cmp "$ROOT/man/edgar-toolkit.7" "$d/share/man/man7/edgar-toolkit.7"
	"$d/bin/edgar-parse" "$GOLDEN/spec.in" | "$d/bin/sessionize" -i 2 |
	    "$d/bin/session-format" >"$tmp/got"
	same "$GOLDEN/spec.out" "$tmp/got"
	run -0 make -C "$ROOT" uninstall DESTDIR="$tmp/dest" PREFIX=/usr/local
	[ -z "$(find "$tmp/dest" -type f)" ]
}

# Cross-tool equivalences on the real samples.

@test "pipeline: requests in sessions plus rejects equal the records read" {
	log=$DATA/edgar-20170101-every20th.csv
	# a copy with some damage: a bad date, an empty ip, a short record
	awk 'NR % 5000 == 7 { sub(/2017-01-01/, "2017-01-32") }
	    NR % 7000 == 9 { sub(/^[^,]*/, "") }
	    NR % 9000 == 11 { sub(/,[^,]*\r$/, "\r") } { print }' "$log" >"$tmp/log.csv"
	records=$(($(wc -l <"$tmp/log.csv") - 1))
	run -1 --separate-stderr save "$tmp/req" edgar-parse -b -r "$tmp/rej" "$tmp/log.csv"
	rejected=$(wc -l <"$tmp/rej")
	[ "$rejected" -gt 0 ]
	err_is $((${#stderr_lines[@]} - 1)) "edgar-parse: $rejected records rejected"
	for p in 1 600 86400; do
		sessionize -i $p "$tmp/req" >"$tmp/sess"
		sum=$(awk -F '\t' '{ s += $5 } END { print s }' "$tmp/sess")
		[ $((sum + rejected)) -eq "$records" ]
		session-format "$tmp/sess" >/dev/null
	done
}

@test "pipeline: -o end and -o detect agree when every second has a request" {
	log=$DATA/edgar-20170630-head10k.csv
	edgar-parse -b "$log" >"$tmp/req"
	# the premise: no second without a request
	awk -F '\t' 'NR == 1 { t = $1 } $1 > t + 1 { exit 1 } { t = $1 }' "$tmp/req"
	for p in 1 2 10; do
		sessionize -i $p -o end "$tmp/req" >"$tmp/end"
		sessionize -i $p -o detect "$tmp/req" >"$tmp/detect"
		same "$tmp/end" "$tmp/detect"
	done
}

@test "pipeline: every session sessionize writes, session-format reads" {
	lines "$tmp/req" '-999999999999999999\ta' '-999999999999999999\tb' \
	    '999999999999999999\ta'
	sessionize -i 9223372036854775807 "$tmp/req" >"$tmp/sess"
	run -0 --separate-stderr save "$tmp/got" session-format "$tmp/sess"
	no_stderr
	[ "$(wc -l <"$tmp/got")" -eq 2 ]
}

@test "pipeline: the split of the log into files changes nothing" {
	log=$DATA/edgar-20030222-head10k.csv
	head -n 1 "$log" >"$tmp/a.csv"
	cp "$tmp/a.csv" "$tmp/b.csv"
	sed -n '2,10000p' "$log" >>"$tmp/a.csv"
	sed -n '10001,$p' "$log" >>"$tmp/b.csv"
	edgar-parse "$log" >"$tmp/whole"
	run -0 --separate-stderr save "$tmp/parts" edgar-parse "$tmp/a.csv" "$tmp/b.csv"
	no_stderr
	same "$tmp/whole" "$tmp/parts"
	sessionize -i 60 "$tmp/whole" | session-format >"$tmp/want"
	edgar-parse -b "$tmp/a.csv" >"$tmp/ra"
	edgar-parse -b "$tmp/b.csv" >"$tmp/rb"
	sessionize -i 60 "$tmp/ra" "$tmp/rb" | session-format >"$tmp/got"
	same "$tmp/want" "$tmp/got"
}

@test "pipeline: unsorted input, sorted on the request stream, gives the same sessions" {
	log=$DATA/edgar-20170630-head10k.csv
	edgar-parse "$log" | sessionize -i 2 | session-format | sort >"$tmp/want"
	{
		head -n 1 "$log"
		tail -n +2 "$log" | awk 'BEGIN { srand(42) } { print rand() "\t" $0 }' |
		    sort -k 1,1 | cut -f 2-
	} >"$tmp/shuf.csv"
	edgar-parse "$tmp/shuf.csv" >"$tmp/req"
	run -1 --separate-stderr save "$tmp/got" sessionize -i 2 "$tmp/req"
	[[ "${stderr_lines[${#stderr_lines[@]} - 2]}" == *" out of time order: sort the request stream first with sort -s -n -k1,1, or allow lateness with -l" ]]
	[[ "${stderr_lines[${#stderr_lines[@]} - 1]}" == "sessionize: "*" records rejected" ]]
	# the order within a second is lost, so ties may come out in another
	# order: compare the sessions as sets
	sort -s -n -k1,1 "$tmp/req" | sessionize -i 2 | session-format | sort >"$tmp/got"
	same "$tmp/want" "$tmp/got"
}

# A live feed: the first session must reach the end of the pipeline while
# the log is still being written.
@test "pipeline: -u on every stage is a live feed" {
	mkfifo "$tmp/fifo"
	edgar-parse -u <"$tmp/fifo" 3>&- | sessionize -u -i 2 3>&- |
	    session-format -u >"$tmp/got" 2>"$tmp/err" 3>&- &
	bgpid=$!
	exec 5<>"$tmp/fifo"
	printf 'ip,date,time\na,2017-06-30,00:00:00\nb,2017-06-30,00:00:01\n' >&5
	printf 'c,2017-06-30,00:00:03\n' >&5
	waitfor "$tmp/got" 'a,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1'
	lines "$tmp/want" 'a,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1'
	same "$tmp/want" "$tmp/got"
	printf 'b,2017-06-30,00:00:10\n' >&5
	exec 5>&-
	wait "$bgpid"
	bgpid=
	lines "$tmp/want" 'a,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1' \
	    'b,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1' \
	    'c,2017-06-30 00:00:03,2017-06-30 00:00:03,1,1' \
	    'b,2017-06-30 00:00:10,2017-06-30 00:00:10,1,1'
	same "$tmp/want" "$tmp/got"
}

@test "pipeline: a closed pipe at the end ends every stage quietly" {
	log=$DATA/edgar-20170101-every20th.csv
	{ edgar-parse "$log" 2>"$tmp/e1" | sessionize -i 1 2>"$tmp/e2" |
	    session-format 2>"$tmp/e3"; } | head -n 1 >"$tmp/got"
	[ "$(wc -l <"$tmp/got")" -eq 1 ]
	empty "$tmp/e1"
	empty "$tmp/e2"
	empty "$tmp/e3"
}
