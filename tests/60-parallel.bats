#!/usr/bin/env bats
# request-split, session-merge and edgar-sessions: the parallel run, on
# this machine and on stand-in hosts, against the single run; and the
# Hadoop Streaming recipe, its shuffle played by sort.

load helpers

setup() {
	common_setup
	# edgar-sessions makes its temporary directory here: it must be
	# empty again after every run
	TMPDIR=$tmp/tmpdir
	STANDIN_ROOT=$tmp/hosts
	mkdir -p "$TMPDIR" "$STANDIN_ROOT"
	export TMPDIR STANDIN_ROOT
}

teardown() {
	common_teardown
}

# no_leftovers: edgar-sessions and the stand-in hosts kept no file.
no_leftovers() {
	local left

	left=$(find "$TMPDIR" "$STANDIN_ROOT" -mindepth 1 ! -type d \
	    ! -name log ! -name '*.failed')
	left=$left$(find "$TMPDIR" -mindepth 1)
	if [ -n "$left" ]; then
		printf 'left behind:\n%s\n' "$left" >&2
		return 1
	fi
}

# split_log LOG K PREFIX: the log's records cut into K logs PREFIX.1 ...,
# each with the header, in order (a last line without LF gets one).
split_log() {
	awk -v k="$2" -v prefix="$3" -v n="$(wc -l <"$1")" '
	NR == 1 { head = $0; next }
	{
		i = int((NR - 2) * k / (n - 1)) + 1
		f = prefix "." (i > k ? k : i)	# a last line without LF
		if (!(f in seen)) {
			print head >f
			seen[f] = 1
		}
		print >f
	}' "$1"
}

# genlog SEED N FILE: a generated log of N records; its period in FILE.p.
genlog() {
	awk -f "$REF/civil.awk" -f "$REF/genlog.awk" -v seed="$1" -v n="$2" \
	    -v periodfile="$3.p" >"$3"
}

# loglines FILE: the log lines that rejection messages name, sorted.
loglines() {
	sed -n 's/.*: log line \([0-9]*\): .*/\1/p' "$1" | sort -n
}

# es OUT ERR ARG...: edgar-sessions ARG... with its output in OUT, its
# messages in ERR and its exit status in $st.
es() {
	local out=$1 err=$2

	shift 2
	st=0
	edgar-sessions "$@" >"$out" 2>"$err" || st=$?
}

# rejected FILE: the total of the "N records rejected" lines.
rejected() {
	awk '/ records? rejected$/ { n += $2 } END { print n + 0 }' "$1"
}

@test "request-split: the shard is FNV-1a 64 of the key times N / 2^64, the same on every run" {
	# FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c (the published test vector):
	# 0xaf63dc4c * 7 / 2^32 = 4; "101.81.133.jja" (0x781af244...) 3,
	# "107.23.85.jfd" (0x2fe5d6b6...) 1; "a<TAB>b" (0xe5bacb19...) 6
	reqs "$tmp/in" '1:a 1:101.81.133.jja 2:107.23.85.jfd'
	cd "$tmp"
	run -0 --separate-stderr request-split -n 7 -o s in
	no_stderr
	lines want4 1 '1\ta\t1' 2
	same want4 s.4
	lines want3 1 '1\t101.81.133.jja\t2' 2
	same want3 s.3
	lines want1 1 2 '2\t107.23.85.jfd\t3'
	same want1 s.1
	for s in 0 2 5 6; do
		lines want 1 2
		same want s.$s
	done
	lines in2 '1\ta\tb' '1\tb\ta'
	run -0 request-split -n 7 -k 2,3 -o k in2
	lines want '1' '1\ta\tb\t1' '1\tb\ta\t2'
	same want k.6
}

@test "request-split: ticks when the clock moves, positions from -b, the time order checked" {
	cd "$tmp"
	lines in '5\ta\t2' '5\tb\t3' '7\ta\t4' '6\tb\t5' '3\ta\t6' 'x\tb\t7' \
	    '9\t\t8' '9\tb\t9'
	run -1 --separate-stderr request-split -n 1 -c 3 -l 1 -b 1000 -o s in
	err_is 0 'request-split: in:5: log line 6: 4 seconds earlier than an earlier record'
	err_is 1 'request-split: in:6: log line 7: time is not an integer of at most 18 digits: "x"'
	err_is 2 'request-split: in:7: log line 8: empty key'
	err_is 3 'request-split: 1 record was out of time order: sort the request stream first with sort -s -n -k1,1, or allow lateness with -l'
	err_is 4 'request-split: 3 records rejected'
	# 6 is late by 1, allowed by -l 1: passed on, no tick
	lines want 5 '5\ta\t2\t1001' '5\tb\t3\t1002' 7 '7\ta\t4\t1003' \
	    '6\tb\t5\t1004' 9 '9\tb\t9\t1008'
	same want s.0
	# every shard is made, empty or not; a shard that is an input is refused
	reqs in2 ''
	run -0 request-split -n 3 -o e in2
	empty e.0
	empty e.2
	run -2 --separate-stderr request-split -n 2 -o e e.1
	err_is 0 'request-split: e.1: the input is the shard e.1'
	# nor can the rejects file be a shard: the two would write over
	# each other (whether the shard is there already or not)
	run -2 --separate-stderr request-split -n 2 -o e -r e.0 in
	err_is 0 'request-split: -r e.0: the rejects file is the shard e.0'
	rm -f f.*
	run -2 --separate-stderr request-split -n 2 -o f -r f.1 in
	err_is 0 'request-split: -r f.1: the rejects file is the shard f.1'
	run -2 --separate-stderr request-split in
	err_is 0 'request-split: -n shards: the number of shards is required'
}

@test "request-split | sessionize -p -O | session-merge is sessionize, on the samples" {
	cd "$tmp"
	for p in 1 30; do
		for log in "$DATA"/*.csv; do
			edgar-parse -b -n "$log"
		done >req
		sessionize -i $p -n 3 req >want
		request-split -n 4 -c 3 -o s req
		for s in 0 1 2 3; do
			sessionize -i $p -n 3 -p 4 -O s.$s >o.$s
		done
		run -0 --separate-stderr session-merge o.0 o.1 o.2 o.3
		no_stderr
		session-merge o.0 o.1 o.2 o.3 >got
		same want got
	done
}

@test "session-merge: holds back what the largest last does not prove over, then the rest by position" {
	cd "$tmp"
	# key first last duration count end last pos; T = 5
	lines m1 'a\t1\t1\t1\t1\t3\t1\t1' 'b\t2\t2\t1\t1\t4\t2\t2' \
	    'c\t5\t5\t1\t1\t7\t5\t5'
	lines m2 'x\t1\t2\t2\t2\t4\t2\t0' 'y\t3\t3\t1\t1\t5\t3\t9' \
	    'z\t4\t4\t1\t1\t6\t4\t3'
	run -0 --separate-stderr session-merge m1 m2
	no_stderr
	session-merge m2 m1 >got
	lines want 'a\t1\t1\t1\t1' 'x\t1\t2\t2\t2' 'b\t2\t2\t1\t1' \
	    'z\t4\t4\t1\t1' 'c\t5\t5\t1\t1' 'y\t3\t3\t1\t1'
	same want got
	# streamed: what is proven goes out before the input ends
	mkfifo f
	(
		cat m1
		exec sleep 30
	) >f &
	bgpid=$!
	session-merge -u f >got2 &
	waitfor got2 'a	1'
	kill "$bgpid"
	wait
}

@test "session-merge: bad lines and a stream out of order are rejected" {
	cd "$tmp"
	lines in 'a\t1\t1\t1\t1\t3\t1\t5' 'short\t1\t2' 'b\t1\t1\t1\t1\t3\tx\t6' \
	    'c\t1\t1\t1\t1\t2\t1\t1' 'd\t1\t1\t1\t1\t3\t1\t4' 'e\t1\t1\t1\t1\t0\t1\t7'
	printf 'f\t1\t1\t1\t1\t9\t1\t9' >>in
	run -1 --separate-stderr session-merge in
	err_is 0 'session-merge: in:2: too few fields (a session line written with sessionize -O has 8 at least)'
	err_is 1 'session-merge: in:3: last is not an integer of at most 18 digits'
	err_is 2 'session-merge: in:4: out of (end, pos) order: end 2 pos 1 after end 3 pos 5 (is it sessionize -O'"'"'s output?)'
	err_is 3 'session-merge: in:5: out of (end, pos) order: end 3 pos 4 after end 3 pos 5 (is it sessionize -O'"'"'s output?)'
	err_is 4 'session-merge: in:6: end is earlier than last'
	err_is 5 'session-merge: in:7: the last line has no line end (the stream was cut short)'
	err_is 6 'session-merge: 6 records rejected'
	session-merge in >got 2>/dev/null || :
	lines want 'a\t1\t1\t1\t1'
	same want got
}

@test "edgar-sessions: -j 1 to 4 on the samples, plain, gz and zip mixed, as the single run" {
	cd "$tmp"
	cp "$DATA/edgar-20030222-head10k.csv" a.csv
	gzip -c "$DATA/edgar-20170101-every20th.csv" >b.csv.gz
	cp "$DATA/edgar-20170630-head10k.csv" log20170630.csv
	printf 'the SEC README\n' >README.txt
	zip -q c.zip log20170630.csv README.txt
	cat "$DATA"/edgar-2003*.csv "$DATA"/edgar-20170101*.csv "$DATA"/edgar-20170630*.csv >all.csv
	edgar-parse -b -n all.csv | sessionize -i 30 -n 3 | session-format >want
	jobs='1 3'
	! is_long || jobs='1 2 3 4'
	for j in $jobs; do
		es got err -j $j -i 30 a.csv b.csv.gz c.zip
		[ "$st" -eq 0 ]
		empty err
		same want got
	done
	no_leftovers
	# -f goes to session-format; standard input is a log
	edgar-parse -b -n all.csv | sessionize -i 30 -n 3 | session-format -f json >want
	edgar-sessions -j 2 -f json -i 30 <all.csv >got
	same want got
	no_leftovers
}

@test "edgar-sessions: generated logs cut into files, across midnight and files, -j 2 and 3" {
	cd "$tmp"
	seeds=3
	! is_long || seeds='3 4 5 6 7 8 9'
	for seed in $seeds; do
		genlog $seed 3000 g.csv
		p=$(cat g.csv.p)
		"$ROOT/run.sh" g.csv g.csv.p want 2>/dev/null || :
		split_log g.csv 5 part
		gzip part.2
		for j in 2 3; do
			es got err -j $j -i "$p" part.1 part.2.gz part.3 part.4 part.5
			[ "$st" -le 1 ]
			same want got
		done
		rm -f part.*
	done
	no_leftovers
}

@test "edgar-sessions: -z and -M end sessions at midnight and at a length, in parallel as in one job" {
	cd "$tmp"
	genlog 5 4000 g.csv
	split_log g.csv 3 part
	gzip part.2
	capses='"-z -5 -M 300"' jobs=3
	! is_long || { capses='"-z 0" "-M 600" "-z -5 -M 300"'; jobs='1 2 3'; }
	eval "set -- $capses"
	for caps; do
		# shellcheck disable=SC2086
		edgar-parse -b -n g.csv | sessionize -i 3600 -n 3 $caps |
		    session-format >want 2>/dev/null || :
		for j in $jobs; do
			# shellcheck disable=SC2086
			es got err -j $j -i 3600 $caps part.1 part.2.gz part.3
			[ "$st" -le 1 ]
			same want got
		done
	done
	# the caps do change the sessions
	edgar-sessions -i 3600 g.csv >plain 2>/dev/null || :
	edgar-sessions -i 3600 -z 0 g.csv >zoned 2>/dev/null || :
	[ "$(wc -l <zoned)" -gt "$(wc -l <plain)" ]
	no_leftovers
	run -2 --separate-stderr edgar-sessions -i 5 -z 24 g.csv
	err_is 0 "edgar-sessions: -z 24: not a number of hours (-23 to 23)"
	run -2 --separate-stderr edgar-sessions -i 5 -M 0 g.csv
	err_is 0 "edgar-sessions: -M 0: not a positive integer of at most 18 digits"
}

@test "edgar-sessions: N = 1 to 8 on many generated logs (long)" {
	long_test
	cd "$tmp"
	for seed in 11 12 13 14 15 16; do
		genlog $seed 20000 g.csv
		p=$(cat g.csv.p)
		"$ROOT/run.sh" g.csv g.csv.p want 2>/dev/null || :
		split_log g.csv 7 part
		gzip part.3 part.6
		for j in 1 2 3 4 5 6 7 8; do
			edgar-sessions -j $j -i "$p" part.1 part.2 part.3.gz part.4 \
			    part.5 part.6.gz part.7 >got 2>/dev/null || :
			same want got
		done
		rm -f part.*
	done
	# many small files
	genlog 21 3000 g.csv
	p=$(cat g.csv.p)
	"$ROOT/run.sh" g.csv g.csv.p want 2>/dev/null || :
	split_log g.csv 60 part
	# shellcheck disable=SC2046
	edgar-sessions -j 3 -i "$p" $(seq -f 'part.%g' 1 60) >got 2>/dev/null || :
	same want got
	no_leftovers
}

@test "edgar-sessions: logs out of day order, late records: the same rejections as the single run" {
	cd "$tmp"
	csv d1.csv a,2017-06-30,23:59:58,,, b,2017-06-30,23:59:59,,, \
	    c,2017-07-01,00:00:05,,,
	# the next day's log starts 3 seconds before the last one's end
	csv d2.csv a,2017-07-01,00:00:02,,, c,2017-07-01,00:00:06,,, \
	    b,2017-07-01,00:00:03,,, a,2017-07-01,00:00:09,,,
	csv d0.csv x,2017-06-29,12:00:00,,, b,2017-06-29,12:00:01,,,
	jobs=3
	! is_long || jobs='2 3 4'
	for l in '' 3; do
		for order in 'd1.csv d2.csv d0.csv' 'd2.csv d0.csv d1.csv'; do
			# shellcheck disable=SC2086
			es want want.err ${l:+-l $l} -i 2 $order
			want_st=$st
			loglines want.err >want.lines
			[ -s want.lines ]
			for j in $jobs; do
				# shellcheck disable=SC2086
				es got got.err -j $j ${l:+-l $l} -i 2 $order
				[ "$st" -eq "$want_st" ]
				same want got
				loglines got.err >got.lines
				same want.lines got.lines
				[ "$(rejected got.err)" -eq "$(rejected want.err)" ]
			done
		done
	done
	no_leftovers
}

@test "edgar-sessions: -S with stand-in hosts: transfer, return, cleanup" {
	cd "$tmp"
	cp "$DATA/edgar-20030222-head10k.csv" a.csv
	gzip -c "$DATA/edgar-20170630-head10k.csv" >b.csv.gz
	edgar-sessions -i 60 a.csv b.csv.gz >want
	export PARALLEL_SSH=$ROOT/tests/ssh-standin
	es got err -S 2/hostA,1/hostB,1/: -i 60 a.csv b.csv.gz
	[ "$st" -eq 0 ]
	empty err
	same want got
	# the hosts were used, and hold nothing now
	grep -q '^hostA: .*GNU_Parallel_worker' "$STANDIN_ROOT/log"
	grep -q '^hostB: .*rsync' "$STANDIN_ROOT/log"
	no_leftovers
}

@test "edgar-sessions: a job lost once is retried, a host down is left out, the output the same" {
	long_test	# (GNU parallel's retries take seconds: make test-long)
	cd "$tmp"
	cp "$DATA/edgar-20170630-head10k.csv" a.csv
	edgar-sessions -i 60 a.csv >want
	PARALLEL_SSH=$ROOT/tests/ssh-standin STANDIN_FAIL=once:hostA \
	    edgar-sessions -S 1/hostA -j 2 -i 60 a.csv >got 2>err
	[ -e "$STANDIN_ROOT/hostA.failed" ]
	same want got
	no_leftovers
	# a host that is down: its jobs go to the other one
	PARALLEL_SSH=$ROOT/tests/ssh-standin STANDIN_FAIL=hostB \
	    edgar-sessions -S 1/hostA,1/hostB -i 60 a.csv >got 2>err
	same want got
	no_leftovers
}

@test "edgar-sessions: a host that is down fails the run: exit 2, a message, no output" {
	long_test	# (GNU parallel's retries take seconds: make test-long)
	cd "$tmp"
	cp "$DATA/edgar-20170630-head10k.csv" a.csv
	PARALLEL_SSH=$ROOT/tests/ssh-standin STANDIN_FAIL=hostB \
	    run -2 --separate-stderr edgar-sessions -S 1/hostB -i 60 a.csv
	[ -z "$output" ]
	[ "${stderr_lines[-1]}" = 'edgar-sessions: a job failed (its message is above): no output' ]
	grep -q 'ssh-standin: hostB: connection refused' <<<"$stderr"
	no_leftovers
	# a log that fails (no header) fails the parallel run as the single one
	: >empty.csv
	run -2 --separate-stderr edgar-sessions -j 2 -i 60 a.csv empty.csv
	[ -z "$output" ]
	grep -q '^edgar-parse: .*' <<<"$stderr"
	no_leftovers
}

@test "edgar-sessions: usage errors" {
	cd "$tmp"
	run -2 --separate-stderr edgar-sessions -j 2 -o detect -i 2 x
	err_is 0 'edgar-sessions: -o detect: the event-driven order needs the whole stream in one job (-j 1, no -S)'
	run -2 --separate-stderr edgar-sessions a.csv
	err_is 0 'edgar-sessions: -i seconds: the inactivity period is required'
	run -2 --separate-stderr edgar-sessions -i 0 a.csv
	err_is 0 'edgar-sessions: -i 0: not a positive integer of at most 18 digits'
	run -2 --separate-stderr edgar-sessions -i 2 -j 0 a.csv
	err_is 0 'edgar-sessions: -j 0: not a number of jobs (1 to 1024)'
	run -2 --separate-stderr edgar-sessions -i 2 nosuch.csv
	err_is 0 'edgar-sessions: nosuch.csv: cannot read the log'
	run -2 --separate-stderr edgar-sessions -i 2 -x
	err_is 0 'edgar-sessions: -x: unknown option'
	run -0 edgar-sessions -h
	run -0 edgar-sessions -V
	[ "${output%% *}" = edgar-sessions ]
}

@test "the Hadoop Streaming recipe, its shuffle played by sort, is the single run" {
	cd "$tmp"
	# map: the request stream, pos = time * 10^9 + the line in its log
	for log in "$DATA"/*.csv; do
		edgar-parse -b -n "$log" |
		    awk -F '\t' '{ printf "%s\t%s\t%s\t%s%09d\n", $1, $2, $3, $1, $3 }'
	done >mapped
	# partition by a hash of the key; sort each by key, then time, then pos
	awk -F '\t' 'BEGIN { for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i }
	{
		h = 0
		for (i = 1; i <= length($2); i++)
			h = (h * 31 + ord[substr($2, i, 1)]) % 65521
		print >("part." h % 3)
	}' mapped
	for r in 0 1 2; do
		sort -t "$(printf '\t')" -k2,2 -k1,1n -k4,4n part.$r |
		    sessionize -g -i 600 -n 3 -p 4 -O |
		    sort -t "$(printf '\t')" -k6,6n -k8,8n >red.$r
	done
	session-merge red.0 red.1 red.2 | session-format >got
	edgar-sessions -i 600 "$DATA"/*.csv >want
	same want got
}

@test "request-split and session-merge: any bytes, no crash, whole lines out" {
	cd "$tmp"
	for seed in 1 2 3; do
		awk -v seed=$seed 'BEGIN {
			srand(seed)
			for (i = 0; i < 3000; i++) {
				n = int(rand() * 12)
				for (j = 0; j < n; j++) {
					r = rand()
					if (r < 0.3) printf "\t"
					else if (r < 0.5) printf "%d", int(rand() * 100)
					else if (r < 0.55) printf "\n"
					else printf "%c", 32 + int(rand() * 95)
				}
				printf "\n"
			}
			printf "%c%c-5\t", 0, 255
		}' >junk
		st=0
		request-split -n 3 -c 3 -l 2 -o s junk 2>err || st=$?
		[ "$st" -le 1 ]
		for s in 0 1 2; do
			[ -z "$(tail -c 1 s.$s)" ]	# ends with LF, or is empty
		done
		st=0
		session-merge junk s.0 s.1 s.2 >out 2>err || st=$?
		[ "$st" -le 1 ]
		[ -z "$(tail -c 1 out)" ]
	done
}
