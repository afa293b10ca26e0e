/* ws_repr_scan.c - one reading of a str for pprint: its columns, its
 * quotes, and the characters repr escapes or quotes and the white space
 * other than the space (see ws_repr_scan.h).
 *
 * The text is read 32 bytes at a time, then 16 (a block: one vector where
 * SSE2 is there), and a text too short for a block a character at a time.
 * A block of plain ASCII (the space included) costs a few vector
 * operations; in any other, each character that is not plain ASCII is
 * looked at alone: a character of two or three bytes by one table look-up
 * on its bytes (see ws_uni_plain.h), which answers for nearly all text in
 * any script, and everything else (four bytes, escapes, quotes), in order,
 * through take_other and take_ascii. A column is a code point, so the
 * columns are the bytes less the continuation bytes, plus what each
 * special adds. The UTF-8 structure (each lead followed by its
 * continuation bytes, no other continuation bytes) is checked a block at a
 * time; the table has no bits for overlong forms and surrogates, so those
 * reach take_other, whose decoder refuses them. */
#include "internal/ws_repr_scan.h"

#include <string.h>

#include "ws_repr.h"
#include "ws_utf8.h"

#include "internal/ws_copy.h"
#include "internal/ws_scan_block.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "internal/ws_inline.h"

enum {
  BLOCK = 16,
  /* The table look-up reads four bytes from a lead: blocks are read in
   * place while three bytes follow them, the rest from a copy. */
  LOOK_AHEAD = 3,
  TAIL_ROOM = 3 * BLOCK
};

/* What the rare characters' records need: the text, the table, and what
 * the specials so far add to the columns. */
typedef struct scan_state {
  ws_str_scan *sc;
  const unsigned char *u;
  size_t len;
  uint32_t extra; /* columns the specials take beyond one each */
} scan_state;

/* What the blocks carry from one to the next (kept apart from scan_state,
 * whose address the rare path takes, so that it stays in registers). */
typedef struct block_run {
  uint32_t owed;  /* bits of the continuation bytes owed past the block */
  uint32_t conts; /* continuation bytes before the block (but those in
                     lanes) */
#if defined(__SSE2__)
  /* Continuation bytes by lane, added a block at a time and moved into
   * conts before a lane can overflow. */
  __m128i lanes;
  unsigned lanes_room;
#endif
} block_run;

#if defined(__SSE2__)
static inline void run_start(block_run *run) {
  run->owed = 0;
  run->conts = 0;
  run->lanes = _mm_setzero_si128();
  run->lanes_room = 255;
}

static inline void flush_lanes(block_run *run) {
  __m128i sums = _mm_sad_epu8(run->lanes, _mm_setzero_si128());
  run->conts += (uint32_t)_mm_cvtsi128_si32(sums) +
                (uint32_t)_mm_extract_epi16(sums, 4);
  run->lanes = _mm_setzero_si128();
  run->lanes_room = 255;
}

/* Counts the block's continuation bytes. */
WS_ALWAYS_INLINE void count_conts(block_run *run, const block_masks *m) {
  run->lanes = _mm_sub_epi8(run->lanes, m->conts);
  if (--run->lanes_room == 0) {
    flush_lanes(run);
  }
}
#else
static inline void run_start(block_run *run) {
  run->owed = 0;
  run->conts = 0;
}

static inline void flush_lanes(block_run *run) {
  (void)run;
}

/* Set bits of a 16-bit mask. */
static inline uint32_t count_bits(unsigned x) {
  x -= (x >> 1) & 0x5555u;
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0F0Fu;
  return (x + (x >> 8)) & 0x1Fu;
}

WS_ALWAYS_INLINE void count_conts(block_run *run, const block_masks *m) {
  run->conts += count_bits(m->high & ~m->lead);
}
#endif

/* Where a rare character is: its offset, the continuation bytes before
 * its block, and those of its block before it, a bit each. */
typedef struct rare_at {
  size_t at;
  uint32_t conts;
  uint32_t near;
} rare_at;

/* Records the character at r, n bytes, with its columns and flags. */
static inline bool add_special(scan_state *st, const rare_at *r, uint32_t cp,
                               size_t n, uint32_t columns, unsigned flags) {
  ws_str_scan *sc = st->sc;
  if (sc->specials == WS_SCAN_SPECIALS) {
    return false;
  }
  ws_scan_special *sp = &sc->special[sc->specials++];
  sp->at = (uint32_t)r->at;
  sp->cp = cp;
  sp->body_far = (uint32_t)r->at - r->conts + st->extra;
  sp->conts_near = r->near;
  sp->len = (uint8_t)n;
  sp->columns = (uint8_t)columns;
  sp->flags = (uint8_t)flags;
  st->extra += columns - 1;
  sc->squotes += cp == '\'';
  sc->dquotes += cp == '"';
  return true;
}

/* An ASCII character that is not plain: a control, DEL, a quote or the
 * backslash. */
static inline bool take_ascii(scan_state *st, const rare_at *r, unsigned c) {
  unsigned cls = ws_uni_ascii_class[c];
  unsigned flags = (cls & WS_UNI_SPACE ? WS_SCAN_SPACE : 0u) |
                   (cls & WS_UNI_LINEBREAK ? WS_SCAN_LINEBREAK : 0u);
  return add_special(st, r, c, 1, cls & WS_UNI_COLUMNS, flags);
}

/* Columns of a non-printable code point's escape (\xhh, \uhhhh,
 * \Uhhhhhhhh). */
static uint32_t escape_columns(uint32_t cp) {
  return cp < 0x100 ? 4 : cp < 0x10000 ? 6 : 10;
}

/* The character at u[at] that the table did not find plain: four bytes,
 * not printable, white space, or not UTF-8. */
static WS_NOINLINE ws_scan_result take_other(scan_state *st, const rare_at *r) {
  uint32_t cp;
  size_t n = ws_utf8_next_fast(st->u + r->at, st->len - r->at, &cp);
  if (n == 0) {
    return WS_SCAN_BAD_UTF8;
  }
  if (ws_uni_plain(cp)) {
    return WS_SCAN_OK; /* four bytes below U+20000: emoji */
  }
  bool printable = ws_uni_isprintable(cp);
  unsigned flags = 0;
  if (ws_uni_isspace(cp)) {
    flags = WS_SCAN_SPACE | (ws_uni_islinebreak(cp) ? WS_SCAN_LINEBREAK : 0u);
  } else if (printable) {
    return WS_SCAN_OK; /* from U+20000 up */
  }
  uint32_t columns = printable ? 1 : escape_columns(cp);
  return add_special(st, r, cp, n, columns, flags) ? WS_SCAN_OK
                                                   : WS_SCAN_FULL;
}

/* The characters of the block at p (u + base, or a copy) at the bits of
 * rare, in order: those the table did not find plain, and ASCII that is
 * not plain. before counts the continuation bytes before the block, cont
 * has the block's own. */
WS_ALWAYS_INLINE ws_scan_result take_rare(scan_state *st, const unsigned char *p,
                                size_t base, uint32_t rare, uint32_t cont,
                                uint32_t before) {
  while (rare != 0) {
    unsigned k = low_bit(rare);
    rare &= rare - 1;
    rare_at at = {base + k, before, cont & ((UINT32_C(1) << k) - 1)};
    if (p[k] < 0x80) {
      if (!take_ascii(st, &at, p[k])) {
        return WS_SCAN_FULL;
      }
      continue;
    }
    ws_scan_result r = take_other(st, &at);
    if (r != WS_SCAN_OK) {
      return r;
    }
  }
  return WS_SCAN_OK;
}

/* The block's (or pair's) characters that are not plain: the odd ASCII
 * bytes and the leads of characters repr does not print as they are (a
 * lead of four bytes found plain from its bytes is dropped), each taken
 * after the lanes' counts are flushed. */
WS_ALWAYS_INLINE ws_scan_result take_rares(scan_state *st, block_run *run,
                                           const unsigned char *p, size_t base,
                                           uint32_t odd, uint32_t lead,
                                           uint32_t four, uint32_t cont) {
  uint32_t rare = odd | not_plain(p, lead);
  if ((rare & four) != 0) {
    rare &= ~plain_fours(p, rare & four);
  }
  if (rare == 0) {
    return WS_SCAN_OK;
  }
  flush_lanes(run);
  return take_rare(st, p, base, rare, cont, run->conts);
}

/* Reads the block at p (a copy, or u + base), whose byte k is u[base + k]
 * for the bits of valid. */
WS_ALWAYS_INLINE ws_scan_result read_block(scan_state *st, block_run *run,
                                           const unsigned char *p,
                                           size_t base, unsigned valid) {
  block_masks m = read_masks(p);
  unsigned odd = m.odd & valid;
  if ((m.high | odd | run->owed) == 0) {
    return WS_SCAN_OK;
  }
  /* Every lead owes the byte after it a continuation, those of three or
   * four bytes the second after, those of four the third after: exactly
   * the continuation bytes there are. (In a copy, a sequence that the
   * text's end cuts short is owed bytes by the zeros after it.) */
  uint32_t owed = m.lead << 1 | m.three << 2 | run->owed;
  unsigned cont = m.high & ~m.lead;
  unsigned four = 0;
  /* The leads of four bytes are rare: they are looked for only where the
   * others do not account for the block, or may owe the next one. */
  if ((owed & 0xFFFFu) != cont || (m.three & 0xE000u) != 0) {
    four = four_of(&m);
    owed |= four << 3;
    if ((owed & 0xFFFFu) != cont) {
      return WS_SCAN_BAD_UTF8;
    }
  }
  run->owed = owed >> BLOCK;
  ws_scan_result r = take_rares(st, run, p, base, odd, m.lead, four, cont);
  if (r != WS_SCAN_OK) {
    return r;
  }
  count_conts(run, &m);
  return WS_SCAN_OK;
}

/* Two blocks, the 32 bytes at u + base, read as one: one test for plain
 * ASCII, one check of the structure and one walk over the leads for
 * both, with masks of 32 bits. */
WS_ALWAYS_INLINE ws_scan_result read_pair(scan_state *st, block_run *run,
                                          const unsigned char *p, size_t base,
                                          uint32_t valid) {
  block_masks a = read_masks(p);
  block_masks b = read_masks(p + BLOCK);
  uint32_t high = a.high | (uint32_t)b.high << BLOCK;
  uint32_t odd = (a.odd | (uint32_t)b.odd << BLOCK) & valid;
  if ((high | odd | run->owed) == 0) {
    return WS_SCAN_OK;
  }
  uint32_t lead = a.lead | (uint32_t)b.lead << BLOCK;
  uint32_t three = a.three | (uint32_t)b.three << BLOCK;
  uint64_t owed = (uint64_t)lead << 1 | (uint64_t)three << 2 | run->owed;
  uint32_t cont = high & ~lead;
  uint32_t four = 0;
  if ((uint32_t)owed != cont || (three & 0xE0000000u) != 0) {
    four = four_of(&a) | (uint32_t)four_of(&b) << BLOCK;
    owed |= (uint64_t)four << 3;
    if ((uint32_t)owed != cont) {
      return WS_SCAN_BAD_UTF8;
    }
  }
  run->owed = (uint32_t)(owed >> 2 * BLOCK);
  ws_scan_result r = take_rares(st, run, p, base, odd, lead, four, cont);
  if (r != WS_SCAN_OK) {
    return r;
  }
  count_conts(run, &a);
  count_conts(run, &b);
  return WS_SCAN_OK;
}

/* The last bytes, at most 2 * BLOCK, from a copy with zeros after them
 * (ASCII, and no continuation bytes): one pair, or one block. */
static ws_scan_result read_tail(scan_state *st, block_run *run, size_t at) {
  unsigned char tail[TAIL_ROOM];
  size_t rest = st->len - at;
  memset(tail, 0, sizeof tail);
  if (rest >= 4) {
    ws_copy_short((char *)tail, (const char *)st->u + at, rest);
  } else {
    for (size_t k = 0; k < rest; k++) {
      tail[k] = st->u[at + k];
    }
  }
  uint32_t valid = (uint32_t)((UINT64_C(1) << rest) - 1);
  if (rest > BLOCK) {
    return read_pair(st, run, tail, at, valid);
  }
  return read_block(st, run, tail, at, valid);
}

/* A text too short to read a block of in place (most short values): a
 * character at a time, which costs less than copying it out to read it as
 * a block. Sets *conts to its continuation bytes. */
static ws_scan_result read_short(scan_state *st, uint32_t *conts) {
  const unsigned char *u = st->u;
  uint32_t n_conts = 0;
  size_t i = 0;
  while (i < st->len) {
    unsigned c = u[i];
    if (c < 0x80) {
      if (!ws_plain_byte((unsigned char)c, WS_PLAIN_LOW)) {
        rare_at r = {i, n_conts, 0};
        if (!take_ascii(st, &r, c)) {
          return WS_SCAN_FULL;
        }
      }
      i++;
      continue;
    }
    uint32_t cp;
    size_t n = ws_utf8_next_fast(u + i, st->len - i, &cp);
    if (n == 0) {
      return WS_SCAN_BAD_UTF8;
    }
    if (!ws_uni_plain(cp)) {
      rare_at r = {i, n_conts, 0};
      ws_scan_result res = take_other(st, &r);
      if (res != WS_SCAN_OK) {
        return res;
      }
    }
    n_conts += (uint32_t)n - 1;
    i += n;
  }
  *conts = n_conts;
  return WS_SCAN_OK;
}

ws_scan_result ws_str_scan_run(ws_str_scan *sc, const char *s, size_t len) {
  scan_state st = {sc, (const unsigned char *)s, len, 0};
  block_run run;
  run_start(&run);
  sc->squotes = 0;
  sc->dquotes = 0;
  sc->specials = 0;
  /* The widest escape is 10 columns for 4 bytes, or 4 for 1. */
  if (len > UINT32_MAX / 4) {
    return WS_SCAN_FULL;
  }
  if (len < BLOCK + LOOK_AHEAD) {
    uint32_t conts = 0;
    ws_scan_result r = read_short(&st, &conts);
    sc->body = (uint32_t)len - conts + st.extra;
    return r;
  }
  size_t at = 0;
  for (; len - at >= 2 * BLOCK + LOOK_AHEAD; at += 2 * BLOCK) {
    ws_scan_result r = read_pair(&st, &run, st.u + at, at, 0xFFFFFFFFu);
    if (r != WS_SCAN_OK) {
      return r;
    }
  }
  if (len - at > 2 * BLOCK) { /* more than the tail takes: in place */
    ws_scan_result r = read_block(&st, &run, st.u + at, at, 0xFFFFu);
    if (r != WS_SCAN_OK) {
      return r;
    }
    at += BLOCK;
  }
  if (at < len) {
    ws_scan_result r = read_tail(&st, &run, at);
    if (r != WS_SCAN_OK) {
      return r;
    }
  }
  if (run.owed != 0) {
    return WS_SCAN_BAD_UTF8; /* a sequence cut short by the end */
  }
  flush_lanes(&run);
  sc->body = (uint32_t)len - run.conts + st.extra;
  return WS_SCAN_OK;
}

/* Copies from[0..n) to to[0..n): most pieces of a broken str are longer
 * than ws_copy_short's moves, and a call to memcpy costs more than the few
 * vector moves they take. */
static inline void copy_text(char *to, const char *from, size_t n) {
  if (n < 4) {
    for (size_t i = 0; i < n; i++) {
      to[i] = from[i];
    }
    return;
  }
  if (n <= 32) {
    ws_copy_short(to, from, n);
    return;
  }
  for (size_t i = 0; n - i > 16; i += 16) {
    memcpy(to + i, from + i, 16);
  }
  memcpy(to + n - 16, from + n - 16, 16);
}

/* ws_scan_put's writing when b has room for the worst case: straight
 * into it. */
static void put_in_place(ws_buf *b, const char *s, const ws_str_scan *sc,
                         size_t from, size_t to, char quote, size_t k,
                         size_t end) {
  char *at = b->data + b->len;
  size_t run = from;
  *at++ = quote;
  for (; k < end; k++) {
    const ws_scan_special *sp = &sc->special[k];
    if (sp->columns == 1 && sp->cp != (uint32_t)quote) {
      continue; /* the other quote goes in as it is, as does white space
                   that Python prints (none but the space) */
    }
    copy_text(at, s + run, sp->at - run);
    at += sp->at - run;
    at += ws_repr_escape(sp->cp, at);
    run = sp->at + sp->len;
  }
  copy_text(at, s + run, to - run);
  at += to - run;
  *at++ = quote;
  b->len = (size_t)(at - b->data);
}

void ws_scan_put(ws_buf *b, const char *s, const ws_str_scan *sc, size_t from,
                 size_t to, size_t first, size_t last) {
  bool room = b->status == WS_OK && !b->measuring;
  if (first == last && room && b->cap - b->len >= to - from + 2) {
    /* Nothing to escape and no quote: the text as it is. */
    char *at = b->data + b->len;
    at[0] = '\'';
    copy_text(at + 1, s + from, to - from);
    at[to - from + 1] = '\'';
    b->len += to - from + 2;
    return;
  }
  /* Python picks ' unless the text holds ' and no ". A str without
   * quotes (most) needs no count. */
  char quote = '\'';
  if (sc->squotes != 0) {
    uint32_t squotes = 0;
    uint32_t dquotes = 0;
    for (size_t k = first; k < last; k++) {
      squotes += sc->special[k].cp == '\'';
      dquotes += sc->special[k].cp == '"';
    }
    quote = squotes > 0 && dquotes == 0 ? '"' : '\'';
  }
  /* An escape is at most 10 bytes for a character of at least one. */
  size_t most = to - from + 2 + 9 * (last - first);
  if (room && b->cap - b->len >= most) {
    put_in_place(b, s, sc, from, to, quote, first, last);
    return;
  }
  size_t run = from;
  ws_buf_putc(b, quote); /* failing, or growing the buffer */
  for (size_t k = first; k < last; k++) {
    const ws_scan_special *sp = &sc->special[k];
    if (sp->columns == 1 && sp->cp != (uint32_t)quote) {
      continue;
    }
    char esc[10];
    ws_buf_put(b, s + run, sp->at - run);
    ws_buf_put(b, esc, ws_repr_escape(sp->cp, esc));
    run = sp->at + sp->len;
  }
  ws_buf_put(b, s + run, to - run);
  ws_buf_putc(b, quote);
}
