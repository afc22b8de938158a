#!/usr/bin/env bats
# The recipes of edgar-toolkit(7), FOR RESEARCHERS: the ip-day, the
# firm-day and the ip-CIK pairs.  Each is taken from the page's source by
# split_examples, as 95-examples takes every example, and run exactly as
# printed, on a copy of the log named research.csv as the page's is: the
# page cannot drift from what is tested.  On the page's own log the
# outputs are checked against values worked out by hand; on the excerpts
# of the SEC's samples in tests/data, against the same units computed
# another way: Python's csv module reading the log directly, without
# edgar-parse.  Outputs are compared byte for byte after LC_ALL=C sort.

load helpers

setup() {
	common_setup
	export LC_ALL=C
	cd "$tmp" || return
}

# recipe UNIT: the page's command for UNIT (ip-day, firm-day or pairs):
# the one example that starts with edgar-parse and the unit's -f list on
# research.csv.
recipe() {
	local dir=$tmp/page head i n found=0

	case $1 in
	ip-day) head='edgar-parse -I -f ip,date,cik research.csv | ' ;;
	firm-day) head='edgar-parse -I -f cik,date,code,idx,crawler research.csv | ' ;;
	pairs) head='edgar-parse -I -f ip,cik,date research.csv | ' ;;
	*) echo "recipe: no unit $1" >&2; return 1 ;;
	esac
	[ -d "$dir" ] || split_examples edgar-toolkit.7 "$dir"
	n=$(<"$dir/count")
	for ((i = 1; i <= n; i++)); do
		case $(<"$dir/$i.cmd") in
		"$head"*) found=$((found + 1)); cat "$dir/$i.cmd" ;;
		esac
	done
	if [ "$found" -ne 1 ]; then
		echo "edgar-toolkit.7: $found examples start with \"$head\"" >&2
		return 1
	fi
}

# run_recipe UNIT LOG OUT: the page's recipe for UNIT on a copy of LOG,
# its output in OUT sorted; it must exit 0 with nothing on stderr (so
# edgar-parse rejected nothing).
run_recipe() {
	local dir=$tmp/run.$1 cmd st=0

	cmd=$(recipe "$1") || return 1
	mkdir -p "$dir"
	cp "$2" "$dir/research.csv"
	(cd "$dir" && sh -c "$cmd") >"$dir/out" 2>"$dir/err" </dev/null || st=$?
	if [ "$st" -ne 0 ] || [ -s "$dir/err" ]; then
		echo "$1 on $2: exit $st, stderr:" >&2
		cat "$dir/err" >&2
		return 1
	fi
	sort "$dir/out" >"$3"
}

# py_units LOG DIR: DIR/ip-day, DIR/firm-day and DIR/pairs of LOG, computed
# from the CSV with Python's csv module, sorted.  -I's rule is the page's:
# digits, a point and only zeros become the digits; fields are escaped as
# in the request stream.  A record edgar-parse would reject (too few
# fields, an empty ip) is an error here, not a guess.
py_units() {
	mkdir -p "$2"
	python3 - "$1" "$2" <<'EOF' || return 1
import csv, re, sys

log, out = sys.argv[1], sys.argv[2]
INTEGRAL = re.compile(r'-?[0-9]+\.0+')

def integer(v):
    return v.split('.')[0] if INTEGRAL.fullmatch(v) else v

def esc(v):
    return (v.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))

def zero(v):
    try:
        return float(v) == 0
    except ValueError:
        return False

ipday, firm, pairs = {}, {}, {}
with open(log, newline='', encoding='utf-8', errors='surrogateescape') as f:
    col = None
    for row in csv.reader(f):
        if not row:
            continue
        if col is None:
            names = [n.lstrip('\ufeff').strip(' \t').lower() for n in row]
            col = {n: i for i, n in reversed(list(enumerate(names)))}
            need = max(col[n] for n in
                       ('ip', 'date', 'time', 'cik', 'code', 'idx', 'crawler'))
            continue
        if len(row) <= need or row[col['ip']] == '':
            sys.exit('%s: a record edgar-parse rejects: %r' % (log, row))
        ip, date = esc(row[col['ip']]), esc(row[col['date']])
        cik = esc(integer(row[col['cik']]))
        code, idx, crawler = (integer(row[col[n]])
                              for n in ('code', 'idx', 'crawler'))
        u = ipday.setdefault((ip, date), [0, set()])
        u[0] += 1
        if cik != '':
            u[1].add(cik)
            p = pairs.setdefault((ip, cik), [0, set()])
            p[0] += 1
            p[1].add(date)
            if (re.fullmatch('[0-9]+', code) and int(code) < 300
                    and zero(idx) and zero(crawler)):
                firm[(cik, date)] = firm.get((cik, date), 0) + 1

def write(name, lines):
    with open('%s/%s' % (out, name), 'w', encoding='utf-8',
              errors='surrogateescape', newline='\n') as f:
        for l in sorted(lines, key=lambda s: s.encode('utf-8', 'surrogateescape')):
            f.write(l + '\n')

write('ip-day', ['%s\t%s\t%d\t%d' % (k + (v[0], len(v[1])))
                 for k, v in ipday.items()])
write('firm-day', ['%s\t%s\t%d' % (k + (v,)) for k, v in firm.items()])
write('pairs', ['%s\t%s\t%d\t%d' % (k + (v[0], len(v[1])))
                for k, v in pairs.items()])
EOF
}

# check_sample LOG: every recipe on LOG gives what Python computes, and
# the units are not trivially empty.
check_sample() {
	local log=$DATA/$1 unit records

	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	py_units "$log" py
	for unit in ip-day firm-day pairs; do
		run_recipe "$unit" "$log" "$unit.got"
		[ -s "py/$unit" ] || { echo "$unit: no units in $1" >&2; return 1; }
		same "py/$unit" "$unit.got"
	done
	# Every request (every line but the header: no record of the samples
	# spans lines) is in one ip-day; the firm-days have fewer.
	records=$(($(awk 'NF' "$log" | wc -l) - 1))
	[ "$(awk -F '\t' '{ n += $3 } END { print n + 0 }' ip-day.got)" -eq "$records" ]
	[ "$(awk -F '\t' '{ n += $3 } END { print n + 0 }' firm-day.got)" -lt "$records" ]
}

@test "recipes: the page's log gives the units worked out by hand" {
	research_log >research.csv
	# 1.2.3.aaa asks for 1608552 as 1608552.0 and as 1608552 on
	# 2017-06-30: one CIK.  5.6.7.bbb's only request that day has no cik:
	# a request, no CIK, and in no firm-day or pair.
	cat >want.ip-day <<'EOF'
1.2.3.aaa	2017-06-30	2	1
1.2.3.aaa	2017-07-01	3	2
10.0.0.ccc	2017-07-01	1	1
5.6.7.bbb	2017-06-30	1	0
5.6.7.bbb	2017-07-01	2	1
9.9.9.ddd	2017-06-30	1	1
EOF
	# Left out, each for one reason only: the two index pages (idx 1),
	# the 301, 9.9.9.ddd's robot (crawler 1) and 5.6.7.bbb's request with
	# no cik.  The quoted "a,b.htm" before the code does not move the
	# code, idx and crawler of 1027281's request.
	cat >want.firm-day <<'EOF'
1027281	2017-07-01	1
1608552	2017-06-30	1
1608552	2017-07-01	2
841535	2017-07-01	1
EOF
	# 1.2.3.aaa asks for 1608552 on both days: 4 requests, 2 days.
	cat >want.pairs <<'EOF'
1.2.3.aaa	1608552	4	2
1.2.3.aaa	841535	1	1
10.0.0.ccc	1608552	1	1
5.6.7.bbb	1027281	2	1
9.9.9.ddd	1608552	1	1
EOF
	for unit in ip-day firm-day pairs; do
		run_recipe "$unit" research.csv got
		same "want.$unit" got
	done
	# The same log with CRLF line ends, as the 2003 and 2017-01-01
	# samples have them.
	sed 's/$/\r/' research.csv >crlf.csv
	for unit in ip-day firm-day pairs; do
		run_recipe "$unit" crlf.csv got
		same "want.$unit" got
	done
	# The reference agrees with the hand on the page's log.
	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	py_units research.csv py
	for unit in ip-day firm-day pairs; do
		same "want.$unit" "py/$unit"
	done
}

@test "recipes: a log with a header and no record gives no units" {
	research_log | head -n 1 >empty.csv
	for unit in ip-day firm-day pairs; do
		run_recipe "$unit" empty.csv got
		empty got
	done
}

@test "recipes: the SEC's 2003-02-22 sample (CRLF, integers, zone 500)" {
	check_sample edgar-20030222-head10k.csv
}

@test "recipes: the SEC's 2017-01-01 sample (CRLF, floats, a cik 1.1e+24)" {
	check_sample edgar-20170101-every20th.csv
}

@test "recipes: the SEC's 2017-06-30 sample (LF, floats, 350 requests a second)" {
	check_sample edgar-20170630-head10k.csv
}

# The page's per-session recipe: the one example that marks visits.csv.
session_recipe() {
	local dir=$tmp/page i n

	[ -d "$dir" ] || split_examples edgar-toolkit.7 "$dir"
	n=$(<"$dir/count")
	for ((i = 1; i <= n; i++)); do
		case $(<"$dir/$i.cmd") in
		*"visits.csv | sessionize -i 1800 -m |"*) cat "$dir/$i.cmd"; return ;;
		esac
	done
	echo "edgar-toolkit.7: no per-session recipe" >&2
	return 1
}

# py_sessions LOG: the recipe's lines computed from the CSV by Python:
# an ip's requests in input order, a new session after a gap of more than
# 1800 seconds, the id the number of the session's first record.
py_sessions() {
	python3 - "$1" <<'EOF'
import csv, datetime, re, sys

INTEGRAL = re.compile(r'-?[0-9]+\.0+')
def integer(v):
    return v.split('.')[0] if INTEGRAL.fullmatch(v) else v
epoch = datetime.datetime(1970, 1, 1)
cur, agg, order = {}, {}, []
with open(sys.argv[1], newline='', encoding='utf-8', errors='surrogateescape') as f:
    col, nrec = None, 0
    for row in csv.reader(f):
        if not row:
            continue
        if col is None:
            names = [n.lstrip('\ufeff').strip(' \t').lower() for n in row]
            col = {n: i for i, n in reversed(list(enumerate(names)))}
            continue
        nrec += 1
        g = lambda n: row[col[n]]
        d = datetime.datetime.strptime(g('date') + ' ' + g('time'), '%Y-%m-%d %H:%M:%S')
        t = int((d - epoch).total_seconds())
        ip, cik, acc = g('ip'), integer(g('cik')), g('accession')
        size = int(integer(g('size')) or 0)
        idx = int(integer(g('idx')))
        s = cur.get(ip)
        if s is None or t - agg[s]['last'] > 1800:
            s = nrec
            cur[ip] = s
            agg[s] = dict(ip=ip, first=t, last=t, n=0, ciks=set(), docs=set(), b=0, x=0)
            order.append(s)
        a = agg[s]
        a['last'] = t
        a['n'] += 1
        a['b'] += size
        a['x'] += idx
        if cik != '':
            a['ciks'].add(cik)
            a['docs'].add((cik, acc))
for s in order:
    a = agg[s]
    print('%d\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s' % (s, a['ip'], a['first'], a['last'],
          a['n'], len(a['ciks']), len(a['docs']), a['b'], '%.6g' % (a['x'] / a['n'])))
EOF
}

@test "recipes: the per-session aggregates by sessionize -m, against sessions Python makes from the CSV" {
	local cmd log

	command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
	cmd=$(session_recipe)
	visits_log >visits.csv
	py_sessions visits.csv >want
	sh -c "$cmd" >got
	same want got
	for log in "$DATA"/edgar-*.csv; do
		cp "$log" visits.csv
		py_sessions visits.csv >want
		[ "$(wc -l <want)" -gt 100 ]
		sh -c "$cmd" >got 2>err
		same want got
		[ ! -s err ]
		# the built-in -d and -a agree: the same bytes, and the same
		# CIKs but for the empty value, which -d counts
		edgar-parse -I -f time,ip,cik,accession,size,idx visits.csv |
		    sessionize -i 1800 -I -d 3 -a 5 |
		    awk -F '\t' -v OFS='\t' '{ print $6, $7, $8 }' | sort >built
		awk -F '\t' -v OFS='\t' '{ print $1, $6, $8 }' got | sort >recipe
		join -t "$(printf '\t')" recipe built >joined
		[ "$(wc -l <joined)" -eq "$(wc -l <got)" ]
		awk -F '\t' '($2 != $4 && $2 != $4 - 1) || $3 != $5 { bad++ }
		    END { exit bad > 0 }' joined
	done
}
