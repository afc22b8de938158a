/*
 * Sets of distinct values, one for each owner (sessionize's -d: a session
 * and one of its columns): exact, so the values themselves are kept, in
 * one chained hash table for all owners, with a list of each owner's
 * values so that they can be dropped together.  Memory: about 48 bytes a
 * value held (its text inline up to 16 bytes, else on the heap), plus 8 a
 * bucket, for the values of the owners not yet dropped only.
 */
#ifndef DISTINCT_H
#define DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "siphash.h"

#define DSET_INLINE	16

struct dval {
	uint32_t	 hash;
	uint32_t	 owner;
	uint32_t	 nextb;		/* in its bucket, or in the free list */
	uint32_t	 nexto;		/* among its owner's values */
	uint32_t	 len;
	union {
		char	 in[DSET_INLINE];
		char	*out;
	} v;
};

/* Its fields are this module's own. */
struct dset {
	struct sipkey	 sip;
	uint32_t	*bucket;
	size_t		 mask;
	struct dval	*pool;
	uint32_t	 npool, cap, free;
	size_t		 used;
	uint32_t	*head;	/* each owner's first value */
	size_t		 nhead;
};

void	dset_init(struct dset *);
void	dset_free(struct dset *);
/* Add the value of n bytes at v to owner's set: 1 if it is new there. */
int	dset_add(struct dset *, uint32_t, const char *, size_t);
/* Forget owner's values. */
void	dset_drop(struct dset *, uint32_t);

#endif
