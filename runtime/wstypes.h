/* wstypes.h - the whole runtime in one include.
 *
 * These headers (runtime/ws_*.h) are the public API. The runtime's own
 * headers are in runtime/internal/: its .c files include them as
 * "internal/ws_....h", and no public header does. */
#ifndef WSTYPES_H
#define WSTYPES_H

#include "ws_alloc.h"
#include "ws_base64.h"
#include "ws_buf.h"
#include "ws_builder.h"
#include "ws_float.h"
#include "ws_headers.h"
#include "ws_http.h"
#include "ws_json_read.h"
#include "ws_json_write.h"
#include "ws_keyset.h"
#include "ws_kind_enum.h"
#include "ws_list.h"
#include "ws_module.h"
#include "ws_pformat.h"
#include "ws_repr.h"
#include "ws_status.h"
#include "ws_str.h"
#include "ws_type.h"
#include "ws_utf8.h"

#endif
