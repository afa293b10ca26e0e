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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "hs_internal.h"
#include "internal/ws_bits.h"

/* The bytes str.splitlines() breaks a line at (CRLF is CR and LF). */
static const bool is_break[256] = {
    [0x0A] = true, [0x0B] = true, [0x0C] = true, [0x0D] = true,
    [0x1C] = true, [0x1D] = true, [0x1E] = true, [0x85] = true};

/* The index of the first line break in p[from..n), or n. A header line is
 * some fifty bytes of text without one, so the scan looks at 16 (8
 * without SSE2) at a time for a byte that may be one: below 0x1F, or NEL.
 * TAB and the other controls are such bytes too, and rare; the table
 * tells them from breaks. */
static size_t find_break(const unsigned char *p, size_t from, size_t n) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i low = _mm_set1_epi8(0x1E);
  const __m128i nel = _mm_set1_epi8((char)(0x85 - 256));
  for (; n - i >= 16; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    __m128i maybe = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, low), v),
                                 _mm_cmpeq_epi8(v, nel));
    for (unsigned m = (unsigned)_mm_movemask_epi8(maybe); m != 0;
         m &= m - 1) {
      size_t k = i + ws_lowest_bit(m);
      if (is_break[p[k]])
        return k;
    }
  }
#else
  const uint64_t ones = UINT64_C(0x0101010101010101);
  const uint64_t highs = UINT64_C(0x8080808080808080);
  for (; n - i >= 8; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    uint64_t x = w ^ (ones * 0x85);
    /* a byte below 0x1F, or a zero byte of x (a NEL of w) */
    if ((((w - ones * 0x1F) & ~w) | ((x - ones) & ~x)) & highs) {
      for (size_t k = i; k < i + 8; k++) {
        if (is_break[p[k]])
          return k;
      }
    }
  }
#endif
  for (; i < n; i++) {
    if (is_break[p[i]])
      return i;
  }
  return n;
}

/* The line starting at *at (its break not included); *at moves past its
 * break. false when there is no line left. */
static bool next_line(ws_strview block, size_t *at, ws_strview *line) {
  const unsigned char *p = (const unsigned char *)block.ptr;
  size_t start = *at;
  if (start >= block.len)
    return false;
  size_t end = find_break(p, start, block.len);
  *line = hs_sub(block, start, end);
  if (end < block.len)
    end += p[end] == '\r' && end + 1 < block.len && p[end + 1] == '\n' ? 2 : 1;
  *at = end;
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

/* A new last field, empty: in the hs_block while it has room, then in an
 * array twice as large each time. NULL when that fails. */
static hs_field *add_field(hs_block *b) {
  if (b->len == b->cap) {
    size_t cap = 2 * b->cap;
    hs_field *grown = b->fields == b->inline_fields
                          ? ws_malloc(cap * sizeof *grown)
                          : ws_realloc(b->fields, cap * sizeof *grown);
    if (grown == NULL)
      return NULL;
    if (b->fields == b->inline_fields)
      memcpy(grown, b->inline_fields, sizeof b->inline_fields);
    b->fields = grown;
    b->cap = cap;
  }
  return &b->fields[b->len++];
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

void hs_block_init(hs_block *b) {
  b->status_line = ws_str_view(NULL, 0);
  b->fields = b->inline_fields;
  b->len = 0;
  b->cap = HS_BLOCK_INLINE;
  ws_buf_init(&b->joined);
}

ws_status hs_block_parse(hs_block *b, const char *data, size_t len) {
  hs_block_init(b);
  ws_strview block = ws_str_view(data, len);
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
    f = add_field(b);
    if (f == NULL)
      return WS_ENOMEM;
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
  hs_block_init(b);
}

const hs_field *hs_block_get(const hs_block *b, const char *name) {
  size_t len = strlen(name);
  for (size_t i = 0; i < b->len; i++) {
    const hs_field *f = &b->fields[i];
    if (f->key.len == len && hs_is_lower(f->key, name))
      return f;
  }
  return NULL;
}

size_t hs_block_end(const char *data, size_t len, size_t *scanned) {
  for (size_t i = *scanned; i + 4 <= len; i++) {
    const char *cr = memchr(data + i, '\r', len - 3 - i);
    if (cr == NULL)
      break;
    i = (size_t)(cr - data);
    if (cr[1] == '\n' && cr[2] == '\r' && cr[3] == '\n')
      return i + 4;
  }
  *scanned = len > 3 ? len - 3 : 0;
  return 0;
}
