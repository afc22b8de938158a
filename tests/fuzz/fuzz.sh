#!/bin/sh
# tests/fuzz/fuzz.sh: build each libFuzzer harness named in $FUZZ, replay
# its saved crashes (tests/fuzz/regress/NAME-*), then fuzz it $FUZZTIME
# seconds from its seed corpus; new crashes are saved in tests/fuzz/run/.
# Every harness runs even if one fails.  Run by "make fuzz", which sets
# FUZZ, FUZZCC, FUZZFLAGS, FUZZTIME, CPPFLAGS and LIBSRC.
# FUZZFLAGS has -DSCAN_GUARD: the buffers of scan_alloc() (lib/scan.c),
# the harnesses' own as well as lib/'s, end their SCAN_SLACK bytes against
# an inaccessible page, so that a read past the slack crashes.
set -u
cd "$(dirname "$0")/../.."

mkdir -p tests/fuzz/bin || exit 2
for f in $FUZZ; do
	# shellcheck disable=SC2086
	$FUZZCC $FUZZFLAGS $CPPFLAGS -o "tests/fuzz/bin/fuzz-$f" \
	    "tests/fuzz/fuzz-$f.c" $LIBSRC || exit 2
done
st=0
for f in $FUZZ; do
	for r in tests/fuzz/regress/"$f"-*; do
		[ ! -f "$r" ] || "tests/fuzz/bin/fuzz-$f" "$r" || st=1
	done
	rm -rf "tests/fuzz/run/$f" && mkdir -p "tests/fuzz/run/$f" || exit 2
	"tests/fuzz/bin/fuzz-$f" -max_total_time="$FUZZTIME" \
	    -print_final_stats=1 -artifact_prefix=tests/fuzz/run/ \
	    "tests/fuzz/run/$f" "tests/fuzz/corpus/$f" || st=1
done
exit $st
