// Compiled as C++ by check_warnings.sh: the public headers must be usable
// from C++ (extern "C", no C-only constructs).
#include "wstypes.h"
#include "autobahn.h"
#include "ws_handshake.h"
#include "chat.h" // and common.h, whose classes chat's fields hold
#include "library.h" // the catalogue: every kind of doc as a comment

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

static bool cxx_can_hold_an_imported_class() {
  ch_report report;
  cm_account by;
  if (ch_report_init(&report) != WS_OK || cm_account_init(&by) != WS_OK)
    return false;
  bool set = ch_ref_entity_set(&report.subject, &by.base) == WS_OK;
  cm_account_free(&by);
  ch_report_free(&report);
  return set;
}

int main() {
  return cxx_can_use_the_api() && cxx_can_hold_an_imported_class() ? 0 : 1;
}
