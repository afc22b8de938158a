/*
 * RFC 4180 records read from an input: fields split by commas, a field may
 * be quoted with '"', inside quotes "" is a quote and commas and line breaks
 * are data.  LF and CRLF line ends; a last line without one is a record;
 * blank lines are skipped.  A '"' inside an unquoted field is data.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>
#include <stdint.h>

#include "field.h"
#include "input.h"

enum csv_status {
	CSV_EOF = 0,
	CSV_OK,
	CSV_UNTERMINATED,	/* a quote still open at the end of input */
	CSV_AFTERQUOTE,		/* text between a closing quote and a comma */
	CSV_QUOTELIMIT		/* a quote still open after maxlines lines */
};

/* Lines a record may span unless the reader says otherwise. */
#define CSV_MAXLINES	100

struct csvrec {
	struct field	*f;	/* the first fields, up to the number wanted */
	size_t		 nf;	/* fields in the record, counted up to count */
	size_t		 fcap;
	size_t		*foff;
	char		*scratch;	/* unquoted fields (scan_alloc: slack) */
	size_t		 slen;
	size_t		 scap;
	const char	*raw;	/* the record as read, line ends included */
	size_t		 len;
	uintmax_t	 lines;
	uintmax_t	 lineno;	/* line where the record starts */
	uintmax_t	 span;	/* lines a record that failed ran over */
	uintmax_t	 maxlines;	/* lines a record may span, 1 or more */
};

void	csv_init(struct csvrec *);
void	csv_free(struct csvrec *);
/* Skip a UTF-8 byte-order mark at the very start of the input. */
void	csv_skip_bom(struct input *);
/*
 * Read the next record, keeping its first want fields at most (SIZE_MAX:
 * all) and counting its fields up to count (want if less): nf < count
 * says it has fewer, and how many.
 * The fields (in the input's buffer or the scratch buffer, both with
 * their slack: see scan.h) and raw bytes stay valid until the next call.  A record that
 * is not well formed (an error status) is its first line alone, whatever
 * it ran over (span lines): the next read starts at the line after it, so
 * that one stray quote costs one line, not the rest of the input.  A
 * quoted field may hold line breaks, but a record may span maxlines lines
 * at most: the memory a stray quote takes is bounded so.
 */
enum csv_status	csv_read(struct input *, struct csvrec *, size_t, size_t);

#endif
