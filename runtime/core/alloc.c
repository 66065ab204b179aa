// Aligned allocation: 64 bytes, so packed panels and activation rows start on cache lines.
// Not zeroed: buffers here are large (weight rings of 512 MiB) and every user fills its own.

#include <stdlib.h>

#include "tern/linear.h"

void * tern_aligned_alloc(size_t size) {
    const size_t rounded = (size + 63) / 64 * 64;
    return aligned_alloc(64, rounded ? rounded : 64);
}

void tern_aligned_free(void * p) {
    free(p);
}
