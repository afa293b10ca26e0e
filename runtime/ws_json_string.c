/* ws_json_string.c - JSON strings: checked, unescaped and copied.
 *
 * Two scanners read a string. The block scanner takes sixteen bytes at a
 * time: one test passes a block of plain ASCII, and a block with other
 * UTF-8 in it is checked whole with SSE2 (internal/ws_utf8_block.h)
 * rather than a sequence at a time; escapes are decoded as they come.
 * Where the CPU has AVX2 it takes 32 bytes at a time instead
 * (ws_json_string_avx2.c, chosen here). It handles valid strings only.
 * When anything is wrong
 * (invalid UTF-8, a control byte, the input ends) it hands the string to
 * the exact scanner, which goes run by run and sequence by sequence and
 * words every error, so each error has one wording and one position
 * whichever scanner met it first. A bad escape is the exception: the block
 * scanner has checked everything before it, so it is the first error, and
 * both scanners report it through ws_jr_decode_escape. */
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ws_utf8.h"

#include "internal/ws_bits.h"
#include "internal/ws_inline.h"
#include "internal/ws_json_string_parts.h"

/* ---- the exact scanner --------------------------------------------------- */

/* Bytes a string copies as they are: printable ASCII but '"' and '\\'. */
static inline bool is_plain(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

#if defined(__SSE2__)
/* Length of the run of plain bytes at p, sixteen at a time: one signed
 * compare against 0x20 catches both control bytes and bytes >= 0x80 (which
 * are negative as signed), two equality tests catch '"' and '\\'. */
static size_t plain_run(const unsigned char *p, const unsigned char *end) {
  const unsigned char *q = p;
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  while (end - q >= 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
    __m128i stop = _mm_or_si128(
        _mm_cmplt_epi8(v, space),
        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
    unsigned mask = (unsigned)_mm_movemask_epi8(stop);
    if (mask != 0) {
      return (size_t)(q - p) + ws_lowest_bit(mask);
    }
    q += 16;
  }
  while (q < end && is_plain(*q)) {
    q++;
  }
  return (size_t)(q - p);
}
#else
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* True when some byte of w is zero (the classic borrow test: exact about
 * whether, though not about where). */
static inline bool has_zero_byte(uint64_t w) {
  return ((w - ONES) & ~w & HIGHS) != 0;
}

/* True when some byte of w is not plain: below 0x20, at or above 0x80, or a
 * quote or backslash. */
static inline bool has_stop_byte(uint64_t w) {
  bool low_or_high = (((w - ONES * 0x20) | w) & HIGHS) != 0;
  return low_or_high || has_zero_byte(w ^ (ONES * '"')) ||
         has_zero_byte(w ^ (ONES * '\\'));
}

/* Length of the run of plain bytes at p, eight at a time; the word that
 * holds a stop is finished byte by byte, which also keeps this independent
 * of byte order. */
static size_t plain_run(const unsigned char *p, const unsigned char *end) {
  const unsigned char *q = p;
  while (end - q >= 8) {
    uint64_t w;
    memcpy(&w, q, sizeof w);
    if (has_stop_byte(w)) {
      break;
    }
    q += 8;
  }
  while (q < end && is_plain(*q)) {
    q++;
  }
  return (size_t)(q - p);
}
#endif

const unsigned char ws_jr_hex_digits[256] = {
    ['0'] = 0x10, ['1'] = 0x11, ['2'] = 0x12, ['3'] = 0x13, ['4'] = 0x14,
    ['5'] = 0x15, ['6'] = 0x16, ['7'] = 0x17, ['8'] = 0x18, ['9'] = 0x19,
    ['a'] = 0x1A, ['b'] = 0x1B, ['c'] = 0x1C, ['d'] = 0x1D, ['e'] = 0x1E,
    ['f'] = 0x1F, ['A'] = 0x1A, ['B'] = 0x1B, ['C'] = 0x1C, ['D'] = 0x1D,
    ['E'] = 0x1E, ['F'] = 0x1F};

/* A \u escape at p, joining a surrogate pair into one code point. Returns
 * the source bytes used, or 0 after recording an error. */
static size_t decode_u_escape(ws_reader *r, const char *p, uint32_t *cp) {
  uint32_t hi;
  if (!ws_jr_read_hex4(p, r->end, &hi)) {
    ws_jr_fail(r, WS_ESYNTAX, p, "expected 4 hex digits after \\u in a string");
    return 0;
  }
  if (hi < 0xD800 || hi > 0xDFFF) {
    *cp = hi;
    return 6;
  }
  uint32_t lo;
  if (hi <= 0xDBFF && ws_jr_read_hex4(p + 6, r->end, &lo) && lo >= 0xDC00 &&
      lo <= 0xDFFF) {
    *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
    return 12;
  }
  ws_jr_fail(r, WS_EUTF8, p, "lone surrogate escape \\u%04x", (unsigned)hi);
  return 0;
}

/* One escape at p (the backslash): appends its UTF-8 to out (when not
 * NULL) and returns the source bytes used, or 0 after an error. */
size_t ws_jr_decode_escape(ws_reader *r, const char *p, char *out, size_t *n) {
  if (r->end - p < 2) {
    ws_jr_fail(r, WS_ESYNTAX, p,
               "unexpected end of input, expected '\"' to end the string");
    return 0;
  }
  char c;
  switch (p[1]) {
  case '"':
  case '\\':
  case '/':
    c = p[1];
    break;
  case 'b':
    c = '\b';
    break;
  case 'f':
    c = '\f';
    break;
  case 'n':
    c = '\n';
    break;
  case 'r':
    c = '\r';
    break;
  case 't':
    c = '\t';
    break;
  case 'u': {
    uint32_t cp = 0;
    size_t used = decode_u_escape(r, p, &cp);
    if (used) {
      char counted[4]; /* without out, the length still counts */
      *n += ws_utf8_encode(cp, out ? out + *n : counted);
    }
    return used;
  }
  default: {
    unsigned char e = ubytes(p)[1];
    if (e >= 0x21 && e < 0x7F) {
      ws_jr_fail(r, WS_ESYNTAX, p, "invalid escape \\%c in a string", e);
    } else {
      ws_jr_fail(r, WS_ESYNTAX, p,
                 "invalid escape: byte 0x%02x after \\ in a string", e);
    }
    return 0;
  }
  }
  if (out) {
    out[*n] = c;
  }
  (*n)++;
  return 2;
}

/* Decodes and checks the string at r->p (its opening quote), writing the
 * text and a NUL to out (room for the source length plus one) or, when out
 * is NULL, only checking it and counting its decoded length. Leaves r->p
 * after the closing quote. Runs of plain ASCII and of valid multi-byte
 * UTF-8 are found a run at a time and copied with one memcpy each.
 * This is the scanner that words every error: the block scanner below
 * hands it any string it cannot take whole. */
ws_status ws_jr_scan_exact(ws_reader *r, char *out, size_t *out_len) {
  const char *start = r->p;
  const unsigned char *p = ubytes(r->p) + 1, *end = ubytes(r->end);
  size_t n = 0;
  for (;;) {
    size_t run = plain_run(p, end);
    if (p + run < end && p[run] >= 0x80) {
      run +=
          ws_utf8_multibyte_run((const char *)p + run, (size_t)(end - p) - run);
    }
    if (out) {
      memcpy(out + n, p, run);
    }
    n += run;
    p += run;
    if (p == end) {
      return ws_jr_fail(
          r, WS_ESYNTAX, start,
          "unexpected end of input, expected '\"' to end the string");
    }
    if (*p == '"') {
      break;
    }
    if (*p == '\\') {
      size_t used = ws_jr_decode_escape(r, (const char *)p, out, &n);
      if (!used) {
        return r->status;
      }
      p += used;
    } else if (*p < 0x20) {
      return ws_jr_fail(r, WS_ESYNTAX, (const char *)p,
                        "unescaped control character 0x%02x in a string", *p);
    } else if (*p >= 0x80) {
      return ws_jr_fail(r, WS_EUTF8, (const char *)p,
                        "invalid UTF-8 byte 0x%02x", *p);
    } /* else a plain byte after a multi-byte run: the next run takes it */
  }
  if (out) {
    out[n] = '\0';
  }
  if (out_len) {
    *out_len = n;
  }
  r->p = (const char *)p + 1;
  return WS_OK;
}

/* ---- the block scanner --------------------------------------------------- */

#if defined(__SSE2__)
/* Sixteen bytes of the string and what follows it. */
typedef __m128i block;

static inline block block_load(const unsigned char *p) {
  return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline uint32_t byte_mask(__m128i m) {
  return (uint32_t)_mm_movemask_epi8(m);
}

/* Bit i set when byte i is not plain: a control byte, '"', '\\' or a byte
 * from 0x80 up. One signed compare against 0x20 catches the control bytes
 * and the high ones (negative as signed). */
static inline uint32_t block_specials(block v) {
  __m128i low_or_high = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
  __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return byte_mask(_mm_or_si128(low_or_high, _mm_or_si128(quote, backslash)));
}

static inline uint32_t block_backslashes(block v) {
  return byte_mask(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
}
#else
/* Sixteen bytes of the string and what follows it. */
typedef struct block {
  unsigned char b[16];
} block;

static inline block block_load(const unsigned char *p) {
  block v;
  memcpy(v.b, p, sizeof v.b);
  return v;
}

static inline uint32_t block_specials(block v) {
  uint64_t w0, w1;
  memcpy(&w0, v.b, 8);
  memcpy(&w1, v.b + 8, 8);
  if (!has_stop_byte(w0) && !has_stop_byte(w1)) {
    return 0; /* the usual block: one test a word */
  }
  uint32_t m = 0;
  for (unsigned i = 0; i < 16; i++) {
    m |= (uint32_t)!is_plain(v.b[i]) << i;
  }
  return m;
}

static inline uint32_t block_backslashes(block v) {
  uint32_t m = 0;
  for (unsigned i = 0; i < 16; i++) {
    m |= (uint32_t)(v.b[i] == '\\') << i;
  }
  return m;
}
#endif

#if defined(__SSE2__)
/* The block at p, of which only avail bytes are input when avail < 16:
 * those are copied and the rest reads as NUL bytes, control bytes that
 * stop the scan there. */
static inline block load_at(const unsigned char *p, size_t avail) {
  if (avail >= 16) {
    return block_load(p);
  }
  unsigned char last[16] = {0};
  memcpy(last, p, avail);
  return block_load(last);
}

/* The rest of a string from p, n bytes decoded into out already, the
 * three before p ASCII: any block, with UTF-8 to check (ws_utf8_block.h) or
 * escapes to decode. The exact scanner takes the whole string over when
 * something is wrong that is not an escape. The scan stops at end, the
 * input's or a window's (ws_jr_scan_string_into). */
WS_NOINLINE ws_status ws_jr_scan_blocks16(ws_reader *r, const unsigned char *p,
                                          size_t n, char *out, size_t *out_len,
                                          const unsigned char *end) {
  __m128i prev = _mm_setzero_si128(); /* the block before: none, or ASCII */
  uint32_t unfinished = 0; /* prev's last three bytes hold a byte >= 0x80 */
  for (;;) {
    size_t avail = (size_t)(end - p);
    block v = load_at(p, avail);
    uint32_t specials = block_specials(v);
    if ((specials | unfinished) == 0) { /* sixteen plain bytes */
      if (out) {
        memcpy(out + n, p, 16);
      }
      n += 16;
      p += 16;
      prev = v;
      continue;
    }
    uint32_t high = byte_mask(v);
    uint32_t stop = specials & ~high;
    if (stop == 0) {
      /* Sixteen bytes of text, some of them UTF-8, the usual block of a
       * non-ASCII string. (Bytes past the input read as NUL, a stop, so
       * all sixteen are input.) */
      if (ws_utf8_block_errors(v, prev) != 0) {
        break;
      }
      if (out) {
        memcpy(out + n, p, 16);
      }
      n += 16;
      p += 16;
      prev = v;
      unfinished = high >> 13;
      continue;
    }
    size_t lim = ws_lowest_bit(stop); /* the bytes before */
    if (lim >= avail) {
      break; /* the input ends inside the string */
    }
    /* Bytes 0..lim: the text and the byte that ends it, which must not be
     * owed to a sequence. */
    uint32_t upto_stop = (UINT32_C(2) << lim) - 1;
    if ((high & upto_stop) | unfinished) {
      if (ws_utf8_block_errors(v, prev) & upto_stop) {
        break;
      }
    }
    if (out) {
      ws_jr_copy_short(out + n, p, lim);
    }
    n += lim;
    p += lim;
    if (*p == '"') {
      return ws_jr_string_done(r, p, out, n, out_len);
    }
    if (*p != '\\') {
      break; /* a control byte */
    }
    size_t decoded = n; /* n itself stays in a register */
    size_t used = ws_jr_decode_escape(r, (const char *)p, out, &decoded);
    if (!used) {
      return r->status;
    }
    n = decoded;
    p += used;
    if (p > end) {
      break; /* an escape across a window's end: the window ends first */
    }
    prev = _mm_setzero_si128(); /* the escape is ASCII */
    unfinished = 0;
  }
  if (end != ubytes(r->end)) {
    return WS_EFULL; /* the window ends first: out may be too small */
  }
  return ws_jr_scan_exact(r, out, out_len);
}
#else
/* Without SSE2, a string that is not plain ASCII up to its quote is read a
 * run and a sequence at a time. */
ws_status ws_jr_scan_blocks16(ws_reader *r, const unsigned char *p, size_t n,
                              char *out, size_t *out_len,
                              const unsigned char *end) {
  (void)p;
  (void)n;
  if (end != ubytes(r->end)) {
    return WS_EFULL;
  }
  return ws_jr_scan_exact(r, out, out_len);
}
#endif

/* The rest of a string that is not plain ASCII: with AVX2 where the CPU
 * has it, else sixteen bytes a turn. */
static inline ws_status scan_rest(ws_reader *r, const unsigned char *p,
                                  size_t n, char *out, size_t *out_len,
                                  const unsigned char *end) {
#if defined(WS_UTF8_SHUFFLE)
  if (ws_utf8_simd_level() == WS_UTF8_SIMD_AVX2) {
    return ws_jr_scan_blocks32(r, p, n, out, out_len, end);
  }
#endif
  return ws_jr_scan_blocks16(r, p, n, out, out_len, end);
}

/* The string at r->p as ws_jr_scan_exact reads it, sixteen bytes at a
 * time, up to end (the input's, or a window's). Most strings are plain
 * ASCII: their blocks take one test each, here, and only a string with
 * something else in it goes on to scan_rest. */
WS_ALWAYS_INLINE ws_status scan_string(ws_reader *r, char *out,
                                       size_t *out_len,
                                       const unsigned char *end) {
  const unsigned char *start = ubytes(r->p) + 1;
  const unsigned char *p = start;
  while (end - p >= 16) {
    block v = block_load(p);
    uint32_t specials = block_specials(v);
    if (specials == 0) {
      if (out) {
        memcpy(out + (p - start), p, 16);
      }
      p += 16;
      continue;
    }
    size_t lim = ws_lowest_bit(specials);
    if (p[lim] != '"') {
      break;
    }
    if (out) {
      ws_jr_copy_short(out + (p - start), p, lim);
    }
    return ws_jr_string_done(r, p + lim, out, (size_t)(p - start) + lim,
                             out_len);
  }
  return scan_rest(r, p, (size_t)(p - start), out, out_len, end);
}

bool ws_jr_scan_plain_string(ws_reader *r, char *out, size_t cap,
                             size_t *out_len) {
  const unsigned char *start = ubytes(r->p) + 1, *end = ubytes(r->end);
  const unsigned char *p = start;
  /* Each block is stored whole, so only while sixteen more bytes and the
   * NUL fit. */
  while (end - p >= 16 && (size_t)(p - start) + 16 < cap) {
    block v = block_load(p);
    uint32_t specials = block_specials(v);
    memcpy(out + (p - start), p, 16);
    if (specials == 0) {
      p += 16;
      continue;
    }
    size_t lim = ws_lowest_bit(specials);
    if (p[lim] != '"') {
      return false;
    }
    ws_jr_string_done(r, p + lim, out, (size_t)(p - start) + lim, out_len);
    return true;
  }
  return false;
}

/* The decoded text of a string checked already, [p, end) between its
 * quotes, and a NUL, into out: the runs between escapes copied a block at
 * a time, the escapes decoded (they are known to be good). */
static void unescape_checked(ws_reader *r, const char *p, const char *end,
                             char *out) {
  size_t n = 0;
  for (;;) {
    size_t left = (size_t)(end - p);
    size_t run = left;
    if (left >= 16) {
      uint32_t bs = block_backslashes(block_load(ubytes(p)));
      if (bs == 0) {
        memcpy(out + n, p, 16); /* 16 bytes without escape: 16 decoded */
        n += 16;
        p += 16;
        continue;
      }
      run = ws_lowest_bit(bs);
    } else {
      const char *bs = memchr(p, '\\', left);
      run = bs ? (size_t)(bs - p) : left;
    }
    ws_jr_copy_short(out + n, ubytes(p), run);
    n += run;
    p += run;
    if (p == end) {
      break;
    }
    p += ws_jr_decode_escape(r, p, out, &n);
  }
  out[n] = '\0';
}

/* Writes the decoded text of a checked string and a NUL to out (s->len + 1
 * bytes): a plain copy of the source unless it has escapes. */
static void copy_string(ws_reader *r, const str_span *s, char *out) {
  if (!has_escape(s)) {
    memcpy(out, s->at + 1, s->len);
    out[s->len] = '\0';
    return;
  }
  unescape_checked(r, s->at + 1, s->at + 1 + s->raw_len, out);
}

ws_status ws_jr_scan_string(ws_reader *r, char *out, size_t *out_len) {
  return scan_string(r, out, out_len, ubytes(r->end));
}

/* Bytes of the window's slack: an escape that starts inside it reads up
 * to 12 bytes and writes up to 4, and the NUL follows. */
#define WINDOW_SLACK 16

/* A string is decoded into out as it is checked, so out must hold it
 * before its length is known. Its text is never longer than the input
 * left, so when out can hold that the scan is the usual one. Else it
 * scans only the source bytes that out can surely hold, and a string that
 * does not end by then (or needs the exact scanner) is left unread. */
ws_status ws_jr_scan_string_into(ws_reader *r, char *out, size_t cap,
                                 size_t *out_len) {
  const unsigned char *start = ubytes(r->p) + 1, *end = ubytes(r->end);
  if (cap >= (size_t)(end - start)) {
    return scan_string(r, out, out_len, end);
  }
  if (cap <= WINDOW_SLACK) {
    return WS_EFULL;
  }
  return scan_string(r, out, out_len, start + (cap - WINDOW_SLACK));
}

void ws_jr_copy_string(ws_reader *r, const str_span *s, char *out) {
  copy_string(r, s, out);
}

ws_status ws_jr_no_text_room(ws_reader *r, size_t cap) {
  return cap == SIZE_MAX ? ws_jr_fail(r, WS_ENOMEM, r->p, "out of memory")
                         : WS_EFULL;
}

/* ws_jr_read_text sixteen bytes a turn (scan_string), out of line so that
 * ws_jr_read_text itself is a test and a jump. */
WS_NOINLINE static ws_status read_text16(ws_reader *r, char **text,
                                         size_t *len) {
  size_t cap;
  char *room = ws_pool_text_room(&r->pool, &cap);
  if (room == NULL) {
    return ws_jr_no_text_room(r, cap);
  }
  const unsigned char *start = ubytes(r->p) + 1, *end = ubytes(r->end);
  ws_status st;
  if (cap >= (size_t)(end - start)) { /* the usual case, as above */
    st = scan_string(r, room, len, end);
  } else {
    st = ws_jr_scan_string_into(r, room, cap, len);
  }
  return ws_jr_text_read(r, room, cap, st, text, len);
}

ws_status ws_jr_read_text(ws_reader *r, char **text, size_t *len) {
#if defined(WS_UTF8_SHUFFLE)
  if (ws_utf8_simd_level() == WS_UTF8_SIMD_AVX2) {
    return ws_jr_read_text32(r, text, len);
  }
#endif
  return read_text16(r, text, len);
}
