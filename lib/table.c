#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "table.h"
#include "util.h"

#define CHUNK	4096

void
table_init(struct table *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	sip_randomkey(&t->sip);
	shorthash_init(&t->mul, &t->sip);
	t->mask = 1023;
	t->slots = emalloc((t->mask + 1) * sizeof(*t->slots));
	for (i = 0; i <= t->mask; i++)
		t->slots[i].idx = SESS_NIL;
	t->free = t->recent = SESS_NIL;
	t->qcap = 1024;
	t->q = emalloc(t->qcap * sizeof(*t->q));
}

void
table_free(struct table *t)
{
	struct session *s;

	while ((s = table_take(t)) != NULL)
		table_remove(t, s);
	while (t->nchunks > 0)
		free(t->chunks[--t->nchunks]);
	free(t->chunks);
	free(t->slots);
	free(t->q);
}

static uint32_t
node_alloc(struct table *t)
{
	uint32_t i;

	if (t->free != SESS_NIL) {
		i = t->free;
		t->free = table_at(t, i)->next;
		return i;
	}
	if (t->nnodes % CHUNK == 0) {
		if (t->nnodes == SESS_NIL / CHUNK * CHUNK)
			fatal("too many open sessions");
		t->chunks = erealloc(t->chunks,
		    (t->nchunks + 1) * sizeof(*t->chunks));
		/* session records on cache-line boundaries: a line each */
		t->chunks[t->nchunks++] = ealigned(CHUNK * sizeof(struct session));
	}
	/* a record's moves go on counting when it is reused: never reset */
	table_at(t, t->nnodes)->moves = 0;
	return t->nnodes++;
}

static void
grow(struct table *t)
{
	struct slot *old = t->slots;
	size_t oldn = t->mask + 1, i, j;

	t->mask = 2 * oldn - 1;
	t->slots = emalloc((t->mask + 1) * sizeof(*t->slots));
	for (i = 0; i <= t->mask; i++)
		t->slots[i].idx = SESS_NIL;
	for (i = 0; i < oldn; i++) {
		if (old[i].idx == SESS_NIL)
			continue;
		for (j = old[i].tag & t->mask; t->slots[j].idx != SESS_NIL;
		    j = (j + 1) & t->mask)
			;
		t->slots[j] = old[i];
	}
	free(old);
}

/*
 * The queue is a ring.  Each open session has exactly one entry that is
 * not stale, the one for its last second: when the ring is full, keep
 * those only, in order.  If they still fill a quarter of it, it doubles,
 * so that a compaction always frees at least three quarters and costs
 * O(1) a request over time, and the ring stays within eight times the
 * open sessions (64 bytes a session).  Entries that come up in time are
 * dropped there, so in a steady state it seldom fills.
 */
void
table_compact(struct table *t)
{
	size_t i, n = 0, m = t->qcap - 1;
	struct due *e, *q;

	for (i = 0; i < t->qlen; i++) {
		e = &t->q[(t->qhead + i) & m];
		if (table_at(t, e->idx)->moves == e->moves)
			t->q[(t->qhead + n++) & m] = *e;
	}
	t->qlen = n;
	if (n > t->qcap / 4) {
		q = emalloc(2 * t->qcap * sizeof(*q));
		for (i = 0; i < n; i++)
			q[i] = t->q[(t->qhead + i) & m];
		free(t->q);
		t->q = q;
		t->qhead = 0;
		t->qcap *= 2;
	}
}

/* A key not in the table: a session starts. */
struct session *
table_start(struct table *t, const char *key, size_t n, uint32_t h,
    int64_t tm, uint64_t seq)
{
	struct session *s;
	uint32_t i;
	size_t j;

	if (n > UINT32_MAX)
		fatal("key too long (%zu bytes)", n);
	if (2 * (t->used + 1) > t->mask + 1)
		grow(t);
	for (j = h & t->mask; t->slots[j].idx != SESS_NIL; j = (j + 1) & t->mask)
		;
	i = node_alloc(t);
	s = table_at(t, i);
	s->first = s->last = tm;
	s->seq = seq;
	s->count = 1;
	s->hash = h;
	s->next = i;
	s->keylen = (uint32_t)n;
	if (n > KEY_INLINE)
		s->key.out = emalloc(n);
	memcpy(n > KEY_INLINE ? s->key.out : s->key.in, key, n);
	t->slots[j].tag = h;
	t->slots[j].idx = i;
	t->used++;
	t->recent = i;
	table_moved(t, i, s);
	return s;
}

uint32_t
table_hash_long(const struct table *t, const char *key, size_t n)
{
	return (uint32_t)siphash13(&t->sip, key, n);
}

/* The next entry of the queue that is not stale, if it is due. */
static struct session *
take(struct table *t, int64_t clock, int64_t period, int all)
{
	struct session *s;

	for (; t->qlen > 0; t->qlen--, t->qhead = (t->qhead + 1) & (t->qcap - 1)) {
		/* entries are read in turn: fetch their sessions ahead */
		if (t->qlen > 16)
			scan_prefetch(table_at(t,
			    t->q[(t->qhead + 16) & (t->qcap - 1)].idx));
		s = table_at(t, t->q[t->qhead].idx);
		if (s->moves != t->q[t->qhead].moves)
			continue;	/* stale */
		if (!all && clock - s->last <= period)
			return NULL;
		t->qlen--;
		t->qhead = (t->qhead + 1) & (t->qcap - 1);
		scan_prefetch(&t->slots[s->hash & t->mask]);	/* for table_remove */
		return s;
	}
	return NULL;
}

struct session *
table_expired(struct table *t, int64_t clock, int64_t period)
{
	return take(t, clock, period, 0);
}

struct session *
table_take(struct table *t)
{
	return take(t, 0, 0, 1);
}

/* Backward-shift deletion keeps every probe chain unbroken. */
void
table_remove(struct table *t, struct session *s)
{
	size_t j, k, home;
	uint32_t idx;

	for (j = s->hash & t->mask; ; j = (j + 1) & t->mask)
		if (t->slots[j].tag == s->hash &&
		    table_at(t, t->slots[j].idx) == s)
			break;
	idx = t->slots[j].idx;
	for (k = (j + 1) & t->mask; t->slots[k].idx != SESS_NIL;
	    k = (k + 1) & t->mask) {
		home = t->slots[k].tag & t->mask;
		if (((k - home) & t->mask) >= ((k - j) & t->mask)) {
			t->slots[j] = t->slots[k];
			j = k;
		}
	}
	t->slots[j].idx = SESS_NIL;
	t->slots[j].tag = 0;
	t->used--;
	if (t->recent == idx)
		t->recent = SESS_NIL;
	if (s->keylen > KEY_INLINE)
		free(s->key.out);
	s->count = 0;
	s->next = t->free;
	t->free = idx;
}
