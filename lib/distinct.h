/*
 * Sets of distinct values, one for each owner (sessionize's -d: a session
 * and one of its columns): exact, so the values themselves are kept.  An
 * owner's values are an array of its own, to which a value is added with
 * no look-up: adding is a write next to the one before, where a look-up
 * would be a read from anywhere.  A bit for each value's hash, kept with
 * the owner, tells a value that is surely new; if it is not, an array of
 * a cache line or two is read, and a larger one is marked as maybe
 * having duplicates.  When such an array is full its duplicates go (through a
 * hash table as small as the array, for it alone), and only if that
 * leaves it over half full does it grow, to twice its size; when the owner
 * is done its values are counted, without reading them unless there may
 * be duplicates, and the array goes back.  So an array is never over four
 * times its distinct values, and a set of one value (most sessions')
 * has none.  A value of up to 7 bytes (a CIK, as the integer edgar-parse
 * -I writes) takes a word of 8 bytes, a longer one a word and its text,
 * rounded up to 8: memory is 8 to 32 bytes a distinct value of an owner
 * that lives (and a longer one's text), at least an array of 64 bytes
 * for two or more, and the caller's 32 bytes an owner.
 */
#ifndef DISTINCT_H
#define DISTINCT_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"
#include "siphash.h"

#define DSET_INLINE	7
#define DSET_LONG	255	/* the first byte of a word whose text follows */

/*
 * A value as its array has it, in words: its length plus one in the low
 * byte (so that no word is 0), and its bytes in the 7 others (zeros past
 * its end); or, for a longer value, DSET_LONG there, 24 bits of its hash
 * in the next 3 bytes and its length in the high 32 bits, its text in
 * the words that follow (zeros past its end).  So two values are the
 * same if their words are.
 */
typedef uint64_t dword;

/* A value to add: its first word, and its hash (never 0). */
struct dkey {
	dword		 w;
	uint32_t	 hash;
};

/*
 * An owner's values: the caller keeps this, next to what it knows of the
 * owner, so that both come in one fetch.  Zeroed, it is an empty set; a
 * set of one short value, as most sessions' are, has no array: the value
 * is in last alone (n is 0, nv 1).
 */
struct downer {
	dword		*v;		/* 8 << class words, or none */
	uint32_t	 n;		/* words used */
	uint32_t	 nv;		/* values, duplicates among them if dups */
	uint32_t	 seen;		/* a bit for each value's hash */
	uint8_t		 class;
	uint8_t		 dups;		/* there may be duplicates */
	dword		 last;		/* the first word of the value added last */
};

#define DSET_SMALL	9	/* arrays of up to 2048 words are kept */

/* Its fields are this module's own. */
struct dset {
	struct sipkey	  sip;
	struct shorthash  sh;		/* values of up to 32 bytes */
	dword		**free[DSET_SMALL];	/* arrays kept, by class */
	size_t		  nfree[DSET_SMALL], freecap[DSET_SMALL];
	dword		 *chunk;		/* where new ones are cut */
	size_t		  left;			/* words, there */
	dword		**chunks;
	size_t		  nchunks;
	struct dslot {
		uint32_t	 hash;	/* 0: the slot is empty */
		uint32_t	 at;
	}		 *scratch;		/* zeroed between uses */
	size_t		  nscratch;
};

void	dset_init(struct dset *);
void	dset_free(struct dset *);

/*
 * A hash is never 0.  Built with DSET_COLLIDE (make test-portable), hashes
 * take 5 values, so that the tests compare values whose hashes, and long
 * values whose first words, are the same.
 */
#if defined(DSET_COLLIDE)
#define DSET_HASHED(h)	((h) % 5 + 1)
#else
#define DSET_HASHED(h)	((h) != 0 ? (h) : 1)
#endif

/* The hash of a short value's word (see siphash.h). */
static inline uint32_t
dset_word_hash(const struct dset *d, dword w)
{
	return DSET_HASHED(shorthash_word(&d->sh, w));
}

uint32_t	dset_longer_hash(const struct dset *, const char *, size_t);

/* That of a longer value: up to 32 bytes multiply-shift, then SipHash. */
static inline uint32_t
dset_long_hash(const struct dset *d, const char *p, size_t n)
{
	return n > 32 ? dset_longer_hash(d, p, n) :
	    DSET_HASHED(shorthash32(&d->sh, p, n));
}

/* Value p (n bytes, then its slack, see scan.h). */
static inline struct dkey
dset_key(const struct dset *d, const char *p, size_t n)
{
	struct dkey k;

	if (n > DSET_INLINE) {
		k.hash = dset_long_hash(d, p, n);
		k.w = DSET_LONG | (dword)(k.hash >> 8) << 8 | (dword)n <<
		    32;
	} else {
		k.w = (n + 1) | (scan_le64(p) & scan_le64(scan_ones() + 16 -
		    n)) << 8;
		k.hash = dset_word_hash(d, k.w);
	}
	return k;
}

/* The words a value of n bytes takes. */
static inline size_t
dset_words(size_t n)
{
	return n <= DSET_INLINE ? 1 : 1 + (n + 7) / 8;
}

/* The array's words. */
static inline size_t
dset_cap(const struct downer *o)
{
	return o->v != NULL ? (size_t)8 << o->class : 0;
}

/*
 * Word i of the text of a long value p (n bytes), as its array has it:
 * zeros past its end.  (A word is read whole: the slack of p.)
 */
static inline dword
dset_text(const char *p, size_t n, size_t i)
{
	size_t keep = n - 8 * i;

	return scan_load(p + 8 * i) & (keep >= 8 ? ~(dword)0 :
	    scan_load(scan_ones() + 16 - keep));
}

/* The long value at v (its first word matched) has the text p. */
static inline int
dset_same_text(const dword *v, const char *p, size_t n)
{
	size_t i;

	for (i = 0; 8 * i < n; i++)
		if (v[1 + i] != dset_text(p, n, i))
			return 0;
	return 1;
}

void	dset_room(struct dset *, struct downer *, size_t);
int	dset_find(const struct downer *, dword, const char *, size_t);

/*
 * Add value p (n bytes), of key k from dset_key(), to the set of the
 * owner whose values o are.
 */
static inline void
dset_add(struct dset *d, struct downer *o, struct dkey k, const char *p,
    size_t n)
{
	size_t i, need = dset_words(n);
	uint32_t bit = (uint32_t)1 << (k.hash >> 27);
	int maybe = 0;

	/* the value added last, again (its text, if long, the array's last) */
	if (k.w == o->last && (need == 1 || dset_same_text(&o->v[o->n - need],
	    p, n)))
		return;
	if (o->nv == 0 && need == 1) {	/* a first short one: no array yet */
		o->last = k.w;
		o->nv = 1;
		o->seen = bit;
		return;
	}
	if (o->seen & bit) {	/* it may be there: a small array is read */
		if (o->class > 1)
			maybe = 1;
		else if (dset_find(o, k.w, p, n))
			return;
	}
	if (dset_cap(o) - o->n < need)
		dset_room(d, o, need);
	o->dups |= maybe;
	o->v[o->n] = k.w;
	for (i = 0; i + 1 < need; i++)
		o->v[o->n + 1 + i] = dset_text(p, n, i);
	o->n += (uint32_t)need;
	o->nv++;
	o->seen |= bit;
	o->last = k.w;
}

/*
 * The number of distinct values in the owner's set, which is then empty
 * again (its memory is kept for the next owners).
 */
uint32_t	dset_count(struct dset *, struct downer *);

#endif
