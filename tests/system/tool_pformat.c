/* tool_pformat.c - reads values from stdin, prints ws_pformat of each.
 *
 *   tool_pformat [--repr] < values
 *
 * Input: a sequence of values, one token a line, each container followed by
 * its children (tests/system/check_pformat.sh writes it):
 *   N            None
 *   T / F        True / False
 *   I <int>      a signed 64-bit integer in decimal
 *   S <hex>      a str: its UTF-8 bytes in hex (nothing after S: '')
 *   B <hex>      bytes, in hex
 *   L <n>        a list of the next n values
 *   D <n>        a dict of n entries, each a line "K <hex>" (the key's UTF-8)
 *                followed by its value
 *   C <n>        the same, its keys given in code point order and plain, as
 *                a generated class's view says (keys_sorted, keys_plain and
 *                the min_width the generator would give it)
 *   E <n>        a dict given as n entries whose keys may repeat (as
 *                headers are): read through the entry and key readers
 * Output: for each top-level value, pformat(value) (or, with --repr, the
 * one-line repr ws_prepr writes) and a line "@@", which no pformat output
 * line can be. A value the engine refuses prints "<error: STATUS>" instead.
 * Malformed input: a message on stderr, exit 2. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws_alloc.h"
#include "ws_buf.h"
#include "ws_pformat.h"

typedef struct node {
  ws_pv pv;
  char *key; /* for a dict's child */
  size_t key_len;
  char *data;        /* str and bytes */
  struct node *kids; /* containers */
  size_t kid_count;
} node;

typedef struct reader {
  FILE *in;
  char *line;
  size_t len;
  size_t cap;
  size_t line_no;
} reader;

static void die(const reader *r, const char *what) {
  fprintf(stderr, "tool_pformat: line %zu: %s\n", r->line_no, what);
  exit(2);
}

static void *must_alloc(const reader *r, size_t size) {
  void *p = ws_malloc(size ? size : 1);
  if (!p) {
    die(r, "out of memory");
  }
  return p;
}

/* Reads the next line without its newline; false at end of input. */
static bool next_line(reader *r) {
  int c;
  r->len = 0;
  while ((c = fgetc(r->in)) != EOF && c != '\n') {
    if (r->len + 1 >= r->cap) {
      size_t cap = r->cap ? r->cap * 2 : 256;
      char *grown = ws_realloc(r->line, cap);
      if (!grown) {
        die(r, "out of memory");
      }
      r->line = grown;
      r->cap = cap;
    }
    r->line[r->len++] = (char)c;
  }
  if (c == EOF && r->len == 0) {
    return false;
  }
  r->line_no++;
  r->line[r->len] = '\0';
  return true;
}

static int hex_value(const reader *r, char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  die(r, "bad hex digit");
  return 0;
}

/* The hex text after the tag letter, decoded into a new block. */
static char *decode_hex(const reader *r, size_t *out_len) {
  const char *hex = r->len > 2 ? r->line + 2 : "";
  size_t n = strlen(hex);
  if (n % 2 != 0) {
    die(r, "odd number of hex digits");
  }
  char *out = must_alloc(r, n / 2 + 1);
  for (size_t i = 0; i < n / 2; i++) {
    out[i] =
        (char)(hex_value(r, hex[2 * i]) * 16 + hex_value(r, hex[2 * i + 1]));
  }
  out[n / 2] = '\0';
  *out_len = n / 2;
  return out;
}

static long long number_after_tag(const reader *r) {
  char *end;
  errno = 0;
  long long v = strtoll(r->line + 1, &end, 10);
  if (r->len < 3 || r->line[1] != ' ' || *end != '\0' || errno != 0) {
    die(r, "expected a tag, a space and a decimal number");
  }
  return v;
}

static void node_child(const void *obj, size_t index, const char **key,
                       size_t *key_len, ws_pv *value) {
  const node *parent = obj;
  const node *kid = &parent->kids[index];
  *key = kid->key;
  *key_len = kid->key_len;
  *value = kid->pv;
}

static void node_key(const void *obj, size_t index, const char **key,
                     size_t *key_len) {
  const node *parent = obj;
  *key = parent->kids[index].key;
  *key_len = parent->kids[index].key_len;
}

/* The one-line width the generator promises for a class whose field names
 * are these keys: braces, and for each its quotes, code points, ": ", one
 * column of value, and ", " between. */
static size_t class_min_width(const node *nd) {
  size_t width = 2;
  for (size_t i = 0; i < nd->kid_count; i++) {
    size_t points = 0;
    for (size_t k = 0; k < nd->kids[i].key_len; k++) {
      points += ((unsigned char)nd->kids[i].key[k] & 0xc0) != 0x80;
    }
    width += points + 5 + (i > 0 ? 2 : 0);
  }
  return width;
}

static void read_value(reader *r, node *nd, unsigned depth);

static void read_children(reader *r, node *nd, char tag, unsigned depth) {
  long long n = number_after_tag(r);
  bool dict = tag != 'L';
  if (n < 0 || n > 1000000) {
    die(r, "bad container size");
  }
  nd->pv.kind = dict ? WS_PV_DICT : WS_PV_LIST;
  nd->pv.obj = nd;
  nd->kid_count = (size_t)n;
  if (tag == 'E') { /* read through entry and key only */
    nd->pv.entry = node_child;
    nd->pv.key = node_key;
    nd->pv.n_entries = (size_t)n;
  } else {
    nd->pv.n = (size_t)n;
    nd->pv.child = node_child;
  }
  nd->kids = must_alloc(r, (size_t)n * sizeof *nd->kids);
  memset(nd->kids, 0, (size_t)n * sizeof *nd->kids);
  for (size_t i = 0; i < (size_t)n; i++) {
    if (dict) {
      if (!next_line(r) || r->line[0] != 'K') {
        die(r, "expected a key line K <hex>");
      }
      nd->kids[i].key = decode_hex(r, &nd->kids[i].key_len);
    }
    read_value(r, &nd->kids[i], depth + 1);
  }
  if (tag == 'C') {
    nd->pv.keys_sorted = true;
    nd->pv.keys_plain = true;
    nd->pv.min_width = class_min_width(nd);
  }
}

static void read_value(reader *r, node *nd, unsigned depth) {
  nd->pv = ws_pv_none();
  if (depth > 10000) {
    die(r, "nesting too deep");
  }
  if (!next_line(r) || r->len == 0) {
    die(r, "expected a value");
  }
  switch (r->line[0]) {
  case 'N':
    break;
  case 'T':
  case 'F':
    nd->pv.kind = WS_PV_BOOL;
    nd->pv.b = r->line[0] == 'T';
    break;
  case 'I':
    nd->pv.kind = WS_PV_INT;
    nd->pv.i = (int64_t)number_after_tag(r);
    break;
  case 'S':
  case 'B':
    nd->pv.kind = r->line[0] == 'S' ? WS_PV_STR : WS_PV_BYTES;
    nd->data = decode_hex(r, &nd->pv.n);
    nd->pv.s = nd->data;
    break;
  case 'L':
  case 'D':
  case 'C':
  case 'E':
    read_children(r, nd, r->line[0], depth);
    break;
  default:
    die(r, "unknown tag");
  }
}

static void free_node(node *nd) {
  if (nd->kids) {
    for (size_t i = 0; i < nd->kid_count; i++) {
      free_node(&nd->kids[i]);
    }
  }
  ws_free(nd->kids);
  ws_free(nd->key);
  ws_free(nd->data);
}

int main(int argc, char **argv) {
  bool repr_only = argc == 2 && strcmp(argv[1], "--repr") == 0;
  if (argc > 2 || (argc == 2 && !repr_only)) {
    fprintf(stderr, "usage: tool_pformat [--repr] < values\n");
    return 2;
  }
  reader r = {stdin, NULL, 0, 0, 0};
  ws_buf out;
  ws_buf_init(&out);
  int status = 0;
  int c;
  while ((c = fgetc(stdin)) != EOF) {
    node root;
    memset(&root, 0, sizeof root);
    ungetc(c, stdin);
    read_value(&r, &root, 0);
    ws_buf_reset(&out);
    if (repr_only) {
      ws_prepr(&out, &root.pv);
    } else {
      ws_pformat(&out, &root.pv);
    }
    if (out.status != WS_OK) {
      printf("<error: %s>\n@@\n", ws_status_str(out.status));
      status = 1;
    } else {
      fwrite(out.data ? out.data : "", 1, out.len, stdout);
      fputs("\n@@\n", stdout);
    }
    free_node(&root);
  }
  ws_buf_free(&out);
  ws_free(r.line);
  return status;
}
