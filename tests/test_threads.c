// Thread-count invariance: the multi-threaded linear op gives exactly the single-threaded
// result (bit for bit, floats included) for 1..4 threads, decode and prefill, on every
// variant this CPU runs, over shapes whose channel and token counts do not divide evenly.

#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/kernels.h"
#include "tern/linear.h"
#include "tern/pool.h"

int main(void) {
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
