/* ws_json_str.h - the body of a JSON string (what goes between its quotes),
 * written in place by ws_json_write_str.c for ws_json_write.c (not part of
 * the public API; wstypes.h does not include it). */
#ifndef WS_JSON_STR_H
#define WS_JSON_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room the body of a string of len bytes may take, slack included: an
 * escape is at most 6 bytes for each byte it replaces (a control's
 * \u00XX; a code point's \uXXXX or surrogate pair is at most 3 bytes of
 * output for each of its UTF-8 bytes), and the writer stores 16 bytes at a
 * time past what it keeps. Only for len <= WS_JSON_STR_MAX. */
#define WS_JSON_STR_ROOM(len) (6 * (len) + 16)
#define WS_JSON_STR_MAX ((SIZE_MAX - 64) / 6)

/* Writes the body of s[0..len) as json.dumps does, ensure_ascii off
 * (python false) or on (python true), at out, which has room for
 * WS_JSON_STR_ROOM(len) bytes. Returns the end of the body, or NULL when s
 * is not valid UTF-8 (what is at out is then unspecified). Bytes past the
 * end of the body, within the room, may have been written. */
char *ws_json_str_body(char *out, const char *s, size_t len, bool python);

/* The bytes that end a plain run in compact mode, 32 of each: up to 0x1F,
 * '"', '\\'. For the AVX2 loop, which loads them: defined in
 * ws_json_write.c, out of its sight, so that the compiler does not build
 * them from immediates in every call instead. */
extern const char ws_json_stop_bytes[3][32];

#endif
