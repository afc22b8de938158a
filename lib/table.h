/*
 * The open sessions: a hash table keyed by the session key (open addressing,
 * linear probing, stored hash tags, backward-shift deletion, so no
 * tombstones; random hash keys, so that no log can make the keys collide),
 * over a pool of session records, and a queue of the times at
 * which each session last moved on to a new second, oldest first.  A
 * request appends to the queue and touches nothing else; an entry whose
 * session has moved on since is dropped when it comes up.  When requests
 * come in time order, the sessions that are over are at the head of the
 * queue.  Memory grows with the number of open sessions only: the queue is
 * compacted when it fills.
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
	uint32_t	 next;	/* in the free list */
	union {
		char	 in[KEY_INLINE];
		char	*out;
	} key;
};

struct slot {
	uint32_t	 tag;	/* the hash, or 0 and idx SESS_NIL if empty */
	uint32_t	 idx;
};

/* A session that moved on to second last: due when the clock passes it. */
struct due {
	int64_t		 last;
	uint32_t	 idx;
};

struct table {
	struct sipkey	  sip;
	uint64_t	  mul[6];	/* the short keys' hash */
	struct slot	 *slots;
	size_t		  mask;
	size_t		  used;
	struct session	**chunks;
	size_t		  nchunks;
	uint32_t	  nnodes;
	uint32_t	  free;
	uint32_t	  recent;	/* the session of the latest request */
	struct due	 *q;
	size_t		  qhead;
	size_t		  qlen;
	size_t		  qcap;
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
 * session or starts one, which then counts it.  Times must not decrease.
 * The key lies in an input buffer: 16 bytes from its start may be read
 * (see IN_SLACK).
 */
struct session	*table_request(struct table *, const char *, size_t, int64_t,
		    uint64_t);
/*
 * Take the next session whose last request is more than period before
 * clock, or NULL when there is none: in order of last request, up to order
 * within one second (whoever needs that order sorts).  A session taken is
 * no longer due; table_remove() it once written.
 */
struct session	*table_expired(struct table *, int64_t, int64_t);
/* Take the next open session, whatever its time: at the end of input. */
struct session	*table_take(struct table *);
void	table_remove(struct table *, struct session *);

#endif
