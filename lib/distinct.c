#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

#define NIL	UINT32_MAX
#define AHEAD	8		/* entries ahead whose slots are fetched */

static struct dslot *
slots(size_t n)
{
	struct dslot *s = calloc(n, sizeof(*s));

	if (s == NULL)
		fatal("out of memory (asked for %zu bytes)", n * sizeof(*s));
	return s;
}

void
dset_init(struct dset *d)
{
	size_t c;

	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	shorthash_init(&d->sh, &d->sip);
	d->mask = 1023;
	d->slot = slots(d->mask + 1);
	for (c = 0; c < DSET_CLASSES; c++)
		d->free[c] = NIL;
}

static void
text_free(struct dval *v)
{
	if (v->len == DSET_LONG)
		free(v->v.out.p);
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i <= d->mask; i++)
		if (d->slot[i].hash != 0)
			text_free(&d->pool[d->slot[i].e]);
	free(d->slot);
	free(d->pool);
	free(d->gone);
}

/* The entries of a block of size class c, its first among them. */
static uint32_t
blocksize(uint32_t c)
{
	return (uint32_t)4 << c;
}

/* A block of class c, from those kept or new; its first links to none. */
static uint32_t
block(struct dset *d, uint32_t c)
{
	uint32_t b, n = blocksize(c);

	if ((b = d->free[c]) != NIL) {	/* fetched when it became the head */
		if ((d->free[c] = d->pool[b].owner) != NIL)
			scan_prefetch(&d->pool[d->free[c]]);
	} else {
		if (d->npool > NIL / 2 - n)
			fatal("too many distinct values held");
		while (d->cap - d->npool < n) {
			d->cap = d->cap ? 2 * d->cap : 1024;
			d->pool = erealloc(d->pool, (size_t)d->cap *
			    sizeof(*d->pool));
		}
		b = d->npool;
		d->npool += n;
	}
	d->pool[b].owner = NIL;
	d->pool[b].hash = c;
	return b;
}

/* The owner's next entry, in its last block or a new one. */
static uint32_t
next_entry(struct dset *d, struct downer *o)
{
	uint32_t b, c;

	if (o->fill == 0) {
		o->head = o->tail = block(d, 0);
		o->fill = 1;
		o->class = 0;
	} else if (o->fill == blocksize(o->class)) {
		c = o->class + 1 < DSET_CLASSES ? o->class + 1 : o->class;
		b = block(d, c);
		d->pool[o->tail].owner = b;
		o->tail = b;
		o->fill = 1;
		o->class = c;
	}
	return o->tail + o->fill++;
}

/* Twice the slots, for the same entries. */
static void
grow(struct dset *d)
{
	struct dslot *old = d->slot;
	size_t i, j, oldn = d->mask + 1, n = 2 * oldn;

	if (oldn > SIZE_MAX / 2 / sizeof(*old))
		fatal("too many distinct values held");
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
	free(old);
}

int
dset_same_long(const struct dval *v, const char *p, size_t n)
{
	return v->v.out.n == n && memcmp(v->v.out.p, p, n) == 0;
}

int
dset_insert(struct dset *d, struct downer *o, size_t j, uint32_t h,
    uint32_t owner, uint32_t col, const char *p, size_t n)
{
	struct dval *v;
	uint32_t e;

	if (2 * (d->used + 1) > d->mask + 1) {
		grow(d);
		for (j = h & d->mask; d->slot[j].hash != 0;
		    j = (j + 1) & d->mask)
			;
	}
	e = next_entry(d, o);
	v = &d->pool[e];
	v->owner = owner;
	v->hash = h;
	v->col = col;
	if (n <= DSET_INLINE) {	/* p has its slack: all of it, at once */
		v->len = (uint32_t)n;
		memcpy(v->v.in, p, DSET_INLINE);
	} else {
		v->len = DSET_LONG;
		v->v.out.p = emalloc(n);
		v->v.out.n = n;
		memcpy(v->v.out.p, p, n);
	}
	d->slot[j].hash = h;
	d->slot[j].e = e;
	d->used++;
	return 1;
}

/*
 * The entry of hash h in slot j leaves it; backward-shift deletion keeps
 * every run of slots whole.
 */
static void
unslot(struct dset *d, uint32_t e, uint32_t h)
{
	size_t j, k, home;

	for (j = h & d->mask; d->slot[j].e != e || d->slot[j].hash == 0;
	    j = (j + 1) & d->mask)
		;
	for (k = (j + 1) & d->mask; d->slot[k].hash != 0;
	    k = (k + 1) & d->mask) {
		home = d->slot[k].hash & d->mask;
		if (((k - home) & d->mask) >= ((k - j) & d->mask)) {
			d->slot[j] = d->slot[k];
			j = k;
		}
	}
	d->slot[j].hash = 0;
	d->used--;
}

/* The entries of the owner's blocks, into the list to unslot. */
static void
collect(struct dset *d, struct downer *o)
{
	uint32_t b, next, end, e, c;
	struct dval *v;

	for (b = o->head; b != NIL; b = next) {
		if (b == o->tail) {
			next = NIL;
			c = o->class;
			end = b + o->fill;
		} else {
			next = d->pool[b].owner;
			c = d->pool[b].hash;
			end = b + blocksize(c);
			scan_prefetch(&d->pool[next]);
		}
		if (d->ngone + (end - b) > d->gonecap) {
			d->gonecap = 2 * (d->ngone + (end - b));
			d->gone = erealloc(d->gone, d->gonecap *
			    sizeof(*d->gone));
		}
		for (e = b + 1; e < end; e++) {
			v = &d->pool[e];
			/* the slots are anywhere: fetched before they are used */
			scan_prefetch(&d->slot[v->hash & d->mask]);
			d->gone[d->ngone].hash = v->hash;
			d->gone[d->ngone].e = e;
			d->ngone++;
			text_free(v);
		}
		d->pool[b].owner = d->free[c];
		d->free[c] = b;
	}
	o->fill = 0;
}

/*
 * In passes over the owners, so that what each reads was fetched by the
 * one before: their last blocks, their slots.  (Their own records come
 * with the caller's.)
 */
void
dset_drop(struct dset *d, struct downer *const *o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (o[i]->fill > 0)
			scan_prefetch(&d->pool[o[i]->tail + 1]);
	d->ngone = 0;
	for (i = 0; i < n; i++)
		if (o[i]->fill > 0)
			collect(d, o[i]);
	for (i = 0; i < d->ngone; i++)
		unslot(d, d->gone[i].e, d->gone[i].hash);
}
