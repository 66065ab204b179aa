// The tuner's timing harness and correctness gate (see tune-internal.h).

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/membw.h"
#include "tern/pool.h"
#include "tern/reference.h"
#include "tern/rng.h"
#include "tern/stats.h"
#include "tune-internal.h"

#define MAX_BATCH 256

bool tune_verify(const struct tern_variant * v) {
    const size_t m = v->mr + 1, n = 2 * v->nr + 1, k = 2 * v->kb + 5;
    int8_t * w = malloc(n * k);
    float * x = malloc(m * k * sizeof(float)), * want = malloc(m * n * sizeof(float)), * got = malloc(m * n * sizeof(float));
    bool ok = w && x && want && got;
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; ok && i < n * k; i++) w[i] = (int8_t) ((int) (tern_splitmix64(&s) % 3) - 1);
    for (size_t i = 0; ok && i < m * k; i++) x[i] = (float) ((int) (i * 7919 % 2001) - 1000) / 250.0f;
    struct tern_linear L;
    struct tern_acts A;
    if (ok && tern_linear_init(&L, v, n, k, w, k, 0.75f) == 0) {
        if (tern_acts_init(&A, m, L.prep_bytes) == 0) {
            tern_linear_forward(&L, m, x, &A, got);
            ok = tern_ref_linear(m, n, k, w, 0.75f, x, want) == 0 && memcmp(want, got, m * n * sizeof(float)) == 0;
            tern_acts_free(&A);
        } else {
            ok = false;
        }
        tern_linear_free(&L);
    } else {
        ok = false;
    }
    free(w);
    free(x);
    free(want);
    free(got);
    return ok;
}

void tune_bench_free(struct tune_bench * b) {
    tern_acts_free(&b->A);
    tern_aligned_free(b->ring);
    tern_aligned_free(b->x);
    tern_aligned_free(b->y);
    tern_pool_free(b->pool);
    memset(b, 0, sizeof(*b));
}

int tune_bench_init(struct tune_bench * b, int max_threads, size_t max_k, size_t max_n, size_t max_tokens,
                    size_t max_packed, size_t max_prep, size_t llc, char * err, size_t err_size) {
    memset(b, 0, sizeof(*b));
    b->pool = tern_pool_init(max_threads, true);
    b->ring_bytes = tern_weight_ring_bytes(llc) > 2 * max_packed ? tern_weight_ring_bytes(llc) : 2 * max_packed + 64;
    b->ring = tern_aligned_alloc(b->ring_bytes);
    b->x = tern_aligned_alloc(max_tokens * max_k * sizeof(float));
    b->y = tern_aligned_alloc(max_tokens * max_n * sizeof(float));
    const bool acts_ok = tern_acts_init(&b->A, max_tokens, max_prep) == 0;
    if (!b->pool || !b->ring || !b->x || !b->y || !acts_ok) {
        snprintf(err, err_size, "out of memory setting up the tuner (ring of %zu MiB)", b->ring_bytes >> 20);
        tune_bench_free(b);
        return -1;
    }
    for (size_t i = 0; i < max_tokens * max_k; i++) b->x[i] = (float) ((int) (i * 2654435761u % 2001) - 1000) / 1000.0f;
    const double t0 = tern_now_s();
    memset(b->ring, 0x5a, b->ring_bytes);
    b->fill_s = tern_now_s() - t0;
    return 0;
}

double tune_call_us(struct tune_bench * b, const struct tern_variant * v, size_t k, size_t n, size_t tokens,
                    int threads) {
    const size_t bytes = (tern_variant_packed_bytes(v, n, k) + 63) / 64 * 64;
    if (b->ring_pos + bytes > b->ring_bytes) b->ring_pos = 0;
    struct tern_linear L = tern_linear_view(v, n, k, b->ring + b->ring_pos, 1.0f);
    b->ring_pos += bytes;
    const double t0 = tern_now_s();
    tern_linear_forward_mt(&L, b->pool, threads, tokens, b->x, &b->A, b->y);
    return (tern_now_s() - t0) * 1e6;
}

double tune_sample_us(struct tune_bench * b, const struct tern_variant * v, size_t k, size_t n, size_t tokens,
                      int threads, double guess_us) {
    double us[MAX_BATCH];
    int batch = guess_us > 0 ? (int) (TUNE_MIN_SAMPLE_US / guess_us) + 1 : 1;
    batch = batch > MAX_BATCH ? MAX_BATCH : batch;
    for (int j = 0; j < batch; j++) us[j] = tune_call_us(b, v, k, n, tokens, threads);
    return tern_median(us, (size_t) batch);
}

void tune_shuffle(size_t * order, size_t n, uint64_t * rng) {
    for (size_t i = 0; i < n; i++) order[i] = i;
    for (size_t i = n; i > 1; i--) {
        const size_t j = (size_t) (tern_splitmix64(rng) % i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}
