/*
 * The open sessions: a hash table keyed by the session key (open addressing,
 * linear probing, stored hash tags, backward-shift deletion, so no
 * tombstones), over a pool of session records that are also linked in the
 * order of their last requests, oldest first (in any order within one
 * second: whoever needs that order sorts).  When requests come in time
 * order, the sessions that are over are always at the head of that list.
 * Memory grows with the number of open sessions only.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "siphash.h"

#define SESS_NIL	UINT32_MAX
/*
 * Keys up to this long (an EDGAR ip has at most 15 bytes) live in the
 * session record, which is then 64 bytes: one cache line.
 */
#define KEY_INLINE	16

struct session {
	int64_t		 first;
	int64_t		 last;
	uint64_t	 seq;	/* input position of the first request */
	uint64_t	 count;
	uint32_t	 hash;
	uint32_t	 keylen;
	uint32_t	 prev;	/* by last request; free list uses next */
	uint32_t	 next;
	union {
		char	 in[KEY_INLINE];
		char	*out;
	} key;
};

struct slot {
	uint32_t	 tag;	/* the hash, or 0 and idx SESS_NIL if empty */
	uint32_t	 idx;
};

struct table {
	struct sipkey	  sip;
	struct slot	 *slots;
	size_t		  mask;
	size_t		  used;
	struct session	**chunks;
	size_t		  nchunks;
	uint32_t	  nnodes;
	uint32_t	  free;
	uint32_t	  head;
	uint32_t	  tail;
};

void	table_init(struct table *);
void	table_free(struct table *);

static inline struct session *
table_at(const struct table *t, uint32_t i)
{
	return &t->chunks[i >> 12][i & 4095];
}

static inline const char *
sess_key(const struct session *s)
{
	return s->keylen <= KEY_INLINE ? s->key.in : s->key.out;
}

/*
 * A request at time tm, the seq'th of the input: it continues its key's
 * session or starts one, which then counts it.  Times must not decrease:
 * the list stays ordered by last request, up to order within a second.
 */
struct session	*table_request(struct table *, const char *, size_t, int64_t,
		    uint64_t);
/* The session whose last request is oldest, or NULL when none is open. */
struct session	*table_oldest(const struct table *);
struct session	*table_next(const struct table *, const struct session *);
void	table_remove(struct table *, struct session *);

#endif
