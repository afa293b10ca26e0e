/* ws_class_read.c - reading a JSON object into a class, walked over its
 * field table: find each key's field, refuse unknown and repeated keys
 * (a repeated unknown key too, when unknown keys are skipped),
 * read the value in place, check its constraints as soon as it is read,
 * and after the closing brace refuse a missing required field. */
#include <stdint.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_class.h"
#include "ws_constraint.h"
#include "ws_http.h"
#include "ws_keyset.h"
#include "ws_read_refuse.h"
#include "internal/ws_inline.h"
#include "internal/ws_aside.h"
#include "internal/ws_json_read_parts.h"

/* a[0..n) == b[0..n). Field names are mostly 4 to 16 bytes, which two
 * loads that overlap in the middle compare for less than a call to memcmp
 * costs. */
static inline bool same_bytes(const char *a, const char *b, size_t n) {
  if (n - 8 <= 8) { /* 8..16; unsigned wrap-around makes it one test */
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, a, 8);
    memcpy(&b0, b, 8);
    memcpy(&a1, a + n - 8, 8);
    memcpy(&b1, b + n - 8, 8);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  if (n - 4 < 4) { /* 4..7 */
    uint32_t a0, a1, b0, b1;
    memcpy(&a0, a, 4);
    memcpy(&b0, b, 4);
    memcpy(&a1, a + n - 4, 4);
    memcpy(&b1, b + n - 4, 4);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
  }
  return memcmp(a, b, n) == 0;
}

static inline bool name_is(const ws_field_desc *fd, const char *key,
                           size_t len) {
  return fd->name_len == len && same_bytes(fd->name, key, len);
}

/* The field named key[0..len), or -1, searched for from field `from`
 * round to field `from - 1`. */
static long search_field(const ws_type *t, const char *key, size_t len,
                         size_t from) {
  for (size_t i = from; i < t->field_count; i++)
    if (name_is(&t->fields[i], key, len))
      return (long)i;
  for (size_t i = 0; i < from && i < t->field_count; i++)
    if (name_is(&t->fields[i], key, len))
      return (long)i;
  return -1;
}

/* The field named key[0..len), or -1. Objects mostly list the fields in
 * schema order (ours always do), so the field after the one found last
 * (hint) is tried first, on its own, and the search starts there: one
 * comparison per key in the common case, whatever the number of fields. */
static inline long find_field(const ws_type *t, const char *key, size_t len,
                              size_t hint) {
  if (hint < t->field_count && name_is(&t->fields[hint], key, len))
    return (long)hint;
  return search_field(t, key, len, hint);
}

/* Which fields came already, and by which key: seen[i] for field i is
 * KEY_NAME or KEY_ALIAS (0 when not yet), and how many; and the unknown
 * keys skipped so far (skip_unknown), a set made at the first, so that an
 * object with none costs nothing for it. */
enum { KEY_NAME = 1, KEY_ALIAS = 2 };
typedef struct seen_set {
  unsigned char *seen;
  size_t count;
  ws_keyset *unknown;
  /* a value held through an abstract class: its "type" key, and whether
   * it came */
  bool tagged;
  bool type_seen;
} seen_set;

/* An unknown key under skip_unknown, refused when it came before: a key
 * given twice is refused whether the class has it or not. */
static ws_status note_unknown(ws_reader *r, seen_set *s, const char *key,
                              size_t len) {
  if (s->unknown == NULL) {
    s->unknown = ws_malloc(sizeof *s->unknown);
    if (s->unknown == NULL)
      return ws_reader_fail(r, WS_ENOMEM, "out of memory");
    ws_keyset_init(s->unknown);
  }
  ws_status added = ws_jr_keyset_add(s->unknown, r, key, len);
  if (added == WS_EDUPLICATE)
    return ws_read_duplicate_key(r, key, len);
  if (added != WS_OK)
    return ws_reader_fail(r, WS_ENOMEM, "out of memory");
  return WS_OK;
}

/* A key the class does not have: skipped, or refused naming the fields
 * ("Point has: x, y"). */
static ws_status unknown_field(const ws_type *t, ws_reader *r, seen_set *s,
                               const char *key, size_t len) {
  char known[400];
  if (r->opts.skip_unknown) {
    if (note_unknown(r, s, key, len) != WS_OK)
      return r->status;
    return ws_read_unknown_field(r, key, len, "");
  }
  ws_class_field_names(t, known, sizeof known);
  return ws_read_unknown_field(r, key, len, known);
}

/* The constraint checks after field fd's value (which started at offset
 * at) was read; a T? only when present. */
static ws_status check_read(const ws_field_desc *fd, ws_reader *r, size_t at,
                            const void *p) {
  const ws_kind *k = fd->kind;
  if (ws_field_has_more(fd) && ws_read_check_more(fd, r, at, p) != WS_OK)
    return r->status;
  if (!fd->has_max_len && !fd->has_range && !fd->http)
    return WS_OK;
  p = ws_kind_value(&k, p);
  if (p == NULL)
    return WS_OK;
  if (fd->http && ws_read_check_http(r, at, k, p) != WS_OK)
    return r->status;
  if (fd->has_max_len)
    return ws_read_check_max_len(r, at, ws_kind_text_len(k, p), fd->max_len);
  if (fd->has_range && k == &ws_float_kind)
    return ws_read_check_float_range(r, at, *(const double *)p, fd->fmin,
                                     fd->fmax);
  if (fd->has_range)
    return ws_read_check_range(r, at, *(const int64_t *)p, fd->min, fd->max);
  return WS_OK;
}

/* A field's value (in the class's value v), its constraints checked as
 * soon as it is read. */
static ws_status read_checked(const ws_field_desc *fd, ws_reader *r, void *v) {
  void *p = (char *)v + fd->offset;
  size_t at = ws_reader_offset(r);
  if (ws_kind_read_value(fd->kind, r, p) != WS_OK)
    return r->status;
  return check_read(fd, r, at, p);
}

/* The "type" key of a tagged value, which its reader (ws_kind_ref.c) has
 * read already: skipped here, and refused when given twice. */
static ws_status skip_type_key(ws_reader *r, seen_set *s, const char *key,
                               size_t len) {
  if (s->type_seen)
    return ws_read_duplicate_key(r, key, len);
  s->type_seen = true;
  return ws_read_skip(r);
}

/* A field's value, and its constraints when `checked` (the class may have
 * some: a class without, WS_TYPE_UNCONSTRAINED, spares every field the
 * look). */
WS_ALWAYS_INLINE ws_status read_field(const ws_field_desc *fd, ws_reader *r,
                                      void *v, bool checked) {
  if (!checked ||
      (!fd->has_max_len && !fd->has_range && !fd->http &&
       !ws_field_has_more(fd)))
    return ws_kind_read_value(fd->kind, r, (char *)v + fd->offset);
  return read_checked(fd, r, v);
}

/* The member whose key is no field's name: the "type" key of a tagged
 * value, a field's alias, read as the field (refused when the field came
 * already, under either key), or an unknown field. Out of the member loop,
 * which it would slow down. */
WS_NOINLINE static ws_status read_other_key(const ws_type *t, ws_reader *r,
                                            void *v, seen_set *s,
                                            const char *key, size_t len) {
  if (s->tagged && len == 4 && memcmp(key, "type", 4) == 0)
    return skip_type_key(r, s, key, len);
  long field = ws_field_by_alias(t, key, len);
  if (field < 0)
    return unknown_field(t, r, s, key, len);
  if (s->seen[field])
    return s->seen[field] == KEY_ALIAS
               ? ws_read_duplicate_key(r, key, len)
               : ws_read_duplicate_alias(r, &t->fields[field], key, len);
  s->seen[field] = KEY_ALIAS;
  s->count++;
  if (ws_jr_path_push_key(r, key, len) != WS_OK ||
      read_checked(&t->fields[field], r, v) != WS_OK)
    return r->status;
  ws_jr_path_pop(r);
  return WS_OK;
}

/* The member loop. */
static ws_status read_members(const ws_type *t, ws_reader *r, void *v,
                              seen_set *s) {
  const char *key;
  size_t len;
  size_t hint = 0;
  bool checked = !(t->flags & WS_TYPE_UNCONSTRAINED);
  while (ws_read_object_next(r, &key, &len)) {
    long field = find_field(t, key, len, hint);
    if (field < 0) {
      if (read_other_key(t, r, v, s, key, len) != WS_OK)
        return r->status;
      continue;
    }
    if (s->seen[field])
      return s->seen[field] == KEY_NAME
                 ? ws_read_duplicate_key(r, key, len)
                 : ws_read_duplicate_alias(r, &t->fields[field], key, len);
    s->seen[field] = KEY_NAME;
    s->count++;
    hint = (size_t)field + 1;
    if (ws_jr_path_push_key(r, key, len) != WS_OK ||
        read_field(&t->fields[field], r, v, checked) != WS_OK)
      return r->status;
    ws_jr_path_pop(r);
  }
  return r->status;
}

/* After the closing brace: every required field seen, else the first
 * missing one is refused at the object's '{' (offset at). An object that
 * gave every field, the common case, needs no look. */
static ws_status check_required(const ws_type *t, ws_reader *r, size_t at,
                                const seen_set *s) {
  if (s->count == t->field_count)
    return WS_OK;
  for (size_t i = 0; i < t->field_count; i++)
    if ((t->fields[i].flags & WS_FIELD_REQUIRED) && !s->seen[i])
      return ws_read_missing_field(r, at, t->name, t->fields[i].name);
  return WS_OK;
}

static ws_status read_object(const ws_type *t, ws_reader *r, void *v,
                             bool tagged) {
  unsigned char local[64] = {0}; /* 64 fields; more on the heap */
  seen_set s = {local, 0, NULL, tagged, false};
  size_t at = ws_reader_offset(r); /* where the object starts */
  ws_status st;
  if (t->field_count > sizeof local / sizeof local[0]) {
    s.seen = ws_malloc(t->field_count);
    if (s.seen == NULL)
      return ws_reader_fail(r, WS_ENOMEM, "out of memory");
    memset(s.seen, 0, t->field_count);
  }
  st = ws_read_object_begin(r, "an object");
  if (st == WS_OK)
    st = read_members(t, r, v, &s);
  if (st == WS_OK)
    st = check_required(t, r, at, &s);
  if (s.seen != local)
    ws_free(s.seen);
  if (s.unknown != NULL) {
    ws_keyset_free(s.unknown);
    ws_free(s.unknown);
  }
  return st;
}

ws_status ws_class_read_into(const ws_type *t, ws_reader *r, void *v) {
  return read_object(t, r, v, false);
}

ws_status ws_class_read_tagged(const ws_type *t, ws_reader *r, void *v) {
  return read_object(t, r, v, true);
}

ws_status ws_class_read(const ws_type *t, ws_reader *r, void *v) {
  ws_aside a;
  void *fresh = ws_aside_room(&a, t->size);
  ws_status st;
  if (fresh == NULL)
    return ws_reader_fail(r, WS_ENOMEM, "out of memory");
  st = ws_class_init(t, fresh);
  if (st != WS_OK)
    st = ws_reader_fail(r, st, "%s", ws_status_str(st));
  else
    st = ws_class_read_into(t, r, fresh);
  if (st != WS_OK) {
    ws_class_free(t, fresh);
    ws_aside_release(&a);
    return st;
  }
  ws_class_free(t, v);
  ws_aside_move(&a, v, t->size);
  return WS_OK;
}
