/* fuzz_schema.c - libFuzzer target over the generator: the input is a
 * schema, parsed, checked and, when it is accepted, emitted (all three
 * files, into memory). A refused schema must have an error to show;
 * nothing may crash, leak or trip a sanitizer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "emit.h"
#include "parse.h"
#include "printer.h"

static void emit_all(const ir_module *m) {
  void (*const parts[])(printer *, const ir_module *) = {emit_header, emit_source, emit_tests};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    printer p;
    printer_init(&p);
    parts[i](&p, m);
    /* an unbalanced block is an emitter's bug whatever the schema */
    if (printer_failed(&p) && !printer_out_of_memory(&p))
      abort();
    printer_free(&p);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  diag *d = diag_new("fuzz.wst", text, size);
  if (d == NULL)
    return 0;
  ast_module *ast = parse_schema(text, size, d);
  ir_module *m = ast ? check_schema(ast, "fuzz.wst", d) : NULL;
  if (m != NULL)
    emit_all(m);
  else if (!diag_failed(d))
    abort(); /* refused without a word */
  else {
    static FILE *sink;
    if (sink == NULL)
      sink = fopen("/dev/null", "w");
    if (sink != NULL)
      diag_print(d, sink); /* the messages, with their source lines and carets */
  }
  ir_module_free(m);
  ast_module_free(ast);
  diag_free(d);
  return 0;
}
