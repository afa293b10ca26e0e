// Compiled as C++ by check_warnings.sh: the public headers must be usable
// from C++ (extern "C", no C-only constructs).
#include "wstypes.h"
#include "autobahn.h"
#include "ws_handshake.h"

static bool cxx_can_use_the_api() {
  ab_connecting_request req;
  if (ab_connecting_request_init(&req) != WS_OK)
    return false;
  bool same = ab_connecting_request_equal(&req, &req);
  ab_connecting_request_free(&req);
  ws_hs_server_options opts;
  ws_hs_server_options_init(&opts);
  return same && ab_type_find("Ping") == &ab_ping_type && opts.web_status;
}

int main() { return cxx_can_use_the_api() ? 0 : 1; }
