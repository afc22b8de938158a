/*
 * The open sessions: a hash table keyed by the session key (open addressing,
 * linear probing, stored hash tags, backward-shift deletion, so no
 * tombstones; random hash keys, so that no log can make the keys collide),
 * over a pool of session records, and a queue with an entry for each move
 * of a session to a new second, oldest first.  Such a request appends to
 * the queue and touches no other session; an entry whose session has moved
 * on since is dropped when it comes up.  When requests come in time order,
 * the sessions that are over are at the head of the queue.  Memory grows
 * with the number of open sessions only: the queue is compacted when it
 * fills.
 */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "scan.h"
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
	uint32_t	 next;	/* in the free list; while open, its own number */
	uint32_t	 moves;	/* to a new second: its queue entry's number */
	union {
		char	 in[KEY_INLINE];
		char	*out;
	} key;
};

struct slot {
	uint32_t	 tag;	/* the hash, or 0 and idx SESS_NIL if empty */
	uint32_t	 idx;
};

/*
 * A session that moved on to a new second, its moves'th move: stale when
 * it has moved again since.  (Wrapping around would take 2^32 moves while
 * one entry waits in the queue, which is never that long.)
 */
struct due {
	uint32_t	 idx;
	uint32_t	 moves;
};

struct table {
	struct sipkey	  sip;
	struct shorthash  mul;		/* the short keys' hash */
	struct slot	 *slots;
	size_t		  mask;
	size_t		  used;
	struct session	**chunks;
	size_t		  nchunks;
	uint32_t	  nnodes;
	uint32_t	  free;
	uint32_t	  recent;	/* the session of the latest request */
	struct due	 *q;	/* a ring of qcap entries, a power of 2 */
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

uint32_t	table_hash_long(const struct table *, const char *, size_t);

/*
 * A key of up to 16 bytes takes the short hash (see siphash.h), a longer
 * one SipHash.  The key lies in an input buffer: 16 bytes from its start
 * may be read (its slack: see scan.h).
 */
static inline uint32_t
table_hash(const struct table *t, const char *key, size_t n)
{
	if (n > 16)
		return table_hash_long(t, key, n);
	return shorthash(&t->mul, key, n);
}

/*
 * Requests come in batches: while one is looked up, the memory the next
 * ones need is on its way.
 */
static inline void
table_prefetch(const struct table *t, uint32_t h)
{
	scan_prefetch(&t->slots[h & t->mask]);
}

/* The record a key of hash h probably has, or SESS_NIL. */
static inline uint32_t
table_probable(const struct table *t, uint32_t h)
{
	return t->slots[h & t->mask].idx;
}

static inline void
table_prefetch_session(const struct table *t, uint32_t h)
{
	uint32_t i = t->slots[h & t->mask].idx;

	if (i != SESS_NIL)
		scan_prefetch(table_at(t, i));
}

/* The rare branches of table_request(), out of line. */
struct session	*table_start(struct table *, const char *, size_t, uint32_t,
		    int64_t, uint64_t);
void	table_compact(struct table *);

/* Session i moves on to a new second: its entry joins the queue. */
static inline void
table_moved(struct table *t, uint32_t i, struct session *s)
{
	struct due *e;

	if (t->qlen == t->qcap)
		table_compact(t);
	e = &t->q[(t->qhead + t->qlen++) & (t->qcap - 1)];
	e->idx = i;
	e->moves = ++s->moves;
}

/*
 * A request at time tm, the seq'th of the input, its key of hash h: it
 * continues its key's session or starts one, which then counts it.  Times
 * must not decrease.  16 bytes from the key's start may be read.  Inline:
 * it is the heart of sessionize.
 */
static inline struct session *
table_request(struct table *t, const char *key, size_t n, uint32_t h,
    int64_t tm, uint64_t seq)
{
	struct session *s;
	uint32_t i;
	size_t j;

	for (j = h & t->mask; (i = t->slots[j].idx) != SESS_NIL;
	    j = (j + 1) & t->mask) {
		if (t->slots[j].tag != h)
			continue;
		s = table_at(t, i);
		if (s->keylen != n || !scan_equal(sess_key(s), key, n))
			continue;
		if (s->last != tm) {
			s->last = tm;
			table_moved(t, i, s);
		}
		s->count++;
		t->recent = i;
		return s;
	}
	return table_start(t, key, n, h, tm, seq);
}

/* A request by the key of the latest request, in the same second. */
static inline struct session *
table_again(struct table *t)
{
	struct session *s = table_at(t, t->recent);

	s->count++;
	return s;
}

/* The number of an open session's record: table_at() gives it back. */
static inline uint32_t
table_index(const struct session *s)
{
	return s->next;
}

/*
 * The session is over for a reason of its own (sessionize's -M and -z):
 * it is not due on the queue any more.
 */
static inline void
table_undue(struct session *s)
{
	s->moves++;
}

/*
 * Take the next session whose last request is more than period before
 * clock, or NULL when there is none: in order of last request, up to order
 * within one second (whoever needs that order sorts).  A session taken is
 * no longer due; table_remove() it once written.
 */
struct session	*table_expired(struct table *, int64_t, int64_t);
/* Take the next open session, whatever its time: at the end of input. */
struct session	*table_take(struct table *);
/* The session is gone: its record is free, its count 0. */
void	table_remove(struct table *, struct session *);

#endif
