/*
 * What every tool of the kit shares around its own work: the options
 * -r rejects, -s (strict) and -u (unbuffered), standard output, the
 * operands (none or "-" is standard input) and the exit status.
 */
#ifndef TOOL_H
#define TOOL_H

/* Take one of the common options; returns 0 if ch is none of them. */
int	tool_option(int, const char *);
/* Open standard output and the rejects file as the options say. */
void	tool_start(void);
/* Run fn on each operand, or on "-" when there is none. */
void	tool_operands(int, char *[], void (*)(const char *));
/* Flush and close everything; returns the exit status, 0 or 1. */
int	tool_finish(void);

#endif
