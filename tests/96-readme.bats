#!/usr/bin/env bats
# Every example in README.md runs, as written there, on the challenge's log.
# Each test first checks that README.md still shows the command, so that
# the page and the test cannot drift apart.

load helpers

setup() {
	common_setup
	cp "$GOLDEN/spec.in" "$tmp/log.csv"
	cd "$tmp"
}

# readme_shows "LINE ...": README.md holds these lines, in a row, indented
# as code.
readme_shows() {
	local want got

	want=$(printf '    %s\n' "$@")
	got=$(awk -v n=$# -v first="    $1" '
	$0 == first { for (i = 0; i < n; i++) { print; if (!getline) exit } exit }
	' "$ROOT/README.md")
	[ "$got" = "$want" ] || {
		echo "README.md no longer shows:" >&2
		echo "$want" >&2
		return 1
	}
}

@test "README: the pipeline writes the challenge's output" {
	cmd='edgar-parse log.csv | sessionize -i 2 | session-format > sessionization.txt'
	readme_shows "$cmd"
	run -0 sh -c "$cmd"
	same "$GOLDEN/spec.out" sessionization.txt
}

@test "README: the ips with the most requests in sessions" {
	readme_shows 'edgar-parse log.csv | sessionize -i 600 |' \
	    "    awk -F '\\t' '{ n[\$1] += \$5 } END { for (ip in n) print n[ip], ip }' |" \
	    '    sort -rn | head'
	sh -c "edgar-parse log.csv | sessionize -i 600 |
	    awk -F '\\t' '{ n[\$1] += \$5 } END { for (ip in n) print n[ip], ip }' |
	    sort -rn | head" | sort >got
	# Every request is in one session: the counts are the log's own.
	tail -n +2 log.csv | cut -d, -f1 | sort | uniq -c |
	    awk '{ print $1, $2 }' | sort >want
	same want got
}

@test "README: an unsorted log is sorted on the request stream" {
	cmd='edgar-parse log.csv | sort -s -n -k1,1 | sessionize -i 600 | session-format'
	readme_shows "$cmd"
	# Reverse the records (the header stays first): sorting restores the
	# order of times, and -s keeps each second's records in reverse.
	{ head -n 1 "$GOLDEN/spec.in"; tail -n +2 "$GOLDEN/spec.in" | sort -r -t, -k3,3; } >log.csv
	sh -c "$cmd" >got
	sort -t, -k1,1 got >got.sorted
	printf '%s\n' \
	    '101.81.133.jja,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1' \
	    '106.120.173.jie,2017-06-30 00:00:02,2017-06-30 00:00:02,1,1' \
	    '107.178.195.aag,2017-06-30 00:00:02,2017-06-30 00:00:04,3,2' \
	    '107.23.85.jfd,2017-06-30 00:00:00,2017-06-30 00:00:03,4,4' \
	    '108.91.91.hbc,2017-06-30 00:00:01,2017-06-30 00:00:04,4,2' >want
	same want got.sorted
}

@test "README: the live feed writes sessions while the log is still open" {
	cmd='tail -n +1 -f log.csv | edgar-parse -u | sessionize -u -i 2 | session-format -u'
	readme_shows "$cmd"
	sh -c "$cmd" >out 2>err &
	bgpid=$!
	# The 00:00:03 and 00:00:04 records prove the first two sessions
	# over; tail -f never ends, so the others stay open.
	waitfor out '108.91.91.hbc,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1'
	head -n 2 "$GOLDEN/spec.out" >want
	same want out
	printf '%s\n' '9.9.9.9,2017-06-30,00:00:09,0.0,1.0,a,.htm' >>log.csv
	# 00:00:09 ends them all, in the order they ended (last request),
	# not in the end-of-input order of first requests.
	waitfor out '108.91.91.hbc,2017-06-30 00:00:04'
	head -n 2 "$GOLDEN/spec.out" >want
	printf '%s\n' \
	    '106.120.173.jie,2017-06-30 00:00:02,2017-06-30 00:00:02,1,1' \
	    '107.23.85.jfd,2017-06-30 00:00:00,2017-06-30 00:00:03,4,4' \
	    '107.178.195.aag,2017-06-30 00:00:02,2017-06-30 00:00:04,3,2' \
	    '108.91.91.hbc,2017-06-30 00:00:04,2017-06-30 00:00:04,1,1' >>want
	same want out
}

@test "README: run.sh's arguments are its usage line" {
	readme_shows './run.sh [-h | -V] [--] [log [period_file [output]]]'
	run -0 --separate-stderr "$ROOT/run.sh" -h
	[ "${lines[0]}" = 'usage: run.sh [-h | -V] [--] [log [period_file [output]]]' ]
}

@test "README: the tools by name after PATH=\$PWD/bin:\$PATH" {
	readme_shows 'PATH=$PWD/bin:$PATH'
	# a shell that has not got them on PATH yet, in the tree's root
	run -0 env -i HOME="$HOME" sh -c 'cd "$1" && PATH=/usr/bin:/bin &&
	    ! command -v edgar-parse >/dev/null && PATH=$PWD/bin:$PATH &&
	    edgar-parse "$2" | sessionize -i 2 | session-format' sh "$ROOT" "$GOLDEN/spec.in"
	printf '%s\n' "$output" >got
	same "$GOLDEN/spec.out" got
}

@test "README: days joined by zcat are one stream" {
	cmd='zcat log20170629.csv.gz log20170630.csv.gz | edgar-parse | sessionize -i 1800 | session-format'
	readme_shows "$cmd"
	# the challenge's log, and the same requests 20 minutes before
	# midnight the day before: each ip's two visits are one session
	awk -F, -v OFS=, 'NR > 1 { $2 = "2017-06-29"; sub(/^00:/, "23:", $3);
	    sub(/^23:00/, "23:40", $3) } { print }' log.csv | gzip >log20170629.csv.gz
	gzip -c log.csv >log20170630.csv.gz
	run -0 --separate-stderr sh -c "$cmd"
	no_stderr
	printf '%s\n' "$output" >got
	tail -n +2 log.csv | cut -d, -f1 | awk '!seen[$0]++' >want-ips
	cut -d, -f1 got >got-ips
	same want-ips got-ips
	awk -F, '$2 !~ /^2017-06-29 23:40/ || $3 !~ /^2017-06-30 00:00/ { exit 1 }' got
}

@test "README: lines picked by grep get the log's header with -H" {
	cmd="grep '^101\\.81\\.' log.csv | edgar-parse -H \"\$(head -n 1 log.csv)\" | sessionize -i 2 | session-format"
	readme_shows "$cmd"
	run -0 --separate-stderr sh -c "$cmd"
	no_stderr
	[ "$output" = '101.81.133.jja,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1' ]
}

@test "README: sessions of an ip and browser to midnight, with ids, CIKs and bytes" {
	cmd='edgar-parse -I -f time,ip,cik,size,browser log.csv | sessionize -i 1800 -z 0 -k 2,5 -I -d 3 -a 4 | session-format -f csv -k ip,browser -x id,ciks,bytes'
	readme_shows "$cmd"
	# a day's excerpt, and its last ip's requests again after midnight
	{
		cat "$DATA/edgar-20170630-head10k.csv"
		printf '%s\n' '9.9.9.zzz,2017-06-30,23:59:59,0.0,5.0,a,.txt,200.0,10.0,0.0,0.0,0.0,0.0,0.0,mac' \
		    '9.9.9.zzz,2017-07-01,00:00:00,0.0,5.0,a,.txt,200.0,20.0,0.0,0.0,0.0,0.0,0.0,mac' \
		    '9.9.9.zzz,2017-07-01,00:00:01,0.0,6.0,a,.txt,200.0,30.0,0.0,0.0,0.0,0.0,0.0,mac'
	} >log.csv
	run -0 --separate-stderr sh -c "$cmd"
	no_stderr
	printf '%s\n' "$output" >got
	[ "$(head -n 1 got)" = "ip,browser,first,last,duration,count,id,ciks,bytes" ]
	# midnight splits the ip's visit; the second day's has two CIKs
	grep -q '^9\.9\.9\.zzz,mac,2017-06-30 23:59:59,2017-06-30 23:59:59,1,1,[0-9]*,1,10$' got
	grep -q '^9\.9\.9\.zzz,mac,2017-07-01 00:00:00,2017-07-01 00:00:01,2,2,[0-9]*,2,50$' got
	# every request is in one session
	[ "$(awk -F, 'NR > 1 { n += $6 } END { print n }' got)" -eq \
	    "$(($(wc -l <log.csv) - 1))" ]
}

@test "README: sessions of people, without the robots" {
	cmd='edgar-parse -f time,ip,cik,code,idx,crawler log.csv | edgar-robots -p lmw | sessionize -i 1800 | session-format'
	readme_shows "$cmd"
	cp "$DATA/edgar-20170630-head10k.csv" log.csv
	run -0 sh -c "$cmd > sessions.csv"
	# The sessions hold every request the tool kept, and no other.
	edgar-parse -f time,ip,cik,code,idx,crawler log.csv | edgar-robots -p lmw |
	    wc -l >want
	awk -F, '{ n += $5 } END { print n }' sessions.csv >got
	[ "$(cat want)" -gt 0 ]
	[ "$(cat want)" -eq "$(cat got)" ]
}

@test "README: the archive's days, zipped, as one stream on two jobs" {
	cmd='edgar-sessions -j 2 -i 1800 log20170629.zip log20170630.zip > sessions.csv'
	readme_shows "$cmd"
	command -v parallel >/dev/null 2>&1 || skip "GNU parallel is not installed"
	# the challenge's log, and the same requests 20 minutes before
	# midnight the day before, each day zipped with a README as the SEC's
	awk -F, -v OFS=, 'NR > 1 { $2 = "2017-06-29"; sub(/^00:/, "23:", $3);
	    sub(/^23:00/, "23:40", $3) } { print }' log.csv >log20170629.csv
	cp log.csv log20170630.csv
	echo 'The SEC README' >README.txt
	zip -q log20170629.zip log20170629.csv README.txt
	zip -q log20170630.zip log20170630.csv README.txt
	run -0 --separate-stderr sh -c "$cmd"
	no_stderr
	cat log20170629.csv >both.csv
	tail -n +2 log20170630.csv >>both.csv
	edgar-parse both.csv | sessionize -i 1800 | session-format >want
	same want sessions.csv
	# each ip's two visits are one session, across midnight and the files
	[ "$(wc -l <sessions.csv)" -eq "$(tail -n +2 log.csv | cut -d, -f1 | sort -u | wc -l)" ]
}
