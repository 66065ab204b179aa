// Memory: cache-line-aligned scratch, huge-page arenas for the big read-mostly buffers, and
// giving back the pages of file data already consumed.
#pragma once

#include <stddef.h>

void * tern_aligned_alloc(size_t size);     // 64-byte aligned, not zeroed; NULL on failure
void tern_aligned_free(void * p);

// Big read-mostly buffers (repacked weights, the embedding): anonymous memory, 2 MiB aligned,
// transparent huge pages requested, so streaming them costs fewer TLB misses. Zeroed.
// NULL on failure; free with tern_huge_free(p, size).
void * tern_huge_alloc(size_t size);
void tern_huge_free(void * p, size_t size);

// Frees the page-cache pages of mapped file bytes already used (the whole pages inside
// [p, p + n)), so a loader or converter holds one copy: reading them again faults them back in.
void tern_drop_pages(const void * p, size_t n);

// Resizes the array at *(void **) pp to n elements of `size` bytes (realloc, with the product
// checked). 0; or -1 on failure, leaving the old array in place, so a struct of several
// arrays that grow together stays valid: resize each, then record the new capacity.
int tern_resize(void * pp, size_t n, size_t size);
