.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o

PREFIX = /usr/local
MANPREFIX = $(PREFIX)/share/man
CC = cc
CFLAGS = -O2 -g -std=c99 -Wall -Wextra -pedantic
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Ilib
LDFLAGS =
BATS = bats

BIN = bin/edgar-parse bin/sessionize bin/session-format
LIBOBJ = lib/civil.o lib/csv.o lib/input.o lib/json.o lib/output.o lib/reject.o \
	lib/request.o lib/siphash.o lib/table.o lib/tsv.o lib/util.o
LIBHDR = lib/civil.h lib/csv.h lib/input.h lib/json.h lib/output.h lib/reject.h \
	lib/request.h lib/siphash.h lib/table.h lib/tsv.h lib/util.h
MAN1 = man/edgar-parse.1 man/sessionize.1 man/session-format.1
MAN5 = man/edgar-streams.5
MAN7 = man/edgar-sessions.7

all: $(BIN)

.c.o:
	$(CC) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(LIBOBJ): $(LIBHDR)
cmd/edgar-parse.o cmd/sessionize.o cmd/session-format.o: $(LIBHDR)

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

test: all
	$(BATS) tests
	sh insight_testsuites/run_tests.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	cp -f $(BIN) $(DESTDIR)$(PREFIX)/bin/
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/
	cp -f $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/

uninstall:
	cd $(DESTDIR)$(PREFIX)/bin && rm -f edgar-parse sessionize session-format
	cd $(DESTDIR)$(MANPREFIX)/man1 && rm -f edgar-parse.1 sessionize.1 \
		session-format.1
	rm -f $(DESTDIR)$(MANPREFIX)/man5/edgar-streams.5 \
		$(DESTDIR)$(MANPREFIX)/man7/edgar-sessions.7

clean:
	rm -f $(LIBOBJ) lib/libedgar.a cmd/*.o $(BIN)
	rm -rf bin

.PHONY: all test install uninstall clean
