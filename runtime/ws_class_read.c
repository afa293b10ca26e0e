/* ws_class_read.c - reading a JSON object into a class, walked over its
 * field table: find each key's field, refuse unknown and repeated keys,
 * read the value in place, check its constraints as soon as it is read,
 * and after the closing brace refuse a missing required field. */
#include <stdio.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_class.h"
#include "ws_read_refuse.h"

static bool name_is(const ws_field_desc *fd, const char *key, size_t len) {
  return fd->name_len == len && memcmp(fd->name, key, len) == 0;
}

/* The field named key[0..len), or -1. Objects mostly list the fields in
 * schema order (ours always do), so the search starts at the field after
 * the one found last (hint) and goes round: one comparison per key in the
 * common case, whatever the number of fields. */
static long find_field(const ws_type *t, const char *key, size_t len,
                       size_t hint) {
  for (size_t i = hint; i < t->field_count; i++)
    if (name_is(&t->fields[i], key, len))
      return (long)i;
  for (size_t i = 0; i < hint && i < t->field_count; i++)
    if (name_is(&t->fields[i], key, len))
      return (long)i;
  return -1;
}

/* A key the class does not have: skipped, or refused naming the fields
 * ("Point has: x, y"; cut, as the message would be, past 400 bytes). */
static ws_status unknown_field(const ws_type *t, ws_reader *r, const char *key,
                               size_t len) {
  char known[400];
  size_t n = 0;
  if (r->opts.skip_unknown)
    return ws_read_unknown_field(r, key, len, "");
  if (t->field_count == 0)
    snprintf(known, sizeof known, "%s has no fields", t->name);
  else
    n = (size_t)snprintf(known, sizeof known, "%s has: ", t->name);
  for (size_t i = 0; i < t->field_count && n < sizeof known; i++)
    n += (size_t)snprintf(known + n, sizeof known - n, "%s%s",
                          i > 0 ? ", " : "", t->fields[i].name);
  return ws_read_unknown_field(r, key, len, known);
}

/* The constraint checks after field fd's value (which started at offset
 * at) was read; a T? only when present. */
static ws_status check_read(const ws_field_desc *fd, ws_reader *r, size_t at,
                            const void *p) {
  const ws_kind *k = fd->kind;
  if (k->ops == &ws_opt_ops) {
    if (!*(const bool *)((const char *)p + k->present_at))
      return WS_OK;
    p = (const char *)p + k->value_at;
    k = k->elem;
  }
  if (fd->has_max_len) {
    size_t n = k == &ws_bytes_kind ? ((const ws_bytes *)p)->len
                                   : ((const ws_str *)p)->len;
    return ws_read_check_max_len(r, at, n, fd->max_len);
  }
  return ws_read_check_range(r, at, *(const int64_t *)p, fd->min, fd->max);
}

static ws_status read_field(const ws_field_desc *fd, ws_reader *r, void *v) {
  void *p = (char *)v + fd->offset;
  size_t at;
  if (!fd->has_max_len && !fd->has_range)
    return ws_kind_read_value(fd->kind, r, p);
  at = ws_reader_offset(r);
  if (ws_kind_read_value(fd->kind, r, p) != WS_OK)
    return r->status;
  return check_read(fd, r, at, p);
}

/* Which fields came already: bit i of the bytes. */
static bool seen_has(const unsigned char *seen, size_t i) {
  return (((unsigned)seen[i / 8] >> (i % 8)) & 1u) != 0;
}
static void seen_add(unsigned char *seen, size_t i) {
  seen[i / 8] = (unsigned char)(seen[i / 8] | 1u << (i % 8));
}

/* The member loop. */
static ws_status read_members(const ws_type *t, ws_reader *r, void *v,
                              unsigned char *seen) {
  const char *key;
  size_t len;
  size_t hint = 0;
  while (ws_read_object_next(r, &key, &len)) {
    long field = find_field(t, key, len, hint);
    if (field < 0) {
      if (unknown_field(t, r, key, len) != WS_OK)
        return r->status;
      continue;
    }
    if (seen_has(seen, (size_t)field))
      return ws_read_duplicate_key(r, key, len);
    seen_add(seen, (size_t)field);
    hint = (size_t)field + 1;
    if (ws_path_push_key(r, key, len) != WS_OK ||
        read_field(&t->fields[field], r, v) != WS_OK)
      return r->status;
    ws_path_pop(r);
  }
  return r->status;
}

/* After the closing brace: every required field seen, else the first
 * missing one is refused at the object's '{' (offset at). */
static ws_status check_required(const ws_type *t, ws_reader *r, size_t at,
                                const unsigned char *seen) {
  for (size_t i = 0; i < t->field_count; i++)
    if ((t->fields[i].flags & WS_FIELD_REQUIRED) && !seen_has(seen, i))
      return ws_read_missing_field(r, at, t->name, t->fields[i].name);
  return WS_OK;
}

ws_status ws_class_read(const ws_type *t, ws_reader *r, void *v) {
  unsigned char local[8] = {0}; /* 64 fields; more on the heap */
  unsigned char *seen = local;
  size_t bytes = t->field_count / 8 + 1;
  size_t at = ws_reader_offset(r); /* where the object starts */
  ws_status st;
  if (bytes > sizeof local) {
    seen = ws_malloc(bytes);
    if (seen == NULL)
      return ws_reader_fail(r, WS_ENOMEM, "out of memory");
    memset(seen, 0, bytes);
  }
  st = ws_read_object_begin(r, "an object");
  if (st == WS_OK)
    st = read_members(t, r, v, seen);
  if (st == WS_OK)
    st = check_required(t, r, at, seen);
  if (seen != local)
    ws_free(seen);
  return st;
}
