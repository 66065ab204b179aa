// The one monotonic clock for timings (load, tuning, benchmarks, generation rates).
#pragma once

#include <time.h>

static inline double tern_now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}
