/* hs_text.c - Latin-1 text as Python's str methods see it (hs_internal.h). */
#include <string.h>

#include "hs_internal.h"

#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t load8(const char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

/* The first byte of p[0..n) that is not ASCII, or NULL: eight at a time,
 * as text from a request is mostly ASCII; a tail shorter than eight is
 * looked at as the last eight bytes first. */
static const char *first_high(const char *p, size_t n) {
  size_t i = 0;
  while (n - i >= 8 && !(load8(p + i) & HIGHS))
    i += 8;
  if (n - i < 8 && n >= 8 && !(load8(p + n - 8) & HIGHS))
    return NULL;
  for (; i < n; i++) {
    if ((unsigned char)p[i] >= 0x80)
      return p + i;
  }
  return NULL;
}

ws_strview hs_strip(ws_strview v) {
  const unsigned char *p = (const unsigned char *)v.ptr;
  size_t a = 0;
  size_t z = v.len;
  while (a < z && hs_isspace(p[a]))
    a++;
  while (z > a && hs_isspace(p[z - 1]))
    z--;
  return hs_sub(v, a, z);
}

bool hs_is_lower(ws_strview v, const char *lit) {
  for (size_t i = 0; i < v.len; i++) {
    unsigned char c = hs_lower((unsigned char)v.ptr[i]);
    if (lit[i] == '\0' || c != (unsigned char)lit[i])
      return false;
  }
  return lit[v.len] == '\0';
}

bool hs_same_lower(ws_strview a, ws_strview b) {
  if (a.len != b.len)
    return false;
  for (size_t i = 0; i < a.len; i++) {
    if (hs_lower((unsigned char)a.ptr[i]) != hs_lower((unsigned char)b.ptr[i]))
      return false;
  }
  return true;
}

size_t hs_find(ws_strview v, size_t from, char c) {
  if (from >= v.len)
    return v.len;
  const char *hit = memchr(v.ptr + from, c, v.len - from);
  return hit ? (size_t)(hit - v.ptr) : v.len;
}

bool hs_has(ws_strview v, char c) { return hs_find(v, 0, c) < v.len; }

size_t hs_count_high(ws_strview v) {
  const char *high = first_high(v.ptr, v.len);
  if (high == NULL)
    return 0;
  size_t n = 0;
  for (const char *end = v.ptr + v.len; high < end; high++)
    n += (unsigned char)*high >= 0x80;
  return n;
}

void hs_put_latin1(ws_buf *b, ws_strview v) {
  if (v.len == 0)
    return;
  size_t run = 0;
  const char *high;
  while ((high = first_high(v.ptr + run, v.len - run)) != NULL) {
    size_t i = (size_t)(high - v.ptr);
    unsigned char c = (unsigned char)*high;
    ws_buf_put(b, v.ptr + run, i - run);
    char two[2] = {(char)(0xC0 | (c >> 6)), (char)(0x80 | (c & 0x3F))};
    ws_buf_put(b, two, 2);
    run = i + 1;
  }
  ws_buf_put(b, v.ptr + run, v.len - run);
}

void hs_put_latin1_lower(ws_buf *b, ws_strview v) {
  char chunk[64];
  size_t n = 0;
  for (size_t i = 0; i < v.len; i++) {
    if (n > sizeof chunk - 2) {
      ws_buf_put(b, chunk, n);
      n = 0;
    }
    n = (size_t)(hs_utf8_of(chunk + n, hs_lower((unsigned char)v.ptr[i])) -
                 chunk);
  }
  ws_buf_put(b, chunk, n);
}

bool hs_latin1_is(ws_strview latin1, ws_strview utf8) {
  if (utf8.len < latin1.len || utf8.len > 2 * latin1.len)
    return false;
  char two[2];
  size_t j = 0;
  for (size_t i = 0; i < latin1.len; i++) {
    size_t n = (size_t)(hs_utf8_of(two, (unsigned char)latin1.ptr[i]) - two);
    if (utf8.len - j < n || memcmp(utf8.ptr + j, two, n) != 0)
      return false;
    j += n;
  }
  return j == utf8.len;
}

void hs_format(ws_buf *b, const char *tmpl, const ws_strview *args,
               size_t n) {
  size_t next = 0;
  const char *p = tmpl;
  for (const char *hole; (hole = strstr(p, "{}")) != NULL; p = hole + 2) {
    ws_buf_put(b, p, (size_t)(hole - p));
    if (next < n)
      hs_put_latin1(b, args[next++]);
  }
  ws_buf_puts(b, p);
}

bool hs_py_int(ws_strview text, ws_buf *canon) {
  ws_strview t = hs_strip(text);
  size_t i = 0;
  bool negative = false;
  ws_buf_reset(canon);
  if (i < t.len && (t.ptr[i] == '+' || t.ptr[i] == '-'))
    negative = t.ptr[i++] == '-';
  size_t digits = 0;
  bool leading = true;
  bool after_digit = false;
  for (; i < t.len; i++) {
    char c = t.ptr[i];
    if (c == '_' && after_digit && i + 1 < t.len && t.ptr[i + 1] >= '0' &&
        t.ptr[i + 1] <= '9') {
      after_digit = false;
      continue;
    }
    if (c < '0' || c > '9')
      return false;
    after_digit = true;
    digits++;
    if (leading && c == '0')
      continue;
    if (leading && negative)
      ws_buf_putc(canon, '-');
    leading = false;
    ws_buf_putc(canon, c);
  }
  if (digits == 0 || digits > HS_INT_MAX_DIGITS)
    return false;
  if (leading)
    ws_buf_putc(canon, '0');
  return true;
}

bool hs_canon_i64(const ws_buf *canon, int64_t *out) {
  const char *p = canon->data;
  size_t n = canon->len;
  bool negative = n > 0 && p[0] == '-';
  size_t i = negative ? 1 : 0;
  if (n - i > 18)
    return false;
  int64_t v = 0;
  for (; i < n; i++)
    v = v * 10 + (p[i] - '0');
  *out = negative ? -v : v;
  return true;
}
