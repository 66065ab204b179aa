// Aligned allocation: 64 bytes, so packed panels and activation rows start on cache lines.
// Not zeroed: buffers here are large (weight rings of 512 MiB) and every user fills its own.

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tern/alloc.h"

void * tern_aligned_alloc(size_t size) {
    const size_t rounded = (size + 63) / 64 * 64;
    return aligned_alloc(64, rounded ? rounded : 64);
}

void tern_aligned_free(void * p) {
    free(p);
}

#define HUGE_PAGE ((size_t) 2 << 20)

void * tern_huge_alloc(size_t size) {
    const size_t rounded = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    if (rounded == 0) return NULL;
    // Over-map by one huge page, then trim both ends to a 2 MiB-aligned range.
    uint8_t * raw = mmap(NULL, rounded + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return NULL;
    uint8_t * p = (uint8_t *) (((uintptr_t) raw + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
    if (p > raw) munmap(raw, (size_t) (p - raw));
    const size_t tail = (size_t) (raw + rounded + HUGE_PAGE - (p + rounded));
    if (tail) munmap(p + rounded, tail);
#if defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);     // advisory: without THP it is ordinary memory
#endif
    return p;
}

void tern_huge_free(void * p, size_t size) {
    if (!p) return;
    munmap(p, (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
}

void tern_drop_pages(const void * p, size_t n) {
    const uintptr_t page = (uintptr_t) sysconf(_SC_PAGESIZE);
    const uintptr_t a = ((uintptr_t) p + page - 1) / page * page, b = ((uintptr_t) p + n) / page * page;
    if (b > a) madvise((void *) a, b - a, MADV_DONTNEED);
}

int tern_resize(void * pp, size_t n, size_t size) {
    void ** p = pp;
    if (size && n > SIZE_MAX / size) return -1;
    void * q = realloc(*p, n * size > 0 ? n * size : 1);
    if (!q) return -1;
    *p = q;
    return 0;
}
