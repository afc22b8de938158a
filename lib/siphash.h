/*
 * SipHash-1-3, a keyed hash: without the key, nobody can choose strings
 * that collide, so a hostile log cannot turn the session table's O(1)
 * look-ups into O(n) ones.
 */
#ifndef SIPHASH_H
#define SIPHASH_H

#include <stddef.h>
#include <stdint.h>

struct sipkey {
	uint64_t	k0, k1;
};

/* A key from /dev/urandom, or failing that from the clock and pid. */
void	sip_randomkey(struct sipkey *);
uint64_t	siphash13(const struct sipkey *, const void *, size_t);

#endif
