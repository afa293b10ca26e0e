/* main.c - the example project's program: builds a chat room, prints it as
 * JSON and as Python's str() would, then reads a post from JSON and shows
 * what a bad post gets back. It includes only the generated header, which
 * includes the installed <wstypes.h>. */
#include <stdio.h>
#include <string.h>

#include "chat.h"

static ws_status print_room(const chat_room *room) {
  ws_buf out;
  ws_buf_init(&out);
  ws_status st = chat_room_encode(room, WS_FORMAT_JSON, &out, NULL);
  if (st == WS_OK)
    printf("%s\n", out.data);
  ws_buf_reset(&out);
  if (st == WS_OK)
    st = chat_room_encode(room, WS_FORMAT_STR, &out, NULL);
  if (st == WS_OK)
    printf("%s\n", out.data);
  ws_buf_free(&out);
  return st;
}

/* room: valid (all-zero or initialised); make replaces what it held. */
static ws_status build_room(chat_room *room) {
  ws_status st = chat_room_make(room, ws_cstr("#general"));
  if (st == WS_OK)
    st = chat_opt_str_set(&room->topic, ws_cstr("anything goes"));
  if (st == WS_OK)
    st = chat_list_str_append(&room->members, ws_cstr("ada"));
  if (st == WS_OK)
    st = chat_list_str_append(&room->members, ws_cstr("grace"));
  if (st == WS_OK)
    st = chat_map_str_bool_set(&room->moderators, ws_cstr("ada"), true);
  return st;
}

/* Decodes one post and prints it, or prints the error as file:line:col. */
static void read_post(const char *json) {
  chat_post post = {0}; /* decode wants a valid target */
  ws_error err;
  char message[256];
  ws_status st = chat_post_decode(&post, json, strlen(json), NULL, &err);
  if (st == WS_OK) {
    printf("post by %.*s: %.*s\n", (int)post.author.len, post.author.ptr,
           (int)post.text.len, post.text.ptr);
  } else {
    ws_error_format(&err, "<post>", message, sizeof message);
    printf("%s\n", message);
  }
  chat_post_free(&post); /* a failed decode left it as it was */
}

int main(void) {
  chat_room room = {0};
  ws_status st = build_room(&room);
  if (st == WS_OK)
    st = print_room(&room);
  chat_room_free(&room);
  read_post("{\"room\": \"#general\", \"author\": \"ada\", \"text\": \"hello\", "
            "\"sent\": 1700000000}");
  read_post("{\"room\": \"#general\", \"author\": \"ada\", \"text\": \"x\", "
            "\"sent\": -5}");
  return st == WS_OK ? 0 : 1;
}
