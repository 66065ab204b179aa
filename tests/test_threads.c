// Thread-count invariance: the multi-threaded linear op gives exactly the single-threaded
// result (bit for bit, floats included) for 1..4 threads, decode and prefill, on every
// variant this CPU runs, over shapes whose channel and token counts do not divide evenly.

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/kernels.h"
#include "tern/linear.h"
#include "tern/pool.h"

// The prefill split: chunks of whole panels and tiles cover the channels and tokens exactly
// once, and give every thread work.
static void test_split(void) {
    size_t count;
    const struct tern_variant * variants = tern_registry_variants(&count);
    const struct tern_variant * v = NULL;
    for (size_t i = 0; i < count && !v; i++) {
        if (variants[i].mr == 8 && variants[i].nr == 32) v = &variants[i];
    }
    if (!v) v = &variants[0];
    const size_t ns[] = { 640, 2560, 6912, 100, 32, 33 }, ms[] = { 1, 8, 64, 65, 128, 512 };
    for (size_t a = 0; a < sizeof(ns) / sizeof(ns[0]); a++) {
        for (size_t b = 0; b < sizeof(ms) / sizeof(ms[0]); b++) {
            for (int t = 1; t <= 4; t++) {
                const struct tern_linear L = tern_linear_view(v, ns[a], 64, NULL, 1.0f);
                const struct tern_split sp = tern_linear_split(&L, ms[b], t);
                const size_t blocks = (ms[b] + sp.chunk_m - 1) / sp.chunk_m;
                CHECK(sp.chunk_n % v->nr == 0 && sp.chunk_m % v->mr == 0 && sp.chunk_m <= TERN_TOKEN_BLOCK + v->mr &&
                      sp.chunks_n * sp.chunk_n >= ns[a] && (sp.chunks_n - 1) * sp.chunk_n < ns[a] &&
                      sp.chunks == sp.chunks_n * blocks && (blocks - 1) * sp.chunk_m < ms[b],
                      "%s n=%zu m=%zu %d threads: chunks of %zu x %zu, %zu x %zu", v->name, ns[a], ms[b], t, sp.chunk_n,
                      sp.chunk_m, sp.chunks_n, blocks);
                const size_t panels = (ns[a] + v->nr - 1) / v->nr;
                CHECK(sp.chunks >= (panels * blocks < (size_t) t ? panels * blocks : (size_t) t),
                      "%s n=%zu m=%zu %d threads: %zu chunks", v->name, ns[a], ms[b], t, sp.chunks);
            }
        }
    }
}

int main(void) {
    test_split();
    const struct tern_cpu * cpu = tern_cpu_get();
    struct tern_pool * pool = tern_pool_init(4, true);
    CHECK(pool != NULL, "pool");
    if (!pool) return check_summary("test_threads");
    const size_t shapes[][3] = { { 1, 1000, 640 }, { 7, 333, 2560 }, { 67, 130, 384 }, { 1, 2560, 6912 } };  // m, n, k
    uint64_t seed = 3;
    size_t count, tested = 0;
    const struct tern_variant * variants = tern_registry_variants(&count);
    for (size_t s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
        const size_t m = shapes[s][0], n = shapes[s][1], k = shapes[s][2];
        int8_t * w = malloc(n * k);
        float * x = malloc(m * k * sizeof(float));
        for (size_t i = 0; i < n * k; i++) w[i] = rng_ternary(&seed);
        for (size_t i = 0; i < m * k; i++) x[i] = rng_float(&seed, -1.0f, 1.0f);
        float * y1 = malloc(m * n * sizeof(float)), * yt = malloc(m * n * sizeof(float));
        for (size_t i = 0; i < count; i++) {
            const struct tern_variant * v = &variants[i];
            if (!tern_variant_runnable(v, cpu, NULL, 0) || (v->isa == TERN_ISA_SCALAR && n * k > 1000000)) continue;
            struct tern_linear L;
            struct tern_acts A;
            if (tern_linear_init(&L, v, n, k, w, k, 0.125f) || tern_acts_init(&A, m, L.prep_bytes)) return 2;
            tern_linear_forward(&L, m, x, &A, y1);
            for (int nth = 1; nth <= 4; nth++) {
                memset(yt, 0xff, m * n * sizeof(float));
                tern_linear_forward_mt(&L, pool, nth, m, x, &A, yt);
                CHECK(memcmp(y1, yt, m * n * sizeof(float)) == 0, "%s m=%zu n=%zu k=%zu: %d threads differ from 1",
                      v->name, m, n, k, nth);
            }
            tern_acts_free(&A);
            tern_linear_free(&L);
            tested++;
        }
        free(w);
        free(x);
        free(y1);
        free(yt);
    }
    CHECK(tested > 0, "no variant tested");
    tern_pool_free(pool);
    return check_summary("test_threads");
}
