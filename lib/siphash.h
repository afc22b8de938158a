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
 * a0 x0 + ... + a4 x4 + b, where x0 to x3 are the key's 32-bit words
 * (zero-padded) and x4 its length, are strongly universal (Thorup, "High
 * speed hashing for integers and strings", 2015), and so are any of their
 * low bits, which pick the slot: a log written without knowing the
 * multipliers collides no more than random keys do.  Longer keys take
 * SipHash, which costs about five times as much.
 */
struct shorthash {
	uint64_t	mul[6];
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
	    h->mul[4] * n + h->mul[5]) >> 32;
}

#endif
