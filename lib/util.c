#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *argv0 = "?";

void
setprogname(const char *s)
{
	const char *p;

	if (s == NULL || *s == '\0')
		return;
	p = strrchr(s, '/');
	argv0 = p != NULL && p[1] != '\0' ? p + 1 : s;
}

static void
vcomplain(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", argv0);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
	exit(EXIT_TROUBLE);
}

void
complain(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
}

const char *
shown(const char *s, size_t n)
{
	static char buf[4 * 40 + 4];
	char *d = buf;
	size_t i;

	for (i = 0; i < n && i < 40; i++) {
		unsigned char c = s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			*d++ = c;
		else
			d += sprintf(d, "\\x%02x", c);
	}
	if (n > 40)
		d += sprintf(d, "...");
	*d = '\0';
	return buf;
}

void *
emalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		fatal("out of memory (asked for %zu bytes)", n);
	return p;
}

void *
erealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		fatal("out of memory (asked for %zu bytes)", n);
	return p;
}

void *
ealigned(size_t n)
{
	void *p;

	if (posix_memalign(&p, 64, n ? n : 1) != 0)
		fatal("out of memory (asked for %zu bytes)", n);
	return p;
}

int
parsenum(const char *s, long long min, long long max, long long *v,
    const char **why)
{
	char *end;
	long long n;

	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '+') {
		*why = "not an integer";
		return -1;
	}
	errno = 0;
	n = strtoll(s, &end, 10);
	if (end == s || *end != '\0') {
		*why = "not an integer";
		return -1;
	}
	if ((errno == ERANGE && n > 0) || n > max) {
		*why = "too large";
		return -1;
	}
	if (errno == ERANGE || n < min) {
		*why = "too small";
		return -1;
	}
	*v = n;
	return 0;
}

long long
eoptnum(int opt, const char *arg, long long min, long long max)
{
	long long v;
	const char *why;

	if (parsenum(arg, min, max, &v, &why) < 0)
		fatal("-%c %s: %s (expected %lld to %lld)", opt, arg, why,
		    min, max);
	return v;
}

size_t
eoptword(int opt, const char *arg, const char *const *word, size_t n,
    const char *what)
{
	char list[256];
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		if (strcmp(arg, word[i]) == 0)
			return i;
	list[0] = '\0';
	for (i = 0; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i == 0 ? "" : i + 1 == n ? " or " : ", ", word[i]);
	fatal("-%c %s: not %s (%s)", opt, arg, what, list);
	return 0;	/* not reached */
}

size_t
eoptcols(int opt, char *arg, size_t *v, size_t max, size_t maxcol)
{
	char *p, *comma;
	size_t n = 0, j;

	for (p = arg;; p = comma + 1) {
		if ((comma = strchr(p, ',')) != NULL)
			*comma = '\0';
		if (n == max)
			fatal("-%c: at most %zu columns", opt, max);
		v[n] = (size_t)eoptnum(opt, p, 1, (long long)maxcol) - 1;
		for (j = 0; j < n; j++)
			if (v[j] == v[n])
				fatal("-%c: column %zu given twice", opt,
				    v[n] + 1);
		n++;
		if (comma == NULL)
			return n;
	}
}

void
ekeycols(size_t tcol, const size_t *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (k[i] == tcol)
			fatal("-t %zu -k %zu: the time and the key must be "
			    "different columns", tcol + 1, k[i] + 1);
}
