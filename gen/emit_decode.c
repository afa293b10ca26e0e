/* emit_decode.c - the JSON decoders of STEM.c: per concrete class P_x_read
 * and P_x_decode, one-line calls of the runtime's reader, which walks the
 * class's field table and the kinds of its fields (ws_class_read.c,
 * ws_kind_read.c). */
#include "emit.h"
#include "emit_util.h"

static void emit_class_decoders(FILE *f, const ir_class *c) {
  const char *n = c->c_name;
  fprintf(f,
          "ws_status %s_read(ws_reader *r, %s *v) {\n"
          "  return ws_class_read(&%s_type, r, v);\n}\n"
          "ws_status %s_decode(%s *v, const char *json, size_t len,\n"
          "                    const ws_decode_opts *opts, ws_error *err) {\n"
          "  return ws_type_decode(&%s_type, v, json, len, opts, err);\n"
          "}\n\n",
          n, n, n, n, n, n);
}

void emit_decoders(FILE *f, const ir_module *m) {
  fputs("/* ---- decoding --------------------------------------------------"
        "-------- */\n\n",
        f);
  for (size_t i = 0; i < m->class_count; i++)
    if (!m->classes[i]->is_abstract)
      emit_class_decoders(f, m->classes[i]);
}
