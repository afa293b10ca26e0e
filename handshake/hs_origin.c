/* hs_origin.c - the Origin check of autobahn's server: the header read
 * as a URL (its _url_to_origin), then "null" allowed when
 * allow_null_origin says so, else "scheme://host:port" (port "None" when
 * neither given nor implied by http or https) matched against the
 * allowed origin patterns (its _is_same_origin with wildcards2patterns). */
#include <string.h>

#include "hs_internal.h"

/* Characters a wildcards2patterns pattern would read as regular
 * expression syntax ('.' is escaped there, '*' is the wildcard). */
static const char regex_chars[] = "^$+?()[]{}|\\";

const char *hs_origin_regex_char(const char *pattern) {
  return strpbrk(pattern, regex_chars);
}

/* '*' matches any run of bytes; the rest must match exactly. */
static bool wildcard_match(const char *pat, const char *s, size_t n) {
  const char *star = NULL;
  size_t star_at = 0;
  size_t i = 0;
  while (i < n) {
    if (*pat == '*') {
      star = pat++;
      star_at = i;
    } else if (*pat != '\0' && *pat == s[i]) {
      pat++;
      i++;
    } else if (star) {
      pat = star + 1;
      i = ++star_at;
    } else {
      return false;
    }
  }
  while (*pat == '*')
    pat++;
  return *pat == '\0';
}

static bool origin_allowed(const ws_hs_server_options *o, const ws_buf *text) {
  static const char *const any[] = {"*"};
  const char *const *pats = o->allowed_origins ? o->allowed_origins : any;
  size_t n = o->allowed_origins ? o->allowed_origins_len : 1;
  for (size_t i = 0; i < n; i++) {
    if (wildcard_match(pats[i], text->data ? text->data : "", text->len))
      return true;
  }
  return false;
}

static hs_origin_verdict invalid(ws_buf *why, const ws_buf *msg) {
  ws_buf_puts(why, "HTTP Origin header invalid: ");
  ws_buf_put(why, msg->data, msg->len);
  return HS_ORIGIN_INVALID;
}

/* "scheme://host:port" of _is_same_origin into text. */
static void origin_text(ws_buf *text, ws_strview scheme, const ws_buf *host,
                        bool has_port, int64_t port) {
  for (size_t i = 0; i < scheme.len; i++) {
    char c = (char)hs_lower((unsigned char)scheme.ptr[i]);
    ws_buf_putc(text, c);
  }
  ws_buf_puts(text, "://");
  ws_buf_put(text, host->data, host->len);
  ws_buf_putc(text, ':');
  if (hs_is_lower(scheme, "https") && !has_port)
    ws_buf_puts(text, "443");
  else if (hs_is_lower(scheme, "http") && !has_port)
    ws_buf_puts(text, "80");
  else if (has_port)
    ws_buf_put_i64(text, port);
  else
    ws_buf_puts(text, "None");
}

typedef struct origin_scratch {
  ws_buf url;
  ws_buf msg;
  ws_buf host;
  ws_buf text;
} origin_scratch;

static hs_origin_verdict check(const ws_hs_server_options *o,
                               ws_strview origin, ws_buf *why,
                               origin_scratch *t) {
  bool null = hs_is_lower(origin, "null");
  hs_url u;
  if (!null && !hs_url_split(origin, false, &t->url, &u, &t->msg))
    return invalid(why, &t->msg);
  null = null || hs_is_lower(u.scheme, "file");
  if (null)
    return o->allow_null_origin ? HS_ORIGIN_ALLOWED : HS_ORIGIN_NOT_ALLOWED;
  bool has_host;
  bool has_port;
  int64_t port;
  if (!hs_url_host_port(u.netloc, &t->host, &has_host, &port, &has_port,
                        &t->msg))
    return invalid(why, &t->msg);
  if (!has_host) {
    ws_buf_reset(&t->msg);
    hs_format(&t->msg, "No host part in Origin '{}'", &origin, 1);
    return invalid(why, &t->msg);
  }
  origin_text(&t->text, u.scheme, &t->host, has_port, port);
  if (t->text.status != WS_OK)
    return HS_ORIGIN_INVALID; /* the caller sees why's status */
  return origin_allowed(o, &t->text) ? HS_ORIGIN_ALLOWED
                                     : HS_ORIGIN_NOT_ALLOWED;
}

hs_origin_verdict hs_origin_check(const ws_hs_server_options *o,
                                  ws_strview origin, ws_buf *why) {
  origin_scratch t;
  ws_buf_init(&t.url);
  ws_buf_init(&t.msg);
  ws_buf_init(&t.host);
  ws_buf_init(&t.text);
  hs_origin_verdict v = check(o, origin, why, &t);
  ws_status st = WS_OK;
  const ws_buf *all[] = {&t.url, &t.msg, &t.host, &t.text};
  for (size_t i = 0; i < 4; i++) {
    if (all[i]->status != WS_OK)
      st = all[i]->status;
  }
  if (st != WS_OK)
    ws_buf_fail(why, st);
  ws_buf_free(&t.url);
  ws_buf_free(&t.msg);
  ws_buf_free(&t.host);
  ws_buf_free(&t.text);
  return v;
}
