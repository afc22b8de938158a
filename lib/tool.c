#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output.h"
#include "reject.h"
#include "tool.h"
#include "util.h"

#ifndef VERSION
#define VERSION	"unknown"
#endif

static const char *synopsis;
static const char *rejects;
static int strict;
static int unbuffered;

/*
 * A descriptor found closed gets /dev/null opened the wrong way round, so
 * that using it fails as using a closed one would (a read of 0, a write
 * to 1 gives EBADF), and so that no file opened later lands on it.
 */
static void
open_std(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF &&
		    open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) != fd)
			exit(EXIT_TROUBLE);
}

void
tool_init(char *argv[], const char *syn)
{
	open_std();
	setprogname(argv[0]);
	argv[0] = (char *)argv0;	/* getopt's messages name the tool so */
	synopsis = syn;
}

static void
print_usage(FILE *f)
{
	fprintf(f, "usage: %s %s\n", argv0, synopsis);
}

void
tool_usage(void)
{
	print_usage(stderr);
	exit(EXIT_TROUBLE);
}

/* -h and -V answer on standard output and end the run. */
static void
answer(int ch)
{
	if (ch == 'h')
		print_usage(stdout);
	else
		printf("%s %s\n", argv0, VERSION);
	if (fflush(stdout) == EOF || ferror(stdout))
		fatal("stdout: write error:");
	exit(EXIT_CLEAN);
}

int
tool_option(int ch, const char *arg)
{
	switch (ch) {
	case 'h':
	case 'V':
		answer(ch);
		return 1;
	case 'r':
		rejects = arg;
		return 1;
	case 's':
		strict = 1;
		return 1;
	case 'u':
		unbuffered = 1;
		return 1;
	default:
		return 0;
	}
}

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Outputs of the tool's own (request-split's shards), named so. */
static char *const *more;
static size_t nmore;
static const char *morewhat;

void
tool_outputs(char *const *paths, size_t n, const char *what)
{
	more = paths;
	nmore = n;
	morewhat = what;
}

/* A regular file's identity, or 0 if path is none (or "-": stdin). */
static int
regular(const char *path, struct stat *st)
{
	if (strcmp(path, "-") == 0 ? fstat(0, st) < 0 : stat(path, st) < 0)
		return 0;	/* an input: reported when it is opened */
	return S_ISREG(st->st_mode);
}

/*
 * An output that is an input would be emptied before it is read, or read
 * back as it is written, and two outputs that are one file write over
 * each other.  Only regular files are compared, as cat(1) does: a
 * terminal or /dev/null may well be both.
 */
static void
check_outputs(int argc, char *argv[])
{
	struct stat in, out, rej, m;
	int haveout, haverej;
	const char *name;
	size_t k;
	int i;

	haveout = fstat(1, &out) == 0 && S_ISREG(out.st_mode);
	haverej = rejects != NULL && regular(rejects, &rej);
	for (i = 0; i < (argc > 0 ? argc : 1); i++) {
		name = argc > 0 ? argv[i] : "-";
		if (!regular(name, &in))
			continue;
		if (strcmp(name, "-") == 0)
			name = "stdin";
		if (haverej && same_file(&in, &rej))
			fatal("%s: the input is the rejects file (-r %s)", name,
			    rejects);
		if (haveout && same_file(&in, &out))
			fatal("%s: the input is standard output", name);
		for (k = 0; k < nmore; k++)
			if (regular(more[k], &m) && same_file(&in, &m))
				fatal("%s: the input is the %s %s", name,
				    morewhat, more[k]);
	}
}

/* The rejects file, made now, is none of the tool's own outputs. */
static void
check_rejects(void)
{
	struct stat rej, m;
	size_t k;

	if (rejects == NULL || !regular(rejects, &rej))
		return;
	for (k = 0; k < nmore; k++)
		if (regular(more[k], &m) && same_file(&m, &rej))
			fatal("-r %s: the rejects file is the %s %s", rejects,
			    morewhat, more[k]);
}

void
tool_start(int argc, char *argv[])
{
	check_outputs(argc, argv);
	out_init(&out_stdout, 1, "stdout", unbuffered);
	rej_setup(strict, rejects);
	check_rejects();
}

void
tool_operands(int argc, char *argv[], void (*fn)(const char *))
{
	if (argc == 0)
		fn("-");
	for (; argc > 0; argc--, argv++)
		fn(*argv);
}

int
tool_finish(void)
{
	out_close(&out_stdout);
	return rej_finish();
}
