/*
 * Scanning eight bytes at a time in portable C ("SWAR"): a word has a byte
 * equal to c when (w ^ c*ONES) has a zero byte, and the classic test below
 * flags the first zero byte exactly.  Lines of a log are long and their
 * fields short, so this beats both a byte loop and a call to memchr(3).
 */
#ifndef SCAN_H
#define SCAN_H

#include <stdint.h>
#include <string.h>

#define SCAN_ONES	0x0101010101010101ULL
#define SCAN_HIGHS	0x8080808080808080ULL

static inline uint64_t
scan_load(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return w;
}

/* Eight bytes at s as a little-endian number, whatever the machine. */
static inline uint64_t
scan_le64(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return scan_load(s);
#else
	const unsigned char *p = (const unsigned char *)s;

	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
#endif
}

/*
 * Sixteen bytes 0xff, then sixteen zeros: loaded from scan_ones() + 16 - n,
 * the first n (0 to 16) bytes are ones, the rest zeros.  A mask for the
 * bytes of a field in a word or vector read past its end.
 */
static inline const char *
scan_ones(void)
{
	static const unsigned char ones[32] = {
		255, 255, 255, 255, 255, 255, 255, 255,
		255, 255, 255, 255, 255, 255, 255, 255
	};

	return (const char *)ones;
}

/* High bit set in each byte of w below n (n <= 128); exact for the first. */
static inline uint64_t
scan_less(uint64_t w, unsigned n)
{
	return (w - SCAN_ONES * n) & ~w & SCAN_HIGHS;
}

static inline uint64_t
scan_eq(uint64_t w, unsigned char c)
{
	return scan_less(w ^ (SCAN_ONES * c), 1);
}

/* The first flagged byte of a word loaded at s: its address. */
static inline const char *
scan_first(const char *s, uint64_t m, unsigned char c)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	(void)c;
	return s + (__builtin_ctzll(m) >> 3);
#else
	(void)m;
	while (*s != (char)c)
		s++;
	return s;
#endif
}

/* How many bytes c in [s, end). */
#if defined(__SSE2__)
#include <emmintrin.h>

/* SSE2 is part of every x86-64: sixteen bytes a step, counted per lane. */
static inline size_t
scan_count(const char *s, const char *end, unsigned char c)
{
	const __m128i cc = _mm_set1_epi8((char)c), zero = _mm_setzero_si128();
	__m128i acc;
	size_t n = 0;
	int k;

	while (end - s >= 16) {
		acc = zero;
		for (k = 0; k < 255 && end - s >= 16; k++, s += 16)
			acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(cc,
			    _mm_loadu_si128((const __m128i *)(const void *)s)));
		acc = _mm_sad_epu8(acc, zero);
		n += (size_t)_mm_cvtsi128_si32(acc) +
		    (size_t)_mm_extract_epi16(acc, 4);
	}
	for (; s < end; s++)
		n += *s == (char)c;
	return n;
}
#else
static inline size_t
scan_count(const char *s, const char *end, unsigned char c)
{
	const uint64_t lows = SCAN_ONES * 0x7f, pairs = 0x00ff00ff00ff00ffULL;
	uint64_t w, acc;
	size_t n = 0;
	int k;

	while (end - s >= 8) {
		/* up to 255 words: each byte lane counts 0 to 255 */
		for (acc = 0, k = 0; k < 255 && end - s >= 8; k++, s += 8) {
			w = scan_load(s) ^ (SCAN_ONES * c);
			/* exact: a lane's high bit is set iff the lane is zero */
			acc += ~(((w & lows) + lows) | w | lows) >> 7;
		}
		acc = (acc & pairs) + (acc >> 8 & pairs);
		n += (size_t)((acc * 0x0001000100010001ULL) >> 48);
	}
	for (; s < end; s++)
		n += *s == (char)c;
	return n;
}
#endif

/* The first byte c in [s, end), or end. */
static inline const char *
scan_byte(const char *s, const char *end, unsigned char c)
{
	uint64_t m;

	for (; end - s >= 8; s += 8)
		if ((m = scan_eq(scan_load(s), c)) != 0)
			return scan_first(s, m, c);
	while (s < end && *s != (char)c)
		s++;
	return s;
}

#if defined(__SSE2__) && defined(__GNUC__)
#define SCAN_WINDOW	32

/*
 * Bit i set where byte i of the 32 at s is c (all 32 must be readable):
 * a request line is usually shorter, so one window finds all its TABs.
 */
static inline uint32_t
scan_window(const char *s, unsigned char c)
{
	const __m128i cc = _mm_set1_epi8((char)c);
	uint32_t lo, hi;

	lo = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(cc,
	    _mm_loadu_si128((const __m128i *)(const void *)s)));
	hi = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(cc,
	    _mm_loadu_si128((const __m128i *)(const void *)(s + 16))));
	return lo | hi << 16;
}

/* Bit i set where byte i of the 16 at s is c or d. */
static inline uint32_t
scan_either16(const char *s, unsigned char c, unsigned char d)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c)),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)d))));
}

/* Bit i set where byte i of the 16 at s is any of the four bytes of set. */
static inline uint32_t
scan_any16(const char *s, const char set[4])
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(set[0])),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(set[1]))),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(set[2])),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(set[3])))));
}

/* Bit i set where byte i of the 16 at a and b are equal. */
static inline uint32_t
scan_same16(const char *a, const char *b)
{
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(const void *)a),
	    _mm_loadu_si128((const __m128i *)(const void *)b)));
}
#endif

/*
 * Whether the n bytes at a and b are equal, where 16 bytes from each may
 * be read (an input buffer's slack, a buffer of 16 bytes or more).
 */
static inline int
scan_equal(const char *a, const char *b, size_t n)
{
#if defined(SCAN_WINDOW)
	if (n <= 16) {
		uint32_t k = ((uint32_t)1 << n) - 1;

		return (scan_same16(a, b) & k) == k;
	}
#endif
	return memcmp(a, b, n) == 0;
}

/*
 * The same, where at least 8 bytes from any position before end may be
 * read (an input buffer's slack): no byte-at-a-time tail.
 */
static inline const char *
scan_byte_pad(const char *s, const char *end, unsigned char c)
{
	const char *p;
	uint64_t m;

	for (; s < end; s += 8)
		if ((m = scan_eq(scan_load(s), c)) != 0) {
			p = scan_first(s, m, c);
			return p < end ? p : end;
		}
	return end;
}

#endif
