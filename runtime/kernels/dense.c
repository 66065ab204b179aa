// Dense matrices (see tern/dense.h): a trait row per type (layout, row lookup, dot
// product), the int8 head, and the threaded matmul over rows.

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tern/cpu.h"
#include "tern/dense.h"
#include "tern/gguf.h"
#include "tern/ops.h"
#include "tern/pool.h"

#define Q8_0_BLOCK 32
#define Q8_0_BYTES 34           // f16 scale + 32 int8

static float f16_at(const uint8_t * p) {
    uint16_t h;
    memcpy(&h, p, 2);
    return tern_f16_to_f32(h);
}

// ---------------------------------------------------------------------------- portable rows

static void row_f32(size_t k, const void * row, float * out) { memcpy(out, row, k * sizeof(float)); }
static void row_f16(size_t k, const void * row, float * out) { tern_vec_ops_get()->from_f16(k, row, out); }

static void row_bf16(size_t k, const void * row, float * out) {
    const uint16_t * r = row;
    for (size_t i = 0; i < k; i++) out[i] = tern_bf16_to_f32(r[i]);
}

static void row_q8_0(size_t k, const void * row, float * out) {
    const uint8_t * b = row;
    for (size_t i = 0; i < k; i += Q8_0_BLOCK, b += Q8_0_BYTES) {
        const float d = f16_at(b);
        for (size_t j = 0; j < Q8_0_BLOCK; j++) out[i + j] = d * (float) (int8_t) b[2 + j];
    }
}

static float dot_f32_any(size_t k, const void * row, const float * x, size_t pf) {
    return tern_vec_ops_get()->dot_f32(k, row, x, pf);
}
static float dot_f16_any(size_t k, const void * row, const float * x, size_t pf) {
    return tern_vec_ops_get()->dot_f16(k, row, x, pf);
}
static float dot_f32_c(size_t k, const void * row, const float * x, size_t pf) {
    return tern_vec_ops_portable()->dot_f32(k, row, x, pf);
}
static float dot_f16_c(size_t k, const void * row, const float * x, size_t pf) {
    return tern_vec_ops_portable()->dot_f16(k, row, x, pf);
}

static float dot_bf16_c(size_t k, const void * row, const float * x, size_t pf) {
    const uint16_t * r = row;
    float s = 0;
    for (size_t i = 0; i < k; i++) {
        if (i % 32 == 0) tern_prefetch_ahead(r + i, pf);     // a line per 32 values
        s += tern_bf16_to_f32(r[i]) * x[i];
    }
    return s;
}

static float dot_q8_0_c(size_t k, const void * row, const float * x, size_t pf) {
    const uint8_t * b = row;
    float s = 0;
    for (size_t i = 0; i < k; i += Q8_0_BLOCK, b += Q8_0_BYTES) {
        tern_prefetch_ahead(b, pf);     // blocks of 34 bytes: about two prefetches a line
        const float d = f16_at(b);
        for (size_t j = 0; j < Q8_0_BLOCK; j++) s += d * (float) (int8_t) b[2 + j] * x[i + j];
    }
    return s;
}

// ---------------------------------------------------------------------------- SIMD dots

#if defined(__x86_64__)
#include "x86-simd.h"

// bf16 is the top half of an f32: widen to 32 bits and shift.
AVX2 static float dot_bf16_avx2(size_t k, const void * row, const float * x, size_t pf) {
    const uint16_t * r = row;
    __m256 a0 = _mm256_setzero_ps(), a1 = a0;
    size_t i = 0;
    for (; i + 16 <= k; i += 16) {
        if (i % 32 == 0) tern_prefetch_ahead(r + i, pf);
        const __m256i w0 = _mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *) (r + i))), 16);
        const __m256i w1 = _mm256_slli_epi32(_mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *) (r + i + 8))), 16);
        a0 = _mm256_fmadd_ps(_mm256_castsi256_ps(w0), _mm256_loadu_ps(x + i), a0);
        a1 = _mm256_fmadd_ps(_mm256_castsi256_ps(w1), _mm256_loadu_ps(x + i + 8), a1);
    }
    return hsum8(_mm256_add_ps(a0, a1)) + dot_bf16_c(k - i, r + i, x + i, 0);
}

AVX512 static float dot_bf16_avx512(size_t k, const void * row, const float * x, size_t pf) {
    const uint16_t * r = row;
    __m512 a0 = _mm512_setzero_ps(), a1 = a0;
    size_t i = 0;
    for (; i + 32 <= k; i += 32) {
        tern_prefetch_ahead(r + i, pf);
        const __m512i w0 = _mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *) (r + i))), 16);
        const __m512i w1 = _mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *) (r + i + 16))), 16);
        a0 = _mm512_fmadd_ps(_mm512_castsi512_ps(w0), _mm512_loadu_ps(x + i), a0);
        a1 = _mm512_fmadd_ps(_mm512_castsi512_ps(w1), _mm512_loadu_ps(x + i + 16), a1);
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(a0, a1)) + dot_bf16_c(k - i, r + i, x + i, 0);
}

// Q8_0: each block's int8 values scaled by its d, then multiplied into the running sums.
// One accumulator per 8 values of a block: four independent FMA chains (one chain waited on
// each FMA's latency: the head of a Q8_0 model was compute-bound at a fraction of the
// bandwidth).
AVX2 static float dot_q8_0_avx2(size_t k, const void * row, const float * x, size_t pf) {
    const uint8_t * b = row;
    __m256 acc[4] = { _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps() };
    for (size_t i = 0; i < k; i += Q8_0_BLOCK, b += Q8_0_BYTES) {
        tern_prefetch_ahead(b, pf);
        const __m256 d = _mm256_set1_ps(f16_at(b));
        for (int j = 0; j < 4; j++) {
            const __m256 q = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *) (b + 2 + 8 * j))));
            acc[j] = _mm256_fmadd_ps(_mm256_mul_ps(d, q), _mm256_loadu_ps(x + i + 8 * j), acc[j]);
        }
    }
    return hsum8(_mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3])));
}

AVX512 static float dot_q8_0_avx512(size_t k, const void * row, const float * x, size_t pf) {
    const uint8_t * b = row;
    __m512 acc[2] = { _mm512_setzero_ps(), _mm512_setzero_ps() };     // two chains, as above
    for (size_t i = 0; i < k; i += Q8_0_BLOCK, b += Q8_0_BYTES) {
        tern_prefetch_ahead(b, pf);
        const __m512 d = _mm512_set1_ps(f16_at(b));
        for (int j = 0; j < 2; j++) {
            const __m512 q = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *) (b + 2 + 16 * j))));
            acc[j] = _mm512_fmadd_ps(_mm512_mul_ps(d, q), _mm512_loadu_ps(x + i + 16 * j), acc[j]);
        }
    }
    return _mm512_reduce_add_ps(_mm512_add_ps(acc[0], acc[1]));
}
#endif

// ---------------------------------------------------------------------------- the table

enum { ISA_PORTABLE, ISA_AVX2, ISA_AVX512, N_ISAS };

struct dense_traits {
    const char * name;
    uint32_t ggml_type;              // UINT32_MAX: no GGML type (tern's own)
    size_t block, block_bytes;       // values per block and its bytes (per row: k / block blocks)
    void (*row)(size_t k, const void * row, float * out);
    tern_dense_dot_fn * dot[N_ISAS]; // NULL: the portable one
};

static const struct dense_traits traits[TERN_DENSE_COUNT] = {
    [TERN_DENSE_F32] = { "F32", TERN_GGML_F32, 1, 4, row_f32, { dot_f32_c, dot_f32_any, dot_f32_any } },
    [TERN_DENSE_F16] = { "F16", TERN_GGML_F16, 1, 2, row_f16, { dot_f16_c, dot_f16_any, dot_f16_any } },
#if defined(__x86_64__)
    [TERN_DENSE_BF16] = { "BF16", TERN_GGML_BF16, 1, 2, row_bf16, { dot_bf16_c, dot_bf16_avx2, dot_bf16_avx512 } },
    [TERN_DENSE_Q8_0] = { "Q8_0", TERN_GGML_Q8_0, Q8_0_BLOCK, Q8_0_BYTES, row_q8_0, { dot_q8_0_c, dot_q8_0_avx2, dot_q8_0_avx512 } },
#else
    [TERN_DENSE_BF16] = { "BF16", TERN_GGML_BF16, 1, 2, row_bf16, { dot_bf16_c } },
    [TERN_DENSE_Q8_0] = { "Q8_0", TERN_GGML_Q8_0, Q8_0_BLOCK, Q8_0_BYTES, row_q8_0, { dot_q8_0_c } },
#endif
    [TERN_DENSE_Q8] = { "q8 rows", UINT32_MAX, 1, 1, NULL, { NULL } },
};

static int best_isa(void) {
#if defined(__x86_64__)
    const uint32_t f = tern_cpu_get()->usable;
    const uint32_t avx2 = TERN_CPU_AVX2 | TERN_CPU_FMA | TERN_CPU_F16C;
    if ((f & avx2) != avx2) return ISA_PORTABLE;
    return (f & (TERN_CPU_AVX512F | TERN_CPU_AVX512BW)) == (TERN_CPU_AVX512F | TERN_CPU_AVX512BW) ? ISA_AVX512 : ISA_AVX2;
#else
    return ISA_PORTABLE;
#endif
}

tern_dense_dot_fn * tern_dense_dot(enum tern_dense_type type, bool portable) {
    const struct dense_traits * t = &traits[type];
    const int isa = portable ? ISA_PORTABLE : best_isa();
    return t->dot[isa] ? t->dot[isa] : t->dot[ISA_PORTABLE];
}

bool tern_dense_type_of_ggml(uint32_t ggml_type, enum tern_dense_type * out) {
    for (int i = 0; i < TERN_DENSE_COUNT; i++) {
        if (traits[i].ggml_type == ggml_type) {
            *out = (enum tern_dense_type) i;
            return true;
        }
    }
    return false;
}

const char * tern_dense_type_name(enum tern_dense_type type) {
    return (unsigned) type < TERN_DENSE_COUNT ? traits[type].name : "?";
}

bool tern_dense_row_bytes(enum tern_dense_type type, size_t k, size_t * bytes) {
    const struct dense_traits * t = &traits[type];
    if (k % t->block) return false;
    *bytes = k / t->block * t->block_bytes;
    return true;
}

size_t tern_dense_bytes(const struct tern_dense * D) {
    size_t row = 0;
    tern_dense_row_bytes(D->type, D->k, &row);
    return D->n * row + (D->type == TERN_DENSE_Q8 ? D->n * 8 : 0);
}

void tern_dense_free(struct tern_dense * D) {
    free(D->owned);
    memset(D, 0, sizeof(*D));
}

static const void * row_ptr(const struct tern_dense * D, size_t r) {
    size_t bytes = 0;
    tern_dense_row_bytes(D->type, D->k, &bytes);
    return (const uint8_t *) D->w + r * bytes;
}

void tern_dense_row(const struct tern_dense * D, size_t r, float * out) {
    if (D->type == TERN_DENSE_Q8) {
        const int8_t * row = row_ptr(D, r);
        for (size_t i = 0; i < D->k; i++) out[i] = (float) row[i] * D->scale[r];
        return;
    }
    traits[D->type].row(D->k, row_ptr(D, r), out);
}

int tern_dense_quantize_q8(const struct tern_dense * D, struct tern_dense * out,
                           void (*rows_done)(void * ctx, size_t r0, size_t r1), void * ctx) {
    memset(out, 0, sizeof(*out));
    uint8_t * mem = malloc(D->n * D->k + D->n * (sizeof(float) + sizeof(int32_t)) + 64);
    float * row = malloc(D->k * sizeof(float));
    if (!mem || !row) {
        free(mem);
        free(row);
        return -1;
    }
    float * scale = (float *) mem;
    int32_t * rowsum = (int32_t *) (mem + D->n * sizeof(float));
    int8_t * q = (int8_t *) (mem + D->n * (sizeof(float) + sizeof(int32_t)));
    for (size_t r = 0; r < D->n; r++) {
        tern_dense_row(D, r, row);
        float amax = 0;
        for (size_t i = 0; i < D->k; i++) amax = fmaxf(amax, fabsf(row[i]));
        scale[r] = amax / 127.0f;
        const float inv = amax > 0 ? 127.0f / amax : 0.0f;
        int32_t sum = 0;
        for (size_t i = 0; i < D->k; i++) {
            q[r * D->k + i] = (int8_t) nearbyintf(row[i] * inv);
            sum += q[r * D->k + i];
        }
        rowsum[r] = sum;
        if (rows_done && ((r + 1) % 4096 == 0 || r + 1 == D->n)) rows_done(ctx, r / 4096 * 4096, r + 1);
    }
    free(row);
    *out = (struct tern_dense) { .type = TERN_DENSE_Q8, .n = D->n, .k = D->k, .w = q, .scale = scale, .rowsum = rowsum,
                                 .owned = mem };
    return 0;
}

// ---------------------------------------------------------------------------- matmul

struct dense_job {
    const struct tern_dense * D;
    tern_dense_dot_fn * dot;
    const struct tern_vec_ops * ops;
    struct tern_pool * pool;
    size_t m, chunk, chunks;
    const float * x;
    float * y;
    // Q8 rows: each token as two int8 terms, x ~ s_hi*q_hi + s_lo*q_lo (the second
    // quantizes the first's error: ~14 bits in all), stored as q + 128 for u8 x s8 dots.
    uint8_t * xq;              // (m, 2, k)
    float * xs;                // (m, 2)
};

size_t tern_dense_scratch_bytes(const struct tern_dense * D, size_t m) {
    return D->type == TERN_DENSE_Q8 ? m * (2 * D->k + 2 * sizeof(float)) : 0;
}

// x (k) -> two offset-u8 terms and their scales s[0], s[1].
static void quantize_two_terms(size_t k, const float * x, uint8_t * hi, uint8_t * lo, float * s) {
    float amax = 0, rmax = 0;
    for (size_t i = 0; i < k; i++) amax = fmaxf(amax, fabsf(x[i]));
    s[0] = amax / 127.0f;
    const float inv = amax > 0 ? 127.0f / amax : 0.0f;
    for (size_t i = 0; i < k; i++) rmax = fmaxf(rmax, fabsf(x[i] - nearbyintf(x[i] * inv) * s[0]));
    s[1] = rmax / 127.0f;
    const float inv_r = rmax > 0 ? 127.0f / rmax : 0.0f;
    for (size_t i = 0; i < k; i++) {
        const float q = nearbyintf(x[i] * inv);
        hi[i] = (uint8_t) (int) (q + 128.0f);
        lo[i] = (uint8_t) (int) (nearbyintf((x[i] - q * s[0]) * inv_r) + 128.0f);
    }
}

// Row r of D . token t of x.
static float dense_dot(const struct dense_job * job, size_t r, size_t t) {
    const struct tern_dense * D = job->D;
    if (D->type == TERN_DENSE_Q8) {
        int32_t hi, lo;
        const uint8_t * q = job->xq + 2 * t * D->k;
        const int8_t * w = (const int8_t *) D->w + r * D->k;
        job->ops->dot_u8s8x2(D->k, q, q + D->k, w, &hi, &lo);
        const int32_t bias = 128 * D->rowsum[r];     // sum (q + 128) w = sum q w + 128 sum w
        return D->scale[r] * (job->xs[2 * t] * (float) (hi - bias) + job->xs[2 * t + 1] * (float) (lo - bias));
    }
    // The first token's dot streams the row in; the others find it in L1.
    return job->dot(D->k, row_ptr(D, r), job->x + t * D->k, t == 0 ? D->prefetch : 0);
}

static void dense_rows(const struct dense_job * job, size_t r0, size_t r1) {
    const size_t n = job->D->n;
    // Rows outer, tokens inner: each row is read from memory once and reused from L1.
    for (size_t r = r0; r < r1; r++) {
        for (size_t t = 0; t < job->m; t++) job->y[t * n + r] = dense_dot(job, r, t);
    }
}

static void dense_task(void * ctx, int tid, int nth) {
    (void) tid;
    (void) nth;
    struct dense_job * job = ctx;
    for (size_t c; (c = tern_pool_next_chunk(job->pool)) < job->chunks;) {
        const size_t r0 = c * job->chunk, r1 = r0 + job->chunk < job->D->n ? r0 + job->chunk : job->D->n;
        dense_rows(job, r0, r1);
    }
}

void tern_dense_matmul(const struct tern_dense * D, struct tern_pool * pool, int nth, size_t m, const float * x,
                       float * y, void * scratch) {
    struct dense_job job = { .D = D, .ops = tern_vec_ops_get(), .pool = pool, .m = m, .x = x, .y = y };
    if (D->type == TERN_DENSE_Q8) {
        job.xs = scratch;
        job.xq = (uint8_t *) scratch + 2 * m * sizeof(float);
        for (size_t t = 0; t < m; t++) {
            quantize_two_terms(D->k, x + t * D->k, job.xq + 2 * t * D->k, job.xq + (2 * t + 1) * D->k, job.xs + 2 * t);
        }
    } else {
        job.dot = tern_dense_dot(D->type, false);
    }
    const int threads = tern_pool_threads(pool, nth);
    if (threads <= 1) {
        dense_rows(&job, 0, D->n);
    } else {
        job.chunk = 256;
        job.chunks = (D->n + job.chunk - 1) / job.chunk;
        tern_pool_run(pool, threads, dense_task, &job);
    }
}
