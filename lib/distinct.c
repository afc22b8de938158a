#include <stdlib.h>
#include <string.h>

#include "distinct.h"
#include "util.h"

#define CHUNK	131072		/* words: a megabyte, cut into small arrays */
#define MAXCLASS 27		/* 2^30 words: 8 GiB */

void
dset_init(struct dset *d)
{
	memset(d, 0, sizeof(*d));
	sip_randomkey(&d->sip);
	shorthash_init(&d->sh, &d->sip);
}

void
dset_free(struct dset *d)
{
	size_t i;

	for (i = 0; i < d->nchunks; i++)
		free(d->chunks[i]);
	free(d->chunks);
	for (i = 0; i < DSET_SMALL; i++)
		free(d->free[i]);
	free(d->scratch);
}

uint32_t
dset_longer_hash(const struct dset *d, const char *p, size_t n)
{
	uint32_t h;

	if (n > UINT32_MAX)	/* its length would not fit its first word */
		fatal("a value of %zu bytes is too long to count", n);
	h = (uint32_t)siphash13(&d->sip, p, n);
	return DSET_HASHED(h);
}

/* An array of class c: the small ones are cut from chunks, and kept. */
static dword *
array(struct dset *d, size_t c)
{
	size_t n = (size_t)8 << c;
	dword *a;

	if (c >= DSET_SMALL)
		return emalloc(n * sizeof(*a));
	if (d->nfree[c] > 0)
		return d->free[c][--d->nfree[c]];
	if (d->left < n) {
		d->chunks = erealloc(d->chunks, (d->nchunks + 1) *
		    sizeof(*d->chunks));
		/* so that an array of 8 words is a cache line */
		d->chunk = d->chunks[d->nchunks++] = ealigned(CHUNK *
		    sizeof(*a));
		d->left = CHUNK;
	}
	a = d->chunk;
	d->chunk += n;
	d->left -= n;
	return a;
}

static void
unarray(struct dset *d, dword *a, size_t c)
{
	if (c >= DSET_SMALL) {
		free(a);
		return;
	}
	if (d->nfree[c] == d->freecap[c]) {
		d->freecap[c] = d->freecap[c] ? 2 * d->freecap[c] : 64;
		d->free[c] = erealloc(d->free[c], d->freecap[c] *
		    sizeof(*d->free[c]));
	}
	d->free[c][d->nfree[c]++] = a;
}

static int
is_long(dword w)
{
	return (w & 0xff) == DSET_LONG;
}

static size_t
words_of(dword w)
{
	return is_long(w) ? dset_words(w >> 32) : 1;
}

/* The values whose words are at a and b are the same. */
static int
same(const dword *a, const dword *b)
{
	size_t i, n;

	if (a[0] != b[0])
		return 0;
	for (i = 1, n = words_of(a[0]); i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Whether the value p (n bytes), whose first word is w, is in the set. */
int
dset_find(const struct downer *o, dword w, const char *p, size_t n)
{
	uint32_t i;

	for (i = 0; i < o->n; i += (uint32_t)words_of(o->v[i]))
		if (o->v[i] == w && (!is_long(w) || dset_same_text(&o->v[i],
		    p, n)))
			return 1;
	return 0;
}

/*
 * The n words at v, of at most m values, without their duplicates, in the
 * order they came (the first of each): returns the words left, and the
 * values.
 */
static uint32_t
dedupe(struct dset *d, dword *v, uint32_t n, uint32_t m, uint32_t *values)
{
	struct dslot *s;
	size_t size, mask, i, j, u;
	uint32_t r, w, h, nv = 0;

	for (size = 16; size < 2 * (size_t)m; size *= 2)
		;
	if (size > d->nscratch) {
		free(d->scratch);
		d->scratch = emalloc(size * sizeof(*d->scratch));
		memset(d->scratch, 0, size * sizeof(*d->scratch));
		d->nscratch = size;
	}
	s = d->scratch;
	mask = size - 1;
	for (r = w = 0; r < n; r += (uint32_t)u) {
		u = words_of(v[r]);
		h = is_long(v[r]) ? (uint32_t)(v[r] >> 8 & 0xffffff) + 1 :
		    dset_word_hash(d, v[r]);
		for (j = h & mask; s[j].hash != 0; j = (j + 1) & mask)
			if (s[j].hash == h && same(&v[s[j].at], &v[r]))
				break;
		if (s[j].hash != 0)	/* a duplicate */
			continue;
		s[j].hash = h;
		s[j].at = w;
		for (i = 0; w != r && i < u; i++)	/* down: w < r */
			v[w + i] = v[r + i];
		w += (uint32_t)u;
		nv++;
	}
	memset(s, 0, size * sizeof(*s));
	*values = nv;
	return w;
}

/*
 * Room for need more words: the duplicates go, if there may be any, and
 * the array grows if it is still over half full (or the room is short).
 */
void
dset_room(struct dset *d, struct downer *o, size_t need)
{
	size_t c, cap = dset_cap(o);
	dword *a;

	if (o->dups) {
		o->n = dedupe(d, o->v, o->n, o->nv, &o->nv);
		o->dups = 0;
		if (is_long(o->last))	/* it may not be the last any more */
			o->last = 0;
		if (o->n <= cap / 2 && cap - o->n >= need)
			return;
	}
	c = cap > 0 ? (size_t)o->class + 1 : 0;
	while (c <= MAXCLASS && ((size_t)8 << c) - o->n < need)
		c++;
	if (c > MAXCLASS)
		fatal("too many distinct values in a session");
	a = array(d, c);
	if (cap > 0) {
		memcpy(a, o->v, o->n * sizeof(*a));
		unarray(d, o->v, o->class);
	} else if (o->nv == 1)	/* the one value that had no array */
		a[o->n++] = o->last;
	o->v = a;
	o->class = (uint8_t)c;
}

uint32_t
dset_count(struct dset *d, struct downer *o)
{
	uint32_t nv = o->nv;

	if (o->v != NULL) {	/* else none, or one */
		if (o->dups)	/* only then is the array read */
			(void)dedupe(d, o->v, o->n, o->nv, &nv);
		unarray(d, o->v, o->class);
	}
	memset(o, 0, sizeof(*o));
	return nv;
}
