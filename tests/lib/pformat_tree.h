/* pformat_tree.h - values as trees of ws_pv views, and what Python's pprint
 * makes of the same value, for the tests of ws_pformat and ws_prepr
 * (tests/unit/runtime/test_pformat*.c).
 *
 * Header-only, as failalloc.h; each function is static inline. popen and
 * mkstemp need _POSIX_C_SOURCE >= 200809L: define it before any include.
 *
 *   tnode                  a view with the key it has as a dict's child
 *   none(), boolean(b), integer(i), real(f), text(s), text_n(s, n),
 *   octets(s, n)
 *   container(kind, kids, n), keyed(key, value), entries(kids, n)
 *   LIST(...), DICT(...), KV(k, v), ENTRIES(...)
 *                          build a tree in place (compound literals)
 *   expect_like_python(t)  asserts that ws_pformat and ws_prepr of t print
 *                          what /usr/bin/python3 prints for pprint.pformat
 *                          and pprint.saferepr of the same value
 *   pformat_status(t)      the status ws_pformat leaves on its buffer
 *   WORDS                  a sentence longer than a line
 */
#ifndef WS_TESTS_PFORMAT_TREE_H
#define WS_TESTS_PFORMAT_TREE_H

#include "command_output.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ws_buf.h"
#include "ws_pformat.h"

#define PYTHON "/usr/bin/python3"

/* ---- values as trees of views ---- */

typedef struct tnode {
  ws_pv pv;
  const char *key; /* for a dict's child */
  size_t key_len;
} tnode;

/* A container's obj is its array of children. */
static inline void tnode_child(const void *obj, size_t index, const char **key,
                               size_t *key_len, ws_pv *value) {
  const tnode *kids = obj;
  *key = kids[index].key;
  *key_len = kids[index].key_len;
  *value = kids[index].pv;
}

static inline tnode none(void) {
  tnode t;
  memset(&t, 0, sizeof t);
  t.pv = ws_pv_none();
  return t;
}

static inline tnode boolean(bool b) {
  tnode t = none();
  t.pv.kind = WS_PV_BOOL;
  t.pv.b = b;
  return t;
}

static inline tnode integer(int64_t i) {
  tnode t = none();
  t.pv.kind = WS_PV_INT;
  t.pv.i = i;
  return t;
}

static inline tnode real(double f) {
  tnode t = none();
  t.pv.kind = WS_PV_FLOAT;
  t.pv.f = f;
  return t;
}

static inline tnode text_n(const char *s, size_t n) {
  tnode t = none();
  t.pv.kind = WS_PV_STR;
  t.pv.s = s;
  t.pv.n = n;
  return t;
}

static inline tnode text(const char *s) {
  return text_n(s, strlen(s));
}

static inline tnode octets(const char *s, size_t n) {
  tnode t = text_n(s, n);
  t.pv.kind = WS_PV_BYTES;
  return t;
}

static inline tnode container(ws_pv_kind kind, tnode *kids, size_t n) {
  tnode t = none();
  t.pv.kind = kind;
  t.pv.n = n;
  t.pv.obj = kids;
  t.pv.child = tnode_child;
  return t;
}

static inline tnode keyed(const char *key, tnode value) {
  value.key = key;
  value.key_len = strlen(key);
  return value;
}

/* A dict given as entries whose keys may repeat (as headers are). */
static inline tnode entries(tnode *kids, size_t n) {
  tnode t = none();
  t.pv.kind = WS_PV_DICT;
  t.pv.obj = kids;
  t.pv.entry = tnode_child;
  t.pv.n_entries = n;
  return t;
}

#define KIDS(...) ((tnode[]){__VA_ARGS__})
#define COUNT(...) (sizeof KIDS(__VA_ARGS__) / sizeof(tnode))
#define LIST(...) container(WS_PV_LIST, KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))
#define DICT(...) container(WS_PV_DICT, KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))
#define KV(k, v) keyed(k, v)
#define ENTRIES(...) entries(KIDS(__VA_ARGS__), COUNT(__VA_ARGS__))

/* ---- the same value in Python ---- */

static inline void put_hex_call(ws_buf *b, const char *s, size_t n,
                                bool decode) {
  static const char digits[] = "0123456789abcdef";
  ws_buf_puts(b, "bytes.fromhex(\"");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    ws_buf_putc(b, digits[c >> 4]);
    ws_buf_putc(b, digits[c & 15]);
  }
  ws_buf_puts(b, decode ? "\").decode()" : "\")");
}

static inline void put_python(ws_buf *b, const ws_pv *v);

/* Entries as Python groups them: a key's one value, or the list of its
 * values in entry order. */
static inline void put_python_entries(ws_buf *b, const ws_pv *v) {
  ws_buf_puts(b, "(lambda es: {k: (lambda vs: vs[0] if len(vs) == 1 else vs)"
                 "([x for kk, x in es if kk == k]) for k, _ in es})([");
  for (size_t i = 0; i < v->n_entries; i++) {
    const char *key;
    size_t key_len;
    ws_pv c;
    v->entry(v->obj, i, &key, &key_len, &c);
    ws_buf_putc(b, '(');
    put_hex_call(b, key, key_len, true);
    ws_buf_putc(b, ',');
    put_python(b, &c);
    ws_buf_puts(b, "),");
  }
  ws_buf_puts(b, "])");
}

static inline void put_python(ws_buf *b, const ws_pv *v) {
  switch (v->kind) {
  case WS_PV_NONE:
    ws_buf_puts(b, "None");
    return;
  case WS_PV_BOOL:
    ws_buf_puts(b, v->b ? "True" : "False");
    return;
  case WS_PV_INT:
    ws_buf_put_i64(b, (long long)v->i);
    return;
  case WS_PV_FLOAT: { /* exact, through hex: no decimal rounding involved */
    char text[64];
    if (v->f != v->f)
      snprintf(text, sizeof text, "float('nan')");
    else if (v->f - v->f != 0)
      snprintf(text, sizeof text, "float('%sinf')", v->f < 0 ? "-" : "");
    else
      snprintf(text, sizeof text, "float.fromhex('%a')", v->f);
    ws_buf_puts(b, text);
    return;
  }
  case WS_PV_STR:
  case WS_PV_BYTES:
    put_hex_call(b, v->s, v->n, v->kind == WS_PV_STR);
    return;
  case WS_PV_LIST:
  case WS_PV_DICT:
    break;
  }
  if (v->kind == WS_PV_DICT && v->entry) {
    put_python_entries(b, v);
    return;
  }
  ws_buf_putc(b, v->kind == WS_PV_LIST ? '[' : '{');
  for (size_t i = 0; i < v->n; i++) {
    const char *key;
    size_t key_len;
    ws_pv c;
    v->child(v->obj, i, &key, &key_len, &c);
    if (v->kind == WS_PV_DICT) {
      put_hex_call(b, key, key_len, true);
      ws_buf_putc(b, ':');
    }
    put_python(b, &c);
    ws_buf_putc(b, ',');
  }
  ws_buf_putc(b, v->kind == WS_PV_LIST ? ']' : '}');
}

/* What Python prints for `function(value)`; caller frees. */
static inline char *python_of(const char *function, const tnode *t) {
  ws_buf expr;
  ws_buf_init(&expr);
  put_python(&expr, &t->pv);
  assert_int_equal(expr.status, WS_OK);
  char path[] = "/tmp/test_pformat_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, expr.data, expr.len), (ssize_t)expr.len);
  close(fd);
  ws_buf_free(&expr);

  char cmd[512];
  snprintf(cmd, sizeof cmd,
           "%s -c 'import pprint, sys; v = eval(open(sys.argv[1]).read()); "
           "sys.stdout.buffer.write(pprint.%s(v).encode())' %s",
           PYTHON, function, path);
  char *out = command_output(cmd, NULL);
  unlink(path);
  return out;
}

/* pformat and the one-line repr of t both equal Python's. */
static inline void expect_like_python(tnode t) {
  ws_buf ours;
  ws_buf_init(&ours);
  ws_pformat(&ours, &t.pv);
  assert_int_equal(ours.status, WS_OK);
  char *want = python_of("pformat", &t);
  assert_string_equal(ours.data, want);
  free(want);

  ws_buf_reset(&ours);
  ws_prepr(&ours, &t.pv);
  assert_int_equal(ours.status, WS_OK);
  want = python_of("saferepr", &t);
  assert_string_equal(ours.data, want);
  free(want);
  ws_buf_free(&ours);
}

static inline ws_status pformat_status(tnode t) {
  ws_buf b;
  ws_buf_init(&b);
  ws_pformat(&b, &t.pv);
  ws_status status = b.status;
  ws_buf_free(&b);
  return status;
}

#define WORDS                                                                  \
  "the quick brown fox jumps over the lazy dog and keeps running far past "    \
  "the end of the line, then some more words to wrap "

#endif
