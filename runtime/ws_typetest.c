/* ws_typetest.c - the checks of ws_typetest.h, each a cmocka test run over a
 * class's descriptor and its generated table.
 *
 * Values under test live in memory of the descriptor's size, from calloc
 * (not the runtime's allocator, which the allocation sweep replaces). */
#include "ws_typetest.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "internal/ws_typetest_parts.h"

/* ---- test values ----------------------------------------------------------- */

typedef struct sample {
  const char *text;
  size_t len;
} sample;

static const sample str_samples[2] = {
    {"Zo\xc3\xab \"q\" \xe2\x9c\x93", 12},    /* Zoë "q" ✓ */
    {"line\nbreak \xf0\x9f\x98\x80 \\", 17}}; /* a newline, an emoji */
static const sample bytes_samples[2] = {{"\x00\xff\"q\x80", 5},
                                        {"\x01"
                                         "binary\xfe",
                                         8}};
static const int64_t int_samples[2] = {-42, 7};

static bool is_flipped(const ws_typetest_fill *how, size_t field) {
  return how->flip == field;
}

int ws_typetest_variant(const ws_typetest_fill *how, size_t field) {
  return (int)((field + is_flipped(how, field)) % 2);
}

void ws_typetest_str(ws_str *v, int variant, ws_status *st) {
  const sample *s = &str_samples[variant % 2];
  if (*st == WS_OK)
    *st = ws_str_set(v, s->text, s->len);
}

void ws_typetest_bytes(ws_bytes *v, int variant, ws_status *st) {
  const sample *s = &bytes_samples[variant % 2];
  if (*st == WS_OK)
    *st = ws_bytes_set(v, s->text, s->len);
}

void ws_typetest_int(int64_t *v, int variant, ws_status *st) {
  (void)st; /* cannot fail */
  *v = int_samples[variant % 2];
}

/* Values whose text is easy to get wrong: each needs the shortest
 * round-trip digits, an exponent, or a sign. */
static const double float_samples[] = {0.30000000000000004,
                                       -1.7976931348623157e308, 5e-324,
                                       9007199254740993.0, -0.0, 1e16,
                                       1e-05, 123456789.12345679};

void ws_typetest_float(double *v, int variant, ws_status *st) {
  (void)st; /* cannot fail */
  *v = float_samples[(size_t)variant % (sizeof float_samples /
                                        sizeof float_samples[0])];
}

void ws_typetest_bool(bool *v, int variant, ws_status *st) {
  (void)st; /* cannot fail */
  *v = variant % 2 == 0;
}

/* A repeated name, grouped, so that JSON keeps the order; and lists of one
 * and of none, which stay lists. */
void ws_typetest_headers(ws_headers *v, int variant, ws_status *st) {
  static const char *const host[2] = {"example.com", "b\xc3\xbc"
                                                     "cher.example"};
  ws_strview cookie = ws_cstr("a=1");
  if (*st == WS_OK)
    *st = ws_headers_add(v, ws_cstr("Host"), ws_cstr(host[variant % 2]));
  if (*st == WS_OK)
    *st = ws_headers_add(v, ws_cstr("X-Multi"), ws_cstr("one"));
  if (*st == WS_OK)
    *st = ws_headers_add(v, ws_cstr("X-Multi"), ws_cstr("two \"2\""));
  if (*st == WS_OK)
    *st = ws_headers_add_list(v, ws_cstr("Set-Cookie"), &cookie, 1);
  if (*st == WS_OK)
    *st = ws_headers_add_list(v, ws_cstr("X-Empty"), NULL, 0);
}

ws_strview ws_typetest_key(int variant) {
  static const char *const keys[3] = {"alpha", "b\xc3\xa9ta \"2\"", "gamma"};
  return ws_cstr(keys[variant % 3]);
}

/* The text a str or bytes field with max_len gets: the usual sample when it
 * fits, else up to 3 ASCII bytes with a quote among them; flipped, one byte
 * more. Written to out (room for 32 bytes); returns its length. */
static size_t text_within(char out[32], const sample *samples,
                          const ws_typetest_fill *how, size_t field,
                          uint64_t max_len) {
  const sample *s = &samples[field % 2];
  size_t len;
  if (s->len <= max_len) {
    memcpy(out, s->text, s->len);
    len = s->len;
  } else {
    len = max_len < 3 ? (size_t)max_len : 3;
    memcpy(out, "a\"b", len);
  }
  if (is_flipped(how, field))
    out[len++] = '!';
  return len;
}

void ws_typetest_str_max(ws_str *v, const ws_typetest_fill *how, size_t field,
                         uint64_t max_len, ws_status *st) {
  char text[32];
  size_t len = text_within(text, str_samples, how, field, max_len);
  if (*st == WS_OK)
    *st = ws_str_set(v, text, len);
}

/* Text that can go on an HTTP/1.1 wire ([http]): no newline or other
 * control but the tab. */
static const sample http_str_samples[2] = {
    {"Zo\xc3\xab \"q\" \xe2\x9c\x93", 12},   /* Zoë "q" ✓ */
    {"tab\there \xf0\x9f\x98\x80 \\", 17}}; /* a tab, an emoji */

void ws_typetest_str_http(ws_str *v, const ws_typetest_fill *how,
                          size_t field, uint64_t max_len, ws_status *st) {
  char text[32];
  size_t len = text_within(text, http_str_samples, how, field, max_len);
  if (*st == WS_OK)
    *st = ws_str_set(v, text, len);
}

void ws_typetest_bytes_max(ws_bytes *v, const ws_typetest_fill *how,
                           size_t field, uint64_t max_len, ws_status *st) {
  char text[32];
  size_t len = text_within(text, bytes_samples, how, field, max_len);
  if (*st == WS_OK)
    *st = ws_bytes_set(v, text, len);
}

/* The usual sample when it is in the range, else the range's middle;
 * flipped, a neighbour. */
void ws_typetest_int_in(int64_t *v, const ws_typetest_fill *how, size_t field,
                        int64_t min, int64_t max) {
  int64_t want = int_samples[field % 2];
  if (want < min || want > max)
    want = min + (int64_t)(((uint64_t)max - (uint64_t)min) / 2);
  *v = is_flipped(how, field) ? want ^ 1 : want;
}

/* The usual sample when in range, else the middle of the range (or a
 * bound, for a half-open one); a flipped field gets the other end. */
void ws_typetest_float_in(double *v, const ws_typetest_fill *how, size_t field,
                          double min, double max) {
  double want = float_samples[field % 2];
  if (!(want >= min && want <= max))
    want = isinf(min) ? max : isinf(max) ? min : min / 2 + max / 2;
  if (is_flipped(how, field))
    want = want == min ? max : min;
  if (isinf(want))
    want = isinf(min) ? max - 1 : min + 1;
  *v = want;
}

/* ---- the descriptor's operations ------------------------------------------------
 * Every call through a descriptor goes through these, so that how a
 * descriptor's operations are called is written down once. */

static ws_status type_init(const ws_type *t, void *v) {
  return t->init(t, v);
}

static void type_free(const ws_type *t, void *v) {
  t->free(t, v);
}

static ws_status type_copy(const ws_type *t, void *dst, const void *src) {
  return t->copy(t, dst, src);
}

static bool type_equal(const ws_type *t, const void *a, const void *b) {
  return t->equal(t, a, b);
}

static ws_status type_validate(const ws_type *t, const void *v, ws_error *err) {
  return t->validate(t, v, err);
}

static ws_status type_encode(const ws_type *t, const void *v, ws_format f,
                             ws_buf *out, ws_error *err) {
  return t->encode(t, v, f, out, err);
}

/* ---- values under test ----------------------------------------------------------- */

static const ws_typetest_fill fill_all = {false, WS_TYPETEST_NO_FLIP};

static void *new_value(const ws_type *t) {
  void *v = calloc(1, t->size);
  assert_non_null(v);
  return v;
}

static void drop(const ws_type *t, void *v) {
  type_free(t, v);
  free(v);
}

static void *init_value(const ws_type *t) {
  void *v = new_value(t);
  assert_int_equal(type_init(t, v), WS_OK);
  return v;
}

/* An init'ed value filled as `how` says. */
static void *filled_as(const ws_typetest_class *c,
                       const ws_typetest_fill *how) {
  void *v = init_value(c->type);
  assert_int_equal(ws_typetest_fill_class(c->type, v, how), WS_OK);
  return v;
}

static void *filled(const ws_typetest_class *c) {
  return filled_as(c, &fill_all);
}

/* v in one form, in a buffer the caller frees. */
static ws_buf encoded(const ws_type *t, const void *v, ws_format format) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  assert_int_equal(type_encode(t, v, format, &out, &err), WS_OK);
  assert_non_null(out.data);
  return out;
}

/* ---- the checks ------------------------------------------------------------------- */

typedef struct ws_typetest_ctx ctx;
typedef void (*check_fn)(const ctx *x);

struct ws_typetest_ctx {
  const ws_typetest_module *m;
  const ws_typetest_class *c;
  const ws_typetest_refusal *r; /* for a decode_refuses_ test */
  check_fn check;
};

/* init gives every field its schema default. */
static void init_sets_defaults(const ctx *x) {
  const ws_type *t = x->c->type;
  void *want = new_value(t);
  void *v = init_value(t);
  if (x->c->defaults != NULL) /* else every default is the all-zero value */
    assert_int_equal(x->c->defaults(want), WS_OK);
  assert_true(type_equal(t, v, want));
  assert_true(type_equal(t, want, v));
  drop(t, v);
  drop(t, want);
}

/* make copies the required fields and leaves the others at their
 * defaults. */
static void make_sets_required_fields(const ctx *x) {
  static const ws_typetest_fill required = {true, WS_TYPETEST_NO_FLIP};
  const ws_type *t = x->c->type;
  void *src = filled(x->c);
  void *want = filled_as(x->c, &required);
  void *v = new_value(t);
  assert_int_equal(x->c->make(v, src), WS_OK);
  assert_true(type_equal(t, v, want));
  drop(t, v);
  drop(t, want);
  drop(t, src);
}

/* A deep copy equals its original. */
static void copy_equals_original(const ctx *x) {
  const ws_type *t = x->c->type;
  void *v = filled(x->c);
  void *copy = new_value(t);
  assert_int_equal(type_copy(t, copy, v), WS_OK);
  assert_true(type_equal(t, copy, v));
  assert_true(type_equal(t, v, v));
  drop(t, copy);
  drop(t, v);
}

/* A value with any one field changed is unequal, both ways. */
static void differs_when_any_field_changes(const ctx *x) {
  const ws_type *t = x->c->type;
  void *v = filled(x->c);
  for (size_t i = 0; i < t->field_count; i++) {
    ws_typetest_fill how = {false, i};
    void *other = filled_as(x->c, &how);
    if (type_equal(t, other, v) || type_equal(t, v, other))
      fail_msg("changing field %s leaves the value equal", t->fields[i].name);
    drop(t, other);
  }
  drop(t, v);
}

/* Encode refuses v in format, naming path, and leaves the buffer as it was. */
static void expect_refused(const ws_type *t, const void *v, ws_format format,
                           const char *path) {
  ws_buf out;
  ws_error err;
  ws_buf_init(&out);
  ws_error_clear(&err);
  ws_buf_put(&out, "kept", 4);
  assert_int_equal(out.status, WS_OK);
  ws_status st = type_encode(t, v, format, &out, &err);
  /* a range that leaves 0 out, or a field of an abstract class unset */
  if (st != WS_ERANGE && st != WS_ECONSTRAINT && st != WS_EMISSING)
    fail_msg("encode of the init value gave %s, not a constraint error",
             ws_status_str(st));
  assert_string_equal(err.path, path);
  assert_int_equal(out.len, 4);
  assert_memory_equal(out.data, "kept", 4);
  ws_buf_free(&out);
}

/* A text of the table: whole, or its pieces joined. Free with ws_buf_free. */
static ws_buf text_of(const char *whole, const char *const *pieces) {
  ws_buf b;
  ws_buf_init(&b);
  if (whole != NULL)
    ws_buf_puts(&b, whole);
  for (; whole == NULL && pieces != NULL && *pieces != NULL; pieces++)
    ws_buf_puts(&b, *pieces);
  ws_buf_putc(&b, '\0'); /* data is never NULL, even for "" */
  b.len--;
  assert_int_equal(b.status, WS_OK);
  return b;
}

static void expect_default_json(const ctx *x, ws_format format,
                                const char *whole, const char *const *pieces) {
  const ws_type *t = x->c->type;
  void *v = init_value(t);
  if (x->c->init_refused != NULL) {
    expect_refused(t, v, format, x->c->init_refused);
  } else {
    ws_buf want = text_of(whole, pieces);
    ws_buf json = encoded(t, v, format);
    assert_string_equal(json.data, want.data);
    ws_buf_free(&json);
    ws_buf_free(&want);
  }
  drop(t, v);
}

/* The init value as json.dumps(d, ensure_ascii=False, separators=(',', ':')). */
static void default_encodes_to_compact_json(const ctx *x) {
  expect_default_json(x, WS_FORMAT_JSON, x->c->json, x->c->json_pieces);
}

/* The init value as json.dumps(d). */
static void default_encodes_to_python_json(const ctx *x) {
  expect_default_json(x, WS_FORMAT_JSON_PYTHON, x->c->json_python,
                      x->c->json_python_pieces);
}

/* A dict in the str form: braces around it. */
static void expect_dict_text(const ws_type *t, const void *v) {
  ws_buf b = encoded(t, v, WS_FORMAT_STR);
  assert_true(b.len >= 2);
  assert_int_equal(b.data[0], '{');
  assert_int_equal(b.data[b.len - 1], '}');
  ws_buf_free(&b);
}

/* The str form of the init and of the test value is a dict (or, for an
 * init value that breaks a constraint, refused as JSON is). */
static void str_form_is_a_dict(const ctx *x) {
  const ws_type *t = x->c->type;
  void *v = init_value(t);
  if (x->c->init_refused != NULL)
    expect_refused(t, v, WS_FORMAT_STR, x->c->init_refused);
  else
    expect_dict_text(t, v);
  assert_int_equal(ws_typetest_fill_class(t, v, &fill_all), WS_OK);
  expect_dict_text(t, v);
  drop(t, v);
}

/* The test value keeps every constraint. */
static void test_value_validates(const ctx *x) {
  ws_error err;
  void *v = filled(x->c);
  assert_int_equal(type_validate(x->c->type, v, &err), WS_OK);
  drop(x->c->type, v);
}

/* decode(encode(x)) == x for the test value in one JSON form. */
static void expect_round_trip(const ctx *x, ws_format format) {
  const ws_type *t = x->c->type;
  ws_error err;
  void *v = filled(x->c);
  void *back = new_value(t);
  ws_buf json = encoded(t, v, format);
  assert_true(json.len > 0 && json.data[0] == '{');
  assert_int_equal(ws_type_decode(t, back, json.data, json.len, NULL, &err),
                   WS_OK);
  assert_true(type_equal(t, back, v));
  ws_buf_free(&json);
  drop(t, back);
  drop(t, v);
}

static void round_trips_through_compact_json(const ctx *x) {
  expect_round_trip(x, WS_FORMAT_JSON);
}

static void round_trips_through_python_json(const ctx *x) {
  expect_round_trip(x, WS_FORMAT_JSON_PYTHON);
}

/* Decoding the refusal's input fails with its status, the message says what
 * it must, and the value is left safe to free. */
static void decode_refuses(const ctx *x) {
  const ws_typetest_refusal *r = x->r;
  const ws_type *t = x->c->type;
  ws_error err;
  ws_buf json;
  ws_buf_init(&json);
  ws_buf_puts(&json, r->json);
  if (r->count > 0) {
    ws_buf_put_repeat(&json, r->repeat, r->count);
    ws_buf_puts(&json, r->tail);
  }
  assert_int_equal(json.status, WS_OK);
  void *v = new_value(t);
  assert_int_equal(ws_type_decode(t, v, json.data, json.len, NULL, &err),
                   r->status);
  assert_int_equal(err.code, r->status);
  if (strstr(err.msg, r->said) == NULL)
    fail_msg("message \"%s\" does not say \"%s\"", err.msg, r->said);
  drop(t, v);
  ws_buf_free(&json);
}

/* json (an object) with unknown members in front (JSON members, without
 * the braces). */
static ws_buf with_members(const ws_buf *json, const char *members) {
  ws_buf out;
  ws_buf_init(&out);
  ws_buf_putc(&out, '{');
  ws_buf_puts(&out, members);
  if (json->data[1] != '}')
    ws_buf_putc(&out, ',');
  ws_buf_put(&out, json->data + 1, json->len - 1);
  assert_int_equal(out.status, WS_OK);
  return out;
}

/* With skip_unknown, an unknown member (even a nested one) is ignored. */
static void decode_skips_unknown_field_when_asked(const ctx *x) {
  const ws_type *t = x->c->type;
  ws_error err;
  ws_decode_opts opts;
  memset(&opts, 0, sizeof opts);
  opts.skip_unknown = true;
  void *v = filled(x->c);
  void *back = new_value(t);
  ws_buf json = encoded(t, v, WS_FORMAT_JSON);
  ws_buf more = with_members(&json, "\"zz_unknown\":[1,{\"a\":null}]");
  assert_int_equal(ws_type_decode(t, back, more.data, more.len, &opts, &err),
                   WS_OK);
  assert_true(type_equal(t, back, v));
  ws_buf_free(&more);
  /* A key given twice is refused, skipped or not, at any depth. */
  static const char *const twice[] = {
      "\"zz_unknown\":1,\"zz_unknown\":2",
      "\"zz_unknown\":1,\"zz_\\u0075nknown\":2",
      "\"zz_unknown\":[{\"a\":{\"b\":1,\"b\":[]}}]"};
  for (size_t i = 0; i < sizeof twice / sizeof twice[0]; i++) {
    void *refused = new_value(t);
    more = with_members(&json, twice[i]);
    assert_int_equal(
        ws_type_decode(t, refused, more.data, more.len, &opts, &err),
        WS_EDUPLICATE);
    ws_buf_free(&more);
    drop(t, refused);
  }
  ws_buf_free(&json);
  drop(t, back);
  drop(t, v);
}

/* One run of the allocation sweep: init, fill, make, copy, encode in every
 * form, decode, into values the cleanup frees. */
typedef struct sweep_objects {
  const ws_typetest_class *c;
  void *v, *made, *copy, *back;
  ws_buf text;
} sweep_objects;

static ws_status allocate_all(void *p) {
  sweep_objects *o = p;
  const ws_type *t = o->c->type;
  ws_error err;
  ws_status st = type_init(t, o->v);
  st = st != WS_OK ? st : ws_typetest_fill_class(t, o->v, &fill_all);
  if (o->c->make != NULL)
    st = st != WS_OK ? st : o->c->make(o->made, o->v);
  st = st != WS_OK ? st : type_copy(t, o->copy, o->v);
  st = st != WS_OK ? st : type_encode(t, o->v, WS_FORMAT_STR, &o->text, &err);
  st = st != WS_OK
           ? st
           : type_encode(t, o->v, WS_FORMAT_JSON_PYTHON, &o->text, &err);
  ws_buf_reset(&o->text);
  st = st != WS_OK ? st : type_encode(t, o->v, WS_FORMAT_JSON, &o->text, &err);
  return st != WS_OK ? st
                     : ws_type_decode(t, o->back, o->text.data, o->text.len,
                                      NULL, &err);
}

/* Frees what a run built and zeroes it for the next run. */
static void free_all(void *p) {
  sweep_objects *o = p;
  const ws_type *t = o->c->type;
  void *values[] = {o->v, o->made, o->copy, o->back};
  for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
    type_free(t, values[i]);
    memset(values[i], 0, t->size);
  }
  ws_buf_free(&o->text);
}

/* Failing each allocation in turn gives WS_ENOMEM and leaks nothing. */
static void survives_every_allocation_failure(const ctx *x) {
  const ws_type *t = x->c->type;
  sweep_objects o;
  o.c = x->c;
  o.v = new_value(t);
  o.made = new_value(t);
  o.copy = new_value(t);
  o.back = new_value(t);
  ws_buf_init(&o.text);
  assert_true(ws_typetest_sweep(allocate_all, free_all, &o) > 0);
  free(o.v);
  free(o.made);
  free(o.copy);
  free(o.back);
}

/* Whether k is the class or one of the bases the table names. */
static bool is_named_ancestor(const ws_typetest_class *c, const ws_type *k) {
  if (k == c->type)
    return true;
  for (const ws_typetest_base *b = c->bases; b->type != NULL; b++)
    if (b->type == k)
      return true;
  return false;
}

/* Through a pointer to the root, the type tag (the struct's first member)
 * names the class, and ws_type_is holds for the class and its bases only. */
static void is_told_apart_through_its_base(const ctx *x) {
  const ws_type *t = x->c->type;
  void *v = init_value(t);
  const ws_type *tag = *(const ws_type *const *)v;
  assert_ptr_equal(tag, t);
  for (size_t i = 0; i < x->m->type_count; i++) {
    const ws_type *k = x->m->types[i];
    if (ws_type_is(tag, k) != is_named_ancestor(x->c, k))
      fail_msg("ws_type_is(%s, %s) is wrong", t->name, k->name);
  }
  drop(t, v);
}

/* Through one base: the same encoding, an equal copy, a free that releases
 * it; and an abstract base's own encode dispatches too. */
static void expect_works_through(const ws_typetest_base *b, const ws_type *t,
                                 const void *v, const ws_buf *direct) {
  ws_error err;
  ws_buf via = encoded(b->type, v, WS_FORMAT_JSON);
  assert_string_equal(via.data, direct->data);
  ws_buf_free(&via);
  void *copy = new_value(t);
  assert_int_equal(type_copy(b->type, copy, v), WS_OK);
  assert_true(type_equal(b->type, copy, v));
  assert_true(type_equal(t, copy, v));
  type_free(b->type, copy);
  free(copy);
  if (b->encode != NULL) {
    ws_buf_init(&via);
    assert_int_equal(b->encode(v, WS_FORMAT_JSON, &via, &err), WS_OK);
    assert_string_equal(via.data, direct->data);
    ws_buf_free(&via);
  }
}

/* Each base's descriptor dispatches on the value's own class. */
static void works_through_its_base(const ctx *x) {
  const ws_type *t = x->c->type;
  void *v = filled(x->c);
  ws_buf direct = encoded(t, v, WS_FORMAT_JSON);
  for (const ws_typetest_base *b = x->c->bases; b->type != NULL; b++)
    expect_works_through(b, t, v, &direct);
  ws_buf_free(&direct);
  drop(t, v);
}

/* The descriptor names the class and its fields in order, and the module
 * finds it. */
static void descriptor_describes_it(const ctx *x) {
  const ws_type *t = x->c->type;
  ws_buf all = text_of(x->c->field_names, x->c->field_names_pieces);
  const char *names = all.data;
  size_t i = 0;
  assert_string_equal(t->name, x->c->name);
  assert_int_equal(t->size, x->c->size);
  assert_non_null(t->init);
  assert_ptr_equal(x->m->find(x->c->name), t);
  for (; *names != '\0'; i++) {
    size_t len = strcspn(names, ",");
    assert_true(i < t->field_count);
    if (strlen(t->fields[i].name) != len ||
        memcmp(t->fields[i].name, names, len) != 0)
      fail_msg("field %zu is %s, not %.*s", i, t->fields[i].name, (int)len,
               names);
    names += len + (names[len] == ',');
  }
  assert_int_equal(t->field_count, i);
  ws_buf_free(&all);
}

/* The class's own functions do what its descriptor's do. */
static void own_functions_agree_with_descriptor(const ctx *x) {
  const ws_type *t = x->c->type;
  ws_typetest_own o;
  void *v = filled(x->c);
  void *init = init_value(t);
  memset(&o, 0, sizeof o);
  o.v = v;
  o.init_value = init;
  o.scratch = new_value(t);
  ws_buf_init(&o.json);
  x->c->own(&o);
  assert_int_equal(o.init, WS_OK);
  assert_true(o.init_equal);
  assert_int_equal(o.copy, WS_OK);
  assert_true(o.copy_equal);
  assert_int_equal(o.validate, WS_OK);
  assert_int_equal(o.encode, WS_OK);
  assert_int_equal(o.decode, WS_OK);
  assert_true(o.decode_equal);
  ws_buf direct = encoded(t, v, WS_FORMAT_JSON);
  assert_string_equal(o.json.data, direct.data);
  ws_buf_free(&direct);
  ws_buf_free(&o.json);
  free(o.scratch);
  drop(t, init);
  drop(t, v);
}

static void replaces_its_target(const ctx *x) {
  ws_typetest_replaces_its_target(x->c);
}

static void failed_replace_leaves_target(const ctx *x) {
  ws_typetest_failed_replace_leaves_target(x->c);
}

/* ---- which checks a class gets ------------------------------------------------------ */

static bool has_make(const ws_typetest_class *c) {
  return c->make != NULL;
}
static bool has_fields(const ws_typetest_class *c) {
  return c->type->field_count > 0;
}
static bool has_base(const ws_typetest_class *c) {
  return c->bases != NULL;
}
static bool has_own(const ws_typetest_class *c) {
  return c->own != NULL;
}

typedef struct check {
  const char *name;
  bool (*applies)(const ws_typetest_class *c); /* NULL: every class */
  check_fn run; /* NULL: the class's refusals, one test each */
} check;

static const check checks[] = {
    {"init_sets_defaults", NULL, init_sets_defaults},
    {"make_sets_required_fields", has_make, make_sets_required_fields},
    {"copy_equals_original", NULL, copy_equals_original},
    {"differs_when_any_field_changes", has_fields,
     differs_when_any_field_changes},
    {"default_encodes_to_compact_json", NULL, default_encodes_to_compact_json},
    {"default_encodes_to_python_json", NULL, default_encodes_to_python_json},
    {"str_form_is_a_dict", NULL, str_form_is_a_dict},
    {"test_value_validates", NULL, test_value_validates},
    {"round_trips_through_compact_json", NULL,
     round_trips_through_compact_json},
    {"round_trips_through_python_json", NULL, round_trips_through_python_json},
    {"decode_refuses_", NULL, NULL},
    {"decode_skips_unknown_field_when_asked", NULL,
     decode_skips_unknown_field_when_asked},
    {"survives_every_allocation_failure", NULL,
     survives_every_allocation_failure},
    {"replaces_its_target", NULL, replaces_its_target},
    {"failed_replace_leaves_target", NULL, failed_replace_leaves_target},
    {"is_told_apart_through_its_base", has_base,
     is_told_apart_through_its_base},
    {"works_through_its_base", has_base, works_through_its_base},
    {"descriptor_describes_it", NULL, descriptor_describes_it},
    {"own_functions_agree_with_descriptor", has_own,
     own_functions_agree_with_descriptor},
};

#define CHECK_COUNT (sizeof checks / sizeof checks[0])

/* ---- the run ------------------------------------------------------------------------- */

static void run_one(void **state) {
  const ctx *x = *state;
  x->check(x);
}

/* The tests, in a block the caller frees: one per check that applies, one
 * per refusal. With out == NULL, only counts them. */
typedef struct plan {
  struct CMUnitTest *tests;
  ctx *ctxs;
  char **names;
  size_t count;
} plan;

static bool add_test(plan *p, const ws_typetest_module *m,
                     const ws_typetest_class *c, const char *check_name,
                     const char *suffix, check_fn fn,
                     const ws_typetest_refusal *r) {
  if (p->tests != NULL) {
    size_t n = strlen(c->name) + strlen(check_name) + strlen(suffix) + 2;
    char *name = malloc(n);
    if (name == NULL)
      return false;
    snprintf(name, n, "%s.%s%s", c->name, check_name, suffix);
    ctx *x = &p->ctxs[p->count];
    x->m = m;
    x->c = c;
    x->r = r;
    x->check = fn;
    p->names[p->count] = name;
    p->tests[p->count] = (struct CMUnitTest){name, run_one, NULL, NULL, x};
  }
  p->count++;
  return true;
}

static bool plan_class(plan *p, const ws_typetest_module *m,
                       const ws_typetest_class *c) {
  for (size_t k = 0; k < CHECK_COUNT; k++) {
    const check *ck = &checks[k];
    if (ck->applies != NULL && !ck->applies(c))
      continue;
    if (ck->run != NULL) {
      if (!add_test(p, m, c, ck->name, "", ck->run, NULL))
        return false;
      continue;
    }
    for (const ws_typetest_refusal *r = c->refusals; r && r->name; r++)
      if (!add_test(p, m, c, ck->name, r->name, decode_refuses, r))
        return false;
  }
  return true;
}

static bool plan_module(plan *p, const ws_typetest_module *m) {
  p->count = 0;
  for (size_t i = 0; i < m->class_count; i++)
    if (!plan_class(p, m, &m->classes[i]))
      return false;
  return true;
}

static void plan_free(plan *p) {
  for (size_t i = 0; p->names != NULL && i < p->count; i++)
    free(p->names[i]);
  free(p->names);
  free(p->ctxs);
  free(p->tests);
}

int ws_typetest_run(const ws_typetest_module *m) {
  plan p = {NULL, NULL, NULL, 0};
  plan_module(&p, m); /* counts */
  size_t n = p.count ? p.count : 1;
  p.tests = calloc(n, sizeof *p.tests);
  p.ctxs = calloc(n, sizeof *p.ctxs);
  p.names = calloc(n, sizeof *p.names);
  int rc = -1;
  /* cmocka_run_group_tests is a macro over a fixed array; the function it
   * expands to takes a count, which a table built at run time needs. */
  if (p.tests != NULL && p.ctxs != NULL && p.names != NULL &&
      plan_module(&p, m))
    rc = _cmocka_run_group_tests(m->name, p.tests, p.count, NULL, NULL);
  else
    fprintf(stderr, "ws_typetest: out of memory\n");
  plan_free(&p);
  return rc;
}
