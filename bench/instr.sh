#!/bin/sh
# bench/instr.sh [BINDIR]: instructions per record of each tool, counted by
# valgrind's callgrind (repeatable, unlike seconds, whatever else the
# machine is doing), on a generated log of $N records (200000).  BINDIR
# (default bin) lets a build of another commit be counted the same way.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-bin}
N=${N:-200000}
P=${P:-600}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/instr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x bench/gen ] || { echo "instr.sh: no bench/gen: make bench/gen" >&2; exit 2; }
bench/gen -n "$N" -s 1 >"$tmp/log.csv"
"$bin/edgar-parse" "$tmp/log.csv" >"$tmp/req"
"$bin/edgar-parse" -b "$tmp/log.csv" >"$tmp/reqb"
"$bin/sessionize" -i "$P" "$tmp/reqb" >"$tmp/sess"
nsess=$(wc -l <"$tmp/sess")

# count LABEL RECORDS CMD...: instructions per record of CMD
count() {
	label=$1 records=$2
	shift 2
	ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
	    2>&1 >/dev/null | sed -n 's/.*Collected : *//p')
	awk -v l="$label" -v ir="$ir" -v n="$records" \
	    'BEGIN { printf "%-28s %12d %8.1f\n", l, ir, ir / n }'
}

printf '%-28s %12s %8s\n' "$bin ($N records, $nsess sessions)" instructions per-rec
count "edgar-parse" "$N" "$bin/edgar-parse" "$tmp/log.csv"
count "edgar-parse -b" "$N" "$bin/edgar-parse" -b "$tmp/log.csv"
count "sessionize -i $P (-b stream)" "$N" "$bin/sessionize" -i "$P" "$tmp/reqb"
count "sessionize -i $P (full)" "$N" "$bin/sessionize" -i "$P" "$tmp/req"
count "session-format" "$nsess" "$bin/session-format" "$tmp/sess"
count "session-format -f json" "$nsess" "$bin/session-format" -f json "$tmp/sess"
