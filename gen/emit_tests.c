/* emit_tests.c - STEM_test.c: a cmocka program that checks the generated API
 * of every concrete class, one test function per behaviour.
 *
 * Expected values come from the IR only where they are simple to derive
 * (each field's default, the defaults' JSON in both modes); everything else
 * is a property: copies are equal, a changed field is not, decode(encode(x))
 * is x, bad input is refused with the right status and a value that is still
 * safe to free, and no allocation failure leaks. Byte-for-byte agreement with
 * Python is the conformance test's job.
 *
 * The test values ("filled" values) are deterministic and non-trivial:
 * non-ASCII text with quotes and a newline, bytes with NUL and high bits,
 * negative numbers, lists and maps of two, headers with a repeated name,
 * each inside the field's constraints. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_util.h"

/* ---- the scalar test values ---------------------------------------------- */

/* The two variants of each scalar; fill helpers pick one by `variant`. The
 * generator knows their lengths, to tell whether they fit a max_len. */
typedef struct sample {
  const char *text;
  size_t len;
} sample;

static const sample str_samples[2] = {
    {"Zo\xc3\xab \"q\" \xe2\x9c\x93", 12},      /* Zoë "q" ✓ */
    {"line\nbreak \xf0\x9f\x98\x80 \\", 17}};   /* a newline, an emoji */
static const sample bytes_samples[2] = {
    {"\x00\xff\"q\x80", 5}, {"\x01" "binary\xfe", 8}};
static const int64_t int_samples[2] = {-42, 7};

/* ---- expected JSON text, written straight into a C string literal ------- */

typedef c_literal text;

static void text_put(text *t, const char *p, size_t n) {
  c_literal_put(t, p, n);
}

static void text_puts(text *t, const char *z) { text_put(t, z, strlen(z)); }

/* One code point of valid UTF-8 at s (the checker guarantees validity);
 * returns its length. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp) {
  if (s[0] < 0x80) {
    *cp = s[0];
    return 1;
  }
  if (s[0] < 0xe0) {
    *cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
    return 2;
  }
  if (s[0] < 0xf0) {
    *cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
          (s[2] & 0x3f);
    return 3;
  }
  *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
        (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
  return 4;
}

static void text_put_u(text *t, uint32_t unit) {
  char esc[16]; /* "\\u" and four hex digits; room for any uint32_t */
  snprintf(esc, sizeof esc, "\\u%04" PRIx32, unit);
  text_puts(t, esc);
}

/* The escape json.dumps writes for cp, or NULL when cp is copied as is.
 * ascii: ensure_ascii=True (python mode) also escapes all but ' '..'~'. */
static bool json_escape(text *t, uint32_t cp, bool ascii) {
  switch (cp) {
  case '"': text_puts(t, "\\\""); return true;
  case '\\': text_puts(t, "\\\\"); return true;
  case '\n': text_puts(t, "\\n"); return true;
  case '\r': text_puts(t, "\\r"); return true;
  case '\t': text_puts(t, "\\t"); return true;
  case '\b': text_puts(t, "\\b"); return true;
  case '\f': text_puts(t, "\\f"); return true;
  default: break;
  }
  if (cp < 0x20 || (ascii && cp > 0x7e && cp <= 0xffff)) {
    text_put_u(t, cp);
    return true;
  }
  if (ascii && cp > 0xffff) {
    text_put_u(t, 0xd800 + ((cp - 0x10000) >> 10));
    text_put_u(t, 0xdc00 + ((cp - 0x10000) & 0x3ff));
    return true;
  }
  return false;
}

/* s[0..len) as json.dumps writes a str. */
static void json_put_string(text *t, const char *s, size_t len, bool python) {
  const unsigned char *p = (const unsigned char *)s;
  text_puts(t, "\"");
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = utf8_next(p + i, &cp);
    if (!json_escape(t, cp, python)) {
      text_put(t, s + i, n);
    }
    i += n;
  }
  text_puts(t, "\"");
}

/* What init leaves in a required field, as JSON. */
static const char *json_of_empty(const ir_type *t) {
  switch (t->kind) {
  case IR_STR:
  case IR_BYTES: return "\"\"";
  case IR_INT: return "0";
  case IR_BOOL: return "false";
  case IR_LIST: return "[]";
  case IR_HEADERS:
  case IR_MAP: return "{}";
  case IR_OPT: return "null";
  }
  return "null";
}

static void json_put_default(text *t, const ir_field *fd, bool python) {
  const ir_value *d = &fd->def;
  char num[32];
  switch (d->kind) {
  case IR_VALUE_NONE: text_puts(t, json_of_empty(fd->type)); return;
  case IR_VALUE_NULL: text_puts(t, "null"); return;
  case IR_VALUE_BOOL: text_puts(t, d->b ? "true" : "false"); return;
  case IR_VALUE_INT:
    snprintf(num, sizeof num, "%" PRId64, d->i);
    text_puts(t, num);
    return;
  case IR_VALUE_STR: json_put_string(t, d->s, d->s_len, python); return;
  case IR_VALUE_EMPTY_LIST: text_puts(t, "[]"); return;
  case IR_VALUE_EMPTY_MAP: text_puts(t, "{}"); return;
  }
}

/* The field dict of c's init value, as json.dumps writes it in one mode. */
static void json_of_defaults(text *t, const ir_class *c, bool python) {
  text_puts(t, "{");
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (i > 0) {
      text_puts(t, python ? ", " : ",");
    }
    json_put_string(t, fd->name, strlen(fd->name), python);
    text_puts(t, python ? ": " : ":");
    json_put_default(t, fd, python);
  }
  text_puts(t, "}");
}

/* ---- what the file needs ------------------------------------------------------ */

/* The scalar a field's constraint applies to: the field's type, or the T
 * inside its T?. */
static const ir_type *value_type(const ir_field *fd) {
  return fd->type->kind == IR_OPT ? fd->type->elem : fd->type;
}

/* True when the field's test value is the generic fill_<mangled> one; a
 * field with a range, or a max_len its sample exceeds, gets its own value. */
static bool field_fill_is_generic(const ir_field *fd, size_t index) {
  const ir_constraints *k = &fd->constraints;
  const ir_type *t = value_type(fd);
  if (k->has_range) {
    return false;
  }
  if (!k->has_max_len) {
    return true;
  }
  const sample *s = t->kind == IR_STR ? str_samples : bytes_samples;
  return s[index % 2].len <= k->max_len;
}

/* True when a concrete class's fill calls the fill helper of a type in the
 * chain of its field types that is t or, with t NULL, is of kind `kind`
 * (helpers are emitted only when called: no unused functions). */
static bool fill_is_called(const ir_module *m, const ir_type *t,
                           ir_kind kind) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    for (size_t j = 0; !c->is_abstract && j < c->all_field_count; j++) {
      const ir_field *fd = c->all_fields[j];
      for (const ir_type *k = fd->type; k != NULL; k = k->elem) {
        if (field_fill_is_generic(fd, j) &&
            (t != NULL ? k == t : k->kind == kind)) {
          return true;
        }
      }
    }
  }
  return false;
}

/* True when some concrete class has a str default (for assert_str_is). */
static bool has_str_default(const ir_module *m) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    for (size_t j = 0; !c->is_abstract && j < c->all_field_count; j++) {
      if (c->all_fields[j]->def.kind == IR_VALUE_STR) {
        return true;
      }
    }
  }
  return false;
}

static bool has_concrete_class(const ir_module *m) {
  for (size_t i = 0; i < m->class_count; i++) {
    if (!m->classes[i]->is_abstract) {
      return true;
    }
  }
  return false;
}

/* ---- small emitting helpers ----------------------------------------------------- */

/* PREFIX + the member path of fd in c: "v->base.payload", "copy.host". */
static void emit_member(FILE *f, const char *prefix, const ir_class *c,
                        const ir_field *fd) {
  fputs(prefix, f);
  emit_field_member(f, c, fd);
}

/* `a == b` for int and bool, else `T_equal(&a, &b)`. */
static void emit_equal_expr(FILE *f, const ir_type *t, const char *a_prefix,
                            const char *b_prefix, const ir_class *c,
                            const ir_field *fd) {
  if (emit_type_is_plain(t)) {
    emit_member(f, a_prefix, c, fd);
    fputs(" == ", f);
    emit_member(f, b_prefix, c, fd);
    return;
  }
  emit_type_fn(f, t, "equal");
  fputs("(&", f);
  emit_member(f, a_prefix, c, fd);
  fputs(", &", f);
  emit_member(f, b_prefix, c, fd);
  fputs(")", f);
}

static const ir_field *first_constrained(const ir_class *c, bool max_len) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_constraints *k = &c->all_fields[i]->constraints;
    if (max_len ? k->has_max_len
                : k->has_range && (k->min > INT64_MIN || k->max < INT64_MAX)) {
      return c->all_fields[i];
    }
  }
  return NULL;
}

/* ---- the file's prologue and shared helpers ------------------------------------- */

static void emit_prologue(FILE *f, const ir_module *m) {
  emit_banner(f, m);
  fprintf(f,
          "/* cmocka tests of the API generated for %s:\n"
          " * one test per behaviour of each class. Expected texts here are "
          "only the\n"
          " * simple ones derived from the schema; the conformance tests "
          "compare\n"
          " * every form with Python. */\n"
          "#include <setjmp.h>\n#include <stdarg.h>\n#include <stdbool.h>\n"
          "#include <stddef.h>\n#include <stdint.h>\n#include <string.h>\n\n"
          "#include <cmocka.h>\n\n#include \"failalloc.h\"\n#include \"%s.h\"\n\n",
          m->name, m->stem);
}

static void emit_assert_str_is(FILE *f) {
  fputs("/* s holds exactly want[0..len). */\n"
        "static void assert_str_is(const ws_str *s, const char *want, size_t "
        "len) {\n"
        "  assert_int_equal(s->len, len);\n"
        "  if (len > 0) {\n"
        "    assert_memory_equal(s->ptr, want, len);\n"
        "  }\n"
        "}\n\n",
        f);
}

static void emit_with_unknown_member(FILE *f) {
  fputs("/* json (an object) with an unknown member in front, whose value "
        "nests. */\n"
        "static ws_buf with_unknown_member(const ws_buf *json) {\n"
        "  ws_buf out;\n"
        "  ws_buf_init(&out);\n"
        "  ws_buf_puts(&out, \"{\\\"zz_unknown\\\":[1,{\\\"a\\\":null}]\");\n"
        "  if (json->data[1] != '}') {\n"
        "    ws_buf_putc(&out, ',');\n"
        "  }\n"
        "  ws_buf_put(&out, json->data + 1, json->len - 1);\n"
        "  assert_int_equal(out.status, WS_OK);\n"
        "  return out;\n"
        "}\n\n"
        "/* A dict in the str form: braces around it. */\n"
        "static void assert_is_dict_text(const ws_buf *b) {\n"
        "  assert_true(b->len >= 2);\n"
        "  assert_int_equal(b->data[0], '{');\n"
        "  assert_int_equal(b->data[b->len - 1], '}');\n"
        "}\n\n",
        f);
}

/* ---- fill helpers: a test value per type ------------------------------------------ */

/* A scalar type as the fill helpers name it (scalars have no ir_type of
 * their own to hand here: they are found by kind). */
typedef struct scalar {
  ir_kind kind;
  const char *mangled, *c_name;
} scalar;

static const scalar scalars[] = {{IR_STR, "str", "ws_str"},
                                 {IR_BYTES, "bytes", "ws_bytes"},
                                 {IR_INT, "int", "int64_t"},
                                 {IR_BOOL, "bool", "bool"},
                                 {IR_HEADERS, "headers", "ws_headers"}};

static void emit_fill_signature(FILE *f, const char *mangled,
                                const char *c_name) {
  fprintf(f, "static void fill_%s(%s *v, int variant, ws_status *st) {\n",
          mangled, c_name);
}

static void emit_sample_table(FILE *f, const char *name, const sample *s) {
  fprintf(f, "  static const char *const %s[2] = {", name);
  emit_c_string(f, s[0].text, s[0].len);
  fputs(", ", f);
  emit_c_string(f, s[1].text, s[1].len);
  fprintf(f, "};\n  static const size_t %s_len[2] = {%zu, %zu};\n", name,
          s[0].len, s[1].len);
}

static void emit_fill_str_like(FILE *f, const scalar *t, const char *setter,
                               const sample *s) {
  emit_fill_signature(f, t->mangled, t->c_name);
  emit_sample_table(f, "samples", s);
  fprintf(f,
          "  if (*st == WS_OK) {\n"
          "    *st = %s(v, samples[variant %% 2], samples_len[variant %% "
          "2]);\n"
          "  }\n}\n\n",
          setter);
}

static void emit_fill_scalar(FILE *f, const scalar *t) {
  switch (t->kind) {
  case IR_STR: emit_fill_str_like(f, t, "ws_str_set", str_samples); return;
  case IR_BYTES:
    emit_fill_str_like(f, t, "ws_bytes_set", bytes_samples);
    return;
  case IR_INT:
    emit_fill_signature(f, t->mangled, t->c_name);
    fputs("  (void)st; /* cannot fail */\n  *v = variant % 2 == 0 ? ", f);
    emit_int64(f, int_samples[0]);
    fputs(" : ", f);
    emit_int64(f, int_samples[1]);
    fputs(";\n}\n\n", f);
    return;
  case IR_BOOL:
    emit_fill_signature(f, t->mangled, t->c_name);
    fputs("  (void)st; /* cannot fail */\n  *v = variant % 2 == 0;\n}\n\n",
          f);
    return;
  default:
    break;
  }
  /* headers: a repeated name, grouped, so JSON keeps the order */
  emit_fill_signature(f, t->mangled, t->c_name);
  fputs("  static const char *const host[2] = {\"example.com\", "
        "\"b\\303\\274cher.example\"};\n"
        "  if (*st == WS_OK) {\n"
        "    *st = ws_headers_add(v, ws_cstr(\"Host\"), "
        "ws_cstr(host[variant % 2]));\n  }\n"
        "  if (*st == WS_OK) {\n"
        "    *st = ws_headers_add(v, ws_cstr(\"X-Multi\"), ws_cstr(\"one\"));\n"
        "  }\n"
        "  if (*st == WS_OK) {\n"
        "    *st = ws_headers_add(v, ws_cstr(\"X-Multi\"), "
        "ws_cstr(\"two \\\"2\\\"\"));\n  }\n}\n\n",
        f);
}

/* An element built in `item`, then added with add_fn (which copies it). */
static void emit_fill_item(FILE *f, const ir_type *elem, const char *add_call) {
  fprintf(f,
          "    %s item;\n"
          "    memset(&item, 0, sizeof item);\n"
          "    fill_%s(&item, variant + i, st);\n"
          "    if (*st == WS_OK) {\n"
          "      *st = %s;\n    }\n",
          elem->c_name, elem->mangled, add_call);
  if (!emit_type_is_plain(elem)) {
    fputs("    ", f);
    emit_type_fn(f, elem, "free");
    fputs("(&item);\n", f);
  }
}

static void emit_fill_composite(FILE *f, const ir_type *t) {
  const char *item_arg = emit_type_is_plain(t->elem) ? "item" : "&item";
  char call[512];
  emit_fill_signature(f, t->mangled, t->c_name);
  if (t->kind == IR_OPT) {
    fprintf(f, "  v->present = true;\n  fill_%s(&v->value, variant, st);\n"
               "}\n\n",
            t->elem->mangled);
    return;
  }
  if (t->kind == IR_MAP) {
    fputs("  static const char *const keys[3] = {\"alpha\", "
          "\"b\\303\\251ta \\\"2\\\"\", \"gamma\"};\n",
          f);
    snprintf(call, sizeof call,
             "%s_set(v, ws_cstr(keys[(variant + i) %% 3]), %s)", t->c_name,
             item_arg);
  } else {
    snprintf(call, sizeof call, "%s_append(v, %s)", t->c_name, item_arg);
  }
  fputs("  for (int i = 0; i < 2; i++) {\n", f);
  emit_fill_item(f, t->elem, call);
  fputs("  }\n}\n\n", f);
}

/* Scalars first, then composites (elements before containers). */
static void emit_fill_helpers(FILE *f, const ir_module *m) {
  fputs("/* Test values, varied by `variant`; each does nothing once *st "
        "holds a\n"
        " * failure, so a fill is straight-line code checked once. */\n",
        f);
  for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
    if (fill_is_called(m, NULL, scalars[i].kind)) {
      emit_fill_scalar(f, &scalars[i]);
    }
  }
  for (size_t i = 0; i < m->composite_count; i++) {
    if (fill_is_called(m, m->composites[i], IR_STR)) {
      emit_fill_composite(f, m->composites[i]);
    }
  }
}

/* ---- per class: fill, helpers ------------------------------------------------------ */

/* A test value inside a range: the sample when it fits, else the middle. */
static int64_t value_in_range(const ir_constraints *k, size_t index) {
  int64_t want = int_samples[index % 2];
  if (want >= k->min && want <= k->max) {
    return want;
  }
  return k->min + (int64_t)(((uint64_t)k->max - (uint64_t)k->min) / 2);
}

/* A field whose constraint rules out the generic test value. */
static void emit_fill_constrained(FILE *f, const ir_class *c,
                                  const ir_field *fd, size_t index) {
  bool opt = fd->type->kind == IR_OPT;
  const char *value = opt ? ".value" : "";
  if (opt) {
    fputs("  ", f);
    emit_member(f, "v->", c, fd);
    fputs(".present = true;\n", f);
  }
  if (fd->constraints.has_range) {
    fputs("  ", f);
    emit_member(f, "v->", c, fd);
    fprintf(f, "%s = ", value);
    emit_int64(f, value_in_range(&fd->constraints, index));
    fputs(";\n", f);
    return;
  }
  /* max_len shorter than the sample: up to 3 ASCII bytes, a quote among them */
  size_t len = fd->constraints.max_len < 3 ? (size_t)fd->constraints.max_len : 3;
  fprintf(f, "  if (st == WS_OK) {\n    st = %s(&",
          value_type(fd)->kind == IR_STR ? "ws_str_set" : "ws_bytes_set");
  emit_member(f, "v->", c, fd);
  fprintf(f, "%s, ", value);
  emit_c_string(f, "a\"b", len);
  fprintf(f, ", %zu);\n  }\n", len);
}

static void emit_class_fill(FILE *f, const ir_class *c) {
  fprintf(f,
          "/* Sets every field of an init'ed v to its test value. */\n"
          "static ws_status fill_%s_fields(%s *v) {\n  ws_status st = WS_OK;\n",
          c->snake, c->c_name);
  if (c->all_field_count == 0) {
    fputs("  (void)v; /* no fields */\n", f);
  }
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (!field_fill_is_generic(fd, i)) {
      emit_fill_constrained(f, c, fd, i);
      continue;
    }
    fprintf(f, "  fill_%s(&", fd->type->mangled);
    emit_member(f, "v->", c, fd);
    fprintf(f, ", %zu, &st);\n", i % 2);
  }
  fputs("  return st;\n}\n\n", f);
}

/* ---- per class: the tests' bodies -------------------------------------------- */

/* Each body_* writes the statements of one test; the driver at the end
 * writes the function around them. */

/* The init value of one field is its default (a required one is empty). */
static void emit_default_check(FILE *f, const ir_class *c,
                               const ir_field *fd) {
  const ir_value *d = &fd->def;
  const ir_type *t = fd->type;
  const char *value = t->kind == IR_OPT ? ".value" : "";
  if (d->kind == IR_VALUE_NONE || d->kind == IR_VALUE_NULL) {
    bool flag = t->kind == IR_OPT || t->kind == IR_BOOL;
    fputs(flag ? "  assert_false(" : "  assert_int_equal(", f);
    emit_member(f, "v.", c, fd);
    fputs(t->kind == IR_OPT    ? ".present);\n"
          : t->kind == IR_BOOL ? ");\n"
          : t->kind == IR_INT  ? ", 0);\n"
                               : ".len, 0);\n",
          f);
    return;
  }
  if (t->kind == IR_OPT) {
    fputs("  assert_true(", f);
    emit_member(f, "v.", c, fd);
    fputs(".present);\n", f);
  }
  if (d->kind == IR_VALUE_STR) {
    fputs("  assert_str_is(&", f);
    emit_member(f, "v.", c, fd);
    fprintf(f, "%s, ", value);
    emit_c_string(f, d->s, d->s_len);
    fprintf(f, ", %zu);\n", d->s_len);
  } else if (d->kind == IR_VALUE_INT) {
    fputs("  assert_int_equal(", f);
    emit_member(f, "v.", c, fd);
    fprintf(f, "%s, ", value);
    emit_int64(f, d->i);
    fputs(");\n", f);
  } else if (d->kind == IR_VALUE_BOOL) {
    fputs(d->b ? "  assert_true(" : "  assert_false(", f);
    emit_member(f, "v.", c, fd);
    fprintf(f, "%s);\n", value);
  } else { /* [] or {} */
    fputs("  assert_int_equal(", f);
    emit_member(f, "v.", c, fd);
    fprintf(f, "%s.len, 0);\n", value);
  }
}

static void body_init(FILE *f, const ir_module *m, const ir_class *c) {
  (void)m;
  fprintf(f, "  %s v;\n  assert_int_equal(%s_init(&v), WS_OK);\n", c->c_name,
          c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    emit_default_check(f, c, c->all_fields[i]);
  }
  fprintf(f, "  %s_free(&v);\n", c->c_name);
}

/* make's argument for a required field, taken from the value at `src`
 * ("want." or "src->"). */
static void emit_make_arg(FILE *f, const ir_class *c, const ir_field *fd,
                          const char *src) {
  if (emit_make_takes_value(fd->type)) {
    emit_member(f, src, c, fd);
  } else if (fd->type->kind == IR_OPT) {
    emit_member(f, src, c, fd);
    fputs(".present ? &", f);
    emit_member(f, src, c, fd);
    fputs(".value : NULL", f);
  } else {
    fputs("&", f);
    emit_member(f, src, c, fd);
  }
}

/* TYPE_make(target, <each required field of the value at src>) */
static void emit_make_call(FILE *f, const ir_class *c, const char *target,
                           const char *src) {
  fprintf(f, "%s_make(%s", c->c_name, target);
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (emit_field_is_required(c->all_fields[i])) {
      fputs(", ", f);
      emit_make_arg(f, c, c->all_fields[i], src);
    }
  }
  fputs(")", f);
}

static void body_make(FILE *f, const ir_module *m, const ir_class *c) {
  (void)m;
  fprintf(f,
          "  %s want, def, v;\n  filled_%s(&want);\n"
          "  assert_int_equal(%s_init(&def), WS_OK);\n  assert_int_equal(",
          c->c_name, c->snake, c->c_name);
  emit_make_call(f, c, "&v", "want.");
  fputs(", WS_OK);\n", f);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    bool required = emit_field_is_required(fd);
    fputs("  assert_true(", f);
    emit_equal_expr(f, fd->type, "v.", required ? "want." : "def.", c, fd);
    fputs(");\n", f);
  }
  fprintf(f, "  %s_free(&v);\n  %s_free(&def);\n  %s_free(&want);\n",
          c->c_name, c->c_name, c->c_name);
}

static void body_copy(FILE *f, const ir_module *m, const ir_class *c) {
  const char *n = c->c_name;
  (void)m;
  fprintf(f,
          "  %s v, copy;\n  filled_%s(&v);\n"
          "  assert_int_equal(%s_copy(&copy, &v), WS_OK);\n"
          "  assert_true(%s_equal(&copy, &v));\n"
          "  assert_true(%s_equal(&v, &v));\n"
          "  %s_free(&copy);\n  %s_free(&v);\n",
          n, c->snake, n, n, n, n, n);
}

/* Changes one field of `copy` away from its test value. */
static void emit_change_field(FILE *f, const ir_class *c, const ir_field *fd) {
  switch (fd->type->kind) {
  case IR_STR:
  case IR_BYTES:
    fprintf(f, "  assert_int_equal(%s(&",
            fd->type->kind == IR_STR ? "ws_str_set" : "ws_bytes_set");
    emit_member(f, "copy.", c, fd);
    fputs(", \"other\", 5), WS_OK);\n", f);
    return;
  case IR_INT:
    fputs("  ", f);
    emit_member(f, "copy.", c, fd);
    fputs(" ^= 1;\n", f);
    return;
  case IR_BOOL:
    fputs("  ", f);
    emit_member(f, "copy.", c, fd);
    fputs(" = !", f);
    emit_member(f, "copy.", c, fd);
    fputs(";\n", f);
    return;
  default: /* every other test value is present or non-empty */
    fputs("  ", f);
    emit_type_fn(f, fd->type, "free");
    fputs("(&", f);
    emit_member(f, "copy.", c, fd);
    fputs(");\n", f);
  }
}

static void body_changed_fields(FILE *f, const ir_module *m,
                                const ir_class *c) {
  const char *n = c->c_name;
  (void)m;
  fprintf(f, "  %s v, copy;\n  filled_%s(&v);\n", n, c->snake);
  for (size_t i = 0; i < c->all_field_count; i++) {
    fprintf(f, "  assert_int_equal(%s_copy(&copy, &v), WS_OK);\n", n);
    emit_change_field(f, c, c->all_fields[i]);
    fprintf(f,
            "  assert_false(%s_equal(&copy, &v));\n"
            "  assert_false(%s_equal(&v, &copy));\n  %s_free(&copy);\n",
            n, n, n);
  }
  fprintf(f, "  %s_free(&v);\n", n);
}

static void emit_default_json(FILE *f, const ir_class *c, bool python) {
  text want;
  fprintf(f,
          "  %s v;\n  ws_buf json;\n"
          "  assert_int_equal(%s_init(&v), WS_OK);\n"
          "  json = encoded_%s(&v, %s);\n  assert_string_equal(json.data, ",
          c->c_name, c->c_name, c->snake,
          python ? "WS_FORMAT_JSON_PYTHON" : "WS_FORMAT_JSON");
  c_literal_open(&want, f);
  json_of_defaults(&want, c, python);
  c_literal_close(&want);
  fprintf(f, ");\n  ws_buf_free(&json);\n  %s_free(&v);\n", c->c_name);
}

static void body_default_compact_json(FILE *f, const ir_module *m,
                                      const ir_class *c) {
  (void)m;
  emit_default_json(f, c, false);
}

static void body_default_python_json(FILE *f, const ir_module *m,
                                     const ir_class *c) {
  (void)m;
  emit_default_json(f, c, true);
}

static void body_str_forms(FILE *f, const ir_module *m, const ir_class *c) {
  (void)m;
  fprintf(f,
          "  %s v;\n  ws_buf text;\n"
          "  assert_int_equal(%s_init(&v), WS_OK);\n"
          "  text = encoded_%s(&v, WS_FORMAT_STR);\n"
          "  assert_is_dict_text(&text);\n  ws_buf_free(&text);\n"
          "  assert_int_equal(fill_%s_fields(&v), WS_OK);\n"
          "  text = encoded_%s(&v, WS_FORMAT_STR);\n"
          "  assert_is_dict_text(&text);\n  ws_buf_free(&text);\n"
          "  %s_free(&v);\n",
          c->c_name, c->c_name, c->snake, c->snake, c->snake, c->c_name);
}

static void body_validates(FILE *f, const ir_module *m, const ir_class *c) {
  (void)m;
  fprintf(f,
          "  %s v;\n  ws_error err;\n  filled_%s(&v);\n"
          "  assert_int_equal(%s_validate(&v, &err), WS_OK);\n"
          "  %s_free(&v);\n",
          c->c_name, c->snake, c->c_name, c->c_name);
}

static void body_round_trip_compact(FILE *f, const ir_module *m,
                                    const ir_class *c) {
  (void)m;
  fprintf(f, "  expect_%s_round_trip(WS_FORMAT_JSON);\n", c->snake);
}

static void body_round_trip_python(FILE *f, const ir_module *m,
                                   const ir_class *c) {
  (void)m;
  fprintf(f, "  expect_%s_round_trip(WS_FORMAT_JSON_PYTHON);\n", c->snake);
}

/* A refusal whose JSON is a literal. */
static void emit_refusal(FILE *f, const ir_class *c, const char *json,
                         const char *status, const char *said) {
  fprintf(f, "  expect_%s_refuses(", c->snake);
  emit_c_cstring(f, json);
  fprintf(f, ", %s, ", status);
  emit_c_cstring(f, said);
  fputs(");\n", f);
}

static const ir_field *first_required(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (emit_field_is_required(c->all_fields[i])) {
      return c->all_fields[i];
    }
  }
  return NULL;
}

static void body_missing(FILE *f, const ir_module *m, const ir_class *c) {
  char said[256];
  (void)m;
  snprintf(said, sizeof said, "missing required field \"%s\" in $",
           first_required(c)->name);
  emit_refusal(f, c, "{}", "WS_EMISSING", said);
}

/* A JSON value of the wrong type for t. */
static const char *json_of_wrong_type(const ir_type *t) {
  while (t->kind == IR_OPT) {
    t = t->elem;
  }
  return t->kind == IR_INT || t->kind == IR_BOOL ? "\"wrong\"" : "true";
}

static void body_wrong_type(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_field *fd = c->all_fields[0];
  char json[256], said[256];
  (void)m;
  snprintf(json, sizeof json, "{\"%s\":%s}", fd->name,
           json_of_wrong_type(fd->type));
  snprintf(said, sizeof said, "$.%s", fd->name);
  emit_refusal(f, c, json, "WS_ETYPE", said);
}

static const ir_field *first_nonnullable(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (c->all_fields[i]->type->kind != IR_OPT) {
      return c->all_fields[i];
    }
  }
  return NULL;
}

static void body_null(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_field *fd = first_nonnullable(c);
  char json[256], said[512];
  (void)m;
  snprintf(json, sizeof json, "{\"%s\":null}", fd->name);
  snprintf(said, sizeof said, "null is not allowed for $.%s (%s)", fd->name,
           fd->type->spelling);
  emit_refusal(f, c, json, "WS_ETYPE", said);
}

/* A field name c does not have. */
static void unknown_name(char *out, size_t size, const ir_class *c) {
  bool taken = true;
  snprintf(out, size, "no_such_field");
  while (taken) {
    taken = false;
    for (size_t i = 0; i < c->all_field_count; i++) {
      taken |= strcmp(c->all_fields[i]->name, out) == 0;
    }
    if (taken) {
      strncat(out, "_x", size - 1 - strlen(out));
    }
  }
}

static void body_unknown(FILE *f, const ir_module *m, const ir_class *c) {
  char name[128], json[256], said[256];
  (void)m;
  unknown_name(name, sizeof name, c);
  snprintf(json, sizeof json, "{\"%s\":1}", name);
  snprintf(said, sizeof said, "unknown field \"%s\" in $ (%s has", name,
           c->name);
  emit_refusal(f, c, json, "WS_EUNKNOWN", said);
}

static void body_skip_unknown(FILE *f, const ir_module *m, const ir_class *c) {
  const char *n = c->c_name;
  (void)m;
  fprintf(f,
          "  %s v, back;\n  ws_error err;\n  ws_buf json, more;\n"
          "  ws_decode_opts opts;\n"
          "  memset(&opts, 0, sizeof opts);\n  opts.skip_unknown = true;\n"
          "  filled_%s(&v);\n  json = encoded_%s(&v, WS_FORMAT_JSON);\n"
          "  more = with_unknown_member(&json);\n"
          "  assert_int_equal(%s_decode(&back, more.data, more.len, &opts, "
          "&err), WS_OK);\n"
          "  assert_true(%s_equal(&back, &v));\n"
          "  ws_buf_free(&more);\n  ws_buf_free(&json);\n"
          "  %s_free(&back);\n  %s_free(&v);\n",
          n, c->snake, c->snake, n, n, n, n);
}

/* A valid JSON value for fd that keeps its constraints. */
static void json_of_valid(char *out, size_t size, const ir_field *fd) {
  if (fd->type->kind == IR_INT && fd->constraints.has_range) {
    snprintf(out, size, "%" PRId64, fd->constraints.min);
  } else {
    snprintf(out, size, "%s", json_of_empty(fd->type));
  }
}

static void body_duplicate(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_field *fd = c->all_fields[c->all_field_count - 1];
  char value[64], json[512], said[256];
  (void)m;
  json_of_valid(value, sizeof value, fd);
  snprintf(json, sizeof json, "{\"%s\":%s,\"%s\":%s}", fd->name, value,
           fd->name, value);
  snprintf(said, sizeof said, "duplicate key \"%s\" in $", fd->name);
  emit_refusal(f, c, json, "WS_EDUPLICATE", said);
}

/* max_len + 1 bytes or more, built at run time (limits can be large): 'x's
 * for a str, base64 'A's (zero bytes, no padding) for bytes. */
static void body_too_long(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_field *fd = first_constrained(c, true);
  uint64_t max = fd->constraints.max_len;
  bool is_str = value_type(fd)->kind == IR_STR;
  uint64_t chars = is_str ? max + 1 : (max + 3) / 3 * 4;
  (void)m;
  fprintf(f,
          "  ws_buf json;\n  ws_buf_init(&json);\n"
          "  ws_buf_puts(&json, \"{\\\"%s\\\":\\\"\");\n"
          "  ws_buf_put_repeat(&json, '%c', %" PRIu64 ");\n"
          "  ws_buf_puts(&json, \"\\\"}\");\n"
          "  assert_int_equal(json.status, WS_OK);\n"
          "  expect_%s_refuses(json.data, WS_ECONSTRAINT,\n"
          "                    \"more than the %" PRIu64
          " allowed (max_len %" PRIu64 ")\");\n"
          "  ws_buf_free(&json);\n",
          fd->name, is_str ? 'x' : 'A', chars, c->snake, max, max);
}

static void body_out_of_range(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_field *fd = first_constrained(c, false);
  const ir_constraints *k = &fd->constraints;
  char json[256], said[128];
  (void)m;
  snprintf(json, sizeof json, "{\"%s\":%" PRId64 "}", fd->name,
           k->max < INT64_MAX ? k->max + 1 : k->min - 1);
  snprintf(said, sizeof said, "(range %" PRId64 "..%" PRId64 ")", k->min,
           k->max);
  emit_refusal(f, c, json, "WS_ERANGE", said);
}

static void body_alloc_failure(FILE *f, const ir_module *m,
                               const ir_class *c) {
  (void)m;
  fprintf(f,
          "  %s_objects o;\n  memset(&o, 0, sizeof o);\n"
          "  assert_true(failalloc_check(allocate_%s, free_%s_objects, &o) > "
          "0);\n",
          c->snake, c->snake, c->snake);
}

/* True when k is c or one of its bases. */
static bool is_ancestor_or_self(const ir_class *k, const ir_class *c) {
  for (; c != NULL; c = c->base) {
    if (c == k) {
      return true;
    }
  }
  return false;
}

static void body_told_apart(FILE *f, const ir_module *m, const ir_class *c) {
  const ir_class *root = emit_class_root(c);
  fprintf(f,
          "  %s v;\n  const %s *as_root = (const %s *)&v;\n"
          "  assert_int_equal(%s_init(&v), WS_OK);\n"
          "  assert_ptr_equal(as_root->type, &%s_type);\n",
          c->c_name, root->c_name, root->c_name, c->c_name, c->c_name);
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *k = m->classes[i];
    if (emit_class_root(k) == root) {
      fprintf(f, "  assert_%s(ws_type_is(as_root->type, &%s_type));\n",
              is_ancestor_or_self(k, c) ? "true" : "false", k->c_name);
    }
  }
  fprintf(f, "  %s_free(&v);\n", c->c_name);
}

/* Through one base's descriptor: the same encoding, an equal copy, a free
 * that releases it; and an abstract base's own encode dispatches too. */
static void emit_through_base(FILE *f, const ir_class *c, const ir_class *b) {
  fprintf(f,
          "  ws_buf_init(&via);\n"
          "  assert_int_equal(%s_type.encode(&%s_type, &v, WS_FORMAT_JSON, "
          "&via, &err), WS_OK);\n"
          "  assert_string_equal(via.data, direct.data);\n"
          "  ws_buf_free(&via);\n"
          "  assert_int_equal(%s_type.copy(&%s_type, &copy, &v), WS_OK);\n"
          "  assert_true(%s_type.equal(&%s_type, &copy, &v));\n"
          "  assert_true(%s_equal(&copy, &v));\n"
          "  %s_type.free(&%s_type, &copy);\n",
          b->c_name, b->c_name, b->c_name, b->c_name, b->c_name, b->c_name,
          c->c_name, b->c_name, b->c_name);
  if (b->is_abstract) {
    fprintf(f,
            "  ws_buf_init(&via);\n"
            "  assert_int_equal(%s_encode((const %s *)&v, WS_FORMAT_JSON, "
            "&via, &err), WS_OK);\n"
            "  assert_string_equal(via.data, direct.data);\n"
            "  ws_buf_free(&via);\n",
            b->c_name, b->c_name);
  }
}

static void body_through_base(FILE *f, const ir_module *m, const ir_class *c) {
  (void)m;
  fprintf(f,
          "  %s v, copy;\n  ws_buf direct, via;\n  ws_error err;\n"
          "  filled_%s(&v);\n  direct = encoded_%s(&v, WS_FORMAT_JSON);\n",
          c->c_name, c->snake, c->snake);
  for (const ir_class *b = c->base; b != NULL; b = b->base) {
    emit_through_base(f, c, b);
  }
  fprintf(f, "  ws_buf_free(&direct);\n  %s_free(&v);\n", c->c_name);
}

static void body_descriptor(FILE *f, const ir_module *m, const ir_class *c) {
  fprintf(f,
          "  const ws_type *t = &%s_type;\n"
          "  assert_string_equal(t->name, \"%s\");\n"
          "  assert_int_equal(t->size, sizeof(%s));\n"
          "  assert_non_null(t->init);\n"
          "  assert_ptr_equal(%s_type_find(\"%s\"), t);\n"
          "  assert_int_equal(t->field_count, %zu);\n",
          c->c_name, c->name, c->c_name, m->prefix, c->name,
          c->all_field_count);
  for (size_t i = 0; i < c->all_field_count; i++) {
    fprintf(f, "  assert_string_equal(t->fields[%zu].name, \"%s\");\n", i,
            c->all_fields[i]->name);
  }
}

/* ---- which tests a class gets ---------------------------------------------------- */

static bool has_fields(const ir_class *c) { return c->all_field_count > 0; }
static bool has_required(const ir_class *c) { return emit_class_has_make(c); }
static bool has_nonnullable(const ir_class *c) {
  return first_nonnullable(c) != NULL;
}
static bool has_max_len(const ir_class *c) {
  return first_constrained(c, true) != NULL;
}
static bool has_range(const ir_class *c) {
  return first_constrained(c, false) != NULL;
}
static bool has_base(const ir_class *c) { return c->base != NULL; }

typedef struct class_test {
  const char *behaviour; /* test_<snake>_<behaviour> */
  const char *why;       /* its comment */
  bool (*applies)(const ir_class *c); /* NULL: every class */
  void (*body)(FILE *f, const ir_module *m, const ir_class *c);
} class_test;

static const class_test class_tests[] = {
    {"init_sets_defaults", "init gives every field its schema default.", NULL,
     body_init},
    {"make_sets_required_fields",
     "make copies the required fields and leaves the others at their "
     "defaults.",
     has_required, body_make},
    {"copy_equals_original", "A deep copy equals its original.", NULL,
     body_copy},
    {"differs_when_any_field_changes",
     "A copy with any one field changed is unequal, both ways.", has_fields,
     body_changed_fields},
    {"default_encodes_to_compact_json",
     "The init value as json.dumps(d, ensure_ascii=False, separators=(',', "
     "':')).",
     NULL, body_default_compact_json},
    {"default_encodes_to_python_json", "The init value as json.dumps(d).",
     NULL, body_default_python_json},
    {"str_form_is_a_dict",
     "The str form of the init and of the test value is a dict.", NULL,
     body_str_forms},
    {"test_value_validates", "The test value keeps every constraint.", NULL,
     body_validates},
    {"round_trips_through_compact_json",
     "Decoding the encoded test value gives it back.", NULL,
     body_round_trip_compact},
    {"round_trips_through_python_json",
     "Decoding the encoded test value gives it back.", NULL,
     body_round_trip_python},
    {"decode_refuses_missing_field", "A required field must be present.",
     has_required, body_missing},
    {"decode_refuses_wrong_type",
     "A value of the wrong type is refused, naming its path.", has_fields,
     body_wrong_type},
    {"decode_refuses_null", "null is only for nullable fields.",
     has_nonnullable, body_null},
    {"decode_refuses_unknown_field",
     "An unknown field is refused, naming the fields there are.", NULL,
     body_unknown},
    {"decode_skips_unknown_field_when_asked",
     "With skip_unknown, an unknown member (even a nested one) is ignored.",
     NULL, body_skip_unknown},
    {"decode_refuses_duplicate_key",
     "A field given twice is refused at the second.", has_fields,
     body_duplicate},
    {"decode_refuses_too_long_value",
     "A value longer than its max_len is refused.", has_max_len,
     body_too_long},
    {"decode_refuses_out_of_range_value",
     "An integer outside its range is refused.", has_range,
     body_out_of_range},
    {"survives_every_allocation_failure",
     "Failing each allocation in turn gives WS_ENOMEM and leaks nothing.",
     NULL, body_alloc_failure},
    {"is_told_apart_through_its_base",
     "Through a pointer to the root, the type tag names the class and its "
     "bases only.",
     has_base, body_told_apart},
    {"works_through_its_base",
     "Each base's descriptor dispatches on the value's own class.", has_base,
     body_through_base},
    {"descriptor_describes_it",
     "The descriptor names the class and its fields in order, and the module "
     "finds it.",
     NULL, body_descriptor},
};

#define CLASS_TEST_COUNT (sizeof class_tests / sizeof class_tests[0])

static bool test_applies(const class_test *t, const ir_class *c) {
  return t->applies == NULL || t->applies(c);
}

/* ---- per class: helpers the tests share ------------------------------------------ */

/* filled_x: init + fill, asserted; encoded_x: one form, asserted;
 * expect_x_refuses: a decode failure, checked; expect_x_round_trip. */
static void emit_class_helpers(FILE *f, const ir_class *c) {
  const char *s = c->snake, *n = c->c_name;
  emit_class_fill(f, c);
  fprintf(f,
          "static void filled_%s(%s *v) {\n"
          "  assert_int_equal(%s_init(v), WS_OK);\n"
          "  assert_int_equal(fill_%s_fields(v), WS_OK);\n}\n\n"
          "/* v in one form, in a buffer the caller frees. */\n"
          "static ws_buf encoded_%s(const %s *v, ws_format format) {\n"
          "  ws_buf out;\n  ws_error err;\n  ws_buf_init(&out);\n"
          "  assert_int_equal(%s_encode(v, format, &out, &err), WS_OK);\n"
          "  assert_non_null(out.data);\n  return out;\n}\n\n",
          s, n, n, s, s, n, n);
  fprintf(f,
          "/* Decoding json fails with `want`, the message says `said`, and "
          "the\n * value is left safe to free. */\n"
          "static void expect_%s_refuses(const char *json, ws_status want,\n"
          "                              const char *said) {\n"
          "  %s v;\n  ws_error err;\n"
          "  assert_int_equal(%s_decode(&v, json, strlen(json), NULL, &err), "
          "want);\n"
          "  assert_int_equal(err.code, want);\n"
          "  if (strstr(err.msg, said) == NULL) {\n"
          "    fail_msg(\"message \\\"%%s\\\" does not say \\\"%%s\\\"\", "
          "err.msg, said);\n  }\n"
          "  %s_free(&v);\n}\n\n",
          s, n, n, n);
  fprintf(f,
          "/* decode(encode(x)) == x for the test value in one JSON form. */\n"
          "static void expect_%s_round_trip(ws_format format) {\n"
          "  %s v, back;\n  ws_error err;\n  ws_buf json;\n"
          "  filled_%s(&v);\n  json = encoded_%s(&v, format);\n"
          "  assert_true(json.len > 0 && json.data[0] == '{');\n"
          "  assert_int_equal(%s_decode(&back, json.data, json.len, NULL, "
          "&err), WS_OK);\n"
          "  assert_true(%s_equal(&back, &v));\n"
          "  ws_buf_free(&json);\n  %s_free(&back);\n  %s_free(&v);\n}\n\n",
          s, n, s, s, n, n, n, n);
}

/* make with the required fields of src, for the allocation sweep. */
static void emit_make_like(FILE *f, const ir_class *c) {
  fprintf(f,
          "static ws_status make_%s_like(%s *v, const %s *src) {\n"
          "  return ",
          c->snake, c->c_name, c->c_name);
  emit_make_call(f, c, "v", "src->");
  fputs(";\n}\n\n", f);
}

/* The sweep's operation (everything that allocates, into objects that the
 * cleanup frees) and its cleanup. */
static void emit_alloc_sweep(FILE *f, const ir_class *c) {
  const char *n = c->c_name, *s = c->snake;
  if (emit_class_has_make(c)) {
    emit_make_like(f, c);
  }
  fprintf(f,
          "typedef struct %s_objects {\n"
          "  %s v, made, copy, back;\n  ws_buf text;\n} %s_objects;\n\n"
          "/* init, fill, make, copy, encode in every form, decode: one run "
          "of the\n * allocation sweep. */\n"
          "static ws_status allocate_%s(void *ctx) {\n"
          "  %s_objects *o = ctx;\n  ws_error err;\n"
          "  ws_status st = %s_init(&o->v);\n"
          "  st = st != WS_OK ? st : fill_%s_fields(&o->v);\n",
          s, n, s, s, s, n, s);
  if (emit_class_has_make(c)) {
    fprintf(f, "  st = st != WS_OK ? st : make_%s_like(&o->made, &o->v);\n", s);
  }
  fprintf(f,
          "  st = st != WS_OK ? st : %s_copy(&o->copy, &o->v);\n"
          "  st = st != WS_OK ? st : %s_encode(&o->v, WS_FORMAT_STR, "
          "&o->text, &err);\n"
          "  st = st != WS_OK ? st : %s_encode(&o->v, WS_FORMAT_JSON_PYTHON, "
          "&o->text, &err);\n"
          "  ws_buf_reset(&o->text);\n"
          "  st = st != WS_OK ? st : %s_encode(&o->v, WS_FORMAT_JSON, "
          "&o->text, &err);\n"
          "  return st != WS_OK ? st\n"
          "                     : %s_decode(&o->back, o->text.data, "
          "o->text.len, NULL, &err);\n}\n\n",
          n, n, n, n, n);
  fprintf(f,
          "/* Frees what a run built and zeroes it for the next run. */\n"
          "static void free_%s_objects(void *ctx) {\n"
          "  %s_objects *o = ctx;\n"
          "  %s_free(&o->v);\n  %s_free(&o->made);\n  %s_free(&o->copy);\n"
          "  %s_free(&o->back);\n  ws_buf_free(&o->text);\n"
          "  memset(o, 0, sizeof *o);\n}\n\n",
          s, s, n, n, n, n);
}

static void emit_class_tests(FILE *f, const ir_module *m, const ir_class *c) {
  fprintf(f, "/* ---- %s ---- */\n\n", c->name);
  emit_class_helpers(f, c);
  emit_alloc_sweep(f, c);
  for (size_t i = 0; i < CLASS_TEST_COUNT; i++) {
    const class_test *t = &class_tests[i];
    if (test_applies(t, c)) {
      fprintf(f, "/* %s */\nstatic void test_%s_%s(void **state) {\n", t->why,
              c->snake, t->behaviour);
      fputs("  (void)state;\n", f);
      t->body(f, m, c);
      fputs("}\n\n", f);
    }
  }
}

/* ---- the file ---------------------------------------------------------------------- */

static void emit_main(FILE *f, const ir_module *m) {
  fputs("int main(void) {\n  const struct CMUnitTest tests[] = {\n", f);
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    for (size_t j = 0; !c->is_abstract && j < CLASS_TEST_COUNT; j++) {
      if (test_applies(&class_tests[j], c)) {
        fprintf(f, "      cmocka_unit_test(test_%s_%s),\n", c->snake,
                class_tests[j].behaviour);
      }
    }
  }
  fputs("  };\n  return cmocka_run_group_tests(tests, NULL, NULL);\n}\n", f);
}

void emit_tests(FILE *f, const ir_module *m) {
  emit_prologue(f, m);
  if (has_str_default(m)) {
    emit_assert_str_is(f);
  }
  if (has_concrete_class(m)) {
    emit_with_unknown_member(f);
  }
  emit_fill_helpers(f, m);
  for (size_t i = 0; i < m->class_count; i++) {
    if (!m->classes[i]->is_abstract) {
      emit_class_tests(f, m, m->classes[i]);
    }
  }
  emit_main(f, m);
}
