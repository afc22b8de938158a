.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

VERSION = 1.1.0
PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
CC = cc
CFLAGS = -O2 -g
# The language and its warnings, kept whatever CFLAGS says.
STDFLAGS = -std=c99 -Wall -Wextra -pedantic
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Ilib
LDFLAGS =
BATS = bats

BIN = bin/edgar-parse bin/sessionize bin/session-format bin/edgar-robots \
	bin/request-split bin/session-merge
# Scripts, installed as they are.
SCRIPTS = bin/edgar-sessions
LIBOBJ = lib/civil.o lib/csv.o lib/distinct.o lib/input.o lib/json.o lib/output.o lib/reject.o \
	lib/request.o lib/scan.o lib/siphash.o lib/table.o lib/tool.o lib/tsv.o \
	lib/util.o
LIBHDR = lib/civil.h lib/csv.h lib/distinct.h lib/field.h lib/input.h lib/json.h \
	lib/output.h lib/reject.h lib/request.h lib/scan.h lib/siphash.h \
	lib/table.h lib/tool.h lib/tsv.h lib/util.h
LIBSRC = lib/civil.c lib/csv.c lib/distinct.c lib/input.c lib/json.c lib/output.c \
	lib/reject.c lib/request.c lib/scan.c lib/siphash.c lib/table.c lib/tool.c \
	lib/tsv.c lib/util.c
MAN1 = man/edgar-parse.1 man/sessionize.1 man/session-format.1 \
	man/edgar-robots.1 man/request-split.1 man/session-merge.1 \
	man/edgar-sessions.1
MAN5 = man/edgar-streams.5
MAN7 = man/edgar-toolkit.7

all: $(BIN) $(SCRIPTS)

.c.o:
	$(CC) $(STDFLAGS) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(LIBOBJ): $(LIBHDR)

# The version, said by every tool's -V, is this file's VERSION.
lib/tool.o: lib/tool.c Makefile
	$(CC) $(STDFLAGS) $(CFLAGS) $(CPPFLAGS) -DVERSION='"$(VERSION)"' \
		-c lib/tool.c -o $@
cmd/edgar-parse.o cmd/sessionize.o cmd/session-format.o \
	cmd/request-split.o cmd/session-merge.o cmd/edgar-robots.o: $(LIBHDR)

lib/libedgar.a: $(LIBOBJ)
	rm -f $@
	$(AR) -rc $@ $(LIBOBJ)

bin/edgar-parse: cmd/edgar-parse.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/edgar-parse.o lib/libedgar.a

bin/sessionize: cmd/sessionize.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/sessionize.o lib/libedgar.a

bin/session-format: cmd/session-format.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/session-format.o lib/libedgar.a

bin/edgar-robots: cmd/edgar-robots.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/edgar-robots.o lib/libedgar.a

bin/request-split: cmd/request-split.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/request-split.o lib/libedgar.a

bin/session-merge: cmd/session-merge.o lib/libedgar.a
	mkdir -p bin
	$(CC) $(LDFLAGS) -o $@ cmd/session-merge.o lib/libedgar.a

# The driver is a script: copied, made executable.
bin/edgar-sessions: cmd/edgar-sessions.sh
	mkdir -p bin
	cp -f cmd/edgar-sessions.sh $@
	chmod 755 $@

test: all
	@command -v $(BATS) >/dev/null 2>&1 || { echo "make test:" \
		"$(BATS) not found: install bats-core (Debian: apt-get install" \
		"bats)" >&2; exit 2; }
	$(BATS) tests
	sh insight_testsuites/run_tests.sh

# The long runs, which make test leaves out to stay fast: the property
# tests on 300 generated logs (make test: 24), and the tests that call
# long_test or is_long (tests/helpers.bash): concurrent first builds, the
# build lock, every signal.  Only the files that have long parts run.  CI
# runs it after make test.
PROPERTY_N = 300
LONGTESTS = tests/25-sessionize-more.bats tests/50-robots.bats \
	tests/60-parallel.bats tests/80-property.bats tests/91-run-safety.bats
test-long: all
	@command -v $(BATS) >/dev/null 2>&1 || { echo "make test-long:" \
		"$(BATS) not found: install bats-core (Debian: apt-get install" \
		"bats)" >&2; exit 2; }
	TEST_LONG=1 PROPERTY_N='$(PROPERTY_N)' $(BATS) $(LONGTESTS)

# memcheck over every tool: any error or leak fails.
test-valgrind: all
	sh tests/valgrind.sh

# The whole suite again under AddressSanitizer and UBSan, then a clean tree,
# so that no instrumented object is left for an ordinary build.
ASANFLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
test-asan:
	$(MAKE) clean
	$(MAKE) CFLAGS="$(ASANFLAGS)" LDFLAGS="$(ASANFLAGS)" test; st=$$?; \
		$(MAKE) clean; exit $$st

# The whole suite again on the portable build: scan.h's SWAR and plain C
# bodies instead of SSE2, and -d's hashes made to collide (distinct.h's
# DSET_COLLIDE), then a clean tree.
test-portable:
	$(MAKE) clean
	$(MAKE) CPPFLAGS="$(CPPFLAGS) -DSCAN_PORTABLE -DDSET_COLLIDE" test; \
		st=$$?; \
		$(MAKE) clean; exit $$st

# libFuzzer harnesses: see tests/fuzz/fuzz.sh.
FUZZCC = clang
FUZZTIME = 60
FUZZFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -DSCAN_GUARD \
	-fno-sanitize-recover=all
FUZZ = csv time request unescape
fuzz:
	FUZZ='$(FUZZ)' FUZZCC='$(FUZZCC)' FUZZFLAGS='$(FUZZFLAGS)' \
		FUZZTIME='$(FUZZTIME)' LIBSRC='$(LIBSRC)' \
		CPPFLAGS='$(CPPFLAGS) -DVERSION="$(VERSION)"' \
		sh tests/fuzz/fuzz.sh

# The generator needs only civil.o: linked alone, a change elsewhere in lib/
# does not make it newer than the logs it made (bench.sh would make them
# again, the same bytes, for nothing).
bench/gen: bench/gen.c lib/civil.o
	$(CC) $(STDFLAGS) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ bench/gen.c \
		lib/civil.o

bench: all bench/gen
	N='$(N)' NSMALL='$(NSMALL)' RUNS='$(RUNS)' P='$(P)' \
		BENCHDIR='$(BENCHDIR)' sh bench/bench.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	cp -f $(BIN) $(DESTDIR)$(PREFIX)/bin/
	cp -f $(SCRIPTS) $(DESTDIR)$(PREFIX)/bin/
	cd $(DESTDIR)$(PREFIX)/bin && chmod 755 edgar-sessions
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/

# Removes what install put there, then the directories it may have made
# if they are left empty, the prefix and its parents up to DESTDIR
# included; a directory that holds anything else stays.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/edgar-parse \
		$(DESTDIR)$(PREFIX)/bin/sessionize \
		$(DESTDIR)$(PREFIX)/bin/session-format \
		$(DESTDIR)$(PREFIX)/bin/edgar-robots \
		$(DESTDIR)$(PREFIX)/bin/request-split \
		$(DESTDIR)$(PREFIX)/bin/session-merge \
		$(DESTDIR)$(PREFIX)/bin/edgar-sessions \
		$(DESTDIR)$(MANPREFIX)/man1/edgar-parse.1 \
		$(DESTDIR)$(MANPREFIX)/man1/sessionize.1 \
		$(DESTDIR)$(MANPREFIX)/man1/session-format.1 \
		$(DESTDIR)$(MANPREFIX)/man1/edgar-robots.1 \
		$(DESTDIR)$(MANPREFIX)/man1/request-split.1 \
		$(DESTDIR)$(MANPREFIX)/man1/session-merge.1 \
		$(DESTDIR)$(MANPREFIX)/man1/edgar-sessions.1 \
		$(DESTDIR)$(MANPREFIX)/man5/edgar-streams.5 \
		$(DESTDIR)$(MANPREFIX)/man7/edgar-toolkit.7
	m='$(DESTDIR)$(MANPREFIX)'; \
	for d in '$(DESTDIR)$(PREFIX)/bin' "$$m/man1" "$$m/man5" "$$m/man7" \
	    "$$m" "$${m%/*}"; do \
		[ ! -d "$$d" ] || rmdir "$$d" 2>/dev/null || :; \
	done; \
	p='$(DESTDIR)$(PREFIX)'; \
	while [ -n "$$p" ] && [ "$$p" != '$(DESTDIR)' ] && \
	    rmdir "$$p" 2>/dev/null; do \
		p=$${p%/*}; \
	done

clean:
	rm -f $(LIBOBJ) lib/libedgar.a cmd/*.o $(BIN) $(SCRIPTS) bench/gen
	rm -rf bin tests/fuzz/bin tests/fuzz/run

.PHONY: all test test-long test-valgrind test-asan test-portable fuzz bench \
	install uninstall clean
