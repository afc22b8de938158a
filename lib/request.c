#include <string.h>

#include "request.h"
#include "scan.h"
#include "util.h"

void
req_cols(struct reqcols *c, size_t tcol, size_t kcol)
{
	c->tcol = tcol;
	c->kcol = kcol;
	c->nf = (tcol > kcol ? tcol : kcol) + 1;
	c->f = emalloc(c->nf * sizeof(*c->f));
	c->tlen = REQ_NOTIME;
}

/*
 * Convert a time and keep its text: many requests share a second, and the
 * next line's time is only compared.
 */
static const char *
convert(struct reqcols *c, const char *s, size_t tn, struct field *bad)
{
	if (tsv_int(s, tn, &c->tval) < 0) {
		c->tlen = REQ_NOTIME;
		bad->p = s;
		bad->n = tn;
		return "time is not an integer of at most 18 digits";
	}
	memcpy(c->tbuf, s, tn);
	c->tlen = tn;
	return NULL;
}

/*
 * The request stream's own layout, time then key, without splitting.  The
 * usual line, in the second of the line before, never comes here: see
 * req_quick.
 */
static const char *
timekey(struct reqcols *c, const char *s, size_t n, int64_t *t,
    struct field *key, struct field *bad)
{
	const char *end = s + n, *tab, *why;
	size_t tn;

	tab = scan_byte_pad(s, end, '\t');
	tn = tab - s;
	if (tab == end)
		return "no key column";
	if ((tn != c->tlen || memcmp(s, c->tbuf, tn) != 0) &&
	    (why = convert(c, s, tn, bad)) != NULL)
		return why;
	*t = c->tval;
	key->p = tab + 1;
	key->n = scan_byte_pad(key->p, end, '\t') - key->p;
	if (key->n == 0)
		return "empty key";
	return NULL;
}

const char *
req_parse(struct reqcols *c, const char *s, size_t n, int64_t *t,
    struct field *key, struct field *bad)
{
	size_t nf;

	bad->n = 0;
	if (c->tcol == 0 && c->kcol == 1)
		return timekey(c, s, n, t, key, bad);
	nf = tsv_split(s, n, c->f, c->nf);

	if (nf <= c->tcol)
		return "no time column";
	if (nf <= c->kcol)
		return "no key column";
	*key = c->f[c->kcol];
	if (tsv_int(c->f[c->tcol].p, c->f[c->tcol].n, t) < 0) {
		*bad = c->f[c->tcol];
		return "time is not an integer of at most 18 digits";
	}
	if (key->n == 0)
		return "empty key";
	return NULL;
}
