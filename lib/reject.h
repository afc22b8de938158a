/*
 * Rejected records: each is reported as "tool: FILE:LINE: reason" (the
 * first REJECT_SHOWN of them; the rest are counted), optionally kept verbatim
 * in a file, and totalled at the end.  In strict mode the first is fatal.
 */
#ifndef REJECT_H
#define REJECT_H

#include <stddef.h>
#include <stdint.h>

#define REJECT_SHOWN	10

/* strict: the first rejection is fatal; path: keep rejected records there. */
void	rej_setup(int, const char *);
void	reject(const char *, uintmax_t, const char *, size_t, const char *,
	    ...);
/* Report the total, close the file; returns the exit status, 0 or 1. */
int	rej_finish(void);

#endif
