#!/usr/bin/env bats
# Memory exhausted: a clear message, status 2, whole lines only, no crash.
# The address space is limited with ulimit -v, which AddressSanitizer's
# shadow memory cannot live with: under make test-asan these two tests say
# so and stop; the plain suite runs them.

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
