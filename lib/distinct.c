#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

/* An entry's size is its text's length + 1: 0 is an empty slot. */
#define EMPTY	0

static struct dval *
slots(size_t n)
{
	struct dval *v = calloc(n, sizeof(*v));

	if (v == NULL)
		fatal("out of memory (asked for %zu bytes)", n * sizeof(*v));
	return v;
}

void
dset_init(struct dset *d, int (*live)(uint32_t, uint64_t))
{
	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	shorthash_init(&d->sh, &d->sip);
	d->mask = 1023;
	d->v = slots(d->mask + 1);
	d->live = live;
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i <= d->mask; i++)
		if (d->v[i].len > DSET_INLINE + 1)
			free(d->v[i].v.out);
	free(d->v);
}

/*
 * The table is full (three quarters of its slots): keep the entries whose
 * owners live, in a table twice as large if they still fill half of it,
 * so that a rebuild frees at least a quarter and costs O(1) an entry over
 * time, and the slots stay within four times the live entries.
 */
static void
rebuild(struct dset *d)
{
	struct dval *old = d->v, *e;
	size_t i, j, oldn = d->mask + 1, n = oldn, live = 0;

	for (i = 0; i < oldn; i++) {
		e = &old[i];
		if (e->len == EMPTY)
			continue;
		if (d->live(e->owner, e->tag))
			live++;
		else {
			if (e->len > DSET_INLINE + 1)
				free(e->v.out);
			e->len = EMPTY;
		}
	}
	if (live > n / 2) {
		if (n > SIZE_MAX / 4 / sizeof(*old))
			fatal("too many distinct values held");
		n *= 2;
	}
	d->v = slots(n);
	d->mask = n - 1;
	for (i = 0; i < oldn; i++) {
		if (old[i].len == EMPTY)
			continue;
		for (j = old[i].hash & d->mask; d->v[j].len != EMPTY;
		    j = (j + 1) & d->mask)
			;
		d->v[j] = old[i];
	}
	d->used = live;
	free(old);
}

int
dset_add(struct dset *d, uint32_t h, uint32_t owner, uint64_t tag,
    uint32_t col, const char *v, size_t n)
{
	struct dval *e;
	size_t j;

	if (n >= UINT32_MAX)
		fatal("value too long (%zu bytes)", n);
	for (j = h & d->mask; (e = &d->v[j])->len != EMPTY;
	    j = (j + 1) & d->mask)
		if (e->hash == h && e->tag == tag && e->owner == owner &&
		    e->col == col && e->len == n + 1 &&
		    (n <= DSET_INLINE ? scan_equal(e->v.in, v, n) :
		    memcmp(e->v.out, v, n) == 0))
			return 0;
	if (4 * (d->used + 1) > 3 * (d->mask + 1)) {
		rebuild(d);
		for (j = h & d->mask; (e = &d->v[j])->len != EMPTY;
		    j = (j + 1) & d->mask)
			;
	}
	e->hash = h;
	e->len = (uint32_t)n + 1;
	e->owner = owner;
	e->col = col;
	e->tag = tag;
	if (n > DSET_INLINE)
		e->v.out = emalloc(n);
	memcpy(n > DSET_INLINE ? e->v.out : e->v.in, v, n);
	d->used++;
	return 1;
}
