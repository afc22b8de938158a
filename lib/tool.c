#include <stddef.h>

#include "output.h"
#include "reject.h"
#include "tool.h"

static const char *rejects;
static int strict;
static int unbuffered;

int
tool_option(int ch, const char *arg)
{
	switch (ch) {
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

void
tool_start(void)
{
	out_init(&out_stdout, 1, "stdout", unbuffered);
	rej_setup(strict, rejects);
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
