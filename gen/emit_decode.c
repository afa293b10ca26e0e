/* emit_decode.c - the JSON decoders of STEM.c: per composite type a static
 * reader, per concrete class P_x_read and P_x_decode.
 *
 * The generated code pulls tokens from a ws_reader straight into the structs:
 * a class reader switches on the key's length, then compares bytes, so the
 * lookup is straight-line code with no tables and no DOM. Every error goes
 * through the reader (ws_reader_fail*), so after any failure r->status holds
 * the code and callers just return it. Values are read in place into slots
 * that start empty, so whatever a failure leaves behind is still a valid
 * value that free releases. */
#include <inttypes.h>
#include <string.h>

#include "emit.h"
#include "emit_util.h"

/* True when a concrete class reads a value of composite type t: t is in the
 * chain of some field's type. (A composite of an abstract class with no
 * concrete subclass gets no reader.) */
static bool composite_is_read(const ir_module *m, const ir_type *t) {
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    for (size_t j = 0; !c->is_abstract && j < c->all_field_count; j++) {
      for (const ir_type *k = c->all_fields[j]->type; k != NULL; k = k->elem) {
        if (k == t) {
          return true;
        }
      }
    }
  }
  return false;
}

/* ---- reading one value ------------------------------------------------------- */

/* The function that reads a value of type t: the runtime's for scalars and
 * headers, the module's static reader for composites. */
static void emit_reader_name(FILE *f, const ir_type *t) {
  switch (t->kind) {
  case IR_STR: fputs("ws_read_str", f); return;
  case IR_BYTES: fputs("ws_read_bytes", f); return;
  case IR_INT: fputs("ws_read_int", f); return;
  case IR_BOOL: fputs("ws_read_bool", f); return;
  case IR_HEADERS: fputs("ws_read_headers", f); return;
  case IR_OPT:
  case IR_LIST:
  case IR_MAP: emit_type_fn(f, t, "read"); return;
  }
}

/* What a value of t must be, as errors name it: the schema spelling, and the
 * width of an integer ("int, 64-bit", "int?, 64-bit"). */
static void emit_type_label(FILE *f, const ir_type *t) {
  const ir_type *base = t->kind == IR_OPT ? t->elem : t;
  fputc('"', f);
  fputs(t->spelling, f);
  fputs(base->kind == IR_INT ? ", 64-bit\"" : "\"", f);
}

/* Before a value is read: name its type for error messages, then `if the
 * next value is a null this type refuses, return` (no check for a nullable,
 * whose reader takes null as None). */
static void emit_value_prologue(FILE *f, const ir_type *t,
                            const char *indent) {
  fprintf(f, "%sws_path_set_type(r, ", indent);
  emit_type_label(f, t);
  fputs(");\n", f);
  if (t->kind == IR_OPT) {
    return;
  }
  fprintf(f, "%sif (ws_read_null_refused(r, ", indent);
  emit_c_cstring(f, t->spelling);
  fprintf(f, ")) {\n%s  return r->status;\n%s}\n", indent, indent);
}

/* `READER(r, &LVALUE)`; lvalue is "v->" plus what follows. */
static void emit_read_call(FILE *f, const ir_type *t, const char *lvalue) {
  emit_reader_name(f, t);
  fprintf(f, "(r, &%s)", lvalue);
}

/* Reads the next value into the element slot `lvalue`, with the path already
 * pushed; returns on failure, pops the path on success. */
static void emit_element_read(FILE *f, const ir_type *t,
                              const char *lvalue) {
  emit_value_prologue(f, t, "    ");
  fputs("    if (", f);
  emit_read_call(f, t, lvalue);
  fputs(" != WS_OK) {\n      return r->status;\n    }\n    ws_path_pop(r);\n",
        f);
}

/* ---- composite readers --------------------------------------------------------- */

static void emit_composite_signature(FILE *f, const ir_type *t) {
  fputs("static ws_status ", f);
  emit_type_fn(f, t, "read");
  fprintf(f, "(ws_reader *r, %s *v)", t->c_name);
}

/* null is None; anything else is the value, read in place. */
static void emit_opt_reader(FILE *f, const ir_type *t) {
  emit_composite_signature(f, t);
  fputs(" {\n  if (ws_read_null(r)) {\n    ", f);
  emit_type_fn(f, t, "free");
  fputs("(v);\n    return WS_OK;\n  }\n"
        "  v->present = true; /* first, so free releases a partial value */\n"
        "  return ",
        f);
  emit_read_call(f, t->elem, "v->value");
  fputs(";\n}\n\n", f);
}

static void emit_list_reader(FILE *f, const ir_type *t) {
  emit_composite_signature(f, t);
  fputs(" {\n  if (ws_read_array_begin(r, \"an array\") != WS_OK) {\n"
        "    return r->status;\n  }\n"
        "  while (ws_read_array_next(r)) {\n",
        f);
  fprintf(f, "    if (ws_list_push(&%s_kind, v) == NULL) {\n", t->c_name);
  fputs("      return ws_reader_fail(r, WS_ENOMEM, \"out of memory\");\n"
        "    }\n"
        "    if (ws_path_push_index(r, v->len - 1) != WS_OK) {\n"
        "      return r->status;\n    }\n",
        f);
  emit_element_read(f, t->elem, "v->items[v->len - 1]");
  fputs("  }\n  return r->status;\n}\n\n", f);
}

/* A map is read in two functions: the entries, with the set of keys seen
 * (a hash set, so a large object cannot cost quadratic time), and the
 * reader proper, which owns the set and frees it on every path. */
static void emit_map_reader(FILE *f, const ir_type *t) {
  const char *n = t->c_name;
  fprintf(f,
          "static ws_status %s_read_entries(ws_reader *r, %s *v,\n"
          "                                 ws_keyset *seen) {\n"
          "  const char *key;\n  size_t key_len;\n"
          "  while (ws_read_object_next(r, &key, &key_len)) {\n"
          "    ws_status added = ws_keyset_add(seen, key, key_len);\n"
          "    if (added == WS_EDUPLICATE) {\n"
          "      return ws_read_duplicate_key(r, key, key_len);\n    }\n"
          "    /* known to be new: push, not set, which would search */\n"
          "    if (added != WS_OK ||\n"
          "        ws_map_push(&%s_kind, v, key, key_len) == NULL) {\n",
          n, n, n);
  fputs(
        "      return ws_reader_fail(r, WS_ENOMEM, \"out of memory\");\n"
        "    }\n"
        "    if (ws_path_push_key(r, key, key_len) != WS_OK) {\n"
        "      return r->status;\n    }\n",
        f);
  emit_element_read(f, t->elem, "v->values[v->len - 1]");
  fputs("  }\n  return r->status;\n}\n\n", f);
  emit_composite_signature(f, t);
  fprintf(f,
          " {\n  ws_keyset seen;\n"
          "  if (ws_read_object_begin(r, \"an object\") != WS_OK) {\n"
          "    return r->status;\n  }\n"
          "  ws_keyset_init(&seen);\n"
          "  ws_status status = %s_read_entries(r, v, &seen);\n"
          "  ws_keyset_free(&seen);\n"
          "  return status;\n}\n\n",
          n);
}

static void emit_composite_readers(FILE *f, const ir_module *m) {
  for (size_t i = 0; i < m->composite_count; i++) {
    if (composite_is_read(m, m->composites[i])) {
      emit_composite_signature(f, m->composites[i]);
      fputs(";\n", f);
    }
  }
  fputs("\n", f);
  for (size_t i = 0; i < m->composite_count; i++) {
    const ir_type *t = m->composites[i];
    if (!composite_is_read(m, t)) {
      continue;
    }
    if (t->kind == IR_OPT) {
      emit_opt_reader(f, t);
    } else if (t->kind == IR_LIST) {
      emit_list_reader(f, t);
    } else {
      emit_map_reader(f, t);
    }
  }
}

/* ---- class readers ------------------------------------------------------------- */

/* Field keys of one length, for the switch in field_index. */
static void emit_index_case(FILE *f, const ir_class *c, size_t len) {
  fprintf(f, "  case %zu:\n", len);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const char *name = c->all_fields[i]->name;
    if (strlen(name) == len) {
      fprintf(f,
              "    if (memcmp(key, \"%s\", %zu) == 0) {\n"
              "      return %zu;\n    }\n",
              name, len, i);
    }
  }
  fputs("    return -1;\n", f);
}

/* True when a field before index i has a name of the same length (so its
 * case is already written). */
static bool length_seen_before(const ir_class *c, size_t i) {
  size_t len = strlen(c->all_fields[i]->name);
  for (size_t j = 0; j < i; j++) {
    if (strlen(c->all_fields[j]->name) == len) {
      return true;
    }
  }
  return false;
}

static void emit_field_index(FILE *f, const ir_class *c) {
  fprintf(f,
          "/* The number of %s's field named key[0..len), or -1. */\n"
          "static int %s_field_index(const char *key, size_t len) {\n"
          "  switch (len) {\n",
          c->name, c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (!length_seen_before(c, i)) {
      emit_index_case(f, c, strlen(c->all_fields[i]->name));
    }
  }
  fputs("  default:\n    return -1;\n  }\n}\n\n", f);
}

/* "v->" plus the member path of fd in c, into buf. */
static void field_lvalue(char *buf, size_t size, const ir_class *c,
                         const ir_field *fd) {
  buf[0] = '\0';
  strncat(buf, "v->", size - 1);
  for (const ir_class *k = c; k != NULL && k != fd->owner; k = k->base) {
    strncat(buf, "base.", size - 1 - strlen(buf));
  }
  strncat(buf, fd->name, size - 1 - strlen(buf));
}

/* The constraint check after a constrained field was read; `at` is where
 * its value started. A nullable is checked only when present. */
static void emit_constraint_return(FILE *f, const ir_field *fd, const char *lv) {
  const ir_constraints *k = &fd->constraints;
  bool opt = fd->type->kind == IR_OPT;
  const char *value = opt ? ".value" : "";
  fputs("    return ", f);
  if (opt) {
    fprintf(f, "!%s.present ? WS_OK : ", lv);
  }
  if (k->has_max_len) {
    fprintf(f, "ws_read_check_max_len(r, at, %s%s.len, UINT64_C(%" PRIu64 "));\n",
            lv, value, k->max_len);
    return;
  }
  fprintf(f, "ws_read_check_range(r, at, %s%s, ", lv, value);
  emit_int64(f, k->min);
  fputs(", ", f);
  emit_int64(f, k->max);
  fputs(");\n", f);
}

/* One case of read_field: the value of field i into its member. */
static void emit_field_case(FILE *f, const ir_class *c,
                            size_t i) {
  const ir_field *fd = c->all_fields[i];
  bool constrained = fd->constraints.has_max_len || fd->constraints.has_range;
  char lv[512];
  field_lvalue(lv, sizeof lv, c, fd);
  if (i + 1 < c->all_field_count) {
    fprintf(f, "  case %zu: /* %s: %s */", i, fd->name, fd->type->spelling);
  } else {
    fprintf(f, "  default: /* %zu, %s: %s */", i, fd->name,
            fd->type->spelling);
  }
  fputs(constrained ? " {\n    size_t at = ws_reader_offset(r);\n" : "\n", f);
  emit_value_prologue(f, fd->type, "    ");
  if (!constrained) {
    fputs("    return ", f);
    emit_read_call(f, fd->type, lv);
    fputs(";\n", f);
    return;
  }
  fputs("    if (", f);
  emit_read_call(f, fd->type, lv);
  fputs(" != WS_OK) {\n      return r->status;\n    }\n", f);
  emit_constraint_return(f, fd, lv);
  fputs("  }\n", f);
}

static void emit_read_field(FILE *f, const ir_class *c) {
  fprintf(f,
          "/* Reads the value of field number `field` into v. */\n"
          "static ws_status %s_read_field(ws_reader *r, %s *v, int field) {\n"
          "  switch (field) {\n",
          c->c_name, c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    emit_field_case(f, c, i);
  }
  fputs("  }\n}\n\n", f);
}

/* The message tail of an unknown field: "Ping has: payload". */
static void emit_known_fields(FILE *f, const ir_class *c) {
  if (c->all_field_count == 0) {
    fprintf(f, "\"%s has no fields\"", c->name);
    return;
  }
  fprintf(f, "\"%s has: ", c->name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    fprintf(f, "%s%s", i > 0 ? ", " : "", c->all_fields[i]->name);
  }
  fputs("\"", f);
}

/* The member loop of a class with fields: lookup, duplicate check, read. */
static void emit_member_loop(FILE *f, const ir_class *c) {
  fprintf(f,
          "  while (ws_read_object_next(r, &key, &key_len)) {\n"
          "    int field = %s_field_index(key, key_len);\n"
          "    if (field < 0) {\n"
          "      if (ws_read_unknown_field(r, key, key_len, ",
          c->c_name);
  emit_known_fields(f, c);
  fprintf(f,
          ") != WS_OK) {\n"
          "        return r->status;\n      }\n      continue;\n    }\n"
          "    if (seen[field]) {\n"
          "      return ws_read_duplicate_key(r, key, key_len);\n    }\n"
          "    seen[field] = true;\n"
          "    if (ws_path_push_key(r, key, key_len) != WS_OK ||\n"
          "        %s_read_field(r, v, field) != WS_OK) {\n"
          "      return r->status;\n    }\n"
          "    ws_path_pop(r);\n  }\n",
          c->c_name);
}

/* A class without fields: every key is unknown. */
static void emit_empty_loop(FILE *f, const ir_class *c) {
  fprintf(f,
          "  while (ws_read_object_next(r, &key, &key_len)) {\n"
          "    if (ws_read_unknown_field(r, key, key_len, ");
  emit_known_fields(f, c);
  fputs(") != WS_OK) {\n      return r->status;\n    }\n  }\n", f);
}

/* After the loop: the reader's status, then every required field seen. */
static void emit_end_checks(FILE *f, const ir_class *c) {
  if (!emit_class_has_make(c)) {
    fputs("  return r->status;\n}\n\n", f);
    return;
  }
  fputs("  if (r->status != WS_OK) {\n    return r->status;\n  }\n", f);
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (emit_field_is_required(fd)) {
      fprintf(f,
              "  if (!seen[%zu]) {\n"
              "    return ws_read_missing_field(r, at, \"%s\", \"%s\");\n  }\n",
              i, c->name, fd->name);
    }
  }
  fputs("  return WS_OK;\n}\n\n", f);
}

static void emit_class_read(FILE *f, const ir_class *c) {
  bool has_fields = c->all_field_count > 0;
  if (has_fields) {
    emit_field_index(f, c);
    emit_read_field(f, c);
  }
  fprintf(f, "ws_status %s_read(ws_reader *r, %s *v) {\n", c->c_name,
          c->c_name);
  if (has_fields) {
    fprintf(f, "  bool seen[%zu] = {false};\n", c->all_field_count);
  }
  fputs("  const char *key;\n  size_t key_len;\n", f);
  if (!has_fields) {
    fputs("  (void)v; /* nothing to read into */\n", f);
  }
  if (emit_class_has_make(c)) { /* it has a required field */
    fputs("  size_t at = ws_reader_offset(r); /* where the object starts */\n",
          f);
  }
  fputs("  if (ws_read_object_begin(r, \"an object\") != WS_OK) {\n"
        "    return r->status;\n  }\n",
        f);
  if (has_fields) {
    emit_member_loop(f, c);
  } else {
    emit_empty_loop(f, c);
  }
  emit_end_checks(f, c);
}

static void emit_class_decode(FILE *f, const ir_class *c) {
  fprintf(f,
          "ws_status %s_decode(%s *v, const char *json, size_t len,\n"
          "                    const ws_decode_opts *opts, ws_error *err) {\n"
          "  return ws_type_decode(&%s_type, v, json, len, opts, err);\n"
          "}\n\n",
          c->c_name, c->c_name, c->c_name);
}

/* ---- the whole section ----------------------------------------------------------- */

void emit_decoders(FILE *f, const ir_module *m) {
  fputs("/* ---- decoding --------------------------------------------------"
        "-------- */\n\n",
        f);
  emit_composite_readers(f, m);
  for (size_t i = 0; i < m->class_count; i++) {
    const ir_class *c = m->classes[i];
    if (!c->is_abstract) {
      emit_class_read(f, c);
      emit_class_decode(f, c);
    }
  }
}
