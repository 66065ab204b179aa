// Reading JSON text with cJSON: a length-bounded buffer (no NUL needed) holding exactly one
// value, then only whitespace.
#pragma once

#if defined(TERN_HAVE_CJSON)
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

// The value, or NULL (out of memory, not JSON, or text after it) with *at the byte offset
// of the problem and *trailing true when the JSON ended early.
cJSON * tern_json_parse(const char * text, size_t len, size_t * at, bool * trailing);
#endif
