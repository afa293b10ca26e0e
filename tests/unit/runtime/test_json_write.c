/* Tests for ws_json_write.c: strings and scalars exactly as CPython's
 * json.dumps writes them. Expected texts for tricky strings come from
 * /usr/bin/python3 at test time. */
#define _POSIX_C_SOURCE 200809L /* popen */

#include "failalloc.h"

#include "command_output.h"

#include <stdio.h>
#include <string.h>

#include "ws_json_write.h"
#include "ws_utf8.h"

#define PYTHON "/usr/bin/python3"

/* ---- helpers ------------------------------------------------------------ */

/* The text ws_json_put_str writes for s[0..len), checked to be OK. Returned
 * in a buffer the caller frees. */
static ws_buf json_of(const char *s, size_t len, ws_json_mode mode) {
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_str(&b, s, len, mode);
  assert_int_equal(b.status, WS_OK);
  /* The measuring pass must count exactly what the writing pass writes. */
  ws_buf m;
  ws_buf_measure(&m);
  ws_json_put_str(&m, s, len, mode);
  assert_int_equal(m.status, WS_OK);
  assert_int_equal(m.len, b.len);
  return b;
}

static void expect_json(const char *s, size_t len, ws_json_mode mode,
                        const char *expected) {
  ws_buf b = json_of(s, len, mode);
  assert_string_equal(b.data, expected);
  ws_buf_free(&b);
}

#define EXPECT_BOTH(lit, compact, python)                                      \
  do {                                                                         \
    expect_json(lit, sizeof(lit) - 1, WS_JSON_COMPACT, compact);               \
    expect_json(lit, sizeof(lit) - 1, WS_JSON_PYTHON, python);                 \
  } while (0)

static void expect_utf8_error(const char *s, size_t len) {
  for (int mode = WS_JSON_COMPACT; mode <= WS_JSON_PYTHON; mode++) {
    ws_buf b;
    ws_buf_init(&b);
    ws_json_put_str(&b, s, len, (ws_json_mode)mode);
    assert_int_equal(b.status, WS_EUTF8);
    ws_buf_free(&b);
    ws_buf_measure(&b);
    ws_json_put_str(&b, s, len, (ws_json_mode)mode);
    assert_int_equal(b.status, WS_EUTF8);
  }
}

static void hex_of(const char *s, size_t len, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < len; i++) {
    out[2 * i] = digits[(unsigned char)s[i] >> 4];
    out[2 * i + 1] = digits[(unsigned char)s[i] & 15];
  }
  out[2 * len] = '\0';
}

/* ---- fixed expectations (CPython facts) --------------------------------- */

static void test_empty_string(void **state) {
  (void)state;
  EXPECT_BOTH("", "\"\"", "\"\"");
  expect_json(NULL, 0, WS_JSON_COMPACT, "\"\"");
  expect_json(NULL, 0, WS_JSON_PYTHON, "\"\"");
}

static void test_plain_ascii_copied(void **state) {
  (void)state;
  EXPECT_BOTH("tcp:127.0.0.1:5423 ~!@#$%^&*()_+{}|:<>?/.,';][=-`",
              "\"tcp:127.0.0.1:5423 ~!@#$%^&*()_+{}|:<>?/.,';][=-`\"",
              "\"tcp:127.0.0.1:5423 ~!@#$%^&*()_+{}|:<>?/.,';][=-`\"");
}

static void test_quote_and_backslash_escaped(void **state) {
  (void)state;
  EXPECT_BOTH("a\"b\\c", "\"a\\\"b\\\\c\"", "\"a\\\"b\\\\c\"");
  EXPECT_BOTH("/", "\"/\"", "\"/\""); /* json.dumps leaves '/' alone */
}

static void test_named_controls_escaped(void **state) {
  (void)state;
  EXPECT_BOTH("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"", "\"\\n\\r\\t\\b\\f\"");
}

static void test_other_controls_as_lowercase_u_escapes(void **state) {
  (void)state;
  EXPECT_BOTH("\x01\x1f\x0b", "\"\\u0001\\u001f\\u000b\"",
              "\"\\u0001\\u001f\\u000b\"");
}

static void test_embedded_nul_escaped(void **state) {
  (void)state;
  EXPECT_BOTH("a\0b", "\"a\\u0000b\"", "\"a\\u0000b\"");
}

static void test_del_raw_in_compact_escaped_in_python(void **state) {
  (void)state;
  EXPECT_BOTH("\x7f", "\"\x7f\"", "\"\\u007f\"");
}

static void test_non_ascii_raw_in_compact_escaped_in_python(void **state) {
  (void)state;
  EXPECT_BOTH("caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\"",
              "\"caf\\u00e9 \\u20ac\"");
  EXPECT_BOTH("\xc2\x80\xef\xbf\xbf", "\"\xc2\x80\xef\xbf\xbf\"",
              "\"\\u0080\\uffff\"");
}

static void test_non_bmp_as_lowercase_surrogate_pair(void **state) {
  (void)state;
  EXPECT_BOTH("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", "\"\\ud83d\\ude00\"");
  EXPECT_BOTH("\xf4\x8f\xbf\xbf", "\"\xf4\x8f\xbf\xbf\"", "\"\\udbff\\udfff\"");
  EXPECT_BOTH("\xf0\x90\x80\x80", "\"\xf0\x90\x80\x80\"", "\"\\ud800\\udc00\"");
}

static void test_line_separators_not_escaped_in_compact(void **state) {
  (void)state;
  /* U+2028/U+2029 are valid JSON raw; CPython does not escape them. */
  EXPECT_BOTH("\xe2\x80\xa8\xe2\x80\xa9", "\"\xe2\x80\xa8\xe2\x80\xa9\"",
              "\"\\u2028\\u2029\"");
}

/* Every special byte at every offset of a long run, so the word-at-a-time
 * scan meets it in each lane and in the byte tail. */
static void test_specials_at_every_offset(void **state) {
  (void)state;
  const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', '\x7f'};
  const char *compact_esc[] = {"\\\"",    "\\\\",    "\\n",
                               "\\u0001", "\\u001f", "\x7f"};
  const char *python_esc[] = {"\\\"",    "\\\\",    "\\n",
                              "\\u0001", "\\u001f", "\\u007f"};
  for (size_t k = 0; k < sizeof specials; k++) {
    for (size_t at = 0; at < 24; at++) {
      char in[24];
      memset(in, 'a', sizeof in);
      in[at] = specials[k];
      for (int mode = WS_JSON_COMPACT; mode <= WS_JSON_PYTHON; mode++) {
        char expected[64];
        const char *esc =
            mode == WS_JSON_PYTHON ? python_esc[k] : compact_esc[k];
        snprintf(expected, sizeof expected, "\"%.*s%s%.*s\"", (int)at, in, esc,
                 (int)(sizeof in - at - 1), in + at + 1);
        expect_json(in, sizeof in, (ws_json_mode)mode, expected);
      }
    }
  }
}

/* What json.dumps writes for one byte of the test strings below. */
static const char *expected_byte(char c, ws_json_mode mode, char *one) {
  if (c == '"') {
    return "\\\"";
  }
  if (c == '\x7f' && mode == WS_JSON_PYTHON) {
    return "\\u007f";
  }
  one[0] = c;
  one[1] = '\0';
  return one;
}

/* A quote, then a DEL, at every pair of offsets of strings of every length
 * up to 40: the short (under 16 bytes), block and overlapping tail scans
 * each meet a stop in every position, before and after an escape. */
static void test_specials_at_every_offset_of_every_length(void **state) {
  (void)state;
  for (size_t len = 1; len <= 40; len++) {
    for (size_t at = 0; at < len; at++) {
      for (size_t second = at; second < len; second += 3) {
        char in[40];
        memset(in, 'x', sizeof in);
        in[second] = '\x7f';
        in[at] = '"';
        for (int mode = WS_JSON_COMPACT; mode <= WS_JSON_PYTHON; mode++) {
          char expected[256] = "\"";
          char one[2];
          for (size_t i = 0; i < len; i++) {
            strcat(expected, expected_byte(in[i], (ws_json_mode)mode, one));
          }
          strcat(expected, "\"");
          expect_json(in, len, (ws_json_mode)mode, expected);
        }
      }
    }
  }
}

/* A two-byte character at every offset of strings of every length up to 40:
 * copied in compact mode, escaped in python mode. */
static void test_non_ascii_at_every_offset_of_every_length(void **state) {
  (void)state;
  for (size_t len = 2; len <= 40; len++) {
    for (size_t at = 0; at + 1 < len; at++) {
      char in[40];
      memset(in, 'y', sizeof in);
      in[at] = '\xc3';
      in[at + 1] = '\xa9'; /* U+00E9 */
      char compact[64], python[64];
      snprintf(compact, sizeof compact, "\"%.*s\"", (int)len, in);
      snprintf(python, sizeof python, "\"%.*s\\u00e9%.*s\"", (int)at, in,
               (int)(len - at - 2), in + at + 2);
      expect_json(in, len, WS_JSON_COMPACT, compact);
      expect_json(in, len, WS_JSON_PYTHON, python);
    }
  }
}

/* A stray continuation byte anywhere in strings of every length is refused
 * by both modes, measuring or writing. */
static void test_invalid_utf8_at_every_offset_of_every_length(void **state) {
  (void)state;
  for (size_t len = 1; len <= 40; len++) {
    for (size_t at = 0; at < len; at++) {
      char in[40];
      memset(in, 'z', sizeof in);
      in[at] = '\x80';
      expect_utf8_error(in, len);
    }
  }
}

/* A string written without measuring first, into room for it unescaped
 * only: the escapes make their own room as they go. */
static void test_escapes_grow_an_unmeasured_buffer(void **state) {
  (void)state;
  const char in[] = "\x01\x02\x03\x04\x05 \xf0\x9f\x98\x80\xf0\x9f\x98\x80";
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_buf_reserve(&b, sizeof in + 1), WS_OK);
  ws_json_put_str(&b, in, sizeof in - 1, WS_JSON_PYTHON);
  assert_int_equal(b.status, WS_OK);
  assert_string_equal(b.data, "\"\\u0001\\u0002\\u0003\\u0004\\u0005 "
                              "\\ud83d\\ude00\\ud83d\\ude00\"");
  ws_buf_free(&b);
}

static void test_put_fixed_picks_the_mode_text(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_fixed(&b, WS_JSON_COMPACT, ",\"a\":", 5, ", \"a\": ", 7);
  ws_json_put_fixed(&b, WS_JSON_PYTHON, ",\"a\":", 5, ", \"a\": ", 7);
  assert_string_equal(b.data, ",\"a\":, \"a\": ");
  ws_buf_free(&b);
}

static void test_invalid_utf8_fails_in_both_modes(void **state) {
  (void)state;
  expect_utf8_error("\xc0\x80", 2);              /* overlong NUL */
  expect_utf8_error("\xe0\x80\x80", 3);          /* overlong */
  expect_utf8_error("\xed\xa0\x80", 3);          /* surrogate U+D800 */
  expect_utf8_error("\xf4\x90\x80\x80", 4);      /* above U+10FFFF */
  expect_utf8_error("abc\xe2\x82", 5);           /* truncated at the end */
  expect_utf8_error("\x80", 1);                  /* lone continuation */
  expect_utf8_error("0123456789abcdef\xff", 17); /* after the word loop */
}

static void test_invalid_utf8_keeps_earlier_output(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_buf_puts(&b, "[");
  ws_json_put_str(&b, "ok\xff", 3, WS_JSON_COMPACT);
  ws_buf_puts(&b, "more");
  assert_int_equal(b.status, WS_EUTF8);
  assert_memory_equal(b.data, "[", 1);
  ws_buf_free(&b);
}

static void test_put_str_allocation_failure_recorded(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  failalloc_install();
  failalloc_fail_at(1);
  ws_json_put_str(&b, "some text", 9, WS_JSON_PYTHON);
  failalloc_uninstall();
  assert_int_equal(b.status, WS_ENOMEM);
  ws_buf_free(&b);
}

static ws_buf sweep_buf;
static ws_status op_write_document(void *ctx) {
  (void)ctx;
  ws_buf_init(&sweep_buf);
  ws_buf_putc(&sweep_buf, '{');
  for (int i = 0; i < 40; i++) {
    if (i > 0) {
      ws_json_put_comma(&sweep_buf, WS_JSON_PYTHON);
    }
    ws_json_put_key(&sweep_buf, "k\xc3\xa9y", 4, WS_JSON_PYTHON);
    ws_json_put_str(&sweep_buf, "value with \"quotes\"\n", 20, WS_JSON_PYTHON);
  }
  ws_buf_putc(&sweep_buf, '}');
  return sweep_buf.status;
}
static void cleanup_buf(void *ctx) {
  (void)ctx;
  ws_buf_free(&sweep_buf);
}

static void test_document_allocation_failure_sweep(void **state) {
  (void)state;
  assert_true(failalloc_check(op_write_document, cleanup_buf, NULL) >= 1);
}

/* ---- scalars and punctuation ------------------------------------------- */

static void test_put_bytes_is_quoted_base64(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_bytes(&b, "foob", 4);
  ws_json_put_bytes(&b, NULL, 0);
  assert_string_equal(b.data, "\"Zm9vYg==\"\"\"");
  ws_buf_free(&b);
}

static void test_put_int_range(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_int(&b, INT64_MIN);
  ws_buf_putc(&b, ' ');
  ws_json_put_int(&b, INT64_MAX);
  ws_buf_putc(&b, ' ');
  ws_json_put_int(&b, 0);
  ws_buf_putc(&b, ' ');
  ws_json_put_int(&b, -80);
  assert_string_equal(b.data, "-9223372036854775808 9223372036854775807 0 -80");
  ws_buf_free(&b);
}

static void test_put_bool_and_null(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_bool(&b, true);
  ws_json_put_bool(&b, false);
  ws_json_put_null(&b);
  assert_string_equal(b.data, "truefalsenull");
  ws_buf_free(&b);
}

static void test_separators_per_mode(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_comma(&b, WS_JSON_COMPACT);
  ws_json_put_colon(&b, WS_JSON_COMPACT);
  ws_json_put_comma(&b, WS_JSON_PYTHON);
  ws_json_put_colon(&b, WS_JSON_PYTHON);
  assert_string_equal(b.data, ",:, : ");
  ws_buf_free(&b);
}

static void test_put_key_escapes_and_separates(void **state) {
  (void)state;
  ws_buf b;
  ws_buf_init(&b);
  ws_json_put_key(&b, "is_binary", 9, WS_JSON_COMPACT);
  ws_json_put_key(&b, "\xc3\xa9", 2, WS_JSON_PYTHON);
  assert_string_equal(b.data, "\"is_binary\":\"\\u00e9\": ");
  ws_buf_free(&b);
}

/* ---- against CPython ---------------------------------------------------- */

#define CASE(lit)                                                              \
  { lit, sizeof(lit) - 1 }

static void test_tricky_strings_match_python(void **state) {
  (void)state;
  static const struct {
    const char *s;
    size_t len;
  } cases[] = {
      CASE(""),
      CASE("\"\\/\b\f\n\r\t"),
      CASE("\0\x01\x02\x1e\x1f \x7f"),
      CASE("Set-Cookie: a=b; Path=/"),
      CASE("\xc2\xa0\xc2\xad\xcd\xb8\xe2\x80\x8b\xef\xbb\xbf"),
      CASE("\xe2\x80\xa8\xe2\x80\xa9\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"),
      CASE("mixed \xc3\xa9\"\\\n\xf0\x90\x8d\x88 tail of plain text"),
      CASE("0123456789abcdef\x7f"
           "0123456789abcdef\xc3\xbf"),
  };
  const size_t n = sizeof cases / sizeof cases[0];
  char cmd[4096];
  size_t at = (size_t)snprintf(
      cmd, sizeof cmd,
      "%s -c 'import json,sys\n"
      "for h in sys.argv[1:]:\n"
      " s=bytes.fromhex(h).decode(\"utf-8\")\n"
      " a=json.dumps(s,ensure_ascii=False,separators=(\",\",\":\"))\n"
      " print(a.encode(\"utf-8\").hex(),json.dumps(s).encode().hex())'",
      PYTHON);
  for (size_t i = 0; i < n; i++) {
    char hex[256];
    hex_of(cases[i].s, cases[i].len, hex);
    at += (size_t)snprintf(cmd + at, sizeof cmd - at, " '%s'", hex);
  }
  assert_true(at < sizeof cmd);
  size_t out_len;
  char *out = command_output(cmd, &out_len);
  char *line = out;
  for (size_t i = 0; i < n; i++) {
    char *end = strchr(line, '\n');
    assert_non_null(end);
    *end = '\0';
    char *space = strchr(line, ' ');
    assert_non_null(space);
    *space = '\0';
    ws_buf c = json_of(cases[i].s, cases[i].len, WS_JSON_COMPACT);
    ws_buf p = json_of(cases[i].s, cases[i].len, WS_JSON_PYTHON);
    char got[1024];
    hex_of(c.data, c.len, got);
    assert_string_equal(got, line);
    hex_of(p.data, p.len, got);
    assert_string_equal(got, space + 1);
    ws_buf_free(&c);
    ws_buf_free(&p);
    line = end + 1;
  }
  free(out);
}

/* Every Unicode scalar value in one string: CPython builds the same string
 * and dumps it both ways, and the outputs must be identical. */
static void test_every_code_point_matches_python(void **state) {
  (void)state;
  ws_buf text;
  ws_buf_init(&text);
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    char enc[4];
    ws_buf_put(&text, enc, ws_utf8_encode(cp, enc));
  }
  assert_int_equal(text.status, WS_OK);
  size_t out_len;
  char *out =
      command_output(PYTHON " -c 'import json,sys\n"
                            "s=\"\".join(chr(c) for c in range(0x110000) "
                            "if not 0xd800<=c<=0xdfff)\n"
                            "o=sys.stdout.buffer\n"
                            "o.write(json.dumps(s,ensure_ascii=False,"
                            "separators=(\",\",\":\")).encode(\"utf-8\"))\n"
                            "o.write(b\"\\n\")\n"
                            "o.write(json.dumps(s).encode())'",
                     &out_len);
  char *newline = memchr(out, '\n', out_len);
  assert_non_null(newline);
  size_t compact_len = (size_t)(newline - out);
  ws_buf c = json_of(text.data, text.len, WS_JSON_COMPACT);
  assert_int_equal(c.len, compact_len);
  assert_memory_equal(c.data, out, compact_len);
  ws_buf p = json_of(text.data, text.len, WS_JSON_PYTHON);
  assert_int_equal(p.len, out_len - compact_len - 1);
  assert_memory_equal(p.data, newline + 1, p.len);
  ws_buf_free(&c);
  ws_buf_free(&p);
  ws_buf_free(&text);
  free(out);
}

/* A fixed buffer takes a string exactly as long as its room, however many
 * escapes the string needs, and refuses one byte less: the writer asks for
 * the room an escape takes, not for the longest escape's. */
static void test_fixed_buffer_fails_only_when_the_output_does_not_fit(
    void **state) {
  (void)state;
  static const char *const texts[] = {
      "\"", "a\"b\\c", "\n\n\n\n\n\n\n\n", "\x01\x02\x1f",
      "caf\xc3\xa9", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
      "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "x\x7f\x7f\x7fy",
      "\xe2\x80\xa8 \t \"", "\\\\\\\\\\\\\\\\\\\\\\\\"};
  char space[256];
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    for (int m = 0; m < 2; m++) {
      ws_json_mode mode = m ? WS_JSON_PYTHON : WS_JSON_COMPACT;
      ws_buf want = json_of(texts[i], strlen(texts[i]), mode);
      for (size_t lead = 0; lead < 3; lead++) {
        /* `lead` bytes already in the buffer, then the string */
        ws_buf b;
        ws_buf_fixed(&b, space, lead + want.len + 1); /* + the NUL */
        ws_buf_put(&b, "xyz", lead);
        ws_json_put_str(&b, texts[i], strlen(texts[i]), mode);
        assert_int_equal(b.status, WS_OK);
        assert_int_equal(b.len, lead + want.len);
        assert_memory_equal(b.data + lead, want.data, want.len);
        ws_buf_fixed(&b, space, lead + want.len);
        ws_buf_put(&b, "xyz", lead);
        ws_json_put_str(&b, texts[i], strlen(texts[i]), mode);
        assert_int_equal(b.status, WS_EFULL);
      }
      ws_buf_free(&want);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_empty_string),
      cmocka_unit_test(test_plain_ascii_copied),
      cmocka_unit_test(test_quote_and_backslash_escaped),
      cmocka_unit_test(test_named_controls_escaped),
      cmocka_unit_test(test_other_controls_as_lowercase_u_escapes),
      cmocka_unit_test(test_embedded_nul_escaped),
      cmocka_unit_test(test_del_raw_in_compact_escaped_in_python),
      cmocka_unit_test(test_non_ascii_raw_in_compact_escaped_in_python),
      cmocka_unit_test(test_non_bmp_as_lowercase_surrogate_pair),
      cmocka_unit_test(test_line_separators_not_escaped_in_compact),
      cmocka_unit_test(test_specials_at_every_offset),
      cmocka_unit_test(test_specials_at_every_offset_of_every_length),
      cmocka_unit_test(test_non_ascii_at_every_offset_of_every_length),
      cmocka_unit_test(test_invalid_utf8_at_every_offset_of_every_length),
      cmocka_unit_test(test_escapes_grow_an_unmeasured_buffer),
      cmocka_unit_test(test_put_fixed_picks_the_mode_text),
      cmocka_unit_test(
          test_fixed_buffer_fails_only_when_the_output_does_not_fit),
      cmocka_unit_test(test_invalid_utf8_fails_in_both_modes),
      cmocka_unit_test(test_invalid_utf8_keeps_earlier_output),
      cmocka_unit_test(test_put_str_allocation_failure_recorded),
      cmocka_unit_test(test_document_allocation_failure_sweep),
      cmocka_unit_test(test_put_bytes_is_quoted_base64),
      cmocka_unit_test(test_put_int_range),
      cmocka_unit_test(test_put_bool_and_null),
      cmocka_unit_test(test_separators_per_mode),
      cmocka_unit_test(test_put_key_escapes_and_separates),
      cmocka_unit_test(test_tricky_strings_match_python),
      cmocka_unit_test(test_every_code_point_matches_python),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
