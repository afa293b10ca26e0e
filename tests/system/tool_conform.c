/* tool_conform.c - checks generated classes against what Python printed.
 *
 *   tool_conform cases FILE [--show N]
 *       Reads a case file (tests/system/conformance/expect.py describes it: one
 *       ASCII JSON array per line, [class, compact, python, str, input?] or
 *       [class, invalid, said?]) and for each case decodes `compact`, encodes the
 *       value in all three formats and compares byte for byte, decodes
 *       `python` (and `input`) and compares values, copies and compares; or,
 *       for a rejection case, checks that `invalid` fails to decode with an
 *       error that says why. Prints a tally per class
 *       and check, the first N mismatches (default 5) and, last,
 *       "N passed, M failed", where each check of each case counts once.
 *   tool_conform describe
 *       Prints the module's classes and their fields as one JSON document,
 *       for scripts that make random values of the right types.
 *
 * Descriptor-driven: it names no class. It works on the module's table of
 * descriptors, by default the autobahn module; built with
 * -DCONFORM_CATALOG it works on the catalog schema's (tests/system/catalog/),
 * and with -DCONFORM_HEADER and -DCONFORM_PREFIX on any module's (the chat
 * schema's two, tests/system/chat/). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_buf.h"
#include "ws_kind_enum.h"
#include "ws_type.h"

#if defined CONFORM_HEADER /* any module: -DCONFORM_HEADER='"x.h"' -DCONFORM_PREFIX=x */
#include CONFORM_HEADER
#define CONFORM_NAME2(prefix, what) prefix##what
#define CONFORM_NAME(prefix, what) CONFORM_NAME2(prefix, what)
#define MODULE_TYPES CONFORM_NAME(CONFORM_PREFIX, _types)
#define MODULE_TYPE_COUNT CONFORM_NAME(CONFORM_PREFIX, _type_count)
#elif defined CONFORM_CATALOG
#include "library.h"
#define MODULE_TYPES lib_types
#define MODULE_TYPE_COUNT lib_type_count
#else
#include "autobahn.h"
#define MODULE_TYPES ab_types
#define MODULE_TYPE_COUNT ab_type_count
#endif

/* ---- the checks and their tally ---------------------------------------- */

typedef enum check_kind {
  CHECK_DECODE,      /* compact decodes */
  CHECK_JSON,        /* encode(JSON) == compact */
  CHECK_JSON_PYTHON, /* encode(JSON_PYTHON) == python */
  CHECK_STR,         /* encode(STR) == str */
  CHECK_REREAD,      /* python decodes to an equal value */
  CHECK_COPY,        /* a copy is equal both ways */
  CHECK_INPUT,       /* the reordered input decodes to an equal value */
  CHECK_VIA_BASE,    /* the base's descriptor encodes and compares it too */
  CHECK_REJECT,      /* an invalid input fails to decode, with a reason */
  CHECK_COUNT
} check_kind;

static const char *const check_names[CHECK_COUNT] = {
    [CHECK_DECODE] = "decode",
    [CHECK_JSON] = "json",
    [CHECK_JSON_PYTHON] = "json-python",
    [CHECK_STR] = "str",
    [CHECK_REREAD] = "reread",
    [CHECK_COPY] = "copy",
    [CHECK_INPUT] = "input",
    [CHECK_VIA_BASE] = "via-base",
    [CHECK_REJECT] = "reject",
};

typedef struct tally {
  size_t passed[CHECK_COUNT];
  size_t total[CHECK_COUNT];
} tally;

typedef struct run {
  tally *per_type; /* one per entry of MODULE_TYPES */
  size_t unknown_class;
  size_t shown, show_max;
  size_t line;
} run;

static void count(run *r, size_t type_index, check_kind kind, bool ok) {
  r->per_type[type_index].total[kind]++;
  if (ok) {
    r->per_type[type_index].passed[kind]++;
  }
}

/* ---- reading the case file ----------------------------------------------
 * Its strings are read by this little parser, not by the runtime's JSON
 * reader, so that a fault in the code under test cannot bend the expected
 * texts to match. */

#define CASE_FIELDS_REJECT 2 /* class, invalid */
#define CASE_FIELDS_REJECT_SAID 3 /* ... and what the message must say */
#define CASE_FIELDS_MIN 4    /* class, compact, python, str */
#define CASE_FIELDS_MAX 5    /* ... and input */

typedef struct case_line {
  ws_buf field[CASE_FIELDS_MAX]; /* class, compact, python, str, input */
  size_t count;
} case_line;

static void put_utf8(ws_buf *b, uint32_t cp) {
  unsigned char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (unsigned char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (unsigned char)(0xC0 | (cp >> 6));
    u[1] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (unsigned char)(0xE0 | (cp >> 12));
    u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (unsigned char)(0xF0 | (cp >> 18));
    u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  ws_buf_put(b, u, n);
}

static bool read_hex4(const char **p, const char *end, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++, (*p)++) {
    if (*p >= end) {
      return false;
    }
    char c = **p;
    uint32_t d;
    if (c >= '0' && c <= '9') {
      d = (uint32_t)(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      d = (uint32_t)(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      d = (uint32_t)(c - 'A' + 10);
    } else {
      return false;
    }
    v = v * 16 + d;
  }
  *out = v;
  return true;
}

/* \uXXXX, with a following \uXXXX when the first is a high surrogate. */
static bool read_u_escape(const char **p, const char *end, ws_buf *out) {
  uint32_t cp;
  if (!read_hex4(p, end, &cp)) {
    return false;
  }
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low;
    if (end - *p < 2 || (*p)[0] != '\\' || (*p)[1] != 'u') {
      return false;
    }
    *p += 2;
    if (!read_hex4(p, end, &low) || low < 0xDC00 || low > 0xDFFF) {
      return false;
    }
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return false;
  }
  put_utf8(out, cp);
  return true;
}

static bool read_escape(const char **p, const char *end, ws_buf *out) {
  static const char names[] = "\"\\/bfnrt";
  static const char values[] = "\"\\/\b\f\n\r\t";
  if (*p >= end) {
    return false;
  }
  char c = *(*p)++;
  if (c == 'u') {
    return read_u_escape(p, end, out);
  }
  const char *hit = c ? strchr(names, c) : NULL;
  if (!hit) {
    return false;
  }
  ws_buf_putc(out, values[hit - names]);
  return true;
}

/* One JSON string at *p into out (replacing its content). */
static bool read_string(const char **p, const char *end, ws_buf *out) {
  ws_buf_reset(out);
  if (*p >= end || **p != '"') {
    return false;
  }
  (*p)++;
  while (*p < end) {
    char c = *(*p)++;
    if (c == '"') {
      return out->status == WS_OK;
    }
    if (c == '\\') {
      if (!read_escape(p, end, out)) {
        return false;
      }
    } else {
      ws_buf_putc(out, c);
    }
  }
  return false;
}

static void skip_spaces(const char **p, const char *end) {
  while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r')) {
    (*p)++;
  }
}

/* Parses `["a", "b", ...]` (4 or 5 strings) from [p, end). */
static bool parse_case_line(const char *p, const char *end, case_line *c) {
  c->count = 0;
  skip_spaces(&p, end);
  if (p >= end || *p++ != '[') {
    return false;
  }
  for (;;) {
    skip_spaces(&p, end);
    if (c->count == CASE_FIELDS_MAX ||
        !read_string(&p, end, &c->field[c->count])) {
      return false;
    }
    c->count++;
    skip_spaces(&p, end);
    if (p < end && *p == ',') {
      p++;
      continue;
    }
    break;
  }
  if (p >= end || *p++ != ']') {
    return false;
  }
  skip_spaces(&p, end);
  return p == end &&
         (c->count >= CASE_FIELDS_MIN || c->count == CASE_FIELDS_REJECT ||
          c->count == CASE_FIELDS_REJECT_SAID);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) {
    return NULL;
  }
  ws_buf b;
  ws_buf_init(&b);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    ws_buf_put(&b, chunk, n);
  }
  bool ok = !ferror(f) && b.status == WS_OK;
  if (f != stdin) {
    fclose(f);
  }
  if (!ok) {
    ws_buf_free(&b);
    return NULL;
  }
  *len = b.len;
  if (!b.data) { /* an empty file */
    return ws_malloc(1);
  }
  return b.data;
}

/* ---- showing a mismatch -------------------------------------------------- */

/* Prints s[from, to) on one line, with newlines and other control bytes as
 * escapes so the two texts line up. */
static void print_escaped(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') {
      fputs("\\n", stdout);
    } else if (c == '\\') {
      fputs("\\\\", stdout);
    } else if (c < 0x20 || c == 0x7F) {
      printf("\\x%02x", c);
    } else {
      putchar(c);
    }
  }
}

#define SHOW_BEFORE 160
#define SHOW_AFTER 240

static void print_window(const char *label, const char *s, size_t len,
                         size_t at) {
  size_t from = at > SHOW_BEFORE ? at - SHOW_BEFORE : 0;
  size_t to = len - at > SHOW_AFTER ? at + SHOW_AFTER : len;
  printf("  %s (%zu bytes): %s", label, len, from > 0 ? "..." : "");
  print_escaped(s, from, to);
  printf("%s\n", to < len ? "..." : "");
}

static bool should_show(run *r) {
  if (r->shown >= r->show_max) {
    return false;
  }
  r->shown++;
  return true;
}

static void show_text_mismatch(run *r, const char *cls, check_kind kind,
                               const ws_buf *want, const char *got,
                               size_t got_len) {
  if (!should_show(r)) {
    return;
  }
  size_t at = 0;
  while (at < want->len && at < got_len && want->data[at] == got[at]) {
    at++;
  }
  printf("MISMATCH line %zu: %s %s, first difference at byte %zu\n", r->line,
         cls, check_names[kind], at);
  print_window("expected", want->data ? want->data : "", want->len, at);
  print_window("got     ", got ? got : "", got_len, at);
}

static void show_failure(run *r, const char *cls, check_kind kind,
                         const char *what, const ws_error *err) {
  if (!should_show(r)) {
    return;
  }
  printf("FAILURE line %zu: %s %s: %s", r->line, cls, check_names[kind], what);
  if (err && err->code != WS_OK) {
    printf(": %s at %zu:%zu %s: %s", ws_status_str(err->code), err->line,
           err->col, err->path, err->msg);
  }
  printf("\n");
}

/* ---- one case ------------------------------------------------------------ */

/* A zeroed object of type t, as the generated functions expect. */
static void *new_object(const ws_type *t) {
  void *obj = ws_malloc(t->size);
  if (obj) {
    memset(obj, 0, t->size);
  }
  return obj;
}

static void drop_object(const ws_type *t, void *obj) {
  if (obj) {
    t->free(t, obj);
    ws_free(obj);
  }
}

static void *decode_text(run *r, const ws_type *t, const ws_buf *text,
                         check_kind kind, bool *ok) {
  void *obj = new_object(t);
  ws_error err;
  ws_error_clear(&err);
  *ok = false;
  if (!obj) {
    show_failure(r, t->name, kind, "out of memory in the harness", NULL);
    return NULL;
  }
  if (ws_type_decode(t, obj, text->data ? text->data : "", text->len, NULL,
                     &err) != WS_OK) {
    show_failure(r, t->name, kind, "decode failed", &err);
    return obj;
  }
  *ok = true;
  return obj;
}

static bool encode_matches(run *r, const ws_type *via, const char *cls,
                           const void *obj, ws_format format,
                           const ws_buf *want, check_kind kind) {
  ws_buf out;
  ws_buf_init(&out);
  ws_error err;
  ws_error_clear(&err);
  ws_status st = via->encode(via, obj, format, &out, &err);
  bool ok = st == WS_OK && out.len == want->len &&
            (want->len == 0 || memcmp(out.data, want->data, want->len) == 0);
  if (st != WS_OK) {
    show_failure(r, cls, kind, "encode failed", &err);
  } else if (!ok) {
    show_text_mismatch(r, cls, kind, want, out.data, out.len);
  }
  ws_buf_free(&out);
  return ok;
}

static bool decodes_equal(run *r, const ws_type *t, const void *obj,
                          const ws_buf *text, check_kind kind) {
  bool ok;
  void *other = decode_text(r, t, text, kind, &ok);
  if (ok && !t->equal(t, obj, other)) {
    ok = false;
    show_failure(r, t->name, kind, "decoded to a different value", NULL);
  }
  drop_object(t, other);
  return ok;
}

static bool copy_equal(run *r, const ws_type *t, const void *obj) {
  void *dup = new_object(t);
  ws_status st = dup ? t->copy(t, dup, obj) : WS_ENOMEM;
  bool ok = st == WS_OK && t->equal(t, obj, dup) && t->equal(t, dup, obj);
  if (!ok) {
    show_failure(r, t->name, CHECK_COPY,
                 st == WS_OK ? "copy is not equal" : ws_status_str(st), NULL);
  }
  drop_object(t, dup);
  return ok;
}

/* Through the base's descriptor: encode dispatches on the value's own type,
 * and equality works across the same. */
static bool via_base_ok(run *r, const ws_type *t, const void *obj,
                        const ws_buf *compact) {
  const ws_type *base = t->base;
  if (!ws_type_is(t, base) ||
      !encode_matches(r, base, t->name, obj, WS_FORMAT_JSON, compact,
                      CHECK_VIA_BASE)) {
    return false;
  }
  if (!base->equal(base, obj, obj)) {
    show_failure(r, t->name, CHECK_VIA_BASE, "not equal to itself", NULL);
    return false;
  }
  return true;
}

/* Index of the class named name in MODULE_TYPES, or MODULE_TYPE_COUNT. */
static size_t type_index(const char *name) {
  size_t i = 0;
  while (i < MODULE_TYPE_COUNT && strcmp(MODULE_TYPES[i]->name, name) != 0) {
    i++;
  }
  return i;
}

/* Decoding must fail, leave the object safe to free, and say why (what
 * `said` holds, when it is not NULL). */
static bool rejects(run *r, const ws_type *t, const ws_buf *invalid,
                    const ws_buf *said) {
  void *obj = new_object(t);
  if (!obj) {
    show_failure(r, t->name, CHECK_REJECT, "out of memory in the harness",
                 NULL);
    return false;
  }
  ws_error err;
  ws_error_clear(&err);
  ws_status st = ws_type_decode(t, obj, invalid->data ? invalid->data : "",
                                invalid->len, NULL, &err);
  bool ok = st != WS_OK && err.code == st && err.msg[0] != '\0';
  bool says = !ok || said == NULL || strstr(err.msg, said->data ? said->data : "");
  if ((!ok || !says) && should_show(r)) {
    printf("FAILURE line %zu: %s reject: %s%s\n  input: ", r->line, t->name,
           st == WS_OK ? "decoded an invalid input"
           : !ok       ? "error record not filled"
                       : "the message does not say ",
           ok && !says ? said->data : "");
    if (ok && !says) {
      printf("\n  said: %s", err.msg);
    }
    print_escaped(invalid->data ? invalid->data : "", 0,
                  invalid->len < SHOW_AFTER ? invalid->len : SHOW_AFTER);
    printf("\n");
  }
  drop_object(t, obj);
  return ok && says;
}

static void check_case(run *r, const case_line *c) {
  const char *cls = c->field[0].data ? c->field[0].data : "";
  size_t ti = type_index(cls);
  if (ti == MODULE_TYPE_COUNT || MODULE_TYPES[ti]->init == NULL) {
    r->unknown_class++;
    show_failure(r, cls, CHECK_DECODE, "no such class that can be made", NULL);
    return;
  }
  const ws_type *t = MODULE_TYPES[ti];
  if (c->count == CASE_FIELDS_REJECT || c->count == CASE_FIELDS_REJECT_SAID) {
    count(r, ti, CHECK_REJECT,
          rejects(r, t, &c->field[1],
                  c->count == CASE_FIELDS_REJECT_SAID ? &c->field[2] : NULL));
    return;
  }
  bool ok;
  void *obj = decode_text(r, t, &c->field[1], CHECK_DECODE, &ok);
  count(r, ti, CHECK_DECODE, ok);
  count(r, ti, CHECK_JSON,
        ok && encode_matches(r, t, cls, obj, WS_FORMAT_JSON, &c->field[1],
                             CHECK_JSON));
  count(r, ti, CHECK_JSON_PYTHON,
        ok && encode_matches(r, t, cls, obj, WS_FORMAT_JSON_PYTHON,
                             &c->field[2], CHECK_JSON_PYTHON));
  count(r, ti, CHECK_STR,
        ok && encode_matches(r, t, cls, obj, WS_FORMAT_STR, &c->field[3],
                             CHECK_STR));
  count(r, ti, CHECK_REREAD,
        ok && decodes_equal(r, t, obj, &c->field[2], CHECK_REREAD));
  count(r, ti, CHECK_COPY, ok && copy_equal(r, t, obj));
  if (c->count > 4) {
    count(r, ti, CHECK_INPUT,
          ok && decodes_equal(r, t, obj, &c->field[4], CHECK_INPUT));
  }
  if (t->base) {
    count(r, ti, CHECK_VIA_BASE, ok && via_base_ok(r, t, obj, &c->field[1]));
  }
  drop_object(t, obj);
}

/* ---- the run ------------------------------------------------------------- */

static int report(const run *r) {
  size_t passed = 0, failed = r->unknown_class;
  for (size_t i = 0; i < MODULE_TYPE_COUNT; i++) {
    const ws_type *t = MODULE_TYPES[i];
    const tally *ty = &r->per_type[i];
    if (!t->init) {
      continue; /* abstract: checked through its subclasses (via-base) */
    }
    if (ty->total[CHECK_DECODE] == 0) {
      printf("%s: no cases\n", t->name);
      failed++;
    }
    for (size_t k = 0; k < CHECK_COUNT; k++) {
      if (ty->total[k] == 0) {
        continue;
      }
      printf("%s %s: %zu/%zu\n", t->name, check_names[k], ty->passed[k],
             ty->total[k]);
      passed += ty->passed[k];
      failed += ty->total[k] - ty->passed[k];
    }
  }
  if (r->unknown_class) {
    printf("cases naming no class that can be made: %zu\n", r->unknown_class);
  }
  printf("%zu passed, %zu failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}

static int run_cases(const char *path, size_t show_max) {
  size_t len = 0;
  char *text = read_file(path, &len);
  if (!text) {
    fprintf(stderr, "tool_conform: cannot read %s\n", path);
    printf("0 passed, 1 failed\n");
    return 1;
  }
  run r;
  memset(&r, 0, sizeof r);
  r.show_max = show_max;
  size_t tally_size = (MODULE_TYPE_COUNT + 1) * sizeof *r.per_type;
  r.per_type = ws_malloc(tally_size);
  case_line c;
  memset(&c, 0, sizeof c);
  int rc = 1;
  if (!r.per_type) {
    fprintf(stderr, "tool_conform: out of memory\n");
    goto done;
  }
  memset(r.per_type, 0, tally_size);
  for (const char *p = text, *end = text + len; p < end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = nl ? nl : end;
    r.line++;
    if (line_end > p) {
      if (!parse_case_line(p, line_end, &c)) {
        fprintf(stderr, "%s:%zu: error: not a case line\n", path, r.line);
        printf("0 passed, 1 failed\n");
        goto done;
      }
      check_case(&r, &c);
    }
    p = nl ? nl + 1 : end;
  }
  rc = report(&r);
done:
  for (size_t i = 0; i < CASE_FIELDS_MAX; i++) {
    ws_buf_free(&c.field[i]);
  }
  ws_free(r.per_type);
  ws_free(text);
  return rc;
}

/* ---- describe ------------------------------------------------------------ */

static void print_json_string(const char *s) {
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') {
      printf("\\%c", *p);
    } else if (*p < 0x20) {
      printf("\\u%04x", *p);
    } else {
      putchar(*p);
    }
  }
  putchar('"');
}

/* The enum a field's values are (itself, or the elements of its
 * containers): its name, whether its values are integers, the values. */
static void describe_enum(const ws_kind *k) {
  const ws_enum_kind *e = NULL;
  for (; k != NULL && e == NULL; k = k->elem)
    e = ws_enum_of(k);
  if (e == NULL) {
    return;
  }
  printf(", \"enum\": {\"name\": ");
  print_json_string(e->kind.name);
  printf(", \"names\": [");
  for (size_t i = 0; i < e->count; i++) {
    printf(i ? ", " : "");
    print_json_string(e->members[i].name);
  }
  printf("], \"int\": %s, \"values\": [", e->is_int ? "true" : "false");
  for (size_t i = 0; i < e->count; i++) {
    printf(i ? ", " : "");
    if (e->is_int) {
      printf("%" PRId64, e->members[i].value);
    } else {
      print_json_string(e->members[i].text);
    }
  }
  printf("]}");
}

/* min_len, min_items, max_items, alias and the enum, when the field has
 * them. */
static void describe_more(const ws_field_desc *f) {
  if (f->has_min_len) {
    printf(", \"min_len\": %" PRIu64, f->min_len);
  }
  if (f->has_min_items) {
    printf(", \"min_items\": %" PRIu64, f->min_items);
  }
  if (f->has_max_items) {
    printf(", \"max_items\": %" PRIu64, f->max_items);
  }
  if (f->alias) {
    printf(", \"alias\": ");
    print_json_string(f->alias);
  }
  describe_enum(f->kind);
}

static void describe_field(const ws_field_desc *f) {
  printf("{\"name\": ");
  print_json_string(f->name);
  printf(", \"type\": ");
  print_json_string(f->type);
  printf(", \"default\": ");
  if (f->default_value) {
    print_json_string(f->default_value);
  } else {
    printf("null");
  }
  if (f->has_max_len) {
    printf(", \"max_len\": %" PRIu64, f->max_len);
  }
  const ws_kind *k = f->kind->tag == WS_KIND_OPT ? f->kind->elem : f->kind;
  if (f->has_range && k->tag == WS_KIND_FLOAT) {
    /* repr text, or null for an open end (JSON has no infinity) */
    char lo[WS_FLOAT_REPR_MAX] = "null", hi[WS_FLOAT_REPR_MAX] = "null";
    if (!isinf(f->fmin))
      ws_float_repr(f->fmin, lo);
    if (!isinf(f->fmax))
      ws_float_repr(f->fmax, hi);
    printf(", \"float_range\": [%s, %s]", lo, hi);
  } else if (f->has_range) {
    printf(", \"range\": [%" PRId64 ", %" PRId64 "]", f->min, f->max);
  }
  if (f->http) {
    printf(", \"http\": true");
  }
  describe_more(f);
  printf("}");
}

/* The classes described so far: the module's, then the imported ones that
 * its fields reach (their classes, the classes a field of an abstract one
 * may hold, and their bases), which Python needs to make field values.
 * Schemas here are small: a fixed table will do. */
#define DESCRIBED_MAX 256
static const ws_type *described[DESCRIBED_MAX];
static size_t described_count;

static void add_described(const ws_type *t) {
  for (size_t i = 0; i < described_count; i++) {
    if (described[i] == t) {
      return;
    }
  }
  if (described_count == DESCRIBED_MAX) {
    fprintf(stderr, "tool_conform: more than %d classes to describe\n",
            DESCRIBED_MAX);
    exit(2);
  }
  described[described_count++] = t;
}

/* Adds the classes a value of kind k may hold, and their bases. */
static void add_reached(const ws_kind *k) {
  for (; k != NULL; k = k->elem) {
    for (const ws_type *b = k->cls; b != NULL; b = b->base) {
      add_described(b);
    }
    for (size_t i = 0; k->classes != NULL && k->classes[i] != NULL; i++) {
      for (const ws_type *b = k->classes[i]; b != NULL; b = b->base) {
        add_described(b);
      }
    }
  }
}

static void describe_type(const ws_type *t, bool imported) {
  printf("{\"name\": ");
  print_json_string(t->name);
  printf(", \"base\": ");
  if (t->base) {
    print_json_string(t->base->name);
  } else {
    printf("null");
  }
  printf(", \"abstract\": %s, \"exception\": %s, \"imported\": %s, "
         "\"fields\": [",
         t->init ? "false" : "true",
         (t->flags & WS_TYPE_EXCEPTION) ? "true" : "false",
         imported ? "true" : "false");
  for (size_t i = 0; i < t->field_count; i++) {
    printf(i ? ",\n    " : "\n    ");
    describe_field(&t->fields[i]);
  }
  printf("]}");
}

/* The module's classes, then the imported classes they reach (marked
 * "imported": values of theirs are made only inside the module's). */
static int describe(void) {
  for (size_t i = 0; i < MODULE_TYPE_COUNT; i++) {
    add_described(MODULE_TYPES[i]);
  }
  for (size_t i = 0; i < described_count; i++) {
    for (size_t f = 0; f < described[i]->field_count; f++) {
      add_reached(described[i]->fields[f].kind);
    }
  }
  printf("[");
  for (size_t i = 0; i < described_count; i++) {
    printf(i ? ",\n " : "\n ");
    describe_type(described[i], i >= MODULE_TYPE_COUNT);
  }
  printf("\n]\n");
  return 0;
}

/* ---- main ---------------------------------------------------------------- */

static int usage(void) {
  fprintf(stderr, "usage: tool_conform cases FILE [--show N]\n"
                  "       tool_conform describe\n");
  return 2;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "describe") == 0) {
    return describe();
  }
  if (argc >= 3 && strcmp(argv[1], "cases") == 0) {
    size_t show = 5;
    if (argc == 5 && strcmp(argv[3], "--show") == 0) {
      show = (size_t)strtoul(argv[4], NULL, 10);
    } else if (argc != 3) {
      return usage();
    }
    return run_cases(argv[2], show);
  }
  return usage();
}
