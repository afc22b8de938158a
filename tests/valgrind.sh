#!/bin/sh
# valgrind memcheck over the pipeline: every tool, every format, on the
# real samples and a log with bad records; any error or leak fails.
set -eu
cd "$(dirname "$0")/.."
bin=$PWD/bin
data=${DATA:-tests/data}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

vg() {
	valgrind -q --leak-check=full --show-leak-kinds=all \
	    --errors-for-leak-kinds=all --error-exitcode=99 "$@"
}

# A log with every kind of bad record beside good ones.
{
	printf 'ip,date,time,cik,accession,extention\r\n'
	printf '1.2.3.a,2017-06-30,00:00:00,1.0,"a,b",.htm\r\n'
	printf '1.2.3.b,2017-02-30,00:00:00,1.0,a,.htm\n'
	printf '1.2.3.c,2017-06-30,24:00:00,1.0,a,.htm\n'
	printf ',2017-06-30,00:00:01,1.0,a,.htm\n'
	printf '1.2.3.d,2017-06-30,00:00:01\n'
	printf '"multi\nline",2017-06-30,00:00:02,1.0,"x\ty",.htm\n'
	printf '1.2.3.a,2017-06-30,00:00:09,1.0,a,.htm\n'
	printf '1.2.3.e,2017-06-30,00:00:03,1.0,a,.htm\n'
	printf '"open,2017-06-30,00:00:10,1.0,a,.htm\n'
} >"$tmp/bad.csv"

st=0
for log in "$data"/edgar-20030222-head10k.csv "$data"/edgar-20170630-head10k.csv \
    "$tmp/bad.csv"; do
	name=$(basename "$log" .csv)
	for order in end detect; do
		vg "$bin/edgar-parse" -r "$tmp/rej" "$log" >"$tmp/req" || st=$?
		[ "$st" -le 1 ] || { echo "FAIL edgar-parse $name ($st)"; exit 1; }
		st=0
		vg "$bin/sessionize" -i 30 -o $order -r "$tmp/rej2" "$tmp/req" \
		    >"$tmp/sess" || st=$?
		[ "$st" -le 1 ] || { echo "FAIL sessionize $name ($st)"; exit 1; }
		st=0
		vg "$bin/sessionize" -i 30 -l 5 -o $order "$tmp/req" >/dev/null \
		    2>&1 || st=$?
		[ "$st" -le 1 ] || { echo "FAIL sessionize -l $name ($st)"; exit 1; }
		st=0
		for f in insight csv json tsv; do
			vg "$bin/session-format" -f $f "$tmp/sess" >/dev/null ||
			    st=$?
			[ "$st" -le 1 ] ||
			    { echo "FAIL session-format -f $f $name ($st)"; exit 1; }
			st=0
		done
	done 2>/dev/null
	# the parallel run's tools: split into shards, each sessionized with
	# positions and order fields, merged
	vg "$bin/edgar-parse" -b -n "$log" >"$tmp/req" 2>/dev/null || st=$?
	[ "$st" -le 1 ] || { echo "FAIL edgar-parse -b -n $name ($st)"; exit 1; }
	st=0
	vg "$bin/request-split" -n 3 -c 3 -l 2 -b 1000 -r "$tmp/rej3" \
	    -o "$tmp/shard" "$tmp/req" 2>/dev/null || st=$?
	[ "$st" -le 1 ] || { echo "FAIL request-split $name ($st)"; exit 1; }
	st=0
	for s in 0 1 2; do
		vg "$bin/sessionize" -i 30 -n 3 -p 4 -O -l 2 "$tmp/shard.$s" \
		    >"$tmp/o.$s" 2>/dev/null || st=$?
		[ "$st" -le 1 ] || { echo "FAIL sessionize -p -O $name ($st)"; exit 1; }
		st=0
	done
	vg "$bin/session-merge" -r "$tmp/rej4" "$tmp/o.0" "$tmp/o.1" "$tmp/o.2" \
	    "$tmp/bad.csv" >/dev/null 2>&1 || st=$?
	[ "$st" -le 1 ] || { echo "FAIL session-merge $name ($st)"; exit 1; }
	st=0
	echo "ok $name: no memcheck error, no leak"
done

# edgar-robots, every preset and output, on the real samples' own columns
# and on a stream with bad lines.
printf '1\ta\t1\t200\t0\t0\nx\tb\n2\tb\t1\t2.5\t0\t0\n1\tc\t1\t200\t0\t0\n' \
    >"$tmp/bad.tsv"
for log in "$data"/edgar-20030222-head10k.csv "$data"/edgar-20170630-head10k.csv; do
	"$bin/edgar-parse" -f time,ip,cik,code,idx,crawler "$log" >"$tmp/rob"
	name=$(basename "$log" .csv)
	for in in "$tmp/rob" "$tmp/bad.tsv"; do
		for p in sec lm lmw drt; do
			for o in kept removed flagged report; do
				st=0
				vg "$bin/edgar-robots" -p $p -o $o "$in" >/dev/null \
				    2>&1 || st=$?
				[ "$st" -le 1 ] ||
				    { echo "FAIL edgar-robots -p $p -o $o $name ($st)"; exit 1; }
			done
		done
	done
	echo "ok edgar-robots $name: no memcheck error, no leak"
done

# sessionize's research options: keys of several columns (in place and
# joined), ids, marks, aggregates, caps, grouped input, positions.
for log in "$data"/edgar-20030222-head10k.csv "$data"/edgar-20170630-head10k.csv; do
	name=$(basename "$log" .csv)
	"$bin/edgar-parse" -I -n -f time,ip,cik,accession,size,browser "$log" \
	    >"$tmp/res"
	sort -t "$(printf '\t')" -s -k2,2 -k1,1n "$tmp/res" >"$tmp/grouped"
	for opts in "-k 2,3 -I -d 3 -d 4 -a 5" "-k 2,6 -m -z 0" \
	    "-k 3,2 -M 60 -O -I" "-o detect -z -5 -M 30 -a 5" "-p 7 -I -O"; do
		st=0
		# shellcheck disable=SC2086
		vg "$bin/sessionize" -i 30 $opts "$tmp/res" >/dev/null 2>&1 ||
		    st=$?
		[ "$st" -le 1 ] || { echo "FAIL sessionize $opts $name ($st)"; exit 1; }
	done
	st=0
	vg "$bin/sessionize" -i 30 -g -O -d 3 "$tmp/grouped" >/dev/null 2>&1 ||
	    st=$?
	[ "$st" -le 1 ] || { echo "FAIL sessionize -g $name ($st)"; exit 1; }
	echo "ok sessionize's research options $name: no memcheck error, no leak"
done
# -d's sets past the sizes kept in chunks, of short values and of long
# ones (30 bytes), with repeats to clear
awk 'BEGIN { for (i = 0; i < 12000; i++)
	printf "%d\tk\tv%d\t%030d\n", i / 10, i * 7 % 5000, i % 97 }' >"$tmp/big"
vg "$bin/sessionize" -i 5 -d 3 -d 4 "$tmp/big" >/dev/null 2>&1 ||
    { echo "FAIL sessionize -d, large sets"; exit 1; }
echo "ok sessionize -d, large sets: no memcheck error, no leak"
