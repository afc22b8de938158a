#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "scan.h"
#include "siphash.h"

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND do {							\
	v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);	\
	v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;				\
	v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;				\
	v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);	\
} while (0)

uint64_t
siphash13(const struct sipkey *k, const void *data, size_t n)
{
	const unsigned char *p = data, *end = p + (n & ~(size_t)7);
	uint64_t v0 = k->k0 ^ 0x736f6d6570736575ULL;
	uint64_t v1 = k->k1 ^ 0x646f72616e646f6dULL;
	uint64_t v2 = k->k0 ^ 0x6c7967656e657261ULL;
	uint64_t v3 = k->k1 ^ 0x7465646279746573ULL;
	uint64_t m, b = (uint64_t)n << 56;
	int left = n & 7;

	for (; p < end; p += 8) {
		m = scan_le64((const char *)p);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	switch (left) {
	case 7:
		b |= (uint64_t)p[6] << 48;
		/* FALLTHROUGH */
	case 6:
		b |= (uint64_t)p[5] << 40;
		/* FALLTHROUGH */
	case 5:
		b |= (uint64_t)p[4] << 32;
		/* FALLTHROUGH */
	case 4:
		b |= (uint64_t)p[3] << 24;
		/* FALLTHROUGH */
	case 3:
		b |= (uint64_t)p[2] << 16;
		/* FALLTHROUGH */
	case 2:
		b |= (uint64_t)p[1] << 8;
		/* FALLTHROUGH */
	case 1:
		b |= (uint64_t)p[0];
	}
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

void
sip_randomkey(struct sipkey *k)
{
	unsigned char b[16];
	int fd = open("/dev/urandom", O_RDONLY);

	if (fd >= 0 && read(fd, b, sizeof(b)) == (ssize_t)sizeof(b)) {
		k->k0 = scan_le64((const char *)b);
		k->k1 = scan_le64((const char *)b + 8);
	} else {
		k->k0 = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ULL;
		k->k1 = (uint64_t)getpid() ^ (uint64_t)(uintptr_t)k;
		k->k1 *= 0xbf58476d1ce4e5b9ULL;
	}
	if (fd >= 0)
		close(fd);
}

void
shorthash_init(struct shorthash *h, const struct sipkey *k)
{
	size_t i;

	for (i = 0; i < sizeof(h->mul) / sizeof(h->mul[0]); i++)
		h->mul[i] = siphash13(k, &i, sizeof(i));
}
