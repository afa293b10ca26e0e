/* parse_import.c - the folds of the import declaration (see parse.c's
 * import_decl): `import "common.wst";` after the module and prefix lines,
 * and the same line written among the classes, which is refused with a
 * message that says where imports go. Finding and reading the file is
 * load.c's. */
#include <string.h>

#include "parse_parts.h"

#define NEW(c, T) ((T *)cb_arena_alloc(cb_ctx_arena(c), sizeof(T)))

/* import_decl = "import" string ";" */
bool fold_import(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  const ast_literal *path = xs[1].p;
  ast_import *im = NEW(c, ast_import);
  if (!im) return false;
  im->pos = parse_pos_at(s, xs[0].start);
  im->path_pos = path->pos;
  im->path = path->s;
  im->path_len = path->s_len;
  out->p = im;
  return true;
}

/* An import_decl after the first class: reported here, then dropped. */
bool fold_misplaced_import(cb_ctx *c, cb_val *out, const cb_val *xs, size_t n) {
  (void)n;
  ps *s = state(c);
  size_t at = parse_pos_at(s, xs[0].start).offset;
  s->unchecked = true; /* the file it names is not read: its names are unknown */
  if (!diag_has_any_error_at(s->d, at))
    diag_error(s->d, at, "imports come right after the module and prefix lines, "
                         "before the first class or enum");
  out->p = NULL;
  return true;
}
