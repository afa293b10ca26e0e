/* ws_float_pow10.c - the float conversions' powers of ten (see
 * internal/ws_float_parts.h). The rows are made at build time by
 * scripts/pow10_table.c into the build tree (the Makefile's POW10_TABLE). */
#include "internal/ws_float_parts.h"

const uint64_t ws_float_pow10[WS_POW10_MAX - WS_POW10_MIN + 1][2] = {
#include "ws_float_pow10_table.h"
};
