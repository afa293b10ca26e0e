#!/usr/bin/python3
"""Writes runtime/ws_unicode_table.c: the character classes Python's repr()
and pprint depend on, taken from the running interpreter itself.

    /usr/bin/python3 scripts/gen_unicode_table.py [OUTPUT]

OUTPUT defaults to runtime/ws_unicode_table.c (relative to the repo root).
The tables must match CPython 3.11 (Unicode 14.0.0), the Python our output is
compared with, so any other Python version is refused.

Each class becomes a sorted array of inclusive [lo, hi] code point ranges,
searched by bisection at run time; printable and space also get a bit table
for the code points below U+10000 (where text mostly is), in blocks of 256
with equal blocks shared, so that they cost two lookups there:
  printable  - chr(cp).isprintable()       (decides repr's escaping)
  space      - chr(cp).isspace()           (what re's \\s matches in pprint)
  linebreak  - where str.splitlines() cuts (pprint splits str at these)
and, so that plain text never reaches a bisection, one byte of flags for
each ASCII character: the columns repr() gives it (1, 2 or 4), whether it is
space, whether it is a line boundary, whether it is a quote.
Last, for pprint's one reading of a str (ws_repr_scan.c), one bit table of
the code points below U+20000 (the emoji too) that repr() copies as they are
whatever the quote and that do not end a word: printable, not space, not a
quote or backslash, reached by code point or by a UTF-8 sequence's first two
bytes. Everything else, rare in text, takes the slower look-ups above.
"""

import os
import sys
import unicodedata

REQUIRED = (3, 11)
UNICODE = "14.0.0"  # what every 3.11 release ships
MAX_CP = 0x10FFFF


def refuse_other_pythons():
    if sys.version_info[:2] != REQUIRED:
        sys.exit("gen_unicode_table.py: needs Python %d.%d (the tables must be "
                 "its Unicode data); this is %d.%d" %
                 (REQUIRED + tuple(sys.version_info[:2])))
    if unicodedata.unidata_version != UNICODE:
        sys.exit("gen_unicode_table.py: expected Unicode %s, found %s" %
                 (UNICODE, unicodedata.unidata_version))


def ranges_of(predicate):
    """Inclusive (lo, hi) runs of code points for which predicate holds."""
    runs = []
    start = None
    for cp in range(MAX_CP + 2):
        inside = cp <= MAX_CP and predicate(cp)
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            runs.append((start, cp - 1))
            start = None
    return runs


def splits_line(cp):
    # A boundary turns "a<cp>b" into two lines.
    return len(("a" + chr(cp) + "b").splitlines()) == 2


def c_table(name, runs, what):
    lines = ["/* %s: %d ranges. */" % (what, len(runs)),
             "static const ws_uni_range %s[] = {" % name]
    row = []
    for lo, hi in runs:
        row.append("{0x%X, 0x%X}," % (lo, hi))
        if len(row) == 3:
            lines.append("    " + " ".join(row))
            row = []
    if row:
        lines.append("    " + " ".join(row))
    lines.append("};")
    return "\n".join(lines)


def ascii_class(cp):
    ch = chr(cp)
    columns = len(repr(ch)) - 2  # inside the quotes
    flags = columns
    if ch.isspace():
        flags |= 0x08  # WS_UNI_SPACE
    if splits_line(cp):
        flags |= 0x10  # WS_UNI_LINEBREAK
    if ch in "'\"":
        flags |= 0x20  # WS_UNI_QUOTE
    return flags


BLOCK = 256  # code points a bit-table block covers
WS_UNI_PLAIN_LIMIT = 0x20000  # as in runtime/internal/ws_uni_plain.h


def c_bmp_table(name, predicate, what):
    """Two levels: which block each 256 code points use, and the blocks."""
    blocks = {}
    index = []
    for base in range(0, 0x10000, BLOCK):
        bits = tuple(
            sum(1 << k for k in range(8) if predicate(base + 8 * i + k))
            for i in range(BLOCK // 8))
        index.append(blocks.setdefault(bits, len(blocks)))
    lines = ["/* %s below U+10000: bit cp %% 8 of byte cp %% 256 / 8 of block"
             % what,
             " * %s_blocks[%s_index[cp / 256]]. */" % (name, name),
             "static const unsigned char %s_index[%d] = {"
             % (name, len(index))]
    for row in range(0, len(index), 12):
        lines.append("    " + " ".join("%d," % b for b in index[row:row + 12]))
    lines.append("};")
    lines.append("static const unsigned char %s_blocks[%d][%d] = {"
                 % (name, len(blocks), BLOCK // 8))
    for bits in sorted(blocks, key=blocks.get):
        lines.append("    {" + ", ".join("0x%02X" % b for b in bits[:16]) + ",")
        lines.append("     " + ", ".join("0x%02X" % b for b in bits[16:]) + "},")
    lines.append("};")
    return "\n".join(lines)


def plain_in_words(cp):
    # repr() copies it as it is whatever the quote, and it ends no word.
    ch = chr(cp)
    return ch.isprintable() and not ch.isspace() and ch not in "'\"\\"


def c_plain_table():
    """plain_in_words below WS_UNI_PLAIN_LIMIT, 64 code points a block: a
    block is a 64-bit word, so that the bit of a two- or three-byte UTF-8
    sequence is bit (last byte & 0x3F) of the word its other bytes choose."""
    words = {}
    index = []
    for base in range(0, WS_UNI_PLAIN_LIMIT, 64):
        bits = sum(1 << k for k in range(64) if plain_in_words(base + k))
        index.append(words.setdefault(bits, len(words)))
    lines = ["/* Printable, not space, not a quote or backslash, below U+%X:"
             % WS_UNI_PLAIN_LIMIT,
             " * bit cp % 64 of ws_uni_plain_bits[ws_uni_plain_index[cp / 64]]. */",
             "const uint16_t ws_uni_plain_index[%d] = {" % len(index)]
    for row in range(0, len(index), 12):
        lines.append("    " + " ".join("%d," % b for b in index[row:row + 12]))
    lines.append("};")
    # The words by a UTF-8 sequence's first two bytes as a little-endian
    # load has them, with no arithmetic left for the reader but a mask:
    # the entry of (second & 0x3F) << 8 | (lead & 0x3F), for every lead
    # from C0 up (the entries between go unused). A two-byte sequence's code
    # point is all in those bytes, so its entry is a word of all ones or
    # none, and any bit will do; a three-byte one's is the block its third
    # byte picks the bit of. The overlong forms (C0, C1, and E0 below
    # U+0800) and the four-byte leads, none: the reader looks at those
    # another way. The words these reach are first in ws_uni_plain_bits,
    # so that a byte holds the entry.
    none = words.setdefault(0, len(words))
    full = words.setdefault((1 << 64) - 1, len(words))
    pair = [0] * (64 * 256)
    for lead in range(0xC0, 0x100):
        for low in range(64):
            if 0xC2 <= lead <= 0xDF:
                word = full if plain_in_words((lead & 0x1F) << 6 | low) else none
            elif 0xE0 <= lead <= 0xEF:
                block = (lead & 0x0F) << 6 | low
                word = none if block < 0x20 else index[block]
            else:
                word = none
            assert word < 256
            pair[low << 8 | (lead & 0x3F)] = word
    lines.append("")
    lines.append("/* The word of a sequence's first two bytes: entry (second & 0x3F)"
                 " << 8 |")
    lines.append(" * (lead & 0x3F), an index into ws_uni_plain_bits. */")
    lines.append("const uint8_t ws_uni_plain_pair[%d] = {" % len(pair))
    for row in range(0, len(pair), 64):
        if not any(pair[row:row + 64]):
            continue
        lines.append("    [%d] = %s," % (row, ", ".join(
            "%d" % b for b in pair[row:row + 16])))
        for part in range(row + 16, row + 64, 16):
            lines.append("    " + " ".join("%d," % b
                                           for b in pair[part:part + 16]))
    lines.append("};")
    lines.append("")
    lines.append("const uint64_t ws_uni_plain_bits[%d] = {" % len(words))
    ordered = sorted(words, key=words.get)
    for row in range(0, len(ordered), 3):
        lines.append("    " + " ".join("UINT64_C(0x%016X)," % b
                                         for b in ordered[row:row + 3]))
    lines.append("};")
    return "\n".join(lines)


def c_ascii_table():
    lines = ["/* ASCII: repr() columns | WS_UNI_SPACE | WS_UNI_LINEBREAK |",
             " * WS_UNI_QUOTE. */",
             "const unsigned char ws_uni_ascii_class[128] = {"]
    for row in range(0, 128, 8):
        lines.append("    " + " ".join("0x%02X," % ascii_class(cp)
                                         for cp in range(row, row + 8)))
    lines.append("};")
    return "\n".join(lines)


def c_source():
    tables = [
        ("printable_ranges", ranges_of(lambda cp: chr(cp).isprintable()),
         "chr(cp).isprintable()"),
        ("space_ranges", ranges_of(lambda cp: chr(cp).isspace()),
         "chr(cp).isspace()"),
        ("linebreak_ranges", ranges_of(splits_line),
         "line boundaries of str.splitlines()"),
    ]
    # The banner names the minor version only, so that every 3.11 release
    # (all on Unicode 14.0.0) writes the same file.
    banner = (
        "/* Generated by scripts/gen_unicode_table.py from Python %d.%d\n"
        " * (Unicode %s). Do not edit; rerun the script instead. */"
        % (REQUIRED[0], REQUIRED[1], unicodedata.unidata_version))
    parts = [
        banner,
        '#include "ws_repr.h"\n\n#include "internal/ws_uni_plain.h"',
        "typedef struct ws_uni_range {\n  uint32_t lo;\n  uint32_t hi;\n"
        "} ws_uni_range;",
        "#define RANGE_COUNT(table) (sizeof table / sizeof table[0])",
    ]
    parts += [c_table(name, runs, what) for name, runs, what in tables]
    parts.append(c_ascii_table())
    parts.append(c_bmp_table("printable_bmp", lambda cp: chr(cp).isprintable(),
                             "chr(cp).isprintable()"))
    parts.append(c_bmp_table("space_bmp", lambda cp: chr(cp).isspace(),
                             "chr(cp).isspace()"))
    parts.append(c_plain_table())
    parts.append(
        "/* Bisection over sorted, disjoint ranges. */\n"
        "static bool in_ranges(const ws_uni_range *r, size_t n, uint32_t cp) {\n"
        "  size_t lo = 0;\n"
        "  size_t hi = n;\n"
        "  while (lo < hi) {\n"
        "    size_t mid = lo + (hi - lo) / 2;\n"
        "    if (cp < r[mid].lo) {\n"
        "      hi = mid;\n"
        "    } else if (cp > r[mid].hi) {\n"
        "      lo = mid + 1;\n"
        "    } else {\n"
        "      return true;\n"
        "    }\n"
        "  }\n"
        "  return false;\n"
        "}")
    parts.append(
        "/* Bit cp of a two-level table of the code points below U+10000. */\n"
        "static bool in_bmp(const unsigned char *index,\n"
        "                   const unsigned char (*blocks)[%d], uint32_t cp) {\n"
        "  return (blocks[index[cp / %d]][cp %% %d / 8] >> (cp %% 8)) & 1;\n"
        "}" % (BLOCK // 8, BLOCK, BLOCK))
    for func, name, bmp in (("ws_uni_isprintable", "printable_ranges",
                             "printable_bmp"),
                            ("ws_uni_isspace", "space_ranges", "space_bmp"),
                            ("ws_uni_islinebreak", "linebreak_ranges", None)):
        fast = ""
        if bmp:
            fast = ("  if (cp < 0x10000) {\n"
                    "    return in_bmp(%s_index, %s_blocks, cp);\n"
                    "  }\n" % (bmp, bmp))
        parts.append(
            "bool %s(uint32_t cp) {\n"
            "%s"
            "  return in_ranges(%s, RANGE_COUNT(%s), cp);\n"
            "}" % (func, fast, name, name))
    return "\n\n".join(parts) + "\n"


def main():
    refuse_other_pythons()
    if len(sys.argv) > 2:
        sys.exit("usage: gen_unicode_table.py [OUTPUT]")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = (sys.argv[1] if len(sys.argv) == 2
           else os.path.join(root, "runtime", "ws_unicode_table.c"))
    text = c_source()
    with open(out, "w", encoding="ascii", newline="\n") as f:
        f.write(text)


if __name__ == "__main__":
    main()
