// The runtime side of the kernel contract: blocking over channel panels and token tiles.
// Kernels know only their tile; this file knows M, N and K.

#include <assert.h>
#include <string.h>

#include "tern/linear.h"
#include "tern/ops.h"
#include "tern/pool.h"

struct tern_linear tern_linear_view(const struct tern_variant * v, size_t n, size_t k, void * packed, float w_scale) {
    return (struct tern_linear) {
        .v = v, .n = n, .k = k, .kc = tern_variant_kc(v, k), .panel_bytes = tern_variant_panel_bytes(v, k),
        .prep_bytes = tern_variant_prep_bytes(v, k), .w_scale = w_scale, .packed = packed,
    };
}

int tern_linear_init(struct tern_linear * L, const struct tern_variant * v, size_t n, size_t k,
                     const int8_t * w, size_t w_stride, float w_scale) {
    *L = tern_linear_view(v, n, k, tern_aligned_alloc(tern_variant_packed_bytes(v, n, k)), w_scale);
    if (!L->packed) {
        return -1;
    }
    v->pack(n, k, v->nr, v->kb, v->vbytes, w, w_stride, L->packed);
    return 0;
}

void tern_linear_free(struct tern_linear * L) {
    tern_aligned_free(L->packed);
    memset(L, 0, sizeof(*L));
}

int tern_acts_init(struct tern_acts * A, size_t m_max, size_t row_max) {
    memset(A, 0, sizeof(*A));
    A->m_max = m_max;
    A->row_max = row_max;
    A->stride = (row_max + 63) / 64 * 64;
    A->a = tern_aligned_alloc(m_max * A->stride);
    A->sum = tern_aligned_alloc(m_max * sizeof(int32_t));
    A->amax = tern_aligned_alloc(m_max * sizeof(float));
    if (!A->a || !A->sum || !A->amax) {
        tern_acts_free(A);
        return -1;
    }
    return 0;
}

void tern_acts_free(struct tern_acts * A) {
    tern_aligned_free(A->a);
    tern_aligned_free(A->sum);
    tern_aligned_free(A->amax);
    memset(A, 0, sizeof(*A));
}

// Tokens [t0, t1) of x through the variant's prep kernel (one token per call).
static void prep_tokens(const struct tern_linear * L, size_t t0, size_t t1, const float * x, size_t x_stride,
                        struct tern_acts * A) {
    for (size_t t = t0; t < t1; t++) {
        L->v->prep(L->k, L->kc, x + t * x_stride, (int8_t *) A->a + t * A->stride, &A->sum[t], &A->amax[t]);
    }
}

static void tern_linear_prep(const struct tern_linear * L, size_t m, const float * x, size_t x_stride, struct tern_acts * A) {
    assert(m <= A->m_max && L->prep_bytes <= A->row_max);
    prep_tokens(L, 0, m, x, x_stride, A);
}

// y[t][n0..n1) from acc[t][0..n1-n0) (rows acc_stride apart), amax[t] the token's: one
// scale_i32 call per group of tokens.
static void epilogue(const struct tern_vec_ops * ops, const struct tern_linear * L, const float * amax, size_t m,
                     const int32_t * acc, size_t acc_stride, float * y, size_t y_stride, size_t n0, size_t n1) {
    enum { GROUP = 64 };
    float f[GROUP];
    for (size_t t0 = 0; t0 < m; t0 += GROUP) {
        const size_t mt = m - t0 < GROUP ? m - t0 : GROUP;
        // DESIGN §2: the factor once per token, in this order
        for (size_t t = 0; t < mt; t++) f[t] = L->row_scale ? amax[t0 + t] : L->w_scale * amax[t0 + t] / 127.0f;
        ops->scale_i32(mt, n1 - n0, acc + t0 * acc_stride, acc_stride, L->row_scale ? L->row_scale + n0 : NULL, f,
                       y + t0 * y_stride + n0, y_stride);
    }
}

// Panel outer, tokens inner: a panel's weights stay in cache while every token tile uses them.
// Only the first tile of a panel would wait on memory for them, so while the tiles of one
// panel run, the next panel is prefetched into L2, a share of its lines before each tile.
// A panel's accumulators go to a compact block, scaled into y one panel later: rows n int32
// apart would fall into a few L1 sets, and loads right after the kernel's masked stores would
// wait for them.
void tern_linear_gemm(const struct tern_linear * L, const struct tern_acts * A, size_t m, float * y, size_t y_stride,
                      size_t n0, size_t n1) {
    const struct tern_variant * v = L->v;
    assert(n0 % v->nr == 0 && n1 <= L->n && (n1 == L->n || n1 % v->nr == 0));
    assert(v->nr * v->mr <= TERN_ACC_BLOCK);
    _Alignas(64) int32_t block[2 * TERN_ACC_BLOCK];     // prefill: two halves, this panel's and the last one's
    const struct tern_vec_ops * ops = tern_vec_ops_get();
    const uint8_t * panels = L->packed;
    if (m == 1) {
        // Decode: each panel's accumulators side by side in the block, scaled into y once per
        // block, so the kernel calls run back to back over the panels: a scale between every
        // two of them slows the stream of long panels (large k) most.
        int32_t * acc = block;
        const size_t chunk = 2 * TERN_ACC_BLOCK / v->nr * v->nr;
        for (size_t c0 = n0; c0 < n1; c0 += chunk) {
            const size_t c1 = n1 - c0 < chunk ? n1 : c0 + chunk;
            for (size_t o = c0; o < c1; o += v->nr) {
                const size_t nc = c1 - o < v->nr ? c1 - o : v->nr;
                v->gemm(1, nc, L->kc, panels + o / v->nr * L->panel_bytes, A->a, A->stride, A->sum, acc + (o - c0), v->nr);
            }
            epilogue(ops, L, A->amax, 1, acc, c1 - c0, y, y_stride, c0, c1);
        }
        return;
    }
    const size_t lines = L->panel_bytes / 64;
    // As many tokens per pass over the panels as the block holds (whole tiles).
    const size_t pass = TERN_ACC_BLOCK / v->nr / v->mr * v->mr;
    for (size_t t0 = 0; t0 < m; t0 += pass) {
        const size_t mb = m - t0 < pass ? m - t0 : pass;
        const int8_t * a = (const int8_t *) A->a + t0 * A->stride;
        const size_t tiles = (mb + v->mr - 1) / v->mr, per_tile = (lines + tiles - 1) / tiles;
        float * const yb = y + t0 * y_stride;
        size_t prev = n1;                    // the panel whose accumulators wait in half p ^ 1
        size_t p = 0;
        for (size_t o = n0; o < n1; o += v->nr, p ^= 1) {
            const size_t nc = n1 - o < v->nr ? n1 - o : v->nr;
            const uint8_t * panel = panels + o / v->nr * L->panel_bytes;
            const uint8_t * next = o + v->nr < n1 ? panel + L->panel_bytes : NULL;
            for (size_t t = 0, j = 0; t < mb; t += v->mr, j++) {
                const size_t mr = mb - t < v->mr ? mb - t : v->mr;
                for (size_t l = j * per_tile; next && tiles > 1 && l < (j + 1) * per_tile && l < lines; l++) {
                    __builtin_prefetch(next + l * 64, 0, 2);
                }
                v->gemm(mr, nc, L->kc, panel, a + t * A->stride, A->stride, A->sum + t0 + t,
                        block + p * TERN_ACC_BLOCK + t * v->nr, v->nr);
            }
            if (prev < n1) epilogue(ops, L, A->amax + t0, mb, block + (p ^ 1) * TERN_ACC_BLOCK, v->nr, yb, y_stride, prev, o);
            prev = o;
        }
        if (prev < n1) epilogue(ops, L, A->amax + t0, mb, block + (p ^ 1) * TERN_ACC_BLOCK, v->nr, yb, y_stride, prev, n1);
    }
}

void tern_linear_forward(const struct tern_linear * L, size_t m, const float * x, struct tern_acts * A, float * y) {
    tern_linear_prep(L, m, x, L->k, A);
    tern_linear_gemm(L, A, m, y, L->n, 0, L->n);
}

struct tern_split tern_linear_split(const struct tern_linear * L, size_t m, int threads) {
    const size_t nr = L->v->nr, mr = L->v->mr, t = threads > 1 ? (size_t) threads : 1;
    const size_t blocks = (m + TERN_TOKEN_BLOCK - 1) / TERN_TOKEN_BLOCK, panels = (L->n + nr - 1) / nr;
    const size_t want_n = (t * 4 + blocks - 1) / blocks;
    const size_t per_chunk = (panels + want_n - 1) / want_n;     // panels per channel chunk
    struct tern_split s = { .chunk_n = per_chunk * nr, .chunk_m = ((m + blocks - 1) / blocks + mr - 1) / mr * mr };
    s.chunks_n = (L->n + s.chunk_n - 1) / s.chunk_n;
    s.chunks = s.chunks_n * ((m + s.chunk_m - 1) / s.chunk_m);
    return s;
}

struct forward_job {
    const struct tern_linear * L;
    struct tern_pool * pool;
    size_t m;
    const float * x;
    struct tern_acts * A;
    float * y;
    struct tern_split split;
};

static void forward_task(void * ctx, int tid, int nth) {
    struct forward_job * job = ctx;
    const struct tern_linear * L = job->L;
    // Quantize: tokens split evenly; everyone needs all of them, hence the barrier.
    const size_t t0 = job->m * (size_t) tid / (size_t) nth, t1 = job->m * (size_t) (tid + 1) / (size_t) nth;
    prep_tokens(L, t0, t1, job->x, L->k, job->A);
    tern_pool_barrier(job->pool);
    const struct tern_split * sp = &job->split;
    for (size_t c; (c = tern_pool_next_chunk(job->pool)) < sp->chunks;) {
        const size_t n0 = c % sp->chunks_n * sp->chunk_n, n1 = n0 + sp->chunk_n < L->n ? n0 + sp->chunk_n : L->n;
        const size_t m0 = c / sp->chunks_n * sp->chunk_m, m1 = m0 + sp->chunk_m < job->m ? m0 + sp->chunk_m : job->m;
        struct tern_acts part = *job->A;
        part.a = (int8_t *) job->A->a + m0 * job->A->stride;
        part.sum = job->A->sum + m0;
        part.amax = job->A->amax + m0;
        tern_linear_gemm(L, &part, m1 - m0, job->y + m0 * L->n, L->n, n0, n1);
    }
}

void tern_linear_forward_mt(const struct tern_linear * L, struct tern_pool * pool, int nth, size_t m,
                            const float * x, struct tern_acts * A, float * y) {
    if (!pool || nth == 1 || (nth <= 0 && tern_pool_size(pool) == 1)) {
        tern_linear_forward(L, m, x, A, y);
        return;
    }
    const int threads = tern_pool_threads(pool, nth);
    struct forward_job job = { .L = L, .pool = pool, .m = m, .x = x, .A = A, .y = y,
                               .split = tern_linear_split(L, m, threads) };
    tern_pool_run(pool, threads, forward_task, &job);
}
