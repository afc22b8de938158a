/*
 * Block input: read(2) into a large buffer, lines found with memchr(3).
 * A line may be of any length and hold any bytes; the buffer grows to fit.
 * The bytes from the current position on stay put in the buffer until
 * in_consume() so that a record may span lines (a quoted CSV line break).
 */
#ifndef INPUT_H
#define INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "scan.h"

/*
 * The buffer has IN_SLACK bytes past its end, so that a scan of a line a
 * word or a vector at a time may read up to 32 bytes from any of its bytes.
 */
#define IN_SLACK	32

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

/*
 * Find the end of the line that starts off bytes after the current position.
 * Returns its length (LF excluded); *term is 1 if an LF ends it, 0 if the
 * input ends first.  Returns -1 at end of input when there is no byte at off.
 * The record bytes are then at in->buf + in->pos; a call may move them.
 */
long long	in_line_more(struct input *, size_t, int *);

static inline long long
in_line(struct input *in, size_t off, int *term)
{
	const char *p = in->buf + in->pos + off, *nl;

#if defined(SCAN_WINDOW)
	/* A short line: its LF in one or two windows, without a call. */
	if (in->scan == 0 && in->pos + off < in->end) {
		size_t avail = in->end - in->pos - off;
		uint32_t m = scan_window(p, '\n');

		if (avail < SCAN_WINDOW)
			m &= ((uint32_t)1 << avail) - 1;
		if (m == 0 && avail > SCAN_WINDOW) {
			m = scan_window(p + SCAN_WINDOW, '\n');
			if (avail < 2 * SCAN_WINDOW)
				m &= ((uint32_t)1 << (avail - SCAN_WINDOW)) - 1;
			if (m != 0) {
				*term = 1;
				return SCAN_WINDOW + __builtin_ctz(m);
			}
		} else if (m != 0) {
			*term = 1;
			return __builtin_ctz(m);
		}
	}
#endif
	if (in->scan == 0 && in->pos + off < in->end &&
	    (nl = memchr(p, '\n', in->end - in->pos - off)) != NULL) {
		*term = 1;
		return nl - p;
	}
	return in_line_more(in, off, term);
}

/* Drop n bytes, counting the line ends among them. */
static inline void
in_consume(struct input *in, size_t n, uintmax_t lines)
{
	in->pos += n;
	in->scan = 0;
	in->lineno += lines;
	if (in->pos == in->end)
		in->pos = in->end = 0;
}

#endif
