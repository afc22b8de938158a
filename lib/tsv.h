/*
 * The streams' text conventions: fields split by TAB, and a field's TAB,
 * LF, CR and backslash written as \t, \n, \r and \\.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"

struct field {
	const char	*p;
	size_t		 n;
};

/* Write a text field escaped. */
void	tsv_escape(struct output *, const char *, size_t);
/* The same into d, which has room for 2 * n bytes; returns the end. */
char	*tsv_escape_to(char *, const char *, size_t);

/*
 * Undo the escaping into dst (which must hold n bytes); returns the length,
 * or -1 if a backslash is followed by anything else or nothing.
 */
long long	tsv_unescape(const char *, size_t, char *);

/* Split a line into its first max fields at most; returns how many. */
size_t	tsv_split(const char *, size_t, struct field *, size_t);

/*
 * A decimal integer of 1 to 18 digits with an optional '-': wide enough
 * for any date of years -10^10 to 10^10 and small enough that differences
 * of two never overflow.  Returns 0 and *v, or -1.
 */
#define TSV_INT_DIGITS	18
int	tsv_int(const char *, size_t, int64_t *);

/*
 * A count: a decimal integer from 0 to INT64_MAX, no sign.  (A duration of
 * two 18-digit times can take 19 digits.)  Returns 0 and *v, or -1.
 */
int	tsv_count(const char *, size_t, int64_t *);

/* v in decimal into buf, which holds 24 bytes at least; returns the length. */
size_t	fmt_int(char *, int64_t);
/* Write v in decimal. */
void	out_int(struct output *, int64_t);

#endif
