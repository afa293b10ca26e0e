/* ws_kind_enum.c - the enum kind (ws_kind_enum.h): values stored as a
 * member index in the generated C enum, shown and read as the member's
 * value from the descriptor's table. */
#include "ws_kind_enum.h"

#include <stdio.h>
#include <string.h>

#include "ws_check.h"
#include "ws_read_refuse.h"
#include "internal/ws_json_read_parts.h"

const ws_enum_kind *ws_enum_of(const ws_kind *k) {
  return k->ops == &ws_enum_ops ? (const ws_enum_kind *)(const void *)k : NULL;
}

static const ws_enum_kind *enum_of(const ws_kind *k) {
  return (const ws_enum_kind *)(const void *)k;
}

/* ---- the stored index -------------------------------------------------------
 * A C enum's size is the compiler's choice (C11 6.7.2.2): read and write it
 * as the signed integer of that size. */
long ws_enum_get(const ws_enum_kind *e, const void *v) {
  long index;
  switch (e->kind.size) {
  case sizeof(signed char): {
    signed char x;
    memcpy(&x, v, sizeof x);
    index = x;
    break;
  }
  case sizeof(short): {
    short x;
    memcpy(&x, v, sizeof x);
    index = x;
    break;
  }
  case sizeof(int): {
    int x;
    memcpy(&x, v, sizeof x);
    index = x;
    break;
  }
  default: {
    long long x = -1;
    if (e->kind.size == sizeof x)
      memcpy(&x, v, sizeof x);
    index = x < 0 || (unsigned long long)x >= e->count ? -1 : (long)x;
    break;
  }
  }
  return index >= 0 && (size_t)index < e->count ? index : -1;
}

void ws_enum_set(const ws_enum_kind *e, void *v, size_t index) {
  switch (e->kind.size) {
  case sizeof(signed char): {
    signed char x = (signed char)index;
    memcpy(v, &x, sizeof x);
    break;
  }
  case sizeof(short): {
    short x = (short)index;
    memcpy(v, &x, sizeof x);
    break;
  }
  case sizeof(int): {
    int x = (int)index;
    memcpy(v, &x, sizeof x);
    break;
  }
  default: {
    long long x = (long long)index;
    if (e->kind.size == sizeof x)
      memcpy(v, &x, sizeof x);
    break;
  }
  }
}

const ws_enum_member *ws_enum_member_at(const ws_enum_kind *e, long index) {
  return index >= 0 && (size_t)index < e->count ? &e->members[index] : NULL;
}

/* Linear: enums are short, and a table walk of a few members is what a
 * hash lookup would cost. */
long ws_enum_find_text(const ws_enum_kind *e, const char *s, size_t len) {
  for (size_t i = 0; !e->is_int && i < e->count; i++)
    if (e->members[i].text_len == len &&
        (len == 0 || memcmp(e->members[i].text, s, len) == 0))
      return (long)i;
  return -1;
}

long ws_enum_find_int(const ws_enum_kind *e, int64_t v) {
  for (size_t i = 0; e->is_int && i < e->count; i++)
    if (e->members[i].value == v)
      return (long)i;
  return -1;
}

void ws_enum_allowed(const ws_enum_kind *e, char *out, size_t size) {
  enum { ROOM_FOR_MORE = 8 }; /* ", ..." and the NUL */
  size_t n = 0;
  if (size == 0)
    return;
  out[0] = '\0';
  for (size_t i = 0; i < e->count; i++) {
    char one[80];
    const ws_enum_member *m = &e->members[i];
    if (e->is_int)
      snprintf(one, sizeof one, "%lld", (long long)m->value);
    else
      ws_reader_quote(one, sizeof one, m->text, m->text_len);
    size_t need = strlen(one) + (i > 0 ? 2 : 0);
    if (n + need + ROOM_FOR_MORE > size) {
      snprintf(out + n, size - n, "%s...", i > 0 ? ", " : "");
      return;
    }
    n += (size_t)snprintf(out + n, size - n, "%s%s", i > 0 ? ", " : "", one);
  }
}

/* ---- the operations ------------------------------------------------------------- */

static void enum_free(const ws_kind *k, void *v) {
  ws_enum_set(enum_of(k), v, 0);
}

static ws_status enum_copy(const ws_kind *k, void *dst, const void *src) {
  memcpy(dst, src, k->size);
  return WS_OK;
}

/* Two values that are no members compare by what is stored. */
static bool enum_equal(const ws_kind *k, const void *a, const void *b) {
  return memcmp(a, b, k->size) == 0;
}

/* Not text, but the one thing to check in an enum: that it is a member. */
static ws_status enum_check(const ws_kind *k, const void *v, const char *path,
                            ws_error *err) {
  const ws_enum_kind *e = enum_of(k);
  long long stored = 0;
  if (ws_enum_get(e, v) >= 0)
    return WS_OK;
  if (k->size <= sizeof stored) {
    /* what a C reader of the value sees, sign included */
    signed char c;
    short s;
    int i;
    switch (k->size) {
    case sizeof c: memcpy(&c, v, sizeof c); stored = c; break;
    case sizeof s: memcpy(&s, v, sizeof s); stored = s; break;
    case sizeof i: memcpy(&i, v, sizeof i); stored = i; break;
    default: memcpy(&stored, v, sizeof stored); break;
    }
  }
  ws_error_set(err, WS_ECONSTRAINT, "%s is %lld, not one of the %zu members of %s",
               path, stored, e->count, k->name);
  return ws_invalid_at(err, WS_ECONSTRAINT, path);
}

static void enum_pv(const ws_kind *k, const void *v, ws_pv *out) {
  const ws_enum_kind *e = enum_of(k);
  const ws_enum_member *m = ws_enum_member_at(e, ws_enum_get(e, v));
  *out = ws_pv_none();
  if (m == NULL)
    return; /* encode refuses such a value before it gets here */
  if (e->is_int) {
    out->kind = WS_PV_INT;
    out->i = m->value;
  } else {
    out->kind = WS_PV_STR;
    out->s = m->text;
    out->n = m->text_len;
  }
}

void ws_enum_put_json(ws_buf *b, const ws_enum_kind *e, long index,
                      ws_json_mode mode) {
  const ws_enum_member *m = ws_enum_member_at(e, index);
  if (m == NULL)
    ws_buf_fail(b, WS_ECONSTRAINT);
  else if (e->is_int)
    ws_json_put_int(b, m->value);
  else
    ws_json_put_str(b, m->text, m->text_len, mode);
}

/* ---- reading ---------------------------------------------------------------------- */

/* "expected one of "buy", "sell" for $.side (Side), found string "hold"",
 * at the value's offset. The same words as any other value of the wrong
 * type, since to JSON an enum is the type of its values. */
static ws_status refuse(const ws_enum_kind *e, ws_reader *r, size_t at,
                        const char *found) {
  char allowed[300], path[sizeof(((ws_error *)0)->path)];
  ws_enum_allowed(e, allowed, sizeof allowed);
  ws_reader_path(r, path, sizeof path);
  return ws_reader_fail_at(r, at, WS_ETYPE, "expected one of %s for %s (%s), found %s",
                           allowed, path, e->kind.name, found);
}

/* The member whose text is s[0..len), else refused quoting s. */
static ws_status set_text(const ws_enum_kind *e, ws_reader *r, void *v, size_t at,
                          const char *s, size_t len) {
  long index = ws_enum_find_text(e, s, len);
  if (index < 0) {
    char quoted[80], found[96];
    ws_reader_quote(quoted, sizeof quoted, s, len);
    snprintf(found, sizeof found, "string %s", quoted);
    return refuse(e, r, at, found);
  }
  ws_enum_set(e, v, (size_t)index);
  return WS_OK;
}

/* The usual member's text, short plain ASCII, is scanned into a local
 * buffer and looked up there; any other string is decoded as a value and
 * let go after the look-up. */
static ws_status read_text(const ws_enum_kind *e, ws_reader *r, void *v, size_t at) {
  char plain[64];
  size_t len;
  if (r->p < r->end && *r->p == '"' &&
      ws_jr_scan_plain_string(r, plain, sizeof plain, &len))
    return set_text(e, r, v, at, plain, len);
  ws_str s = {NULL, 0};
  if (ws_read_str(r, &s) != WS_OK)
    return r->status;
  ws_status st = set_text(e, r, v, at, s.ptr ? s.ptr : "", s.len);
  ws_str_free(&s);
  return st;
}

static ws_status read_int(const ws_enum_kind *e, ws_reader *r, void *v, size_t at) {
  int64_t n;
  long index;
  if (ws_read_int(r, &n) != WS_OK)
    return r->status;
  index = ws_enum_find_int(e, n);
  if (index < 0) {
    char found[40];
    snprintf(found, sizeof found, "number %lld", (long long)n);
    return refuse(e, r, at, found);
  }
  ws_enum_set(e, v, (size_t)index);
  return WS_OK;
}

static ws_status enum_read(const ws_kind *k, ws_reader *r, void *v) {
  const ws_enum_kind *e = enum_of(k);
  ws_token_kind want = e->is_int ? WS_TOKEN_NUMBER : WS_TOKEN_STRING;
  ws_token_kind next = ws_read_peek(r);
  size_t at = ws_reader_offset(r);
  if (next != want && next != WS_TOKEN_INVALID && next != WS_TOKEN_EOF &&
      r->status == WS_OK) {
    /* another type of value: described as other readers describe it */
    char allowed[300], what[320];
    ws_enum_allowed(e, allowed, sizeof allowed);
    snprintf(what, sizeof what, "one of %s", allowed);
    return ws_jr_fail_expected(r, what, true);
  }
  return e->is_int ? read_int(e, r, v, at) : read_text(e, r, v, at);
}

const ws_kind_ops ws_enum_ops = {enum_free, enum_copy, enum_equal,
                                 enum_check, enum_pv,  enum_read};
