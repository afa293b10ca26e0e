/* emit_source.c - STEM.c up to the decoders: the functions of every
 * composite type and class, their descriptors and the module table.
 *
 * Order in the output: includes, the composites (elements first, so every
 * function is defined before its use), then per class its descriptor
 * tables, functions and descriptor, then the module table. What does not
 * depend on the schema (value checks, the encode frame, the scalar views,
 * the reader's refusals) is runtime code the output calls.
 *
 * Encoders are straight-line code per field writing into a ws_buf (JSON) or
 * describing the value to the pformat engine (str) through ws_pv views and
 * child callbacks; nothing builds an intermediate tree. */
#include <stdbool.h>
#include <string.h>

#include "emit.h"
#include "emit_util.h"

/* Longest member path or expression we build ("v->base.base.name.value"). */
enum { EXPR_MAX = 512 };

/* True when a value of type t holds text whose UTF-8 must be checked. */
static bool has_text(const ir_type *t) {
  switch (t->kind) {
  case IR_STR:
  case IR_HEADERS:
  case IR_MAP: /* keys */
    return true;
  case IR_OPT:
  case IR_LIST:
    return has_text(t->elem);
  default:
    return false;
  }
}

static bool class_has_text(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (has_text(c->all_fields[i]->type))
      return true;
  return false;
}

static bool class_has_constraints(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_constraints *k = &c->all_fields[i]->constraints;
    if (k->has_max_len || k->has_range)
      return true;
  }
  return false;
}

/* ---- names and expressions -------------------------------------------------- */

/* The function `verb` of type t: ab_list_str_pv, or the runtime's
 * ws_str_pv for a scalar. */
static void emit_helper(FILE *f, const ir_type *t, const char *verb) {
  if (t->kind >= IR_OPT)
    fprintf(f, "%s_%s", t->c_name, verb);
  else
    fprintf(f, "ws_%s_%s", t->mangled, verb);
}

/* Appends part to the expression out[0..*n), cutting at EXPR_MAX - 1 (no
 * schema comes near). part may point into out. */
static void expr_append(char *out, size_t *n, const char *part) {
  size_t len = strlen(part);
  if (len > EXPR_MAX - 1 - *n)
    len = EXPR_MAX - 1 - *n;
  memmove(out + *n, part, len);
  *n += len;
  out[*n] = '\0';
}

/* "v->base.payload": field fd of the class-c value that obj points to. */
static void field_expr(char *out, const char *obj, const ir_class *c,
                       const ir_field *fd) {
  size_t n = 0;
  expr_append(out, &n, obj);
  expr_append(out, &n, "->");
  for (const ir_class *k = c; k != NULL && k != fd->owner; k = k->base)
    expr_append(out, &n, "base.");
  expr_append(out, &n, fd->name);
}

/* "v->base.type": the descriptor member of the class-c value that obj
 * points to, in out. */
static void type_of(char *out, const char *obj, const ir_class *c) {
  size_t n = 0;
  expr_append(out, &n, obj);
  expr_append(out, &n, "->");
  for (const ir_class *k = c; k->base != NULL; k = k->base)
    expr_append(out, &n, "base.");
  expr_append(out, &n, "type");
}

static void emit_type_of(FILE *f, const char *obj, const ir_class *c) {
  char e[EXPR_MAX];
  type_of(e, obj, c);
  fputs(e, f);
}

/* out = "lv.member"; out may be lv itself. */
static void member_of(char *out, const char *lv, const char *member) {
  size_t n = 0;
  expr_append(out, &n, lv);
  expr_append(out, &n, ".");
  expr_append(out, &n, member);
}

/* Statement: release the value at lvalue lv (nothing for plain types). */
static void emit_free_stmt(FILE *f, const ir_type *t, const char *lv,
                           const char *indent) {
  if (emit_type_is_plain(t))
    return;
  fputs(indent, f);
  emit_type_fn(f, t, "free");
  fprintf(f, "(&%s);\n", lv);
}

/* Expression: the values at lvalues a and b differ. */
static void emit_differs(FILE *f, const ir_type *t, const char *a,
                         const char *b) {
  if (emit_type_is_plain(t)) {
    fprintf(f, "%s != %s", a, b);
    return;
  }
  fputc('!', f);
  emit_type_fn(f, t, "equal");
  fprintf(f, "(&%s, &%s)", a, b);
}

/* Expression: the values at lvalues a and b are equal. */
static void emit_same(FILE *f, const ir_type *t, const char *a,
                      const char *b) {
  if (emit_type_is_plain(t)) {
    fprintf(f, "%s == %s", a, b);
    return;
  }
  emit_type_fn(f, t, "equal");
  fprintf(f, "(&%s, &%s)", a, b);
}

/* Statements: write the value at lv as JSON into b (mode in scope). */
static void emit_put_json(FILE *f, const ir_type *t, const char *lv,
                          const char *in) {
  char inner[EXPR_MAX];
  switch (t->kind) {
  case IR_STR:
    fprintf(f, "%sws_json_put_str(b, ws_str_c(&%s), %s.len, mode);\n", in, lv,
            lv);
    break;
  case IR_BYTES:
    fprintf(f, "%sws_json_put_bytes(b, %s.ptr, %s.len);\n", in, lv, lv);
    break;
  case IR_INT:
    fprintf(f, "%sws_json_put_int(b, %s);\n", in, lv);
    break;
  case IR_BOOL:
    fprintf(f, "%sws_json_put_bool(b, %s);\n", in, lv);
    break;
  case IR_HEADERS:
    fprintf(f, "%sws_headers_put_json(b, &%s, mode);\n", in, lv);
    break;
  case IR_OPT:
    member_of(inner, lv, "value");
    fprintf(f, "%sif (%s.present)\n", in, lv);
    emit_put_json(f, t->elem, inner, "    ");
    fprintf(f, "%selse\n%s  ws_json_put_null(b);\n", in, in);
    break;
  default:
    fprintf(f, "%s%s_put_json(b, &%s, mode);\n", in, t->c_name, lv);
    break;
  }
}

/* Statements: describe the value at lv to the pformat engine in *out. */
static void emit_pv(FILE *f, const ir_module *m, const ir_type *t,
                    const char *lv, const char *out, const char *in) {
  char inner[EXPR_MAX];
  if (t->kind == IR_OPT) {
    member_of(inner, lv, "value");
    fprintf(f, "%sif (%s.present)\n", in, lv);
    emit_pv(f, m, t->elem, inner, out, "    ");
    fprintf(f, "%selse\n%s  *%s = ws_pv_none();\n", in, in, out);
  } else if (t->kind == IR_HEADERS) {
    fprintf(f, "%sws_headers_pv_entries(&%s, %s);\n", in, lv, out);
  } else {
    fputs(in, f);
    emit_helper(f, t, "pv");
    fprintf(f, "(&%s, %s);\n", lv, out);
  }
}

/* Expression: check the text in the value at lv (t has text, not T?),
 * recording a failure in the ws_error * named err. */
static void emit_check_call_to(FILE *f, const ir_type *t,
                               const char *lv, const char *path,
                               const char *err) {
  if (t->kind == IR_STR)
    fprintf(f, "ws_utf8_check(&%s, \"\", %s, %s)", lv, path, err);
  else if (t->kind == IR_HEADERS)
    fprintf(f, "ws_headers_check(&%s, %s, %s)", lv, path, err);
  else
    fprintf(f, "%s_check(&%s, %s, %s)", t->c_name, lv, path, err);
}

static void emit_check_call(FILE *f, const ir_type *t,
                            const char *lv, const char *path) {
  emit_check_call_to(f, t, lv, path, "err");
}

/* ---- composites: shared parts ------------------------------------------------- */

/* An element argument: plain values by value, the rest by pointer. */
static void emit_elem_param(FILE *f, const ir_type *e, const char *name) {
  if (emit_type_is_plain(e))
    fprintf(f, "%s %s", e->c_name, name);
  else
    fprintf(f, "const %s *%s", e->c_name, name);
}

/* The pv builder of a list or map: a lazy container over child. */
static void emit_container_pv(FILE *f, const ir_type *t) {
  const char *self = t->kind == IR_MAP ? "m" : "v";
  fprintf(f,
          "static void %s_pv(const %s *%s, ws_pv *out) {\n"
          "  *out = ws_pv_none();\n"
          "  out->kind = %s;\n"
          "  out->n = %s->len;\n"
          "  out->obj = %s;\n"
          "  out->child = %s_child;\n",
          t->c_name, t->c_name, self,
          t->kind == IR_MAP ? "WS_PV_DICT" : "WS_PV_LIST", self, self,
          t->c_name);
  if (t->kind == IR_MAP)
    fprintf(f, "  out->key = %s_key;\n", t->c_name);
  fputs("}\n\n", f);
}

/* Inside a loop over elements: return the failure when the element at lv
 * has invalid text. pathfmt is the snprintf arguments of its path. Paths
 * keep at most 200 bytes of the parent and 40 of a key, so they always fit
 * the 256 bytes of ws_error.path and no compiler sees a truncation. */
static void emit_elem_check(FILE *f, const ir_type *t,
                            const char *lv, const char *pathfmt) {
  char value[EXPR_MAX];
  char present[EXPR_MAX] = "";
  if (t->kind == IR_OPT) {
    member_of(present, lv, "present");
    member_of(value, lv, "value");
    lv = value;
    t = t->elem;
  }
  if (t->kind == IR_STR) {
    /* valid text is the rule: build the path only for the message */
    fprintf(f, "    if (%s%s!ws_utf8_valid(%s.ptr, %s.len, NULL)) {\n",
            present, present[0] ? " && " : "", lv, lv);
    fprintf(f, "      char at[256];\n      snprintf(at, sizeof at, %s);\n"
               "      return ",
            pathfmt);
    emit_check_call(f, t, lv, "at");
    fputs(";\n    }\n", f);
    return;
  }
  /* A container: check it first without an error record (which makes its
   * own elements skip their paths too), and only when something is wrong
   * build this element's path and check again to say where. */
  fprintf(f, "    if (%s%s", present, present[0] ? " && " : "");
  emit_check_call_to(f, t, lv, "path", "NULL");
  fputs(" != WS_OK) {\n", f);
  fprintf(f, "      char at[256];\n      snprintf(at, sizeof at, %s);\n"
             "      return ",
          pathfmt);
  emit_check_call(f, t, lv, "at");
  fputs(";\n    }\n", f);
}

/* ---- lists ------------------------------------------------------------------ */

static void emit_list_core(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  fprintf(f,
          "static ws_status %s_reserve(%s *v, size_t need) {\n"
          "  void *items = v->items;\n"
          "  ws_status st = ws_grow(&items, &v->cap, need, sizeof *v->items);\n"
          "  v->items = items;\n"
          "  return st;\n}\n\n",
          n, n);
  fprintf(f, "void %s_free(%s *v) {\n", n, n);
  if (!emit_type_is_plain(e)) {
    fputs("  for (size_t i = 0; i < v->len; i++)\n", f);
    emit_free_stmt(f, e, "v->items[i]", "    ");
  }
  fputs("  ws_free(v->items);\n  memset(v, 0, sizeof *v);\n}\n\n", f);
  fprintf(f, "ws_status %s_append(%s *v, ", n, n);
  emit_elem_param(f, e, "item");
  if (emit_type_is_plain(e)) {
    fprintf(f,
            ") {\n  ws_status st = %s_reserve(v, v->len + 1);\n"
            "  if (st == WS_OK)\n    v->items[v->len++] = item;\n"
            "  return st;\n}\n\n",
            n);
    return;
  }
  /* copy before growing: item may point into v->items */
  fprintf(f, ") {\n  %s fresh;\n  memset(&fresh, 0, sizeof fresh);\n"
             "  ws_status st = ",
          e->c_name);
  emit_type_fn(f, e, "copy");
  fprintf(f, "(&fresh, item);\n  if (st == WS_OK)\n    st = %s_reserve(v, v->len + 1);\n"
             "  if (st != WS_OK) {\n",
          n);
  emit_free_stmt(f, e, "fresh", "    ");
  fputs("    return st;\n  }\n  v->items[v->len++] = fresh;\n"
        "  return WS_OK;\n}\n\n",
        f);
}

static void emit_list_copy_equal(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "ws_status %s_copy(%s *dst, const %s *src) {\n"
          "  memset(dst, 0, sizeof *dst);\n"
          "  ws_status st = %s_reserve(dst, src->len);\n"
          "  for (size_t i = 0; st == WS_OK && i < src->len; i++)\n"
          "    st = %s_append(dst, %ssrc->items[i]);\n"
          "  if (st != WS_OK)\n"
          "    %s_free(dst);\n"
          "  return st;\n}\n\n",
          n, n, n, n, n, emit_type_is_plain(t->elem) ? "" : "&", n);
  fprintf(f,
          "bool %s_equal(const %s *a, const %s *b) {\n"
          "  if (a->len != b->len)\n"
          "    return false;\n"
          "  for (size_t i = 0; i < a->len; i++)\n"
          "    if (",
          n, n, n);
  emit_differs(f, t->elem, "a->items[i]", "b->items[i]");
  fputs(")\n      return false;\n  return true;\n}\n\n", f);
}

static void emit_list_encoders(FILE *f, const ir_module *m, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "static void %s_put_json(ws_buf *b, const %s *v, ws_json_mode mode) "
          "{\n"
          "  ws_buf_putc(b, '[');\n"
          "  for (size_t i = 0; i < v->len; i++) {\n"
          "    if (i > 0)\n"
          "      ws_json_put_fixed(b, mode, \",\", 1, \", \", 2);\n",
          n, n);
  emit_put_json(f, t->elem, "v->items[i]", "    ");
  fputs("  }\n  ws_buf_putc(b, ']');\n}\n\n", f);
  fprintf(f,
          "static void %s_child(const void *obj, size_t index, const char "
          "**key,\n"
          "                     size_t *key_len, ws_pv *value) {\n"
          "  const %s *v = obj;\n"
          "  *key = NULL;\n"
          "  *key_len = 0;\n",
          n, n);
  emit_pv(f, m, t->elem, "v->items[index]", "value", "  ");
  fputs("}\n\n", f);
  emit_container_pv(f, t);
}

static void emit_list_check(FILE *f, const ir_type *t) {
  fprintf(f,
          "static ws_status %s_check(const %s *v, const char *path, ws_error "
          "*err) {\n"
          "  for (size_t i = 0; i < v->len; i++) {\n",
          t->c_name, t->c_name);
  emit_elem_check(f, t->elem, "v->items[i]", "\"%.200s[%zu]\", path, i");
  fputs("  }\n  return WS_OK;\n}\n\n", f);
}

/* ---- maps --------------------------------------------------------------------- */

static void emit_map_reserve_free(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "/* Keys and values grow together; cap is what both have. */\n"
          "static ws_status %s_reserve(%s *m, size_t need) {\n"
          "  void *keys = m->keys;\n"
          "  void *values = m->values;\n"
          "  size_t key_cap = m->cap;\n"
          "  size_t value_cap = m->cap;\n"
          "  ws_status st = ws_grow(&keys, &key_cap, need, sizeof *m->keys);\n"
          "  m->keys = keys;\n"
          "  if (st == WS_OK)\n"
          "    st = ws_grow(&values, &value_cap, need, sizeof *m->values);\n"
          "  m->values = values;\n"
          "  if (st == WS_OK)\n"
          "    m->cap = key_cap < value_cap ? key_cap : value_cap;\n"
          "  return st;\n}\n\n",
          n, n);
  fprintf(f,
          "void %s_free(%s *m) {\n"
          "  for (size_t i = 0; i < m->len; i++) {\n"
          "    ws_str_free(&m->keys[i]);\n",
          n, n);
  emit_free_stmt(f, t->elem, "m->values[i]", "    ");
  fputs("  }\n  ws_free(m->keys);\n  ws_free(m->values);\n"
        "  memset(m, 0, sizeof *m);\n}\n\n",
        f);
}

/* insert appends a key known to be new; set finds or inserts. The value is
 * copied before the arrays grow, as it may point into m->values. */
static void emit_map_insert(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  fprintf(f, "static ws_status %s_insert(%s *m, const ws_str *key, ", n, n);
  emit_elem_param(f, e, "value");
  if (emit_type_is_plain(e)) {
    fprintf(f,
            ") {\n"
            "  ws_status st = %s_reserve(m, m->len + 1);\n"
            "  if (st == WS_OK)\n"
            "    st = ws_str_copy(&m->keys[m->len], key);\n"
            "  if (st == WS_OK)\n"
            "    m->values[m->len++] = value;\n"
            "  return st;\n}\n\n",
            n);
    return;
  }
  fprintf(f, ") {\n  %s fresh;\n  memset(&fresh, 0, sizeof fresh);\n"
             "  ws_status st = ",
          e->c_name);
  emit_type_fn(f, e, "copy");
  fprintf(f,
          "(&fresh, value);\n"
          "  if (st == WS_OK)\n"
          "    st = %s_reserve(m, m->len + 1);\n"
          "  if (st == WS_OK)\n"
          "    st = ws_str_copy(&m->keys[m->len], key);\n"
          "  if (st != WS_OK) {\n",
          n);
  emit_free_stmt(f, e, "fresh", "    ");
  fputs("    return st;\n  }\n  m->values[m->len++] = fresh;\n"
        "  return WS_OK;\n}\n\n",
        f);
}

static void emit_map_set_get(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  fprintf(f, "ws_status %s_set(%s *m, ws_str key, ", n, n);
  emit_elem_param(f, e, "value");
  fprintf(f,
          ") {\n"
          "  size_t i = ws_keys_find(m->keys, m->len, key.ptr, key.len);\n"
          "  if (i == m->len)\n"
          "    return %s_insert(m, &key, value);\n",
          n);
  if (emit_type_is_plain(e)) {
    fputs("  m->values[i] = value;\n  return WS_OK;\n}\n\n", f);
  } else {
    fprintf(f, "  %s fresh;\n  memset(&fresh, 0, sizeof fresh);\n"
               "  ws_status st = ",
            e->c_name);
    emit_type_fn(f, e, "copy");
    fputs("(&fresh, value);\n  if (st != WS_OK)\n    return st;\n", f);
    emit_free_stmt(f, e, "m->values[i]", "  ");
    fputs("  m->values[i] = fresh;\n  return WS_OK;\n}\n\n", f);
  }
  fprintf(f,
          "const %s *%s_get(const %s *m, ws_str key) {\n"
          "  size_t i = ws_keys_find(m->keys, m->len, key.ptr, key.len);\n"
          "  return i < m->len ? &m->values[i] : NULL;\n}\n\n",
          e->c_name, n, n);
}

static void emit_map_copy_equal(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  fprintf(f,
          "ws_status %s_copy(%s *dst, const %s *src) {\n"
          "  memset(dst, 0, sizeof *dst);\n"
          "  ws_status st = %s_reserve(dst, src->len);\n"
          "  for (size_t i = 0; st == WS_OK && i < src->len; i++)\n"
          "    st = %s_insert(dst, &src->keys[i], %ssrc->values[i]);\n"
          "  if (st != WS_OK)\n"
          "    %s_free(dst);\n"
          "  return st;\n}\n\n",
          n, n, n, n, n, emit_type_is_plain(e) ? "" : "&", n);
  fprintf(f,
          "/* Equal as Python dicts are: the same entries, in any order. */\n"
          "bool %s_equal(const %s *a, const %s *b) {\n"
          "  if (a->len != b->len)\n"
          "    return false;\n"
          "  for (size_t i = 0; i < a->len; i++) {\n"
          "    const %s *other = %s_get(b, a->keys[i]);\n"
          "    if (other == NULL || ",
          n, n, n, e->c_name, n);
  emit_differs(f, e, "a->values[i]", "(*other)");
  fputs(")\n      return false;\n  }\n  return true;\n}\n\n", f);
}

static void emit_map_encoders(FILE *f, const ir_module *m, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "static void %s_put_json(ws_buf *b, const %s *m, ws_json_mode mode) "
          "{\n"
          "  ws_buf_putc(b, '{');\n"
          "  for (size_t i = 0; i < m->len; i++) {\n"
          "    if (i > 0)\n"
          "      ws_json_put_fixed(b, mode, \",\", 1, \", \", 2);\n"
          "    ws_json_put_key(b, ws_str_c(&m->keys[i]), m->keys[i].len, "
          "mode);\n",
          n, n);
  emit_put_json(f, t->elem, "m->values[i]", "    ");
  fputs("  }\n  ws_buf_putc(b, '}');\n}\n\n", f);
  fprintf(f,
          "static void %s_child(const void *obj, size_t index, const char "
          "**key,\n"
          "                     size_t *key_len, ws_pv *value) {\n"
          "  const %s *m = obj;\n"
          "  *key = ws_str_c(&m->keys[index]);\n"
          "  *key_len = m->keys[index].len;\n",
          n, n);
  emit_pv(f, m, t->elem, "m->values[index]", "value", "  ");
  fputs("}\n\n", f);
  /* The key alone, which pformat reads to sort the keys: building each
   * value's view there would be thrown away. */
  fprintf(f,
          "static void %s_key(const void *obj, size_t index, const char "
          "**key,\n"
          "                   size_t *key_len) {\n"
          "  const %s *m = obj;\n"
          "  *key = ws_str_c(&m->keys[index]);\n"
          "  *key_len = m->keys[index].len;\n}\n\n",
          n, n);
  emit_container_pv(f, t);
}

static void emit_map_check(FILE *f, const ir_type *t) {
  fprintf(f,
          "static ws_status %s_check(const %s *m, const char *path, ws_error "
          "*err) {\n"
          "  for (size_t i = 0; i < m->len; i++) {\n"
          "    if (!ws_utf8_valid(m->keys[i].ptr, m->keys[i].len, NULL))\n"
          "      return ws_utf8_check(&m->keys[i], \"a key in \", path, err);\n",
          t->c_name, t->c_name);
  if (has_text(t->elem))
    emit_elem_check(f, t->elem, "m->values[i]",
                    "\"%.200s[\\\"%.40s\\\"]\", path, ws_str_c(&m->keys[i])");
  fputs("  }\n  return WS_OK;\n}\n\n", f);
}

/* ---- nullables ------------------------------------------------------------------ */

static void emit_opt_functions(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  const ir_type *e = t->elem;
  fprintf(f, "void %s_free(%s *o) {\n", n, n);
  emit_free_stmt(f, e, "o->value", "  ");
  fputs("  memset(o, 0, sizeof *o);\n}\n\n", f);
  fprintf(f, "ws_status %s_set(%s *o, ", n, n);
  emit_elem_param(f, e, "value");
  if (emit_type_is_plain(e)) {
    fputs(") {\n  o->value = value;\n  o->present = true;\n"
          "  return WS_OK;\n}\n\n",
          f);
  } else {
    fprintf(f, ") {\n  %s fresh;\n  memset(&fresh, 0, sizeof fresh);\n"
               "  ws_status st = ",
            e->c_name);
    emit_type_fn(f, e, "copy");
    fprintf(f,
            "(&fresh, value);\n"
            "  if (st != WS_OK)\n"
            "    return st;\n"
            "  %s_free(o);\n"
            "  o->value = fresh;\n"
            "  o->present = true;\n"
            "  return WS_OK;\n}\n\n",
            n);
  }
  fprintf(f,
          "ws_status %s_copy(%s *dst, const %s *src) {\n"
          "  memset(dst, 0, sizeof *dst);\n"
          "  return src->present ? %s_set(dst, %ssrc->value) : WS_OK;\n}\n\n",
          n, n, n, n, emit_type_is_plain(e) ? "" : "&");
  fprintf(f,
          "bool %s_equal(const %s *a, const %s *b) {\n"
          "  if (a->present != b->present)\n"
          "    return false;\n"
          "  return !a->present || ",
          n, n, n);
  emit_same(f, e, "a->value", "b->value");
  fputs(";\n}\n\n", f);
}

static void emit_composite(FILE *f, const ir_module *m, const ir_type *t) {
  fprintf(f, "/* ---- %s ---- */\n\n", t->spelling);
  switch (t->kind) {
  case IR_LIST:
    emit_list_core(f, t);
    emit_list_copy_equal(f, t);
    if (has_text(t))
      emit_list_check(f, t);
    emit_list_encoders(f, m, t);
    break;
  case IR_MAP:
    emit_map_reserve_free(f, t);
    emit_map_insert(f, t);
    emit_map_set_get(f, t);
    emit_map_copy_equal(f, t);
    emit_map_check(f, t);
    emit_map_encoders(f, m, t);
    break;
  default:
    emit_opt_functions(f, t);
    break;
  }
}

/* ---- classes: descriptor tables --------------------------------------------------- */

static void emit_field_desc(FILE *f, const ir_field *fd) {
  const ir_constraints *k = &fd->constraints;
  fputs("    {.name = ", f);
  emit_c_cstring(f, fd->name);
  fputs(", .type = ", f);
  emit_c_cstring(f, fd->type->spelling);
  fputs(", .doc = ", f);
  emit_c_cstring(f, fd->doc);
  if (!emit_field_is_required(fd)) {
    fputs(", .default_value = ", f);
    emit_c_cstring(f, fd->def.text);
  }
  if (k->has_max_len)
    fprintf(f, ", .has_max_len = true, .max_len = UINT64_C(%llu)",
            (unsigned long long)k->max_len);
  if (k->has_range) {
    fputs(", .has_range = true, .min = ", f);
    emit_int64(f, k->min);
    fputs(", .max = ", f);
    emit_int64(f, k->max);
  }
  fputs("},\n", f);
}

static void emit_desc_tables(FILE *f, const ir_class *c) {
  if (c->all_field_count > 0) {
    fprintf(f, "static const ws_field_desc %s_fields[] = {\n", c->c_name);
    for (size_t i = 0; i < c->all_field_count; i++)
      emit_field_desc(f, c->all_fields[i]);
    fputs("};\n\n", f);
  }
  if (c->const_count == 0)
    return;
  fprintf(f, "static const ws_const_desc %s_consts[] = {\n", c->c_name);
  for (size_t i = 0; i < c->const_count; i++) {
    const ir_const *k = &c->consts[i];
    fputs("    {.name = ", f);
    emit_c_cstring(f, k->name);
    fputs(", .type = ", f);
    emit_c_cstring(f, k->type->spelling);
    fputs(", .value = ", f);
    emit_c_cstring(f, k->value.text);
    fputs(", .doc = ", f);
    emit_c_cstring(f, k->doc);
    fputs("},\n", f);
  }
  fputs("};\n\n", f);
}

/* ---- classes: dispatch ---------------------------------------------------------- */

/* A class with subclasses may be handed a subclass value through its own
 * type: such values go to their own class's functions. */
static bool dispatches(const ir_class *c) {
  return c->is_abstract || c->subclass_count > 0;
}

/* "if (v->type != NULL && v->type != &ab_x_type)\n" */
static void emit_if_other_class(FILE *f, const ir_class *c, const char *obj) {
  fputs("  if (", f);
  emit_type_of(f, obj, c);
  fputs(" != NULL && ", f);
  emit_type_of(f, obj, c);
  fprintf(f, " != &%s_type)\n", c->c_name);
}

/* The whole body of an abstract class's function: always dispatch, through
 * the type member wherever the class's struct keeps it (an abstract class
 * that has a base keeps it in base). */
static void emit_abstract_body(FILE *f, const ir_class *c, const char *verb) {
  char v[EXPR_MAX], src[EXPR_MAX], a[EXPR_MAX], b[EXPR_MAX];
  type_of(v, "v", c);
  type_of(src, "src", c);
  type_of(a, "a", c);
  type_of(b, "b", c);
  if (strcmp(verb, "free") == 0) {
    fprintf(f, "  if (%s != NULL)\n    %s->free(v);\n", v, v);
  } else if (strcmp(verb, "copy") == 0) {
    fprintf(f,
            "  if (%s != NULL)\n    return %s->copy(dst, src);\n"
            "  memset(dst, 0, sizeof *dst);\n  return WS_OK;\n",
            src, src);
  } else if (strcmp(verb, "equal") == 0) {
    fprintf(f,
            "  if (%s != %s)\n    return false;\n"
            "  return %s == NULL || %s->equal(a, b);\n",
            a, b, a, a);
  } else if (strcmp(verb, "validate") == 0) {
    fprintf(f, "  return %s == NULL ? WS_OK : %s->validate(v, err);\n", v, v);
  } else {
    fprintf(f,
            "  if (%s == NULL)\n"
            "    return ws_error_set(err, WS_EINVAL,\n"
            "                        \"cannot encode a %s that has no "
            "class\");\n"
            "  return %s->encode(v, format, out, err);\n",
            v, c->name, v);
  }
}

/* ---- classes: lifecycle ------------------------------------------------------------ */

/* Prints the next fallible step of a status chain: the first declares st. */
static void emit_step(FILE *f, bool *first, const char *cond) {
  if (*first && cond == NULL)
    fputs("  ws_status st = ", f);
  else if (*first)
    fprintf(f, "  ws_status st = WS_OK;\n  if (%s)\n    st = ", cond);
  else if (cond == NULL)
    fputs("  if (st == WS_OK)\n    st = ", f);
  else
    fprintf(f, "  if (st == WS_OK && %s)\n    st = ", cond);
  *first = false;
}

/* The non-zero default of field fd: plain assignments now, string copies as
 * chain steps. */
static void emit_field_default(FILE *f, const ir_class *c, const ir_field *fd,
                               bool *first) {
  char lv[EXPR_MAX];
  const ir_type *t = fd->type;
  const ir_value *d = &fd->def;
  if (d->kind == IR_VALUE_NONE || d->kind == IR_VALUE_NULL)
    return;
  field_expr(lv, "v", c, fd);
  if (t->kind == IR_OPT) {
    fprintf(f, "  %s.present = true;\n", lv);
    member_of(lv, lv, "value");
  }
  if (d->kind == IR_VALUE_INT && d->i != 0) {
    fprintf(f, "  %s = ", lv);
    emit_int64(f, d->i);
    fputs(";\n", f);
  } else if (d->kind == IR_VALUE_BOOL && d->b) {
    fprintf(f, "  %s = true;\n", lv);
  } else if (d->kind == IR_VALUE_STR && d->s_len > 0) {
    emit_step(f, first, NULL);
    fprintf(f, "ws_str_set(&%s, ", lv);
    emit_c_string(f, d->s, d->s_len);
    fprintf(f, ", %zu);\n", d->s_len);
  }
}

static bool has_string_default(const ir_field *fd) {
  return fd->def.kind == IR_VALUE_STR && fd->def.s_len > 0;
}

static void emit_init(FILE *f, const ir_class *c) {
  bool first = true;
  bool fallible = false;
  fprintf(f, "ws_status %s_init(%s *v) {\n  memset(v, 0, sizeof *v);\n",
          c->c_name, c->c_name);
  if (c->in_hierarchy) {
    fputs("  ", f);
    emit_type_of(f, "v", c);
    fprintf(f, " = &%s_type;\n", c->c_name);
  }
  for (size_t i = 0; i < c->all_field_count; i++)
    if (!has_string_default(c->all_fields[i]))
      emit_field_default(f, c, c->all_fields[i], &first);
  for (size_t i = 0; i < c->all_field_count; i++)
    if (has_string_default(c->all_fields[i])) {
      emit_field_default(f, c, c->all_fields[i], &first);
      fallible = true;
    }
  if (fallible)
    fprintf(f, "  if (st != WS_OK)\n    %s_free(v);\n  return st;\n}\n\n",
            c->c_name);
  else
    fputs("  return WS_OK;\n}\n\n", f);
}

/* One required field taken by make: a plain value is assigned, anything
 * else is copied as a chain step. */
static void emit_make_field(FILE *f, const ir_class *c, const ir_field *fd,
                            bool *first) {
  char lv[EXPR_MAX];
  char cond[EXPR_MAX];
  const ir_type *t = fd->type;
  field_expr(lv, "v", c, fd);
  if (emit_type_is_plain(t)) {
    fprintf(f, "  %s = ", lv);
    emit_make_param_name(f, fd);
    fputs(";\n", f);
    return;
  }
  if (t->kind == IR_OPT) {
    snprintf(cond, sizeof cond, "%s%s != NULL", fd->name,
             strcmp(fd->name, "v") == 0 || strcmp(fd->name, "st") == 0 ? "_"
                                                                      : "");
    emit_step(f, first, cond);
    fprintf(f, "%s_set(&%s, %s", t->c_name, lv,
            emit_type_is_plain(t->elem) ? "*" : "");
  } else {
    emit_step(f, first, NULL);
    emit_type_fn(f, t, "copy");
    fprintf(f, "(&%s, %s", lv, emit_make_takes_value(t) ? "&" : "");
  }
  emit_make_param_name(f, fd);
  fputs(");\n", f);
}

static void emit_make(FILE *f, const ir_class *c) {
  bool first = false; /* init's status opens the chain */
  emit_make_signature(f, c);
  fprintf(f, " {\n  ws_status st = %s_init(v);\n", c->c_name);
  /* plain values first: assigning them is harmless even when init failed */
  for (int plain = 1; plain >= 0; plain--)
    for (size_t i = 0; i < c->all_field_count; i++) {
      const ir_field *fd = c->all_fields[i];
      if (emit_field_is_required(fd) && emit_type_is_plain(fd->type) == plain)
        emit_make_field(f, c, fd, &first);
    }
  fprintf(f, "  if (st != WS_OK)\n    %s_free(v);\n  return st;\n}\n\n",
          c->c_name);
}

static void emit_free(FILE *f, const ir_class *c) {
  char lv[EXPR_MAX];
  fprintf(f, "void %s_free(%s *v) {\n", c->c_name, c->c_name);
  if (c->is_abstract) {
    emit_abstract_body(f, c, "free");
    fputs("}\n\n", f);
    return;
  }
  if (dispatches(c)) {
    emit_if_other_class(f, c, "v");
    fputs("  {\n    ", f);
    emit_type_of(f, "v", c);
    fputs("->free(v);\n    return;\n  }\n", f);
  }
  for (size_t i = 0; i < c->all_field_count; i++) {
    field_expr(lv, "v", c, c->all_fields[i]);
    emit_free_stmt(f, c->all_fields[i]->type, lv, "  ");
  }
  fputs("  memset(v, 0, sizeof *v);\n}\n\n", f);
}

static bool all_plain(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++)
    if (!emit_type_is_plain(c->all_fields[i]->type))
      return false;
  return true;
}

static void emit_copy(FILE *f, const ir_class *c) {
  char dst[EXPR_MAX], src[EXPR_MAX];
  bool first = true;
  fprintf(f, "ws_status %s_copy(%s *dst, const %s *src) {\n", c->c_name,
          c->c_name, c->c_name);
  if (c->is_abstract) {
    emit_abstract_body(f, c, "copy");
    fputs("}\n\n", f);
    return;
  }
  if (dispatches(c)) {
    emit_if_other_class(f, c, "src");
    fputs("    return ", f);
    emit_type_of(f, "src", c);
    fputs("->copy(dst, src);\n", f);
  }
  if (all_plain(c)) {
    fputs("  *dst = *src;\n  return WS_OK;\n}\n\n", f);
    return;
  }
  fputs("  memset(dst, 0, sizeof *dst);\n", f);
  if (c->in_hierarchy) {
    fputs("  ", f);
    emit_type_of(f, "dst", c);
    fputs(" = ", f);
    emit_type_of(f, "src", c);
    fputs(";\n", f);
  }
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    field_expr(dst, "dst", c, fd);
    field_expr(src, "src", c, fd);
    if (emit_type_is_plain(fd->type))
      fprintf(f, "  %s = %s;\n", dst, src);
  }
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (emit_type_is_plain(fd->type))
      continue;
    field_expr(dst, "dst", c, fd);
    field_expr(src, "src", c, fd);
    emit_step(f, &first, NULL);
    emit_type_fn(f, fd->type, "copy");
    fprintf(f, "(&%s, &%s);\n", dst, src);
  }
  fprintf(f, "  if (st != WS_OK)\n    %s_free(dst);\n  return st;\n}\n\n",
          c->c_name);
}

static void emit_equal(FILE *f, const ir_class *c) {
  char a[EXPR_MAX], b[EXPR_MAX];
  fprintf(f, "bool %s_equal(const %s *a, const %s *b) {\n", c->c_name,
          c->c_name, c->c_name);
  if (c->is_abstract) {
    emit_abstract_body(f, c, "equal");
    fputs("}\n\n", f);
    return;
  }
  if (dispatches(c)) {
    fputs("  if (", f);
    emit_type_of(f, "a", c);
    fputs(" != ", f);
    emit_type_of(f, "b", c);
    fputs(")\n    return false;\n", f);
    emit_if_other_class(f, c, "a");
    fputs("    return ", f);
    emit_type_of(f, "a", c);
    fputs("->equal(a, b);\n", f);
  }
  if (c->all_field_count == 0) {
    fputs("  (void)a;\n  (void)b;\n  return true;\n}\n\n", f);
    return;
  }
  fputs("  return ", f);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    field_expr(a, "a", c, fd);
    field_expr(b, "b", c, fd);
    if (i > 0)
      fputs(" &&\n         ", f);
    emit_same(f, fd->type, a, b);
  }
  fputs(";\n}\n\n", f);
}

/* ---- classes: validation ------------------------------------------------------------ */

/* "$.name" as a C string literal. */
static void path_literal(char *out, const ir_field *fd) {
  snprintf(out, EXPR_MAX, "\"$.%s\"", fd->name);
}

static void emit_check_text(FILE *f, const ir_class *c) {
  char lv[EXPR_MAX], cond[EXPR_MAX], path[EXPR_MAX];
  bool first = true;
  size_t text_fields = 0;
  for (size_t i = 0; i < c->all_field_count; i++)
    text_fields += has_text(c->all_fields[i]->type);
  fprintf(f,
          "/* The UTF-8 of every str, with the path of the first that is "
          "not. */\n"
          "static ws_status %s_check_text(const %s *v, ws_error *err) {\n",
          c->c_name, c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    const ir_type *t = fd->type;
    if (!has_text(t))
      continue;
    field_expr(lv, "v", c, fd);
    path_literal(path, fd);
    if (t->kind == IR_OPT) {
      member_of(cond, lv, "present");
      member_of(lv, lv, "value");
      t = t->elem;
    }
    if (text_fields == 1 && fd->type->kind == IR_OPT) {
      fprintf(f, "  return %s ? ", cond);
      emit_check_call(f, t, lv, path);
      fputs(" : WS_OK;\n}\n\n", f);
      return;
    }
    if (text_fields == 1) {
      fputs("  return ", f);
      emit_check_call(f, t, lv, path);
      fputs(";\n}\n\n", f);
      return;
    }
    emit_step(f, &first, fd->type->kind == IR_OPT ? cond : NULL);
    emit_check_call(f, t, lv, path);
    fputs(";\n", f);
  }
  fputs("  return st;\n}\n\n", f);
}

/* The constraints of fd as chain steps. */
static void emit_constraint_steps(FILE *f, const ir_class *c, const ir_field *fd,
                                  bool *first) {
  char lv[EXPR_MAX], path[EXPR_MAX];
  char cond[EXPR_MAX];
  const ir_constraints *k = &fd->constraints;
  const char *when = NULL;
  if (!k->has_max_len && !k->has_range)
    return;
  field_expr(lv, "v", c, fd);
  path_literal(path, fd);
  if (fd->type->kind == IR_OPT) {
    member_of(cond, lv, "present");
    when = cond;
    member_of(lv, lv, "value");
  }
  if (k->has_max_len) {
    emit_step(f, first, when);
    fprintf(f, "ws_len_check(%s.len, UINT64_C(%llu), %s, err);\n", lv, (unsigned long long)k->max_len, path);
  }
  if (k->has_range) {
    emit_step(f, first, when);
    fprintf(f, "ws_range_check(%s, ", lv);
    emit_int64(f, k->min);
    fputs(", ", f);
    emit_int64(f, k->max);
    fprintf(f, ", %s, err);\n", path);
  }
}

static void emit_validate(FILE *f, const ir_class *c) {
  bool first = true;
  if (!c->is_abstract && class_has_text(c))
    emit_check_text(f, c);
  fprintf(f, "ws_status %s_validate(const %s *v, ws_error *err) {\n",
          c->c_name, c->c_name);
  if (c->is_abstract) {
    emit_abstract_body(f, c, "validate");
    fputs("}\n\n", f);
    return;
  }
  if (dispatches(c)) {
    emit_if_other_class(f, c, "v");
    fputs("    return ", f);
    emit_type_of(f, "v", c);
    fputs("->validate(v, err);\n", f);
  }
  if (!class_has_text(c) && !class_has_constraints(c)) {
    fputs("  (void)v;\n  (void)err;\n  return WS_OK;\n}\n\n", f);
    return;
  }
  if (!class_has_constraints(c)) {
    fprintf(f, "  return %s_check_text(v, err);\n}\n\n", c->c_name);
    return;
  }
  if (class_has_text(c)) {
    emit_step(f, &first, NULL);
    fprintf(f, "%s_check_text(v, err);\n", c->c_name);
  }
  for (size_t i = 0; i < c->all_field_count; i++)
    emit_constraint_steps(f, c, c->all_fields[i], &first);
  fputs("  return st;\n}\n\n", f);
}

/* ---- classes: encoding ------------------------------------------------------------ */

/* Statement: what comes before a field's value, "{" or a separator and then
 * the quoted name and colon, pre-rendered for both JSON modes so it costs one
 * write. Field names are identifiers, so they need no JSON escaping. */
static void emit_field_key_json(FILE *f, const char *name, bool first) {
  size_t len = strlen(name);
  const char *comma = first ? "{" : ",";
  const char *python_comma = first ? "{" : ", ";
  fprintf(f, "  ws_json_put_fixed(b, mode, \"%s\\\"%s\\\":\", %zu,\n", comma,
          name, len + 4);
  fprintf(f, "                    \"%s\\\"%s\\\": \", %zu);\n", python_comma,
          name, strlen(python_comma) + len + 4);
}

static void emit_class_put_json(FILE *f, const ir_class *c) {
  char lv[EXPR_MAX];
  fprintf(f,
          "static void %s_put_json(ws_buf *b, const %s *v, ws_json_mode mode) "
          "{\n",
          c->c_name, c->c_name);
  if (c->all_field_count == 0) {
    fputs("  (void)v;\n  (void)mode;\n  ws_buf_puts(b, \"{}\");\n}\n\n", f);
    return;
  }
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    emit_field_key_json(f, fd->name, i == 0);
    field_expr(lv, "v", c, fd);
    emit_put_json(f, fd->type, lv, "  ");
  }
  fputs("  ws_buf_putc(b, '}');\n}\n\n", f);
}

/* The field whose name comes next after prev's (after none: the first) in
 * code point order, which for UTF-8 is strcmp's byte order. Names are
 * unique within a class. */
static const ir_field *field_after(const ir_class *c, const ir_field *prev) {
  const ir_field *best = NULL;
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (prev && strcmp(fd->name, prev->name) <= 0)
      continue;
    if (!best || strcmp(fd->name, best->name) < 0)
      best = fd;
  }
  return best;
}

static size_t field_index(const ir_class *c, const ir_field *fd) {
  size_t i = 0;
  while (c->all_fields[i] != fd)
    i++;
  return i;
}

/* Whether repr() of every field name is the name in quotes: printable
 * ASCII without quotes or backslashes (what pformat's keys_plain says). */
static bool field_names_plain(const ir_class *c) {
  for (size_t i = 0; i < c->all_field_count; i++) {
    for (const char *p = c->all_fields[i]->name; *p; p++) {
      if (*p < 0x20 || *p > 0x7e || *p == '\'' || *p == '"' || *p == '\\')
        return false;
    }
  }
  return true;
}

/* Columns of repr(name) at least: its quotes and one for each code point
 * (exact for a plain name). */
static size_t name_min_width(const char *name) {
  size_t width = 2;
  for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
    width += (*p & 0xc0) != 0x80;
  }
  return width;
}

/* What the field dict's one-line repr needs at least (pformat's
 * min_width): the braces, and for each field its name, ": ", a value of
 * one column or more, and ", " before all but the first. Dicts wider than
 * the line then go straight to their broken layout. */
static size_t class_min_width(const ir_class *c) {
  size_t width = 2;
  for (size_t i = 0; i < c->all_field_count; i++) {
    width += name_min_width(c->all_fields[i]->name) + 3 + (i > 0 ? 2 : 0);
  }
  return width;
}

/* The str form: the field dict as a lazy pformat container whose keys are
 * the descriptor's field names. Its children come in key order (pformat's
 * order, decided here once rather than sorted at every print). */
static void emit_class_pv(FILE *f, const ir_module *m, const ir_class *c) {
  char lv[EXPR_MAX];
  const char *n = c->c_name;
  if (c->all_field_count > 0) {
    fprintf(f,
            "static void %s_child(const void *obj, size_t index, const char "
            "**key,\n"
            "                     size_t *key_len, ws_pv *value) {\n"
            "  const %s *v = obj;\n"
            "  switch (index) { /* in key order */\n",
            n, n);
    const ir_field *fd = NULL;
    for (size_t k = 0; (fd = field_after(c, fd)) != NULL; k++) {
      fprintf(f,
              "  case %zu:\n"
              "    *key = %s_fields[%zu].name;\n"
              "    *key_len = %zu;\n",
              k, n, field_index(c, fd), strlen(fd->name));
      field_expr(lv, "v", c, fd);
      emit_pv(f, m, fd->type, lv, "value", "    ");
      fputs("    break;\n", f);
    }
    fputs("  }\n}\n\n", f);
  }
  fprintf(f,
          "static void %s_pv(const %s *v, ws_pv *out) {\n"
          "  *out = ws_pv_none();\n"
          "  out->kind = WS_PV_DICT;\n"
          "  out->n = %zu;\n"
          "  out->obj = v;\n"
          "  out->keys_sorted = true;\n"
          "  out->min_width = %zu;\n",
          n, n, c->all_field_count, class_min_width(c));
  if (field_names_plain(c))
    fputs("  out->keys_plain = true;\n", f);
  if (c->all_field_count > 0)
    fprintf(f, "  out->child = %s_child;\n", n);
  fputs("}\n\n", f);
}

static void emit_class_put(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  fprintf(f,
          "static void %s_put(ws_buf *b, const void *obj, ws_format format) {\n"
          "  if (format == WS_FORMAT_STR) {\n"
          "    ws_pv pv;\n"
          "    %s_pv(obj, &pv);\n"
          "    ws_pformat(b, &pv);\n"
          "  } else {\n"
          "    %s_put_json(b, obj, format == WS_FORMAT_JSON ? WS_JSON_COMPACT\n"
          "                                                 : "
          "WS_JSON_PYTHON);\n"
          "  }\n}\n\n",
          n, n, n);
}

static void emit_encode(FILE *f, const ir_module *m, const ir_class *c) {
  const char *n = c->c_name;
  if (!c->is_abstract) {
    emit_class_put_json(f, c);
    emit_class_pv(f, m, c);
    emit_class_put(f, c);
  }
  fprintf(f,
          "ws_status %s_encode(const %s *v, ws_format format, ws_buf *out,\n"
          "                    ws_error *err) {\n",
          n, n);
  if (c->is_abstract) {
    emit_abstract_body(f, c, "encode");
    fputs("}\n\n", f);
    return;
  }
  if (dispatches(c)) {
    emit_if_other_class(f, c, "v");
    fputs("    return ", f);
    emit_type_of(f, "v", c);
    fputs("->encode(v, format, out, err);\n", f);
  }
  fprintf(f, "  ws_status st = ws_encode_with(%s_put, v, format, out);\n", n);
  if (class_has_text(c))
    fprintf(f,
            "  if (st == WS_EUTF8 && %s_check_text(v, err) != WS_OK)\n"
            "    return st; /* err names the field */\n",
            n);
  fprintf(f,
          "  if (st != WS_OK)\n"
          "    return ws_encode_failed(st, \"%s\", err);\n"
          "  return WS_OK;\n}\n\n",
          c->name);
}

/* ---- classes: the descriptor ---------------------------------------------------------- */

/* The descriptor's function pointers take void *: thin wrappers. */
static void emit_wrappers(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  if (!c->is_abstract)
    fprintf(f,
            "static ws_status %s_init_any(void *obj) { return %s_init(obj); "
            "}\n",
            n, n);
  fprintf(f,
          "static void %s_free_any(void *obj) { %s_free(obj); }\n"
          "static ws_status %s_copy_any(void *dst, const void *src) {\n"
          "  return %s_copy(dst, src);\n}\n"
          "static bool %s_equal_any(const void *a, const void *b) {\n"
          "  return %s_equal(a, b);\n}\n"
          "static ws_status %s_validate_any(const void *obj, ws_error *err) {\n"
          "  return %s_validate(obj, err);\n}\n"
          "static ws_status %s_encode_any(const void *obj, ws_format format,\n"
          "                               ws_buf *out, ws_error *err) {\n"
          "  return %s_encode(obj, format, out, err);\n}\n",
          n, n, n, n, n, n, n, n, n, n);
  if (!c->is_abstract)
    fprintf(f,
            "static ws_status %s_read_any(ws_reader *r, void *obj) {\n"
            "  return %s_read(r, obj);\n}\n",
            n, n);
  fputc('\n', f);
}

static void emit_flags(FILE *f, const ir_class *c) {
  if (c->is_abstract && c->is_exception)
    fputs("WS_TYPE_ABSTRACT | WS_TYPE_EXCEPTION", f);
  else if (c->is_abstract)
    fputs("WS_TYPE_ABSTRACT", f);
  else if (c->is_exception)
    fputs("WS_TYPE_EXCEPTION", f);
  else
    fputs("0", f);
}

static void emit_descriptor(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  emit_wrappers(f, c);
  fprintf(f, "const ws_type %s_type = {\n    .name = ", n);
  emit_c_cstring(f, c->name);
  fprintf(f, ",\n    .c_name = \"%s\",\n    .doc = ", n);
  emit_c_cstring(f, c->doc);
  if (c->base != NULL)
    fprintf(f, ",\n    .base = &%s_type", c->base->c_name);
  fputs(",\n    .flags = ", f);
  emit_flags(f, c);
  fprintf(f, ",\n    .size = sizeof(%s),\n", n);
  if (c->all_field_count > 0)
    fprintf(f, "    .fields = %s_fields,\n    .field_count = %zu,\n", n,
            c->all_field_count);
  if (c->const_count > 0)
    fprintf(f, "    .consts = %s_consts,\n    .const_count = %zu,\n", n,
            c->const_count);
  if (!c->is_abstract)
    fprintf(f, "    .init = %s_init_any,\n", n);
  fprintf(f,
          "    .free = %s_free_any,\n"
          "    .copy = %s_copy_any,\n"
          "    .equal = %s_equal_any,\n"
          "    .validate = %s_validate_any,\n"
          "    .encode = %s_encode_any,\n",
          n, n, n, n, n);
  if (!c->is_abstract)
    fprintf(f, "    .read = %s_read_any,\n", n);
  fputs("};\n\n", f);
}

static void emit_class(FILE *f, const ir_module *m, const ir_class *c) {
  fprintf(f, "/* ---- %s ---- */\n\n", c->name);
  emit_desc_tables(f, c);
  if (!c->is_abstract)
    emit_init(f, c);
  if (emit_class_has_make(c))
    emit_make(f, c);
  emit_free(f, c);
  emit_copy(f, c);
  emit_equal(f, c);
  emit_validate(f, c);
  emit_encode(f, m, c);
  emit_descriptor(f, c);
}

/* ---- the module ------------------------------------------------------------------------ */

static void emit_module_table(FILE *f, const ir_module *m) {
  const char *p = m->prefix;
  fprintf(f, "/* ---- the module ---- */\n\nconst ws_type *const %s_types[] = {\n",
          p);
  for (size_t i = 0; i < m->class_count; i++)
    fprintf(f, "    &%s_type,\n", m->classes[i]->c_name);
  if (m->class_count == 0)
    fputs("    NULL,\n", f);
  fprintf(f,
          "};\n"
          "const size_t %s_type_count = %zu;\n\n"
          "const ws_type *%s_type_find(const char *name) {\n"
          "  if (name == NULL)\n"
          "    return NULL;\n"
          "  for (size_t i = 0; i < %s_type_count; i++)\n"
          "    if (strcmp(%s_types[i]->name, name) == 0)\n"
          "      return %s_types[i];\n"
          "  return NULL;\n}\n\n",
          p, m->class_count, p, p, p, p);
}

void emit_source(FILE *f, const ir_module *m) {
  emit_banner(f, m);
  fprintf(f,
          "#include \"%s.h\"\n\n#include <stdio.h>\n#include <string.h>\n\n"
          "#include \"ws_check.h\"\n#include \"ws_encode.h\"\n"
          "#include \"ws_pv.h\"\n#include \"ws_read_refuse.h\"\n\n",
          m->stem);
  for (size_t i = 0; i < m->composite_count; i++)
    emit_composite(f, m, m->composites[i]);
  for (size_t i = 0; i < m->class_count; i++)
    emit_class(f, m, m->classes[i]);
  emit_module_table(f, m);
}
