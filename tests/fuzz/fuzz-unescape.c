/*
 * The stream's escapes and JSON strings.  tsv_unescape agrees with a
 * reference; tsv_escape's text (and tsv_escape_to's, the same) holds no
 * TAB, LF or CR and unescapes to the input; json_string writes one valid
 * JSON string, in valid UTF-8, whose characters are the input's, each
 * byte not part of valid UTF-8 as U+FFFD.
 * The output is never flushed: its buffer is read and then emptied.
 * tsv_escape_pad, which reads and writes SCAN_SLACK bytes past its data,
 * gets buffers of scan_alloc (built with SCAN_GUARD, the slack ends
 * against an inaccessible page); the functions without slack get buffers
 * of exactly their bytes, for ASan to see any read past them.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "output.h"
#include "scan.h"
#include "tsv.h"
#include "fuzz.h"

static struct output out;

static long long NOCOV
ref_unescape(const uint8_t *s, size_t n, uint8_t *d)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			d[k++] = s[i];
			continue;
		}
		if (++i == n)
			return -1;
		switch (s[i]) {
		case 't':
			d[k++] = '\t';
			break;
		case 'n':
			d[k++] = '\n';
			break;
		case 'r':
			d[k++] = '\r';
			break;
		case '\\':
			d[k++] = '\\';
			break;
		default:
			return -1;
		}
	}
	return (long long)k;
}

/* Decode one UTF-8 character at s: its length, or 0 if none is there. */
static size_t NOCOV
ref_utf8(const uint8_t *s, size_t n, uint32_t *cp)
{
	static const uint32_t least[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		*cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		*cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		*cp = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if (*cp < least[len] || *cp > 0x10ffff ||
	    (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return len;
}

static int NOCOV
hex(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Next character of a JSON string's body at j; the string must be valid. */
static uint32_t NOCOV
json_next(const uint8_t *o, size_t end, size_t *j)
{
	uint32_t cp = 0;
	size_t k, len;
	int h;

	CHECK(*j < end);
	CHECK(o[*j] >= 0x20 && o[*j] != '"');
	if (o[*j] != '\\') {
		len = ref_utf8(o + *j, end - *j, &cp);
		CHECK(len > 0);
		*j += len;
		return cp;
	}
	CHECK(*j + 1 < end);
	*j += 2;
	switch (o[*j - 1]) {
	case '"':
	case '\\':
	case '/':
		return o[*j - 1];
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'u':
		CHECK(*j + 4 <= end);
		for (k = 0; k < 4; k++) {
			CHECK((h = hex(o[*j + k])) >= 0);
			cp = cp << 4 | (uint32_t)h;
		}
		*j += 4;
		/* A lone surrogate is not a character: never written. */
		CHECK(cp < 0xd800 || cp > 0xdfff);
		return cp;
	}
	CHECK(!"a valid escape");
	return 0;
}

static void NOCOV
check_json(const uint8_t *d, size_t n)
{
	const uint8_t *o;
	size_t i = 0, j = 1, end, len;
	uint32_t want, got;

	out.len = 0;
	json_string(&out, (const char *)d, n);
	o = (const uint8_t *)out.buf;
	CHECK(out.len >= 2 && o[0] == '"' && o[out.len - 1] == '"');
	end = out.len - 1;
	while (i < n) {
		if ((len = ref_utf8(d + i, n - i, &want)) == 0) {
			want = 0xfffd;
			len = 1;
		}
		i += len;
		got = json_next(o, end, &j);
		CHECK(got == want);
	}
	CHECK(j == end);
}

static void NOCOV
check_escape(const uint8_t *d, size_t n)
{
	size_t i, special = 0;
	uint8_t *back, *pad;
	long long k;

	for (i = 0; i < n; i++)
		special += d[i] == '\t' || d[i] == '\n' || d[i] == '\r' ||
		    d[i] == '\\';
	out.len = 0;
	tsv_escape(&out, (const char *)d, n);
	CHECK(out.len == n + special);
	CHECK(memchr(out.buf, '\t', out.len) == NULL);
	CHECK(memchr(out.buf, '\n', out.len) == NULL);
	CHECK(memchr(out.buf, '\r', out.len) == NULL);
	/* tsv_escape_to writes the same into exactly the 2n bytes promised. */
	back = malloc(2 * n + (n == 0));
	CHECK(tsv_escape_to((char *)back, (const char *)d, n) ==
	    (char *)back + out.len);
	CHECK(memcmp(back, out.buf, out.len) == 0);
	free(back);
	/*
	 * So does tsv_escape_pad, reading and writing within its SCAN_SLACK:
	 * the slack past the input is backslashes, which must not be taken
	 * for the input's; the output has room for 2n bytes and the slack.
	 */
	pad = scan_alloc(n);
	memcpy(pad, d, n);
	memset(pad + n, '\\', SCAN_SLACK);
	back = scan_alloc(2 * n);
	CHECK(tsv_escape_pad((char *)back, (const char *)pad, n) ==
	    (char *)back + out.len);
	CHECK(memcmp(back, out.buf, out.len) == 0);
	scan_free(back);
	/* And with the output's room just what it needs, and its slack. */
	back = scan_alloc(out.len);
	CHECK(tsv_escape_pad((char *)back, (const char *)pad, n) ==
	    (char *)back + out.len);
	CHECK(memcmp(back, out.buf, out.len) == 0);
	scan_free(back);
	scan_free(pad);
	/* Exactly the bytes tsv_unescape may use, so ASan sees any beyond. */
	back = malloc(out.len + (out.len == 0));
	k = tsv_unescape(out.buf, out.len, (char *)back);
	CHECK(k == (long long)n && memcmp(back, d, n) == 0);
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint8_t *got, *want;
	long long k, rk;

	if (out.buf == NULL)
		out_init(&out, open("/dev/null", O_WRONLY), "/dev/null", 0);
	got = malloc(n + (n == 0));
	want = malloc(n + 1);
	k = tsv_unescape((const char *)d, n, (char *)got);
	rk = ref_unescape(d, n, want);
	CHECK(k == rk);
	if (k >= 0)
		CHECK(memcmp(got, want, (size_t)k) == 0);
	check_escape(d, n);
	check_json(d, n);
	free(got);
	free(want);
	return 0;
}
