# helpers.bash: loaded by every tests/*.bats file.
#
# Fixtures are written with printf's %b escapes (\t \n \r \\ \0 \xHH; \c
# ends the text, so no line end follows), outputs are kept in files and
# compared byte for byte with cmp or diff -u.

bats_require_minimum_version 1.5.0

ROOT=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
BIN=$ROOT/bin
GOLDEN=$BATS_TEST_DIRNAME/golden
DATA=$BATS_TEST_DIRNAME/data	# excerpts of the SEC samples in ../shared/data
REF=$BATS_TEST_DIRNAME/ref	# the reference model: ref_parse, ref_sessions, ref_format

# Every test: the tools under test first on PATH, a private scratch
# directory in $tmp.
common_setup() {
	local t

	for t in edgar-parse sessionize session-format; do
		if [ ! -x "$BIN/$t" ]; then
			echo "$BIN/$t is missing: run make first" >&2
			return 1
		fi
	done
	PATH=$BIN:$PATH
	tmp=$BATS_TEST_TMPDIR
	export PATH tmp
}

# A test that starts a writer or reader in the background keeps its pid in
# bgpid (and may hold a FIFO open on fd 5): whatever the outcome, neither
# it nor its children outlive the test.
common_teardown() {
	exec 5>&- 2>/dev/null || :
	if [ -n "${bgpid-}" ]; then
		pkill -P "$bgpid" 2>/dev/null || :
		kill "$bgpid" 2>/dev/null || :
		wait "$bgpid" 2>/dev/null || :
	fi
}

# The usual setup and teardown; a file that needs more defines its own.
setup() {
	common_setup
}

teardown() {
	common_teardown
}

# put FILE TEXT: FILE holds TEXT, escapes decoded, nothing added.
put() {
	printf '%b' "$2" >"$1"
}

# lines FILE LINE...: each LINE, escapes decoded, followed by LF.
lines() {
	local f=$1 l

	shift
	: >"$f"
	for l in "$@"; do
		printf '%b\n' "$l" >>"$f"
	done
}

# csv FILE RECORD...: an EDGAR log with the usual columns, then RECORDs.
CSVHEAD='ip,date,time,cik,accession,extention'
csv() {
	local f=$1

	shift
	lines "$f" "$CSVHEAD" "$@"
}

# reqs FILE 'T:K T:K ...': a request stream, one "T<TAB>K" line per word.
reqs() {
	local w

	: >"$1"
	for w in $2; do
		printf '%s\n' "$w" | tr : '\t' >>"$1"
	done
}

# save FILE CMD [ARG...]: CMD with its standard output in FILE, for
# `run save ...`, so that bytes are compared from files, not $output.
save() {
	local f=$1

	shift
	"$@" >"$f"
}

# same WANT GOT: the files are identical (shows a diff when not).
same() {
	if ! cmp -s "$1" "$2"; then
		diff -u "$1" "$2" | head -n 60 | cat -A >&2
		return 1
	fi
}

# err_is N TEXT: line N (from 0) of $stderr, after `run --separate-stderr`,
# is exactly TEXT.
err_is() {
	if [ "${stderr_lines[$1]-<no such line>}" != "$2" ]; then
		printf 'stderr line %s\n  want: %s\n  got:  %s\nwhole stderr:\n%s\n' \
		    "$1" "$2" "${stderr_lines[$1]-<no such line>}" "$stderr" >&2
		return 1
	fi
}

# err_lines N: $stderr has exactly N lines.
err_lines() {
	if [ "${#stderr_lines[@]}" -ne "$1" ]; then
		printf 'want %s lines of stderr, got %s:\n%s\n' "$1" \
		    "${#stderr_lines[@]}" "$stderr" >&2
		return 1
	fi
}

# no_stderr: nothing was written on stderr.
no_stderr() {
	if [ -n "$stderr" ]; then
		printf 'unexpected stderr:\n%s\n' "$stderr" >&2
		return 1
	fi
}

# empty FILE: FILE exists and has no bytes.
empty() {
	if [ ! -f "$1" ] || [ -s "$1" ]; then
		echo "$1: expected an empty file, got:" >&2
		cat -A "$1" >&2
		return 1
	fi
}

# waitfor FILE PATTERN: wait (at most 20 s) until FILE has a line that
# contains the fixed string PATTERN.
waitfor() {
	local i=0

	while ! grep -qF -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 200 ]; then
			echo "waited 20 s for \"$2\" in $1" >&2
			return 1
		fi
		sleep 0.1
	done
}

# A table of cases, one a line, read from stdin: "INPUT => WANT".
# Blank lines and lines starting with # are skipped.  INPUT and WANT are
# decoded as by put.  Each runner reports every failing case, then fails.
#
# table_split LINE: sets $in and $want; "INPUT =>" means WANT is empty.
table_split() {
	in=${1%% =>*}
	want=${1#* =>}
	want=${want# }
}

table_fail() {
	bad=$((bad + 1))
	{
		printf '\ncase: %s\n' "$1"
		shift
		printf '%s\n' "$@"
	} >&2
}

# table_clean CASE CMD...: CMD must exit 0, say nothing on stderr and write
# exactly $tmp/want; otherwise the case fails, with what it did.
table_clean() {
	local case=$1 st=0

	shift
	"$@" >"$tmp/got" 2>"$tmp/err" || st=$?
	if [ $st -ne 0 ] || [ -s "$tmp/err" ] ||
	    ! cmp -s "$tmp/want" "$tmp/got"; then
		table_fail "$case" "exit $st" "want:" "$(cat -A "$tmp/want")" \
		    "got:" "$(cat -A "$tmp/got")" "stderr:" "$(cat "$tmp/err")"
	fi
}

table_end() {
	if [ "$n" -eq 0 ]; then
		echo "empty table" >&2
		return 1
	fi
	[ "$bad" -eq 0 ]
}

# parse_cases HEADER [OPTION...]: INPUT is the records after HEADER (or the
# whole file if HEADER is -), then LF unless INPUT ends in \c; WANT is the
# request stream, one LF-ended line per \n-separated part, or nothing.
# edgar-parse must exit 0 with nothing on stderr.
parse_cases() {
	local header=$1 line in want n=0 bad=0

	shift
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		{
			[ "$header" = - ] || printf '%s\n' "$header"
			printf '%b\n' "$in"
		} >"$tmp/in.csv"
		if [ -n "$want" ]; then printf '%b\n' "$want"; fi >"$tmp/want"
		table_clean "$line" edgar-parse "$@" "$tmp/in.csv"
	done
	table_end
}

# tool_reject_cases STATUS TOOL [OPTION...]: INPUT is the whole of in.txt
# (LF added unless \c), WANT the exact first line of stderr; TOOL must exit
# STATUS and, for status 1, write nothing on stdout and end stderr with
# "TOOL: 1 record rejected".  With casefile and casehead set, the input is
# written to that file, after that header line.
tool_reject_cases() {
	local want_st=$1 tool=$2 line in want n=0 bad=0 st first last
	local file=${casefile:-in.txt}

	shift 2
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		{
			[ -z "${casehead-}" ] || printf '%s\n' "$casehead"
			printf '%b\n' "$in"
		} >"$tmp/$file"
		st=0
		(cd "$tmp" && "$tool" "$@" "$file" >got 2>err) || st=$?
		first=$(head -n 1 "$tmp/err")
		last=$(tail -n 1 "$tmp/err")
		if [ $st -ne "$want_st" ] || [ "$first" != "$want" ] ||
		    { [ "$want_st" -eq 1 ] && { [ -s "$tmp/got" ] ||
		    [ "$last" != "$tool: 1 record rejected" ]; }; }; then
			table_fail "$line" "exit $st (want $want_st)" \
			    "want: $want" "stderr:" "$(cat "$tmp/err")" \
			    "stdout:" "$(cat -A "$tmp/got")"
		fi
	done
	table_end
}

# parse_reject_cases HEADER: as tool_reject_cases 1 edgar-parse, with
# HEADER (or none if -) before INPUT in in.csv.
parse_reject_cases() {
	local head=$1

	[ "$head" != - ] || head=
	casefile=in.csv casehead=$head tool_reject_cases 1 edgar-parse
}

# session_cases [OPTION...]: sessionize cases in a short notation: INPUT is
# requests "time:key ...", WANT sessions "key:first:last:duration:count ...",
# both written one per line with ':' for TAB.  Exit 0, empty stderr.
session_cases() {
	local line in want n=0 bad=0

	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		reqs "$tmp/in.tsv" "$in"
		reqs "$tmp/want" "$want"
		table_clean "$line" sessionize "$@" "$tmp/in.tsv"
	done
	table_end
}

# period_cases: run.sh on the SPEC's log with a period file of INPUT's
# bytes (decoded, nothing added); WANT is OK (exit 0, nothing on stderr,
# the SPEC's output) or the exact first line of stderr, with exit 2 and no
# output made.
period_cases() {
	local line in want n=0 bad=0 st

	mkdir -p "$tmp/period" && cd "$tmp/period" || return 1
	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		put per "$in"
		rm -f out.txt
		st=0
		"$ROOT/run.sh" "$GOLDEN/spec.in" per out.txt >stdout 2>err || st=$?
		if [ "$want" = OK ]; then
			if [ $st -ne 0 ] || [ -s err ] ||
			    ! cmp -s "$GOLDEN/spec.out" out.txt; then
				table_fail "$line" "exit $st (want 0)" "stderr:" \
				    "$(cat err)"
			fi
		elif [ $st -ne 2 ] || [ "$(head -n 1 err)" != "$want" ] ||
		    [ -e out.txt ]; then
			table_fail "$line" "exit $st (want 2)" "want: $want" \
			    "stderr:" "$(cat err)"
		fi
	done
	table_end
}

# format_cases [OPTION...]: INPUT is one session line (decoded), WANT the
# exact output of session-format (decoded, LF added).  Exit 0, no stderr.
format_cases() {
	local line in want n=0 bad=0

	while IFS= read -r line; do
		case $line in '' | '#'*) continue ;; esac
		n=$((n + 1))
		table_split "$line"
		printf '%b\n' "$in" >"$tmp/in.tsv"
		printf '%b\n' "$want" >"$tmp/want"
		table_clean "$line" session-format "$@" "$tmp/in.tsv"
	done
	table_end
}

# The man pages' examples (95-examples, 97-recipes).  In a page's source,
# every line of a literal display (.Bd -literal ... .Ed) that starts with
# "$ " is a command, and the lines after it, up to the next command or the
# end of the display, are its output.
#
# split_examples PAGE DIR: split the examples of PAGE into DIR/N.cmd and
# DIR/N.exp, N from 1, and write their number to DIR/count.  The roff
# escapes \& and \e are undone.
split_examples() {
	mkdir -p "$2"
	sed -e 's/\\&//g' -e 's/\\e/\\/g' "$ROOT/man/$1" | awk -v dir="$2" '
	/^\.Bd -literal/ { lit = 1; next }
	/^\.Ed/ { lit = 0; if (out != "") close(out); out = ""; next }
	!lit { next }
	/^\$ / {
		if (out != "")
			close(out)
		n++
		cmd = dir "/" n ".cmd"
		print substr($0, 3) > cmd
		close(cmd)
		out = dir "/" n ".exp"
		printf "" > out
		next
	}
	out != "" { print > out }
	END { print n + 0 > (dir "/count") }'
}

# visits_log: the small log of edgar-toolkit(7)'s per-session recipe: two
# ips, a session of four requests over three documents of two companies,
# sessions broken by gaps of more than 30 minutes, a request with no cik.
visits_log() {
	cat <<'EOF'
ip,date,time,cik,accession,size,idx
1.2.3.aaa,2017-06-30,10:00:00,1608552.0,0001047469-17-004337,80251.0,1.0
1.2.3.aaa,2017-06-30,10:00:05,1608552.0,0001047469-17-004337,5000.0,0.0
1.2.3.aaa,2017-06-30,10:10:00,1608552.0,0001047469-17-004338,7000.0,0.0
5.6.7.bbb,2017-06-30,10:20:00,1027281.0,0000898430-02-001167,2825.0,1.0
1.2.3.aaa,2017-06-30,10:20:01,841535.0,0000841535-98-000002,100.0,0.0
1.2.3.aaa,2017-06-30,11:00:00,841535.0,0000841535-98-000002,100.0,0.0
5.6.7.bbb,2017-06-30,11:00:01,,,0.0,0.0
EOF
}

# research_log: the small log of edgar-toolkit(7)'s recipes for
# researchers: two days, an ip on both, cik 1608552 as a float and as an
# integer, an empty cik, a quoted extention with a comma before the code,
# idx and crawler columns, and requests flagged as index pages, a
# redirection (301) and a robot's (crawler 1, status 200), each the only
# reason its request is out of the firm-day.
research_log() {
	cat <<'EOF'
ip,date,time,cik,extention,code,idx,crawler
9.9.9.ddd,2017-06-30,12:00:00,1608552.0,.txt,200.0,0.0,1.0
1.2.3.aaa,2017-06-30,23:59:58,1608552.0,-index.htm,200.0,1.0,0.0
1.2.3.aaa,2017-06-30,23:59:59,1608552,.txt,200,0,0
5.6.7.bbb,2017-06-30,23:59:59,,,200.0,0.0,0.0
5.6.7.bbb,2017-07-01,00:00:00,1027281.0,"a,b.htm",200.0,0.0,0.0
1.2.3.aaa,2017-07-01,00:00:01,1608552.0,.txt,301.0,0.0,0.0
1.2.3.aaa,2017-07-01,00:00:02,841535.0,.txt,200.0,0.0,0.0
10.0.0.ccc,2017-07-01,00:00:03,1608552.0,.txt,200.0,0.0,0.0
5.6.7.bbb,2017-07-01,00:00:04,1027281.0,-index.htm,200.0,1.0,0.0
1.2.3.aaa,2017-07-01,00:00:05,1608552.0,.txt,200.0,0.0,0.0
EOF
}

# The reference model: tests/ref/*.awk, written from SPEC.md alone (see
# tests/ref/README.md).  Every test that checks a tool against a model uses
# these, and no other model.
#
# ref_parse [-v brief=1] [LOG...]: the request stream of an EDGAR log.
ref_parse() {
	awk -f "$REF/civil.awk" -f "$REF/parse.awk" "$@"
}

# ref_sessions P [ORDER [FILE...]]: the session stream of a request stream
# in time order (FILEs, or stdin), ORDER end (the default) or detect, as
# sessionize -i P -o ORDER writes it.  A stream out of time order is
# refused (exit 2): the model has no lateness (80-property checks -l
# against its clamp instead).
ref_sessions() {
	local p=$1 order=${2:-end}

	shift $(($# < 2 ? $# : 2))
	awk -f "$REF/sessions.awk" -v P="$p" -v order="$order" "$@"
}

# ref_format [FILE...]: a session stream as session-format writes it.
ref_format() {
	awk -f "$REF/civil.awk" -f "$REF/format.awk" "$@"
}

# Long runs.  make test runs the suite fast; make test-long sets TEST_LONG
# (and PROPERTY_N=300 for tests/80-property.bats) and runs the files that
# have long parts.
#
# is_long: true under make test-long.
is_long() {
	[ -n "${TEST_LONG-}" ]
}

# long_test: the rest of the test runs only under make test-long.
long_test() {
	is_long || skip "long: make test-long runs it"
}
