/* hs_url.c - URLs as Python 3.11's urllib.parse splits them (Debian's
 * 3.11.2, with its check of bracketed hosts), for the request target
 * (urlparse) and the Origin header (urlsplit), and query strings as
 * parse_qs reads them. Text is Latin-1 (hs_internal.h). */
#include <stdio.h>
#include <string.h>

#include "hs_internal.h"

static bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static bool is_scheme_char(char c) {
  return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
}

/* Python's repr() of the Latin-1 text v. */
static void put_repr(ws_buf *b, ws_strview v) {
  ws_buf utf8;
  ws_buf_init(&utf8);
  hs_put_latin1(&utf8, v);
  if (utf8.status != WS_OK)
    ws_buf_fail(b, utf8.status);
  else
    ws_repr_str(b, utf8.data ? utf8.data : "", utf8.len);
  ws_buf_free(&utf8);
}

/* MARK: ipaddress.ip_address, as _check_bracketed_host calls it */

/* IPv4Address: four dot-separated decimal octets, 0..255, no leading
 * zero. */
static bool is_ipv4(ws_strview s) {
  size_t parts = 0;
  for (size_t a = 0; a <= s.len; parts++) {
    size_t z = hs_find(s, a, '.');
    ws_strview o = hs_sub(s, a, z);
    if (o.len == 0 || o.len > 3 || (o.len > 1 && o.ptr[0] == '0'))
      return false;
    int v = 0;
    for (size_t i = 0; i < o.len; i++) {
      if (!is_digit(o.ptr[i]))
        return false;
      v = v * 10 + (o.ptr[i] - '0');
    }
    if (v > 255)
      return false;
    a = z + 1;
  }
  return parts == 4;
}

static bool is_hextet(ws_strview h) {
  if (h.len == 0 || h.len > 4)
    return false;
  for (size_t i = 0; i < h.len; i++) {
    if (!is_hex(h.ptr[i]))
      return false;
  }
  return true;
}

/* IPv6Address: an optional "%zone" (not empty, no second '%'), then 3 to
 * 9 ':'-separated parts, the last of which may be an IPv4 address (two
 * hextets), with at most one "::". */
static bool is_ipv6(ws_strview s) {
  if (hs_has(s, '/'))
    return false;
  size_t pct = hs_find(s, 0, '%');
  if (pct < s.len) {
    ws_strview zone = hs_sub(s, pct + 1, s.len);
    if (zone.len == 0 || hs_has(zone, '%'))
      return false;
    s = hs_sub(s, 0, pct);
  }
  if (s.len == 0)
    return false;
  ws_strview parts[10];
  size_t n = 0;
  for (size_t a = 0; a <= s.len; a++) {
    size_t z = hs_find(s, a, ':');
    if (n == 10)
      return false;
    parts[n++] = hs_sub(s, a, z);
    a = z;
  }
  if (n < 3)
    return false;
  size_t hextets = n;
  if (hs_has(parts[n - 1], '.')) {
    if (!is_ipv4(parts[n - 1]))
      return false;
    hextets = n + 1; /* the IPv4 part counts as two */
  }
  if (hextets > 9)
    return false;
  size_t skip = 0; /* index of the empty part of "::", or 0 */
  for (size_t i = 1; i + 1 < n; i++) {
    if (parts[i].len == 0) {
      if (skip)
        return false;
      skip = i;
    }
  }
  size_t last = hs_has(parts[n - 1], '.') ? n - 1 : n; /* hextet parts */
  if (skip) {
    size_t hi = skip;
    size_t lo = hextets - skip - 1;
    if (parts[0].len == 0 && --hi)
      return false;
    if (parts[n - 1].len == 0 && --lo)
      return false;
    if (hi + lo >= 8)
      return false;
    for (size_t i = 0; i < last; i++) {
      bool edge = (i == 0 && parts[0].len == 0) ||
                  (i == n - 1 && parts[i].len == 0);
      if (i != skip && !edge && !is_hextet(parts[i]))
        return false;
    }
    return true;
  }
  if (hextets != 8 || parts[0].len == 0 || parts[n - 1].len == 0)
    return false;
  for (size_t i = 0; i < last; i++) {
    if (!is_hextet(parts[i]))
      return false;
  }
  return true;
}

/* _check_bracketed_host(hostname). */
static bool bracketed_host_ok(ws_strview host, ws_buf *why) {
  if (host.len > 0 && host.ptr[0] == 'v') {
    /* \Av[a-fA-F0-9]+\..+\Z */
    size_t i = 1;
    while (i < host.len && is_hex(host.ptr[i]))
      i++;
    if (i > 1 && i + 1 < host.len && host.ptr[i] == '.')
      return true;
    ws_buf_puts(why, "IPvFuture address is invalid");
    return false;
  }
  if (is_ipv4(host)) {
    ws_buf_puts(why, "An IPv4 address cannot be in brackets");
    return false;
  }
  if (is_ipv6(host))
    return true;
  put_repr(why, host);
  ws_buf_puts(why, " does not appear to be an IPv4 or IPv6 address");
  return false;
}

/* _check_bracketed_netloc(netloc). */
static bool bracketed_netloc_ok(ws_strview netloc, ws_buf *why) {
  size_t at = netloc.len;
  while (at > 0 && netloc.ptr[at - 1] != '@')
    at--;
  ws_strview hp = hs_sub(netloc, at, netloc.len);
  size_t open = hs_find(hp, 0, '[');
  ws_strview host;
  if (open < hp.len) {
    if (open > 0) {
      ws_buf_puts(why, "Invalid IPv6 URL");
      return false;
    }
    size_t close = hs_find(hp, open + 1, ']');
    host = hs_sub(hp, open + 1, close);
    if (close + 1 < hp.len && hp.ptr[close + 1] != ':') {
      ws_buf_puts(why, "Invalid IPv6 URL");
      return false;
    }
  } else {
    host = hs_sub(hp, 0, hs_find(hp, 0, ':'));
  }
  return bracketed_host_ok(host, why);
}

/* MARK: urlsplit and urlparse */

static bool uses_params(ws_strview scheme) {
  static const char *const names[] = {
      "",     "ftp",   "hdl",  "prospero", "http", "imap", "https", "shttp",
      "rtsp", "rtspu", "sip",  "sips",     "mms",  "sftp", "tel"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (hs_is_lower(scheme, names[i]))
      return true;
  }
  return false;
}

/* Drops the leading C0 controls and spaces, and every TAB, CR and LF. */
static ws_strview clean(ws_strview t, ws_buf *scratch) {
  size_t a = 0;
  while (a < t.len && (unsigned char)t.ptr[a] <= 0x20)
    a++;
  t = hs_sub(t, a, t.len);
  bool unsafe = false;
  for (size_t i = 0; i < t.len && !unsafe; i++)
    unsafe = t.ptr[i] == '\t' || t.ptr[i] == '\r' || t.ptr[i] == '\n';
  if (!unsafe)
    return t;
  for (size_t i = 0; i < t.len; i++) {
    if (t.ptr[i] != '\t' && t.ptr[i] != '\r' && t.ptr[i] != '\n')
      ws_buf_putc(scratch, t.ptr[i]);
  }
  return ws_str_view(scratch->data, scratch->len);
}

static bool split_netloc(ws_strview *rest, hs_url *u, ws_buf *why) {
  ws_strview r = *rest;
  size_t end = r.len;
  for (size_t i = 2; i < r.len; i++) {
    if (r.ptr[i] == '/' || r.ptr[i] == '?' || r.ptr[i] == '#') {
      end = i;
      break;
    }
  }
  u->netloc = hs_sub(r, 2, end);
  *rest = hs_sub(r, end, r.len);
  bool open = hs_has(u->netloc, '[');
  bool close = hs_has(u->netloc, ']');
  if (open != close) {
    ws_buf_puts(why, "Invalid IPv6 URL");
    return false;
  }
  return !open || bracketed_netloc_ok(u->netloc, why);
}

bool hs_url_split(ws_strview text, bool with_params, ws_buf *scratch,
                  hs_url *u, ws_buf *why) {
  memset(u, 0, sizeof *u);
  ws_buf_reset(scratch);
  ws_buf_reset(why);
  ws_strview r = clean(text, scratch);
  size_t colon = hs_find(r, 0, ':');
  if (colon > 0 && colon < r.len && is_alpha(r.ptr[0])) {
    size_t i = 0;
    while (i < colon && is_scheme_char(r.ptr[i]))
      i++;
    if (i == colon) {
      u->scheme = hs_sub(r, 0, colon);
      r = hs_sub(r, colon + 1, r.len);
    }
  }
  /* (urllib's check of a non-ASCII netloc under NFKC never fires on
   * Latin-1 text: no character of U+0080..U+00FF normalises to one of
   * "/?#@:".) */
  if (r.len >= 2 && r.ptr[0] == '/' && r.ptr[1] == '/' &&
      !split_netloc(&r, u, why))
    return false;
  size_t hash = hs_find(r, 0, '#');
  if (hash < r.len) {
    u->fragment = hs_sub(r, hash + 1, r.len);
    u->has_fragment = true;
    r = hs_sub(r, 0, hash);
  }
  size_t q = hs_find(r, 0, '?');
  if (q < r.len) {
    u->query = hs_sub(r, q + 1, r.len);
    r = hs_sub(r, 0, q);
  }
  u->path = r;
  if (with_params && uses_params(u->scheme) && hs_has(r, ';')) {
    size_t slash = r.len;
    while (slash > 0 && r.ptr[slash - 1] != '/')
      slash--;
    /* after the last '/' when there is one, else the first ';' */
    size_t from = slash > 0 ? slash - 1 : 0;
    u->path = hs_sub(r, 0, hs_find(r, from, ';'));
  }
  return true;
}

/* MARK: hostname and port */

bool hs_url_host_port(ws_strview netloc, ws_buf *host, bool *has_host,
                      int64_t *port, bool *has_port, ws_buf *why) {
  ws_buf_reset(host);
  ws_buf_reset(why);
  size_t at = netloc.len;
  while (at > 0 && netloc.ptr[at - 1] != '@')
    at--;
  ws_strview hp = hs_sub(netloc, at, netloc.len);
  size_t open = hs_find(hp, 0, '[');
  ws_strview name;
  ws_strview digits;
  if (open < hp.len) {
    ws_strview b = hs_sub(hp, open + 1, hp.len);
    size_t close = hs_find(b, 0, ']');
    name = hs_sub(b, 0, close);
    ws_strview after = hs_sub(b, close < b.len ? close + 1 : b.len, b.len);
    size_t c = hs_find(after, 0, ':');
    digits = hs_sub(after, c < after.len ? c + 1 : after.len, after.len);
  } else {
    size_t c = hs_find(hp, 0, ':');
    name = hs_sub(hp, 0, c);
    digits = hs_sub(hp, c < hp.len ? c + 1 : hp.len, hp.len);
  }
  *has_host = name.len > 0;
  size_t pct = hs_find(name, 0, '%');
  hs_put_latin1_lower(host, hs_sub(name, 0, pct));
  hs_put_latin1(host, hs_sub(name, pct, name.len));
  *has_port = digits.len > 0;
  *port = 0;
  if (!*has_port)
    return true;
  size_t sig = 0; /* significant digits */
  for (size_t i = 0; i < digits.len; i++) {
    if (!is_digit(digits.ptr[i])) {
      ws_buf_puts(why, "Port could not be cast to integer value as ");
      put_repr(why, digits);
      return false;
    }
    if (sig || digits.ptr[i] != '0') {
      sig++;
      if (sig <= 6)
        *port = *port * 10 + (digits.ptr[i] - '0');
    }
  }
  if (digits.len > HS_INT_MAX_DIGITS) {
    char msg[200];
    snprintf(msg, sizeof msg,
             "Exceeds the limit (%d digits) for integer string conversion: "
             "value has %zu digits; use sys.set_int_max_str_digits() to "
             "increase the limit",
             HS_INT_MAX_DIGITS, digits.len);
    ws_buf_puts(why, msg);
    return false;
  }
  if (sig > 5 || *port > 65535) {
    ws_buf_puts(why, "Port out of range 0-65535");
    return false;
  }
  return true;
}
