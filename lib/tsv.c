#include <string.h>

#include "tsv.h"

void
tsv_escape(struct output *o, const char *s, size_t n)
{
	char *d = out_room(o, 2 * n);
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t':
			*d++ = '\\';
			*d++ = 't';
			break;
		case '\n':
			*d++ = '\\';
			*d++ = 'n';
			break;
		case '\r':
			*d++ = '\\';
			*d++ = 'r';
			break;
		case '\\':
			*d++ = '\\';
			*d++ = '\\';
			break;
		default:
			*d++ = s[i];
		}
	}
	o->len = d - o->buf;
}

long long
tsv_unescape(const char *s, size_t n, char *dst)
{
	const char *end = s + n, *bs;
	char *d = dst;

	while ((bs = memchr(s, '\\', end - s)) != NULL) {
		memmove(d, s, bs - s);
		d += bs - s;
		if (bs + 1 == end)
			return -1;
		switch (bs[1]) {
		case 't':
			*d++ = '\t';
			break;
		case 'n':
			*d++ = '\n';
			break;
		case 'r':
			*d++ = '\r';
			break;
		case '\\':
			*d++ = '\\';
			break;
		default:
			return -1;
		}
		s = bs + 2;
	}
	memmove(d, s, end - s);
	d += end - s;
	return d - dst;
}

size_t
tsv_split(const char *s, size_t n, struct field *f, size_t max)
{
	const char *end = s + n, *tab;
	size_t i;

	for (i = 0; i < max; i++) {
		tab = memchr(s, '\t', end - s);
		f[i].p = s;
		f[i].n = (tab != NULL ? tab : end) - s;
		if (tab == NULL)
			return i + 1;
		s = tab + 1;
	}
	return i;
}

int
tsv_int(const char *s, size_t n, int64_t *v)
{
	int neg = 0;
	int64_t x = 0;
	size_t i;

	if (n > 0 && s[0] == '-') {
		neg = 1;
		s++;
		n--;
	}
	if (n == 0 || n > TSV_INT_DIGITS)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (s[i] - '0');
	}
	*v = neg ? -x : x;
	return 0;
}

void
out_int(struct output *o, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do
		*--p = '0' + u % 10;
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	out_bytes(o, p, tmp + sizeof(tmp) - p);
}
