#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

#define NIL	UINT32_MAX
#define LONG	UINT16_MAX	/* an entry's text is on the heap */

static struct dslot *
slots(size_t n)
{
	struct dslot *s = calloc(n, sizeof(*s));

	if (s == NULL)
		fatal("out of memory (asked for %zu bytes)", n * sizeof(*s));
	return s;
}

void
dset_init(struct dset *d, int (*live)(uint32_t, uint64_t))
{
	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	shorthash_init(&d->sh, &d->sip);
	d->mask = 1023;
	d->slot = slots(d->mask + 1);
	d->free = NIL;
	d->live = live;
}

static void
release(struct dset *d, uint32_t e)
{
	struct dval *v = &d->pool[e];

	if (v->len == LONG)
		free(v->v.out.p);
	v->owner = d->free;	/* the free list runs through the owners */
	d->free = e;
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i <= d->mask; i++)
		if (d->slot[i].hash != 0)
			release(d, d->slot[i].e);
	free(d->slot);
	free(d->pool);
}

/*
 * The slots are full (three quarters of them): keep those whose owners
 * live, in twice as many slots if they still fill half, so that a rebuild
 * frees at least a quarter and costs O(1) an entry over time, and the
 * slots stay within four times the live entries.
 */
static void
rebuild(struct dset *d)
{
	struct dslot *old = d->slot;
	size_t i, j, oldn = d->mask + 1, n = oldn, live = 0;
	struct dval *v;

	for (i = 0; i < oldn; i++) {
		if (old[i].hash == 0)
			continue;
		v = &d->pool[old[i].e];
		if (d->live(v->owner, v->tag))
			live++;
		else {
			release(d, old[i].e);
			old[i].hash = 0;
		}
	}
	if (live > n / 2) {
		if (n > SIZE_MAX / 4 / sizeof(*old))
			fatal("too many distinct values held");
		n *= 2;
	}
	d->slot = slots(n);
	d->mask = n - 1;
	for (i = 0; i < oldn; i++) {
		if (old[i].hash == 0)
			continue;
		for (j = old[i].hash & d->mask; d->slot[j].hash != 0;
		    j = (j + 1) & d->mask)
			;
		d->slot[j] = old[i];
	}
	d->used = live;
	free(old);
}

static uint32_t
alloc(struct dset *d)
{
	uint32_t e;

	if (d->free != NIL) {
		e = d->free;
		d->free = d->pool[e].owner;
		return e;
	}
	if (d->npool == d->cap) {
		if (d->cap >= NIL / 2)
			fatal("too many distinct values held");
		d->cap = d->cap ? 2 * d->cap : 1024;
		d->pool = erealloc(d->pool, d->cap * sizeof(*d->pool));
	}
	return d->npool++;
}

static int
same(const struct dval *v, uint32_t owner, uint64_t tag, uint32_t col,
    const char *p, size_t n)
{
	if (v->tag != tag || v->owner != owner || v->col != col)
		return 0;
	if (v->len != LONG)
		return v->len == n && scan_equal(v->v.in, p, n);
	return v->v.out.n == n && memcmp(v->v.out.p, p, n) == 0;
}

int
dset_add(struct dset *d, uint32_t h, uint32_t owner, uint64_t tag,
    uint32_t col, const char *p, size_t n)
{
	struct dval *v;
	uint32_t e;
	size_t j;

	for (j = h & d->mask; d->slot[j].hash != 0; j = (j + 1) & d->mask)
		if (d->slot[j].hash == h &&
		    same(&d->pool[d->slot[j].e], owner, tag, col, p, n))
			return 0;
	if (4 * (d->used + 1) > 3 * (d->mask + 1)) {
		rebuild(d);
		for (j = h & d->mask; d->slot[j].hash != 0;
		    j = (j + 1) & d->mask)
			;
	}
	e = alloc(d);
	v = &d->pool[e];
	v->tag = tag;
	v->owner = owner;
	v->col = (uint16_t)col;
	if (n <= DSET_INLINE) {
		v->len = (uint16_t)n;
		memcpy(v->v.in, p, n);
	} else {
		v->len = LONG;
		v->v.out.p = emalloc(n);
		v->v.out.n = n;
		memcpy(v->v.out.p, p, n);
	}
	d->slot[j].hash = h;
	d->slot[j].e = e;
	d->used++;
	return 1;
}
