// Aligned allocation: 64 bytes, so packed panels and activation rows start on cache lines.

#include <stdlib.h>
#include <string.h>

#include "tern/linear.h"

void * tern_aligned_alloc(size_t size) {
    const size_t rounded = (size + 63) / 64 * 64;
    void * p = aligned_alloc(64, rounded ? rounded : 64);
    if (p) {
        memset(p, 0, rounded ? rounded : 64);
    }
    return p;
}

void tern_aligned_free(void * p) {
    free(p);
}
