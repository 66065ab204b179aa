// Read-bandwidth measurement: each thread XOR-reduces its slice of one buffer with the
// widest loads the CPU has (AVX2 when available, chosen at run time).

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tern/clock.h"
#include "tern/cpu.h"
#include "tern/alloc.h"
#include "tern/membw.h"
#include "tern/pool.h"
#include "tern/stats.h"

#if defined(__x86_64__)
#include <immintrin.h>
__attribute__((target("avx2"))) static uint64_t read_avx2(const uint8_t * p, size_t bytes) {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t i = 0; i + 128 <= bytes; i += 128) {
        a0 = _mm256_xor_si256(a0, _mm256_load_si256((const __m256i *) (p + i)));
        a1 = _mm256_xor_si256(a1, _mm256_load_si256((const __m256i *) (p + i + 32)));
        a2 = _mm256_xor_si256(a2, _mm256_load_si256((const __m256i *) (p + i + 64)));
        a3 = _mm256_xor_si256(a3, _mm256_load_si256((const __m256i *) (p + i + 96)));
    }
    a0 = _mm256_xor_si256(_mm256_xor_si256(a0, a1), _mm256_xor_si256(a2, a3));
    return (uint64_t) _mm256_extract_epi64(a0, 0) ^ (uint64_t) _mm256_extract_epi64(a0, 3);
}
#endif

static uint64_t read_slice(const uint8_t * p, size_t bytes) {
#if defined(__x86_64__)
    if (tern_cpu_get()->features & TERN_CPU_AVX2) {
        return read_avx2(p, bytes);
    }
#endif
    const uint64_t * q = (const uint64_t *) p;
    uint64_t s0 = 0, s1 = 0;
    for (size_t i = 0; i + 2 <= bytes / 8; i += 2) {
        s0 ^= q[i];
        s1 ^= q[i + 1];
    }
    return s0 ^ s1;
}

struct read_job {
    const uint8_t * buf;
    size_t bytes;
    volatile uint64_t sink[64];
};

static void read_task(void * ctx, int tid, int nth) {
    struct read_job * job = ctx;
    const size_t slice = job->bytes / (size_t) nth / 128 * 128;
    job->sink[tid % 64] = read_slice(job->buf + slice * (size_t) tid, slice);
}

struct tern_read_probe {
    uint8_t * buf;
    size_t bytes;
};

struct tern_read_probe * tern_read_probe_init(size_t bytes) {
    struct tern_read_probe * p = malloc(sizeof(*p));
    uint8_t * buf = p ? tern_aligned_alloc(bytes) : NULL;
    if (!buf) {
        free(p);
        return NULL;
    }
    memset(buf, 1, bytes);     // fault the pages in before timing
    *p = (struct tern_read_probe) { .buf = buf, .bytes = bytes };
    return p;
}

void tern_read_probe_free(struct tern_read_probe * p) {
    if (!p) return;
    tern_aligned_free(p->buf);
    free(p);
}

double tern_read_probe_run(struct tern_read_probe * p, struct tern_pool * pool, int nth, int passes) {
    if (!pool) nth = 1;
    struct read_job job = { .buf = p->buf, .bytes = p->bytes };
    double bws[64];
    if (passes > 64) passes = 64;
    if (passes < 1) passes = 1;
    for (int i = 0; i < passes; i++) {
        const double t0 = tern_now_s();
        if (pool) {
            tern_pool_run(pool, nth, read_task, &job);
        } else {
            read_task(&job, 0, 1);
        }
        bws[i] = (double) (p->bytes / (size_t) nth / 128 * 128 * (size_t) nth) / (tern_now_s() - t0);
    }
    // The median: on a shared machine the best pass overstates what a model can count on.
    return tern_median(bws, (size_t) passes);
}

double tern_read_bandwidth(struct tern_pool * pool, int nth, size_t bytes, int passes) {
    struct tern_read_probe * p = tern_read_probe_init(bytes);
    if (!p) return 0;
    const double bw = tern_read_probe_run(p, pool, nth, passes);
    tern_read_probe_free(p);
    return bw;
}

size_t tern_weight_ring_bytes(size_t llc_bytes) {
    const size_t floor_bytes = (size_t) 512 << 20;
    return 4 * llc_bytes > floor_bytes ? 4 * llc_bytes : floor_bytes;
}

size_t tern_read_buffer_bytes(size_t llc_bytes) {
    const size_t floor_bytes = (size_t) 1 << 30;
    return 8 * llc_bytes > floor_bytes ? 8 * llc_bytes : floor_bytes;
}
