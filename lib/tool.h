/*
 * What every tool of the kit shares around its own work: the options -h
 * (help), -r rejects, -s (strict), -u (unbuffered) and -V (version),
 * standard output, the operands (none or "-" is standard input) and the
 * exit status.
 */
#ifndef TOOL_H
#define TOOL_H

/* The common options, for the tools' getopt strings. */
#define TOOL_OPTS	"hr:suV"

/*
 * First in main: make sure descriptors 0, 1 and 2 are open, so that no
 * file the tool opens takes their place, and name the tool after argv[0].
 * synopsis is the usage line without the tool's name.
 */
void	tool_init(char *[], const char *);
/* Take one of the common options; returns 0 if ch is none of them. */
int	tool_option(int, const char *);
/* The usage line on stderr, exit 2. */
void	tool_usage(void);
/*
 * Before tool_start(): the tool writes these n files too (what names
 * them in messages: "shard"), and they are checked as standard output and
 * the rejects file are.
 */
void	tool_outputs(char *const *, size_t, const char *);
/*
 * Refuse an output that is one of the operands (same device and inode),
 * or the rejects file that is another output, then open standard output
 * and the rejects file as the options say.
 */
void	tool_start(int, char *[]);
/* Run fn on each operand, or on "-" when there is none. */
void	tool_operands(int, char *[], void (*)(const char *));
/* Flush and close everything; returns the exit status, 0 or 1. */
int	tool_finish(void);

#endif
