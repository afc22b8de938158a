/*
 * Block output with write(2).  Bytes collect in a buffer that is written
 * in large blocks, or at every line end when line buffering is asked for.
 * Only whole lines are ever written: a partial line is held until it ends,
 * so a fatal error never leaves half a record on the output.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define OUT_BLOCK	(128 * 1024)

struct output {
	const char	*name;
	int		 fd;
	int		 linebuf;
	char		*buf;
	size_t		 len;
	size_t		 cap;
	size_t		 whole;	/* bytes of buf that end a line */
};

/* Standard output. */
extern struct output out_stdout;

/*
 * Set up an output on a descriptor, line-buffered or not.  Until
 * out_close(), its whole lines are also written at exit, even by fatal(),
 * so it must live that long (and may be freed after).  With fd -1 it is a buffer only, never
 * written, and may live anywhere.
 */
void	out_init(struct output *, int, const char *, int);
/* Open a file for writing (truncated); dies naming it if it cannot. */
void	out_create(struct output *, const char *);
/* Make room for n more bytes, by writing or growing: out_room's slow path. */
char	*out_grow(struct output *, size_t);
void	out_bytes(struct output *, const void *, size_t);
/* v in decimal into buf, which holds 24 bytes at least; returns the length. */
size_t	fmt_int(char *, int64_t);
/* Write v in decimal. */
void	out_int(struct output *, int64_t);
void	out_drain(struct output *);
/* Write everything buffered; a write error is fatal. */
void	out_flush(struct output *);
/* Flush and close; a write or close error is fatal. */
void	out_close(struct output *);

/* Make room for n more bytes; returns where they go. */
static inline char *
out_room(struct output *o, size_t n)
{
	if (o->cap - o->len >= n)
		return o->buf + o->len;
	return out_grow(o, n);
}

/* The bytes up to end, written where out_room() said, are in the buffer. */
static inline void
out_commit(struct output *o, const char *end)
{
	o->len = (size_t)(end - o->buf);
}

static inline void
out_str(struct output *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static inline void
out_char(struct output *o, char c)
{
	if (o->len == o->cap)
		out_grow(o, 1);
	o->buf[o->len++] = c;
}

/* End a line: the buffer's bytes so far are whole and may be written. */
static inline void
out_eol(struct output *o)
{
	out_char(o, '\n');
	o->whole = o->len;
	if (o->linebuf || o->len >= OUT_BLOCK)
		out_drain(o);
}

#endif
