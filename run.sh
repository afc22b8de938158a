#!/bin/sh
# run.sh [-h | -V] [--] [LOG [PERIOD_FILE [OUTPUT]]]: the reference pipeline,
#	edgar-parse -b -n LOG | sessionize -i PERIOD -n 3 | session-format > OUTPUT
# Exits with the worst status of its stages: 0 all records used, 1 some
# rejected (see stderr), 2 usage or fatal error.
#
# Options are only -h, -V and --, exactly, before the operands; any other
# first argument beginning with - is the log if a file of that name exists
# (a log named -rvictim.csv is read, never taken for options), and an
# unknown option otherwise.  - alone is standard input as LOG, standard
# output as OUTPUT.
set -u
me=run.sh
usage="usage: $me [-h | -V] [--] [log [period_file [output]]]"

# shown TEXT: TEXT with every byte that is not printable ASCII, and the
# backslash, written \xHH, as the tools show data in their messages.
shown() {
	printf '%s' "$1" | od -An -v -tu1 | awk '{
		for (i = 1; i <= NF; i++)
			printf ($i >= 32 && $i < 127 && $i != 92) ? "%c" : "\\x%02x", $i
	}'
}

# die TEXT: the message as it is; fail NAME TEXT: "NAME: TEXT", NAME shown.
die() {
	printf '%s\n' "$me: $1" >&2
	exit 2
}

fail() {
	die "$(shown "$1"): $2"
}

usage_error() {
	printf '%s\n%s\n' "$me: $1" "$usage" >&2
	exit 2
}

# What to remove on the way out, whatever the way: the temporary output,
# the build lock if held.  On HUP, INT, TERM or PIPE, the stages (or make)
# are stopped first, then run.sh dies of the same signal.
tmpout=
lock=
job=
# shellcheck disable=SC2317 # (these are called from traps)
cleanup() {
	[ -z "$tmpout" ] || rm -f -- "$tmpout"
	[ -z "$lock" ] || rm -rf -- "$lock"
	tmpout=
	lock=
}

# Every process below this shell: ps -A -o pid,ppid is POSIX, pkill -P
# is not, and without job control the stages share run.sh's process group
# with whatever started it.
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

version=
case ${1-} in
-h)
	[ $# -eq 1 ] || usage_error "-h takes no operands"
	cat <<EOF
$usage
Sessionize an EDGAR weblog:
    edgar-parse -b -n log | sessionize -i PERIOD -n 3 | session-format > output
  log          the EDGAR CSV log; - is the standard input
               (default input/log.csv)
  period_file  holds the inactivity period PERIOD, in seconds
               (default input/inactivity_period.txt)
  output       where the sessions go; - is the standard output
               (default output/sessionization.txt); it is replaced only
               when the run succeeds (exit status 0 or 1)
  -h           print this help;  -V  print the version
  --           end of the options (for a log whose name begins with -)
Exit status: 0 every record used, 1 some rejected, 2 usage or fatal error.
EOF
	exit 0
	;;
-V)
	[ $# -eq 1 ] || usage_error "-V takes no operands"
	version=1
	shift
	;;
--)
	shift
	;;
-?*)
	[ -e "$1" ] || [ -L "$1" ] ||
	    usage_error "$(shown "$1"): unknown option, and no log of that name"
	;;
esac
[ $# -le 3 ] || usage_error "too many operands"
# ${1-...}, not ${1:-...}: an empty operand is an error, not the default.
log=${1-input/log.csv}
periodfile=${2-input/inactivity_period.txt}
out=${3-output/sessionization.txt}
[ -n "$log" ] || usage_error "the log operand is empty"
[ -n "$periodfile" ] || usage_error "the period_file operand is empty"
[ -n "$out" ] || usage_error "the output operand is empty"

# Use the tools built next to this script, (re)building them if need be;
# a copy of run.sh alone uses the tools on PATH.
case $0 in
*/*) here=${0%/*} ;;
*) here=. ;;
esac
# absolute without a fork: $PWD is the current directory, kept by the shell
case $here in
/*) ;;
. | ./) here=$PWD ;;
*) here=$PWD/${here#./} ;;
esac
#
# Runs started together on a tree not built yet would run make together
# and break each other's links: the build is serialised by a lock, the
# directory .run.lock (mkdir is atomic everywhere; flock is not POSIX)
# holding the holder's pid.  Any end of run.sh but SIGKILL removes it; a
# lock whose holder is gone is taken over.  make -q first: a tree that is
# up to date, the usual case, costs no lock and no more forks than before.
# make runs in the background, so that a signal stops it at once.
# shellcheck disable=SC2317
build() {
	l=$here/.run.lock
	waited=0
	nopid=0
	gone=0
	until mkdir -- "$l" 2>/dev/null; do
		if [ ! -d "$l" ]; then
			# released between mkdir and -d; or mkdir cannot work here
			gone=$((gone + 1))
			[ $gone -le 10 ] || fail "$l" "cannot make the build lock"
			continue
		fi
		gone=0
		pid=
		{ read -r pid <"$l/pid"; } 2>/dev/null
		if [ -z "$pid" ]; then
			# being made; or its maker died between mkdir and echo
			nopid=$((nopid + 1))
			if [ $nopid -gt 5 ]; then
				rm -rf -- "$l"
				continue
			fi
		elif ! kill -0 "$pid" 2>/dev/null && ! ps -p "$pid" >/dev/null 2>&1; then
			rm -rf -- "$l"
			continue
		fi
		waited=$((waited + 1))
		[ $waited -le 900 ] || fail "$l" "the build is still locked by process $pid after 15 minutes; remove the lock if no build is running"
		sleep 1
	done
	lock=$l
	echo $$ >"$l/pid"
	(cd -- "$here" && make -s >&2) &
	job=$!
	wait "$job"
	st=$?
	job=
	rm -rf -- "$l"
	lock=
	[ $st -eq 0 ] || die "building the tools failed"
}
if [ -f "$here/Makefile" ] && [ -d "$here/cmd" ]; then
	if command -v make >/dev/null 2>&1 &&
	    ! (cd -- "$here" && make -q) >/dev/null 2>&1; then
		build
	fi
	PATH=$here/bin:$PATH
fi
for tool in edgar-parse sessionize session-format; do
	command -v "$tool" >/dev/null 2>&1 ||
	    die "$tool not found: run make, or put the tools on PATH"
done

if [ -n "$version" ]; then
	v=$(edgar-parse -V 2>/dev/null) || die "cannot get the version: edgar-parse -V failed"
	set -f
	# shellcheck disable=SC2086
	set -- $v
	set +f
	if [ $# -lt 2 ] || [ "$1" != edgar-parse ]; then
		die "cannot get the version: edgar-parse -V printed '$(shown "$v")'"
	fi
	printf '%s\n' "$me $2"
	exit 0
fi

# The period: one integer, white space (CRs of a DOS line end included)
# around it, a UTF-8 byte-order mark before it allowed.  At most 257 bytes
# are read (a log given by mistake is not read into memory), as numbers,
# so that NUL and every other byte are seen; one awk program checks them
# and prints the period or what is wrong, invisible bytes shown as \xHH.
[ ! -d "$periodfile" ] || fail "$periodfile" "is a directory, not a period file"
[ -r "$periodfile" ] || fail "$periodfile" "cannot read the inactivity period"
period=$(od -An -v -tu1 -N 257 <"$periodfile" | awk '
	function shown(c) {
		return (c >= 32 && c < 127 && c != 92) ? sprintf("%c", c) : sprintf("\\x%02x", c)
	}
	{ for (i = 1; i <= NF; i++) b[++n] = $i + 0 }
	END {
		if (n > 256) {
			print "does not look like a period file (more than 256 bytes; is it the log?)"
			exit 2
		}
		i = (n >= 3 && b[1] == 239 && b[2] == 187 && b[3] == 191) ? 4 : 1
		for (; i <= n; i++) {
			c = b[i]
			if (c == 32 || c == 9 || c == 10 || c == 13) {
				inword = 0
				continue
			}
			if (!inword)
				words++
			inword = 1
			if (words == 1)
				word[++len] = c
		}
		if (words == 0) {
			print "empty: expected the inactivity period in seconds"
			exit 2
		}
		if (words > 1) {
			printf "expected one integer (seconds), found %d words\n", words
			exit 2
		}
		digits = 1
		for (j = 1; j <= len; j++) {
			c = word[j]
			if (c < 48 || c > 57)
				digits = 0
			else if (c != 48)
				nonzero = 1
			s = s shown(c)
		}
		if (!digits || !nonzero) {
			printf "the inactivity period '\''%s'\'' is not a positive integer\n", s
			exit 2
		}
		print s
	}') || die "$(shown "$periodfile"): $period"
# Below 19 digits it fits in 63 bits; sessionize judges the others.
[ ${#period} -lt 19 ] || sessionize -i "$period" </dev/null >/dev/null 2>&1 ||
    fail "$periodfile" "the inactivity period '$period' is too large"
[ -r "$log" ] || [ "$log" = - ] || fail "$log" "cannot read the log"

# The output.  - (or /dev/stdout) is the standard output; any other file
# that exists and is not a regular file (/dev/null, a FIFO, a terminal) is
# opened and written as it is.  A regular file, or one not there yet, is
# written as a temporary file beside it (same directory, so that the
# rename is atomic), which replaces it only when the run succeeds (status
# 0 or 1): a failed or interrupted run leaves the output as it was.  The
# temporary file is made with set -C (O_EXCL, so never through a planted
# link), which gives it the mode > gives a new file (0666 less the umask),
# with no fork (mktemp would make it 0600).  A symbolic link is resolved
# first: the link stays, its target is replaced.
# /dev/fd/N, /dev/std* and /proc/* name each process's own descriptors:
# they are opened as they are, never resolved (readlink would resolve its
# own) nor replaced.
target=$out
direct=
new=
case $out in
- | /dev/stdout) target=/dev/stdout ;;
/dev/fd/* | /dev/std* | /proc/*) direct=1 ;;
*)
	if [ -L "$out" ]; then
		command -v readlink >/dev/null 2>&1 ||
		    fail "$out" "is a symbolic link, and there is no readlink to resolve it"
		if ! target=$(readlink -f -- "$out") || [ -z "$target" ]; then
			fail "$out" "cannot resolve the symbolic link"
		fi
		case $target in
		/dev/fd/* | /dev/std* | /proc/*)
			target=$out
			direct=1
			;;
		esac
	fi
	;;
esac
case $log in
-) logfile=/dev/stdin ;;
*) logfile=$log ;;
esac
# -ef (same device and inode) is in POSIX.1-2024, and in dash, bash,
# busybox and the BSDs long before: ./log.csv, a hard or symbolic link
# are caught.
# shellcheck disable=SC3013
if [ -f "$target" ]; then
	[ ! "$target" -ef "$logfile" ] ||
	    fail "$out" "the output is the log (the same file)"
	[ ! "$target" -ef "$periodfile" ] ||
	    fail "$out" "the output is the period file (the same file)"
fi
if [ "$target" = /dev/stdout ]; then
	{ command exec 4>&1; } 2>/dev/null ||
	    fail "$out" "cannot write the output (the standard output is closed)"
elif [ -d "$target" ]; then
	fail "$out" "is a directory, not an output file"
elif [ -n "$direct" ] || { [ -e "$target" ] && [ ! -f "$target" ]; }; then
	{ command exec 4>"$target"; } 2>/dev/null ||
	    fail "$out" "cannot write the output"
else
	[ ! -e "$target" ] || [ -w "$target" ] ||
	    fail "$out" "cannot write the output (it is read-only)"
	case $target in
	*/*) dir=${target%/*} base=${target##*/} ;;
	*) dir=. base=$target ;;
	esac
	[ -n "$base" ] || fail "$out" "is a directory, not an output file"
	dir=${dir:-/}
	[ -d "$dir" ] || mkdir -p -- "$dir" ||
	    fail "$dir" "cannot create the output directory"
	set -C
	try=$dir/.$base.$$
	n=0
	until { command exec 4>"$try"; } 2>/dev/null; do
		n=$((n + 1))
		if [ $n -gt 9 ]; then
			set +C
			fail "$dir" "cannot create a temporary file there (for the output)"
		fi
		try=$dir/.run.sh.$$.$n
	done
	set +C
	tmpout=$try
	[ -e "$target" ] || new=1
fi

# POSIX sh has no pipefail: each stage reports its status on descriptor 3,
# which leads to a command substitution (the tools themselves get it
# closed); the last stage writes on descriptor 4, the output.  The whole
# runs as a background job whose status is the worst of the stages' (a
# stage that did not report, killed, counts as 2), and the shell waits
# for it with wait, which a trapped signal interrupts at once (a shell
# waiting for a command substitution runs the trap only when it ends).
# A background job's stdin would be /dev/null: it gets the shell's, kept
# on descriptor 5 (a closed stdin stays usable for a log that is a file).
{ command exec 5<&0; } 2>/dev/null || exec 5</dev/null
(
	# The three stages: the tools' options go here.  -n carries each
	# request's line in the log, so that sessionize's messages name it.
	statuses=$(
		{
			{ edgar-parse -b -n -- "$log" 3>&- 4>&-; echo "parse $?" >&3; } |
			    { sessionize -i "$period" -n 3 3>&- 4>&-; echo "sessionize $?" >&3; } |
			    { session-format 3>&- >&4 4>&-; echo "format $?" >&3; }
		} 3>&1
	)
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
) <&5 5<&- &
job=$!
exec 4>&- 5<&-
wait "$job"
worst=$?
job=
[ "$worst" -le 2 ] || worst=2
# Status 2: an output that was there is left as it was; a new one is made
# empty, as the SPEC rules for a fatal error ("exit 2, empty output") and
# as the challenge's empty_file test expects.  (A run that fails before
# the pipeline starts, or is interrupted, makes none.)
if [ -n "$tmpout" ]; then
	if [ "$worst" -eq 2 ] && [ -n "$new" ]; then
		true >"$tmpout"
	fi
	if [ "$worst" -le 1 ] || [ -n "$new" ]; then
		mv -f -- "$tmpout" "$target" || fail "$out" "cannot replace the output"
		tmpout=
	fi
fi
exit "$worst"
