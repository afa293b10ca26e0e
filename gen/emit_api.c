/* emit_api.c - the functions of emit_api.h: the table of public functions
 * and the one generated body among them, make.
 *
 * A row's signature and body are templates in which {T} is the C name of
 * the type or class; for a composite's element, {E} is its C name, {elem}
 * how a function takes it ("int64_t " by value, "ws_strview " for text,
 * "const ab_list_str *" by pointer) and {ref} what turns the parameter into
 * a pointer ("&" or nothing). Rows marked TEXT or NOT_TEXT apply only when
 * the element is (or is not) str or bytes: text is passed on as its view's
 * pointer and length (ws_lend.h). Every body is one call of the runtime,
 * which walks the type's descriptor (ws_kind.h, ws_class.h); make's first
 * gathers its arguments. The rows every composite or class has alike have
 * no body here: the source states them with the runtime's macro
 * (WS_KIND_FUNCTIONS, WS_CLASS_FUNCTIONS, WS_ABSTRACT_CLASS_FUNCTIONS),
 * and the header's prototypes, written from these signatures, hold the
 * macro's definitions to them. */
#include "emit_api.h"

#include <stdbool.h>
#include <string.h>

#include "emit_util.h"

enum api_for {
  FOR_LIST = 1u << 0,
  FOR_MAP = 1u << 1,
  FOR_OPT = 1u << 2,
  FOR_COMPOSITE = FOR_LIST | FOR_MAP | FOR_OPT,
  FOR_CONCRETE = 1u << 3,             /* classes that can be made */
  FOR_CLASS = FOR_CONCRETE | 1u << 4, /* abstract ones too */
  FOR_MAKE = 1u << 5, /* classes with a make: signature and body built */
  TEXT = 1u << 6,     /* with FOR_LIST, FOR_MAP, FOR_OPT: the element is text */
  NOT_TEXT = 1u << 7, /* ... is neither text nor a class through a pointer */
  REF = 1u << 8,      /* ... is a class through a pointer (IR_REF) */
  FOR_REF = 1u << 9   /* a class through a pointer itself */
};

typedef struct api_fn {
  unsigned applies; /* enum api_for */
  const char *signature;
  const char *body;
} api_fn;

static const api_fn composite_fns[] = {
    /* WS_KIND_FUNCTIONS */
    {FOR_COMPOSITE, "void {T}_free({T} *v)", NULL},
    {FOR_COMPOSITE, "ws_status {T}_copy({T} *dst, const {T} *src)", NULL},
    {FOR_COMPOSITE, "bool {T}_equal(const {T} *a, const {T} *b)", NULL},
    {FOR_LIST | NOT_TEXT, "ws_status {T}_append({T} *v, {elem}item)",
     "return ws_list_append(&{T}_kind, v, {ref}item);"},
    {FOR_LIST | TEXT, "ws_status {T}_append({T} *v, {elem}item)",
     "return ws_list_append_text(&{T}_kind, v, item.ptr, item.len);"},
    {FOR_MAP | NOT_TEXT,
     "ws_status {T}_set({T} *m, ws_strview key, {elem}value)",
     "return ws_map_set(&{T}_kind, m, key, {ref}value);"},
    {FOR_MAP | TEXT, "ws_status {T}_set({T} *m, ws_strview key, {elem}value)",
     "return ws_map_set_text(&{T}_kind, m, key, value.ptr, value.len);"},
    {FOR_MAP | TEXT | NOT_TEXT, "const {E} *{T}_get(const {T} *m, ws_strview key)",
     "return ws_map_get(&{T}_kind, m, key);"},
    {FOR_LIST | REF, "ws_status {T}_append({T} *v, const {C} *item)",
     "return ws_list_append_ref(&{T}_kind, v, item);"},
    {FOR_MAP | REF, "ws_status {T}_set({T} *m, ws_strview key, const {C} *value)",
     "return ws_map_set_ref(&{T}_kind, m, key, value);"},
    {FOR_MAP | REF, "{C} *const *{T}_get(const {T} *m, ws_strview key)",
     "return ws_map_get(&{T}_kind, m, key);"},
    {FOR_OPT | NOT_TEXT, "ws_status {T}_set({T} *o, {elem}value)",
     "return ws_opt_set(&{T}_kind, o, {ref}value);"},
    {FOR_OPT | TEXT, "ws_status {T}_set({T} *o, {elem}value)",
     "return ws_opt_set_text(&{T}_kind, o, value.ptr, value.len);"},
};

static const api_fn ref_fns[] = {
    {FOR_REF, "ws_status {T}_set({C} **ref, const {C} *value)",
     "return ws_ref_set(&{T}_kind, ref, value);"},
    {FOR_REF, "void {T}_free({C} **ref)", "ws_ref_free(&{T}_kind, ref);"},
};

/* Defined by WS_CLASS_FUNCTIONS (concrete) or WS_ABSTRACT_CLASS_FUNCTIONS
 * (the FOR_CLASS rows), but make. */
static const api_fn class_fns[] = {
    {FOR_CONCRETE, "ws_status {T}_init({T} *v)", NULL},
    /* written by emit_make; the signature here only names it */
    {FOR_MAKE, "ws_status {T}_make({T} *v, ...)", NULL},
    {FOR_CLASS, "void {T}_free({T} *v)", NULL},
    {FOR_CLASS, "ws_status {T}_copy({T} *dst, const {T} *src)", NULL},
    {FOR_CLASS, "bool {T}_equal(const {T} *a, const {T} *b)", NULL},
    {FOR_CLASS, "ws_status {T}_validate(const {T} *v, ws_error *err)", NULL},
    {FOR_CLASS,
     "ws_status {T}_encode(const {T} *v, ws_format format, ws_buf *out, "
     "ws_error *err)",
     NULL},
    {FOR_CONCRETE,
     "ws_status {T}_decode({T} *v, const char *json, size_t len, "
     "const ws_decode_opts *opts, ws_error *err)",
     NULL},
    {FOR_CONCRETE, "ws_status {T}_read(ws_reader *r, {T} *v)", NULL},
};

/* ---- templates ---------------------------------------------------------------- */

/* What the placeholders of a template stand for. */
typedef struct api_names {
  const char *type;       /* {T} */
  const ir_type *elem;    /* {E}, {elem}, {ref}; NULL for a class */
  const char *cls;        /* {C}: the class a pointer points to, or NULL */
} api_names;

/* Appends the expansion of placeholder `name` (without braces). */
static void put_placeholder(gstr *s, const char *name, size_t len,
                            const api_names *n) {
  bool plain = n->elem != NULL && emit_type_is_plain(n->elem);
  if (len == 1 && name[0] == 'T')
    gstr_puts(s, n->type);
  else if (n->elem != NULL && len == 1 && name[0] == 'E')
    gstr_puts(s, n->elem->c_name);
  else if (n->elem != NULL && len == 4 && memcmp(name, "elem", 4) == 0 &&
           emit_type_is_text(n->elem))
    gstr_printf(s, "%s ", emit_view_name(n->elem));
  else if (n->elem != NULL && len == 4 && memcmp(name, "elem", 4) == 0)
    gstr_printf(s, plain ? "%s " : "const %s *", n->elem->c_name);
  else if (n->cls != NULL && len == 1 && name[0] == 'C')
    gstr_puts(s, n->cls);
  else if (len == 3 && memcmp(name, "ref", 3) == 0)
    gstr_puts(s, plain ? "&" : "");
  else
    gstr_put(s, name - 1, len + 2); /* not a placeholder: as it was */
}

static void put_template(gstr *s, const char *tmpl, const api_names *n) {
  while (*tmpl != '\0') {
    const char *open = strchr(tmpl, '{');
    const char *close = open != NULL ? strchr(open, '}') : NULL;
    if (close == NULL) {
      gstr_puts(s, tmpl);
      return;
    }
    gstr_put(s, tmpl, (size_t)(open - tmpl));
    put_placeholder(s, open + 1, (size_t)(close - open - 1), n);
    tmpl = close + 1;
  }
}

/* One row as a prototype or a definition whose body is its one line (none
 * for a row the runtime's macro defines). */
static void emit_row(printer *p, const api_fn *fn, const api_names *n,
                     api_part part) {
  gstr line;
  if (part == API_DEFINITIONS && fn->body == NULL)
    return;
  gstr_init(&line);
  put_template(&line, fn->signature, n);
  if (part == API_PROTOTYPES) {
    gstr_putc(&line, ';');
    pr_line_of(p, &line);
  } else {
    pr_open_of(p, &line);
    gstr_reset(&line);
    put_template(&line, fn->body, n);
    pr_line_of(p, &line);
    pr_close(p, "");
  }
  gstr_free(&line);
}

/* ---- composites ------------------------------------------------------------------ */

/* Whether row fn of composite_fns is one of composite t's functions: its
 * shape (list, map, T?) and the kind of its element (text, a class through
 * a pointer, anything else). */
static bool composite_has(const ir_type *t, const api_fn *fn) {
  unsigned shape = t->kind == IR_LIST  ? FOR_LIST
                   : t->kind == IR_MAP ? FOR_MAP
                                       : FOR_OPT;
  unsigned elem = emit_type_is_text(t->elem) ? TEXT
                  : t->elem->kind == IR_REF  ? REF
                                             : NOT_TEXT;
  bool for_elem = (fn->applies & (TEXT | NOT_TEXT | REF)) == 0 || (fn->applies & elem);
  return (fn->applies & shape) && for_elem;
}

static api_names composite_names(const ir_type *t) {
  return (api_names){t->c_name, t->elem,
                     t->elem->kind == IR_REF ? t->elem->cls->c_name : NULL};
}

void emit_composite_api(printer *p, const ir_type *t, api_part part) {
  api_names n = composite_names(t);
  if (part == API_DEFINITIONS)
    pr_line(p, "WS_KIND_FUNCTIONS(%s)", t->c_name);
  for (size_t i = 0; i < sizeof composite_fns / sizeof composite_fns[0]; i++)
    if (composite_has(t, &composite_fns[i]))
      emit_row(p, &composite_fns[i], &n, part);
}

void emit_ref_api(printer *p, const ir_type *t, api_part part) {
  api_names n = {t->c_name, NULL, t->cls->c_name};
  for (size_t i = 0; i < sizeof ref_fns / sizeof ref_fns[0]; i++)
    emit_row(p, &ref_fns[i], &n, part);
}

/* ---- make ---------------------------------------------------------------------- */

const char *const emit_make_own_names[] = {"v", "args", NULL};

/* The name of make's parameter for fd: the field's name, with '_' appended
 * when it would clash with make's own names (v, args). */
static void put_param_name(gstr *s, const ir_field *fd) {
  bool clashes = false;
  for (const char *const *own = emit_make_own_names; *own != NULL; own++)
    clashes = clashes || strcmp(fd->name, *own) == 0;
  gstr_printf(s, "%s%s", fd->name, clashes ? "_" : "");
}

/* make's parameter for fd: "ws_strview peer", "int64_t version",
 * "const ab_list_str *protocols", and for a T? "const T *name" (NULL is
 * None; for a str? "const ws_strview *name"). */
static void put_param(gstr *s, const ir_field *fd) {
  const ir_type *t = fd->type;
  const ir_type *taken = t->kind == IR_OPT ? t->elem : t;
  const char *name = emit_type_is_text(taken) ? emit_view_name(taken)
                     : taken->kind == IR_REF  ? taken->cls->c_name
                                              : taken->c_name;
  if (emit_make_takes_value(t))
    gstr_printf(s, "%s ", name);
  else
    gstr_printf(s, "const %s *", name);
  put_param_name(s, fd);
}

/* "ws_status C_make(C *v, <one parameter a required field>)". */
static void put_make_signature(gstr *s, const ir_class *c) {
  gstr_printf(s, "ws_status %s_make(%s *v", c->c_name, c->c_name);
  for (size_t i = 0; i < c->all_field_count; i++) {
    if (emit_field_is_required(c->all_fields[i])) {
      gstr_puts(s, ", ");
      put_param(s, c->all_fields[i]);
    }
  }
  gstr_putc(s, ')');
}

/* make's body: the required fields' arguments, in field order, as
 * pointers (to the value or view a parameter holds, or the pointer a
 * parameter is), for the runtime to copy (ws_class_make, ws_class.h). */
static void emit_make_body(printer *p, const ir_class *c) {
  gstr line;
  gstr_init(&line);
  gstr_puts(&line, "const void *args[] = {");
  bool first = true;
  for (size_t i = 0; i < c->all_field_count; i++) {
    const ir_field *fd = c->all_fields[i];
    if (!emit_field_is_required(fd))
      continue;
    gstr_puts(&line, first ? "" : ", ");
    /* a class through a pointer: the pointer, which is what its kind
     * copies from */
    if (emit_make_takes_value(fd->type) || fd->type->kind == IR_REF)
      gstr_putc(&line, '&');
    put_param_name(&line, fd);
    first = false;
  }
  gstr_puts(&line, "};");
  pr_line_of(p, &line);
  gstr_free(&line);
  pr_line(p, "return ws_class_make(&%s_type, v, args);", c->c_name);
}

static void emit_make(printer *p, const ir_class *c, api_part part) {
  gstr sig;
  gstr_init(&sig);
  put_make_signature(&sig, c);
  if (part == API_PROTOTYPES) {
    gstr_putc(&sig, ';');
    pr_line_of(p, &sig);
  } else {
    pr_open_of(p, &sig);
    emit_make_body(p, c);
    pr_close(p, "");
  }
  gstr_free(&sig);
}

/* ---- classes --------------------------------------------------------------------- */

void emit_class_api(printer *p, const ir_class *c, api_part part) {
  unsigned has = c->is_abstract ? FOR_CLASS & ~FOR_CONCRETE : FOR_CLASS;
  api_names n = {c->c_name, NULL, NULL};
  if (emit_class_has_make(c))
    has |= FOR_MAKE;
  if (part == API_DEFINITIONS)
    pr_line(p, "%s(%s)", c->is_abstract ? "WS_ABSTRACT_CLASS_FUNCTIONS" : "WS_CLASS_FUNCTIONS",
            c->c_name);
  for (size_t i = 0; i < sizeof class_fns / sizeof class_fns[0]; i++) {
    const api_fn *fn = &class_fns[i];
    if (!(fn->applies & has))
      continue;
    if (fn->applies == FOR_MAKE)
      emit_make(p, c, part);
    else
      emit_row(p, fn, &n, part);
  }
}

/* ---- names ---------------------------------------------------------------------- */

/* The function a row declares: the identifier before its '('. */
static void each_row_name(const api_fn *fn, const api_names *n, emit_name_fn each,
                          void *ctx) {
  gstr sig;
  gstr_init(&sig);
  put_template(&sig, fn->signature, n);
  const char *text = gstr_cstr(&sig);
  const char *open = strchr(text, '(');
  const char *start = open;
  while (start != NULL && start > text && start[-1] != ' ' && start[-1] != '*')
    start--;
  if (gstr_failed(&sig) || open == NULL) {
    each(ctx, NULL, "a function");
  } else {
    sig.data[open - text] = '\0';
    each(ctx, start, "a function");
  }
  gstr_free(&sig);
}

void emit_api_names(const ir_type *t, const ir_class *c, emit_name_fn each, void *ctx) {
  if (t != NULL && t->kind == IR_REF) {
    api_names n = {t->c_name, NULL, t->cls->c_name};
    for (size_t i = 0; i < sizeof ref_fns / sizeof ref_fns[0]; i++)
      each_row_name(&ref_fns[i], &n, each, ctx);
  } else if (t != NULL) {
    api_names n = composite_names(t);
    for (size_t i = 0; i < sizeof composite_fns / sizeof composite_fns[0]; i++)
      if (composite_has(t, &composite_fns[i]))
        each_row_name(&composite_fns[i], &n, each, ctx);
  } else {
    api_names n = {c->c_name, NULL, NULL};
    for (size_t i = 0; i < sizeof class_fns / sizeof class_fns[0]; i++)
      each_row_name(&class_fns[i], &n, each, ctx);
  }
}

void emit_make_param_name(gstr *s, const ir_field *fd) { put_param_name(s, fd); }
