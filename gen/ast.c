/* ast.c - releasing and printing the AST (see ast.h). */
#include "ast.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ast_module_free(ast_module *m) {
  if (!m) return;
  cb_grammar_free(m->grammar); /* the module itself lives in the arena too */
}

typedef struct text_buf {
  char *buf;
  size_t size, used;
} text_buf;

static void put(text_buf *b, const char *s) {
  size_t n = strlen(s);
  if (b->size == 0) return;
  size_t room = b->size - 1 - b->used;
  if (n > room) n = room;
  memcpy(b->buf + b->used, s, n);
  b->used += n;
  b->buf[b->used] = '\0';
}

/* Iterative over the '?' chain; recursion on arguments is bounded by the
 * parser's nesting limit. */
static void put_type(text_buf *b, const ast_type *t) {
  size_t opts = 0;
  while (t->kind == AST_TYPE_OPT) {
    opts++;
    t = t->elem;
  }
  put(b, t->name);
  if (t->has_args) {
    put(b, "<");
    for (size_t i = 0; i < t->arg_count; i++) {
      if (i) put(b, ", ");
      put_type(b, t->args[i]);
    }
    put(b, ">");
  }
  while (opts--) put(b, "?");
}

void ast_type_text(const ast_type *t, char *buf, size_t size) {
  text_buf b = {buf, size, 0};
  if (size) buf[0] = '\0';
  put_type(&b, t);
}
