/* A piece of a line: a field of a record, a key, the text a message shows. */
#ifndef FIELD_H
#define FIELD_H

#include <stddef.h>

struct field {
	const char	*p;
	size_t		 n;
};

#endif
