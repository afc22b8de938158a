/*
 * request-split: a request stream cut into shards by a hash of the key,
 * each line with its position appended, and a tick (the time alone) in
 * every shard whenever the clock advances, so that each shard's sessionize
 * keeps the whole stream's clock.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "reject.h"
#include "request.h"
#include "tool.h"
#include "tsv.h"
#include "util.h"

#define MAXCOL		1024
#define MAXKEY		8
#define MAXSHARD	1024
#define BATCH		16

/* FNV-1a, 64 bits: fixed by its definition, the same on every host. */
#define FNV_BASIS	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

static size_t nshard;
static struct output *shard;
static char **shardnames;
static const char *prefix = "shard";
static size_t tcol = 0;			/* -t, 0-based */
static size_t kcol[MAXKEY] = { 1 };	/* -k, 0-based */
static size_t nkey = 1;
static size_t ncol;			/* -c: the log's line number, or 0 */
static int64_t lateness;
static int64_t base;			/* -b */

/* The time of the latest line used; at first, before any time can be. */
static int64_t clk = REQ_NOTIME + 1;
static uint64_t nread;			/* lines read, across operands */
static uintmax_t nunsorted;

static uint64_t
fnv1a(uint64_t h, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/*
 * The shard of a key: FNV-1a 64 of its bytes (the -k columns joined by
 * one TAB, as sessionize makes it), its high 32 bits times the number of
 * shards, divided by 2^32: the fraction h / 2^64 of the shards, without a
 * 64-bit division (10% of the split's user time).
 */
static size_t
shard_of(const struct field *key)
{
	uint64_t h = fnv1a(FNV_BASIS, key->p, key->n);

	return (size_t)((h >> 32) * nshard >> 32);
}

/* The clock moves to t: every shard hears of it. */
static void
tick(int64_t t)
{
	char text[24];
	size_t i, n = fmt_int(text, t);

	for (i = 0; i < nshard; i++) {
		out_bytes(&shard[i], text, n);
		out_eol(&shard[i]);
	}
}

/*
 * Line i of the batch, whose time is not the clock's: 0 if it is used (the
 * clock advanced, or it is late by no more than -l), -1 if it is rejected,
 * as sessionize would reject it.
 */
static int
off_clock(const struct reqreader *rd, size_t i, const struct req *q)
{
	switch (req_judge(rd, i, q, ncol, clk, lateness, &nunsorted)) {
	case REQ_REJECTED:
		return -1;
	case REQ_LATE:
		return 0;
	}
	tick(clk = q->t);
	return 0;
}

/* Line i of the batch, the nth of the input. */
static void
request(const struct reqreader *rd, size_t i, const struct req *q,
    uint64_t nth)
{
	struct output *o;
	char *d;

	if (q->t != clk && off_clock(rd, i, q) < 0)
		return;
	if (nth > (uint64_t)(INT64_MAX - base))
		fatal("%s:%ju: the position is past 2^63 - 1 (-b %jd)",
		    req_name(rd), req_lineno(rd, i), (intmax_t)base);
	o = &shard[shard_of(&q->key)];
	d = out_room(o, q->line.n + 1 + 24);
	memcpy(d, q->line.p, q->line.n);
	d += q->line.n;
	*d++ = '\t';
	d += fmt_int(d, base + (int64_t)nth);
	out_commit(o, d);
	out_eol(o);
}

static void
readall(const char *name)
{
	struct reqreader rd;
	struct req v[BATCH];
	size_t i, k;

	req_open(&rd, name, tcol, kcol[0]);
	if (nkey > 1)
		req_keys(&rd, kcol, nkey);
	while ((k = req_next(&rd, v, BATCH)) > 0)
		for (i = 0; i < k; i++)
			request(&rd, i, &v[i], ++nread);
	req_close(&rd);
}

/* The shards' names, PREFIX.0 ...: checked by tool_start(), then made. */
static void
name_shards(void)
{
	size_t s, len = strlen(prefix) + 8;

	shardnames = emalloc(nshard * sizeof(*shardnames));
	for (s = 0; s < nshard; s++) {
		shardnames[s] = emalloc(len);
		snprintf(shardnames[s], len, "%s.%zu", prefix, s);
	}
	tool_outputs(shardnames, nshard, "shard");
}

static void
open_shards(void)
{
	char **names = shardnames;
	size_t s;

	/* The outputs keep their names until they are closed. */
	shard = emalloc(nshard * sizeof(*shard));
	for (s = 0; s < nshard; s++) {
		out_create(&shard[s], names[s]);
		shard[s].linebuf = out_stdout.linebuf;
	}
}

static void
close_shards(void)
{
	size_t s;

	for (s = 0; s < nshard; s++) {
		out_close(&shard[s]);
		free(shardnames[s]);
	}
	free(shardnames);
	free(shard);
}

int
main(int argc, char *argv[])
{
	int ch;

	tool_init(argv, "-n shards [-hsuV] [-b base] [-c column] [-k list] "
	    "[-l seconds] [-o prefix] [-r rejects] [-t column] [file ...]");
	while ((ch = getopt(argc, argv, "b:c:k:l:n:o:t:" TOOL_OPTS)) != -1) {
		switch (ch) {
		case 'b':
			base = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'c':
			ncol = eoptnum(ch, optarg, 1, MAXCOL);
			break;
		case 'k':
			nkey = eoptcols(ch, optarg, kcol, MAXKEY, MAXCOL);
			break;
		case 'l':
			lateness = eoptnum(ch, optarg, 0, INT64_MAX);
			break;
		case 'n':
			nshard = eoptnum(ch, optarg, 1, MAXSHARD);
			break;
		case 'o':
			if (*optarg == '\0')
				fatal("-o: the prefix is empty");
			prefix = optarg;
			break;
		case 't':
			tcol = eoptnum(ch, optarg, 1, MAXCOL) - 1;
			break;
		default:
			if (!tool_option(ch, optarg))
				tool_usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (nshard == 0) {
		complain("-n shards: the number of shards is required");
		tool_usage();
	}
	ekeycols(tcol, kcol, nkey);

	name_shards();
	tool_start(argc, argv);
	open_shards();
	tool_operands(argc, argv, readall);
	close_shards();
	req_unsorted(nunsorted, 1);
	return tool_finish();
}
