/*
 * Sets of distinct values, one for each owner (sessionize's -d: a session,
 * by the number of its record, and one of its columns): exact, so the
 * values themselves are kept.  All of them are in one open-addressing
 * table of slots of 8 bytes, a hash and the number of an entry (linear
 * probing, backward-shift deletion, at most half full); the entries are
 * in blocks that belong to their owner, of 4, 8, 16 ... up to 2048
 * entries of 32 bytes, the first of each linking them.  An owner's values
 * are added next to each other, and dropped together when it is done (a
 * session that ends): its blocks are walked in order, their slots
 * emptied, the blocks kept for the next owners.  So only the values of
 * the owners that live are held, and a key's sessions that come back to
 * its values find no stale copies of them.  The slot a value goes to
 * depends on a hash the caller can have before it knows the owner (that
 * of the session's key, with the value's), so that the slots can be
 * fetched early, and the entry next.  Memory: 32 bytes an entry (texts
 * over 16 bytes on the heap besides), its block's unused share (at most
 * as much again), and 2 to 4 slots: 48 to 96 bytes a value held, and an
 * owner's first value 160 at most.
 */
#ifndef DISTINCT_H
#define DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "siphash.h"

#define DSET_INLINE	16
#define DSET_LONG	UINT32_MAX	/* len: the text is on the heap */

struct dval {
	uint32_t	 owner;	/* a block's first: the next block's number */
	uint32_t	 hash;	/* the first: the block's size class */
	uint32_t	 col;
	uint32_t	 len;	/* the text's, if inline; else DSET_LONG */
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

/*
 * An owner's values: its blocks, the first and the last, the entries used
 * in the last (none: the set is empty, whatever the rest) and its size
 * class.  The caller keeps it, next to what it knows of the owner, so
 * that both come in one fetch; zeroed, it is an empty set.
 */
struct downer {
	uint32_t	 head;
	uint32_t	 tail;
	uint32_t	 fill;
	uint32_t	 class;
};

#define DSET_CLASSES	10

/* Its fields are this module's own. */
struct dset {
	struct sipkey	  sip;
	struct shorthash  sh;
	struct dslot	 *slot;
	size_t		  mask;
	size_t		  used;
	struct dval	 *pool;
	uint32_t	  npool, cap;
	uint32_t	  free[DSET_CLASSES];	/* blocks, by size class */
	struct dslot	 *gone;	/* dset_drop(): the entries to unslot */
	size_t		  ngone, gonecap;
};

void	dset_init(struct dset *);
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
	size_t j, k;

	for (j = h & d->mask, k = 0; k < 4 && d->slot[j].hash != 0;
	    j = (j + 1) & d->mask, k++)
		if (d->slot[j].hash == h) {
			scan_prefetch(&d->pool[d->slot[j].e]);
			return;
		}
}

/* A new value, for slot j: see dset_add(). */
int	dset_insert(struct dset *, struct downer *, size_t, uint32_t,
	    uint32_t, uint32_t, const char *, size_t);
int	dset_same_long(const struct dval *, const char *, size_t);

/*
 * Add the value (of hash h; 16 bytes from p may be read) to the set of
 * owner, whose values o are, in column col: returns 1 if it is new there.
 * The owner is a number that no other owner has while it lives.  The
 * look-up is inline, the insertion not.
 */
static inline int
dset_add(struct dset *d, struct downer *o, uint32_t h, uint32_t owner,
    uint32_t col, const char *p, size_t n)
{
	const struct dval *v;
	size_t j;

	for (j = h & d->mask; d->slot[j].hash != 0; j = (j + 1) & d->mask) {
		if (d->slot[j].hash != h)
			continue;
		v = &d->pool[d->slot[j].e];
		if (v->owner != owner || v->col != col)
			continue;
		if (v->len != DSET_LONG ? v->len == n &&
		    scan_equal(v->v.in, p, n) : dset_same_long(v, p, n))
			return 0;
	}
	return dset_insert(d, o, j, h, owner, col, p, n);
}
/*
 * The n owners whose values these are are done (sessions that end
 * together): their values go, and each set is empty again.
 */
void	dset_drop(struct dset *, struct downer *const *, size_t);

#endif
