/* JSON strings for the JSON Lines output. */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#include "output.h"

/*
 * Write bytes as a JSON string, quotes included.  JSON text is Unicode:
 * each byte that is not part of valid UTF-8 becomes U+FFFD.
 */
void	json_string(struct output *, const char *, size_t);

/* Length of the valid UTF-8 sequence at s (of n bytes), or 0 if none. */
size_t	utf8_len(const unsigned char *, size_t);

#endif
