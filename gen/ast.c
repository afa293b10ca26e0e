/* ast.c - releasing and printing the AST (see ast.h). */
#include "ast.h"

#include <stdlib.h>

void ast_module_free(ast_module *m) {
  if (!m) return;
  cb_arena_free(m->arena); /* the module itself lives in the arena too */
}

/* Iterative over the '?' chain; recursion on arguments is bounded by the
 * parser's nesting limit. */
static void put_type(gstr *b, const ast_type *t) {
  size_t opts = 0;
  while (t->kind == AST_TYPE_OPT) {
    opts++;
    t = t->elem;
  }
  gstr_puts(b, t->name);
  if (t->has_args) {
    gstr_puts(b, "<");
    for (size_t i = 0; i < t->arg_count; i++) {
      if (i) gstr_puts(b, ", ");
      put_type(b, t->args[i]);
    }
    gstr_puts(b, ">");
  }
  while (opts--) gstr_puts(b, "?");
}

void ast_type_text(const ast_type *t, gstr *out) { put_type(out, t); }
