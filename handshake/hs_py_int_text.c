/* hs_py_int_text.c - whether Python's int() reads a query parameter: a
 * str of any characters (UTF-8 here), where the header checks' hs_py_int
 * reads Latin-1. int() takes surrounding whitespace (py_isspace), a
 * sign, and decimal digits of any script (Unicode's Nd, each worth its
 * digit: '\u0663' is 3) with single underscores between them, at most
 * 4300 of them. The tables are Python 3.11's (Unicode 14.0). */
#include <stdint.h>

#include "hs_internal.h"
#include "ws_utf8.h"

/* The zero of each run of ten Nd digits (every Nd character is one of
 * these plus 0..9). */
static const uint32_t nd_zeros[] = {
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
    0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50,
    0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0,
    0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0,
    0x16A60, 0x16AC0, 0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
    0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* The whitespace int() skips around the number: str.isspace() beyond
 * ASCII, and within it only TAB..CR and SPACE (CPython passes ASCII on as
 * it is to a reader that skips C's isspace(), so the separators
 * U+001C..U+001F, spaces to str.isspace(), are not skipped). */
static bool py_isspace(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= 0x09 && cp <= 0x0D) || cp == ' ';
  if (cp < 0x100)
    return hs_isspace((unsigned char)cp);
  return cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static bool py_isdecimal(uint32_t cp) {
  size_t lo = 0;
  size_t hi = sizeof nd_zeros / sizeof nd_zeros[0];
  while (lo < hi) { /* the last zero at or below cp */
    size_t mid = lo + (hi - lo) / 2;
    if (nd_zeros[mid] <= cp)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo > 0 && cp - nd_zeros[lo - 1] < 10;
}

/* What int() sees in a character: 'd' a digit, ' ' whitespace, '_', a
 * sign, or '?' for anything else (as CPython turns the text into ASCII
 * before it reads the number). */
static char py_class(uint32_t cp) {
  if (cp == '_' || cp == '+' || cp == '-')
    return (char)cp;
  if (py_isdecimal(cp))
    return 'd';
  return py_isspace(cp) ? ' ' : '?';
}

bool hs_py_int_text(ws_strview utf8) {
  size_t digits = 0;
  char last = 0;      /* the class of the number's last character so far */
  bool ended = false; /* whitespace has followed the number */
  for (size_t i = 0; i < utf8.len;) {
    uint32_t cp;
    i += ws_utf8_decode(utf8.ptr + i, utf8.len - i, &cp);
    char c = py_class(cp);
    if (c == ' ') {
      ended = last != 0;
      continue;
    }
    if (ended || c == '?')
      return false;
    if ((c == '+' || c == '-') && last != 0)
      return false; /* a sign only first */
    if (c == '_' && last != 'd')
      return false; /* an underscore only after a digit */
    digits += c == 'd';
    last = c;
  }
  return last == 'd' && digits <= HS_INT_MAX_DIGITS;
}
