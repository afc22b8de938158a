/* A line of the request stream, or of any TSV with a time and a key column. */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "input.h"
#include "scan.h"
#include "tsv.h"

#define REQ_NOTIME	((size_t)-1)

struct reqcols {
	size_t		 tcol;	/* 0-based column of the time */
	size_t		 kcol;	/* 0-based column of the key */
	size_t		 nf;	/* max(tcol, kcol) + 1 */
	struct field	*f;
	char		 tbuf[TSV_INT_DIGITS + 1];	/* the last time read */
	size_t		 tlen;	/* REQ_NOTIME: nothing kept */
	int64_t		 tval;
};

void	req_cols(struct reqcols *, size_t, size_t);
/*
 * Find the time and the key of a line (without its LF), which lies in an
 * input buffer (see IN_SLACK: the line's bytes are read a word at a time).  Returns NULL, or
 * why the line cannot be used, with the offending text in *bad.
 */
const char	*req_parse(struct reqcols *, const char *, size_t, int64_t *,
		    struct field *, struct field *);

/*
 * The usual line of the request stream, met at in's current position: it
 * fits one window with its LF, has the request stream's own layout (time
 * TAB key), and its time is the text of the last time read, c->tval.
 * Returns the line's length with its LF and sets *key; returns 0 for any
 * other line, which in_line() and req_parse() then take.
 */
static inline size_t
req_quick(const struct reqcols *c, const struct input *in, struct field *key)
{
#if defined(SCAN_WINDOW)
	const char *s = in->buf + in->pos;
	size_t avail = in->end - in->pos, tn, kn;
	uint32_t nl, tabs, k;

	if (in->scan != 0 || avail == 0 || c->tlen > 16)
		return 0;
	nl = scan_window(s, '\n');
	tabs = scan_window(s, '\t');
	if (avail < SCAN_WINDOW)
		nl &= ((uint32_t)1 << avail) - 1;
	if (nl == 0)
		return 0;
	nl &= -nl;		/* the LF alone */
	tabs &= nl - 1;		/* the TABs before it */
	tn = c->tlen;
	k = ((uint32_t)1 << tn) - 1;
	/* the time's text, then a TAB */
	if ((tabs & (k + 1)) == 0 || (scan_same16(s, c->tbuf) & k) != k)
		return 0;
	tabs &= tabs - 1;
	kn = (size_t)__builtin_ctz(tabs | nl) - tn - 1;
	if (kn == 0)
		return 0;
	key->p = s + tn + 1;
	key->n = kn;
	return (size_t)__builtin_ctz(nl) + 1;
#else
	(void)c;
	(void)in;
	(void)key;
	return 0;
#endif
}

#endif
