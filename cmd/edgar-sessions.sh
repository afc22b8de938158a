#!/bin/sh
# edgar-sessions -i SECONDS [-j JOBS] [-S LOGINS] [-o end|detect] [-f FORMAT]
#	[-l SECONDS] [-M SECONDS] [-z HOURS] [log ...]: the sessions of EDGAR logs (CSV, .gz, .zip),
# read as one stream in the order given, on one core, on many, or on many
# hosts through GNU parallel; the output is the same in every case.  See
# edgar-sessions(1).
set -u
me=edgar-sessions
usage="usage: $me -i seconds [-hV] [-f format] [-j jobs] [-l seconds] [-M seconds] [-o end | detect] [-S logins] [-z hours] [--] [log ...]"
# How often GNU parallel runs a failed job again (on another host if any).
retries=${EDGAR_SESSIONS_RETRIES:-3}

# shown TEXT: TEXT with every byte that is not printable ASCII, and the
# backslash, written \xHH, as the tools show data in their messages.
shown() {
	printf '%s' "$1" | od -An -v -tu1 | awk '{
		for (i = 1; i <= NF; i++)
			printf ($i >= 32 && $i < 127 && $i != 92) ? "%c" : "\\x%02x", $i
	}'
}

die() {
	printf '%s\n' "$me: $1" >&2
	exit 2
}

usage_error() {
	printf '%s\n%s\n' "$me: $1" "$usage" >&2
	exit 2
}

# The private temporary directory, removed on every way out; on HUP, INT,
# TERM or PIPE the jobs (GNU parallel and what it runs) are stopped first,
# then the script dies of the same signal.
tmp=
job=
# shellcheck disable=SC2317 # (called from traps)
cleanup() {
	[ -z "$tmp" ] || rm -rf -- "$tmp"
	tmp=
}

# Every process below this shell (ps -A -o pid,ppid is POSIX).
# shellcheck disable=SC2317
stop_children() {
	kids=$(ps -A -o pid= -o ppid= 2>/dev/null | awk -v root=$$ '
	{ parent[$1] = $2 }
	END {
		for (p in parent)
			for (q = parent[p]; q > 1; q = parent[q])
				if (q == root) {
					print p
					break
				}
	}')
	# shellcheck disable=SC2086
	[ -z "$kids" ] || kill -s TERM $kids 2>/dev/null
	[ -z "$job" ] || kill -s TERM "$job" 2>/dev/null
}

# shellcheck disable=SC2317
on_signal() {
	trap '' HUP INT TERM PIPE
	stop_children
	cleanup
	trap - EXIT HUP INT TERM PIPE
	kill -s "$1" $$
	exit 2
}

trap cleanup EXIT
trap 'on_signal HUP' HUP
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal PIPE' PIPE

# isnum TEXT: TEXT is a decimal integer of 1 to 18 digits.
isnum() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
	[ ${#1} -le 18 ]
}

period=
jobs=
logins=
order=end
format=
lateness=
maxlen=
zone=
while getopts ':f:hi:j:l:M:o:S:Vz:' opt; do
	case $opt in
	f) format=$OPTARG ;;
	h)
		printf '%s\n' "$usage"
		exit 0
		;;
	i) period=$OPTARG ;;
	j) jobs=$OPTARG ;;
	l) lateness=$OPTARG ;;
	M) maxlen=$OPTARG ;;
	o) order=$OPTARG ;;
	S) logins=$OPTARG ;;
	V) version=1 ;;
	z) zone=$OPTARG ;;
	:) usage_error "-$OPTARG needs an argument" ;;
	*) usage_error "-$(shown "$OPTARG"): unknown option" ;;
	esac
done
shift $((OPTIND - 1))

# The tools beside this script come first (bin/ of the source tree, or
# where make install put them all).
case $0 in
*/*) here=${0%/*} ;;
*) here= ;;
esac
if [ -n "$here" ] && [ -x "$here/edgar-parse" ]; then
	here=$(cd -- "$here" && pwd) || die "cannot find my own directory"
	PATH=$here:$PATH
	export PATH
fi
for tool in edgar-parse sessionize session-format request-split session-merge; do
	command -v "$tool" >/dev/null 2>&1 ||
	    die "$tool not found: run make install, or put the tools on PATH"
done
if [ -n "${version-}" ]; then
	v=$(edgar-parse -V 2>/dev/null) || die "cannot get the version: edgar-parse -V failed"
	printf '%s\n' "$me ${v#edgar-parse }"
	exit 0
fi

[ -n "$period" ] || usage_error "-i seconds: the inactivity period is required"
{ isnum "$period" && [ "$period" -ge 1 ]; } ||
    usage_error "-i $(shown "$period"): not a positive integer of at most 18 digits"
if [ -n "$lateness" ]; then
	isnum "$lateness" ||
	    usage_error "-l $(shown "$lateness"): not an integer of at most 18 digits"
fi
if [ -n "$maxlen" ]; then
	{ isnum "$maxlen" && [ "$maxlen" -ge 1 ]; } ||
	    usage_error "-M $(shown "$maxlen"): not a positive integer of at most 18 digits"
fi
if [ -n "$zone" ]; then
	case $zone in
	-*) z=${zone#-} ;;
	*) z=$zone ;;
	esac
	{ isnum "$z" && [ "$z" -le 23 ]; } ||
	    usage_error "-z $(shown "$zone"): not a number of hours (-23 to 23)"
fi
case $order in
end | detect) ;;
*) usage_error "-o $(shown "$order"): not an order (end or detect)" ;;
esac
if [ -n "$jobs" ]; then
	{ isnum "$jobs" && [ "$jobs" -ge 1 ] && [ "$jobs" -le 1024 ]; } ||
	    usage_error "-j $(shown "$jobs"): not a number of jobs (1 to 1024)"
fi
case $format in
'') ;;
insight | csv | json | tsv) ;;
*) usage_error "-f $(shown "$format"): not a format (insight, csv, json or tsv)" ;;
esac

# The number of shards: -j, or else the job slots of -S (N/host counts N,
# a host without N/ as many as this machine has cores).
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || cores=1
isnum "$cores" || cores=1
if [ -z "$jobs" ] && [ -n "$logins" ]; then
	jobs=$(printf '%s\n' "$logins" | tr ',' '\n' | awk -v cores="$cores" '
	/^[ \t]*$/ { next }
	{ if (match($0, /^[0-9]+\//)) n += substr($0, 1, RLENGTH - 1) + 0; else n += cores }
	END { print (n > 0 ? (n > 1024 ? 1024 : n) : 1) }')
fi
jobs=${jobs:-1}
if [ "$order" = detect ] && { [ "$jobs" -gt 1 ] || [ -n "$logins" ]; }; then
	usage_error "-o detect: the event-driven order needs the whole stream in one job (-j 1, no -S)"
fi

# The logs: none is standard input.
[ $# -gt 0 ] || set -- -
for log; do
	case $log in
	-) ;;
	'') usage_error "a log operand is empty" ;;
	*)
		[ ! -d "$log" ] || die "$(shown "$log"): is a directory, not a log"
		[ -r "$log" ] || die "$(shown "$log"): cannot read the log"
		;;
	esac
done

# kind LOG: how a log is read, from its name: gz, zip or csv.
kind() {
	case $1 in
	*.gz | *.GZ) echo gz ;;
	*.zip | *.ZIP) echo zip ;;
	*) echo csv ;;
	esac
}

# POSIX sh has no pipefail: a stage's status goes to descriptor 3 as a
# word, NAME=STATUS; worst NAMES... < WORDS prints the worst status of
# the stages named, a stage that said nothing (killed) counting as 2, and
# a decompressor's (d) failure as 2.  The jobs use it too (no ' in it).
# shellcheck disable=SC2016
worst_awk='
{
	for (i = 1; i <= NF; i++) {
		split($i, w, "=")
		v = w[2] + 0
		if (w[1] == "d" && v != 0)
			v = 2
		if (!(w[1] in st) || v > st[w[1]])
			st[w[1]] = v
	}
}
END {
	n = split(names, want, " ")
	m = 0
	for (i = 1; i <= n; i++) {
		v = (want[i] in st) ? st[want[i]] : 2
		if (v > 2)
			v = 2
		if (v > m)
			m = v
	}
	print m
}'
worst() {
	awk -v names="$*" "$worst_awk"
}

lat=
[ -z "$lateness" ] || lat="-l $lateness"
# the caps of -M and -z, for sessionize, and for the jobs as words (- for
# none), so that every job gets the same number of arguments
caps=
[ -z "$maxlen" ] || caps="-M $maxlen"
[ -z "$zone" ] || caps="$caps -z $zone"
capwords="${maxlen:--} ${zone:--}"
fmt=
[ -z "$format" ] || fmt="-f $format"

# parse_one LOG KIND: the request stream of one log, KIND csv, gz or zip
# (the zip's CSV member; its README is left out); the status of each
# stage goes to descriptor 3 as p=N, and the decompressor's as d=N.  The
# jobs run the same function (no ' in it).
# shellcheck disable=SC2016
parse_sh='
parse_one() {
	case $2 in
	gz)
		{ gzip -dc -- "$1" 3>&-; echo "d=$?" >&3; } |
		    { edgar-parse -b -n 3>&-; echo "p=$?" >&3; }
		;;
	zip)
		{ unzip -C -p -- "$1" "*.csv" 3>&-; echo "d=$?" >&3; } |
		    { edgar-parse -b -n 3>&-; echo "p=$?" >&3; }
		;;
	*)
		edgar-parse -b -n -- "$1" 3>&-
		echo "p=$?" >&3
		;;
	esac
}'
eval "$parse_sh"

# parse_all LOG...: the request streams of the logs one after the other;
# plain logs are read by edgar-parse itself, all of them in one run if
# all are plain, compressed ones through gzip -dc or unzip -p.  Each
# stage's status goes to descriptor 3.
parse_all() {
	allplain=1
	for log; do
		[ "$log" = - ] || [ "$(kind "$log")" = csv ] || allplain=
	done
	if [ -n "$allplain" ]; then
		edgar-parse -b -n -- "$@" 3>&-
		echo "p=$?" >&3
		return
	fi
	for log; do
		parse_one "$log" "$(kind "$log")"
	done
}

# One job: the plain pipeline, sessionize reading the request streams of
# all the logs one after the other.  It runs in the background, so that a
# trapped signal interrupts the wait at once; its stdin is the script's,
# kept on descriptor 5.
single() {
	{ command exec 5<&0; } 2>/dev/null || exec 5</dev/null
	(
		# shellcheck disable=SC2086
		statuses=$(
			{
				parse_all "$@" <&5 5<&- 4>&- |
				    { sessionize -i "$period" -n 3 -o "$order" $lat $caps 3>&- 4>&-; echo "z=$?" >&3; } |
				    { session-format $fmt 3>&- >&4 4>&-; echo "f=$?" >&3; }
			} 3>&1
		)
		exit "$(echo "$statuses" | worst p z f)"
	) 4>&1 &
	job=$!
	exec 5<&-
	wait "$job"
	st=$?
	job=
	return "$st"
}

if [ "$jobs" -eq 1 ] && [ -z "$logins" ]; then
	single "$@"
	exit $?
fi

# More jobs: GNU parallel runs them.
command -v parallel >/dev/null 2>&1 ||
    die "parallel not found: -j and -S need GNU parallel (Debian: apt-get install parallel)"
parallel --version 2>/dev/null | grep -q 'GNU parallel' ||
    die "parallel is not GNU parallel: -j and -S need GNU parallel"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/$me.XXXXXX") || die "cannot make a temporary directory"
mkdir -- "$tmp/in" "$tmp/out" "$tmp/ses" "$tmp/par" || die "$tmp: cannot make directories"

# Log k (from 1) is in/K/NAME, K of a fixed width so that names sort in
# log order, NAME its own file name with any byte but letters, digits,
# ".", "_" and "-" made "_" (the tools' messages name it): a link to the
# log, or for standard input a copy, stdin.csv.  Its positions start at
# k * 10^12: they increase along the whole input as long as no log has
# 10^12 lines.
nlogs=$#
width=${#nlogs}
k=0
: >"$tmp/jobs1"
for log; do
	k=$((k + 1))
	K=$(printf "%0${width}d" "$k")
	t=$(kind "$log")
	mkdir -- "$tmp/in/$K" || die "$tmp: cannot make directories"
	if [ "$log" = - ]; then
		t=csv
		name=stdin.csv
		cat >"$tmp/in/$K/$name" || die "cannot read the standard input"
	else
		name=$(printf '%s' "${log##*/}" | LC_ALL=C tr -c 'A-Za-z0-9._-' '_')
		case $name in
		'' | .*) name=_$name ;;
		esac
		case $log in
		/*) abs=$log ;;
		*) abs=$PWD/$log ;;
		esac
		ln -s -- "$abs" "$tmp/in/$K/$name" || die "$tmp: cannot make a link"
	fi
	printf '%s %s %s %s\n' "$K" "in/$K/$name" "$t" "${k}000000000000" >>"$tmp/jobs1"
done

# A job, run by GNU parallel in the run's directory, here or on another
# host (which is sent the script with the job's files):
#	sh job.sh split K LOG KIND BASE SHARDS [LATENESS]
#	sh job.sh sessionize S PERIOD MAXLEN ZONE [LATENESS]
# The first decompresses, parses and splits log K into out/K/s.0 ...;
# the second sessionizes shard S, ses/S/in if it was sent, else
# out/*/s.S (in log order), into ses/S/out.  Each writes the worst status
# of its stages in its directory's st, its messages in err, and exits 0
# unless that status is 2: a status of 1 (records rejected) is no failure
# for GNU parallel to retry.
{
	printf "worst_awk='%s'\n" "$worst_awk"
	printf '%s\n' "$parse_sh"
	cat <<'EOF'
# shellcheck disable=SC2086 # (words split on purpose, globbing off)
set -f
worst() {
	awk -v names="$*" "$worst_awk"
}
phase=$1
shift
case $phase in
split)
	dir=out/$1
	mkdir -p "$dir" || exit 2
	lat=
	[ -z "${6-}" ] || lat="-l $6"
	st=$(
		{
			parse_one "$2" "$3" |
			    { request-split -n "$5" -c 3 -b "$4" -o "$dir/s" $lat 3>&-; echo "s=$?" >&3; }
		} 3>&1 2>"$dir/err"
	)
	want="d p s"
	[ "$3" != csv ] || want="p s"
	;;
sessionize)
	dir=ses/$1
	period=$2
	caps=
	[ "$3" = - ] || caps="-M $3"
	[ "$4" = - ] || caps="$caps -z $4"
	lat=
	[ -z "${5-}" ] || lat="-l $5"
	mkdir -p "$dir" || exit 2
	set +f
	if [ -f "$dir/in" ]; then
		set -- "$dir/in"
	else
		set -- out/*/s."$1"
	fi
	set -f
	st=$(
		{ sessionize -i "$period" -n 3 -p 4 -O $caps $lat -- "$@" >"$dir/out" 3>&-; echo "z=$?" >&3; } 3>&1 2>"$dir/err"
	)
	want=z
	;;
*)
	echo "job.sh: $phase: no such phase" >&2
	exit 2
	;;
esac
w=$(echo "$st" | worst $want)
echo "$w" >"$dir/st"
if [ "$w" -ge 2 ]; then
	cat "$dir/err" >&2
	exit 2
fi
exit 0
EOF
} >"$tmp/job.sh" || die "$tmp: cannot write the job script"

# par ARG...: GNU parallel in the run's directory: job slots, hosts,
# retries (only with hosts: here a job that fails would fail again); the
# first job that fails after its retries stops the run.  Its own
# temporary files go in ours; links are sent as the files they name.
remote=
[ -z "$logins" ] || remote=1
par() {
	if [ -n "$remote" ]; then
		set -- --sshlogin "$logins" --workdir ... --cleanup \
		    --rsync-opts -rLDzR --retries "$retries" \
		    --transferfile job.sh "$@"
	fi
	( cd "$tmp" && exec parallel --will-cite --halt now,fail=1 \
	    --tmpdir "$tmp/par" -j "$jobs" --colsep ' ' "$@" </dev/null ) &
	job=$!
	wait "$job"
	pst=$?
	job=
	return "$pst"
}

# status FILE...: the worst of the jobs' statuses so far; a job that
# left none failed.
worst=0
status() {
	for f; do
		[ -f "$f" ] || die "a job left no status: no output"
		read -r x <"$f" || x=2
		[ "$x" -le "$worst" ] || worst=$x
	done
}

# messages FILE...: the jobs' messages, in order.
messages() {
	for f; do
		[ ! -f "$f" ] || cat -- "$f" >&2
	done
}

# Phase 1, one job per log.
nshards=$jobs
if [ -n "$remote" ]; then
	set -- --transferfile '{2}' --return 'out/{1}'
else
	set --
fi
# shellcheck disable=SC2086
par "$@" sh job.sh split '{1}' '{2}' '{3}' '{4}' "$nshards" $lateness :::: jobs1 ||
    die "a job failed (its message is above): no output"
messages "$tmp"/out/*/err
while read -r K rest; do
	status "$tmp/out/$K/st"
done <"$tmp/jobs1"
rm -rf -- "$tmp/in"

# Phase 2, one job per shard; a shard sent to another host is its files
# put together first, in log order.
s=0
: >"$tmp/jobs2"
while [ "$s" -lt "$nshards" ]; do
	mkdir -- "$tmp/ses/$s" || die "$tmp: cannot make directories"
	if [ -n "$remote" ]; then
		cat -- "$tmp"/out/*/s."$s" >"$tmp/ses/$s/in" ||
		    die "$tmp: cannot put shard $s together"
	fi
	echo "$s" >>"$tmp/jobs2"
	s=$((s + 1))
done
if [ -n "$remote" ]; then
	rm -rf -- "$tmp/out"
	set -- --transferfile 'ses/{1}/in' --return 'ses/{1}/out' \
	    --return 'ses/{1}/st' --return 'ses/{1}/err'
else
	set --
fi
# shellcheck disable=SC2086
par "$@" sh job.sh sessionize '{1}' "$period" $capwords $lateness :::: jobs2 ||
    die "a job failed (its message is above): no output"
messages "$tmp"/ses/*/err
s=0
while [ "$s" -lt "$nshards" ]; do
	[ -f "$tmp/ses/$s/out" ] || die "a job left no output: no output"
	status "$tmp/ses/$s/st"
	s=$((s + 1))
done
[ "$worst" -le 1 ] || die "a job failed: no output"

# Phase 3, here: the merge, then the format.
(
	# shellcheck disable=SC2086
	statuses=$(
		{
			{ cd "$tmp/ses" && session-merge -- */out 3>&- 4>&-; echo "m=$?" >&3; } |
			    { session-format $fmt 3>&- >&4 4>&-; echo "f=$?" >&3; }
		} 3>&1
	)
	exit "$(echo "$statuses" | worst m f)"
) 4>&1 </dev/null &
job=$!
wait "$job"
st3=$?
job=
[ "$st3" -le "$worst" ] || worst=$st3
[ "$worst" -le 2 ] || worst=2
exit "$worst"
