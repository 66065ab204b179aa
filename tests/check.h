// A minimal test harness: CHECK records a failure and goes on; tests end with check_summary().
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        if (cond) {                                                         \
            check_passed++;                                                 \
        } else {                                                            \
            check_failed++;                                                 \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);            \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
        }                                                                   \
    } while (0)

static inline int check_summary(const char * what) {
    printf("%s: %d passed, %d failed\n", what, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

// xorshift64*: reproducible test data without libc rand's platform differences.
static inline uint64_t rng_next(uint64_t * s) {
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static inline int8_t rng_ternary(uint64_t * s) {
    return (int8_t) ((int) (rng_next(s) % 3) - 1);
}

static inline float rng_float(uint64_t * s, float lo, float hi) {
    return lo + (hi - lo) * (float) (rng_next(s) >> 40) / (float) (1ull << 24);
}
