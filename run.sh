#!/bin/sh
# run.sh [LOG [PERIOD_FILE [OUTPUT]]]: the reference pipeline,
#	edgar-parse LOG | sessionize -i PERIOD | session-format > OUTPUT
# Exits with the worst status of its stages: 0 all records used, 1 some
# rejected (see stderr), 2 usage or fatal error.
set -u
log=${1:-input/log.csv}
periodfile=${2:-input/inactivity_period.txt}
out=${3:-output/sessionization.txt}
me=run.sh

fail() {
	echo "$me: $*" >&2
	exit 2
}

if [ $# -gt 3 ]; then
	echo "usage: $me [log [period_file [output]]]" >&2
	exit 2
fi

# Use the tools built next to this script, (re)building them if need be;
# a copy of run.sh alone uses the tools on PATH.
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
here=$(cd "$here" && pwd) || fail "cannot find my own directory"
if [ -f "$here/Makefile" ] && [ -d "$here/cmd" ]; then
	if command -v make >/dev/null 2>&1; then
		# silent when they are up to date; never a stale build
		(cd "$here" && make -s >&2) || fail "building the tools failed"
	fi
	PATH=$here/bin:$PATH
fi
for tool in edgar-parse sessionize session-format; do
	command -v "$tool" >/dev/null 2>&1 ||
	    fail "$tool not found: run make, or put the tools on PATH"
done

[ -r "$periodfile" ] || fail "$periodfile: cannot read the inactivity period"
# One integer, white space (CRs of a DOS line end included) around it.
set -f
# shellcheck disable=SC2046
set -- $(tr '\r' ' ' <"$periodfile")
set +f
[ $# -gt 0 ] || fail "$periodfile: empty: expected the inactivity period in seconds"
[ $# -eq 1 ] ||
    fail "$periodfile: expected one integer (seconds), found $# words"
period=$1
case $period in
*[!0-9]*) bad=1 ;;
*[1-9]*) bad= ;;
*) bad=1 ;;
esac
[ -z "$bad" ] ||
    fail "$periodfile: the inactivity period '$period' is not a positive integer"
sessionize -i "$period" </dev/null >/dev/null 2>&1 ||
    fail "$periodfile: the inactivity period '$period' is too large"
[ -r "$log" ] || [ "$log" = - ] || fail "$log: cannot read the log"

case $out in
*/*) outdir=${out%/*} ;;
*) outdir=. ;;
esac
[ -d "${outdir:-/}" ] || mkdir -p "$outdir" ||
    fail "$outdir: cannot create the output directory"

# POSIX sh has no pipefail: each stage reports its status on descriptor 3,
# which leads to the command substitution (the tools themselves get it
# closed), so no temporary file is needed.
statuses=$(
	{
		{ edgar-parse -b "$log" 3>&-; echo "parse $?" >&3; } |
		    { sessionize -i "$period" 3>&-; echo "sessionize $?" >&3; } |
		    { session-format 3>&-; echo "format $?" >&3; } >"$out"
	} 3>&1
)
case $statuses in
*format*) ;;
*) fail "$out: cannot write the output" ;;
esac

# The worst of them; a stage that did not report (killed) counts as 2.
worst=0
for stage in parse sessionize format; do
	st=2
	last=
	for word in $statuses; do
		case $last in
		"$stage") st=$word ;;
		esac
		last=$word
	done
	[ "$st" -gt 2 ] && st=2
	[ "$st" -gt "$worst" ] && worst=$st
done
exit "$worst"
