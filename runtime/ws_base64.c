/* ws_base64.c - RFC 4648 base64 (standard alphabet, padded), strict decoding. */
#include "ws_base64.h"

#include <stdbool.h>
#include <stdint.h>

#include "internal/ws_piece.h"

static const char alphabet[64] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t ws_base64_encoded_len(size_t n) {
  size_t groups = n / 3 + (n % 3 != 0);
  if (groups > SIZE_MAX / 4) {
    return SIZE_MAX;
  }
  return groups * 4;
}

/* Writes the encoding of in[0..n) to out, which has room for it. */
static void encode_into(char *out, const unsigned char *in, size_t n) {
  size_t i = 0;
  for (; n - i >= 3; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    *out++ = alphabet[v >> 18];
    *out++ = alphabet[(v >> 12) & 63];
    *out++ = alphabet[(v >> 6) & 63];
    *out++ = alphabet[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    *out++ = alphabet[v >> 18];
    *out++ = alphabet[(v >> 12) & 63];
    *out++ = '=';
    *out++ = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    *out++ = alphabet[v >> 18];
    *out++ = alphabet[(v >> 12) & 63];
    *out++ = alphabet[(v >> 6) & 63];
    *out++ = '=';
  }
}

void ws_base64_encode(ws_buf *b, const void *p, size_t n) {
  size_t out_len = ws_base64_encoded_len(n);
  if (out_len == SIZE_MAX) { /* too large to exist: fail, do not wrap */
    ws_buf_fail(b, WS_ENOMEM);
    return;
  }
  if (b->measuring) {
    b->len += out_len;
    return;
  }
  if (out_len == 0 || ws_buf_reserve(b, out_len) != WS_OK) {
    return;
  }
  /* Reserved room: write in place rather than through many small puts. */
  encode_into(b->data + b->len, p, n);
  b->len += out_len;
  b->data[b->len] = '\0';
}

/* Value of a base64 character, or -1. */
static int sextet(unsigned char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '+') {
    return 62;
  }
  if (c == '/') {
    return 63;
  }
  return -1;
}

/* Number of '=' at the end of the text (0..2), after checking that the last
 * quantum is "xxxx", "xxx=" or "xx=="; -1 when padding is misplaced. */
static int padding_of(const unsigned char *t, size_t len) {
  if (len == 0) {
    return 0;
  }
  size_t q = len - 4;
  if (t[q] == '=' || t[q + 1] == '=') {
    return -1;
  }
  if (t[q + 2] == '=') {
    return t[q + 3] == '=' ? 2 : -1;
  }
  return t[q + 3] == '=' ? 1 : 0;
}

/* Decodes the checked text into out; false on a bad character or non-zero
 * unused bits. */
static bool decode_into(unsigned char *out, const unsigned char *t,
                        size_t data_chars) {
  uint32_t acc = 0;
  unsigned bits = 0;
  for (size_t i = 0; i < data_chars; i++) {
    int v = sextet(t[i]);
    if (v < 0) {
      return false;
    }
    acc = (acc << 6 | (uint32_t)v) & 0xFFFFFF;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out++ = (unsigned char)(acc >> bits);
    }
  }
  /* After the last character, 2 or 4 bits are left over when the text was
   * padded; RFC 4648 says encoders set them to zero, and a strict decoder
   * refuses other values so each byte string has one encoding. */
  return bits == 0 || (acc & ((1u << bits) - 1)) == 0;
}

/* The first character of text that is known bad, which no valid text
 * has at its place: one outside the alphabet, a misplaced '=', data after
 * the padding, the character before the padding when its unused bits are
 * not zero, or len when every character fits but the text ends too soon.
 * Only for error reports, so one plain scan. */
static size_t first_bad(const unsigned char *t, size_t len) {
  size_t pad_at = SIZE_MAX; /* the first '=' */
  for (size_t i = 0; i < len; i++) {
    if (pad_at != SIZE_MAX) {
      /* After "xx=" only the second '=' may follow. */
      if (t[i] == '=' && i == pad_at + 1 && i % 4 == 3) {
        continue;
      }
      return i;
    }
    if (t[i] == '=') {
      if (i % 4 < 2) {
        return i;
      }
      /* The bits of the last data character past the last byte. */
      unsigned unused = i % 4 == 2 ? 0xFu : 0x3u;
      if (((unsigned)sextet(t[i - 1]) & unused) != 0) {
        return i - 1;
      }
      pad_at = i;
      continue;
    }
    if (sextet(t[i]) < 0) {
      return i;
    }
  }
  return len;
}

/* The failure result: reports where, when asked. */
static ws_status refuse(size_t *bad_at, size_t where) {
  if (bad_at) {
    *bad_at = where;
  }
  return WS_EBASE64;
}

ws_status ws_base64_decode(ws_bytes *out, const char *text, size_t len,
                           size_t *bad_at) {
  const unsigned char *t = (const unsigned char *)text;
  /* The checks below find that the text is bad; first_bad finds where, as
   * the length or the padding may be wrong because of an earlier
   * character. */
  int pad = len % 4 == 0 ? padding_of(t, len) : -1;
  if (pad < 0) {
    return refuse(bad_at, first_bad(t, len));
  }
  size_t data_chars = len - (size_t)pad;
  size_t out_len = len / 4 * 3 - (size_t)pad;
  unsigned char *bytes = NULL;
  if (out_len > 0) {
    bytes = (unsigned char *)ws_piece_text_new(out_len);
    if (!bytes) {
      return WS_ENOMEM;
    }
    bytes[out_len] = '\0';
    if (!decode_into(bytes, t, data_chars)) {
      ws_piece_release(bytes);
      return refuse(bad_at, first_bad(t, len));
    }
  }
  ws_bytes_free(out);
  out->ptr = bytes;
  out->len = out_len;
  return WS_OK;
}
