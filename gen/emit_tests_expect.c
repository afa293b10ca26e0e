/* emit_tests_expect.c - what a generated test expects of a class, derived
 * from the IR alone, never by running the code under test: the JSON of its
 * default value in both JSON forms, and the inputs its decoder must refuse
 * with the status and message for each. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "emit_tests_expect.h"
#include "emit_util.h"
#include "ws_float.h"

const ir_type *expect_value_type(const ir_field *fd) {
  return fd->type->kind == IR_OPT ? fd->type->elem : fd->type;
}

/* ---- expected JSON text, as json.dumps writes it ---------------------------- */

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

/* The escape json.dumps writes for cp; false when cp is copied as is.
 * ascii: ensure_ascii=True (python mode) also escapes all but ' '..'~'. */
static bool json_escape(gstr *t, uint32_t cp, bool ascii) {
  switch (cp) {
  case '"': gstr_puts(t, "\\\""); return true;
  case '\\': gstr_puts(t, "\\\\"); return true;
  case '\n': gstr_puts(t, "\\n"); return true;
  case '\r': gstr_puts(t, "\\r"); return true;
  case '\t': gstr_puts(t, "\\t"); return true;
  case '\b': gstr_puts(t, "\\b"); return true;
  case '\f': gstr_puts(t, "\\f"); return true;
  default: break;
  }
  if (cp < 0x20 || (ascii && cp > 0x7e && cp <= 0xffff)) {
    gstr_printf(t, "\\u%04" PRIx32, cp);
    return true;
  }
  if (ascii && cp > 0xffff) {
    gstr_printf(t, "\\u%04" PRIx32 "\\u%04" PRIx32,
                0xd800 + ((cp - 0x10000) >> 10),
                0xdc00 + ((cp - 0x10000) & 0x3ff));
    return true;
  }
  return false;
}

/* s[0..len) as json.dumps writes a str. */
static void json_put_string(gstr *t, const char *s, size_t len, bool python) {
  const unsigned char *p = (const unsigned char *)s;
  gstr_putc(t, '"');
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = utf8_next(p + i, &cp);
    if (!json_escape(t, cp, python))
      gstr_put(t, s + i, n);
    i += n;
  }
  gstr_putc(t, '"');
}

/* What init leaves in a required field, as JSON. */
static const char *json_of_empty(const ir_type *t) {
  switch (t->kind) {
  case IR_STR:
  case IR_BYTES: return "\"\"";
  case IR_INT: return "0";
  case IR_FLOAT: return "0.0";
  case IR_BOOL: return "false";
  case IR_LIST: return "[]";
  case IR_HEADERS:
  case IR_CLASS: /* json_put_empty writes its init value's dict */
  case IR_MAP: return "{}";
  case IR_REF: /* NULL: None, or a value of an abstract class not yet set */
  case IR_OPT: return "null";
  case IR_ENUM: break; /* json_put_member */
  }
  return "null";
}

/* Member index of enum e as JSON: its value. */
static void json_put_member(gstr *t, const ir_enum *e, size_t index,
                            bool python) {
  const ir_enum_member *m = &e->members[index];
  if (e->is_int)
    gstr_printf(t, "%" PRId64, m->i);
  else
    json_put_string(t, m->s, m->s_len, python);
}

/* What init leaves in a required field of type t, as JSON: for an enum,
 * its first member; for a class value, its own init value's field dict
 * (class values nest without cycles). */
static void json_put_empty(gstr *s, const ir_type *t, bool python) {
  if (t->kind == IR_ENUM)
    json_put_member(s, t->enumeration, 0, python);
  else if (t->kind == IR_CLASS)
    expect_defaults_json(s, t->cls, python);
  else
    gstr_puts(s, json_of_empty(t));
}

static void json_put_default(gstr *t, const ir_field *fd, bool python) {
  const ir_value *d = &fd->def;
  switch (d->kind) {
  case IR_VALUE_NONE: json_put_empty(t, fd->type, python); return;
  case IR_VALUE_MEMBER:
    json_put_member(t, expect_value_type(fd)->enumeration, (size_t)d->i,
                    python);
    return;
  case IR_VALUE_NULL: gstr_puts(t, "null"); return;
  case IR_VALUE_BOOL: gstr_puts(t, d->b ? "true" : "false"); return;
  case IR_VALUE_INT: gstr_printf(t, "%" PRId64, d->i); return;
  case IR_VALUE_FLOAT: put_double_expr(t, d->f); return; /* its repr */
  case IR_VALUE_STR: json_put_string(t, d->s, d->s_len, python); return;
  case IR_VALUE_EMPTY_LIST: gstr_puts(t, "[]"); return;
  case IR_VALUE_EMPTY_MAP: gstr_puts(t, "{}"); return;
  }
}

/* The field dict of c's init value, as json.dumps writes it in one mode. */
void expect_defaults_json(gstr *t, const ir_class *c, bool python) {
  gstr_putc(t, '{');
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (i > 0)
      gstr_puts(t, python ? ", " : ",");
    json_put_string(t, fd->name, strlen(fd->name), python);
    gstr_puts(t, python ? ": " : ":");
    json_put_default(t, fd, python);
  }
  gstr_putc(t, '}');
}

/* ---- per class: the inputs its decoder must refuse ----------------------------------- */

static const ir_field *first_required(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (emit_field_is_required(c->all_fields[i]))
      return c->all_fields[i];
  return NULL;
}

static const ir_field *first_nonnullable(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (!emit_type_is_nullable(c->all_fields[i]->type))
      return c->all_fields[i];
  return NULL;
}

static const ir_field *first_constrained(const ir_class *c, bool max_len) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_constraints *k = &c->all_fields[i]->constraints;
    bool is_float = expect_value_type(c->all_fields[i])->kind == IR_FLOAT;
    if (max_len ? k->has_max_len
                : k->has_range && (is_float ? k->fmin > -1e308 || k->fmax < 1e308
                                            : k->min > INT64_MIN || k->max < INT64_MAX))
      return c->all_fields[i];
  }
  return NULL;
}

/* One table row: {name, json, repeat, count, tail, status, said}; json and
 * said are raw text, written here as C literals. */
static void emit_refusal(printer *p, const char *name, const gstr *json,
                         char repeat, uint64_t count, const char *tail,
                         const char *status, const gstr *said) {
  pr_begin(p);
  pr_add(p, "{\"%s\", ", name);
  pr_add_quoted(p, json);
  if (count > 0) {
    pr_add(p, ", '%c', %" PRIu64 ", ", repeat, count);
    pr_add_c_string(p, tail, strlen(tail));
    pr_add(p, ", ");
  } else {
    pr_add(p, ", 0, 0, NULL, ");
  }
  pr_add(p, "%s, ", status);
  pr_add_quoted(p, said);
  pr_add(p, "},");
  pr_end(p);
}

/* A JSON value of the wrong type for t. */
static const char *json_of_wrong_type(const ir_type *t) {
  while (t->kind == IR_OPT)
    t = t->elem;
  return t->kind == IR_INT || t->kind == IR_BOOL ? "\"wrong\"" : "true";
}

/* A value of the first concrete class below abstract class c, as a field
 * of class c holds it: its init value's dict with "type" first. */
static void json_put_tagged(gstr *s, const ir_class *c) {
  gstr fields;
  while (c->is_abstract)
    c = c->subclasses[0]; /* an abstract class has subclasses */
  gstr_init(&fields);
  expect_defaults_json(&fields, c, false);
  gstr_printf(s, "{\"type\":\"%s\"%s%s", c->name, fields.len > 2 ? "," : "",
              gstr_cstr(&fields) + 1);
  take_failure(s, &fields);
  gstr_free(&fields);
}

/* A valid element of a list or map of type t: a value of an abstract
 * class is tagged, as init leaves none. */
static void json_put_valid_elem(gstr *s, const ir_type *t) {
  if (t->kind == IR_REF && !t->nullable)
    json_put_tagged(s, t->cls);
  else
    json_put_empty(s, t, false);
}

/* A valid JSON value for fd that keeps its constraints: the least that
 * min_len and min_items take (their tables keep the counts small). */
static void json_of_valid(gstr *s, const ir_field *fd) {
  const ir_constraints *k = &fd->constraints;
  const ir_type *t = expect_value_type(fd);
  if (fd->type->kind == IR_INT && k->has_range) {
    gstr_printf(s, "%" PRId64, k->min);
  } else if (fd->type->kind == IR_FLOAT && k->has_range) {
    put_double_expr(s, isinf(k->fmin) ? k->fmax : k->fmin);
  } else if (fd->type->kind == IR_REF && !fd->type->nullable) {
    json_put_tagged(s, fd->type->cls);
  } else if (k->has_min_len && k->min_len > 0) {
    uint64_t n = t->kind == IR_STR ? k->min_len : (k->min_len + 2) / 3 * 4;
    gstr_putc(s, '"');
    for (uint64_t i = 0; i < n; i++)
      gstr_putc(s, t->kind == IR_STR ? 'x' : 'A');
    gstr_putc(s, '"');
  } else if (k->has_min_items && k->min_items > 0) {
    gstr_putc(s, t->kind == IR_MAP ? '{' : '[');
    for (uint64_t i = 0; i < k->min_items; i++) {
      if (i > 0)
        gstr_putc(s, ',');
      if (t->kind == IR_MAP)
        gstr_printf(s, "\"k%" PRIu64 "\":", i);
      json_put_valid_elem(s, t->elem);
    }
    gstr_putc(s, t->kind == IR_MAP ? '}' : ']');
  } else {
    json_put_empty(s, fd->type, false);
  }
}

static bool has_field_named(const ir_class *c, const char *name) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (strcmp(c->all_fields[i]->name, name) == 0)
      return true;
  return false;
}

/* A field name c does not have: no_such_field, then _x added until free. */
static void unknown_name(gstr *s, const ir_class *c) {
  gstr_puts(s, "no_such_field");
  while (!s->failed && has_field_named(c, gstr_cstr(s)))
    gstr_puts(s, "_x");
}

static void refuse_missing(printer *p, const ir_class *c, gstr *json,
                           gstr *said) {
  gstr_puts(json, "{}");
  gstr_printf(said, "missing required field \"%s\" in $",
              first_required(c)->name);
  emit_refusal(p, "missing_field", json, 0, 0, NULL, "WS_EMISSING", said);
}

static void refuse_wrong_type(printer *p, const ir_class *c, gstr *json,
                              gstr *said) {
  const ir_field *fd = c->all_fields[0];
  gstr_printf(json, "{\"%s\":%s}", fd->name, json_of_wrong_type(fd->type));
  gstr_printf(said, "$.%s", fd->name);
  emit_refusal(p, "wrong_type", json, 0, 0, NULL, "WS_ETYPE", said);
}

static void refuse_null(printer *p, const ir_class *c, gstr *json,
                        gstr *said) {
  const ir_field *fd = first_nonnullable(c);
  gstr_printf(json, "{\"%s\":null}", fd->name);
  gstr_printf(said, "null is not allowed for $.%s (%s)", fd->name,
              fd->type->spelling);
  emit_refusal(p, "null", json, 0, 0, NULL, "WS_ETYPE", said);
}

static void refuse_unknown(printer *p, const ir_class *c, gstr *json,
                           gstr *said) {
  gstr name;
  gstr_init(&name);
  unknown_name(&name, c);
  gstr_printf(json, "{\"%s\":1}", gstr_cstr(&name));
  gstr_printf(said, "unknown field \"%s\" in $ (%s has", gstr_cstr(&name),
              c->name);
  json->failed |= name.failed;
  emit_refusal(p, "unknown_field", json, 0, 0, NULL, "WS_EUNKNOWN", said);
  gstr_free(&name);
}

static void refuse_duplicate(printer *p, const ir_class *c, gstr *json,
                             gstr *said) {
  const ir_field *fd = c->all_fields[c->all_field_count - 1];
  gstr value;
  gstr_init(&value);
  json_of_valid(&value, fd);
  gstr_printf(json, "{\"%s\":%s,\"%s\":%s}", fd->name, gstr_cstr(&value),
              fd->name, gstr_cstr(&value));
  gstr_printf(said, "duplicate key \"%s\" in $", fd->name);
  json->failed |= value.failed;
  emit_refusal(p, "duplicate_key", json, 0, 0, NULL, "WS_EDUPLICATE", said);
  gstr_free(&value);
}

/* max_len + 1 bytes or more, built at run time (limits can be large): 'x's
 * for a str, base64 'A's (zero bytes, no padding) for bytes. */
static void refuse_too_long(printer *p, const ir_class *c, gstr *json,
                            gstr *said) {
  const ir_field *fd = first_constrained(c, true);
  uint64_t max = fd->constraints.max_len;
  bool is_str = expect_value_type(fd)->kind == IR_STR;
  gstr_printf(json, "{\"%s\":\"", fd->name);
  gstr_printf(said, "more than the %" PRIu64 " allowed (max_len %" PRIu64 ")",
              max, max);
  emit_refusal(p, "too_long_value", json, is_str ? 'x' : 'A',
               is_str ? max + 1 : (max + 3) / 3 * 4, "\"}", "WS_ECONSTRAINT",
               said);
}

static void refuse_out_of_range(printer *p, const ir_class *c, gstr *json,
                                gstr *said) {
  const ir_field *fd = first_constrained(c, false);
  const ir_constraints *k = &fd->constraints;
  char range[2 * WS_FLOAT_REPR_MAX + 4];
  if (expect_value_type(fd)->kind == IR_FLOAT) {
    /* past the bound by far: the limit 1e308 above keeps this finite */
    gstr_printf(json, "{\"%s\":%s}", fd->name, k->fmax < 1e308 ? "1e308" : "-1e308");
    ws_range_text_float(range, sizeof range, k->fmin, k->fmax);
  } else {
    gstr_printf(json, "{\"%s\":%" PRId64 "}", fd->name,
                k->max < INT64_MAX ? k->max + 1 : k->min - 1);
    ws_range_text_int(range, sizeof range, k->min, k->max);
  }
  gstr_printf(said, "(range %s)", range);
  emit_refusal(p, "out_of_range_value", json, 0, 0, NULL, "WS_ERANGE", said);
}

/* The first field of c that satisfies pred, or NULL. */
static const ir_field *first_field(const ir_class *c,
                                   bool (*pred)(const ir_field *fd)) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (pred(c->all_fields[i]))
      return c->all_fields[i];
  return NULL;
}

static bool is_enum_field(const ir_field *fd) {
  return expect_value_type(fd)->kind == IR_ENUM;
}
static bool has_min_len_field(const ir_field *fd) {
  return fd->constraints.has_min_len && fd->constraints.min_len > 0;
}
static bool has_min_items_field(const ir_field *fd) {
  return fd->constraints.has_min_items && fd->constraints.min_items > 0;
}

/* An integer no member of e has, for an enum that holds both INT64_MIN
 * and INT64_MAX: of 0, 1, ..., member_count one is free. Quadratic, but
 * only in that rare case. */
static int64_t int_non_member(const ir_enum *e) {
  for (int64_t v = 0;; v++) {
    bool taken = false;
    for (size_t i = 0; i < e->member_count && !taken; i++)
      taken = e->members[i].i == v;
    if (!taken)
      return v;
  }
}

/* A value of the right JSON type that no member of e has: the first
 * member's value with "?" added until it is none (strings), the largest
 * value plus one or the smallest minus one (integers). */
static void json_of_non_member(gstr *s, const ir_enum *e) {
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  if (!e->is_int) {
    gstr text;
    gstr_init(&text);
    gstr_put(&text, e->members[0].s, e->members[0].s_len);
    for (bool taken = true; taken && !text.failed;) {
      gstr_putc(&text, '?');
      taken = false;
      for (size_t i = 0; i < e->member_count; i++)
        taken |= e->members[i].s_len == text.len &&
                 memcmp(e->members[i].s, text.data, text.len) == 0;
    }
    json_put_string(s, gstr_cstr(&text), text.len, false);
    take_failure(s, &text);
    gstr_free(&text);
    return;
  }
  for (size_t i = 0; i < e->member_count; i++) {
    lo = e->members[i].i < lo ? e->members[i].i : lo;
    hi = e->members[i].i > hi ? e->members[i].i : hi;
  }
  if (hi < INT64_MAX)
    gstr_printf(s, "%" PRId64, hi + 1);
  else if (lo > INT64_MIN)
    gstr_printf(s, "%" PRId64, lo - 1);
  else
    gstr_printf(s, "%" PRId64, int_non_member(e));
}

static void refuse_not_member(printer *p, const ir_class *c, gstr *json,
                              gstr *said) {
  const ir_field *fd = first_field(c, is_enum_field);
  gstr_printf(json, "{\"%s\":", fd->name);
  json_of_non_member(json, expect_value_type(fd)->enumeration);
  gstr_putc(json, '}');
  gstr_printf(said, "expected one of ");
  json_put_member(said, expect_value_type(fd)->enumeration, 0, false);
  emit_refusal(p, "not_a_member", json, 0, 0, NULL, "WS_ETYPE", said);
}

static void refuse_too_short(printer *p, const ir_class *c, gstr *json,
                             gstr *said) {
  const ir_field *fd = first_field(c, has_min_len_field);
  gstr_printf(json, "{\"%s\":\"\"}", fd->name);
  gstr_printf(said, "$.%s is 0 bytes, fewer than the %" PRIu64
                    " required (min_len %" PRIu64 ")",
              fd->name, fd->constraints.min_len, fd->constraints.min_len);
  emit_refusal(p, "too_short_value", json, 0, 0, NULL, "WS_ECONSTRAINT", said);
}

static void refuse_too_few(printer *p, const ir_class *c, gstr *json,
                           gstr *said) {
  const ir_field *fd = first_field(c, has_min_items_field);
  gstr_printf(json, "{\"%s\":%s}", fd->name,
              expect_value_type(fd)->kind == IR_MAP ? "{}" : "[]");
  gstr_printf(said, "$.%s has 0 items, fewer than the %" PRIu64
                    " required (min_items %" PRIu64 ")",
              fd->name, fd->constraints.min_items, fd->constraints.min_items);
  emit_refusal(p, "too_few_items", json, 0, 0, NULL, "WS_ECONSTRAINT", said);
}

static bool has_enum(const ir_class *c) {
  return first_field(c, is_enum_field) != NULL;
}
static bool has_min_len(const ir_class *c) {
  return first_field(c, has_min_len_field) != NULL;
}
static bool has_min_items(const ir_class *c) {
  return first_field(c, has_min_items_field) != NULL;
}

static bool has_required(const ir_class *c) {
  return first_required(c) != NULL;
}
static bool has_fields(const ir_class *c) { return c->all_field_count > 0; }
static bool has_nonnullable(const ir_class *c) {
  return first_nonnullable(c) != NULL;
}
static bool has_max_len(const ir_class *c) {
  return first_constrained(c, true) != NULL;
}
static bool has_range(const ir_class *c) {
  return first_constrained(c, false) != NULL;
}

typedef struct refusal {
  bool (*applies)(const ir_class *c); /* NULL: every class */
  void (*emit)(printer *p, const ir_class *c, gstr *json, gstr *said);
} refusal;

static const refusal refusals[] = {
    {has_required, refuse_missing},   {has_fields, refuse_wrong_type},
    {has_nonnullable, refuse_null},   {NULL, refuse_unknown},
    {has_fields, refuse_duplicate},   {has_max_len, refuse_too_long},
    {has_range, refuse_out_of_range}, {has_enum, refuse_not_member},
    {has_min_len, refuse_too_short},  {has_min_items, refuse_too_few},
};

void emit_class_refusals(printer *p, const ir_class *c) {
  gstr json, said;
  gstr_init(&json);
  gstr_init(&said);
  pr_open(p, "static const ws_typetest_refusal refusals_%s[] =", c->snake);
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
    if (refusals[i].applies != NULL && !refusals[i].applies(c))
      continue;
    gstr_reset(&json);
    gstr_reset(&said);
    refusals[i].emit(p, c, &json, &said);
  }
  pr_line(p, "{NULL, NULL, 0, 0, NULL, WS_OK, NULL},");
  pr_close(p, ";");
  pr_blank(p);
  gstr_free(&json);
  gstr_free(&said);
}
