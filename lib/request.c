#include "request.h"
#include "util.h"

void
req_cols(struct reqcols *c, size_t tcol, size_t kcol)
{
	c->tcol = tcol;
	c->kcol = kcol;
	c->nf = (tcol > kcol ? tcol : kcol) + 1;
	c->f = emalloc(c->nf * sizeof(*c->f));
}

const char *
req_parse(struct reqcols *c, const char *s, size_t n, int64_t *t,
    struct field *key, struct field *bad)
{
	size_t nf = tsv_split(s, n, c->f, c->nf);

	bad->p = s;
	bad->n = 0;
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
