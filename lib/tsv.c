#include <string.h>

#include "scan.h"
#include "tsv.h"

/* The bytes a text field escapes: TAB, LF, CR and backslash. */
static const unsigned char special[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\\'] = 1
};

/* Control bytes and backslash are rare: look for them a word at a time. */
static int
plain_text(const char *s, size_t n)
{
	size_t i;
	uint64_t w;

	if (n < 8) {
		for (i = 0; i < n; i++)
			if (special[(unsigned char)s[i]])
				return 0;
		return 1;
	}
	for (i = 0;; i += 8) {
		if (i + 8 > n)
			i = n - 8;
		w = scan_load(s + i);
		if (scan_less(w, 0x0e) != 0 || scan_eq(w, '\\') != 0)
			break;
		if (i + 8 == n)
			return 1;
	}
	for (i = 0; i < n; i++)
		if (special[(unsigned char)s[i]])
			return 0;
	return 1;
}

char *
tsv_escape_to(char *d, const char *s, size_t n)
{
	size_t i;

	if (plain_text(s, n)) {
		memcpy(d, s, n);
		return d + n;
	}
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
	return d;
}

void
tsv_escape(struct output *o, const char *s, size_t n)
{
	out_commit(o, tsv_escape_to(out_room(o, 2 * n), s, n));
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

int
tsv_count(const char *s, size_t n, int64_t *v)
{
	uint64_t x = 0;
	size_t i;

	if (n == 0 || n > 19)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > INT64_MAX)
		return -1;
	*v = (int64_t)x;
	return 0;
}
