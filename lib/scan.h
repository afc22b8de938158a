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

#endif
