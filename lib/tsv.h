/*
 * The streams' text conventions: fields split by TAB, and a field's TAB,
 * LF, CR and backslash written as \t, \n, \r and \\.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdint.h>

#include "field.h"
#include "output.h"
#include "scan.h"

/* Write a text field escaped. */
void	tsv_escape(struct output *, const char *, size_t);
/* The same into d, which has room for 2 * n bytes; returns the end. */
char	*tsv_escape_to(char *, const char *, size_t);

/*
 * The same again, for the hot path of edgar-parse, where fields are short
 * and almost never escaped: sixteen bytes are checked and copied a step.
 * It reads past the n bytes at s (they have their slack, see scan.h) and
 * writes up to SCAN_SLACK bytes past the end it returns: d has room for
 * 2 * n + SCAN_SLACK.
 */
static inline char *
tsv_escape_pad(char *d, const char *s, size_t n)
{
	uint32_t m;
	size_t i;

	for (i = 0;; i += 16) {
		/* a byte up to CR, or a backslash: let tsv_escape_to judge */
		m = scan_keep(scan_escapes16(s + i), n - i);
		if (m != 0)
			return tsv_escape_to(d + i, s + i, n - i);
		memcpy(d + i, s + i, 16);
		if (n - i <= 16)
			return d + n;
	}
}

/*
 * Undo the escaping into dst (which must hold n bytes); returns the length,
 * or -1 if a backslash is followed by anything else or nothing.
 */
long long	tsv_unescape(const char *, size_t, char *);

/* Split a line into its first max fields at most; returns how many. */
size_t	tsv_split(const char *, size_t, struct field *, size_t);

/*
 * The same for a line with its slack (see scan.h): the TABs of 64 bytes
 * at a time found in one mask, for the short fields of a request stream.
 */
static inline size_t
tsv_split_pad(const char *s, size_t n, struct field *f, size_t max)
{
	size_t i = 0, base, start = 0, at;
	uint64_t m;

	for (base = 0; base < n; base += 64) {
		m = scan_keep(scan_mask32(s + base, '\t'), n - base);
		if (n - base > 32)
			m |= (uint64_t)scan_keep(scan_mask32(s + base + 32,
			    '\t'), n - base - 32) << 32;
		for (; m != 0; m &= m - 1) {
			if (i == max)
				return i;
			at = base + scan_ctz64(m);
			f[i].p = s + start;
			f[i].n = at - start;
			i++;
			start = at + 1;
		}
	}
	if (i == max)
		return i;
	f[i].p = s + start;
	f[i].n = n - start;
	return i + 1;
}

/*
 * A decimal integer of 1 to 18 digits with an optional '-': wide enough
 * for any date of years -10^10 to 10^10 and small enough that differences
 * of two never overflow.  Returns 0 and *v, or -1.
 */
#define TSV_INT_DIGITS	18
int	tsv_int(const char *, size_t, int64_t *);

/*
 * The integer part of a number written as digits with an optional '-' and
 * an optional point followed by zeros only, as the SEC's 2017 logs write
 * integers ("1608552.0", "200.0"): its length, the sign included, or 0
 * if the text is no such number.
 */
static inline size_t
tsv_integral(const char *s, size_t n)
{
	size_t i = n > 0 && s[0] == '-', d = i, point;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == d)
		return 0;
	if (i == n)
		return n;
	if (s[i] != '.' || i + 1 == n)
		return 0;
	for (point = i++; i < n; i++)
		if (s[i] != '0')
			return 0;
	return point;
}

/*
 * The same number, converted as tsv_int() converts its integer part: one
 * pass for sessionize -a, which reads one a request.  One to seven digits,
 * alone or with the SEC's ".0", are converted eight bytes at a time (read
 * from the text's slack: see scan.h), in three multiplications that pair
 * the digits, then the pairs, then the fours; anything else goes the long
 * way, by tsv_integral() and tsv_int().  Returns 0 and *v, or -1.
 */
static inline int
tsv_integral_int(const char *s, size_t n, int64_t *v)
{
	size_t i = n > 0 && s[0] == '-', k, m;
	uint64_t x, nd;

	/* each byte's digit, and a high bit where a byte is no digit */
	x = scan_le64(s + i) ^ 0x3030303030303030u;
	nd = (((x & 0x7f7f7f7f7f7f7f7fu) + 0x7676767676767676u) | x) &
	    0x8080808080808080u;
	k = nd != 0 ? scan_ctz64(nd) / 8 : 8;
	if (k > n - i)
		k = n - i;
	if (k == 0 || k == 8 || (i + k != n && (i + k + 2 != n ||
	    s[i + k] != '.' || s[i + k + 1] != '0')))
		return (m = tsv_integral(s, n)) == 0 ? -1 : tsv_int(s, m, v);
	x <<= 8 * (8 - k);	/* leading zeros */
	x = (x * 2561) >> 8 & 0x00ff00ff00ff00ffu;
	x = (x * 6553601) >> 16 & 0x0000ffff0000ffffu;
	x = (x * 42949672960001u) >> 32;
	*v = i ? -(int64_t)x : (int64_t)x;
	return 0;
}

/*
 * A count: a decimal integer from 0 to INT64_MAX, no sign.  (A duration of
 * two 18-digit times can take 19 digits.)  Returns 0 and *v, or -1.
 */
int	tsv_count(const char *, size_t, int64_t *);

#endif
