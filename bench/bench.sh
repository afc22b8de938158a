#!/bin/sh
# bench/bench.sh: time the toolkit on generated EDGAR logs, against the
# floors of the machine (wc -l, cat) and against a plain awk script.
# Run from the repository root, normally by "make bench".  Settings come
# from the environment (see bench/README):
#	N	records in the main log (10000000, about 1.1 GB)
#	NSMALL	records in the log that the awk baseline runs on (1000000)
#	RUNS	runs of each command; the median is shown (3)
#	P	inactivity period in seconds (600)
#	BENCHDIR where generated files are kept between runs (bench/data)
#	SEED	the generator's seed (1)
#	FLOOD	hash flooding test with 2^FLOOD keys (18; 0 skips it)
#	AWK	the awk for the baseline (awk)
#	TIME	GNU time, for peak memory (/usr/bin/time)
# The scripts given to measure are expanded by the sh that runs them:
# shellcheck disable=SC2016
set -u
me=bench.sh
N=${N:-10000000}
NSMALL=${NSMALL:-1000000}
RUNS=${RUNS:-3}
P=${P:-600}
BENCHDIR=${BENCHDIR:-bench/data}
SEED=${SEED:-1}
FLOOD=${FLOOD:-18}
AWK=${AWK:-awk}
TIME=${TIME:-/usr/bin/time}

die() {
	echo "$me: $*" >&2
	exit 1
}

for v in N NSMALL RUNS P SEED FLOOD; do
	x=
	eval "x=\$$v"
	case $x in
	'' | *[!0-9]*) die "$v=$x: not a number" ;;
	esac
done
[ "$RUNS" -ge 1 ] || die "RUNS=$RUNS: at least one run"
[ "$P" -ge 1 ] || die "P=$P: the period is at least one second"
[ "$N" -ge 1 ] || die "N=$N: at least one record"
[ "$NSMALL" -ge 1 ] || die "NSMALL=$NSMALL: at least one record"
[ "$FLOOD" -le 24 ] || die "FLOOD=$FLOOD: at most 24 (16 million keys)"
for t in bin/edgar-parse bin/sessionize bin/session-format bench/gen; do
	[ -x "$t" ] || die "no $t: run me from the repository root" \
	    "after make (make bench does both)"
done
root=$(pwd)
PATH=$root/bin:$PATH
export PATH
for t in edgar-parse sessionize session-format; do
	if grep -q __asan "bin/$t" 2>/dev/null; then
		echo "$me: warning: bin/$t is built with sanitizers:" \
		    "the figures mean nothing (make clean && make bench)" >&2
	fi
done

mkdir -p "$BENCHDIR" || die "$BENCHDIR: cannot create"
tmp=$(mktemp -d "$BENCHDIR/tmp.XXXXXX") ||
    die "$BENCHDIR: cannot make a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

# Wall clock in nanoseconds with GNU date, else GNU time's centiseconds.
case $(date +%N) in
'' | *[!0-9]*) nsdate=no ;;
*) nsdate=yes ;;
esac
if "$TIME" -f %M -o "$tmp/probe" true 2>/dev/null &&
    [ -n "$(tr -cd 0-9 <"$tmp/probe")" ]; then
	gnutime=yes
else
	gnutime=no
	echo "$me: no GNU time at $TIME: peak memory not measured" \
	    "(Debian: apt-get install time; or set TIME=)" >&2
	[ "$nsdate" = yes ] ||
	    die "no way to time commands: install GNU time or GNU date"
fi

failed() {
	if [ "$1" -ne 0 ]; then
		cat "$tmp/err" >&2
		shift
		die "exit status $st from: $*"
	fi
}

nanos() {
	if [ "$nsdate" = yes ]; then
		date +%s%N
	else
		echo 0
	fi
}

# measure SCRIPT [ARG ...]: run sh -c SCRIPT ARG... RUNS times; sets wall
# to the median wall time in seconds, fastest to the shortest, and rss to
# the largest peak resident set of one process, in KB ("-" if unknown).  Any failure is fatal: the
# timing of a failing run is no use.
measure() {
	script=$1
	shift
	: >"$tmp/walls"
	rss=-
	r=0
	while [ "$r" -lt "$RUNS" ]; do
		r=$((r + 1))
		if [ "$gnutime" = yes ]; then
			t0=$(nanos)
			"$TIME" -f '%e %M' -o "$tmp/time" \
			    sh -c "$script" sh "$@" 2>"$tmp/err"
			st=$?
			t1=$(nanos)
			failed "$st" "$script" "$@"
			last=$(tail -n 1 "$tmp/time")
			m=${last#* }
			[ "$rss" = - ] || [ "$m" -gt "$rss" ] && rss=$m
			if [ "$nsdate" = yes ]; then
				echo "$((t1 - t0))" | $AWK '{ print $1 / 1e9 }'
			else
				echo "${last% *}"
			fi >>"$tmp/walls"
		else
			t0=$(nanos)
			sh -c "$script" sh "$@" 2>"$tmp/err"
			st=$?
			t1=$(nanos)
			failed "$st" "$script" "$@"
			echo "$((t1 - t0))" | $AWK '{ print $1 / 1e9 }' \
			    >>"$tmp/walls"
		fi
	done
	wall=$(sort -n "$tmp/walls" | $AWK '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	fastest=$(sort -n "$tmp/walls" | head -n 1)
}

# row LABEL INPUT BYTES RECORDS FLOOR: one line of the table for the last
# measure; FLOOR is wc -l's time on the same file (0: no ratio).
row() {
	$AWK -v label="$1" -v input="$2" -v bytes="$3" -v recs="$4" \
	    -v floor="$5" -v wall="$wall" -v fastest="$fastest" \
	    -v rss="$rss" 'BEGIN {
		w = wall > 0 ? wall : 0.0001
		ratio = floor > 0 ? sprintf("%.2f", wall / floor) : "-"
		mem = rss == "-" ? "-" : sprintf("%.1f", rss / 1024)
		printf "%-28s %-9s %9.3f %9.3f %9.1f %9.3f %8s %9s\n", label,
		    input, wall, fastest, bytes / w / 1e6, recs / w / 1e6,
		    ratio, mem
	}'
}

# header TITLE [RATIO]: RATIO names what the ratio column compares with.
header() {
	printf '%-28s %-9s %9s %9s %9s %9s %8s %9s\n' "$1" input "wall s" \
	    "fastest" "MB/s" "Mrec/s" "${2:-x wc -l}" "RSS MB"
}

size() {
	wc -c <"$1" | tr -d ' '
}

# The log of $1 records, made once and kept: named by size and seed, and
# made again when the generator is newer.
logfile() {
	f=$BENCHDIR/edgar-n$1-s$SEED.csv
	if [ ! -s "$f" ] || [ -n "$(find bench/gen -newer "$f")" ]; then
		echo "$me: generating $f" >&2
		bench/gen -n "$1" -s "$SEED" >"$f.tmp" ||
		    die "$f: cannot generate"
		mv "$f.tmp" "$f" || die "$f: cannot rename"
	fi
}

# A request stream of 2^$1 keys, each asked once, one a second, of kind $2:
#   random	random letters, 2 * $1 of them
#   djb2	blocks "Ez" and "FY", whose djb2 hashes (h = h * 33 + c) are
#		equal, so that all the keys collide under it; 2 * $1 bytes
#   random16	16 random lowercase letters
#   sums16	16 bytes whose four 32-bit words have the same sum, so that
#		they collide under a hash that adds the words up (the short
#		keys' hash is built on that): bytes 0-3 letters a_j, bytes 4-7
#		the letters 219 - a_j (each pair sums to 219, no carry crosses
#		bytes), the last eight fixed; $1 at most 18 (26^4 keys)
floodfile() {
	$AWK -v bits="$1" -v kind="$2" 'BEGIN {
		srand(1)
		alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		n = 2 ^ bits
		for (i = 0; i < n; i++) {
			k = ""
			x = i
			if (kind == "random16")
				for (b = 0; b < 16; b++)
					k = k substr(alpha, int(rand() * 26) + 1, 1)
			else if (kind == "sums16") {
				a = ""
				for (b = 0; b < 4; b++) {
					a = a substr(alpha, x % 26 + 1, 1)
					k = k substr(alpha, 26 - x % 26, 1)
					x = int(x / 26)
				}
				k = a k "fixedkey"
			} else
				for (b = 0; b < bits; b++) {
					if (kind == "random")
						k = k substr(alpha, int(rand() * 52) + 1, 1) \
						    substr(alpha, int(rand() * 52) + 1, 1)
					else
						k = k (x % 2 ? "FY" : "Ez")
					x = int(x / 2)
				}
			printf "%d\t%s\n", 1498780800 + i, k
		}
	}'
}

# djb2 of a string of ASCII letters, modulo 2^32.
djb2() {
	$AWK -v s="$1" 'BEGIN {
		for (i = 0; i < 128; i++)
			ord[sprintf("%c", i)] = i
		h = 5381
		for (i = 1; i <= length(s); i++)
			h = (h * 33 + ord[substr(s, i, 1)]) % 4294967296
		print h
	}'
}

logfile "$N"
log=$f
logfile "$NSMALL"
small=$f
logbytes=$(size "$log")
smallbytes=$(size "$small")
echo "$P" >"$tmp/period"

echo "bench: $(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null) cpus," \
    "$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null |
    head -n 1), load $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)"
echo "log: $log, $N records, $logbytes bytes; P=$P; median of $RUNS runs"
echo "awk: $AWK, $({ $AWK -W version || $AWK --version; } </dev/null \
    2>/dev/null | head -n 1)"
[ "$gnutime" = yes ] ||
    echo "(peak memory not measured: install GNU time)"
echo

# Prepared streams for the programs timed alone.
edgar-parse -b "$log" >"$tmp/req" || die "edgar-parse -b $log failed"
sessionize -i "$P" "$tmp/req" >"$tmp/sess" || die "sessionize failed"
reqbytes=$(size "$tmp/req")
sessbytes=$(size "$tmp/sess")
nsess=$(wc -l <"$tmp/sess" | tr -d ' ')
cat "$log" >/dev/null

header "main log ($N)"
measure 'exec wc -l "$1" >/dev/null' "$log"
floor=$wall
row "floor: wc -l" log "$logbytes" "$N" "$floor"
measure 'cat "$1" | cat >/dev/null' "$log"
row "floor: cat | cat" log "$logbytes" "$N" "$floor"
measure 'exec edgar-parse "$1" >/dev/null' "$log"
row "edgar-parse" log "$logbytes" "$N" "$floor"
measure 'exec edgar-parse -b "$1" >/dev/null' "$log"
row "edgar-parse -b" log "$logbytes" "$N" "$floor"
measure 'exec edgar-parse -I -f time,ip,cik,size,code "$1" >/dev/null' "$log"
row "edgar-parse -I -f, 5 cols" log "$logbytes" "$N" "$floor"
measure 'exec wc -l "$1" >/dev/null' "$tmp/req"
floorreq=$wall
row "floor: wc -l" requests "$reqbytes" "$N" "$floorreq"
measure 'exec sessionize -i "$2" "$1" >/dev/null' "$tmp/req" "$P"
row "sessionize -i $P" requests "$reqbytes" "$N" "$floorreq"
measure 'exec wc -l "$1" >/dev/null' "$tmp/sess"
floorsess=$wall
row "floor: wc -l" sessions "$sessbytes" "$nsess" "$floorsess"
measure 'exec session-format "$1" >/dev/null' "$tmp/sess"
row "session-format" sessions "$sessbytes" "$nsess" "$floorsess"
measure 'exec ./run.sh "$1" "$2" "$3"' "$log" "$tmp/period" "$tmp/out"
row "run.sh (pipeline)" log "$logbytes" "$N" "$floor"
session-format "$tmp/sess" | cmp -s - "$tmp/out" ||
    die "FAIL: run.sh's output is not that of the tools run one by one"
rm -f "$tmp/out"

# sessionize's research options, on a stream with the columns they use,
# against plain sessionize on the same stream: the last column is then
# the time over plain sessionize's.  Twice: on the generated log, where
# nearly every request asks for a new CIK, and on a real day's excerpt
# (tests/data) made 350 days long, where sessions come back to theirs.
research() {
	measure 'exec sessionize -i "$2" "$1" >/dev/null' "$1" "$P"
	plain=$wall
	row "sessionize (5 cols)" requests "$(size "$1")" "$2" "$plain"
	for opts in "-m" "-a 5" "-d 3" "-d 3 -a 5" "-I -O" "-z 0" "-M 3600" \
	    "-k 2,3"; do
		measure 'exec sessionize -i "$2" $3 "$1" >/dev/null' "$1" "$P" \
		    "$opts"
		row "sessionize $opts" requests "$(size "$1")" "$2" "$plain"
	done
}
edgar-parse -I -f time,ip,cik,accession,size "$log" >"$tmp/req5" ||
    die "edgar-parse -f $log failed"
echo
header "research ($N)" "x plain"
research "$tmp/req5" "$N"
rm -f "$tmp/req5"
edgar-parse -I -f time,ip,cik,accession,size \
    tests/data/edgar-20170630-head10k.csv |
    $AWK -F '\t' -v OFS='\t' '{ r[NR] = $0; t[NR] = $1 }
	END { for (d = 0; d < 350; d++) for (i = 1; i <= NR; i++) {
		sub(/^[^\t]*/, t[i] + d * 86400, r[i]); print r[i] } }' \
    >"$tmp/real5" || die "the real excerpt failed"
nreal=$(wc -l <"$tmp/real5" | tr -d ' ')
echo
header "research, real ($nreal)" "x plain"
research "$tmp/real5" "$nreal"
rm -f "$tmp/real5"

# Open sessions over time: a session is open from its first request until
# the clock passes last + P; closings in a second come before openings.
peak=$($AWK -v P="$P" '{ print $2 "\t1"; print $3 + P + 1 "\t0" }' \
    "$tmp/sess" | sort -n -k1,1 -k2,2 |
    $AWK '$2 == 1 { if (++n > m) m = n; next } { n-- } END { print m + 0 }')
echo
echo "sessions: $nsess from $N requests" \
    "($($AWK -v a="$N" -v b="$nsess" 'BEGIN { printf "%.2f", a / b }')" \
    "requests each); peak open sessions: $peak"
rm -f "$tmp/req" "$tmp/sess"

# edgar-robots on the stream it reads by default, against the floors and
# sessionize on the same stream; the flags alone stream, the day rules
# hold a day (issue 12: 10 M requests/s or more for those two).
if [ -x bin/edgar-robots ]; then
	echo
	edgar-parse -f time,ip,cik,code,idx,crawler "$log" >"$tmp/rob" ||
	    die "edgar-parse -f time,ip,cik,code,idx,crawler $log failed"
	robbytes=$(size "$tmp/rob")
	header "robots ($N)"
	measure 'exec wc -l "$1" >/dev/null' "$tmp/rob"
	floorrob=$wall
	row "floor: wc -l" requests "$robbytes" "$N" "$floorrob"
	measure 'exec cat "$1" >/dev/null' "$tmp/rob"
	row "floor: cat" requests "$robbytes" "$N" "$floorrob"
	measure 'exec sessionize -i "$2" "$1" >/dev/null' "$tmp/rob" "$P"
	row "sessionize -i $P" requests "$robbytes" "$N" "$floorrob"
	for p in sec lm drt lmw; do
		measure 'exec edgar-robots -p "$2" "$1" >/dev/null' "$tmp/rob" "$p"
		row "edgar-robots -p $p" requests "$robbytes" "$N" "$floorrob"
	done
	measure 'exec edgar-robots -p lmw -o report "$1" >/dev/null' "$tmp/rob"
	row "robots -p lmw -o report" requests "$robbytes" "$N" "$floorrob"
	for p in sec lm lmw drt; do
		printf 'edgar-robots -p %s removes %s of the requests\n' "$p" \
		    "$(edgar-robots -p "$p" -o report "$tmp/rob" | $AWK -F '\t' '
		    { u += $2; k += $13 } END { printf "%.1f%%", 100 * (u - k) / u }')"
	done
	rm -f "$tmp/rob"
fi
# The parallel run (edgar-sessions, issue 10): its split and merge alone,
# then the whole against one job, on the log cut into DAYS files (about a
# day's worth each, by record count), gzip'd, zipped and plain.
DAYS=${DAYS:-4}
echo
header "parallel ($N)"
edgar-parse -b -n "$log" >"$tmp/req" || die "edgar-parse -b -n $log failed"
reqbytes=$(size "$tmp/req")
measure 'exec cat "$1" >"$2"' "$tmp/req" "$tmp/copy"
copywall=$wall
row "floor: cat > file" requests "$reqbytes" "$N" 0
rm -f "$tmp/copy"
measure 'exec request-split -n 2 -c 3 -o "$2" "$1"' "$tmp/req" "$tmp/s"
splitwall=$wall
row "request-split -n 2" requests "$reqbytes" "$N" 0
measure 'exec sessionize -i "$2" -n 3 "$1" >/dev/null' "$tmp/req" "$P"
row "sessionize (whole)" requests "$reqbytes" "$N" 0
for sh in 0 1; do
	sessionize -i "$P" -n 3 -p 4 -O "$tmp/s.$sh" >"$tmp/o.$sh" ||
	    die "sessionize -p 4 -O failed"
done
nsess=$(cat "$tmp/o.0" "$tmp/o.1" | wc -l | tr -d ' ')
measure 'exec session-merge "$1" "$2" >/dev/null' "$tmp/o.0" "$tmp/o.1"
mergewall=$wall
row "session-merge, 2 shards" sessions "$(cat "$tmp/o.0" "$tmp/o.1" | wc -c)" "$nsess" 0
sessionize -i "$P" -n 3 "$tmp/req" >"$tmp/single" || die "sessionize failed"
session-merge "$tmp/o.0" "$tmp/o.1" | cmp -s - "$tmp/single" ||
    die "FAIL: request-split, sessionize -p -O, session-merge differ from sessionize"
# CPU seconds (user + system) of each stage, one run each: what the
# parallel run adds to the single one, and where the serial part is.
if [ "$gnutime" = yes ]; then
	cpu() {
		label=$1
		shift
		"$TIME" -f '%U %S' -o "$tmp/cpu" sh -c "$@" 2>"$tmp/err" ||
		    { cat "$tmp/err" >&2; die "failed: $label"; }
		$AWK -v l="$label" '{ printf "cpu %-30s %6.2f s\n", l, $1 + $2 }' \
		    "$tmp/cpu"
	}
	cpu "edgar-parse -b -n" 'exec edgar-parse -b -n "$1" >/dev/null' sh "$log"
	cpu "sessionize -n 3 (whole)" 'exec sessionize -i "$2" -n 3 "$1" >/dev/null' \
	    sh "$tmp/req" "$P"
	cpu "session-format" 'exec session-format "$1" >/dev/null' sh "$tmp/single"
	cpu "request-split -n 2" 'exec request-split -n 2 -c 3 -o "$2" "$1"' \
	    sh "$tmp/req" "$tmp/s"
	cpu "sessionize -p 4 -O, shard 0" 'exec sessionize -i "$2" -n 3 -p 4 -O "$1" >/dev/null' \
	    sh "$tmp/s.0" "$P"
	cpu "sessionize -p 4 -O, shard 1" 'exec sessionize -i "$2" -n 3 -p 4 -O "$1" >/dev/null' \
	    sh "$tmp/s.1" "$P"
	cpu "session-merge, 2 shards" 'exec session-merge "$1" "$2" >/dev/null' \
	    sh "$tmp/o.0" "$tmp/o.1"
	gzip -1 -c "$log" >"$tmp/log.gz" || die "gzip failed"
	cpu "gzip -dc (whole log, -1)" 'exec gzip -dc "$1" >/dev/null' sh "$tmp/log.gz"
	rm -f "$tmp/log.gz"
fi
rm -f "$tmp/s.0" "$tmp/s.1" "$tmp/o.0" "$tmp/o.1" "$tmp/single"
$AWK -v c="$copywall" -v s="$splitwall" -v m="$mergewall" -v n="$nsess" \
    -v b="$reqbytes" 'BEGIN {
	printf "request-split: %.0f MB/s, %.2f times cat > file;" \
	    " session-merge: %.1f million sessions/s\n", b / s / 1e6,
	    s / (c > 0 ? c : 0.0001), n / (m > 0 ? m : 0.0001) / 1e6
}'
rm -f "$tmp/req"

if ! command -v parallel >/dev/null 2>&1; then
	echo "(no GNU parallel: edgar-sessions -j 2 not measured)"
else
	mkdir "$tmp/days" || die "cannot make $tmp/days"
	$AWK -v k="$DAYS" -v n="$N" -v dir="$tmp/days" '
	NR == 1 { head = $0; next }
	{
		d = int((NR - 2) * k / n) + 1
		if (d > k)
			d = k
		f = dir "/log" d ".csv"
		if (!(f in seen)) {
			print head >f
			seen[f] = 1
		}
		print >f
	}' "$log" || die "cannot cut the log into days"
	i=1
	plain=
	gz=
	zips=
	while [ "$i" -le "$DAYS" ]; do
		f=$tmp/days/log$i.csv
		gzip -1 -c "$f" >"$f.gz" || die "gzip failed"
		(cd "$tmp/days" && zip -q -1 "log$i.zip" "log$i.csv") || die "zip failed"
		plain="$plain $f"
		gz="$gz $f.gz"
		zips="$zips $tmp/days/log$i.zip"
		i=$((i + 1))
	done
	echo
	header "edgar-sessions, $DAYS files"
	./run.sh "$log" "$tmp/period" "$tmp/run.out" || die "run.sh failed"
	for kind in plain gz zips; do
		files=
		eval "files=\$$kind"
		for j in 1 2; do
			# shellcheck disable=SC2086
			measure 'p=$1 j=$2; shift 2; exec edgar-sessions -i "$p" -j "$j" "$@" >/dev/null' \
			    "$P" "$j" $files
			eval "w_${kind}_$j=\$wall"
			row "edgar-sessions -j $j, $kind" log "$logbytes" "$N" 0
			# shellcheck disable=SC2086
			edgar-sessions -i "$P" -j "$j" $files >"$tmp/es.out" ||
			    die "edgar-sessions -j $j failed"
			cmp -s "$tmp/es.out" "$tmp/run.out" ||
			    die "FAIL: edgar-sessions -j $j on $kind files differs from run.sh"
		done
	done
	# shellcheck disable=SC2154
	$AWK -v p1="$w_plain_1" -v p2="$w_plain_2" -v g1="$w_gz_1" -v g2="$w_gz_2" \
	    -v z1="$w_zips_1" -v z2="$w_zips_2" 'BEGIN {
		printf "-j 2 / -j 1: plain %.2f, gzip %.2f, zip %.2f (outputs identical to run.sh)\n",
		    p2 / p1, g2 / g1, z2 / z1
	}'
	rm -rf "$tmp/days" "$tmp/run.out" "$tmp/es.out"
fi

echo
cat "$small" >/dev/null
header "small log ($NSMALL)"
measure 'exec wc -l "$1" >/dev/null' "$small"
floor=$wall
row "floor: wc -l" log "$smallbytes" "$NSMALL" "$floor"
measure 'exec ./run.sh "$1" "$2" "$3"' "$small" "$tmp/period" "$tmp/run.out"
row "run.sh (pipeline)" log "$smallbytes" "$NSMALL" "$floor"
runwall=$wall
measure 'exec $4 -v P="$3" -f bench/baseline.awk "$1" >"$2"' \
    "$small" "$tmp/awk.out" "$P" "$AWK"
row "awk baseline" log "$smallbytes" "$NSMALL" "$floor"
if ! cmp -s "$tmp/run.out" "$tmp/awk.out"; then
	diff "$tmp/run.out" "$tmp/awk.out" | head -n 20 >&2
	die "FAIL: run.sh and bench/baseline.awk differ on $small (P=$P)"
fi
$AWK -v a="$wall" -v r="$runwall" -v n="$(wc -l <"$tmp/run.out")" 'BEGIN {
	printf "awk baseline / run.sh: %.1f times the time;" \
	    " outputs identical (%d sessions)\n", a / (r > 0 ? r : 0.0001), n
}'
rm -f "$tmp/run.out" "$tmp/awk.out"

[ "$FLOOD" -gt 0 ] || exit 0
echo
floodbig=1000000000
floodfile "$FLOOD" random >"$tmp/random" || die "cannot make the random keys"
floodfile "$FLOOD" djb2 >"$tmp/collide" || die "cannot make the colliding keys"
h1=$(djb2 "$(head -n 1 "$tmp/collide" | cut -f 2)")
h2=$(djb2 "$(tail -n 1 "$tmp/collide" | cut -f 2)")
[ "$h1" = "$h2" ] || die "the colliding keys do not collide ($h1, $h2)"
nkeys=$(wc -l <"$tmp/collide" | tr -d ' ')
[ "$(cut -f 2 "$tmp/collide" | sort -u | wc -l)" -eq "$nkeys" ] ||
    die "the colliding keys are not distinct"
# Time sessionize on random keys ($1, labelled $2) and on colliding ones
# ($3, labelled $4), then print their ratio, named $5.
floodpair() {
	measure 'exec sessionize -i "$2" "$1" >/dev/null' "$1" "$floodbig"
	row "$2" requests "$(size "$1")" "$nkeys" 0
	rwall=$wall
	measure 'exec sessionize -i "$2" "$1" >/dev/null' "$3" "$floodbig"
	row "$4" requests "$(size "$3")" "$nkeys" 0
	$AWK -v c="$wall" -v r="$rwall" -v name="$5" 'BEGIN {
		x = c / (r > 0 ? r : 0.0001)
		printf "%s: %.2f (target: at most about 2)%s\n", name, x,
		    (x > 2.5 ? "  <- hash flooding slows sessionize down" : "")
	}'
}

header "hash flooding ($nkeys keys)"
floodpair "$tmp/random" "sessionize, random keys" \
    "$tmp/collide" "sessionize, djb2 collisions" "colliding / random"
[ "$FLOOD" -le 18 ] || exit 0	# 26^4 distinct short keys at most
floodfile "$FLOOD" random16 >"$tmp/random16" ||
    die "cannot make the random keys"
floodfile "$FLOOD" sums16 >"$tmp/summed16" ||
    die "cannot make the keys with equal sums"
[ "$(cut -f 2 "$tmp/summed16" | sort -u | wc -l)" -eq "$nkeys" ] ||
    die "the 16-byte keys with equal sums are not distinct"
floodpair "$tmp/random16" "sessionize, 16 B, random" \
    "$tmp/summed16" "sessionize, 16 B, same sums" "same sums / random"
