/* ws_pv.h - the pformat views of the scalar kinds, which generated str()
 * code builds for every field it prints. Inline: each is a few stores on
 * the str() hot path. */
#ifndef WS_PV_H
#define WS_PV_H

#include <stdbool.h>
#include <stdint.h>

#include "ws_pformat.h"
#include "ws_str.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Text: printed as a Python str. */
static inline void ws_str_pv(const ws_str *v, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_STR;
  out->s = ws_str_c(v);
  out->n = v->len;
}

/* Octets: printed as a Python bytes literal (b''). */
static inline void ws_bytes_pv(const ws_bytes *v, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_BYTES;
  out->s = v->ptr ? (const char *)v->ptr : "";
  out->n = v->len;
}

static inline void ws_int_pv(const int64_t *v, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_INT;
  out->i = *v;
}

static inline void ws_bool_pv(const bool *v, ws_pv *out) {
  *out = ws_pv_none();
  out->kind = WS_PV_BOOL;
  out->b = *v;
}

#ifdef __cplusplus
}
#endif

#endif
