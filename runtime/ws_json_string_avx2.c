/* ws_json_string_avx2.c - the JSON string reader's block scanner for CPUs
 * with AVX2 (ws_json_string.c has the rest, and chooses this where the CPU
 * has AVX2: ws_utf8_simd_level, found once when the library loads). It
 * reads as the sixteen-byte scanner does, 32 bytes a turn, and is
 * compiled for AVX2 by target attributes (kept out of every header a user
 * sees), so the shuffle form of the UTF-8 check (internal/ws_utf8_block.h)
 * is inline here, where the sixteen-byte scanner makes a call for each
 * block of non-ASCII text. A block is checked once, whatever it holds:
 * the text between its escapes is copied from the source, the escapes
 * decoded, and the check of the block, which reads source bytes, stays
 * good across them (an escape is ASCII). Like the sixteen-byte scanner,
 * it takes valid strings only, and hands a string with anything wrong in
 * it but a bad escape to the exact scanner, which words the error. */
#include "internal/ws_json_str.h"
#include "internal/ws_json_string_parts.h"

#include "ws_utf8.h"

#include "internal/ws_bits.h"
#include "internal/ws_inline.h"

#if defined(WS_UTF8_SHUFFLE)

#define LOAD32(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define STORE32(p, v) _mm256_storeu_si256((__m256i *)(void *)(p), v)

/* Bit i set where byte i of v ends a run of text: a control byte, '"' or
 * '\\' (the bytes from 0x80 up are the sign bits, _mm256_movemask_epi8).
 * The bytes compared with are loaded where they are used, from a table
 * the compiler cannot see into (ws_json_string.c): made from immediates,
 * they would be kept on the stack across the calls the scanner makes, at
 * a cost each call. */
#define STOP_BYTES(i) LOAD32(ws_json_stop_bytes[i])

WS_TARGET_AVX2 static inline uint32_t block_stops32(__m256i v) {
  __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(v, STOP_BYTES(0)), v);
  __m256i quote = _mm256_cmpeq_epi8(v, STOP_BYTES(1));
  __m256i backslash = _mm256_cmpeq_epi8(v, STOP_BYTES(2));
  return (uint32_t)_mm256_movemask_epi8(
      _mm256_or_si256(control, _mm256_or_si256(quote, backslash)));
}

/* Bit i set where byte i of v shows a UTF-8 rule broken, looking back into
 * prev (the 32 bytes before v; zero when what came before is ASCII). */
WS_TARGET_AVX2 static inline uint32_t block_utf8_errors32(__m256i v,
                                                          __m256i prev) {
  const ws_utf8_shuffle_k k = ws_utf8_shuffle_consts();
  __m256i errors = ws_utf8_shuffle_errors32(&k, v, WS_UTF8_PREV32(v, prev, 1),
                                            WS_UTF8_PREV32(v, prev, 2),
                                            WS_UTF8_PREV32(v, prev, 3));
  return ~(uint32_t)_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(errors, _mm256_setzero_si256()));
}

/* Copies the len < 32 bytes at src, text before a stop, to dst: one 32-byte
 * move where 32 bytes of input are left at src (out has room for as much:
 * ws_jr_scan_string_into), else moves of the length (after an escape near
 * the end). */
WS_TARGET_AVX2 static inline void copy_text32(char *dst,
                                              const unsigned char *src,
                                              size_t len,
                                              const unsigned char *end) {
  if (end - src >= 32) {
    STORE32(dst, LOAD32(src));
  } else if (len >= 16) {
    memcpy(dst, src, 16);
    memcpy(dst + len - 16, src + len - 16, 16);
  } else {
    ws_jr_copy_short(dst, src, len);
  }
}

/* What the escapes of one character decode to, by the byte after the
 * backslash; 0 for \u and for bytes that make no escape. */
static const char short_escapes[256] = {
    ['"'] = '"',  ['\\'] = '\\', ['/'] = '/',  ['b'] = '\b',
    ['f'] = '\f', ['n'] = '\n',  ['r'] = '\r', ['t'] = '\t'};

/* The escape at p, a backslash and at least one byte more, decoded into
 * out at *n: the one-character escapes and a \u of one code point here,
 * the rest (a surrogate pair) and every error by ws_jr_decode_escape. The
 * source bytes used, or 0 after an error. */
static inline size_t unescape(ws_reader *r, const unsigned char *p, char *out,
                              size_t *n) {
  char c = short_escapes[p[1]];
  if (c != 0) {
    if (out) {
      out[*n] = c;
    }
    (*n)++;
    return 2;
  }
  uint32_t cp;
  if (ws_jr_read_hex4((const char *)p, r->end, &cp) &&
      (cp < 0xD800 || cp > 0xDFFF)) {
    char counted[4]; /* without out, the length still counts */
    *n += ws_utf8_encode(cp, out ? out + *n : counted);
    return 6;
  }
  return ws_jr_decode_escape(r, (const char *)p, out, n);
}

/* ws_jr_scan_blocks16, 32 bytes a turn: a block of text without a stop is checked
 * and copied whole; a block with stops is checked once, and its stops
 * taken in turn (`next` is where its text resumes after an escape). */
WS_TARGET_AVX2 WS_ALWAYS_INLINE ws_status scan_avx2(ws_reader *r,
                                                    const unsigned char *p,
                                                    size_t n, char *out,
                                                    size_t *out_len,
                                                    const unsigned char *end) {
  __m256i prev = _mm256_setzero_si256(); /* none, or ASCII */
  uint32_t unfinished = 0; /* prev's last three bytes hold a byte >= 0x80 */
  for (;;) {
    size_t avail = (size_t)(end - p);
    if (avail < 32) {
      /* The last bytes, sixteen at a time; that scanner takes a string from
       * after ASCII only. */
      if (unfinished != 0) {
        break;
      }
      return ws_jr_scan_blocks16(r, p, n, out, out_len, end);
    }
    __m256i v = LOAD32(p);
    uint32_t stop = block_stops32(v);
    uint32_t high = (uint32_t)_mm256_movemask_epi8(v);
    uint32_t errors = 0;
    if ((high | unfinished) != 0) {
      errors = block_utf8_errors32(v, prev);
    }
    if (stop == 0) { /* 32 bytes of text */
      if (errors != 0) {
        break;
      }
      if (out) {
        STORE32(out + n, v);
      }
      n += 32;
      p += 32;
      prev = v;
      unfinished = high >> 29;
      continue;
    }
    size_t next = 0;
    for (;;) {
      size_t lim = ws_lowest_bit(stop);
      /* Bytes up to lim: the text and the byte that ends it, which must
       * not be owed to a sequence. */
      if (errors & (uint32_t)((UINT64_C(2) << lim) - 1)) {
        goto exact;
      }
      if (out) {
        copy_text32(out + n, p + next, lim - next, end);
      }
      n += lim - next;
      if (p[lim] == '"') {
        return ws_jr_string_done(r, p + lim, out, n, out_len);
      }
      if (p[lim] != '\\') {
        goto exact; /* a control byte */
      }
      size_t decoded = n; /* n itself stays in a register */
      size_t used =
          lim + 1 < avail
              ? unescape(r, p + lim, out, &decoded)
              : ws_jr_decode_escape(r, (const char *)(p + lim), out, &decoded);
      if (!used) {
        return r->status;
      }
      n = decoded;
      next = lim + used;
      if (next >= 32) {
        break; /* the escape ends the block, or goes past it */
      }
      stop &= ~UINT32_C(0) << next;
      if (stop == 0) { /* the block's last text */
        if (errors != 0) {
          goto exact;
        }
        if (out) {
          copy_text32(out + n, p + next, 32 - next, end);
        }
        break;
      }
    }
    if (next < 32) { /* the block is done: on to the next */
      n += 32 - next;
      p += 32;
      prev = LOAD32(p - 32); /* from memory: v is not kept across calls */
      unfinished = high >> 29;
      continue;
    }
    p += next;
    if (p > end) {
      break; /* an escape across a window's end: the window ends first */
    }
    prev = _mm256_setzero_si256(); /* the escape is ASCII */
    unfinished = 0;
  }
exact:
  if (end != ubytes(r->end)) {
    return WS_EFULL; /* the window ends first: out may be too small */
  }
  return ws_jr_scan_exact(r, out, out_len);
}

WS_TARGET_AVX2 ws_status ws_jr_scan_blocks32(ws_reader *r,
                                             const unsigned char *p, size_t n,
                                             char *out, size_t *out_len,
                                             const unsigned char *end) {
  return scan_avx2(r, p, n, out, out_len, end);
}

/* The usual string, plain ASCII up to its quote within the 32 bytes at
 * start (32 bytes of input there, and room for them at out), as
 * scan_avx2 reads it but in fewer steps; false, nothing done, for any
 * other. */
WS_TARGET_AVX2 static inline bool scan_plain32(ws_reader *r,
                                               const unsigned char *start,
                                               char *out, size_t *out_len) {
  __m256i v = LOAD32(start);
  uint32_t stop = block_stops32(v);
  if (stop == 0) {
    return false;
  }
  size_t lim = ws_lowest_bit(stop);
  uint32_t before = (uint32_t)((UINT64_C(1) << lim) - 1);
  if (start[lim] != '"' || ((uint32_t)_mm256_movemask_epi8(v) & before)) {
    return false;
  }
  STORE32(out, v);
  ws_jr_string_done(r, start + lim, out, lim, out_len);
  return true;
}

/* Most strings read as text, and nearly all that are not plain ASCII,
 * come this way: scan_avx2 is inline here. */
WS_TARGET_AVX2 ws_status ws_jr_read_text32(ws_reader *r, char **text,
                                           size_t *len) {
  size_t cap;
  char *room = ws_pool_text_room(&r->pool, &cap);
  if (room == NULL) {
    return ws_jr_no_text_room(r, cap);
  }
  const unsigned char *start = ubytes(r->p) + 1, *end = ubytes(r->end);
  size_t avail = (size_t)(end - start);
  ws_status st;
  if (cap < avail) {
    st = ws_jr_scan_string_into(r, room, cap, len);
  } else if (avail >= 32 && scan_plain32(r, start, room, len)) {
    st = WS_OK;
  } else {
    st = scan_avx2(r, start, 0, room, len, end);
  }
  return ws_jr_text_read(r, room, cap, st, text, len);
}

#endif
