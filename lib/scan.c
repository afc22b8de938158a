#include <stdlib.h>
#include <string.h>

#include "scan.h"
#include "util.h"

#if defined(SCAN_GUARD)
#include <sys/mman.h>

#include <fcntl.h>
#include <unistd.h>

/*
 * The test build: each buffer ends, slack included, where an inaccessible
 * page begins (up to 7 bytes before it: the buffer starts on an 8-byte
 * boundary).  Before the buffer, the mapping's start and length.  Under
 * AddressSanitizer the bytes before the buffer and after its slack are
 * poisoned, so that a read before its start is caught too, as it would be
 * in a buffer from malloc.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SCAN_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCAN_ASAN	1
#endif
#endif

#if defined(SCAN_ASAN)
void	__asan_poison_memory_region(void const volatile *, size_t);
void	__asan_unpoison_memory_region(void const volatile *, size_t);
#define poison(p, n)	__asan_poison_memory_region((p), (n))
#define unpoison(p, n)	__asan_unpoison_memory_region((p), (n))
#else
#define poison(p, n)	((void)(p), (void)(n))
#define unpoison(p, n)	((void)(p), (void)(n))
#endif

struct guard {
	char	*base;
	size_t	 len;
	size_t	 n;
};

void *
scan_alloc(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), len;
	struct guard g;
	char *p;
	int fd;

	len = (sizeof(g) + n + SCAN_SLACK + page - 1) / page * page + page;
	if ((fd = open("/dev/zero", O_RDWR)) < 0)
		fatal("/dev/zero:");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		fatal("out of memory (asked for %zu bytes)", n);
	if (mprotect(p + len - page, page, PROT_NONE) < 0)
		fatal("mprotect:");
	g.base = p;
	g.len = len;
	g.n = n;
	/* on an 8-byte boundary, for the poisoning: the end may be 7 short */
	p += (len - page - SCAN_SLACK - n) / 8 * 8;
	memcpy(p - sizeof(g), &g, sizeof(g));
	poison(g.base, (size_t)(p - g.base));
	poison(p + n + SCAN_SLACK, (size_t)(g.base + len - page -
	    (p + n + SCAN_SLACK)));
	return p;
}

void *
scan_realloc(void *old, size_t oldn, size_t n)
{
	char *p = scan_alloc(n);

	if (old != NULL)
		memcpy(p, old, oldn < n ? oldn : n);
	scan_free(old);
	return p;
}

void
scan_free(void *p)
{
	struct guard g;

	if (p == NULL)
		return;
	unpoison((char *)p - sizeof(g), sizeof(g));
	memcpy(&g, (char *)p - sizeof(g), sizeof(g));
	unpoison(g.base, g.len);
	munmap(g.base, g.len);
}
#else
void *
scan_alloc(size_t n)
{
	char *p = emalloc(n + SCAN_SLACK);

	memset(p, 0, n + SCAN_SLACK);
	return p;
}

void *
scan_realloc(void *old, size_t oldn, size_t n)
{
	char *p = erealloc(old, n + SCAN_SLACK);

	if (n > oldn)
		memset(p + oldn, 0, n - oldn + SCAN_SLACK);
	return p;
}

void
scan_free(void *p)
{
	free(p);
}
#endif
