/* hs_check.c - what the server's checks of a request (hs_request.c) and
 * the client's of a response (hs_client_response.c) share: the header
 * block they read, and the first check that fails, with its code and the
 * reason autobahn gives (hs_internal.h). */
#include "hs_internal.h"

void hs_check_init(hs_check *k, const char *block_name) {
  k->block_name = block_name;
  k->code = 0;
  ws_buf_init(&k->why);
  ws_buf_fixed(&k->canon, k->canon_space, sizeof k->canon_space);
  hs_block_init(&k->blk);
}

void hs_check_free(hs_check *k) {
  ws_buf_free(&k->why);
  ws_buf_free(&k->canon);
  hs_block_free(&k->blk);
}

const hs_field *hs_header(const hs_check *k, const char *name) {
  return hs_block_get(&k->blk, name);
}

bool hs_fail(hs_check *k, int64_t code, const char *tmpl,
             const ws_strview *args, size_t n) {
  k->code = code;
  hs_format(&k->why, tmpl, args, n);
  return false;
}

bool hs_fail_text(hs_check *k, int64_t code, const char *text) {
  return hs_fail(k, code, text, NULL, 0);
}

bool hs_once(hs_check *k, const hs_field *f, int64_t code, const char *what) {
  if (f->count == 1)
    return true;
  k->code = code;
  ws_buf_puts(&k->why, what);
  ws_buf_puts(&k->why, " appears more than once in opening handshake ");
  ws_buf_puts(&k->why, k->block_name);
  return false;
}
