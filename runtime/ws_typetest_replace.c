/* ws_typetest_replace.c - the checks of the one fill rule
 * (docs/generated-api.md, "Ownership") on any class: decode, copy and make
 * take a valid target, replace what it held without leaking it, and leave
 * it exactly as it was when they fail, also when an allocation fails.
 * Run by ws_typetest.c as "Class.replaces_its_target" and
 * "Class.failed_replace_leaves_target". Leaks show under LeakSanitizer and
 * in the sweep's block count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ws_typetest.h"
#include "internal/ws_typetest_parts.h"

static void *zeroed(const ws_type *t) {
  void *v = calloc(1, t->size);
  assert_non_null(v);
  return v;
}

/* A zeroed value filled with every field, field `flip` changed. */
static void *filled_with(const ws_typetest_class *c, size_t flip) {
  ws_typetest_fill how = {false, flip};
  void *v = zeroed(c->type);
  assert_int_equal(c->type->init(c->type, v), WS_OK);
  assert_int_equal(ws_typetest_fill_class(c->type, v, &how), WS_OK);
  return v;
}

static void drop(const ws_type *t, void *v) {
  t->free(t, v);
  free(v);
}

static ws_buf compact(const ws_type *t, const void *v) {
  ws_buf b;
  ws_buf_init(&b);
  assert_int_equal(t->encode(t, v, WS_FORMAT_JSON, &b, NULL), WS_OK);
  return b;
}

/* Decodes b into v, which must be valid. */
static ws_status decode_into(const ws_type *t, void *v, const ws_buf *b) {
  return ws_type_decode(t, v, b->data ? b->data : "", b->len, NULL, NULL);
}

/* Decode over an init'ed value and over a full one (twice), copy over a
 * full value, make over a full value: each gives the new value, and
 * nothing the target held leaks. */
void ws_typetest_replaces_its_target(const ws_typetest_class *c) {
  const ws_type *t = c->type;
  void *want = filled_with(c, WS_TYPETEST_NO_FLIP);
  void *other = filled_with(c, 0);
  void *v = zeroed(t);
  ws_buf json = compact(t, want);
  assert_int_equal(t->init(t, v), WS_OK);
  assert_int_equal(decode_into(t, v, &json), WS_OK); /* over init's value */
  assert_true(t->equal(t, v, want));
  assert_int_equal(decode_into(t, v, &json), WS_OK); /* over a full one */
  assert_int_equal(decode_into(t, v, &json), WS_OK);
  assert_true(t->equal(t, v, want));
  assert_int_equal(t->copy(t, v, other), WS_OK); /* copy over a full one */
  assert_true(t->equal(t, v, other));
  assert_int_equal(t->copy(t, v, v), WS_OK); /* and over itself */
  assert_true(t->equal(t, v, other));
  if (c->make != NULL) {
    static const ws_typetest_fill required = {true, WS_TYPETEST_NO_FLIP};
    void *made = zeroed(t);
    assert_int_equal(t->init(t, made), WS_OK);
    assert_int_equal(ws_typetest_fill_class(c->type, made, &required), WS_OK);
    assert_int_equal(c->make(v, want), WS_OK); /* make over a full one */
    assert_true(t->equal(t, v, made));
    drop(t, made);
  }
  ws_buf_free(&json);
  drop(t, v);
  drop(t, other);
  drop(t, want);
}

/* ---- failure leaves the target --------------------------------------------- */

/* One run of the sweep: decode src's JSON over a full target, copy the
 * snapshot back over it, make over it. A step that fails must leave the
 * target as it was; one that succeeds must give the new value. */
typedef struct over {
  const ws_typetest_class *c;
  void *target; /* starts as *before */
  void *before;
  void *src;
  ws_buf json; /* src, compact */
  bool kept;   /* every step left target as it must */
} over;

static ws_status step(over *o, ws_status st, const void *if_ok,
                      const void *if_failed) {
  const ws_type *t = o->c->type;
  if (!t->equal(t, o->target, st == WS_OK ? if_ok : if_failed))
    o->kept = false;
  return st;
}

static ws_status replace_all(void *p) {
  over *o = p;
  const ws_type *t = o->c->type;
  ws_status st = step(o, decode_into(t, o->target, &o->json), o->src, o->before);
  if (st == WS_OK)
    st = step(o, t->copy(t, o->target, o->before), o->before, o->src);
  if (st != WS_OK || o->c->make == NULL)
    return st;
  /* what make gives is checked by replaces_its_target; here only that a
   * failure leaves the target */
  st = o->c->make(o->target, o->src);
  return st == WS_OK ? st : step(o, st, NULL, o->before);
}

/* Puts target back to its snapshot outside the sweep, for the next run. */
static void restore(void *p) {
  over *o = p;
  const ws_type *t = o->c->type;
  t->free(t, o->target);
  memset(o->target, 0, t->size);
  assert_int_equal(t->copy(t, o->target, o->before), WS_OK);
}

void ws_typetest_failed_replace_leaves_target(const ws_typetest_class *c) {
  const ws_type *t = c->type;
  over o;
  o.c = c;
  o.target = filled_with(c, 0);
  o.before = filled_with(c, 0);
  o.src = filled_with(c, WS_TYPETEST_NO_FLIP);
  o.json = compact(t, o.src);
  o.kept = true;
  ws_typetest_sweep(replace_all, restore, &o);
  assert_true(o.kept);
  /* and a refused input leaves it too */
  assert_int_not_equal(ws_type_decode(t, o.target, "{", 1, NULL, NULL), WS_OK);
  assert_true(t->equal(t, o.target, o.before));
  ws_buf_free(&o.json);
  drop(t, o.target);
  drop(t, o.before);
  drop(t, o.src);
}
