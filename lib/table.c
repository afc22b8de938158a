#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "util.h"

#define CHUNK	4096

void
table_init(struct table *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	sip_randomkey(&t->sip);
	t->mask = 1023;
	t->slots = emalloc((t->mask + 1) * sizeof(*t->slots));
	for (i = 0; i <= t->mask; i++)
		t->slots[i].idx = SESS_NIL;
	t->free = t->head = t->tail = SESS_NIL;
}

void
table_free(struct table *t)
{
	struct session *s;

	while ((s = table_oldest(t)) != NULL)
		table_remove(t, s);
	while (t->nchunks > 0)
		free(t->chunks[--t->nchunks]);
	free(t->chunks);
	free(t->slots);
}

/* Session records on cache-line boundaries: one line a record. */
static void *
ealigned(size_t n)
{
	void *p;

	if (posix_memalign(&p, 64, n) != 0)
		die("out of memory (asked for %zu bytes)", n);
	return p;
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
			die("too many open sessions");
		t->chunks = erealloc(t->chunks,
		    (t->nchunks + 1) * sizeof(*t->chunks));
		t->chunks[t->nchunks++] = ealigned(CHUNK * sizeof(struct session));
	}
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

static void
link_tail(struct table *t, uint32_t i, struct session *s)
{
	s->next = SESS_NIL;
	s->prev = t->tail;
	if (t->tail != SESS_NIL)
		table_at(t, t->tail)->next = i;
	else
		t->head = i;
	t->tail = i;
}

static void
unlink_node(struct table *t, struct session *s)
{
	if (s->prev != SESS_NIL)
		table_at(t, s->prev)->next = s->next;
	else
		t->head = s->next;
	if (s->next != SESS_NIL)
		table_at(t, s->next)->prev = s->prev;
	else
		t->tail = s->prev;
}

static struct session *
start(struct table *t, size_t slot, uint32_t h, const char *key, size_t n,
    int64_t tm, uint64_t seq)
{
	uint32_t i = node_alloc(t);
	struct session *s = table_at(t, i);

	if (n > UINT32_MAX)
		die("key too long (%zu bytes)", n);
	s->first = s->last = tm;
	s->seq = seq;
	s->count = 1;
	s->hash = h;
	s->keylen = (uint32_t)n;
	if (n > KEY_INLINE)
		s->key.out = emalloc(n);
	memcpy(n > KEY_INLINE ? s->key.out : s->key.in, key, n);
	t->slots[slot].tag = h;
	t->slots[slot].idx = i;
	t->used++;
	link_tail(t, i, s);
	return s;
}

struct session *
table_request(struct table *t, const char *key, size_t n, int64_t tm,
    uint64_t seq)
{
	uint32_t h;
	size_t j;
	struct session *s;

	/* A client's requests come in bursts: try the latest session first. */
	if (t->tail != SESS_NIL) {
		s = table_at(t, t->tail);
		if (s->keylen == n && memcmp(sess_key(s), key, n) == 0) {
			s->last = tm;
			s->count++;
			return s;
		}
	}
	if (2 * (t->used + 1) > t->mask + 1)
		grow(t);
	h = (uint32_t)siphash13(&t->sip, key, n);
	for (j = h & t->mask; t->slots[j].idx != SESS_NIL; j = (j + 1) & t->mask) {
		if (t->slots[j].tag != h)
			continue;
		s = table_at(t, t->slots[j].idx);
		if (s->keylen == n && memcmp(sess_key(s), key, n) == 0) {
			/*
			 * The list needs order by last request only between
			 * seconds: within one the writer sorts, so a request
			 * in the session's last second leaves it in place.
			 */
			if (s->last != tm) {
				unlink_node(t, s);
				link_tail(t, t->slots[j].idx, s);
				s->last = tm;
			}
			s->count++;
			return s;
		}
	}
	return start(t, j, h, key, n, tm, seq);
}

struct session *
table_oldest(const struct table *t)
{
	return t->head == SESS_NIL ? NULL : table_at(t, t->head);
}

struct session *
table_next(const struct table *t, const struct session *s)
{
	return s->next == SESS_NIL ? NULL : table_at(t, s->next);
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
	unlink_node(t, s);
	if (s->keylen > KEY_INLINE)
		free(s->key.out);
	s->next = t->free;
	t->free = idx;
}
