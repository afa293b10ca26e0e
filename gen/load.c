/* load.c - reading a schema and its imports (see load.h).
 *
 * A depth-first walk from the schema: each file is read and parsed, then
 * each of its imports is found (beside it, then in the include directories)
 * and loaded in turn, with the files on the walk's path kept on a stack so
 * that an import of one of them is reported as a cycle with its chain.
 * Files are known by device and inode, so one file reached by two
 * spellings is read once. Once a file's imports are loaded, the names it
 * defines are registered (a class, module name or prefix that another
 * loaded file defines already is an error), and it is checked against the
 * modules it imports. A file whose imports failed is parsed but not
 * checked: its imports' errors are the ones worth reading. */
#define _POSIX_C_SOURCE 200809L /* stat */

#include "load.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "diag.h"
#include "inputs.h"
#include "parse.h"
#include "printer.h"

typedef struct load_file load_file;

/* Where a name was first defined, for "first defined here". */
typedef struct definition {
  const load_file *file;
  size_t offset;
} definition;

struct load_file {
  char *path; /* as the diagnostics name it */
  char *text;
  size_t len;
  dev_t dev;
  ino_t ino;
  char identity[64]; /* "DEV:INO" in hex, its key in load_set's by_identity */
  size_t order;      /* its index in load_set's files */
  diag *d;
  size_t syntax_errors; /* the errors parsing left in d */
  ast_module *ast;
  ir_module *ir;
  load_file **imports; /* one per ast->imports entry; NULL where it failed */
  char *stem;          /* file name without .wst: its output is STEM.h */
  definition *defs;    /* what the registry points at: module, prefix, stem,
                          classes, enums */
  bool on_stack;
};

struct load_set {
  const char *const *dirs;
  size_t dir_count;
  load_file **files; /* the schema first, then in the order read */
  size_t count, cap;
  inputs read; /* their paths, as read: the one list --depfile writes */
  load_file **stack; /* the walk's path, for cycles */
  size_t depth;
  ir_map *classes, *modules, *prefixes, *stems; /* name -> definition */
  ir_map *by_identity; /* "DEV:INO" -> the file: a map, for any number of imports */
  /* For check_prefix_nesting, over the files registered so far, each
   * naming the first such file in files order: a prefix -> a file with that
   * prefix; a prefix cut before one of its '_' -> a file whose prefix that
   * is a cut of (keys: the cuts, malloc'd, in cuts). */
  ir_map *prefix_owner, *prefix_cut;
  char **cuts;
  size_t cut_count, cut_cap;
  char *problem; /* the schema itself could not be read */
  bool oom;
};

/* ---- reading ------------------------------------------------------------------ */

static char *dup_text(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  return d ? memcpy(d, s, n) : NULL;
}

static void free_file(load_file *f) {
  if (!f) return;
  ir_module_free(f->ir);
  ast_module_free(f->ast);
  diag_free(f->d);
  free(f->imports);
  free(f->defs);
  free(f->stem);
  free(f->text);
  free(f->path);
  free(f);
}

/* The key a file's identity is known by. */
static void identity_key(char key[64], const struct stat *st) {
  snprintf(key, 64, "%jx:%jx", (uintmax_t)st->st_dev, (uintmax_t)st->st_ino);
}

static bool add_file(load_set *s, load_file *f) {
  if (s->count == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 8;
    load_file **grown = realloc(s->files, cap * sizeof *grown);
    if (!grown) return false;
    s->files = grown;
    s->cap = cap;
  }
  if (!ir_map_put(s->by_identity, f->identity, f)) return false;
  f->order = s->count;
  s->files[s->count++] = f;
  return true;
}

/* Opens, reads and parses the file at path (taken over on success), whose
 * identity st gives; lists it in s. NULL with errno set when it cannot be
 * read, or with s->oom set. */
static load_file *read_schema(load_set *s, char *path, const struct stat *st) {
  load_file *f = calloc(1, sizeof *f);
  if (!f) {
    s->oom = true;
    return NULL;
  }
  f->path = path;
  f->dev = st->st_dev;
  f->ino = st->st_ino;
  identity_key(f->identity, st);
  if (!(f->text = inputs_read(&s->read, path, &f->len))) {
    int e = errno;
    f->path = NULL; /* the caller's still */
    free_file(f);
    s->oom = s->oom || e == ENOMEM;
    errno = e;
    return NULL;
  }
  f->d = diag_new(f->path, f->text, f->len);
  if (!f->d || !add_file(s, f)) {
    f->path = NULL;
    free_file(f);
    s->oom = true;
    return NULL;
  }
  f->ast = parse_schema(f->text, f->len, f->d);
  f->syntax_errors = diag_error_count(f->d);
  if (f->ast && f->ast->import_count &&
      !(f->imports = calloc(f->ast->import_count, sizeof *f->imports)))
    s->oom = true;
  return f;
}

/* ---- finding an import ----------------------------------------------------------- */

/* dir (with a '/' added when it lacks one and is not empty) + name. */
static char *join(const char *dir, size_t dir_len, const char *name) {
  bool slash = dir_len > 0 && dir[dir_len - 1] != '/';
  size_t n = dir_len + slash + strlen(name) + 1;
  char *path = malloc(n);
  if (!path) return NULL;
  memcpy(path, dir, dir_len);
  if (slash) path[dir_len] = '/';
  strcpy(path + dir_len + slash, name);
  return path;
}

/* The length of path's directory part, its final '/' included. */
static size_t dir_len(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? (size_t)(slash - path) + 1 : 0;
}

/* The places an import is looked for, as the error lists them. */
static void describe_places(const load_set *s, const load_file *from, gstr *out) {
  size_t n = dir_len(from->path);
  if (n == 0) gstr_puts(out, ".");
  else gstr_printf(out, "%.*s", (int)(n > 1 ? n - 1 : n), from->path);
  for (size_t i = 0; i < s->dir_count; i++) gstr_printf(out, ", %s", s->dirs[i]);
}

static void report_not_found(load_set *s, load_file *from, const ast_import *im) {
  gstr places = {0};
  describe_places(s, from, &places);
  if (gstr_failed(&places)) s->oom = true;
  else
    diag_error(from->d, im->path_pos.offset, "cannot find '%s' (looked in %s)", im->path,
               gstr_cstr(&places));
  gstr_free(&places);
}

/* The path of the file im names, beside `from` or in an include directory,
 * with its identity in st; NULL when there is none (reported) or memory
 * ran out. */
static char *find_import(load_set *s, load_file *from, const ast_import *im, struct stat *st) {
  if (im->path_len == 0 || strlen(im->path) != im->path_len) {
    diag_error(from->d, im->path_pos.offset, im->path_len == 0
                                                 ? "an import needs a file name"
                                                 : "a file name cannot hold a NUL character");
    return NULL;
  }
  bool absolute = im->path[0] == '/';
  for (size_t i = 0; i <= (absolute ? 0 : s->dir_count); i++) {
    char *path = absolute ? dup_text(im->path)
                 : i == 0 ? join(from->path, dir_len(from->path), im->path)
                          : join(s->dirs[i - 1], strlen(s->dirs[i - 1]), im->path);
    if (!path) {
      s->oom = true;
      return NULL;
    }
    if (stat(path, st) == 0) return path;
    int e = errno;
    if (e != ENOENT && e != ENOTDIR) {
      diag_error(from->d, im->path_pos.offset, "cannot read '%s': %s", path, strerror(e));
      free(path);
      return NULL;
    }
    free(path);
  }
  report_not_found(s, from, im);
  return NULL;
}

static load_file *file_with_identity(const load_set *s, const struct stat *st) {
  char key[64];
  identity_key(key, st);
  return ir_map_get(s->by_identity, key);
}

/* "a.wst -> b.wst -> a.wst": the stack from `to` up, then `to` again. */
static void report_cycle(load_set *s, load_file *from, const ast_import *im, const load_file *to) {
  gstr chain = {0};
  size_t i = s->depth;
  while (i > 0 && s->stack[i - 1] != to) i--;
  for (i = i > 0 ? i - 1 : 0; i < s->depth; i++) gstr_printf(&chain, "%s -> ", s->stack[i]->path);
  gstr_puts(&chain, to->path);
  if (gstr_failed(&chain)) s->oom = true;
  else diag_error(from->d, im->path_pos.offset, "import cycle: %s", gstr_cstr(&chain));
  gstr_free(&chain);
}

/* An import of a file that `from` imports already: the first import. */
static const ast_import *earlier_import(const load_file *from, size_t i, const load_file *f) {
  for (size_t j = 0; j < i; j++)
    if (from->imports[j] == f) return from->ast->imports[j];
  return NULL;
}

/* ---- names two files may not share -------------------------------------------------- */

/* Registers name for f; reports it at offset when another file has it. */
static void register_name(load_set *s, ir_map *names, load_file *f, definition *def,
                          const char *name, size_t offset, const char *what) {
  const definition *first = ir_map_get(names, name);
  if (first && first->file != f) {
    diag_error(f->d, offset, "%s '%s' is already defined in %s", what, name, first->file->path);
    diag_note_in(f->d, first->file->d, first->offset, "first defined here");
    return;
  }
  *def = (definition){f, offset};
  if (!first && !ir_map_put(names, name, def)) s->oom = true;
}

/* Of two files (either may be NULL), the one read first. */
static const load_file *earlier(const load_file *a, const load_file *b) {
  return !a || (b && b->order < a->order) ? b : a;
}

/* Keeps map[key] the earliest file it has been given. */
static bool keep_earliest(ir_map *map, const char *key, const load_file *f) {
  const load_file *had = ir_map_get(map, key);
  return had == earlier(had, f) || ir_map_put(map, key, (void *)(uintptr_t)f);
}

/* Registers p[0..n) as a cut of f's prefix. */
static bool add_cut(load_set *s, const char *p, size_t n, const load_file *f) {
  if (s->cut_count == s->cut_cap) {
    size_t cap = s->cut_cap ? s->cut_cap * 2 : 16;
    char **grown = realloc(s->cuts, cap * sizeof *grown);
    if (!grown) return false;
    s->cuts = grown;
    s->cut_cap = cap;
  }
  char *cut = malloc(n + 1);
  if (!cut) return false;
  memcpy(cut, p, n);
  cut[n] = '\0';
  s->cuts[s->cut_count++] = cut; /* kept: the map may take it as its key */
  return keep_earliest(s->prefix_cut, cut, f);
}

/* The first file read of those registered whose prefix is p cut before
 * one of its '_', or that has p so cut. */
static const load_file *nesting_prefix(load_set *s, const char *p) {
  const load_file *other = ir_map_get(s->prefix_cut, p);
  char *probe = malloc(strlen(p) + 1);
  if (!probe) {
    s->oom = true;
    return NULL;
  }
  for (size_t n = 0; p[n]; n++) {
    if (p[n] != '_') continue;
    memcpy(probe, p, n);
    probe[n] = '\0';
    other = earlier(other, ir_map_get(s->prefix_owner, probe));
  }
  free(probe);
  return other;
}

/* C names of two modules can collide when one prefix extends the other:
 * prefix cm_x, class Y makes cm_x_y, which prefix cm makes of class XY.
 * The prefixes are looked up in maps, not compared pair by pair, so that
 * any number of imports costs time linear in them. */
static void check_prefix_nesting(load_set *s, load_file *f) {
  const char *p = f->ast->prefix;
  const load_file *other = nesting_prefix(s, p);
  if (other && other != f) {
    const char *q = other->ast->prefix;
    diag_error(f->d, f->ast->prefix_pos.offset,
               "prefix '%s' and prefix '%s' of %s would make clashing C names "
               "(one is the other followed by '_')",
               p, q, other->path);
    diag_note_in(f->d, other->d, other->ast->prefix_pos.offset, "'%s' defined here", q);
  }
  bool ok = !s->oom && keep_earliest(s->prefix_owner, p, f);
  for (size_t n = 0; ok && p[n]; n++)
    if (p[n] == '_') ok = add_cut(s, p, n, f);
  if (!ok) s->oom = true;
}

/* The file name without its directory and .wst: what its outputs and the
 * #include of its header are named after. */
static char *stem_of(const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  size_t n = strlen(name);
  if (n > 4 && strcmp(name + n - 4, ".wst") == 0) n -= 4;
  char *stem = malloc(n + 1);
  if (stem) {
    memcpy(stem, name, n);
    stem[n] = '\0';
  }
  return stem;
}

/* Two files of one name would generate one header: an importing module's
 * #include "NAME.h" could not tell them apart. */
static void register_stem(load_set *s, load_file *f, definition *def) {
  const definition *first = (f->stem = stem_of(f->path)) ? ir_map_get(s->stems, f->stem) : NULL;
  if (!f->stem) {
    s->oom = true;
  } else if (first && first->file != f) {
    diag_error(f->d, f->ast->name_pos.offset,
               "this file and %s are both named '%s': both modules would generate %s.h",
               first->file->path, f->stem, f->stem);
  } else {
    *def = (definition){f, f->ast->name_pos.offset};
    if (!first && !ir_map_put(s->stems, f->stem, def)) s->oom = true;
  }
}

/* Module name, prefix, file name and class names of a parsed file. (Enums
 * and any other named type join the classes' registry: one name, one
 * file.) */
static void register_names(load_set *s, load_file *f) {
  const ast_module *a = f->ast;
  f->defs = calloc(a->class_count + a->enum_count + 3, sizeof *f->defs);
  if (!f->defs) {
    s->oom = true;
    return;
  }
  register_name(s, s->modules, f, &f->defs[0], a->name, a->name_pos.offset, "module");
  register_name(s, s->prefixes, f, &f->defs[1], a->prefix, a->prefix_pos.offset, "prefix");
  check_prefix_nesting(s, f);
  register_stem(s, f, &f->defs[2]);
  for (size_t i = 0; i < a->class_count && !s->oom; i++)
    register_name(s, s->classes, f, &f->defs[3 + i], a->classes[i]->name,
                  a->classes[i]->name_pos.offset, "class");
  /* enums share the classes' names: either can be what a name means */
  for (size_t i = 0; i < a->enum_count && !s->oom; i++)
    register_name(s, s->classes, f, &f->defs[3 + a->class_count + i], a->enums[i]->name,
                  a->enums[i]->name_pos.offset, "enum");
}

/* ---- the walk -------------------------------------------------------------------- */

static void load_imports(load_set *s, load_file *f);

/* Loads import i of f, or points it at the file loaded already. */
static void load_import(load_set *s, load_file *f, size_t i) {
  const ast_import *im = f->ast->imports[i];
  struct stat st;
  char *path = find_import(s, f, im, &st);
  if (!path) return;
  load_file *to = file_with_identity(s, &st);
  if (to) {
    free(path);
    const ast_import *first = earlier_import(f, i, to);
    if (to->on_stack) {
      report_cycle(s, f, im, to);
    } else if (first) {
      diag_error(f->d, im->path_pos.offset, "'%s' is imported already", to->path);
      diag_note(f->d, first->path_pos.offset, "imported here");
    } else {
      f->imports[i] = to;
    }
    return;
  }
  if (s->depth == LOAD_MAX_IMPORT_DEPTH) {
    free(path);
    diag_error(f->d, im->path_pos.offset, "imports nest more than %d deep",
               LOAD_MAX_IMPORT_DEPTH);
    return;
  }
  to = read_schema(s, path, &st);
  if (!to) {
    if (!s->oom)
      diag_error(f->d, im->path_pos.offset, "cannot read '%s': %s", path, strerror(errno));
    free(path);
    return;
  }
  f->imports[i] = to;
  load_imports(s, to);
}

/* Whether every import of f loaded and checked cleanly. */
static bool imports_ready(const load_file *f) {
  for (size_t i = 0; i < f->ast->import_count; i++)
    if (!f->imports[i] || !f->imports[i]->ir) return false;
  return true;
}

static void check_file(load_set *s, load_file *f) {
  register_names(s, f);
  /* after syntax errors the checks still run, on what parsed; not after
   * errors in loading it (its imports' included) */
  if (s->oom || diag_error_count(f->d) > f->syntax_errors || !imports_ready(f)) return;
  size_t n = f->ast->import_count;
  const ir_module **mods = calloc(n ? n : 1, sizeof *mods);
  if (!mods) {
    s->oom = true;
    return;
  }
  for (size_t i = 0; i < n; i++) mods[i] = f->imports[i]->ir;
  f->ir = check_schema_imports(f->ast, f->path, mods, f->d);
  free(mods);
}

/* Recursion follows the import chain, bounded by LOAD_MAX_IMPORT_DEPTH. */
static void load_imports(load_set *s, load_file *f) {
  if (!f->ast || s->oom) return;
  f->on_stack = true;
  s->stack[s->depth++] = f;
  for (size_t i = 0; i < f->ast->import_count && !s->oom; i++) load_import(s, f, i);
  s->depth--;
  f->on_stack = false;
  if (!s->oom) check_file(s, f);
}

/* ---- the set ----------------------------------------------------------------------- */

static void set_problem(load_set *s, const char *path, int e) {
  size_t n = strlen(path) + strlen(strerror(e)) + 64;
  s->problem = malloc(n);
  if (s->problem) snprintf(s->problem, n, "wstypes-gen: cannot read %s: %s\n", path, strerror(e));
  else s->oom = true;
}

load_set *load_schema(const char *path, const char *const *include_dirs, size_t include_count) {
  load_set *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  inputs_init(&s->read);
  s->dirs = include_dirs;
  s->dir_count = include_count;
  s->stack = calloc(LOAD_MAX_IMPORT_DEPTH + 1, sizeof *s->stack);
  s->classes = ir_map_new();
  s->modules = ir_map_new();
  s->prefixes = ir_map_new();
  s->stems = ir_map_new();
  s->by_identity = ir_map_new();
  s->prefix_owner = ir_map_new();
  s->prefix_cut = ir_map_new();
  char *own = dup_text(path);
  if (!s->stack || !s->classes || !s->modules || !s->prefixes || !s->stems || !s->by_identity ||
      !s->prefix_owner || !s->prefix_cut || !own) {
    free(own);
    s->oom = true;
    return s;
  }
  struct stat st;
  memset(&st, 0, sizeof st);
  if (stat(path, &st) != 0) {
    set_problem(s, path, errno);
    free(own);
    return s;
  }
  load_file *f = read_schema(s, own, &st);
  if (!f) {
    if (!s->oom) set_problem(s, path, errno);
    free(own);
    return s;
  }
  load_imports(s, f);
  return s;
}

void load_free(load_set *s) {
  if (!s) return;
  /* importers before the modules they borrow from: the reverse of reading */
  for (size_t i = s->count; i-- > 0;) free_file(s->files[i]);
  free(s->files);
  inputs_free(&s->read);
  free(s->stack);
  ir_map_free(s->classes);
  ir_map_free(s->modules);
  ir_map_free(s->prefixes);
  ir_map_free(s->stems);
  ir_map_free(s->by_identity);
  ir_map_free(s->prefix_owner);
  ir_map_free(s->prefix_cut);
  for (size_t i = 0; i < s->cut_count; i++) free(s->cuts[i]);
  free(s->cuts);
  free(s->problem);
  free(s);
}

bool load_failed(const load_set *s) {
  if (s->oom || s->problem || s->count == 0) return true;
  for (size_t i = 0; i < s->count; i++)
    if (diag_failed(s->files[i]->d)) return true;
  return s->files[0]->ir == NULL;
}

void load_print(const load_set *s, FILE *out) {
  if (s->problem) fputs(s->problem, out);
  for (size_t i = 0; i < s->count; i++) diag_print(s->files[i]->d, out);
  if (s->oom) fputs("wstypes-gen: out of memory\n", out);
}

const ir_module *load_module(const load_set *s) {
  return load_failed(s) ? NULL : s->files[0]->ir;
}

const inputs *load_inputs(const load_set *s) { return &s->read; }
size_t load_file_count(const load_set *s) { return s->read.len; }
const char *load_file_path(const load_set *s, size_t i) { return s->read.paths[i]; }
