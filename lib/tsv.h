/*
 * The streams' text conventions: fields split by TAB, and a field's TAB,
 * LF, CR and backslash written as \t, \n, \r and \\.
 */
#ifndef TSV_H
#define TSV_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "field.h"
#include "output.h"

/* Write a text field escaped. */
void	tsv_escape(struct output *, const char *, size_t);
/* The same into d, which has room for 2 * n bytes; returns the end. */
char	*tsv_escape_to(char *, const char *, size_t);

/*
 * The same again, for the hot path of edgar-parse, where fields are short
 * and almost never escaped: it may read TSV_PAD bytes past the n at s and
 * write as many past the end it returns (d has room for 2 * n + TSV_PAD).
 * With SSE2, sixteen bytes are checked and copied a step.
 */
#define TSV_PAD	16

static inline char *
tsv_escape_pad(char *d, const char *s, size_t n)
{
#if defined(__SSE2__)
	const __m128i bs = _mm_set1_epi8('\\'), cr = _mm_set1_epi8('\r');
	__m128i v;
	uint32_t m;
	size_t i;

	for (i = 0;; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* a byte up to CR, or a backslash: let tsv_escape_to judge */
		m = (uint32_t)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v),
		    _mm_cmpeq_epi8(v, bs)));
		if (n - i <= 16)
			m &= (1u << (n - i)) - 1;
		if (m != 0)
			return tsv_escape_to(d + i, s + i, n - i);
		_mm_storeu_si128((__m128i *)(void *)(d + i), v);
		if (n - i <= 16)
			return d + n;
	}
#else
	return tsv_escape_to(d, s, n);
#endif
}

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

#endif
