/* A line of the request stream, or of any TSV with a time and a key column. */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>
#include <stdint.h>

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

#endif
