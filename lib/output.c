#if defined(__linux__)
#define _GNU_SOURCE	/* F_SETPIPE_SZ */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "scan.h"
#include "util.h"

struct output out_stdout;

/* Outputs whose whole lines go out at exit, even by fatal(). */
static struct output **open_outs;
static size_t nopen, opencap;

/* Write the whole lines buffered; 0, or -1 with errno. */
static int
write_whole(const struct output *o)
{
	size_t off = 0;
	ssize_t n;

	while (off < o->whole) {
		n = write(o->fd, o->buf + off, o->whole - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		off += n;
	}
	return 0;
}

/* At exit, whole lines still buffered go out; a failure now cannot be fixed. */
static void
flush_at_exit(void)
{
	struct output *o;
	size_t i;

	for (i = 0; i < nopen; i++) {
		o = open_outs[i];
		if (o->buf != NULL)
			(void)write_whole(o);
		o->len = o->whole = 0;
	}
	free(open_outs);
	open_outs = NULL;
	nopen = opencap = 0;
}

static void
flush_later(struct output *o)
{
	size_t i;

	for (i = 0; i < nopen; i++)
		if (open_outs[i] == o)
			return;
	if (nopen == opencap) {
		opencap = opencap ? 2 * opencap : 4;
		open_outs = erealloc(open_outs, opencap * sizeof(*open_outs));
	}
	if (nopen == 0)
		atexit(flush_at_exit);
	open_outs[nopen++] = o;
}

/*
 * A pipe between two tools moves data in pipe-buffer-sized pieces, each a
 * pair of context switches.  Linux lets a writer make the buffer larger;
 * elsewhere, or if it refuses, the default serves.
 */
static void
widen_pipe(int fd)
{
#if defined(F_SETPIPE_SZ)
	(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
#endif
}

/* A closed output is no longer flushed at exit: its memory may go. */
static void
forget(const struct output *o)
{
	size_t i;

	for (i = 0; i < nopen; i++)
		if (open_outs[i] == o) {
			open_outs[i] = open_outs[--nopen];
			return;
		}
}

void
out_init(struct output *o, int fd, const char *name, int linebuf)
{
	o->name = name;
	o->fd = fd;
	o->linebuf = linebuf;
	o->cap = 2 * OUT_BLOCK;
	o->buf = emalloc(o->cap);
	o->len = o->whole = 0;
	if (fd < 0)	/* a buffer only, never written */
		return;
	if (!linebuf)
		widen_pipe(fd);
	flush_later(o);
}

void
out_create(struct output *o, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd < 0)
		fatal("%s:", path);
	out_init(o, fd, path, 0);
}

/* Write the whole lines; keep the partial one at the front. */
void
out_drain(struct output *o)
{
	int e;

	if (write_whole(o) < 0) {
		e = errno;
		o->len = o->whole = 0;	/* nothing more for flush_at_exit */
		if (e == EPIPE)
			exit(EXIT_TROUBLE);
		errno = e;
		fatal("%s: write error:", o->name);
	}
	memmove(o->buf, o->buf + o->whole, o->len - o->whole);
	o->len -= o->whole;
	o->whole = 0;
}

char *
out_grow(struct output *o, size_t n)
{
	if (o->cap - o->len < n) {
		if (o->whole > 0)
			out_drain(o);
		while (o->cap - o->len < n) {
			if (o->cap > (size_t)-1 / 2)
				fatal("%s: line too long", o->name);
			o->cap *= 2;
		}
		o->buf = erealloc(o->buf, o->cap);
	}
	return o->buf + o->len;
}

void
out_bytes(struct output *o, const void *p, size_t n)
{
	memcpy(out_room(o, n), p, n);
	o->len += n;
}

void
out_flush(struct output *o)
{
	o->whole = o->len;
	out_drain(o);
}

void
out_close(struct output *o)
{
	out_flush(o);
	if (o->fd > 2 && close(o->fd) < 0)
		fatal("%s: close:", o->name);
	if (o->fd == 1 && close(1) < 0 && errno != EBADF)
		fatal("%s: write error:", o->name);
	free(o->buf);
	o->buf = NULL;
	forget(o);
}

/* Two digits at a time halves the divisions: a session line has four numbers. */
static const char pairs[201] =
	"0001020304050607080910111213141516171819"
	"2021222324252627282930313233343536373839"
	"4041424344454647484950515253545556575859"
	"6061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* Digits in u: from its bit length, then one comparison. */
static size_t
digits(uint64_t u)
{
	static const uint64_t pow10[20] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
		10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
		100000000000ULL, 1000000000000ULL, 10000000000000ULL,
		100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
		100000000000000000ULL, 1000000000000000000ULL,
		10000000000000000000ULL
	};
	size_t n;

	if (u < 10)
		return 1;
	/* log10(2) is about 1233 / 4096: n is the count or one less */
	n = (size_t)scan_bitlen64(u) * 1233 >> 12;
	return n + (u >= pow10[n]);
}

size_t
fmt_int(char *buf, int64_t v)
{
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = (v < 0) + digits(u);
	char *p = buf + n;

	while (u >= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (u % 100), 2);
		u /= 100;
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * u, 2);
	} else
		*--p = (char)('0' + u);
	if (v < 0)
		*--p = '-';
	return n;
}

void
out_int(struct output *o, int64_t v)
{
	o->len += fmt_int(out_room(o, 24), v);
}
