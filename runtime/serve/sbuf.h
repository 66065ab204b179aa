// A growable byte string for the server's responses, with the one JSON string writer: every
// string that leaves the server passes through sbuf_json, which escapes what JSON requires
// and replaces bytes that are not valid UTF-8 by U+FFFD, so a response is always valid JSON
// whatever the model generated.
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct sbuf {
    char * p;        // NUL-terminated when non-NULL
    size_t n, cap;
    bool oom;        // an append failed: the content is incomplete
};

void sbuf_put(struct sbuf * b, const void * s, size_t n);
void sbuf_puts(struct sbuf * b, const char * s);
void sbuf_printf(struct sbuf * b, const char * fmt, ...) __attribute__((format(printf, 2, 3)));
// n bytes as a quoted JSON string.
void sbuf_json(struct sbuf * b, const char * s, size_t n);
void sbuf_json_str(struct sbuf * b, const char * s);      // NUL-terminated; NULL writes null
void sbuf_reset(struct sbuf * b);                          // empty, keeps the storage
void sbuf_free(struct sbuf * b);

// Length of the valid UTF-8 sequence at s[0..n) (1..4), or 0 if s does not start one.
size_t utf8_valid_len(const unsigned char * s, size_t n);
