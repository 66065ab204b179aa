// A binary heap of T in which BEFORE(a, b) means a leaves first: the merge queues of both
// encoders. TERN_HEAP(name, T, BEFORE) defines name_push(heap, &n, item) and
// name_pop(heap, &n) (n > 0); the caller owns the storage.
#pragma once

#include <stddef.h>

#define TERN_HEAP(name, T, BEFORE)                                        \
    static void name##_push(T * h, size_t * n, T item) {                  \
        size_t i = (*n)++;                                                \
        h[i] = item;                                                      \
        while (i && BEFORE(h[i], h[(i - 1) / 2])) {                       \
            const T t = h[i];                                             \
            h[i] = h[(i - 1) / 2];                                        \
            h[(i - 1) / 2] = t;                                           \
            i = (i - 1) / 2;                                              \
        }                                                                 \
    }                                                                     \
    static T name##_pop(T * h, size_t * n) {                              \
        const T top = h[0];                                               \
        h[0] = h[--*n];                                                   \
        for (size_t i = 0;;) {                                            \
            size_t m = i;                                                 \
            const size_t l = 2 * i + 1, r = l + 1;                        \
            if (l < *n && BEFORE(h[l], h[m])) m = l;                      \
            if (r < *n && BEFORE(h[r], h[m])) m = r;                      \
            if (m == i) break;                                            \
            const T t = h[i];                                             \
            h[i] = h[m];                                                  \
            h[m] = t;                                                     \
            i = m;                                                        \
        }                                                                 \
        return top;                                                       \
    }
