/* ws_constraint.c - min_len, min_items, max_items, enum membership and
 * alias lookup (ws_constraint.h). */
#include "ws_constraint.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ws_check.h"
#include "ws_kind.h"

/* What is wrong with the value at p (seen through a T?), in out: false
 * when nothing is. */
static bool broken(const ws_field_desc *fd, const void *p, char *out,
                   size_t size, const char *path) {
  const ws_kind *k = fd->kind;
  p = ws_kind_value(&k, p);
  if (p == NULL)
    return false;
  if (fd->has_min_len) {
    size_t len = ws_kind_text_len(k, p);
    if ((uint64_t)len < fd->min_len) {
      snprintf(out, size,
               "%s is %zu bytes, fewer than the %llu required (min_len %llu)",
               path, len, (unsigned long long)fd->min_len,
               (unsigned long long)fd->min_len);
      return true;
    }
  }
  if (fd->has_min_items || fd->has_max_items) {
    size_t n;
    memcpy(&n, (const char *)p + k->len_at, sizeof n);
    if (fd->has_min_items && (uint64_t)n < fd->min_items) {
      snprintf(out, size,
               "%s has %zu items, fewer than the %llu required (min_items %llu)",
               path, n, (unsigned long long)fd->min_items,
               (unsigned long long)fd->min_items);
      return true;
    }
    if (fd->has_max_items && (uint64_t)n > fd->max_items) {
      snprintf(out, size,
               "%s has %zu items, more than the %llu allowed (max_items %llu)",
               path, n, (unsigned long long)fd->max_items,
               (unsigned long long)fd->max_items);
      return true;
    }
  }
  return false;
}

ws_status ws_field_check_more(const ws_field_desc *fd, const void *p,
                              const char *path, ws_error *err) {
  char msg[sizeof(((ws_error *)0)->msg)];
  if (fd->flags & WS_FIELD_ENUM) {
    ws_status st = ws_kind_check(fd->kind, p, path, err);
    if (st != WS_OK)
      return st;
  }
  if (!broken(fd, p, msg, sizeof msg, path))
    return WS_OK;
  ws_error_set(err, WS_ECONSTRAINT, "%s", msg);
  return ws_invalid_at(err, WS_ECONSTRAINT, path);
}

ws_status ws_read_check_more(const ws_field_desc *fd, ws_reader *r, size_t at,
                             const void *p) {
  char path[sizeof(((ws_error *)0)->path)];
  char msg[sizeof(((ws_error *)0)->msg)];
  ws_reader_path(r, path, sizeof path);
  if (!broken(fd, p, msg, sizeof msg, path))
    return WS_OK;
  return ws_reader_fail_at(r, at, WS_ECONSTRAINT, "%s", msg);
}

long ws_field_by_alias(const ws_type *t, const char *key, size_t len) {
  for (size_t i = 0; i < t->field_count; i++) {
    const ws_field_desc *fd = &t->fields[i];
    if (fd->alias != NULL && fd->alias_len == len &&
        memcmp(fd->alias, key, len) == 0)
      return (long)i;
  }
  return -1;
}

ws_status ws_read_duplicate_alias(ws_reader *r, const ws_field_desc *fd,
                                  const char *key, size_t len) {
  char path[sizeof(((ws_error *)0)->path)], quoted[64];
  ws_reader_path(r, path, sizeof path);
  ws_reader_quote(quoted, sizeof quoted, key, len);
  return ws_reader_fail_at(
      r, ws_reader_key_offset(r), WS_EDUPLICATE,
      "duplicate key %s in %s (\"%s\" and \"%s\" are one field)", quoted,
      path, fd->name, fd->alias);
}
