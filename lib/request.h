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
 * The usual line of the request stream, at s in an input buffer whose
 * bytes read end at end: the request stream's own layout, time TAB key, a
 * key of at most 15 bytes, and the text of the last time read, whose value
 * is c->tval.  Returns the line's length with its LF and sets *key;
 * returns 0 for any other line, which in_line() and req_parse() then take.
 */
static inline size_t
req_quick(const struct reqcols *c, const char *s, const char *end,
    struct field *key)
{
#if defined(SCAN_WINDOW)
	size_t avail = end - s, tn = c->tlen, kn;
	const char *nl;
	uint32_t k, m;

	/* no time kept (REQ_NOTIME), or one of more than 16 digits */
	if (tn > 16 || avail <= tn + 1)
		return 0;
	k = ((uint32_t)1 << tn) - 1;
	if ((scan_same16(s, c->tbuf) & k) != k || s[tn] != '\t')
		return 0;
	m = scan_either16(s + tn + 1, '\t', '\n');
	if (m == 0 || (kn = (size_t)__builtin_ctz(m)) == 0 ||
	    tn + 1 + kn >= avail)
		return 0;
	key->p = s + tn + 1;
	key->n = kn;
	if (s[tn + 1 + kn] == '\n')
		return tn + kn + 2;
	/* more columns: the full stream of edgar-parse */
	nl = memchr(s + tn + 1 + kn, '\n', avail - tn - 1 - kn);
	return nl != NULL ? (size_t)(nl - s) + 1 : 0;
#else
	(void)c;
	(void)s;
	(void)end;
	(void)key;
	return 0;
#endif
}

#endif
