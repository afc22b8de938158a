#!/usr/bin/env bats
# The fuzz harnesses' seeds (tests/fuzz/corpus/) and saved crashes
# (tests/fuzz/regress/NAME-WHAT) replayed through the real tools:
# edgar-parse on the csv inputs, sessionize -i 5 on the request inputs,
# session-format on the unescape inputs.  Whatever the bytes, a tool exits
# 0, 1 or 2 (never by a signal), reports no sanitizer error (this file runs
# under make test-asan too), ends its output with a line end and writes
# only well-formed lines.  Then the named cases of bugs fuzzing found, and
# the fuzz targets themselves on the same files when make fuzz built them.

# The awk programs are in single quotes: their $ are awk's.
# shellcheck disable=SC2016

load helpers

FUZZ=$BATS_TEST_DIRNAME/fuzz

# inputs NAME: the seeds of corpus/NAME, then the saved crashes NAME-*.
inputs() {
	local f

	for f in "$FUZZ/corpus/$1"/* "$FUZZ/regress/$1"-*; do
		[ -f "$f" ] && printf '%s\n' "$f"
	done
	return 0
}

# replay FILE TOOL [ARG...]: TOOL's output on FILE in $tmp/out and $tmp/err;
# fails on a status above 2, a sanitizer report or an unended last line.
replay() {
	local f=$1 st=0

	shift
	"$@" "$f" </dev/null >"$tmp/out" 2>"$tmp/err" || st=$?
	what="$* ${f#"$FUZZ"/}"
	if [ "$st" -gt 2 ]; then
		echo "$what: exit status $st"
		return 1
	fi
	# anchored: a tool's own messages start with its name and may quote
	# any text of the input
	if grep -q -E -e '^==[0-9]+==ERROR' -e '^SUMMARY: [A-Za-z]*Sanitizer' \
	    -e '^[^ :]+:[0-9]+:[0-9]+: runtime error:' "$tmp/err"; then
		echo "$what: sanitizer report:"
		cat "$tmp/err"
		return 1
	fi
	if [ -s "$tmp/out" ] &&
	    [ "$(tail -c 1 "$tmp/out" | od -An -tx1 | tr -d ' ')" != 0a ]; then
		echo "$what: the output ends without a line end"
		return 1
	fi
}

# wellformed AWKPROGRAM: $tmp/out (NUL bytes dropped) passes the program,
# which calls bad(why) for what is wrong.  The patterns below are in the
# environment, for the programs to match as ENVIRON["NAME"].
wellformed() {
	tr -d '\000' <"$tmp/out" | LC_ALL=C awk -F '\t' -v what="$what" '
	function bad(why) {
		print what ": line " NR ": " why ": " $0
		st = 1
	}
	'"$1"'
	END { exit st }'
}

# an integer; an escaped text field (\t \n \r \\, no other backslash)
export INT='^-?[0-9]+$' ESCAPED='^([^\\]|\\[tnr\\])*$'
# a readable time, its year as long as needed
DT='-?[0-9][0-9][0-9][0-9]+-[01][0-9]-[0-3][0-9]'
DT="$DT [0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
export TIME="^$DT\$"
# a JSON string, and the session-format -f json line
S='"([^"\\]|\\(["\\/bfnrt]|u[0-9a-f][0-9a-f][0-9a-f][0-9a-f]))*"'
JSON="^[{]\"ip\":$S,\"first\":\"$DT\",\"last\":\"$DT\","
export JSON="$JSON\"duration\":[0-9]+,\"count\":[0-9]+[}]\$"
# the insight line: the key quoted (RFC 4180) or free of , " and CR
export INSIGHT="^([^,\"\\r]+|\"([^\"]|\"\")*\"),$DT,$DT,[0-9]+,[0-9]+\$"

@test "fuzz replay: edgar-parse on every csv seed and crash" {
	local f

	while IFS= read -r f; do
		replay "$f" edgar-parse
		wellformed '
		NF != 5 { bad("not 5 fields"); next }
		$1 !~ ENVIRON["INT"] { bad("time not an integer") }
		$2 == "" { bad("empty ip") }
		{
			for (i = 2; i <= 5; i++)
				if ($i !~ ENVIRON["ESCAPED"])
					bad("bad escape")
		}'
		replay "$f" edgar-parse -b
		wellformed '
		NF != 2 || $1 !~ ENVIRON["INT"] || $2 == "" ||
		    $2 !~ ENVIRON["ESCAPED"] { bad("not time TAB ip") }'
	done < <(inputs csv)
}

@test "fuzz replay: sessionize -i 5 on every request seed and crash" {
	local f

	while IFS= read -r f; do
		replay "$f" sessionize -i 5
		wellformed '
		NF != 5 || $1 == "" { bad("not 5 fields with a key"); next }
		$2 !~ ENVIRON["INT"] || $3 !~ ENVIRON["INT"] ||
		    $4 !~ ENVIRON["INT"] || $5 !~ ENVIRON["INT"] {
			bad("not integers"); next
		}
		$3 < $2 || $5 < 1 { bad("last before first, or no request") }
		# exact in a double below 2^53
		length($2) < 16 && length($3) < 16 && $4 != $3 - $2 + 1 {
			bad("duration is not last - first + 1")
		}'
	done < <(inputs request)
}

@test "fuzz replay: sessionize -d and -a on every request seed, and random bytes among good lines" {
	local f opts

	reqs "$tmp/good" '0:a 1:b 1:a 2:c 3:a 9:b 9:b 20:a'
	{
		awk -v OFS='\t' '{ print $0, NR % 3, NR ".0", "x" NR % 2 }' \
		    "$tmp/good"
		head -c 20000 /dev/urandom
		printf '\n30\ta\t1\t2\t3\n'
		head -c 3000 /dev/urandom | tr '\000-\037' '\t\t\t\t\t\t\t\t\t\t\n'
		printf '\n'
	} >"$tmp/noise"
	for opts in "-d 3 -a 4 -d 5" "-M 3 -z 0 -d 2 -a 1" "-I -O -d 3"; do
		{ inputs request; echo "$tmp/noise"; } | while IFS= read -r f; do
			# shellcheck disable=SC2086
			replay "$f" sessionize -i 5 $opts
			# the key, four counts, then integers only
			wellformed '
			$1 == "" { bad("no key"); next }
			{ for (i = 2; i <= NF; i++) if ($i !~ ENVIRON["INT"]) {
				bad("field " i " not an integer"); next } }'
		done
	done
}

@test "fuzz replay: session-format on every unescape seed and crash" {
	local f

	while IFS= read -r f; do
		replay "$f" session-format -f tsv
		wellformed '
		NF != 5 || $1 == "" || $1 !~ ENVIRON["ESCAPED"] {
			bad("bad key")
		}
		$2 !~ ENVIRON["TIME"] || $3 !~ ENVIRON["TIME"] {
			bad("bad time")
		}
		$4 !~ /^[0-9]+$/ || $5 !~ /^[0-9]+$/ { bad("bad count") }'
		replay "$f" session-format -f json
		wellformed '
		/[\001-\037]/ { bad("control byte") }
		$0 !~ ENVIRON["JSON"] { bad("not a session object") }'
		iconv -f UTF-8 -t UTF-8 "$tmp/out" >/dev/null
		# insight: a quoted key may hold line ends, so lines are joined
		# until their quotes balance
		replay "$f" session-format
		wellformed '
		{ rec = open ? rec "\n" $0 : $0; t = rec }
		gsub(/"/, "", t) % 2 == 1 { open = 1; next }
		{ open = 0 }
		rec !~ ENVIRON["INSIGHT"] {
			bad("not key,first,last,duration,count")
		}
		END { if (open) bad("unterminated quote") }'
	done < <(inputs unescape)
}

# Found by fuzz-csv: when the first field a quoted record keeps is empty,
# save() in lib/csv.c adds 0 to the scratch buffer while it is still NULL
# and passes that to memcpy (UBSan: "applying zero offset to null
# pointer", then "null pointer passed as argument 1"), and the field's
# pointer is left NULL.  The output is right; only make test-asan and
# make fuzz see the fault.
@test "regress: csv-empty-quoted-field-null-scratch (edgar-parse)" {
	replay "$FUZZ/regress/csv-empty-quoted-field-null-scratch" edgar-parse
	printf '1498780800\ta\t\t\t\n' >"$tmp/expected"
	cmp "$tmp/expected" "$tmp/out"
	[ ! -s "$tmp/err" ]
}

# Found by fuzz-request: req_parse's fast path for time and key in columns
# 1 and 2 remembers the last time text converted; its length started at 0
# and was reset to 0 after a bad time, so an empty time field matched it
# and got the remembered value (0 at the start, else the last good time)
# instead of being rejected.  Fixed in 61ead65 (REQ_NOTIME).
@test "regress: request-empty-time-reuses-cached-time (sessionize)" {
	local st=0

	printf '\tk\n' >"$tmp/in"
	sessionize -i 5 "$tmp/in" >"$tmp/out" 2>"$tmp/err" || st=$?
	[ "$st" -eq 1 ]
	[ ! -s "$tmp/out" ]
	st=0
	printf '100\ta\nx\tb\n\tc\n' >"$tmp/in"
	sessionize -i 5 "$tmp/in" >"$tmp/out" 2>"$tmp/err" || st=$?
	printf 'a\t100\t100\t1\t1\n' >"$tmp/expected"
	cmp "$tmp/expected" "$tmp/out"
	[ "$st" -eq 1 ]
	grep -q '2 records rejected' "$tmp/err"
}

# Found replaying the request seeds under ASan/UBSan: with no session at
# all, sessionize's finish() called qsort(NULL, 0, ...), which UBSan
# reports ("null pointer passed as argument 1") and -fno-sanitize-recover
# turns into exit status 1 under make test-asan.  Gone since 3538536 sorts
# up to 32 ended sessions by insertion (qsort only sees more).
@test "regress: sessionize with no session at all (empty input, all rejected)" {
	local st=0

	: >"$tmp/in"
	replay "$tmp/in" sessionize -i 5
	[ ! -s "$tmp/out" ]
	[ ! -s "$tmp/err" ]
	sessionize -i 5 "$tmp/in" || st=$?
	[ "$st" -eq 0 ]
	printf 'x\n' >"$tmp/in"
	replay "$tmp/in" sessionize -i 5
	[ ! -s "$tmp/out" ]
}
