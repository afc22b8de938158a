#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

#define NIL	UINT32_MAX

void
dset_init(struct dset *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	d->mask = 1023;
	d->bucket = emalloc((d->mask + 1) * sizeof(*d->bucket));
	for (i = 0; i <= d->mask; i++)
		d->bucket[i] = NIL;
	d->free = NIL;
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i < d->nhead; i++)
		dset_drop(d, (uint32_t)i);
	free(d->pool);
	free(d->bucket);
	free(d->head);
}

static const char *
text(const struct dval *e)
{
	return e->len <= DSET_INLINE ? e->v.in : e->v.out;
}

/* Twice the buckets, each chain split in two by one more bit of the hash. */
static void
grow(struct dset *d)
{
	size_t i, n = 2 * (d->mask + 1);
	uint32_t *b = emalloc(n * sizeof(*b)), j, next;

	for (i = 0; i < n; i++)
		b[i] = NIL;
	for (i = 0; i <= d->mask; i++)
		for (j = d->bucket[i]; j != NIL; j = next) {
			next = d->pool[j].nextb;
			d->pool[j].nextb = b[d->pool[j].hash & (n - 1)];
			b[d->pool[j].hash & (n - 1)] = j;
		}
	free(d->bucket);
	d->bucket = b;
	d->mask = n - 1;
}

static uint32_t
alloc(struct dset *d)
{
	uint32_t i;

	if (d->free != NIL) {
		i = d->free;
		d->free = d->pool[i].nextb;
		return i;
	}
	if (d->npool == d->cap) {
		if (d->cap >= NIL / 2)
			fatal("too many distinct values held");
		d->cap = d->cap ? 2 * d->cap : 1024;
		d->pool = erealloc(d->pool, d->cap * sizeof(*d->pool));
	}
	return d->npool++;
}

int
dset_add(struct dset *d, uint32_t owner, const char *v, size_t n)
{
	uint32_t h, i, *b;
	struct dval *e;
	size_t k;

	/* the owner in the hash: its values spread like anyone's */
	h = (uint32_t)siphash13(&d->sip, v, n) ^ (owner * 0x9e3779b1u);
	for (i = d->bucket[h & d->mask]; i != NIL; i = e->nextb) {
		e = &d->pool[i];
		if (e->hash == h && e->owner == owner && e->len == n &&
		    memcmp(text(e), v, n) == 0)
			return 0;
	}
	if (n > UINT32_MAX)
		fatal("value too long (%zu bytes)", n);
	if (owner >= d->nhead) {
		k = d->nhead;
		d->nhead = owner + 1 > 2 * k ? owner + 1 : 2 * k;
		d->head = erealloc(d->head, d->nhead * sizeof(*d->head));
		for (; k < d->nhead; k++)
			d->head[k] = NIL;
	}
	if (d->used + 1 > d->mask + 1)
		grow(d);
	i = alloc(d);
	e = &d->pool[i];
	e->hash = h;
	e->owner = owner;
	e->len = (uint32_t)n;
	if (n > DSET_INLINE)
		e->v.out = emalloc(n);
	memcpy(n > DSET_INLINE ? e->v.out : e->v.in, v, n);
	b = &d->bucket[h & d->mask];
	e->nextb = *b;
	*b = i;
	e->nexto = d->head[owner];
	d->head[owner] = i;
	d->used++;
	return 1;
}

void
dset_drop(struct dset *d, uint32_t owner)
{
	uint32_t i, next, *p;

	if (owner >= d->nhead)
		return;
	for (i = d->head[owner]; i != NIL; i = next) {
		next = d->pool[i].nexto;
		for (p = &d->bucket[d->pool[i].hash & d->mask]; *p != i;
		    p = &d->pool[*p].nextb)
			;
		*p = d->pool[i].nextb;
		if (d->pool[i].len > DSET_INLINE)
			free(d->pool[i].v.out);
		d->pool[i].nextb = d->free;
		d->free = i;
		d->used--;
	}
	d->head[owner] = NIL;
}
