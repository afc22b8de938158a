#!/usr/bin/env bats
# The man pages' examples, run.  In a page's source, every line of a
# literal display (.Bd -literal ... .Ed) that starts with "$ " is a command,
# and the lines after it, up to the next command or the end of the display,
# are what it writes to a terminal (standard output and standard error
# together).  Each page's examples run in order in a scratch directory, as a
# reader would type them, and their output is compared byte for byte with
# what the page shows.  The input files they name are created here; the
# pages' own "cat FILE" examples check that they are the files shown.
# Commands that do not exit 0 are listed with their status.

load helpers

MAN=$ROOT/man

setup() {
	common_setup
	export LC_ALL=C
	cd "$tmp" || return
}

# page_output PAGE COMMAND: the output PAGE shows for its example COMMAND.
page_output() {
	local dir=$tmp/page.$1 i n

	split_examples "$1" "$dir"
	n=$(<"$dir/count")
	for ((i = 1; i <= n; i++)); do
		if [ "$(<"$dir/$i.cmd")" = "$2" ]; then
			cat "$dir/$i.exp"
			return 0
		fi
	done
	echo "$1 has no example \"\$ $2\"" >&2
	return 1
}

# A command that never ends (tail -f) runs until it has written as much as
# the page shows, or for 10 seconds; then it is stopped.  timeout(1) runs it
# in a process group of its own and passes our TERM on to the whole group.
run_live() {
	local cmd=$1 exp=$2 out=$3 pid i

	: >"$out"
	timeout 60 sh -c "$cmd" >"$out" 2>&1 </dev/null 3>&- &
	pid=$!
	for ((i = 0; i < 100; i++)); do
		[ "$(wc -c <"$out")" -ge "$(wc -c <"$exp")" ] && break
		sleep 0.1
	done
	sleep 0.3
	kill -TERM "$pid"
	wait "$pid" || true
}

# Run every example of PAGE.  Standard input lists "STATUS<TAB>COMMAND"
# for the commands whose exit status is not 0.
run_examples() {
	local page=$1 dir=$tmp/ex.$1 i n cmd want got fail=0

	cat >"$dir.status"
	split_examples "$page" "$dir"
	n=$(<"$dir/count")
	if [ "$n" -eq 0 ]; then
		echo "$page: no examples found"
		return 1
	fi
	while IFS='	' read -r want cmd; do
		for ((i = 1; i <= n; i++)); do
			[ "$(<"$dir/$i.cmd")" = "$cmd" ] && break
		done
		if [ "$i" -gt "$n" ]; then
			echo "$page: no example \"\$ $cmd\" (listed with status $want)"
			fail=1
		fi
	done <"$dir.status"
	for ((i = 1; i <= n; i++)); do
		cmd=$(<"$dir/$i.cmd")
		want=$(C=$cmd awk -F '\t' '$2 == ENVIRON["C"] { print $1 }' \
		    "$dir.status")
		want=${want:-0}
		got=0
		case $cmd in
		tail\ *-f*)
			run_live "$cmd" "$dir/$i.exp" "$dir/$i.out"
			want=0 ;;
		*)
			sh -c "$cmd" >"$dir/$i.out" 2>&1 </dev/null || got=$? ;;
		esac
		if [ "$got" != "$want" ]; then
			echo "$page: \$ $cmd: exit status $got, expected $want"
			fail=1
		fi
		diff -u --label "$page: \$ $cmd (as shown)" --label "(as run)" \
		    "$dir/$i.exp" "$dir/$i.out" || fail=1
	done
	echo "$page: $n examples run"
	return "$fail"
}

# The challenge's log (SPEC.md, "Sessionizing").
challenge_log() {
	cat <<'EOF'
ip,date,time,zone,cik,accession,extention
101.81.133.jja,2017-06-30,00:00:00,0.0,1608552.0,0001047469-17-004337,-index.htm
107.23.85.jfd,2017-06-30,00:00:00,0.0,1027281.0,0000898430-02-001167,-index.htm
107.23.85.jfd,2017-06-30,00:00:00,0.0,1136894.0,0000905148-07-003827,-index.htm
107.23.85.jfd,2017-06-30,00:00:01,0.0,841535.0,0000841535-98-000002,-index.html
108.91.91.hbc,2017-06-30,00:00:01,0.0,1295391.0,0001209784-17-000052,.txt
106.120.173.jie,2017-06-30,00:00:02,0.0,1470683.0,0001144204-14-046448,v385454_20fa.htm
107.178.195.aag,2017-06-30,00:00:02,0.0,1068124.0,0000350001-15-000854,-xbrl.zip
107.23.85.jfd,2017-06-30,00:00:03,0.0,842814.0,0000842814-98-000001,-index.html
107.178.195.aag,2017-06-30,00:00:04,0.0,1068124.0,0000350001-15-000731,-xbrl.zip
108.91.91.hbc,2017-06-30,00:00:04,0.0,1618174.0,0001140361-17-026711,.txt
EOF
}

# The challenge's expected output for it, with a period of 2.
challenge_sessions() {
	cat <<'EOF'
101.81.133.jja,2017-06-30 00:00:00,2017-06-30 00:00:00,1,1
108.91.91.hbc,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1
107.23.85.jfd,2017-06-30 00:00:00,2017-06-30 00:00:03,4,4
106.120.173.jie,2017-06-30 00:00:02,2017-06-30 00:00:02,1,1
107.178.195.aag,2017-06-30 00:00:02,2017-06-30 00:00:04,3,2
108.91.91.hbc,2017-06-30 00:00:04,2017-06-30 00:00:04,1,1
EOF
}

@test "man pages: groff -ww and mandoc -Tlint print nothing" {
	local page

	command -v groff >/dev/null 2>&1 || skip "groff is not installed"
	for page in "$MAN"/edgar-parse.1 "$MAN"/sessionize.1 \
	    "$MAN"/session-format.1 "$MAN"/edgar-robots.1 \
	    "$MAN"/request-split.1 "$MAN"/session-merge.1 \
	    "$MAN"/edgar-sessions.1 \
	    "$MAN"/edgar-streams.5 "$MAN"/edgar-toolkit.7; do
		groff -mandoc -ww -z "$page" >lint 2>&1
		if command -v mandoc >/dev/null 2>&1; then
			# STYLE would only say that the sibling pages are not
			# installed.
			mandoc -Tlint -W warning "$page" >>lint 2>&1
		fi
		diff -u /dev/null lint
	done
}

@test "man pages: sections in the usual order, dated, every option documented" {
	local page tool usage synopsis opts c order s

	command -v groff >/dev/null 2>&1 || skip "groff is not installed"
	# FOR RESEARCHERS is edgar-toolkit(7)'s own, after DESCRIPTION.
	order='NAME SYNOPSIS DESCRIPTION FOR_RESEARCHERS ENVIRONMENT EXIT_STATUS EXAMPLES DIAGNOSTICS SEE_ALSO STANDARDS CAVEATS'
	for page in "$MAN"/*.[157]; do
		grep -qx '\.Dd [A-Z][a-z]* [1-9][0-9]*, [0-9][0-9][0-9][0-9]' "$page"
		grep -qx '\.Dt [A-Z-]* [157]' "$page"
		grep -qx '\.Os' "$page"
		sed -n 's/^\.Sh //p' "$page" | tr ' ' _ >sections
		awk -v order="$order" -v page="${page##*/}" '
		BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
		!($0 in rank) { print page ": unknown section " $0; bad = 1 }
		rank[$0] <= last { print page ": " $0 " out of order"; bad = 1 }
		{ last = rank[$0] }
		END { exit bad }' sections
	done
	for tool in edgar-parse sessionize session-format edgar-robots \
	    request-split session-merge edgar-sessions; do
		page=$MAN/$tool.1
		for s in NAME SYNOPSIS DESCRIPTION EXIT_STATUS EXAMPLES DIAGNOSTICS SEE_ALSO; do
			sed -n 's/^\.Sh //p' "$page" | tr ' ' _ | grep -qx "$s"
		done
		grep -qx 'The options are as follows:' "$page"
		# The SYNOPSIS is the tool's usage line.
		usage=$("$tool" -\? 2>&1 | sed -n 's/^usage: //p') || true
		synopsis=$(groff -mandoc -Tascii -P-c -P-b -P-u "$page" 2>/dev/null |
		    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
		    tr -s ' \n' '  ' | sed 's/^ //; s/ $//')
		[ "$synopsis" = "$usage" ] ||
		    { echo "$tool: usage \"$usage\", SYNOPSIS \"$synopsis\""; false; }
		# Every option letter has its own entry in the options list.
		opts=$(printf '%s\n' "${usage#"$tool "}" | grep -o -- '-[a-z]*' |
		    tr -d '\n-')
		for ((c = 0; c < ${#opts}; c++)); do
			grep -q "^\.It Fl ${opts:c:1}\( \|$\)" "$page" ||
			    { echo "$tool: -${opts:c:1} has no .It entry"; false; }
		done
	done
}

@test "edgar-parse(1): every example runs as shown" {
	cat >log.csv <<'EOF'
ip,date,time,zone,cik,accession,extention
101.81.133.jja,2017-06-30,00:00:00,0.0,1608552.0,0001047469-17-004337,-index.htm
107.23.85.jfd,2017-06-30,00:00:01,0.0,841535.0,0000841535-98-000002,-index.html
EOF
	cat >old.csv <<'EOF'
Date,Time,IP,Extention
2003-02-22,0:00:08,203.199.92.aie,".txt"
2003-02-22,0:00:11,"203.199.92.aie","a,""b"""
EOF
	cat >bad.csv <<'EOF'
ip,date,time
101.81.133.jja,2017-06-30,00:00:00
107.23.85.jfd,2017/06/30,00:00:01
108.91.91.hbc,2017-06-30,00:00:01
EOF
	cat >stray.csv <<'EOF'
ip,date,time
"101.81.133.jja,2017-06-30,00:00:00
107.23.85.jfd,2017-06-30,00:00:01
108.91.91.hbc,2017-06-30,00:00:01
EOF
	printf 'ip,date,time\n101.81.133.jja,2017-06-30,23:59:59\n' >day1.csv
	printf 'ip,date,time\n101.81.133.jja,2017-07-01,00:00:01\n' >day2.csv
	run_examples edgar-parse.1 <<'EOF'
1	edgar-parse -b -r rejected.csv bad.csv > requests.tsv
2	edgar-parse -s bad.csv > /dev/null
1	edgar-parse -b stray.csv > stray.tsv
2	grep '^107\.23\.' log.csv | edgar-parse -b
EOF
	# The requests of bad.csv that were used.
	printf '1498780800\t101.81.133.jja\n1498780801\t108.91.91.hbc\n' >want
	cmp want requests.tsv
}

@test "sessionize(1): every example runs as shown" {
	cat >requests.tsv <<'EOF'
1498780800	x
1498780801	y
1498780802	x
1498780809	z
EOF
	cat >unsorted.tsv <<'EOF'
1498780800	x
1498780802	x
1498780801	y
1498780809	z
EOF
	cat >logins.tsv <<'EOF'
alice	1000
bob	1100
alice	2500
alice	5000
EOF
	cat >late.csv <<'EOF'
ip,date,time
x,2017-06-30,00:00:00
x,2017-06-30,00:00:02
y,2017-06-30,00:00:01
z,2017-06-30,00:00:09
EOF
	challenge_log >log.csv
	run_examples sessionize.1 <<'EOF'
1	sessionize -i 2 unsorted.tsv > sessions.tsv
1	edgar-parse -b -n late.csv | sessionize -i 2 -n 3 > sessions.tsv
1	head -c 30 requests.tsv | sessionize -i 2
EOF
	# The sessions of late.csv, without y's late request.
	printf 'x\t1498780800\t1498780802\t3\t2\n' >want
	printf 'z\t1498780809\t1498780809\t1\t1\n' >>want
	cmp want sessions.tsv
}

@test "session-format(1): every example runs as shown" {
	challenge_log >log.csv
	cat >sessions.tsv <<'EOF'
101.81.133.jja	1498780800	1498780800	1	1
107.23.85.jfd	1498780800	1498780803	4	4
EOF
	run_examples session-format.1 <<'EOF'
1	printf 'k\t10\t12\t2\t1\n' | session-format
1	head -c 60 sessions.tsv | session-format
1	printf '1.2.3.abc\t1498780800\t1498780803\t4\t2\n' | session-format -k ip,browser
EOF
}

@test "edgar-robots(1): every example runs as shown" {
	cat >requests.tsv <<'EOF'
1498780800	101.81.133.jja	1608552.0	200.0	0.0	0.0
1498780800	107.23.85.jfd	1027281.0	404.0	0.0	1.0
1498780801	108.91.91.hbc	1295391.0	200.0	1.0	0.0
1498780802	106.120.173.jie	1470683.0	301.0	0.0	0.0
1498780803	101.81.133.jja	1608552.0	200.0	0.0	0.0
1498780804	101.81.133.jja	1068124.0	200.0	0.0	0.0
EOF
	cat >log.csv <<'EOF'
ip,date,time,zone,cik,accession,extention,code,size,idx,norefer,noagent,find,crawler,browser
101.81.133.jja,2017-06-30,00:00:00,0.0,1608552.0,0001047469-17-004337,.txt,200.0,80251.0,0.0,0.0,0.0,9.0,0.0,
107.23.85.jfd,2017-06-30,00:00:00,0.0,1027281.0,0000898430-02-001167,-index.htm,200.0,2825.0,1.0,0.0,0.0,10.0,0.0,
107.23.85.jfd,2017-06-30,00:00:00,0.0,1136894.0,0000905148-07-003827,-index.htm,200.0,3021.0,1.0,0.0,0.0,10.0,0.0,
107.23.85.jfd,2017-06-30,00:00:01,0.0,841535.0,0000841535-98-000002,.txt,404.0,0.0,0.0,0.0,0.0,10.0,1.0,
108.91.91.hbc,2017-06-30,00:00:01,0.0,1295391.0,0001209784-17-000052,.txt,200.0,1513.0,0.0,0.0,0.0,10.0,0.0,
101.81.133.jja,2017-06-30,00:00:02,0.0,1068124.0,0000350001-15-000854,-xbrl.zip,200.0,5562.0,0.0,0.0,0.0,10.0,0.0,
106.120.173.jie,2017-06-30,00:00:02,0.0,1470683.0,0001144204-14-046448,v385454_20fa.htm,301.0,662.0,0.0,0.0,0.0,10.0,0.0,
101.81.133.jja,2017-06-30,00:00:04,0.0,1608552.0,0001047469-17-004337,.txt,200.0,80251.0,0.0,0.0,0.0,9.0,0.0,
EOF
	run_examples edgar-robots.1 <<'EOF'
1	printf '1498780800\tx\t1\t200\t0\t2\n' | edgar-robots -p sec
EOF
}

@test "edgar-streams(5): every example runs as shown" {
	cat >requests.tsv <<'EOF'
1498780800	101.81.133.jja	1608552.0	0001047469-17-004337	-index.htm
1498780800	107.23.85.jfd	1027281.0	0000898430-02-001167	-index.htm
1498780800	107.23.85.jfd	1136894.0	0000905148-07-003827	-index.htm
1498780801	107.23.85.jfd	841535.0	0000841535-98-000002	-index.html
1498780801	108.91.91.hbc	1295391.0	0001209784-17-000052	.txt
1498780802	106.120.173.jie	1470683.0	0001144204-14-046448	v385454_20fa.htm
1498780802	107.178.195.aag	1068124.0	0000350001-15-000854	-xbrl.zip
1498780803	107.23.85.jfd	842814.0	0000842814-98-000001	-index.html
1498780804	107.178.195.aag	1068124.0	0000350001-15-000731	-xbrl.zip
1498780804	108.91.91.hbc	1618174.0	0001140361-17-026711	.txt
EOF
	cat >sessions.tsv <<'EOF'
101.81.133.jja	1498780800	1498780800	1	1
108.91.91.hbc	1498780801	1498780801	1	1
107.23.85.jfd	1498780800	1498780803	4	4
106.120.173.jie	1498780802	1498780802	1	1
107.178.195.aag	1498780802	1498780804	3	2
108.91.91.hbc	1498780804	1498780804	1	1
EOF
	run_examples edgar-streams.5 </dev/null
	# The page's streams are the tools' own, for the challenge's log.
	challenge_log >log.csv
	edgar-parse log.csv >got.requests
	cmp requests.tsv got.requests
	sessionize -i 2 requests.tsv >got.sessions
	cmp sessions.tsv got.sessions
}

@test "edgar-toolkit(7): every example runs as shown" {
	challenge_log >log.csv
	mkdir input
	challenge_log >input/log.csv
	echo 2 >input/inactivity_period.txt
	# A copy of run.sh away from the source tree uses the tools on PATH.
	cp "$ROOT/run.sh" .
	cat >xyz.csv <<'EOF'
ip,date,time
x,2017-06-30,00:00:00
y,2017-06-30,00:00:01
x,2017-06-30,00:00:02
z,2017-06-30,00:00:09
EOF
	cat >day.csv <<'EOF'
ip,date,time
1.2.3.aaa,2017-06-30,09:00:00
5.6.7.bbb,2017-06-30,09:10:00
1.2.3.aaa,2017-06-30,09:25:00
1.2.3.aaa,2017-06-30,09:50:00
5.6.7.bbb,2017-06-30,10:00:00
1.2.3.aaa,2017-06-30,10:15:00
1.2.3.aaa,2017-06-30,10:40:00
EOF
	cat >a.csv <<'EOF'
ip,date,time
x,2017-06-30,00:00:00
x,2017-06-30,00:00:02
EOF
	cat >b.csv <<'EOF'
ip,date,time
y,2017-06-30,00:00:01
z,2017-06-30,00:00:09
EOF
	# The log of the recipes for researchers (97-recipes checks them on
	# the SEC's samples too).
	research_log >research.csv
	visits_log >visits.csv
	run_examples edgar-toolkit.7 <<'EOF'
2	./run.sh input/log.csv period.txt out.txt
EOF
	[ ! -e out.txt ]
}

@test "the pages show what SPEC.md says: the challenge's example" {
	challenge_sessions >want
	page_output session-format.1 \
	    'edgar-parse -b log.csv | sessionize -i 2 | session-format' >got
	diff -u want got
	page_output edgar-toolkit.7 \
	    'edgar-parse -b log.csv | sessionize -i 2 | session-format' >got
	diff -u want got
	page_output edgar-toolkit.7 'cat output/sessionization.txt' >got
	diff -u want got
	challenge_log >want
	page_output edgar-toolkit.7 'cat log.csv' >got
	diff -u want got
}

@test "the pages show what SPEC.md says: the two orders of x, y and z" {
	cat >want <<'EOF'
y,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1
x,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2
z,2017-06-30 00:00:09,2017-06-30 00:00:09,1,1
EOF
	page_output edgar-toolkit.7 \
	    'edgar-parse -b xyz.csv | sessionize -i 2 | session-format' >got
	diff -u want got
	# In the event-driven order x's session comes first: x asked first.
	cat >want <<'EOF'
x,2017-06-30 00:00:00,2017-06-30 00:00:02,3,2
y,2017-06-30 00:00:01,2017-06-30 00:00:01,1,1
z,2017-06-30 00:00:09,2017-06-30 00:00:09,1,1
EOF
	page_output edgar-toolkit.7 \
	    'edgar-parse -b xyz.csv | sessionize -i 2 -o detect | session-format' >got
	diff -u want got
	printf 'y\t1498780801\t1498780801\t1\t1\n' >want
	printf 'x\t1498780800\t1498780802\t3\t2\n' >>want
	printf 'z\t1498780809\t1498780809\t1\t1\n' >>want
	page_output sessionize.1 'sessionize -i 2 requests.tsv' >got
	diff -u want got
}

@test "the pages show what SPEC.md says: a gap of exactly P continues, P + 1 does not" {
	# 102 is P = 2 after 100: the same session, duration 102 - 100 + 1.
	# 105 is P + 1 after 102: a new session.
	printf 'a\t100\t102\t3\t2\na\t105\t105\t1\t1\n' >want
	page_output sessionize.1 \
	    "printf '100\\ta\\n102\\ta\\n105\\ta\\n' | sessionize -i 2" >got
	diff -u want got
}

@test "request-split(1): every example runs as shown" {
	printf '1498780800\t101.81.133.jja\n1498780800\t107.23.85.jfd\n1498780803\t107.23.85.jfd\n' >requests.tsv
	printf 'ip,date,time\nx,2017-06-30,00:00:05\ny,2017-06-30,00:00:01\n' >late.csv
	run_examples request-split.1 <<'EOF'
1	edgar-parse -b -n late.csv | request-split -n 4 -c 3
EOF
}

@test "session-merge(1): every example runs as shown" {
	printf 'a\t1\t1\t1\t1\t3\t1\t1\nc\t5\t5\t1\t1\t7\t5\t5\n' >shard0.tsv
	printf 'x\t1\t2\t2\t2\t4\t2\t0\ny\t3\t3\t1\t1\t5\t3\t9\n' >shard1.tsv
	challenge_log >log.csv
	edgar-parse -b log.csv | sessionize -i 2 >sessions.tsv
	run_examples session-merge.1 </dev/null
}

@test "edgar-sessions(1): every example runs as shown" {
	printf 'ip,date,time\n101.81.133.jja,2017-06-30,23:59:58\n107.23.85.jfd,2017-06-30,23:59:59\n' >log20170630.csv
	printf 'ip,date,time\n107.23.85.jfd,2017-07-01,00:00:01\n101.81.133.jja,2017-07-01,00:00:05\n' >log20170701.csv
	printf 'The SEC README\n' >README.txt
	zip -q log20170630.zip log20170630.csv README.txt
	gzip log20170701.csv
	run_examples edgar-sessions.1 </dev/null
}
