/*
 * Sets of distinct values, one for each owner (sessionize's -d: a session
 * and one of its columns): exact, so the values themselves are kept.  All
 * of them are in one open-addressing table of slots of 8 bytes, a hash
 * and the number of an entry, over a pool of entries of 32 bytes.  An
 * entry names its owner by a number and a tag (a session's record and its
 * first request's position); when the owner is gone, its entries are left
 * where they are, and freed when the slots are rebuilt, which asks the
 * caller which owners still live.  The slot an entry goes to depends on a
 * hash the caller can have before it knows the owner (that of the
 * session's key, with the value's), so that the slots can be fetched
 * early, and the entry next.  Memory: 32 bytes an entry (texts over 16
 * bytes on the heap besides), and 8 bytes a slot, at most four slots a
 * live entry: 40 to 64 bytes a value held, for the owners that live and
 * those gone since the last rebuild.
 */
#ifndef DISTINCT_H
#define DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "siphash.h"

#define DSET_INLINE	16

struct dval {
	uint64_t	 tag;
	uint32_t	 owner;
	uint16_t	 col;
	uint16_t	 len;	/* the text's, if inline; else UINT16_MAX */
	union {
		char	 in[DSET_INLINE];
		struct {
			char	*p;
			size_t	 n;
		}	 out;
	} v;
};

struct dslot {
	uint32_t	 hash;	/* never 0; 0: the slot is empty */
	uint32_t	 e;	/* the entry's number */
};

/* Its fields are this module's own. */
struct dset {
	struct sipkey	  sip;
	struct shorthash  sh;
	struct dslot	 *slot;
	size_t		  mask;
	size_t		  used;	/* slots full, of live owners or not */
	struct dval	 *pool;
	uint32_t	  npool, cap, free;
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

/* The slots a value of hash h is looked for in... */
static inline void
dset_prefetch(const struct dset *d, uint32_t h)
{
	scan_prefetch(&d->slot[h & d->mask]);
}

/* ... and, once they are in, the entry it probably has. */
static inline void
dset_prefetch_entry(const struct dset *d, uint32_t h)
{
	const struct dslot *s = &d->slot[h & d->mask];

	if (s->hash == h)
		scan_prefetch(&d->pool[s->e]);
}

/*
 * Add the value (of hash h) to the set of (owner, tag) in column col:
 * returns 1 if it is new there.
 */
int	dset_add(struct dset *, uint32_t, uint32_t, uint64_t, uint32_t,
	    const char *, size_t);

#endif
