/* ws_repr_short.c - repr of a short str on one line, measured and written
 * in one reading (see ws_repr_short in internal/ws_repr_scan.h).
 *
 * Most str that are not plain text are short: a header's value, a query
 * parameter, a word of another script. The scan (ws_repr_scan.c) records
 * what pprint needs to break a str into pieces; a str that goes on one
 * line needs none of it. So a short one is copied into a zeroed block of
 * its own, read there as two vector blocks (no text is too near its end
 * for the table look-up's four bytes), its quote chosen from the few
 * quotes among its ASCII that is not plain, and written straight into the
 * buffer: the text between the characters to escape in moves of 16 bytes,
 * each escape after it. Its width comes from the same reading: a column
 * a code point, plus what the escapes add. */
#include "internal/ws_repr_scan.h"

#include "ws_repr.h"
#include "ws_utf8.h"

#include "internal/ws_copy.h"
#include "internal/ws_scan_block.h"

enum {
  /* The copy: the text, then zeros for the look-up and the moves of 16
   * bytes that start inside it. */
  COPY_ROOM = WS_REPR_SHORT_MAX + WS_SCAN_BLOCK,
  /* The most a byte of text becomes: \xhh for one byte. */
  WIDEST = 4
};

/* Set bits of a 32-bit mask. */
static inline uint32_t count_bits32(uint32_t x) {
  x -= (x >> 1) & 0x55555555u;
  x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
  x = (x + (x >> 4)) & 0x0F0F0F0Fu;
  return (x * 0x01010101u) >> 24;
}

/* to[0..n) = from[0..n), in moves of 16 bytes: up to 15 bytes after
 * to + n are written over, and from + n + 15 must be readable. */
static inline char *copy_run(char *to, const unsigned char *from, size_t n) {
  for (size_t i = 0; i < n; i += WS_SCAN_BLOCK) {
    memcpy(to + i, from + i, WS_SCAN_BLOCK);
  }
  return to + n;
}

/* The masks of both blocks of the copy as one of 32 bits. */
typedef struct short_masks {
  uint32_t high;
  uint32_t odd;
  uint32_t lead;
  uint32_t cont;
  uint32_t four; /* leads of four bytes */
} short_masks;

/* Reads the copy t of n bytes; false when it is not UTF-8 in structure
 * (a lead without its continuation bytes, or one of those alone). */
static inline bool read_copy(const unsigned char *t, size_t n,
                             short_masks *sm) {
  block_masks a = read_masks(t);
  uint32_t valid = (uint32_t)((UINT64_C(1) << n) - 1);
  uint64_t three = a.three;
  uint64_t four = 0;
  sm->high = a.high;
  sm->odd = a.odd;
  sm->lead = a.lead;
  if (n > WS_SCAN_BLOCK) { /* the second block holds text too */
    block_masks b = read_masks(t + WS_SCAN_BLOCK);
    sm->high |= (uint32_t)b.high << WS_SCAN_BLOCK;
    sm->odd |= (uint32_t)b.odd << WS_SCAN_BLOCK;
    sm->lead |= (uint32_t)b.lead << WS_SCAN_BLOCK;
    three |= (uint64_t)b.three << WS_SCAN_BLOCK;
    if (b.three != 0) {
      four = (uint64_t)four_of(&b) << WS_SCAN_BLOCK;
    }
  }
  sm->odd &= valid;
  sm->cont = sm->high & ~sm->lead;
  sm->four = 0;
  if (sm->high == 0) {
    return true;
  }
  /* Every lead owes the byte after it a continuation, those of three or
   * four bytes the second after, those of four the third after; a
   * sequence the end cuts short is owed bytes by the zeros after it, or
   * past bit 31. */
  if (a.three != 0) {
    four |= four_of(&a);
  }
  uint64_t owed = (uint64_t)sm->lead << 1 | three << 2 | four << 3;
  sm->four = (uint32_t)four;
  return owed == sm->cont;
}

/* The quote repr picks: ' unless the text holds ' and no ". The quotes
 * are among the odd ASCII. */
static inline char quote_of(const unsigned char *t, uint32_t odd) {
  bool squote = false;
  bool dquote = false;
  for (; odd != 0; odd &= odd - 1) {
    unsigned c = t[low_bit(odd)];
    squote |= c == '\'';
    dquote |= c == '"';
  }
  return squote && !dquote ? '"' : '\'';
}

size_t ws_repr_short(ws_buf *b, const char *s, size_t n, size_t budget) {
  if (n > WS_REPR_SHORT_MAX || b->status != WS_OK || b->measuring ||
      b->cap - b->len < WIDEST * n + 2 + WS_SCAN_BLOCK) {
    return 0;
  }
  unsigned char t[COPY_ROOM];
  memset(t, 0, sizeof t);
  if (n >= 4) {
    ws_copy_short((char *)t, s, n);
  } else {
    for (size_t k = 0; k < n; k++) {
      t[k] = (unsigned char)s[k];
    }
  }
  short_masks sm;
  if (!read_copy(t, n, &sm)) {
    return 0; /* the scan reports it */
  }
  size_t columns = n - count_bits32(sm.cont) + 2;
  if (columns > budget) {
    return SIZE_MAX; /* escapes only add to it */
  }
  char quote = quote_of(t, sm.odd);
  char *out = b->data + b->len;
  *out++ = quote;
  size_t run = 0; /* the text from here on is not written yet */
  uint32_t rare = sm.odd | not_plain(t, sm.lead);
  if ((rare & sm.four) != 0) {
    rare &= ~plain_fours(t, rare & sm.four);
  }
  for (; rare != 0; rare &= rare - 1) {
    size_t k = low_bit(rare);
    uint32_t cp = t[k];
    size_t len = 1;
    if (cp < 0x80) {
      if (cp == '"' || (cp == '\'' && quote != '\'')) {
        continue; /* the quote repr did not pick, as it is */
      }
    } else {
      len = ws_utf8_next_fast(t + k, n - k, &cp);
      if (len == 0) {
        return 0; /* overlong, a surrogate, out of range: the scan says */
      }
      if (ws_uni_isprintable(cp)) {
        continue; /* from U+20000 up */
      }
    }
    out = copy_run(out, t + run, k - run);
    size_t escape = ws_repr_escape(cp, out);
    out += escape;
    columns += escape - 1;
    run = k + len;
  }
  out = copy_run(out, t + run, n - run);
  *out++ = quote;
  if (columns > budget) {
    return SIZE_MAX; /* what went past b->len is not kept */
  }
  b->len = (size_t)(out - b->data);
  return columns;
}
