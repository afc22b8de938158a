#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

static void *
zeroed(size_t n, size_t size)
{
	void *p = calloc(n, size);

	if (p == NULL)
		fatal("out of memory (asked for %zu bytes)", n * size);
	return p;
}

void
dset_init(struct dset *d, int (*live)(uint32_t, uint64_t))
{
	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	shorthash_init(&d->sh, &d->sip);
	d->mask = 1023;
	d->hash = zeroed(d->mask + 1, sizeof(*d->hash));
	d->v = zeroed(d->mask + 1, sizeof(*d->v));
	d->live = live;
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i <= d->mask; i++)
		if (d->hash[i] != 0 && d->v[i].len > DSET_INLINE)
			free(d->v[i].v.out);
	free(d->hash);
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
	uint32_t *oldh = d->hash;
	struct dval *old = d->v, *e;
	size_t i, j, oldn = d->mask + 1, n = oldn, live = 0;

	for (i = 0; i < oldn; i++) {
		if (oldh[i] == 0)
			continue;
		e = &old[i];
		if (d->live(e->owner, e->tag))
			live++;
		else {
			if (e->len > DSET_INLINE)
				free(e->v.out);
			oldh[i] = 0;
		}
	}
	if (live > n / 2) {
		if (n > SIZE_MAX / 4 / sizeof(*old))
			fatal("too many distinct values held");
		n *= 2;
	}
	d->hash = zeroed(n, sizeof(*d->hash));
	d->v = zeroed(n, sizeof(*d->v));
	d->mask = n - 1;
	for (i = 0; i < oldn; i++) {
		if (oldh[i] == 0)
			continue;
		for (j = oldh[i] & d->mask; d->hash[j] != 0;
		    j = (j + 1) & d->mask)
			;
		d->hash[j] = oldh[i];
		d->v[j] = old[i];
	}
	d->used = live;
	free(oldh);
	free(old);
}

int
dset_add(struct dset *d, uint32_t h, uint32_t owner, uint64_t tag,
    uint32_t col, const char *v, size_t n)
{
	struct dval *e;
	uint32_t x;
	size_t j;

	if (n > UINT32_MAX)
		fatal("value too long (%zu bytes)", n);
	for (j = h & d->mask; (x = d->hash[j]) != 0; j = (j + 1) & d->mask) {
		if (x != h)
			continue;
		e = &d->v[j];
		if (e->tag == tag && e->owner == owner && e->col == col &&
		    e->len == n && (n <= DSET_INLINE ?
		    scan_equal(e->v.in, v, n) : memcmp(e->v.out, v, n) == 0))
			return 0;
	}
	if (4 * (d->used + 1) > 3 * (d->mask + 1)) {
		rebuild(d);
		for (j = h & d->mask; d->hash[j] != 0; j = (j + 1) & d->mask)
			;
	}
	d->hash[j] = h;
	e = &d->v[j];
	e->len = (uint32_t)n;
	e->owner = owner;
	e->col = col;
	e->tag = tag;
	if (n > DSET_INLINE)
		e->v.out = emalloc(n);
	memcpy(n > DSET_INLINE ? e->v.out : e->v.in, v, n);
	d->used++;
	return 1;
}
