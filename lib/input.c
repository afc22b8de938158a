#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "scan.h"
#include "util.h"

#define IN_BLOCK	(256 * 1024)

void
in_open(struct input *in, const char *name)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	if (strcmp(name, "-") == 0) {
		in->name = "stdin";
		in->fd = 0;
	} else if ((in->fd = open(name, O_RDONLY)) < 0)
		fatal("%s:", name);
	in->cap = IN_BLOCK;
	in->buf = scan_alloc(in->cap);
}

void
in_openmem(struct input *in, const char *name, const void *p, size_t n)
{
	memset(in, 0, sizeof(*in));
	in->name = name;
	in->fd = -1;
	in->cap = n;	/* all of it is there: no read, no growth */
	in->buf = scan_alloc(in->cap);
	memcpy(in->buf, p, n);
	in->end = n;
	in->eof = 1;
}

void
in_close(struct input *in)
{
	if (in->fd > 0)
		close(in->fd);
	scan_free(in->buf);
	in->buf = NULL;
}

/* Make room for at least one block more of input, then read some. */
static void
fill(struct input *in)
{
	ssize_t n;

	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->end - in->pos);
		in->end -= in->pos;
		in->pos = 0;
	}
	if (in->cap - in->end < IN_BLOCK / 2) {
		if (in->cap > (size_t)-1 / 2)
			fatal("%s: line too long", in->name);
		in->buf = scan_realloc(in->buf, in->cap, 2 * in->cap);
		in->cap *= 2;
	}
	do
		n = read(in->fd, in->buf + in->end, in->cap - in->end);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		fatal("%s:", in->name);
	if (n == 0)
		in->eof = 1;
	in->end += n;
}

long long
in_line_more(struct input *in, size_t off, int *term)
{
	char *nl;
	size_t from;

	for (;;) {
		from = in->pos + off;
		if (from < in->pos + in->scan)
			from = in->pos + in->scan;
		if (from < in->end &&
		    (nl = memchr(in->buf + from, '\n', in->end - from)) != NULL) {
			in->scan = 0;
			*term = 1;
			return nl - (in->buf + in->pos + off);
		}
		if (in->eof) {
			in->scan = 0;
			*term = 0;
			if (in->pos + off >= in->end)
				return -1;
			return in->end - (in->pos + off);
		}
		in->scan = in->end - in->pos;
		fill(in);
	}
}
