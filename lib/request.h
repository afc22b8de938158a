/*
 * The request stream's reader: lines of the request stream, or of any TSV
 * with a time and a key column, handed out in batches.
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "field.h"
#include "input.h"
#include "tsv.h"

/* A time no line has (times have 18 digits at most). */
#define REQ_NOTIME	INT64_MIN

/* One line: a request, or (its time REQ_NOTIME) why it cannot be used. */
struct req {
	int64_t		 t;	/* the request's time, or REQ_NOTIME */
	struct field	 key;	/* its key; empty if t is REQ_NOTIME */
	const char	*why;	/* if REQ_NOTIME: why (lives with the reader) */
	struct field	 bad;	/* ... and the offending text, or n == 0 */
	struct field	 line;	/* the whole line, without its LF */
};

/* Its fields are this module's own. */
struct reqreader {
	struct input	 in;
	size_t		 tcol;	/* 0-based column of the time */
	size_t		 kcol;	/* 0-based column of the key (its first) */
	size_t		 nf;	/* the columns a line must have */
	int		 plain;	/* the stream's own: time, key, ... */
	/* A key of several columns (req_keys()): */
	size_t		 nk;	/* how many: 1 is kcol alone */
	size_t		*kcols;
	int		 span;	/* they follow each other: the key is in place */
	char		**kbuf;	/* otherwise made here, one buffer a line */
	size_t		*kcap;
	size_t		 nkbuf;
	struct field	*f;
	/* The text of the last time read and its value: a second has many. */
	char		 tbuf[TSV_INT_DIGITS + 1];
	size_t		 tlen;	/* 0: none kept */
	int64_t		 tval;
	/*
	 * What a line without its key is said to lack: string constants,
	 * or with req_keyname() texts made here.
	 */
	const char	*nokey, *emptykey;
	char		 nokeybuf[48], emptykeybuf[48];
	/* The last batch's bytes and lines, taken at the next call. */
	size_t		 held;
	uintmax_t	 heldlines;
};

/* Open a file ("-" is standard input) whose time and key are in tcol, kcol. */
void	req_open(struct reqreader *, const char *, size_t, size_t);
void	req_close(struct reqreader *);
/*
 * The key is n columns (0-based, none of them tcol), joined by one TAB
 * in the order given: the columns' text stays escaped, so the key can be
 * split again.  Call it before the first req_next().
 */
void	req_keys(struct reqreader *, const size_t *, size_t);
/*
 * The key's name in the reasons of lines without one: "no ip column",
 * "empty ip" (the default is "key").
 */
void	req_keyname(struct reqreader *, const char *);
/*
 * The next lines, up to max (at least 1), into v: returns how many, 0 at
 * the end of the input.  They all lie in the bytes read so far, so their
 * text stays valid, and in place, until the next call: a tool may look at
 * the whole batch before it uses any.  Every line of the input is handed
 * out once, used or not: a line that cannot be used carries why, and so
 * does a last line without LF (the stream's writers end every line).
 * Keys and lines have their slack (see scan.h).
 */
size_t	req_next(struct reqreader *, struct req *, size_t);
/* For messages: the input's name, and the number of line i of the batch. */
const char	*req_name(const struct reqreader *);
uintmax_t	req_lineno(const struct reqreader *, size_t);

/*
 * Reject line i of the batch, whose text is line, as the tools report it
 * (see reject.h); with logcol (1-based; 0: none), the column of the log's
 * line number as edgar-parse -n writes it, "log line N: " comes before
 * the reason.
 */
void	req_reject(const struct reqreader *, size_t, const struct field *,
	    size_t, const char *, ...);
/* The same for a line that cannot be used (time REQ_NOTIME): its why. */
void	req_reject_unusable(const struct reqreader *, size_t,
	    const struct req *, size_t);
/* The same for a line earlier than the clock by more than allowed. */
void	req_reject_late(const struct reqreader *, size_t, const struct req *,
	    size_t, int64_t);
/*
 * Line i of the batch against the clock, as sessionize and request-split
 * judge it (they must agree, for the parallel run to be exact): REQ_ONTIME
 * at the clock or later, REQ_LATE earlier by lateness at most, or
 * REQ_REJECTED, then reported: a line that cannot be used, or one later
 * than that (counted in *unsorted).
 */
enum { REQ_ONTIME, REQ_LATE, REQ_REJECTED };
int	req_judge(const struct reqreader *, size_t, const struct req *, size_t,
	    int64_t, int64_t, uintmax_t *);
/*
 * At the end: if n lines were out of time order, say so and the remedy
 * (and -l, for a tool that has it).
 */
void	req_unsorted(uintmax_t, int);

#endif
