#!/usr/bin/env bats
# Memory exhausted: a clear message, status 2, whole lines only, no crash.
# The address space is limited with ulimit -v, which AddressSanitizer's
# shadow memory cannot live with: under make test-asan these tests say so
# and stop; the plain suite runs them.

load helpers

setup() {
	common_setup
	if grep -q __asan "$BIN/edgar-parse"; then
		skip "ulimit -v and AddressSanitizer do not mix (run by make test)"
	fi
}

@test "memory: a record larger than memory allows is fatal, the lines before it whole" {
	run -2 --separate-stderr sh -c '
	ulimit -v 60000
	{
		printf "ip,date,time\n1.2.3.a,2017-06-30,00:00:00\n"
		head -c 100000000 /dev/zero | tr "\0" a
	} | edgar-parse -b >"$1"' sh "$tmp/out"
	[[ ${stderr_lines[0]} == "edgar-parse: out of memory (asked for "*" bytes)" ]]
	printf '1498780800\t1.2.3.a\n' >"$tmp/want"
	same "$tmp/want" "$tmp/out"
}

@test "memory: more open sessions than memory allows is fatal, whole lines written" {
	run -2 --separate-stderr sh -c '
	ulimit -v 60000
	awk "BEGIN {
		print 0 \"\tfirst\"
		for (i = 0; i < 3000000; i++)
			printf \"%d\tkey-%d\n\", 1000000000 + i, i
	}" | sessionize -i 100000000 >"$1"' sh "$tmp/out"
	[[ ${stderr_lines[0]} == "sessionize: out of memory (asked for "*" bytes)" ]]
	# Sessions that ended before memory ran out are written, whole.
	[ "$(head -n 1 "$tmp/out")" = "$(printf 'first\t0\t0\t1\t1')" ]
	awk -F '\t' 'NF != 5 || $4 != $3 - $2 + 1 { exit 1 }' "$tmp/out"
	[ "$(tail -c 1 "$tmp/out" | od -An -c | tr -d ' ')" = '\n' ]
}

# Regression: one stray quote made the rest of the log one record, held
# in memory whole (200 MB here); with the line limit the reader holds at
# most 100 lines of it, and every later record is used.
@test "memory: a stray quote in a big log is bounded by the line limit" {
	awk 'BEGIN {
		pad = sprintf("%1000s", ""); gsub(/ /, "x", pad)
		print "ip,date,time,cik,accession,extention"
		print "\"a,2017-06-30,00:00:00,1,acc,.txt"
		for (i = 0; i < 200000; i++)
			print "b,2017-06-30,00:00:01,1,acc," pad
	}' >"$tmp/log.csv"
	run -1 --separate-stderr sh -c 'ulimit -v 60000; edgar-parse -b "$1" >"$2"' \
	    sh "$tmp/log.csv" "$tmp/out"
	err_is 0 "edgar-parse: $tmp/log.csv:2: unterminated quote (not closed within 100 lines, the limit -q sets; this line alone is rejected)"
	[ "$(wc -l <"$tmp/out")" -eq 200000 ]
}
