#!/usr/bin/env bats
# edgar-parse: EDGAR CSV in, request stream out.

load helpers

# One case a line: the records after the usual header => the stream.
# 1498780800 is 2017-06-30 00:00:00 UTC.
@test "parse: CSV edge cases" {
	parse_cases "$CSVHEAD" <<'EOF'
# plain and quoted fields
1.2.3.4,2017-06-30,00:00:00,1,a,.txt => 1498780800\t1.2.3.4\t1\ta\t.txt
"1.2.3.4",2017-06-30,00:00:00,1,a,.txt => 1498780800\t1.2.3.4\t1\ta\t.txt
"1.2.3.4","2017-06-30","00:00:00","1","a",".txt" => 1498780800\t1.2.3.4\t1\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,"1,2",a,.txt => 1498780800\t1.2.3.4\t1,2\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,",",",,",",.," => 1498780800\t1.2.3.4\t,\t,,\t,.,
1.2.3.4,2017-06-30,00:00:00,"x""y",a,.txt => 1498780800\t1.2.3.4\tx"y\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,"""",a,"a""" => 1498780800\t1.2.3.4\t"\ta\ta"
1.2.3.4,2017-06-30,00:00:00,"",a,"" => 1498780800\t1.2.3.4\t\ta\t
1.2.3.4,2017-06-30,00:00:00,"""""",a,.txt => 1498780800\t1.2.3.4\t""\ta\t.txt
# a quote inside an unquoted field is data
1.2.3.4,2017-06-30,00:00:00,a"b,c",.txt => 1498780800\t1.2.3.4\ta"b\tc"\t.txt
# line breaks inside quotes are data, escaped in the stream
1.2.3.4,2017-06-30,00:00:00,"l1\nl2",a,.txt => 1498780800\t1.2.3.4\tl1\\nl2\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,"l1\r\nl2\r\n",a,.txt => 1498780800\t1.2.3.4\tl1\\r\\nl2\\r\\n\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,"\n\n\n",a,.txt => 1498780800\t1.2.3.4\t\\n\\n\\n\ta\t.txt
"1.2.\n3.4",2017-06-30,00:00:00,1,a,.txt => 1498780800\t1.2.\\n3.4\t1\ta\t.txt
# CRLF and LF line ends, CR elsewhere is data
1.2.3.4,2017-06-30,00:00:00,1,a,.txt\r => 1498780800\t1.2.3.4\t1\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,1,a,".txt"\r => 1498780800\t1.2.3.4\t1\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,1,a,\r => 1498780800\t1.2.3.4\t1\ta\t
1.2.3.4,2017-06-30,00:00:00,1,a\rb,.txt\r => 1498780800\t1.2.3.4\t1\ta\\rb\t.txt
1.2.3.4,2017-06-30,00:00:00,1,a,.txt\r\r => 1498780800\t1.2.3.4\t1\ta\t.txt\\r
# TAB and backslash escaped
1.2.3.4,2017-06-30,00:00:00,a\tb,a,.txt => 1498780800\t1.2.3.4\ta\\tb\ta\t.txt
1.2.3.4,2017-06-30,00:00:00,a\\b,\\,\\n => 1498780800\t1.2.3.4\ta\\\\b\t\\\\\t\\\\n
1.2.3.4,2017-06-30,00:00:00,"\t\\",a,.txt => 1498780800\t1.2.3.4\t\\t\\\\\ta\t.txt
# blanks are data
 1.2.3.4 ,2017-06-30,00:00:00, 1 ,a,.txt => 1498780800\t 1.2.3.4 \t 1 \ta\t.txt
# missing optional values
1.2.3.4,2017-06-30,00:00:00,,, => 1498780800\t1.2.3.4\t\t\t
# one-digit hour (the 2003 logs)
1.2.3.4,2017-06-30,0:00:08,1,a,.txt => 1498780808\t1.2.3.4\t1\ta\t.txt
1.2.3.4,2017-06-30,9:59:59,1,a,.txt => 1498816799\t1.2.3.4\t1\ta\t.txt
# blank lines are skipped, a last line without LF is a record
\n1.2.3.4,2017-06-30,00:00:00,1,a,.txt\n\n => 1498780800\t1.2.3.4\t1\ta\t.txt
\r\n1.2.3.4,2017-06-30,00:00:00,1,a,.txt\r\n\r\n => 1498780800\t1.2.3.4\t1\ta\t.txt
a,2017-06-30,00:00:00,,,\nb,2017-06-30,00:00:01,,,\c => 1498780800\ta\t\t\t\n1498780801\tb\t\t\t
a,2017-06-30,00:00:00,,,\r\nb,2017-06-30,00:00:01,,,\r\c => 1498780800\ta\t\t\t\n1498780801\tb\t\t\t
a,2017-06-30,00:00:00,1,a,"x\ny"\c => 1498780800\ta\t1\ta\tx\\ny
\c =>
\n\n\c =>
EOF
}

@test "parse: NUL bytes and invalid UTF-8 inside fields pass through" {
	csv "$tmp/in.csv" 'a\0b,2017-06-30,00:00:00,\xff\xfe,"q\0\xc3\x28",\xed\xa0\x80'
	put "$tmp/want" '1498780800\ta\0b\t\xff\xfe\tq\0\xc3\x28\t\xed\xa0\x80\n'
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	no_stderr
	cmp "$tmp/want" "$tmp/got"
}

@test "parse: a field of 20 MB" {
	{
		printf '%s\n' "$CSVHEAD"
		printf '1.2.3.4,2017-06-30,00:00:00,1,"'
		head -c 20000000 /dev/zero | tr '\0' x
		printf '",.txt\n'
		printf '1.2.3.4,2017-06-30,00:00:01,'
		head -c 20000000 /dev/zero | tr '\0' y
		printf ',a,.txt\n'
	} >"$tmp/in.csv"
	{
		printf '1498780800\t1.2.3.4\t1\t'
		head -c 20000000 /dev/zero | tr '\0' x
		printf '\t.txt\n'
		printf '1498780801\t1.2.3.4\t'
		head -c 20000000 /dev/zero | tr '\0' y
		printf '\ta\t.txt\n'
	} >"$tmp/want"
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	no_stderr
	cmp "$tmp/want" "$tmp/got"
}

# The whole input, header first, => the stream (-b: time and ip only).
@test "parse: header names: case, blanks, BOM, quotes, order, extra columns" {
	parse_cases - -b <<'EOF'
ip,date,time\na,2017-06-30,00:00:00 => 1498780800\ta
IP,Date,TIME\na,2017-06-30,00:00:00 => 1498780800\ta
 ip ,\tdate\t,  time  \na,2017-06-30,00:00:00 => 1498780800\ta
ip,date,time \r\na,2017-06-30,00:00:00\r => 1498780800\ta
\xef\xbb\xbfip,date,time\na,2017-06-30,00:00:00 => 1498780800\ta
\xef\xbb\xbfIP,DATE,TIME\r\na,2017-06-30,00:00:00\r => 1498780800\ta
"ip","date","time"\na,2017-06-30,00:00:00 => 1498780800\ta
" ip","Date ",time\na,2017-06-30,00:00:00 => 1498780800\ta
time,ip,date\n00:00:00,a,2017-06-30 => 1498780800\ta
date,x,time,y,ip,z\n2017-06-30,1,00:00:00,2,a,3 => 1498780800\ta
ip,date,time\n\na,2017-06-30,00:00:00 => 1498780800\ta
\n\nip,date,time\na,2017-06-30,00:00:00 => 1498780800\ta
EOF
}

@test "parse: shuffled, extra and missing optional columns" {
	parse_cases - <<'EOF'
ip,date,time\na,2017-06-30,00:00:00 => 1498780800\ta\t\t\t
ip,date,time,extention\na,2017-06-30,00:00:00,.txt => 1498780800\ta\t\t\t.txt
extention,accession,cik,time,date,ip\n.txt,acc,1,00:00:00,2017-06-30,a => 1498780800\ta\t1\tacc\t.txt
zone,CIK,ip,code,Accession,date,time,EXTENTION,size\n0,1,a,200,acc,2017-06-30,00:00:00,.txt, => 1498780800\ta\t1\tacc\t.txt
ip,date,time,extension\na,2017-06-30,00:00:00,.txt => 1498780800\ta\t\t\t
EOF
}

# A record needs every column the request stream is made of, with -b or
# without; columns after those are not looked at.
@test "parse: -b and plain reject the same short records, and use long ones" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00' 'b,2017-06-30,00:00:00,1,acc,.txt,x' \
	    'c,2017-06-30,00:00:00,1,acc,.txt' 'd,2017-06-30,00:00:00,1,acc'
	lines "$tmp/want" '1498780800\tb' '1498780800\tc'
	for opt in -b -u; do
		run -1 --separate-stderr save "$tmp/got" edgar-parse $opt "$tmp/in.csv"
		err_is 0 "edgar-parse: $tmp/in.csv:2: too few fields (3; the columns used need 6)"
		err_is 1 "edgar-parse: $tmp/in.csv:5: too few fields (5; the columns used need 6)"
		err_is 2 "edgar-parse: 2 records rejected"
		cut -f 1,2 "$tmp/got" >"$tmp/cut"
		same "$tmp/want" "$tmp/cut"
	done
}

# Regression: the time cache took an empty time for the last one converted
# (an empty field at the start, an earlier day's time after a date change).
@test "parse: an empty time is rejected, also after a date change" {
	lines "$tmp/in.csv" ip,date,time 'a,2017-06-30,' 'b,2017-06-30,00:00:05' \
	    'c,2017-07-01,' 'd,2017-07-01,00:00:06'
	lines "$tmp/want" '1498780805\tb\t\t\t' '1498867206\td\t\t\t'
	run -1 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: bad time \"\""
	err_is 1 "edgar-parse: $tmp/in.csv:4: bad time \"\""
	err_is 2 "edgar-parse: 2 records rejected"
	same "$tmp/want" "$tmp/got"
}

# Regression: the date cache started (and restarted after a bad date) as ten
# NUL bytes, so a date of ten NULs was taken for the last good one.
@test "parse: a date of ten NUL bytes is rejected, first or after a bad date" {
	lines "$tmp/in.csv" ip,date,time 'a,\0\0\0\0\0\0\0\0\0\0,00:00:01' \
	    'b,2017-06-30,00:00:02' 'c,2017-02-30,00:00:03' \
	    'd,\0\0\0\0\0\0\0\0\0\0,00:00:04'
	lines "$tmp/want" '1498780802\tb'
	run -1 --separate-stderr save "$tmp/got" edgar-parse -b "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: bad date \"$(printf '\\x00%.0s' 1 2 3 4 5 6 7 8 9 10)\""
	err_is 2 "edgar-parse: $tmp/in.csv:5: bad date \"$(printf '\\x00%.0s' 1 2 3 4 5 6 7 8 9 10)\""
	err_is 3 "edgar-parse: 3 records rejected"
	same "$tmp/want" "$tmp/got"
}

@test "parse: dates and times, as UTC epoch seconds" {
	parse_cases ip,date,time -b <<'EOF'
a,1970-01-01,00:00:00 => 0\ta
a,1969-12-31,23:59:59 => -1\ta
a,1900-01-01,00:00:00 => -2208988800\ta
# midnight, day, month and year ends
a,2017-06-30,00:00:00 => 1498780800\ta
a,2017-06-30,23:59:59 => 1498867199\ta
a,2017-07-01,00:00:00 => 1498867200\ta
a,2017-01-31,23:59:59 => 1485907199\ta
a,2017-02-01,00:00:00 => 1485907200\ta
a,2016-12-31,23:59:59 => 1483228799\ta
a,2017-12-31,23:59:59 => 1514764799\ta
a,2018-01-01,00:00:00 => 1514764800\ta
a,2000-01-01,00:00:00 => 946684800\ta
# leap days: every 4 years, not in 1900, in 2000
a,2016-02-29,12:00:00 => 1456747200\ta
a,2016-03-01,00:00:00 => 1456790400\ta
a,2000-02-29,00:00:00 => 951782400\ta
a,1900-02-28,23:59:59 => -2203891201\ta
a,1900-03-01,00:00:00 => -2203891200\ta
# past 32 bits
a,2038-01-19,03:14:07 => 2147483647\ta
a,2038-01-19,03:14:08 => 2147483648\ta
a,2106-02-07,06:28:16 => 4294967296\ta
a,9999-12-31,23:59:59 => 253402300799\ta
a,0001-01-01,00:00:00 => -62135596800\ta
# one-digit hours
a,2003-02-22,0:00:08 => 1045872008\ta
a,2003-02-22,9:59:59 => 1045907999\ta
a,2003-02-22,09:59:59 => 1045907999\ta
# the days of a log: the date changes between records
a,2017-06-30,23:59:59\nb,2017-07-01,00:00:00\nc,2017-06-30,23:59:59 => 1498867199\ta\n1498867200\tb\n1498867199\tc
EOF
}

# One case a line: the records after "ip,date,time" => the first line of
# stderr; exit 1, no output, "1 record rejected".
@test "parse: bad dates and times are rejected" {
	parse_reject_cases ip,date,time <<'EOF'
a,2017-02-29,00:00:00 => edgar-parse: in.csv:2: bad date "2017-02-29"
a,1900-02-29,00:00:00 => edgar-parse: in.csv:2: bad date "1900-02-29"
a,2100-02-29,00:00:00 => edgar-parse: in.csv:2: bad date "2100-02-29"
a,2017-04-31,00:00:00 => edgar-parse: in.csv:2: bad date "2017-04-31"
a,2017-06-31,00:00:00 => edgar-parse: in.csv:2: bad date "2017-06-31"
a,2017-13-01,00:00:00 => edgar-parse: in.csv:2: bad date "2017-13-01"
a,2017-00-10,00:00:00 => edgar-parse: in.csv:2: bad date "2017-00-10"
a,2017-06-00,00:00:00 => edgar-parse: in.csv:2: bad date "2017-06-00"
a,2017-6-30,00:00:00 => edgar-parse: in.csv:2: bad date "2017-6-30"
a,17-06-30,00:00:00 => edgar-parse: in.csv:2: bad date "17-06-30"
a,2017/06/30,00:00:00 => edgar-parse: in.csv:2: bad date "2017/06/30"
a,20170630,00:00:00 => edgar-parse: in.csv:2: bad date "20170630"
a,2017-06-30 ,00:00:00 => edgar-parse: in.csv:2: bad date "2017-06-30 "
a,2017-06-3x,00:00:00 => edgar-parse: in.csv:2: bad date "2017-06-3x"
a,,00:00:00 => edgar-parse: in.csv:2: bad date ""
a,2017-06-30,24:00:00 => edgar-parse: in.csv:2: bad time "24:00:00"
a,2017-06-30,00:60:00 => edgar-parse: in.csv:2: bad time "00:60:00"
a,2017-06-30,23:59:60 => edgar-parse: in.csv:2: bad time "23:59:60"
a,2017-06-30,000:00:00 => edgar-parse: in.csv:2: bad time "000:00:00"
a,2017-06-30,0:0:00 => edgar-parse: in.csv:2: bad time "0:0:00"
a,2017-06-30,00:00 => edgar-parse: in.csv:2: bad time "00:00"
a,2017-06-30,00:00:00.5 => edgar-parse: in.csv:2: bad time "00:00:00.5"
a,2017-06-30, 0:00:00 => edgar-parse: in.csv:2: bad time " 0:00:00"
a,2017-06-30,-1:00:00 => edgar-parse: in.csv:2: bad time "-1:00:00"
a,2017-06-30, => edgar-parse: in.csv:2: bad time ""
a,2017-06-30,\x01\t\\ => edgar-parse: in.csv:2: bad time "\x01\x09\x5c"
EOF
}

@test "parse: other rejected records and their messages" {
	parse_reject_cases ip,date,time,cik <<'EOF'
,2017-06-30,00:00:00,1 => edgar-parse: in.csv:2: empty ip
"",2017-06-30,00:00:00,1 => edgar-parse: in.csv:2: empty ip
a,2017-06-30,00:00:00 => edgar-parse: in.csv:2: too few fields (3; the columns used need 4)
a => edgar-parse: in.csv:2: too few fields (1; the columns used need 4)
a,2017-06-30,00:00:00,"1\c => edgar-parse: in.csv:2: unterminated quote (the input ends on its line)
a,2017-06-30,00:00:00,"1"x => edgar-parse: in.csv:2: text after a closing quote
"a" ,2017-06-30,00:00:00,1 => edgar-parse: in.csv:2: text after a closing quote
\n\na,2017-06-30,00:00:00 => edgar-parse: in.csv:4: too few fields (3; the columns used need 4)
EOF
}

# Fields after the columns used are not looked at.
@test "parse: fields past the columns used are not checked" {
	parse_cases ip,date,time,cik -b <<'EOF'
a,2017-06-30,00:00:00,1,2 => 1498780800\ta
a,2017-06-30,00:00:00,1, => 1498780800\ta
a,2017-06-30,00:00:00,"1,2", => 1498780800\ta
a,2017-06-30,00:00:00,1,"x\ny" => 1498780800\ta
EOF
}

@test "parse: rejects give physical line numbers, also after quoted line breaks" {
	csv "$tmp/in.csv" \
	    'a,2017-06-30,00:00:00,"x\ny\nz",acc,.txt' \
	    'b,2017-06-31,00:00:00,1,acc,.txt' \
	    '' \
	    'c,2017-06-30,00:00:01,"p\r\nq",acc,.txt\r' \
	    ',2017-06-30,00:00:02,"r\ns",acc,.txt' \
	    'd,2017-06-30,00:00:03,1,acc,.txt'
	lines "$tmp/want" \
	    '1498780800\ta\tx\\ny\\nz\tacc\t.txt' \
	    '1498780801\tc\tp\\r\\nq\tacc\t.txt' \
	    '1498780803\td\t1\tacc\t.txt'
	run -1 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:5: bad date \"2017-06-31\""
	err_is 1 "edgar-parse: $tmp/in.csv:9: empty ip"
	err_is 2 "edgar-parse: 2 records rejected"
	err_lines 3
	same "$tmp/want" "$tmp/got"
}

@test "parse: -r writes the rejected records, exact bytes" {
	csv "$tmp/in.csv" \
	    'a,2017-06-30,00:00:00,1,acc,.txt' \
	    'b,2017-02-29,00:00:00,1,acc,.txt\r' \
	    ',2017-06-30,00:00:00,"x\ny",acc,.txt' \
	    'c\0\xff,2017-06-30,00:00:00' \
	    'd,2017-06-30,24:00:00,1,acc,.txt' \
	    'e,2017-06-30,00:00:01,1,acc,.txt' \
	    'f,2017-06-30,00:00:02,"1"2,acc,.txt' \
	    'g,2017-06-30,00:00:0x,1,acc,.txt\c'
	put "$tmp/want-rej" 'b,2017-02-29,00:00:00,1,acc,.txt\r\n,2017-06-30,00:00:00,"x\ny",acc,.txt\nc\0\xff,2017-06-30,00:00:00\nd,2017-06-30,24:00:00,1,acc,.txt\nf,2017-06-30,00:00:02,"1"2,acc,.txt\ng,2017-06-30,00:00:0x,1,acc,.txt\n'
	lines "$tmp/want" '1498780800\ta\t1\tacc\t.txt' \
	    '1498780801\te\t1\tacc\t.txt'
	run -1 --separate-stderr save "$tmp/got" edgar-parse -r "$tmp/rej" "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:3: bad date \"2017-02-29\""
	err_is 6 "edgar-parse: 6 records rejected"
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
}

# Regression: one stray quote made the rest of the log one record, so
# that every later request was lost and memory grew with the input.
@test "parse: an unterminated quote costs its own line, -r keeps that line" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,"1,acc,.txt' \
	    'b,2017-06-30,00:00:00,1,acc,.txt\r'
	put "$tmp/want-rej" 'a,2017-06-30,00:00:00,"1,acc,.txt\n'
	lines "$tmp/want" '1498780800\tb\t1\tacc\t.txt'
	run -1 --separate-stderr save "$tmp/got" edgar-parse -r "$tmp/rej" "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:2: unterminated quote (not closed in the 2 lines to the end of the input; this line alone is rejected)"
	err_is 1 "edgar-parse: 1 record rejected"
	err_lines 2
	same "$tmp/want" "$tmp/got"
	cmp "$tmp/want-rej" "$tmp/rej"
}

@test "parse: -r into a file that cannot be created" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,1,acc,.txt'
	run -2 --separate-stderr save "$tmp/got" edgar-parse -r "$tmp/no/such/dir" "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/no/such/dir: No such file or directory"
}

@test "parse: -s exits 2 at the first rejected record" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,1,acc,.txt' \
	    'b,2017-06-30,25:00:00,1,acc,.txt' \
	    'c,2017-06-30,00:00:01,1,acc,.txt' \
	    'd,2017-06-30,26:00:00,1,acc,.txt'
	lines "$tmp/want" '1498780800\ta\t1\tacc\t.txt'
	run -2 --separate-stderr save "$tmp/got" edgar-parse -s -r "$tmp/rej" "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:3: bad time \"25:00:00\""
	err_is 1 "edgar-parse: stopped at the first rejected record (-s)"
	err_lines 2
	same "$tmp/want" "$tmp/got"
	lines "$tmp/want-rej" 'b,2017-06-30,25:00:00,1,acc,.txt'
	same "$tmp/want-rej" "$tmp/rej"
}

@test "parse: -s with no rejected record exits 0" {
	run -0 --separate-stderr save "$tmp/got" edgar-parse -s "$GOLDEN/parse-20170630.in"
	no_stderr
	same "$GOLDEN/parse-20170630.out" "$tmp/got"
}

@test "parse: 15 bad lines give 10 messages, a note and the total" {
	{
		echo ip,date,time
		for i in $(seq 15); do echo "a$i,2017-06-30,99:00:00"; done
		echo "z,2017-06-30,00:00:00"
	} >"$tmp/in.csv"
	lines "$tmp/want" '1498780800\tz'
	run -1 --separate-stderr save "$tmp/got" edgar-parse -b "$tmp/in.csv"
	same "$tmp/want" "$tmp/got"
	for i in $(seq 0 9); do
		err_is $i "edgar-parse: $tmp/in.csv:$((i + 2)): bad time \"99:00:00\""
	done
	err_is 10 "edgar-parse: more records rejected; their total follows at the end"
	err_is 11 "edgar-parse: 15 records rejected"
	err_lines 12
}

@test "parse: -b writes time and ip only" {
	run -0 --separate-stderr save "$tmp/got" edgar-parse -b "$GOLDEN/parse-20170630.in"
	no_stderr
	same "$GOLDEN/parse-20170630-b.out" "$tmp/got"
	run -0 --separate-stderr save "$tmp/full" edgar-parse "$GOLDEN/parse-20170630.in"
	cut -f 1,2 "$tmp/full" >"$tmp/cut"
	same "$tmp/cut" "$tmp/got"
}

# Excerpts of the real logs in /work/shared/data: the expected streams were
# computed with awk and date(1), not with edgar-parse.
@test "parse: real excerpt, 2017-06-30 (LF)" {
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$GOLDEN/parse-20170630.in"
	no_stderr
	same "$GOLDEN/parse-20170630.out" "$tmp/got"
}

@test "parse: real excerpt, 2017-01-01 (CRLF)" {
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$GOLDEN/parse-20170101.in"
	no_stderr
	same "$GOLDEN/parse-20170101.out" "$tmp/got"
}

@test "parse: real excerpt, 2003-02-22 (CRLF, one-digit hours, no last LF)" {
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$GOLDEN/parse-20030222.in"
	no_stderr
	same "$GOLDEN/parse-20030222.out" "$tmp/got"
}

@test "parse: several files, each with its own header" {
	lines "$tmp/a.csv" 'ip,date,time,cik' 'a,2017-06-30,00:00:00,1'
	lines "$tmp/b.csv" '\xef\xbb\xbfTIME,CIK,IP,DATE\r' '00:00:01,2,b,2017-06-30\r'
	lines "$tmp/c.csv" 'date,time,ip' '2017-06-30,00:00:02,c'
	lines "$tmp/want" '1498780800\ta\t1\t\t' '1498780801\tb\t2\t\t' \
	    '1498780802\tc\t\t\t'
	run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/a.csv" \
	    "$tmp/b.csv" "$tmp/c.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
}

@test "parse: line numbers and names restart with each file" {
	lines "$tmp/a.csv" 'ip,date,time' 'a,2017-06-30,00:00:00' 'x,bad,00:00:00'
	lines "$tmp/b.csv" 'ip,date,time' 'y,bad,00:00:00'
	run -1 --separate-stderr save "$tmp/got" edgar-parse "$tmp/a.csv" - "$tmp/a.csv" <"$tmp/b.csv"
	err_is 0 "edgar-parse: $tmp/a.csv:3: bad date \"bad\""
	err_is 1 "edgar-parse: stdin:2: bad date \"bad\""
	err_is 2 "edgar-parse: $tmp/a.csv:3: bad date \"bad\""
	err_is 3 "edgar-parse: 3 records rejected"
}

@test "parse: - and no operand read stdin" {
	lines "$tmp/want" '1498780800\ta\t\t\t'
	lines "$tmp/in.csv" 'ip,date,time' 'a,2017-06-30,00:00:00'
	run -0 --separate-stderr save "$tmp/got" edgar-parse <"$tmp/in.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
	run -0 --separate-stderr save "$tmp/got" edgar-parse - <"$tmp/in.csv"
	no_stderr
	same "$tmp/want" "$tmp/got"
	lines "$tmp/bad.csv" 'ip,date,time' ',2017-06-30,00:00:00'
	run -1 --separate-stderr save "$tmp/got" edgar-parse - <"$tmp/bad.csv"
	err_is 0 "edgar-parse: stdin:2: empty ip"
}

@test "parse: an empty input has no header: fatal, naming the file" {
	for h in '' '\n' '\r\n\n\r\n'; do
		put "$tmp/in.csv" "$h"
		run -2 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
		err_is 0 "edgar-parse: $tmp/in.csv: no header line (the input is empty)"
		empty "$tmp/got"
	done
	lines "$tmp/a.csv" 'ip,date,time' 'a,2017-06-30,00:00:00'
	put "$tmp/empty.csv" ''
	run -2 --separate-stderr save "$tmp/got" edgar-parse "$tmp/a.csv" "$tmp/empty.csv"
	err_is 0 "edgar-parse: $tmp/empty.csv: no header line (the input is empty)"
	lines "$tmp/want" '1498780800\ta\t\t\t'
	same "$tmp/want" "$tmp/got"
}

@test "parse: header only gives nothing, exit 0" {
	for h in 'ip,date,time' 'ip,date,time\n' 'ip,date,time\r\n\r\n\n' '\xef\xbb\xbfip,date,time'; do
		put "$tmp/in.csv" "$h"
		run -0 --separate-stderr save "$tmp/got" edgar-parse "$tmp/in.csv"
		no_stderr
		empty "$tmp/got"
	done
}

@test "parse: a missing file is fatal (exit 2)" {
	lines "$tmp/a.csv" 'ip,date,time' 'a,2017-06-30,00:00:00'
	run -2 --separate-stderr save "$tmp/got" edgar-parse "$tmp/no-such.csv"
	err_is 0 "edgar-parse: $tmp/no-such.csv: No such file or directory"
	err_lines 1
	run -2 --separate-stderr save "$tmp/got" edgar-parse "$tmp/a.csv" "$tmp/no-such.csv"
	err_is 0 "edgar-parse: $tmp/no-such.csv: No such file or directory"
}

@test "parse: a directory operand is fatal (exit 2)" {
	run -2 --separate-stderr save "$tmp/got" edgar-parse "$tmp"
	err_is 0 "edgar-parse: $tmp: Is a directory"
}

# The whole input => the first line of stderr; exit 2.
@test "parse: a header lacking a required column is fatal, naming it" {
	tool_reject_cases 2 edgar-parse <<'EOF'
date,time\na,00:00:00 => edgar-parse: in.txt:1: header has no "ip" column (line 1 was taken as the header: -H gives the header of input that has none)
ip,time\na,00:00:00 => edgar-parse: in.txt:1: header has no "date" column (line 1 was taken as the header: -H gives the header of input that has none)
ip,date\na,2017-06-30 => edgar-parse: in.txt:1: header has no "time" column (line 1 was taken as the header: -H gives the header of input that has none)
ip,date,times => edgar-parse: in.txt:1: header has no "time" column (line 1 was taken as the header: -H gives the header of input that has none)
ip,"date,time" => edgar-parse: in.txt:1: header has no "date" column (line 1 was taken as the header: -H gives the header of input that has none)
ips,dates,times,cik => edgar-parse: in.txt:1: header has no "ip" column (line 1 was taken as the header: -H gives the header of input that has none)
a,2017-06-30,00:00:00 => edgar-parse: in.txt:1: header has no "ip" column (line 1 was taken as the header: -H gives the header of input that has none)
\n\r\nip,date => edgar-parse: in.txt:3: header has no "time" column (line 3 was taken as the header: -H gives the header of input that has none)
ip,date,"time => edgar-parse: in.txt:1: malformed header: unterminated quote
ip,date,"time"x => edgar-parse: in.txt:1: malformed header: text after a closing quote
EOF
}

@test "parse: usage errors exit 2" {
	run -2 --separate-stderr edgar-parse -x
	err_is 1 "usage: edgar-parse [-bhInsuV] [-f columns] [-H header] [-q lines] [-r rejects] [file ...]"
	run -2 --separate-stderr edgar-parse -r
	err_is 1 "usage: edgar-parse [-bhInsuV] [-f columns] [-H header] [-q lines] [-r rejects] [file ...]"
}

@test "parse: writing to /dev/full exits 2 with a message" {
	run -2 --separate-stderr save /dev/full edgar-parse "$GOLDEN/parse-20170630.in"
	err_is 0 "edgar-parse: stdout: write error: No space left on device"
	err_lines 1
	run -2 --separate-stderr save /dev/full edgar-parse -u "$GOLDEN/parse-20170630.in"
	err_is 0 "edgar-parse: stdout: write error: No space left on device"
	lines "$tmp/bad.csv" 'ip,date,time' ',2017-06-30,00:00:00'
	run -2 --separate-stderr save "$tmp/got" edgar-parse -r /dev/full "$tmp/bad.csv"
	err_is 0 "edgar-parse: $tmp/bad.csv:2: empty ip"
	err_is 1 "edgar-parse: /dev/full: write error: No space left on device"
}

@test "parse: a closed pipe ends quietly" {
	big=$DATA/edgar-20170630-head10k.csv
	{ edgar-parse "$big" 2>"$tmp/err"; } | head -n 1 >"$tmp/got"
	lines "$tmp/want" '1498780800\t101.81.133.jja\t1608552.0\t0001047469-17-004337\t-index.htm'
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
	# the same with SIGPIPE ignored: EPIPE must end it quietly too
	(trap '' PIPE; { edgar-parse -u "$big" 2>"$tmp/err"; } | head -n 1 >"$tmp/got")
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
}

@test "parse: -u writes each record at once" {
	mkfifo "$tmp/fifo"
	edgar-parse -u <"$tmp/fifo" >"$tmp/got" 2>"$tmp/err" 3>&- &
	bgpid=$!
	exec 5<>"$tmp/fifo"
	printf 'ip,date,time\na,2017-06-30,00:00:00\n' >&5
	waitfor "$tmp/got" 1498780800
	printf 'b,2017-06-30,00:00:01\n' >&5
	waitfor "$tmp/got" 1498780801
	exec 5>&-
	wait "$bgpid"
	bgpid=
	lines "$tmp/want" '1498780800\ta\t\t\t' '1498780801\tb\t\t\t'
	same "$tmp/want" "$tmp/got"
	empty "$tmp/err"
}

# -f: any columns, by the header's names, in the order given.
@test "parse: -f writes the columns named, in order; time is the epoch" {
	log=$DATA/edgar-20170630-head10k.csv
	run -0 --separate-stderr save "$tmp/got" edgar-parse -f 'Size, time,ip,code,time' "$log"
	no_stderr
	# the same columns cut from the CSV by awk, the time from the default stream
	edgar-parse "$log" | cut -f1 >"$tmp/t"
	awk -F, 'NR > 1 { print $9 "\t" $1 "\t" $8 }' "$log" >"$tmp/c"
	paste "$tmp/c" "$tmp/t" | awk -F '\t' -v OFS='\t' '{ print $1, $4, $2, $3, $4 }' >"$tmp/want"
	same "$tmp/want" "$tmp/got"
	# the default list is the request stream
	run -0 --separate-stderr save "$tmp/got" edgar-parse -f time,ip,cik,accession,extention "$log"
	edgar-parse "$log" >"$tmp/want"
	same "$tmp/want" "$tmp/got"
}

@test "parse: -f: a name the header lacks is fatal, naming it; -b and -f refused" {
	csv "$tmp/in.csv" 'a,2017-06-30,00:00:00,1,acc,.txt'
	run -2 --separate-stderr edgar-parse -f time,ip,size "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:1: header has no \"size\" column (-f names it)"
	err_lines 1
	run -2 --separate-stderr edgar-parse -f 'ip,,cik' "$tmp/in.csv"
	err_is 0 "edgar-parse: -f ip,,cik: an empty column name"
	run -2 --separate-stderr edgar-parse -b -f ip "$tmp/in.csv"
	err_is 0 "edgar-parse: -b and -f: -b writes the columns time and ip, -f the columns it names"
	# a record must reach every column named; ip, date and time are checked
	lines "$tmp/in.csv" 'ip,date,time,x,y' 'a,2017-06-30,00:00:00,1,2' \
	    'b,2017-06-30,00:00:01,1' ',2017-06-30,00:00:02,1,2'
	lines "$tmp/want" '2\t1498780800'
	run -1 --separate-stderr save "$tmp/got" edgar-parse -f y,time "$tmp/in.csv"
	err_is 0 "edgar-parse: $tmp/in.csv:3: too few fields (4; the columns used need 5)"
	err_is 1 "edgar-parse: $tmp/in.csv:4: empty ip"
	same "$tmp/want" "$tmp/got"
	# a repeated header for the same columns is skipped, with -f too
	lines "$tmp/in.csv" 'ip,date,time,x' 'a,2017-06-30,00:00:00,1' \
	    'ip,date,time,x' 'b,2017-06-30,00:00:01,2'
	lines "$tmp/want" '1\ta' '2\tb'
	run -0 --separate-stderr save "$tmp/got" edgar-parse -f x,ip "$tmp/in.csv"
	same "$tmp/want" "$tmp/got"
}

# The SEC's 2017 logs write integers as floats: 1608552.0, 200.0, 0.0.
@test "parse: -I writes integral numbers of the numeric columns as integers" {
	parse_cases ip,date,time,cik,size,code,accession -I -f cik,size,code,accession <<'EOF'
a,2017-06-30,00:00:00,1608552.0,80251.0,200.0,0001047469-17-004337 => 1608552\t80251\t200\t0001047469-17-004337
a,2017-06-30,00:00:00,1.5,0.000,-0.0,1.0 => 1.5\t0\t-0\t1.0
a,2017-06-30,00:00:00,41017,,304,x => 41017\t\t304\tx
a,2017-06-30,00:00:00,.0,7.,1e3,2.0 => .0\t7.\t1e3\t2.0
a,2017-06-30,00:00:00,"12.0",00.0,2.00x,3 => 12\t00\t2.00x\t3
EOF
	# on the real 2017 sample: the columns of awk '$3 == "1608552"'
	log=$DATA/edgar-20170630-head10k.csv
	edgar-parse -I "$log" | awk -F '\t' '$3 == "1608552"' >"$tmp/got"
	edgar-parse "$log" | awk -F '\t' '$3 == "1608552.0"' |
	    sed 's/\t1608552\.0\t/\t1608552\t/' >"$tmp/want"
	[ -s "$tmp/want" ]
	same "$tmp/want" "$tmp/got"
}
