#!/usr/bin/env bats
# run.sh's safety: names beginning with a dash, an output that is an input,
# standard output, atomic output, interrupts, concurrent first builds, the
# period file read with a bound, options.  The build tests and two of the
# three signals are long: make test-long runs them.

load helpers

USAGE='usage: run.sh [-h | -V] [--] [log [period_file [output]]]'

# src_tree DIR: a copy of the source tree in DIR, nothing built.
src_tree() {
	mkdir -p "$1/cmd" "$1/lib" "$1/man" "$1/input"
	cp "$ROOT/Makefile" "$ROOT/run.sh" "$1/"
	cp "$ROOT"/cmd/*.c "$ROOT"/cmd/*.sh "$1/cmd/"
	cp "$ROOT"/lib/*.c "$ROOT"/lib/*.h "$1/lib/"
	cp "$ROOT"/man/* "$1/man/"
	cp "$GOLDEN/spec.in" "$1/input/log.csv"
	put "$1/input/inactivity_period.txt" '2\n'
}

# descendants PID: the pids of PID's children, their children, ...
descendants() {
	ps -A -o pid= -o ppid= | awk -v root="$1" '
	{ parent[$1] = $2 }
	END {
		for (p in parent)
			for (q = parent[p]; q > 1; q = parent[q])
				if (q == root) { print p; break }
	}'
}

# stage_names PID: the command names among PID's descendants.
stage_names() {
	local p
	for p in $(descendants "$1"); do
		ps -o comm= -p "$p" 2>/dev/null || :
	done
}

@test "run.sh: a log named -rvictim.csv is a file, not an option" {
	mkdir "$tmp/w" && cd "$tmp/w"
	cp "$GOLDEN/spec.in" ./-rvictim.csv
	put victim.csv 'precious\n'
	cp victim.csv victim.orig
	put per '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" -rvictim.csv per out.txt </dev/null
	no_stderr
	same victim.orig victim.csv
	same "$GOLDEN/spec.out" out.txt
	# and after --
	rm out.txt
	run -0 --separate-stderr "$ROOT/run.sh" -- -rvictim.csv per out.txt </dev/null
	no_stderr
	same victim.orig victim.csv
	same "$GOLDEN/spec.out" out.txt
}

@test "run.sh: an output directory beginning with a dash is created and used" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per -d/out.txt
	no_stderr
	same "$GOLDEN/spec.out" ./-d/out.txt
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per -p/-q/out.txt
	no_stderr
	same "$GOLDEN/spec.out" ./-p/-q/out.txt
	[ "$(ls -A -- -d)" = out.txt ]
}

@test "run.sh: an output that is the log or the period file is refused, both untouched" {
	mkdir "$tmp/w" && cd "$tmp/w"
	cp "$GOLDEN/spec.in" log.csv
	put per '2\n'
	ln log.csv hard.csv
	ln -s log.csv soft.csv
	for o in log.csv ./log.csv "$tmp/w/log.csv" hard.csv soft.csv; do
		run -2 --separate-stderr "$ROOT/run.sh" log.csv per "$o"
		err_is 0 "run.sh: $o: the output is the log (the same file)"
		err_lines 1
		same "$GOLDEN/spec.in" log.csv
		[ -L soft.csv ]
	done
	run -2 --separate-stderr "$ROOT/run.sh" - per log.csv <log.csv
	err_is 0 "run.sh: log.csv: the output is the log (the same file)"
	same "$GOLDEN/spec.in" log.csv
	for o in per ./per; do
		run -2 --separate-stderr "$ROOT/run.sh" log.csv per "$o"
		err_is 0 "run.sh: $o: the output is the period file (the same file)"
		err_lines 1
		put want '2\n'
		same want per
	done
	[ "$(ls -A | sort | tr '\n' ' ')" = "hard.csv log.csv per soft.csv want " ]
}

@test "run.sh: /dev/stdout and - as the output write to standard output" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	for o in /dev/stdout -; do
		st=0
		"$ROOT/run.sh" "$GOLDEN/spec.in" per "$o" >got 2>err || st=$?
		[ $st -eq 0 ]
		empty err
		same "$GOLDEN/spec.out" got
		rm got
		{ "$ROOT/run.sh" "$GOLDEN/spec.in" per "$o" 2>err; echo $? >st; } | cat >got
		[ "$(cat st)" = 0 ]
		empty err
		same "$GOLDEN/spec.out" got
	done
	[ ! -e ./- ]
	# /dev/fd/1, and a link to /dev/stdout: opened, not resolved nor replaced
	ln -s /dev/stdout tostdout
	for o in /dev/fd/1 tostdout; do
		st=0
		"$ROOT/run.sh" "$GOLDEN/spec.in" per "$o" >got 2>err || st=$?
		[ $st -eq 0 ]
		same "$GOLDEN/spec.out" got
		{ "$ROOT/run.sh" "$GOLDEN/spec.in" per "$o" 2>err; echo $? >st; } | cat >got
		[ "$(cat st)" = 0 ]
		same "$GOLDEN/spec.out" got
	done
	[ -L tostdout ]
	rm tostdout
	# - is standard input and standard output at once
	st=0
	"$ROOT/run.sh" - per - <"$GOLDEN/spec.in" >got 2>err || st=$?
	[ $st -eq 0 ]
	same "$GOLDEN/spec.out" got
	# a closed standard output is an error; a closed stdin matters only for -
	st=0
	"$ROOT/run.sh" "$GOLDEN/spec.in" per - >&- 2>err || st=$?
	[ $st -eq 2 ]
	[ "$(cat err)" = "run.sh: -: cannot write the output (the standard output is closed)" ]
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per got <&-
	same "$GOLDEN/spec.out" got
	rm got
	# other files that are not regular: /dev/null, a FIFO
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per /dev/null
	no_stderr
	[ -z "$output" ]
	mkfifo fifo
	cat fifo >got &
	bgpid=$!
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per fifo
	wait "$bgpid"
	bgpid=
	same "$GOLDEN/spec.out" got
	[ -p fifo ]
	[ "$(ls -A | sort | tr '\n' ' ')" = "err fifo got per st " ]
}

@test "run.sh: a failed run leaves an existing output as it was, and no temporary file" {
	mkdir "$tmp/w" && cd "$tmp/w"
	mkdir out
	put out/s.txt 'old sessions\n'
	cp out/s.txt old
	put per '2\n'
	# a fatal stage
	lines bad.csv 'ip,date' 'a,2017-06-30'
	run -2 --separate-stderr "$ROOT/run.sh" bad.csv per out/s.txt
	err_is 0 "edgar-parse: bad.csv:1: header has no \"time\" column (line 1 was taken as the header: -H gives the header of input that has none)"
	same old out/s.txt
	[ "$(ls -A out)" = s.txt ]
	# failures before the pipeline starts
	run -2 --separate-stderr "$ROOT/run.sh" no-such.csv per out/s.txt
	err_is 0 "run.sh: no-such.csv: cannot read the log"
	same old out/s.txt
	put zero '0\n'
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" zero out/s.txt
	err_is 0 "run.sh: zero: the inactivity period '0' is not a positive integer"
	same old out/s.txt
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" no-such out/s.txt
	same old out/s.txt
	[ "$(ls -A out)" = s.txt ]
	# a new output: not made by a run that fails before the pipeline;
	# made empty by a fatal stage (SPEC: "exit 2, empty output")
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" zero out/new.txt
	[ "$(ls -A out)" = s.txt ]
	run -2 --separate-stderr "$ROOT/run.sh" bad.csv per out/new.txt
	empty out/new.txt
	rm out/new.txt
	[ "$(ls -A out)" = s.txt ]
	# status 0 and 1 replace it
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per out/s.txt
	same "$GOLDEN/spec.out" out/s.txt
	csv rej.csv a,2017-06-30,00:00:00,,, b,2017-06-31,00:00:00,,,
	run -1 --separate-stderr "$ROOT/run.sh" rej.csv per out/s.txt
	lines want 'a,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1'
	same want out/s.txt
	[ "$(ls -A out)" = s.txt ]
}

@test "run.sh: a new output gets the permissions > gives it" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	for mask in 022 027 000 077; do
		rm -f "out$mask"
		(umask "$mask" && "$ROOT/run.sh" "$GOLDEN/spec.in" per "out$mask")
		same "$GOLDEN/spec.out" "out$mask"
		(umask "$mask" && : >"ref$mask")
		[ "$(stat -c %a "out$mask")" = "$(stat -c %a "ref$mask")" ]
	done
}

@test "run.sh: an output that is a symbolic link stays one; its target gets the sessions" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	mkdir real
	put real/s.txt 'old\n'
	cp real/s.txt old
	ln -s real/s.txt link.txt
	lines bad.csv 'ip,date' 'a,2017-06-30'
	run -2 --separate-stderr "$ROOT/run.sh" bad.csv per link.txt
	[ -L link.txt ]
	same old real/s.txt
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per link.txt
	no_stderr
	[ -L link.txt ]
	[ "$(readlink link.txt)" = real/s.txt ]
	same "$GOLDEN/spec.out" real/s.txt
	[ "$(ls -A real)" = s.txt ]
	# a dangling link: its target is created
	ln -s real/new.txt dangling.txt
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per dangling.txt
	[ -L dangling.txt ]
	same "$GOLDEN/spec.out" real/new.txt
	[ "$(ls -A real | tr '\n' ' ')" = "new.txt s.txt " ]
	[ "$(ls -A | sort | tr '\n' ' ')" = "bad.csv dangling.txt link.txt old per real " ]
}

# The log is a FIFO that stays open: the pipeline waits for more, and the
# signal reaches run.sh in the middle of the run.  (env --default-signal:
# a background job of a script starts with SIGINT ignored.)  Each signal
# takes a second or two: make test sends TERM, make test-long all three.
@test "run.sh: SIGTERM, SIGINT or SIGHUP mid-run: old output kept, no temporary file, no stage left" {
	local sigs=TERM

	if is_long; then sigs='TERM INT HUP'; fi
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	mkdir out
	mkfifo log.fifo
	for sig in $sigs; do
		put out/s.txt 'old sessions\n'
		cp out/s.txt old
		exec 5<>log.fifo
		printf 'ip,date,time\na,2017-06-30,00:00:00\n' >&5
		env --default-signal=INT "$ROOT/run.sh" log.fifo per out/s.txt \
		    </dev/null >stdout 2>err &
		bgpid=$!
		i=0
		until [ "$(stage_names "$bgpid" | grep -c -x -e edgar-parse -e sessionize -e session-format)" -eq 3 ]; do
			i=$((i + 1))
			[ $i -lt 100 ]
			sleep 0.1
		done
		kids=$(descendants "$bgpid")
		kill -s "$sig" "$bgpid"
		st=0
		wait "$bgpid" || st=$?
		bgpid=
		exec 5>&-
		[ $st -gt 128 ]
		same old out/s.txt
		[ "$(ls -A out)" = s.txt ]
		# every stage is gone soon (they would run until the FIFO ends)
		i=0
		for p in $kids; do
			while kill -0 "$p" 2>/dev/null; do
				i=$((i + 1))
				[ $i -lt 50 ]
				sleep 0.1
			done
		done
	done
}

@test "run.sh: six concurrent first runs on an unbuilt tree all succeed" {
	long_test
	command -v make >/dev/null || skip "no make"
	src_tree "$tmp/src"
	cd "$tmp/src"
	[ ! -e bin ]
	for i in 1 2 3 4 5 6; do
		{
			st=0
			PATH=/usr/bin:/bin ./run.sh input/log.csv input/inactivity_period.txt "out$i.txt" \
			    >"stdout$i" 2>"err$i" || st=$?
			echo $st >"st$i"
		} &
	done
	wait
	for i in 1 2 3 4 5 6; do
		[ "$(cat "st$i")" = 0 ] || { cat "err$i" >&2; false; }
		same "$GOLDEN/spec.out" "out$i.txt"
	done
	[ ! -e .run.lock ]
	git -C "$ROOT" check-ignore -q .run.lock
}

@test "run.sh: the build lock: a stale one is taken over, a live one waited for" {
	long_test
	command -v make >/dev/null || skip "no make"
	src_tree "$tmp/src"
	cd "$tmp/src"
	make -s
	# a lock left by a run that died: its pid is no longer there
	sh -c 'exit 0' &
	dead=$!
	wait "$dead"
	mkdir .run.lock
	echo "$dead" >.run.lock/pid
	touch cmd/session-format.c
	PATH=/usr/bin:/bin run -0 --separate-stderr ./run.sh input/log.csv input/inactivity_period.txt out1.txt
	same "$GOLDEN/spec.out" out1.txt
	[ ! -e .run.lock ]
	# a lock held by a live process: run.sh waits until it is released
	sleep 60 &
	holder=$!
	mkdir .run.lock
	echo "$holder" >.run.lock/pid
	touch cmd/session-format.c
	PATH=/usr/bin:/bin ./run.sh input/log.csv input/inactivity_period.txt out2.txt \
	    >stdout 2>err &
	bgpid=$!
	sleep 1.5
	[ ! -e out2.txt ]
	kill -0 "$bgpid"
	rm -r .run.lock
	kill "$holder"
	wait "$bgpid"
	bgpid=
	same "$GOLDEN/spec.out" out2.txt
	[ ! -e .run.lock ]
	# an up-to-date tree does not touch the lock at all
	mkdir .run.lock
	echo 1 >.run.lock/pid
	PATH=/usr/bin:/bin run -0 --separate-stderr ./run.sh input/log.csv input/inactivity_period.txt out3.txt
	same "$GOLDEN/spec.out" out3.txt
	[ -d .run.lock ]
}

@test "run.sh: a log given as the period file is refused after reading 257 bytes" {
	mkdir "$tmp/w" && cd "$tmp/w"
	cp "$GOLDEN/spec.in" big.csv
	run -2 --separate-stderr "$ROOT/run.sh" big.csv big.csv out
	err_is 0 "run.sh: big.csv: does not look like a period file (more than 256 bytes; is it the log?)"
	err_lines 1
	[ ! -e out ]
	# an endless period file: read no further than needed
	mkfifo endless
	yes 2 >endless &
	bgpid=$!
	run -2 --separate-stderr timeout 10 "$ROOT/run.sh" big.csv endless out
	err_is 0 "run.sh: endless: does not look like a period file (more than 256 bytes; is it the log?)"
	wait "$bgpid" || :
	bgpid=
}

# As in 90-pipeline's table: the period file's bytes => OK (exit 0, the
# SPEC's output) or the exact first line of stderr, exit 2.
@test "run.sh: the period file: byte-order mark, invisible bytes, NUL, size" {
	period_cases <<'EOF'
\xef\xbb\xbf2\n => OK
\xef\xbb\xbf2\r\n => OK
\xef\xbb\xbf\x20\x202\x20\r\n => OK
\xef\xbb\xbf\n => run.sh: per: empty: expected the inactivity period in seconds
\xef\xbb\xbf\c => run.sh: per: empty: expected the inactivity period in seconds
\x20\xef\xbb\xbf2\n => run.sh: per: the inactivity period '\xef\xbb\xbf2' is not a positive integer
2\xef\xbb\xbf\n => run.sh: per: the inactivity period '2\xef\xbb\xbf' is not a positive integer
5\x01\n => run.sh: per: the inactivity period '5\x01' is not a positive integer
5\x7f\n => run.sh: per: the inactivity period '5\x7f' is not a positive integer
\x1b[31m5\n => run.sh: per: the inactivity period '\x1b[31m5' is not a positive integer
5\0 => run.sh: per: the inactivity period '5\x00' is not a positive integer
5\0\n => run.sh: per: the inactivity period '5\x00' is not a positive integer
\0 => run.sh: per: the inactivity period '\x00' is not a positive integer
\x0b5\n => run.sh: per: the inactivity period '\x0b5' is not a positive integer
2\xc2\xa0\n => run.sh: per: the inactivity period '2\xc2\xa0' is not a positive integer
\xe2\x80\x8b2\n => run.sh: per: the inactivity period '\xe2\x80\x8b2' is not a positive integer
\\x01\n => run.sh: per: the inactivity period '\x5cx01' is not a positive integer
2 \x01\n => run.sh: per: expected one integer (seconds), found 2 words
0000000000000000002\n => OK
00000000000000000000000002\n => OK
9223372036854775808\n => run.sh: per: the inactivity period '9223372036854775808' is too large
EOF
	# 256 bytes are read, 257 are too many
	{ printf '%255s' ''; printf 2; } >per
	run -0 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per out.txt
	same "$GOLDEN/spec.out" out.txt
	{ printf '%256s' ''; printf 2; } >per
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per out.txt
	err_is 0 "run.sh: per: does not look like a period file (more than 256 bytes; is it the log?)"
}

@test "run.sh: a period file that is a directory says so" {
	mkdir "$tmp/w" && cd "$tmp/w"
	mkdir per
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" per out.txt
	err_is 0 "run.sh: per: is a directory, not a period file"
	err_lines 1
	[ ! -e out.txt ]
}

@test "run.sh: invisible bytes in file names are shown escaped" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	run -2 --separate-stderr "$ROOT/run.sh" "$(printf 'no\033]0;x\007.csv')" per out.txt
	err_is 0 'run.sh: no\x1b]0;x\x07.csv: cannot read the log'
	err_lines 1
	run -2 --separate-stderr "$ROOT/run.sh" "$GOLDEN/spec.in" "$(printf 'p\nq')" out.txt
	err_is 0 'run.sh: p\x0aq: cannot read the inactivity period'
	err_lines 1
}

@test "run.sh: an empty operand is a usage error, not the default" {
	mkdir -p "$tmp/input" "$tmp/output"
	cp "$GOLDEN/spec.in" "$tmp/input/log.csv"
	put "$tmp/input/inactivity_period.txt" '2\n'
	put "$tmp/output/sessionization.txt" 'old\n'
	cd "$tmp"
	run -2 --separate-stderr "$ROOT/run.sh" "" input/inactivity_period.txt out.txt
	err_is 0 "run.sh: the log operand is empty"
	err_is 1 "$USAGE"
	err_lines 2
	run -2 --separate-stderr "$ROOT/run.sh" input/log.csv "" out.txt
	err_is 0 "run.sh: the period_file operand is empty"
	err_is 1 "$USAGE"
	run -2 --separate-stderr "$ROOT/run.sh" input/log.csv input/inactivity_period.txt ""
	err_is 0 "run.sh: the output operand is empty"
	err_is 1 "$USAGE"
	[ ! -e out.txt ]
	put want 'old\n'
	same want output/sessionization.txt
}

@test "run.sh: -h prints the usage on stdout, exit 0" {
	mkdir "$tmp/w" && cd "$tmp/w"
	run -0 --separate-stderr "$ROOT/run.sh" -h
	no_stderr
	[ "${lines[0]}" = "$USAGE" ]
	for w in input/log.csv input/inactivity_period.txt output/sessionization.txt \
	    'log' 'period_file' 'output' 'standard input' 'standard output'; do
		[[ "$output" == *"$w"* ]] || { echo "no \"$w\" in: $output" >&2; false; }
	done
	[ "$(ls -A)" = "" ]
}

@test "run.sh: an unknown option is a usage error; -- ends the options" {
	mkdir "$tmp/w" && cd "$tmp/w"
	put per '2\n'
	for o in -x --x -hx -Vh --help; do
		run -2 --separate-stderr "$ROOT/run.sh" "$o" per out.txt
		err_is 0 "run.sh: $o: unknown option, and no log of that name"
		err_is 1 "$USAGE"
		err_lines 2
	done
	run -2 --separate-stderr "$ROOT/run.sh" -h per
	err_is 0 "run.sh: -h takes no operands"
	err_is 1 "$USAGE"
	run -2 --separate-stderr "$ROOT/run.sh" -- -h per out.txt
	err_is 0 "run.sh: -h: cannot read the log"
	cp "$GOLDEN/spec.in" ./-h
	run -0 --separate-stderr "$ROOT/run.sh" -- -h per out.txt
	same "$GOLDEN/spec.out" out.txt
	rm out.txt
	cp "$GOLDEN/spec.in" ./-x
	run -0 --separate-stderr "$ROOT/run.sh" -x per out.txt
	same "$GOLDEN/spec.out" out.txt
	[ "$(ls -A | sort | tr '\n' ' ')" = "-h -x out.txt per " ]
}

@test "run.sh: too many operands is a usage error" {
	run -2 --separate-stderr "$ROOT/run.sh" a b c d
	err_is 0 "run.sh: too many operands"
	err_is 1 "$USAGE"
	err_lines 2
}

# Needs edgar-parse -V (being added on another branch).
@test "run.sh: -V prints run.sh and the version edgar-parse -V gives" {
	run -0 --separate-stderr edgar-parse -V
	set -- $output
	[ "$1" = edgar-parse ]
	[ -n "${2-}" ]
	want="run.sh $2"
	run -0 --separate-stderr "$ROOT/run.sh" -V
	no_stderr
	[ "$output" = "$want" ]
}

@test "run.sh: -V fails cleanly when edgar-parse gives no version" {
	mkdir "$tmp/alone" "$tmp/fake"
	cp "$ROOT/run.sh" "$tmp/alone/"
	printf '#!/bin/sh\necho "edgar-parse: invalid option -- '"'"'V'"'"'" >&2\nexit 2\n' >"$tmp/fake/edgar-parse"
	chmod +x "$tmp/fake/edgar-parse"
	PATH=$tmp/fake:$PATH run -2 --separate-stderr "$tmp/alone/run.sh" -V
	err_is 0 "run.sh: cannot get the version: edgar-parse -V failed"
	[ -z "$output" ]
	printf '#!/bin/sh\necho "1.0"\n' >"$tmp/fake/edgar-parse"
	PATH=$tmp/fake:$PATH run -2 --separate-stderr "$tmp/alone/run.sh" -V
	err_is 0 "run.sh: cannot get the version: edgar-parse -V printed '1.0'"
	# what edgar-parse -V will print
	printf '#!/bin/sh\necho "edgar-parse 1.1.0"\n' >"$tmp/fake/edgar-parse"
	PATH=$tmp/fake:$PATH run -0 --separate-stderr "$tmp/alone/run.sh" -V
	no_stderr
	[ "$output" = "run.sh 1.1.0" ]
	PATH=$tmp/fake:$PATH run -2 --separate-stderr "$tmp/alone/run.sh" -V x
	err_is 0 "run.sh: -V takes no operands"
}

# Regression: sessionize named the request stream's line (stdin:2), which
# the user of run.sh never sees; the log's line is carried through.
@test "run.sh: a late record's message names its line in the log" {
	csv "$tmp/log.csv" 'a,2017-06-30,00:00:05,,,' '' 'b,2017-06-30,00:00:01,,,'
	put "$tmp/per" '2\n'
	run -1 --separate-stderr "$ROOT/run.sh" "$tmp/log.csv" "$tmp/per" "$tmp/out"
	err_is 0 "sessionize: stdin:2: log line 4: 4 seconds earlier than an earlier record"
	[ "$(sed -n 4p "$tmp/log.csv")" = 'b,2017-06-30,00:00:01,,,' ]
	lines "$tmp/want" 'a,2017-06-30 00:00:05,2017-06-30 00:00:05,1,1'
	same "$tmp/want" "$tmp/out"
}
