/* hs_header_block.c - the header block as autobahn's parseHttpHeader reads
 * it: decoded as Latin-1, split with str.splitlines() (which breaks at
 * CR, LF, CRLF, VT, FF, U+001C..U+001E and NEL: bytes that can sit inside
 * what HTTP calls one line), the first line the request line, and each
 * later line with a ':' past its first character a header. The name is
 * stripped and lower-cased, the value stripped; a repeated name gets its
 * values joined with ", ". A line without such a ':' is skipped, so a
 * folded continuation line is a header of its own or nothing.
 *
 * The fields are views of the block (names compared without case, which
 * is lower-casing both), so reading a block allocates nothing unless it
 * has more than HS_BLOCK_INLINE fields or a repeated name, whose joined
 * values are copied. */
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

/* The line starting at *at (its break not included); *at moves past its
 * break. false when there is no line left. */
static bool next_line(ws_strview block, size_t *at, ws_strview *line) {
  const unsigned char *p = (const unsigned char *)block.ptr;
  size_t start = *at;
  if (start >= block.len)
    return false;
  for (size_t i = start; i < block.len; i++) {
    size_t br = line_break(p + i, block.len - i);
    if (br > 0) {
      *line = hs_sub(block, start, i);
      *at = i + br;
      return true;
    }
  }
  *line = hs_sub(block, start, block.len);
  *at = block.len;
  return true;
}

/* A header line's name and value, stripped; false for a line that is
 * not one. */
static bool split_header(ws_strview line, ws_strview *name,
                         ws_strview *value) {
  size_t colon = hs_find(line, 0, ':');
  if (colon == 0 || colon == line.len)
    return false;
  *name = hs_strip(hs_sub(line, 0, colon));
  *value = hs_strip(hs_sub(line, colon + 1, line.len));
  return true;
}

static hs_field *find_field(const hs_block *b, ws_strview name) {
  for (size_t i = 0; i < b->len; i++) {
    if (hs_same_lower(b->fields[i].key, name))
      return &b->fields[i];
  }
  return NULL;
}

/* Room for as many fields as the block has lines after the first. */
static ws_status make_room(hs_block *b, ws_strview block) {
  size_t lines = 0;
  ws_strview line;
  for (size_t at = 0; next_line(block, &at, &line);)
    lines++;
  b->fields = b->inline_fields;
  if (lines > HS_BLOCK_INLINE) {
    b->fields = ws_malloc(lines * sizeof *b->fields);
    if (b->fields == NULL)
      return WS_ENOMEM;
  }
  return WS_OK;
}

/* Each repeated name's values, joined with ", " into b->joined: first
 * all of them (the buffer may move while it grows), then the views. */
static ws_status join_repeated(hs_block *b, ws_strview block) {
  for (size_t i = 0; i < b->len; i++) {
    hs_field *f = &b->fields[i];
    if (f->count < 2)
      continue;
    f->joined_at = b->joined.len;
    size_t n = 0;
    ws_strview line;
    ws_strview name;
    ws_strview value;
    size_t at = 0;
    next_line(block, &at, &line); /* the request line */
    while (next_line(block, &at, &line)) {
      if (split_header(line, &name, &value) && hs_same_lower(name, f->key)) {
        if (n++ > 0)
          ws_buf_put(&b->joined, ", ", 2);
        ws_buf_put(&b->joined, value.ptr, value.len);
      }
    }
    f->value.len = b->joined.len - f->joined_at;
  }
  if (b->joined.status != WS_OK)
    return b->joined.status;
  for (size_t i = 0; i < b->len; i++) {
    hs_field *f = &b->fields[i];
    if (f->count > 1)
      f->value = ws_str_view(b->joined.data + f->joined_at, f->value.len);
  }
  return WS_OK;
}

ws_status hs_block_parse(hs_block *b, const char *data, size_t len) {
  memset(b, 0, sizeof *b);
  ws_buf_init(&b->joined);
  ws_strview block = ws_str_view(data, len);
  ws_status st = make_room(b, block);
  if (st != WS_OK)
    return st;
  size_t at = 0;
  ws_strview line;
  if (next_line(block, &at, &line))
    b->status_line = hs_strip(line);
  bool repeated = false;
  while (next_line(block, &at, &line)) {
    ws_strview name;
    ws_strview value;
    if (!split_header(line, &name, &value))
      continue;
    hs_field *f = find_field(b, name);
    if (f) {
      f->count++;
      repeated = true;
      continue;
    }
    f = &b->fields[b->len++];
    f->key = name;
    f->value = value;
    f->count = 1;
  }
  return repeated ? join_repeated(b, block) : WS_OK;
}

void hs_block_free(hs_block *b) {
  if (b->fields != b->inline_fields)
    ws_free(b->fields);
  ws_buf_free(&b->joined);
  memset(b, 0, sizeof *b);
}

const hs_field *hs_block_get(const hs_block *b, const char *name) {
  for (size_t i = 0; i < b->len; i++) {
    if (hs_is_lower(b->fields[i].key, name))
      return &b->fields[i];
  }
  return NULL;
}
