// Whole files for tests, through the library's reader (tern/file.h: an internal header, so
// kept apart from check.h, which tests of the public API alone include too).
#pragma once

#include <stdint.h>

#include "tern/file.h"

// The whole file, NUL-terminated (size excludes the NUL); NULL if it cannot be read.
static inline char * check_read_file(const char * path, size_t * size) {
    char err[8];
    return tern_read_file(path, "", SIZE_MAX, size, err, sizeof(err));
}
