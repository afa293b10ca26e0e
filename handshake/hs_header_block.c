/* hs_header_block.c - the header block as autobahn's parseHttpHeader reads
 * it: decoded as Latin-1, split with str.splitlines() (which breaks at
 * CR, LF, CRLF, VT, FF, U+001C..U+001E and NEL: bytes that can sit inside
 * what HTTP calls one line), the first line the request line, and each
 * later line with a ':' past its first character a header. The name is
 * stripped and lower-cased, the value stripped; a repeated name gets its
 * values joined with ", ". A line without such a ':' is skipped, so a
 * folded continuation line is a header of its own or nothing. */
#include <string.h>

#include "hs_internal.h"

/* The length of the line break at p[0..n), or 0 when p is not one. */
static size_t line_break(const unsigned char *p, size_t n) {
  switch (p[0]) {
  case '\r':
    return n > 1 && p[1] == '\n' ? 2 : 1;
  case '\n':
  case 0x0B:
  case 0x0C:
  case 0x1C:
  case 0x1D:
  case 0x1E:
  case 0x85:
    return 1;
  default:
    return 0;
  }
}

static hs_field *find_field(hs_block *b, const char *key, size_t len) {
  for (size_t i = 0; i < b->len; i++) {
    hs_field *f = &b->fields[i];
    if (f->key.len == len && (len == 0 || memcmp(f->key.data, key, len) == 0))
      return f;
  }
  return NULL;
}

static ws_status add_field(hs_block *b, ws_strview name, ws_strview value) {
  char lowered[256];
  ws_buf key;
  ws_buf_init(&key);
  for (size_t at = 0; at < name.len; at += sizeof lowered) {
    size_t n = name.len - at < sizeof lowered ? name.len - at : sizeof lowered;
    for (size_t i = 0; i < n; i++)
      lowered[i] = (char)hs_lower((unsigned char)name.ptr[at + i]);
    ws_buf_put(&key, lowered, n);
  }
  if (key.status != WS_OK)
    return key.status;
  hs_field *f = find_field(b, key.data ? key.data : "", key.len);
  if (f) {
    ws_buf_free(&key);
    ws_buf_put(&f->value, ", ", 2);
    ws_buf_put(&f->value, value.ptr, value.len);
    f->count++;
    return f->value.status;
  }
  ws_status st = ws_grow((void **)&b->fields, &b->cap, b->len + 1,
                         sizeof *b->fields);
  if (st != WS_OK) {
    ws_buf_free(&key);
    return st;
  }
  f = &b->fields[b->len++];
  f->key = key;
  ws_buf_init(&f->value);
  ws_buf_put(&f->value, value.ptr, value.len);
  f->count = 1;
  return f->value.status;
}

static ws_status take_line(hs_block *b, ws_strview line, bool first) {
  if (first) {
    b->status_line = hs_strip(line);
    return WS_OK;
  }
  size_t colon = hs_find(line, 0, ':');
  if (colon == 0 || colon == line.len)
    return WS_OK;
  return add_field(b, hs_strip(hs_sub(line, 0, colon)),
                   hs_strip(hs_sub(line, colon + 1, line.len)));
}

ws_status hs_block_parse(hs_block *b, const char *block, size_t len) {
  const unsigned char *p = (const unsigned char *)block;
  memset(b, 0, sizeof *b);
  size_t start = 0;
  bool first = true;
  for (size_t i = 0; i < len;) {
    size_t br = line_break(p + i, len - i);
    if (br == 0) {
      i++;
      continue;
    }
    ws_status st = take_line(b, ws_str_view(block + start, i - start), first);
    if (st != WS_OK)
      return st;
    first = false;
    i += br;
    start = i;
  }
  if (start < len)
    return take_line(b, ws_str_view(block + start, len - start), first);
  return WS_OK;
}

void hs_block_free(hs_block *b) {
  for (size_t i = 0; i < b->len; i++) {
    ws_buf_free(&b->fields[i].key);
    ws_buf_free(&b->fields[i].value);
  }
  ws_array_free(b->fields);
  memset(b, 0, sizeof *b);
}

const hs_field *hs_block_get(const hs_block *b, const char *name) {
  return find_field((hs_block *)b, name, strlen(name));
}
