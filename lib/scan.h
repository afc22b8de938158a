/*
 * Scanning bytes many at a time, and the one place where the kit uses
 * vector instructions and compiler builtins.
 *
 * The switch: SCAN_SSE2 is defined where SSE2 and GCC's builtins are
 * (every x86-64 build with gcc or clang), unless SCAN_PORTABLE is defined
 * (make test-portable builds so).  Every function below has a portable
 * body too, in C99: eight bytes at a time ("SWAR": a word has a byte equal
 * to c when (w ^ c*ONES) has a zero byte) or a loop; the rest of the kit
 * calls these functions and never tests the switch itself.
 *
 * Reading past the end.  A scan reads whole words or vectors, so it may
 * read up to SCAN_SLACK bytes past the last byte it uses.  The rule, for
 * every (pointer, length) given to a function here or to a fast path
 * built on them: the SCAN_SLACK bytes after the data must be readable
 * (their values do not matter).  Buffers that hold such data come from
 * scan_alloc() and scan_realloc(), which add the slack; input buffers,
 * the CSV scratch buffer and session-format's key buffer do.  Built with
 * SCAN_GUARD (the fuzz harnesses are), scan_alloc() places the slack's
 * end against an inaccessible page, so a read past it crashes at once.
 */
#ifndef SCAN_H
#define SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if !defined(SCAN_PORTABLE) && defined(__SSE2__) && defined(__GNUC__)
#define SCAN_SSE2	1
#include <emmintrin.h>
#endif

/* Bytes past any data that may be read: see above. */
#define SCAN_SLACK	32

/* n bytes and SCAN_SLACK more, all of them zero; dies if memory is out. */
void	*scan_alloc(size_t);
/* Grow a buffer of scan_alloc() from old to n bytes; the new ones zero. */
void	*scan_realloc(void *, size_t, size_t);
void	 scan_free(void *);

#define SCAN_ONES	0x0101010101010101ULL
#define SCAN_HIGHS	0x8080808080808080ULL
#define SCAN_LOWS	0x7f7f7f7f7f7f7f7fULL

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SCAN_LITTLE	1
#endif

/* Bit tricks: the lowest set bit of a non-zero word, its highest. */
static inline unsigned
scan_ctz32(uint32_t m)
{
#if defined(SCAN_SSE2)
	return (unsigned)__builtin_ctz(m);
#else
	unsigned n = 0;

	while (!(m & 1)) {
		m >>= 1;
		n++;
	}
	return n;
#endif
}

static inline unsigned
scan_ctz64(uint64_t m)
{
#if defined(SCAN_SSE2)
	return (unsigned)__builtin_ctzll(m);
#else
	return (uint32_t)m != 0 ? scan_ctz32((uint32_t)m) :
	    32 + scan_ctz32((uint32_t)(m >> 32));
#endif
}

/* Bits in a non-zero word: 64 less its leading zeros. */
static inline unsigned
scan_bitlen64(uint64_t u)
{
#if defined(SCAN_SSE2)
	return 64 - (unsigned)__builtin_clzll(u);
#else
	unsigned n = 0;

	for (; u != 0; u >>= 1)
		n++;
	return n;
#endif
}

/* Ask for the cache line at p ahead of its use. */
static inline void
scan_prefetch(const void *p)
{
#if defined(SCAN_SSE2)
	__builtin_prefetch(p);
#else
	(void)p;
#endif
}

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
#if defined(SCAN_LITTLE)
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
#if defined(SCAN_LITTLE)
	(void)c;
	return s + (scan_ctz64(m) >> 3);
#else
	(void)m;
	while (*s != (char)c)
		s++;
	return s;
#endif
}

#if !defined(SCAN_SSE2)
/*
 * The portable masks: the high bit of each byte of a little-endian word
 * that is zero (scan_zeros) or below n, n <= 128 (scan_below), exactly,
 * with no carry from one byte into the next; then those eight bits
 * gathered into one byte by a multiply whose partial products never
 * meet.
 */
static inline uint64_t
scan_zeros(uint64_t w)
{
	return ~(((w & SCAN_LOWS) + SCAN_LOWS) | w | SCAN_LOWS);
}

static inline uint64_t
scan_below(uint64_t w, unsigned n)
{
	return ~(((w & SCAN_LOWS) + SCAN_ONES * (0x80 - n)) | w) & SCAN_HIGHS;
}

static inline uint32_t
scan_bits8(uint64_t highs)
{
	return (uint32_t)(((highs >> 7) * 0x0102040810204080ULL) >> 56);
}

static inline uint32_t
scan_eq8(const char *s, unsigned char c)
{
	return scan_bits8(scan_zeros(scan_le64(s) ^ (SCAN_ONES * c)));
}
#endif

/*
 * 16-byte masks: bit i set where byte i of the 16 at s (all readable)
 * is c; is c or d; is any of the four bytes of set; is the same as byte
 * i at b; is a byte a TSV field escapes or a CR-or-lower control byte
 * (below 0x0e, or a backslash).
 */
static inline uint32_t
scan_mask16(const char *s, unsigned char c)
{
#if defined(SCAN_SSE2)
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_set1_epi8(
	    (char)c), _mm_loadu_si128((const __m128i *)(const void *)s)));
#else
	return scan_eq8(s, c) | scan_eq8(s + 8, c) << 8;
#endif
}

static inline uint32_t
scan_mask16_2(const char *s, unsigned char c, unsigned char d)
{
#if defined(SCAN_SSE2)
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c)),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8((char)d))));
#else
	return scan_mask16(s, c) | scan_mask16(s, d);
#endif
}

static inline uint32_t
scan_mask16_4(const char *s, const char set[4])
{
#if defined(SCAN_SSE2)
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(set[0])),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(set[1]))),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(set[2])),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(set[3])))));
#else
	return scan_mask16_2(s, (unsigned char)set[0],
	    (unsigned char)set[1]) | scan_mask16_2(s, (unsigned char)set[2],
	    (unsigned char)set[3]);
#endif
}

static inline uint32_t
scan_same16(const char *a, const char *b)
{
#if defined(SCAN_SSE2)
	return (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_loadu_si128((const __m128i *)(const void *)a),
	    _mm_loadu_si128((const __m128i *)(const void *)b)));
#else
	return scan_bits8(scan_zeros(scan_le64(a) ^ scan_le64(b))) |
	    scan_bits8(scan_zeros(scan_le64(a + 8) ^ scan_le64(b + 8))) << 8;
#endif
}

static inline uint32_t
scan_escapes16(const char *s)
{
#if defined(SCAN_SSE2)
	const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);

	return (uint32_t)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8('\r')), v),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
#else
	return scan_bits8(scan_below(scan_le64(s), 0x0e)) |
	    scan_bits8(scan_below(scan_le64(s + 8), 0x0e)) << 8 |
	    scan_mask16(s, '\\');
#endif
}

/* The same over 32 bytes: a request line is usually shorter. */
static inline uint32_t
scan_mask32(const char *s, unsigned char c)
{
	return scan_mask16(s, c) | scan_mask16(s + 16, c) << 16;
}

/* The first n (0 to 32) bits of a mask. */
static inline uint32_t
scan_keep(uint32_t m, size_t n)
{
	return n >= 32 ? m : m & (((uint32_t)1 << n) - 1);
}

/*
 * A tally of the bytes c in a run of 16-byte blocks, one lane per byte
 * position: at most 255 blocks (each lane holds 255), then the sum.
 */
#if defined(SCAN_SSE2)
typedef struct {
	__m128i	 lanes;
} scan_tally;

static inline void
scan_tally_init(scan_tally *t)
{
	t->lanes = _mm_setzero_si128();
}

/* Count c among the first n (0 to 16) of the 16 bytes at s. */
static inline void
scan_tally16(scan_tally *t, const char *s, unsigned char c, size_t n)
{
	__m128i eq = _mm_cmpeq_epi8(_mm_set1_epi8((char)c),
	    _mm_loadu_si128((const __m128i *)(const void *)s));

	if (n < 16)
		eq = _mm_and_si128(eq, _mm_loadu_si128((const __m128i *)
		    (const void *)(scan_ones() + 16 - n)));
	t->lanes = _mm_sub_epi8(t->lanes, eq);
}

static inline size_t
scan_tally_sum(const scan_tally *t)
{
	__m128i sum = _mm_sad_epu8(t->lanes, _mm_setzero_si128());

	return (size_t)_mm_cvtsi128_si32(sum) +
	    (size_t)_mm_extract_epi16(sum, 4);
}
#else
typedef struct {
	uint64_t lo, hi;
} scan_tally;

static inline void
scan_tally_init(scan_tally *t)
{
	t->lo = t->hi = 0;
}

static inline void
scan_tally16(scan_tally *t, const char *s, unsigned char c, size_t n)
{
	uint64_t lo = scan_zeros(scan_le64(s) ^ (SCAN_ONES * c)) >> 7;
	uint64_t hi = scan_zeros(scan_le64(s + 8) ^ (SCAN_ONES * c)) >> 7;

	if (n < 16) {
		lo &= scan_le64(scan_ones() + 16 - n);
		hi &= scan_le64(scan_ones() + 24 - (n < 8 ? 8 : n));
	}
	t->lo += lo;
	t->hi += hi;
}

static inline size_t
scan_tally_sum(const scan_tally *t)
{
	const uint64_t pairs = 0x00ff00ff00ff00ffULL;
	uint64_t lo = (t->lo & pairs) + (t->lo >> 8 & pairs);
	uint64_t hi = (t->hi & pairs) + (t->hi >> 8 & pairs);

	return (size_t)(((lo + hi) * 0x0001000100010001ULL) >> 48);
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

/*
 * Whether the n bytes at a and b are equal, where 16 bytes from each may
 * be read (data with its slack, or a buffer of 16 bytes or more).
 */
static inline int
scan_equal(const char *a, const char *b, size_t n)
{
	if (n <= 16) {
		uint32_t k = ((uint32_t)1 << n) - 1;

		return (scan_same16(a, b) & k) == k;
	}
	return memcmp(a, b, n) == 0;
}

/* The first byte c in [s, end), or end, reading whole words (the slack). */
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
