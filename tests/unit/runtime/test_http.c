/* Tests for ws_http.c, the [http] constraint, through a hand-written table
 * shaped like a generated one:
 *   Wire { word: str = "" [http]; head: headers = {} [http]; }
 * validate, decode and encode refuse what cannot go on an HTTP/1.1 wire,
 * with the same words. */
#include "failalloc.h"

#include <string.h>

#include "ws_class.h"
#include "ws_http.h"
#include "ws_json_write.h"

typedef struct t_wire {
  ws_str word;
  ws_headers head;
} t_wire;

extern const ws_type wire_type;

static void wire_put_json(ws_buf *b, const void *obj, ws_format format) {
  const t_wire *v = obj;
  ws_json_mode mode =
      format == WS_FORMAT_JSON ? WS_JSON_COMPACT : WS_JSON_PYTHON;
  ws_buf_puts(b, "{\"word\":");
  ws_json_put_str(b, ws_str_c(&v->word), v->word.len, mode);
  ws_buf_puts(b, ",\"head\":");
  ws_headers_put_json(b, &v->head, mode);
  ws_buf_putc(b, '}');
}

static const ws_field_desc wire_fields[] = {
    {.name = "word",
     .type = "str",
     .doc = "",
     .default_value = "\"\"",
     .http = true,
     .name_len = 4,
     .kind = &ws_str_kind,
     .offset = offsetof(t_wire, word)},
    {.name = "head",
     .type = "headers",
     .doc = "",
     .default_value = "{}",
     .http = true,
     .name_len = 4,
     .kind = &ws_headers_kind,
     .offset = offsetof(t_wire, head)},
};

const ws_type wire_type = {.name = "Wire",
                           .c_name = "t_wire",
                           .doc = "",
                           .flags = WS_TYPE_KEYS_PLAIN,
                           .size = sizeof(t_wire),
                           .fields = wire_fields,
                           .field_count = 2,
                           .put_json = wire_put_json,
                           .init = ws_class_init,
                           .free = ws_class_free,
                           .copy = ws_class_copy,
                           .equal = ws_class_equal,
                           .validate = ws_class_validate,
                           .encode = ws_class_encode,
                           .read = ws_class_read};

/* v, decoded from json, which must succeed. */
static void decode_ok(t_wire *v, const char *json) {
  ws_error err;
  memset(v, 0, sizeof *v);
  assert_int_equal(ws_type_decode(&wire_type, v, json, strlen(json), NULL,
                                   &err),
                   WS_OK);
}

/* validate and encode both refuse v with this message. */
static void expect_refused(const t_wire *v, const char *msg) {
  ws_error err;
  assert_int_equal(ws_class_validate(&wire_type, v, &err), WS_ECONSTRAINT);
  assert_string_equal(err.msg, msg);
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_class_encode(&wire_type, v, WS_FORMAT_JSON, &b, &err),
                   WS_ECONSTRAINT);
  assert_string_equal(err.msg, msg);
  assert_int_equal(b.len, 0); /* nothing written */
  ws_buf_free(&b);
}

/* decoding json is refused at line 1, column col, with this message. */
static void expect_decode_refused(const char *json, size_t col,
                                  const char *msg) {
  t_wire v;
  ws_error err;
  memset(&v, 0, sizeof v);
  assert_int_equal(
      ws_type_decode(&wire_type, &v, json, strlen(json), NULL, &err),
      WS_ECONSTRAINT);
  assert_int_equal(err.line, 1);
  assert_int_equal(err.col, col);
  assert_string_equal(err.msg, msg);
  ws_class_free(&wire_type, &v);
}

static void test_wire_text_passes(void **state) {
  (void)state;
  t_wire v;
  decode_ok(&v, "{\"word\": \"tab\\there caf\\u00e9 ~!\", \"head\": "
                "{\"Set-Cookie\": [\"a=1\"], \"!#$%&'*+-.^_`|~09azAZ\": "
                "\"x\", \"E\": []}}");
  ws_error err;
  assert_int_equal(ws_class_validate(&wire_type, &v, &err), WS_OK);
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(ws_class_encode(&wire_type, &v, WS_FORMAT_JSON, &b, &err),
                   WS_OK);
  ws_buf_free(&b);
  ws_class_free(&wire_type, &v);
}

static void test_controls_are_refused_everywhere(void **state) {
  (void)state;
  t_wire v;
  memset(&v, 0, sizeof v);
  assert_int_equal(ws_str_set_view(&v.word, ws_cstr("line\nbreak")), WS_OK);
  expect_refused(&v, "$.word has byte 0x0A at offset 4, which an HTTP/1.1 "
                     "field value cannot hold (http)");
  assert_int_equal(ws_str_set_view(&v.word, ws_cstr("del\x7f")), WS_OK);
  expect_refused(&v, "$.word has byte 0x7F at offset 3, which an HTTP/1.1 "
                     "field value cannot hold (http)");
  assert_int_equal(ws_str_set_view(&v.word, ws_cstr("fine")), WS_OK);
  assert_int_equal(ws_headers_add(&v.head, ws_cstr("X"), ws_cstr("a\r\nB: 1")),
                   WS_OK);
  expect_refused(&v, "$.head[\"X\"] has byte 0x0D at offset 1, which an "
                     "HTTP/1.1 field value cannot hold (http)");
  ws_headers_free(&v.head);
  assert_int_equal(ws_headers_add(&v.head, ws_cstr("Bad Name"), ws_cstr("x")),
                   WS_OK);
  expect_refused(&v, "a name in $.head is not an HTTP token: \"Bad Name\" "
                     "(http)");
  ws_class_free(&wire_type, &v);
}

static void test_decode_refuses_at_the_value(void **state) {
  (void)state;
  expect_decode_refused("{\"word\": \"a\\u0000\"}", 10,
                        "$.word has byte 0x00 at offset 1, which an HTTP/1.1 "
                        "field value cannot hold (http)");
  expect_decode_refused("{\"head\": {\"\": \"x\"}}", 10,
                        "a name in $.head is not an HTTP token: \"\" (http)");
  expect_decode_refused("{\"head\": {\"A\": [\"ok\", \"\\n\"]}}", 10,
                        "$.head[\"A\"] has byte 0x0A at offset 0, which an "
                        "HTTP/1.1 field value cannot hold (http)");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_wire_text_passes),
      cmocka_unit_test(test_controls_are_refused_everywhere),
      cmocka_unit_test(test_decode_refuses_at_the_value),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
