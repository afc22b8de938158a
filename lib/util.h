/* Diagnostics, checked allocation and number parsing shared by every tool. */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Exit status, in the manner of diff(1) and grep(1). */
enum {
	EXIT_CLEAN = 0,		/* every record used */
	EXIT_REJECTS = 1,	/* completed, some records rejected */
	EXIT_TROUBLE = 2	/* usage or fatal error */
};

extern const char *argv0;

void	setprogname(const char *);
/*
 * "tool: message" on stderr, and ": strerror(errno)" when the format ends
 * in ':' (only then: these are not BSD's err(3) and warn(3)).  fatal()
 * then exits with status 2; complain() returns.
 */
void	fatal(const char *, ...);
void	complain(const char *, ...);

/*
 * Bytes from the input made fit for a message: at most 40 of them, and
 * control and non-ASCII bytes as \xHH.  The result lasts until the next call.
 */
const char	*shown(const char *, size_t);

void	*emalloc(size_t);
void	*erealloc(void *, size_t);
void	*ealigned(size_t);	/* on a cache line's boundary; free() frees */

/*
 * Parse a decimal integer in [min, max], the whole string and nothing else.
 * Returns 0 and sets *v, or -1 with *why saying what is wrong.
 */
int	parsenum(const char *, long long, long long, long long *,
	    const char **);
/* parsenum for an option's argument: dies with a usage error naming it. */
long long	eoptnum(int, const char *, long long, long long);
/*
 * An option's argument, one of the n words: returns its index, or dies
 * with a usage error that names the option and lists them, what being
 * what they are ("an order": "-o x: not an order (end or detect)").
 */
size_t	eoptword(int, const char *, const char *const *, size_t,
	    const char *);
/*
 * An option's list of columns, "2" or "2,6": 1 to max of them, each 1 to
 * maxcol and none twice, into v 0-based; returns how many.  The commas
 * of arg are overwritten.  Dies with a usage error naming the option.
 */
size_t	eoptcols(int, char *, size_t *, size_t, size_t);
/* The time column (0-based) is none of the n key columns, or it dies. */
void	ekeycols(size_t, const size_t *, size_t);

#endif
