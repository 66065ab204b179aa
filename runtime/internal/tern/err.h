// The library's error convention: a function that can fail takes (char * err, size_t
// err_size), writes one line there and returns -1.
#pragma once

#include <stddef.h>

// Writes the formatted line to err (truncated to err_size) and returns -1.
int tern_errf(char * err, size_t err_size, const char * fmt, ...) __attribute__((format(printf, 3, 4)));
