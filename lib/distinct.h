/*
 * Sets of distinct values, one for each owner (sessionize's -d: a session
 * and one of its columns): exact, so the values themselves are kept, all
 * in one open-addressing table.  An entry names its owner by a number and
 * a tag (a session's record and its first request's position); when the
 * owner is gone its entries are left where they are, and dropped when the
 * table is rebuilt, which asks the caller which owners still live.  The
 * slot an entry goes to depends on a hash the caller can have before it
 * knows the owner (that of the session's key, with the value's), so that
 * it can be fetched early.  The slots' hashes are an array of their own,
 * so that a probe reads 16 of them a cache line.  Memory: 44 bytes a
 * slot, the slots at most four times the live entries, mostly two to
 * three (texts over 16 bytes on the heap besides): about 100 bytes a
 * value held.
 */
#ifndef DISTINCT_H
#define DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "siphash.h"

#define DSET_INLINE	16

struct dval {
	uint32_t	 len;	/* the text's length */
	uint32_t	 owner;
	uint32_t	 col;
	uint64_t	 tag;
	union {
		char	 in[DSET_INLINE];
		char	*out;
	} v;
};

/* Its fields are this module's own. */
struct dset {
	struct sipkey	  sip;
	struct shorthash  sh;
	uint32_t	 *hash;	/* each slot's, never 0; 0: the slot is empty */
	struct dval	 *v;
	size_t		  mask;
	size_t		  used;	/* live or not */
	/* does the owner of this number and tag live? */
	int		(*live)(uint32_t, uint64_t);
};

void	dset_init(struct dset *, int (*)(uint32_t, uint64_t));
void	dset_free(struct dset *);

/*
 * The hash of value v (n bytes; 16 from v may be read: its slack, see
 * scan.h) in column col of an owner whose key hashes to kh.
 */
static inline uint32_t
dset_hash(const struct dset *d, uint32_t kh, uint32_t col, const char *v,
    size_t n)
{
	uint32_t h = n <= 16 ? shorthash(&d->sh, v, n) :
	    (uint32_t)siphash13(&d->sip, v, n);

	h ^= (kh + col) * 0x9e3779b1u;
	return h != 0 ? h : 1;
}

static inline void
dset_prefetch(const struct dset *d, uint32_t h)
{
	scan_prefetch(&d->hash[h & d->mask]);
	scan_prefetch(&d->v[h & d->mask]);
}

/* Add the value (of hash h) to the set of (owner, tag) in column col:
 * returns 1 if it is new there. */
int	dset_add(struct dset *, uint32_t, uint32_t, uint64_t, uint32_t,
	    const char *, size_t);

#endif
