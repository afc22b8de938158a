#!/bin/sh
# run_tests.sh: the challenge's own test layout. For every directory
# tests/NAME holding input/log.csv, input/inactivity_period.txt and
# output/sessionization.txt, copy the input into a scratch directory, run
# ../run.sh there with no arguments and compare what it wrote with the
# expected file, byte for byte.
#
#	sh insight_testsuites/run_tests.sh [NAME ...]
#
# Prints [PASS]: NAME or [FAIL]: NAME (then a diff and run.sh's stderr),
# then "N of M tests passed". Exits 0 only if every case passed.
# Works from any directory; leaves nothing behind.
set -u

me=run_tests.sh
here=$(cd "$(dirname "$0")" && pwd) || exit 2
runsh=$(cd "$here/.." && pwd)/run.sh
[ -f "$runsh" ] || { echo "$me: $runsh: not found" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/insight.XXXXXX") ||
    { echo "$me: cannot make a temporary directory" >&2; exit 2; }
trap 'rm -rf "$scratch"' EXIT
trap 'exit 2' HUP INT TERM

if [ $# -eq 0 ]; then
	set --
	for dir in "$here"/tests/*/; do
		[ -d "$dir" ] || continue
		dir=${dir%/}
		set -- "$@" "${dir##*/}"
	done
fi

total=0
passed=0
for name do
	case=$here/tests/$name
	total=$((total + 1))
	work=$scratch/$total
	mkdir -p "$work/output" || exit 2
	if [ ! -d "$case/input" ] || [ ! -f "$case/output/sessionization.txt" ]; then
		echo "[FAIL]: $name (no input/ or no output/sessionization.txt)"
		continue
	fi
	cp -R "$case/input" "$work/input" || exit 2
	(cd "$work" && sh "$runsh" >"$work/stdout" 2>"$work/stderr")
	if [ -f "$work/output/sessionization.txt" ] &&
	    cmp -s "$case/output/sessionization.txt" "$work/output/sessionization.txt"
	then
		echo "[PASS]: $name"
		passed=$((passed + 1))
	else
		echo "[FAIL]: $name"
		if [ -f "$work/output/sessionization.txt" ]; then
			diff -u "$case/output/sessionization.txt" \
			    "$work/output/sessionization.txt"
		else
			echo "(run.sh wrote no output/sessionization.txt)"
		fi
		if [ -s "$work/stderr" ]; then
			echo "run.sh's stderr:"
			sed 's/^/	/' "$work/stderr"
		fi
	fi
	rm -rf "$work"
done

echo "$passed of $total tests passed"
[ "$passed" -eq "$total" ] && [ "$total" -gt 0 ]
