/* ws_json_write.h - JSON text exactly as CPython's json.dumps writes it.
 *
 * WS_JSON_COMPACT is json.dumps(d, ensure_ascii=False, separators=(',', ':')):
 * only '"', '\\' and C0 controls are escaped (\n \r \t \b \f by name, the rest
 * as \u00XX), everything else is copied as UTF-8.
 * WS_JSON_PYTHON is json.dumps(d): separators ", " and ": ", and every
 * character outside ' '..'~' escaped; \uXXXX uses lowercase hex, and code
 * points above U+FFFF become a surrogate pair. */
#ifndef WS_JSON_WRITE_H
#define WS_JSON_WRITE_H

#include <stdbool.h>
#include <stdint.h>

#include "ws_buf.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws_json_mode { WS_JSON_COMPACT = 0, WS_JSON_PYTHON = 1 } ws_json_mode;

/* Writes s as a quoted JSON string. Invalid UTF-8 records WS_EUTF8 in b. */
void ws_json_put_str(ws_buf *b, const char *s, size_t len, ws_json_mode mode);
/* Writes s as ws_json_put_str does, by its general path, which does not
 * look for a short plain string first. `stop` (where the caller found the
 * first byte that cannot be copied as is) is not needed: the path finds it
 * again in its first block. Kept for callers of earlier versions. */
void ws_json_put_str_slow(ws_buf *b, const char *s, size_t len,
                          ws_json_mode mode, size_t stop);
/* Writes bytes as a quoted base64 string. */
void ws_json_put_bytes(ws_buf *b, const void *p, size_t len);
void ws_json_put_int(ws_buf *b, int64_t v);
void ws_json_put_bool(ws_buf *b, bool v);
void ws_json_put_null(ws_buf *b);
/* A quoted key followed by the key separator. */
void ws_json_put_key(ws_buf *b, const char *key, size_t len, ws_json_mode mode);
/* Writes whichever of two texts belongs to the mode: generated encoders pass
 * each run of fixed text (separators and field names, quoted) pre-rendered in
 * both forms, so a field costs one write and its name is never scanned. */
static inline void ws_json_put_fixed(ws_buf *b, ws_json_mode mode,
                                     const char *compact, size_t compact_len,
                                     const char *python, size_t python_len) {
  if (mode == WS_JSON_PYTHON) {
    ws_buf_put(b, python, python_len);
  } else {
    ws_buf_put(b, compact, compact_len);
  }
}
/* Item separator: "," or ", " (inline: one goes between every two items). */
static inline void ws_json_put_comma(ws_buf *b, ws_json_mode mode) {
  ws_json_put_fixed(b, mode, ",", 1, ", ", 2);
}
/* Key separator: ":" or ": ". */
static inline void ws_json_put_colon(ws_buf *b, ws_json_mode mode) {
  ws_json_put_fixed(b, mode, ":", 1, ": ", 2);
}

#ifdef __cplusplus
}
#endif

#endif
