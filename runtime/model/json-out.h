// Writing JSON text (safetensors headers, index files, config.json and friends) into a
// growing buffer: strings escaped, floats printed so they read back to the same float.
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct tern_json_out {
    char * p;
    size_t len, cap;
    bool oom;                    // an append failed: the text is incomplete
};

void tern_json_raw(struct tern_json_out * o, const char * s, size_t n);
#define tern_json_lit(o, literal) tern_json_raw((o), "" literal, sizeof(literal) - 1)
void tern_json_printf(struct tern_json_out * o, const char * fmt, ...) __attribute__((format(printf, 2, 3)));
// A JSON string of n bytes (quotes, backslashes and control bytes escaped; other bytes as they are).
void tern_json_str(struct tern_json_out * o, const char * s, size_t n);
// An object member's start: a comma unless *first (then cleared), indent, "key": .
void tern_json_key(struct tern_json_out * o, bool * first, const char * indent, const char * key);
// The shortest decimal that reads back as the same double, always with a '.' or an exponent
// (Python then reads a float, not an int). JSON has no inf/nan: those are written as null.
void tern_json_f64(struct tern_json_out * o, double v);
void tern_json_free(struct tern_json_out * o);
// Writes the text to path (via path.tmp, renamed). 0, or -1 with err.
int tern_json_write_file(const struct tern_json_out * o, const char * path, char * err, size_t err_size);
