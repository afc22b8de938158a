/*
 * SipHash-1-3, a keyed hash: without the key, nobody can choose strings
 * that collide, so a hostile log cannot turn the session table's O(1)
 * look-ups into O(n) ones.
 */
#ifndef SIPHASH_H
#define SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"

struct sipkey {
	uint64_t	k0, k1;
};

/* A key from /dev/urandom, or failing that from the clock and pid. */
void	sip_randomkey(struct sipkey *);
uint64_t	siphash13(const struct sipkey *, const void *, size_t);

/*
 * A key of up to 16 bytes (any IPv4 address, any CIK) is hashed by vector
 * multiply-shift: with random 64-bit multipliers a and b, bits 32 to 63 of
 * a0 x0 + ... + a7 x7 + a8 n + b, where x0 to x7 are the key's 32-bit
 * words (zero-padded) and n its length, are strongly universal (Thorup,
 * "High speed hashing for integers and strings", 2015), and so are any of
 * their low bits, which pick the slot: a log written without knowing the
 * multipliers collides no more than random keys do.  Longer keys take
 * SipHash, which costs about five times as much.
 */
struct shorthash {
	uint64_t	mul[10];	/* a0 to a8, then b */
};

/* Multipliers drawn by SipHash under a random key. */
void	shorthash_init(struct shorthash *, const struct sipkey *);

/* The key lies in a buffer with its slack: 16 bytes may be read. */
static inline uint32_t
shorthash(const struct shorthash *h, const char *key, size_t n)
{
	uint64_t w0 = scan_le64(key) & scan_le64(scan_ones() + 16 - n);
	uint64_t w1 = scan_le64(key + 8) & scan_le64(scan_ones() + 24 - n);

	return (h->mul[0] * (w0 & 0xffffffff) + h->mul[1] * (w0 >> 32) +
	    h->mul[2] * (w1 & 0xffffffff) + h->mul[3] * (w1 >> 32) +
	    h->mul[8] * n + h->mul[9]) >> 32;
}

/*
 * The same for a key of up to 32 bytes (32 may be read), all eight words:
 * of a key of up to 16, the same hash as shorthash()'s.
 */
static inline uint32_t
shorthash32(const struct shorthash *h, const char *key, size_t n)
{
	uint64_t s = h->mul[8] * n + h->mul[9], w;
	size_t i, keep;

	for (i = 0; i < 4; i++) {
		keep = n > 8 * i ? n - 8 * i : 0;
		w = scan_le64(key + 8 * i) & scan_le64(scan_ones() + 16 -
		    (keep < 8 ? keep : 8));
		s += h->mul[2 * i] * (w & 0xffffffff) + h->mul[2 * i + 1] *
		    (w >> 32);
	}
	return s >> 32;
}

/* The same over a key already in one 64-bit word: its two halves. */
static inline uint32_t
shorthash_word(const struct shorthash *h, uint64_t w)
{
	return (h->mul[0] * (w & 0xffffffff) + h->mul[1] * (w >> 32) +
	    h->mul[9]) >> 32;
}

#endif
