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
 * page begins.  Before the buffer, the mapping's start and length.
 */
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
	p += len - page - SCAN_SLACK - n;
	memcpy(p - sizeof(g), &g, sizeof(g));
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
	memcpy(&g, (char *)p - sizeof(g), sizeof(g));
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
