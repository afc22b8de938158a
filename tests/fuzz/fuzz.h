/*
 * Shared by the libFuzzer harnesses: an invariant that fails aborts, so
 * that libFuzzer saves the input; and UBSan made fatal, since the fuzz
 * target's flags let it report and go on, which libFuzzer would not notice.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * For the harness's own reference code and checks: no coverage feedback,
 * which would only slow the run, and guide it by the harness, not lib/.
 */
#if defined(__clang__)
#define NOCOV	__attribute__((no_sanitize("coverage")))
#else
#define NOCOV
#endif

#define CHECK(c)	do {						\
	if (!(c))							\
		fuzz_fail(#c, __FILE__, __LINE__);			\
} while (0)

static void
fuzz_fail(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
	abort();
}

/* Read n bytes, for ASan and the guard page to see whether they are there. */
static inline void NOCOV
touch(const char *p, size_t n)
{
	volatile char sink;

	while (n-- > 0)
		sink = *p++;
	(void)sink;
}

/* Whether the n bytes at p lie within the len bytes at lo. */
static inline int NOCOV
inside(const char *p, size_t n, const char *lo, size_t len)
{
	return p >= lo && p <= lo + len && n <= (size_t)(lo + len - p);
}

const char *__ubsan_default_options(void);

const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

#endif
