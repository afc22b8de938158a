/*
 * session-merge: session streams written by sessionize -O, each sorted by
 * (end, pos), merged into one in the order a single run writes: sessions
 * whose end is below T, the largest last of all, by (end, pos); then the
 * rest by pos.  The three order fields are left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "input.h"
#include "output.h"
#include "reject.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

/* key, first, last, duration, count: the fewest fields before the three */
#define MINFIELDS	5

struct stream {
	struct input	 in;
	int		 live;	/* a head line is at in_peek() */
	size_t		 len;	/* the head's bytes, its LF excluded */
	size_t		 cut;	/* ... those before the order fields */
	int64_t		 end, last, pos;
	int		 seen;	/* a line was used: end, pos below are its */
	int64_t		 pend, ppos;
};

/* A session held back: its text is in the arena. */
struct held {
	int64_t		 end, pos;
	size_t		 off, len;	/* off counts from the arena's start */
};

static struct stream *st;
static size_t nst;
static size_t *heap;	/* indices of live streams, least (end, pos) first */
static size_t nheap;

static int64_t maxlast = INT64_MIN;	/* M: the largest last read */

static struct held *hold;
static size_t hhead, htail, hcap;
static char *arena;
static size_t abase;	/* arena offset of arena[0] */
static size_t aused, acap;	/* bytes in arena[], room */

/*
 * The last three fields of a line, found backwards, into f, and in *cut
 * the length of the line before them, TAB excluded; -1 if fewer than
 * MINFIELDS fields come before them.
 */
static int
tailfields(const char *p, size_t n, struct field f[3], size_t *cut)
{
	size_t e = n, i, k, tabs = 0;

	for (k = 3; k-- > 0;) {
		for (i = e; i > 0 && p[i - 1] != '\t'; i--)
			;
		f[k].p = p + i;
		f[k].n = e - i;
		if (i == 0)
			return -1;
		e = i - 1;
	}
	*cut = e;
	for (i = e; i > 0 && tabs + 1 < MINFIELDS; i--)
		tabs += p[i - 1] == '\t';
	return tabs + 1 >= MINFIELDS ? 0 : -1;
}

/* The head line's order fields: 0, or -1 with the line rejected. */
static int
order_fields(struct stream *s, const char *p, size_t n)
{
	struct field f[3];
	const char *why = NULL;

	if (tailfields(p, n, f, &s->cut) < 0)
		why = "too few fields (a session line written with "
		    "sessionize -O has 8 at least)";
	else if (tsv_int(f[0].p, f[0].n, &s->end) < 0)
		why = "end is not an integer of at most 18 digits";
	else if (tsv_int(f[1].p, f[1].n, &s->last) < 0)
		why = "last is not an integer of at most 18 digits";
	else if (tsv_count(f[2].p, f[2].n, &s->pos) < 0)
		why = "pos is not an integer from 0 to 2^63 - 1";
	else if (s->end < s->last)
		why = "end is earlier than last";
	else if (s->seen && (s->end < s->pend ||
	    (s->end == s->pend && s->pos < s->ppos))) {
		reject(in_name(&s->in), in_lineno(&s->in) + 1, p, n,
		    "out of (end, pos) order: end %jd pos %jd after end %jd "
		    "pos %jd (is it sessionize -O's output?)",
		    (intmax_t)s->end, (intmax_t)s->pos, (intmax_t)s->pend,
		    (intmax_t)s->ppos);
		return -1;
	}
	if (why != NULL) {
		reject(in_name(&s->in), in_lineno(&s->in) + 1, p, n, "%s", why);
		return -1;
	}
	return 0;
}

/* The stream's next usable line becomes its head; or it ends. */
static void
advance(struct stream *s)
{
	const char *p;
	long long n;
	size_t avail;
	int term;

	if (s->live)
		in_take(&s->in, s->len + 1, 1);
	s->live = 0;
	while ((n = in_line(&s->in, 0, &term)) >= 0) {
		p = in_peek(&s->in, &avail);
		if (!term) {
			reject(in_name(&s->in), in_lineno(&s->in) + 1, p,
			    (size_t)n, "the last line has no line end "
			    "(the stream was cut short)");
			in_take(&s->in, (size_t)n, 1);
			continue;
		}
		if (order_fields(s, p, (size_t)n) < 0) {
			in_take(&s->in, (size_t)n + 1, 1);
			continue;
		}
		s->len = (size_t)n;
		s->live = 1;
		s->seen = 1;
		s->pend = s->end;
		s->ppos = s->pos;
		if (s->last > maxlast)
			maxlast = s->last;
		return;
	}
}

static int
before(size_t a, size_t b)
{
	const struct stream *x = &st[a], *y = &st[b];

	if (x->end != y->end)
		return x->end < y->end;
	if (x->pos != y->pos)
		return x->pos < y->pos;
	return a < b;
}

static void
sift_down(size_t i)
{
	size_t c, t;

	for (; (c = 2 * i + 1) < nheap; i = c) {
		if (c + 1 < nheap && before(heap[c + 1], heap[c]))
			c++;
		if (!before(heap[c], heap[i]))
			break;
		t = heap[c];
		heap[c] = heap[i];
		heap[i] = t;
	}
}

static void
write_line(const char *p, size_t n)
{
	out_bytes(&out_stdout, p, n);
	out_eol(&out_stdout);
}

/* Keep a session for later, in the order it came. */
static void
keep(const struct stream *s, const char *p)
{
	if (htail == hcap) {
		if (hhead > 0 && hhead >= hcap / 2) {
			memmove(hold, hold + hhead, (htail - hhead) *
			    sizeof(*hold));
			htail -= hhead;
			hhead = 0;
		} else {
			hcap = hcap ? 2 * hcap : 1024;
			hold = erealloc(hold, hcap * sizeof(*hold));
		}
	}
	if (acap - aused < s->cut) {
		/* the bytes before the first session held are no longer used */
		size_t gone = hhead < htail ? hold[hhead].off - abase : aused;

		if (aused > gone)
			memmove(arena, arena + gone, aused - gone);
		aused -= gone;
		abase += gone;
		while (acap - aused < s->cut)
			acap = acap ? 2 * acap : 1 << 20;
		arena = erealloc(arena, acap);
	}
	memcpy(arena + aused, p, s->cut);
	hold[htail].end = s->end;
	hold[htail].pos = s->pos;
	hold[htail].off = abase + aused;
	hold[htail].len = s->cut;
	htail++;
	aused += s->cut;
}

/* Write the sessions held whose end is below t: they are proven first. */
static void
release(int64_t t)
{
	for (; hhead < htail && hold[hhead].end < t; hhead++)
		write_line(arena + (hold[hhead].off - abase), hold[hhead].len);
}

static void
merge(void)
{
	struct stream *s;
	const char *p;
	size_t avail;

	while (nheap > 0) {
		s = &st[heap[0]];
		p = in_peek(&s->in, &avail);
		if (hhead == htail && s->end < maxlast)
			write_line(p, s->cut);
		else
			keep(s, p);
		advance(s);
		if (!s->live)
			heap[0] = heap[--nheap];
		sift_down(0);
		release(maxlast);
	}
}

static int
bypos(const void *a, const void *b)
{
	const struct held *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* At the end, T is known: the sessions left end at or after it, by pos. */
static void
finish(void)
{
	size_t i;

	/* merge() released all it could at this maxlast already */
	if (htail - hhead > 1)
		qsort(hold + hhead, htail - hhead, sizeof(*hold), bypos);
	for (i = hhead; i < htail; i++)
		write_line(arena + (hold[i].off - abase), hold[i].len);
}

int
main(int argc, char *argv[])
{
	size_t i;
	int ch;

	tool_init(argv, "[-hsuV] [-r rejects] [file ...]");
	while ((ch = getopt(argc, argv, TOOL_OPTS)) != -1)
		if (!tool_option(ch, optarg))
			tool_usage();
	argc -= optind;
	argv += optind;

	tool_start(argc, argv);
	nst = argc > 0 ? (size_t)argc : 1;
	st = emalloc(nst * sizeof(*st));
	heap = emalloc(nst * sizeof(*heap));
	memset(st, 0, nst * sizeof(*st));
	for (i = 0; i < nst; i++) {
		in_open(&st[i].in, argc > 0 ? argv[i] : "-");
		advance(&st[i]);
		if (st[i].live)
			heap[nheap++] = i;
	}
	for (i = nheap / 2; i-- > 0;)
		sift_down(i);
	merge();
	finish();
	for (i = 0; i < nst; i++)
		in_close(&st[i].in);
	free(st);
	free(heap);
	free(hold);
	free(arena);
	return tool_finish();
}
