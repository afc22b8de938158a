#include <stdarg.h>
#include <stdio.h>

#include "output.h"
#include "reject.h"
#include "util.h"

static int strict;
static uintmax_t count;
static struct output keep;
static int keeping;

void
rej_setup(int s, const char *path)
{
	strict = s;
	if (path != NULL) {
		out_create(&keep, path);
		keeping = 1;
	}
}

void
reject(const char *file, uintmax_t line, const char *raw, size_t n,
    const char *fmt, ...)
{
	va_list ap;

	count++;
	if (keeping) {
		out_bytes(&keep, raw, n);
		if (n == 0 || raw[n - 1] != '\n')
			out_eol(&keep);
		else {
			keep.len--;
			out_eol(&keep);
		}
	}
	if (count <= REJECT_SHOWN || strict) {
		fprintf(stderr, "%s: %s:%ju: ", argv0, file, line);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (strict) {
		if (keeping)
			out_close(&keep);
		fatal("stopped at the first rejected record (-s)");
	}
	if (count == REJECT_SHOWN + 1 && !strict)
		complain("more records rejected; their total follows at the end");
}

int
rej_finish(void)
{
	if (keeping)
		out_close(&keep);
	if (count == 0)
		return EXIT_CLEAN;
	complain("%ju record%s rejected", count, count == 1 ? "" : "s");
	return EXIT_REJECTS;
}
