#include <stdio.h>

#include "json.h"

size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned lo = 0x80, hi = 0xbf;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

void
json_string(struct output *o, const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t i = 0, k;
	char esc[8];

	out_char(o, '"');
	while (i < n) {
		if (s[i] == '"' || s[i] == '\\') {
			out_char(o, '\\');
			out_char(o, s[i++]);
		} else if (s[i] < 0x20) {
			switch (s[i]) {
			case '\n':
				out_str(o, "\\n");
				break;
			case '\r':
				out_str(o, "\\r");
				break;
			case '\t':
				out_str(o, "\\t");
				break;
			default:
				snprintf(esc, sizeof(esc), "\\u%04x", s[i]);
				out_str(o, esc);
			}
			i++;
		} else if ((k = utf8_len(s + i, n - i)) == 0) {
			out_str(o, "\\ufffd");
			i++;
		} else {
			out_bytes(o, s + i, k);
			i += k;
		}
	}
	out_char(o, '"');
}
