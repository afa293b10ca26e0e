/* ws_json_write.c - JSON values written exactly as CPython's json.dumps does. */
#include "ws_json_write.h"

#include <string.h>

#include "ws_base64.h"
#include "ws_utf8.h"

/* Word-at-a-time byte tests (the classic "has zero byte" family). Each is
 * exact as an existence test: non-zero iff some byte of w qualifies. They
 * only say whether a word needs a closer look, so byte order never matters. */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

static uint64_t has_byte_below(uint64_t w, unsigned char n) {
  return (w - ONES * n) & ~w & HIGHS; /* valid for n <= 0x80 */
}
static uint64_t has_byte_equal(uint64_t w, unsigned char c) {
  uint64_t x = w ^ (ONES * c);
  return (x - ONES) & ~x & HIGHS;
}

/* True when the 8 bytes in w may hold one that cannot be copied as is:
 * a control, '"', '\\', a non-ASCII byte, or (python mode) DEL. */
static bool word_needs_look(uint64_t w, bool python) {
  uint64_t hit = (w & HIGHS) | has_byte_below(w, 0x20) |
                 has_byte_equal(w, '"') | has_byte_equal(w, '\\');
  if (python) {
    hit |= has_byte_equal(w, 0x7F);
  }
  return hit != 0;
}

/* An ASCII byte that json.dumps copies unchanged in this mode. */
static bool is_plain_ascii(unsigned char c, bool python) {
  return c >= 0x20 && c != '"' && c != '\\' && (python ? c < 0x7F : c < 0x80);
}

/* Length of the leading run of plain ASCII in s[0..len). */
static size_t plain_prefix(const unsigned char *s, size_t len, bool python) {
  size_t i = 0;
  while (len - i >= 8) {
    uint64_t w;
    memcpy(&w, s + i, sizeof w); /* alignment-free load */
    if (word_needs_look(w, python)) {
      break;
    }
    i += 8;
  }
  while (i < len && is_plain_ascii(s[i], python)) {
    i++;
  }
  return i;
}

static const char hex_digits[16] = "0123456789abcdef";

/* \uXXXX for one UTF-16 unit, lowercase as CPython writes it. */
static void put_u_escape(ws_buf *b, uint32_t unit) {
  char esc[6] = {'\\',
                 'u',
                 hex_digits[(unit >> 12) & 15],
                 hex_digits[(unit >> 8) & 15],
                 hex_digits[(unit >> 4) & 15],
                 hex_digits[unit & 15]};
  ws_buf_put(b, esc, sizeof esc);
}

/* The escape json.dumps writes for code point cp. */
static void put_escape(ws_buf *b, uint32_t cp) {
  switch (cp) {
  case '"':
    ws_buf_put(b, "\\\"", 2);
    return;
  case '\\':
    ws_buf_put(b, "\\\\", 2);
    return;
  case '\n':
    ws_buf_put(b, "\\n", 2);
    return;
  case '\r':
    ws_buf_put(b, "\\r", 2);
    return;
  case '\t':
    ws_buf_put(b, "\\t", 2);
    return;
  case '\b':
    ws_buf_put(b, "\\b", 2);
    return;
  case '\f':
    ws_buf_put(b, "\\f", 2);
    return;
  default:
    break;
  }
  if (cp > 0xFFFF) {
    uint32_t v = cp - 0x10000;
    put_u_escape(b, 0xD800 | (v >> 10));
    put_u_escape(b, 0xDC00 | (v & 0x3FF));
  } else {
    put_u_escape(b, cp);
  }
}

void ws_json_put_str(ws_buf *b, const char *s, size_t len, ws_json_mode mode) {
  const unsigned char *u = (const unsigned char *)s;
  bool python = mode == WS_JSON_PYTHON;
  size_t run_start = 0; /* first byte not yet written */
  size_t i = 0;
  if (len == 0) { /* s may be NULL: no pointer arithmetic on it */
    ws_buf_put(b, "\"\"", 2);
    return;
  }
  ws_buf_putc(b, '"');
  while (i < len) {
    i += plain_prefix(u + i, len - i, python);
    if (i == len) {
      break;
    }
    uint32_t cp = u[i];
    size_t n = 1;
    if (cp >= 0x80) {
      /* Compact mode copies non-ASCII text: the run goes on past it. */
      n = python ? ws_utf8_next(s + i, len - i, &cp)
                 : ws_utf8_multibyte_run(s + i, len - i);
      if (n == 0) {
        ws_buf_fail(b, WS_EUTF8);
        return;
      }
      if (!python) {
        i += n;
        continue;
      }
    }
    ws_buf_put(b, s + run_start, i - run_start);
    put_escape(b, cp);
    i += n;
    run_start = i;
  }
  ws_buf_put(b, s + run_start, len - run_start);
  ws_buf_putc(b, '"');
}

void ws_json_put_bytes(ws_buf *b, const void *p, size_t len) {
  ws_buf_putc(b, '"');
  ws_base64_encode(b, p, len);
  ws_buf_putc(b, '"');
}

void ws_json_put_int(ws_buf *b, int64_t v) {
  ws_buf_put_i64(b, (long long)v);
}

void ws_json_put_bool(ws_buf *b, bool v) {
  if (v) {
    ws_buf_put(b, "true", 4);
  } else {
    ws_buf_put(b, "false", 5);
  }
}

void ws_json_put_null(ws_buf *b) {
  ws_buf_put(b, "null", 4);
}

void ws_json_put_comma(ws_buf *b, ws_json_mode mode) {
  if (mode == WS_JSON_PYTHON) {
    ws_buf_put(b, ", ", 2);
  } else {
    ws_buf_putc(b, ',');
  }
}

void ws_json_put_colon(ws_buf *b, ws_json_mode mode) {
  if (mode == WS_JSON_PYTHON) {
    ws_buf_put(b, ": ", 2);
  } else {
    ws_buf_putc(b, ':');
  }
}

void ws_json_put_key(ws_buf *b, const char *key, size_t len,
                     ws_json_mode mode) {
  ws_json_put_str(b, key, len, mode);
  ws_json_put_colon(b, mode);
}
