/*
 * Block input: read(2) into a large buffer, lines found with memchr(3).
 * A line may be of any length and hold any bytes; the buffer grows to fit.
 * The bytes from the current position on stay put in the buffer until
 * in_take() so that a record may span lines (a quoted CSV line break).
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scan.h"

/*
 * Its fields are this module's own: the functions below are the interface.
 * The buffer comes from scan_alloc(): its bytes have SCAN_SLACK after them.
 */
struct input {
	const char	*name;	/* for diagnostics: the operand, or "stdin" */
	int		 fd;
	char		*buf;
	size_t		 cap;
	size_t		 pos;	/* start of unconsumed bytes */
	size_t		 end;	/* end of bytes read */
	size_t		 scan;	/* bytes from pos known to hold no LF */
	int		 eof;
	uintmax_t	 lineno;	/* lines consumed so far */
};

/* Open a file ("-" is standard input); dies naming it if it cannot. */
void	in_open(struct input *, const char *);
/* Read from memory instead (tests and fuzzing): a copy of n bytes. */
void	in_openmem(struct input *, const char *, const void *, size_t);
void	in_close(struct input *);

/* The name for messages: the operand, or "stdin" for "-". */
static inline const char *
in_name(const struct input *in)
{
	return in->name;
}

/* Lines taken so far: the next line's number is one more. */
static inline uintmax_t
in_lineno(const struct input *in)
{
	return in->lineno;
}

/*
 * The bytes buffered from the current position on, *n of them; SCAN_SLACK
 * more may be read past them.  They stay put until the next in_line() or
 * in_take().
 */
static inline const char *
in_peek(const struct input *in, size_t *n)
{
	*n = in->end - in->pos;
	return in->buf + in->pos;
}

/*
 * Find the end of the line that starts off bytes after the current position.
 * Returns its length (LF excluded); *term is 1 if an LF ends it, 0 if the
 * input ends first.  Returns -1 at end of input when there is no byte at off.
 * The bytes are then at in_peek(); a call may move them.
 */
long long	in_line_more(struct input *, size_t, int *);

static inline long long
in_line(struct input *in, size_t off, int *term)
{
	const char *p = in->buf + in->pos + off, *nl;

	/* A short line: its LF in one or two windows, without a call. */
	if (in->scan == 0 && in->pos + off < in->end) {
		size_t avail = in->end - in->pos - off;
		uint32_t m = scan_keep(scan_mask32(p, '\n'), avail);

		if (m == 0 && avail > 32) {
			m = scan_keep(scan_mask32(p + 32, '\n'), avail - 32);
			if (m != 0) {
				*term = 1;
				return 32 + scan_ctz32(m);
			}
		} else if (m != 0) {
			*term = 1;
			return scan_ctz32(m);
		}
	}
	if (in->scan == 0 && in->pos + off < in->end &&
	    (nl = memchr(p, '\n', in->end - in->pos - off)) != NULL) {
		*term = 1;
		return nl - p;
	}
	return in_line_more(in, off, term);
}

/* Take n bytes, which hold lines line ends, from the current position. */
static inline void
in_take(struct input *in, size_t n, uintmax_t lines)
{
	in->pos += n;
	in->scan = 0;
	in->lineno += lines;
	if (in->pos == in->end)
		in->pos = in->end = 0;
}

#endif
