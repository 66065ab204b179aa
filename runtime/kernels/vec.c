// Vector kernels for attention and dense matrices (see tern/ops.h): portable C, and x86
// versions compiled per function for AVX2+F16C+FMA and AVX-512 (the rest of the binary
// stays baseline x86-64). Each keeps a fixed summation order, so results do not depend on
// how rows are split across threads. tests/test_vec.c holds every table to the portable one.

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tern/cpu.h"
#include "tern/kernels.h"
#include "tern/ops.h"

// One prefetch per 64 bytes of a (pf bytes ahead of a + i): at element i when a line of a
// starts at or after it and before element i + step. The portable dots prefetch too: on
// aarch64 they are the ones that stream the head.
#define PREFETCH_LINES(a, i, step, pf)                                                             \
    for (size_t pf_o = (64 - (i) * sizeof(*(a)) % 64) % 64; (pf) && pf_o < (step) * sizeof(*(a)); \
         pf_o += 64) {                                                                             \
        tern_prefetch_ahead((const char *) ((a) + (i)) + pf_o, (pf));                             \
    }

static float dot_f16_c(size_t n, const uint16_t * a, const float * b, size_t pf) {
    float s = 0;
    for (size_t i = 0; i < n; i++) {
        PREFETCH_LINES(a, i, 1, pf);
        s += tern_f16_to_f32(a[i]) * b[i];
    }
    return s;
}

static float dot_f32_c(size_t n, const float * a, const float * b, size_t pf) {
    float s = 0;
    for (size_t i = 0; i < n; i++) {
        PREFETCH_LINES(a, i, 1, pf);
        s += a[i] * b[i];
    }
    return s;
}

static float dot_q8_c(size_t n, const int8_t * a, const float * b, size_t pf) {
    float s = 0;
    for (size_t i = 0; i < n; i++) {
        PREFETCH_LINES(a, i, 1, pf);
        s += (float) a[i] * b[i];
    }
    return s;
}

// Exact: |sum| <= 65536 * 255 * 128 < 2^31 (the n limit of tern/ops.h).
static void dot_u8s8x2_c(size_t n, const uint8_t * a, const uint8_t * b, const int8_t * w, int32_t * da, int32_t * db) {
    int32_t sa = 0, sb = 0;
    for (size_t i = 0; i < n; i++) {
        sa += a[i] * w[i];
        sb += b[i] * w[i];
    }
    *da = sa;
    *db = sb;
}

static void axpy_f16_c(size_t n, float s, const uint16_t * x, float * y) {
    for (size_t i = 0; i < n; i++) y[i] += s * tern_f16_to_f32(x[i]);
}

static void axpy_f32_c(size_t n, float s, const float * x, float * y) {
    for (size_t i = 0; i < n; i++) y[i] += s * x[i];
}

static void to_f16_c(size_t n, const float * x, uint16_t * y) {
    for (size_t i = 0; i < n; i++) y[i] = tern_f32_to_f16(x[i]);
}

static void from_f16_c(size_t n, const uint16_t * x, float * y) {
    for (size_t i = 0; i < n; i++) y[i] = tern_f16_to_f32(x[i]);
}

static void round_f16_c(size_t n, float * x) {
    for (size_t i = 0; i < n; i++) x[i] = tern_f16_to_f32(tern_f32_to_f16(x[i]));
}

// Softmax of each head's scores in place (max subtracted; tern_expf, whose SIMD versions give
// the same value lane by lane; the sum in double).
static void softmax_rows(size_t g, size_t n, float * scores, float * part_max, double * part_sum) {
    for (size_t h = 0; h < g; h++) {
        float * sc = scores + h * n;
        float mx = -INFINITY;
        for (size_t j = 0; j < n; j++) mx = sc[j] > mx ? sc[j] : mx;
        double sum = 0;
        for (size_t j = 0; j < n; j++) {
            sc[j] = tern_expf(sc[j] - mx);
            sum += sc[j];
        }
        if (part_max) {
            part_max[h] = mx;
            part_sum[h] = sum;
            continue;
        }
        const float inv = (float) (1.0 / sum);
        for (size_t j = 0; j < n; j++) sc[j] *= inv;
    }
}

static void attn_c(size_t hd, size_t g, size_t n, const void * K, const void * V, size_t stride, bool f32,
                   const float * q, float scale, float * scores, float * out, float * part_max, double * part_sum) {
    for (size_t j = 0; j < n; j++) {
        for (size_t h = 0; h < g; h++) {
            float d = 0;
            for (size_t c = 0; c < hd; c++) {
                const size_t at = tern_key_at(hd, j, c);
                d += (f32 ? ((const float *) K)[at] : tern_f16_to_f32(((const uint16_t *) K)[at])) * q[h * hd + c];
            }
            scores[h * n + j] = d * scale;
        }
    }
    softmax_rows(g, n, scores, part_max, part_sum);
    memset(out, 0, g * hd * sizeof(float));
    for (size_t j = 0; j < n; j++) {
        for (size_t h = 0; h < g; h++) {
            if (f32) axpy_f32_c(hd, scores[h * n + j], (const float *) V + j * stride, out + h * hd);
            else axpy_f16_c(hd, scores[h * n + j], (const uint16_t *) V + j * stride, out + h * hd);
        }
    }
}

// The chains added pairwise as a tree (chain c + half into chain c, halving), which is what
// the SIMD tables do with their vectors and then their lanes.
static double rms_chains_sum(double * part) {
    for (size_t half = TERN_RMS_CHAINS / 2; half >= 1; half /= 2) {
        for (size_t c = 0; c < half; c++) part[c] += part[c + half];
    }
    return part[0];
}

// The tail past the last whole round of chains and the sum: 1 / rms, the part every table shares.
static float rms_inv(size_t n, size_t i, const float * x, float eps, double * part) {
    for (; i < n; i++) part[i % TERN_RMS_CHAINS] += (double) (x[i] * x[i]);
    const float mean = (float) (rms_chains_sum(part) / (double) n);
    return 1.0f / sqrtf(mean + eps);
}

static void rmsnorm_c(size_t n, const float * x, const float * w, float eps, float * y) {
    double part[TERN_RMS_CHAINS] = { 0 };
    size_t i = 0;
    for (; i + TERN_RMS_CHAINS <= n; i += TERN_RMS_CHAINS) {
        for (size_t c = 0; c < TERN_RMS_CHAINS; c++) part[c] += (double) (x[i + c] * x[i + c]);
    }
    const float scale = rms_inv(n, i, x, eps, part);
    for (size_t j = 0; j < n; j++) y[j] = x[j] * scale * w[j];
}

static void silu_mul_c(size_t n, float * g, const float * u) {
    for (size_t i = 0; i < n; i++) g[i] = g[i] / (1.0f + tern_expf(-g[i])) * u[i];
}

static void scale_row_c(size_t n, const int32_t * acc, const float * row_scale, float f, float * y) {
    if (row_scale) {
        for (size_t i = 0; i < n; i++) y[i] = (float) acc[i] * (row_scale[i] * f / 127.0f);
        return;
    }
    for (size_t i = 0; i < n; i++) y[i] = (float) acc[i] * f;
}

static void scale_i32_c(size_t m, size_t n, const int32_t * acc, size_t acc_stride, const float * row_scale,
                        const float * f, float * y, size_t y_stride) {
    for (size_t t = 0; t < m; t++) scale_row_c(n, acc + t * acc_stride, row_scale, f[t], y + t * y_stride);
}

static const struct tern_vec_ops portable = {
    "scalar", dot_f16_c, dot_f32_c, dot_q8_c, axpy_f16_c, axpy_f32_c, dot_u8s8x2_c, to_f16_c, from_f16_c, round_f16_c,
    attn_c, rmsnorm_c, silu_mul_c, scale_i32_c,
};

const struct tern_vec_ops * tern_vec_ops_portable(void) {
    return &portable;
}

#if defined(__x86_64__)
#include "x86-simd.h"     // AVX2, AVX512 (each table runs where its ISA token allows), hsum8

// Four accumulators hide the FMA latency; the tail runs the portable loop. For a vector type
// VEC of W floats; load_a(j) gives W values of a from element j as floats, load_a2(j, lo, hi)
// 2W of them from one load where a's 2W values fit one register: for a row streamed from
// DRAM, one load per line instead of two or four leaves the core's load queue room for more
// of the row's lines in flight, which is what its bandwidth depends on. With pf, one
// prefetch per cache line of a, pf bytes ahead. Each accumulator sums the same elements in
// the same order either way.
#define DOT_BODY(VEC, W, ZERO, LOADF, FMA, ADD, REDUCE, load_a, load_a2)                   \
    VEC acc0 = ZERO, acc1 = acc0, acc2 = acc0, acc3 = acc0;                                \
    size_t i = 0;                                                                          \
    for (; i + 4 * (W) <= n; i += 4 * (W)) {                                               \
        PREFETCH_LINES(a, i, 4 * (W), pf)                                                  \
        VEC x0, x1, x2, x3;                                                                \
        load_a2(i, x0, x1);                                                                \
        load_a2(i + 2 * (W), x2, x3);                                                      \
        acc0 = FMA(x0, LOADF(b + i), acc0);                                                \
        acc1 = FMA(x1, LOADF(b + i + (W)), acc1);                                          \
        acc2 = FMA(x2, LOADF(b + i + 2 * (W)), acc2);                                      \
        acc3 = FMA(x3, LOADF(b + i + 3 * (W)), acc3);                                      \
    }                                                                                      \
    for (; i + (W) <= n; i += (W)) acc0 = FMA(load_a(i), LOADF(b + i), acc0);              \
    float s = REDUCE(ADD(ADD(acc0, acc1), ADD(acc2, acc3)));
#define DOT8_BODY(load_a, load_a2) \
    DOT_BODY(__m256, 8, _mm256_setzero_ps(), _mm256_loadu_ps, _mm256_fmadd_ps, _mm256_add_ps, hsum8, load_a, load_a2)
#define DOT16_BODY(load_a, load_a2) \
    DOT_BODY(__m512, 16, _mm512_setzero_ps(), _mm512_loadu_ps, _mm512_fmadd_ps, _mm512_add_ps, _mm512_reduce_add_ps, load_a, load_a2)

// load_a2 for f16 and int8: one load of type WIDE (LOADW), its halves (LOWER, UPPER; an empty
// LOWER is the register itself) widened to floats by CVT.
#define LOAD_X2(j, lo, hi, WIDE, LOADW, LOWER, UPPER, CVT) do {    \
        const WIDE w_ = LOADW((const void *) (a + (j)));           \
        lo = CVT(LOWER(w_));                                       \
        hi = CVT(UPPER(w_));                                       \
    } while (0)

// dot_f16 / dot_f32 / dot_q8 for one vector width: only how W values of a become floats differs.
#define DOT_FUNCS(SUFFIX, ATTR, BODY, LOAD_F16, LOAD2_F16, LOAD_F32, LOAD2_F32, LOAD_Q8, LOAD2_Q8)     \
    ATTR static float dot_f16_##SUFFIX(size_t n, const uint16_t * a, const float * b, size_t pf) {    \
        BODY(LOAD_F16, LOAD2_F16)                                                                      \
        return s + dot_f16_c(n - i, a + i, b + i, 0);                                                  \
    }                                                                                                  \
    ATTR static float dot_f32_##SUFFIX(size_t n, const float * a, const float * b, size_t pf) {       \
        BODY(LOAD_F32, LOAD2_F32)                                                                      \
        return s + dot_f32_c(n - i, a + i, b + i, 0);                                                  \
    }                                                                                                  \
    ATTR static float dot_q8_##SUFFIX(size_t n, const int8_t * a, const float * b, size_t pf) {       \
        BODY(LOAD_Q8, LOAD2_Q8)                                                                        \
        return s + dot_q8_c(n - i, a + i, b + i, 0);                                                   \
    }

#define LOAD8_F16(j) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) (a + (j))))
#define LOAD8_F32(j) _mm256_loadu_ps(a + (j))
#define LOAD8_Q8(j) _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *) (a + (j)))))
#define HI128(w) _mm256_extracti128_si256(w, 1)
#define HI64(w) _mm_unpackhi_epi64(w, w)
#define Q8_TO_PS8(v) _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(v))
#define LOAD8X2_F16(j, lo, hi) LOAD_X2(j, lo, hi, __m256i, _mm256_loadu_si256, _mm256_castsi256_si128, HI128, _mm256_cvtph_ps)
#define LOAD8X2_F32(j, lo, hi) do { lo = LOAD8_F32(j); hi = LOAD8_F32((j) + 8); } while (0)
#define LOAD8X2_Q8(j, lo, hi) LOAD_X2(j, lo, hi, __m128i, _mm_loadu_si128, , HI64, Q8_TO_PS8)
DOT_FUNCS(avx2, AVX2, DOT8_BODY, LOAD8_F16, LOAD8X2_F16, LOAD8_F32, LOAD8X2_F32, LOAD8_Q8, LOAD8X2_Q8)

AVX2 static void axpy_f16_avx2(size_t n, float s, const uint16_t * x, float * y) {
    const __m256 vs = _mm256_set1_ps(s);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 vx = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) (x + i)));
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(vs, vx, _mm256_loadu_ps(y + i)));
    }
    axpy_f16_c(n - i, s, x + i, y + i);
}

AVX2 static void axpy_f32_avx2(size_t n, float s, const float * x, float * y) {
    const __m256 vs = _mm256_set1_ps(s);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_fmadd_ps(vs, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    axpy_f32_c(n - i, s, x + i, y + i);
}

// The fused GQA attention, for a vector type of W floats: each K / V vector is converted once
// and used by GH heads whose accumulators stay in registers (GH is a compile-time constant,
// so the per-head loops unroll; a run-time count would spill them to the stack). Heads go
// 4 at a time, the rest one by one; hd % W != 0 falls back to portable C.
// Scores: the keys come in tiles of 16 positions (tern_key_at), so a vector is one element of
// W positions and each score is one chain of FMAs over the elements in order: no horizontal
// sums, and the same bits whichever path or table computes it. NT tiles at a time give GH * NT
// * 16 / W independent chains (tiles left over go 4, then 2 at a time where NT is larger, then
// one by one); lanes past n are never stored.
// Outputs: CH chunks of W at a time (the rest one by one), each element summed over positions
// in order.
// Rows of V prefetched ahead of the PV pass: 16 rows of f16 are one 4 KiB page.
#define ATTN_PF_ROWS 16
#define ATTN_SCORE_TILES(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, NT)                     \
    {                                                                                                   \
        enum { VT = TERN_KEY_TILE / (W), NV = (NT) * VT };                                              \
        size_t at[NV];                                                                                  \
        for (size_t p = 0; p < (NT); p++) {                                                             \
            for (size_t v = 0; v < VT; v++) at[p * VT + v] = (t0 + p) * tile_elems + v * (W);           \
        }                                                                                               \
        VEC acc[GH][NV];                                                                                \
        for (size_t h = 0; h < (GH); h++) {                                                             \
            for (size_t i = 0; i < NV; i++) acc[h][i] = ZERO;                                           \
        }                                                                                               \
        /* the next NT tiles (each a 4 KiB page of f16 keys, where a hardware stream stops): per */     \
        /* element, two lines of its share (the adjacent-line prefetch takes the rest) */               \
        const size_t pf_left = tiles - t0 - (NT) < (NT) ? tiles - t0 - (NT) : (NT);                     \
        const char * pf = (const char *) K + (t0 + (NT)) * tile_elems * es;                             \
        const size_t pf_step = pf_left * tile_elems * es / hd;                                          \
        for (size_t c = 0; c < hd; c++) {                                                               \
            __builtin_prefetch(pf + c * pf_step);                                                       \
            __builtin_prefetch(pf + c * pf_step + pf_step / 2);                                         \
            VEC kc[NV];                                                                                 \
            for (size_t i = 0; i < NV; i++) {                                                           \
                const size_t e = at[i] + c * TERN_KEY_TILE;                                             \
                kc[i] = f32 ? LOADF((const float *) K + e) : LOADH((const uint16_t *) K + e);           \
            }                                                                                           \
            for (size_t h = 0; h < (GH); h++) {                                                         \
                const VEC qc = SET1(q[h * hd + c]);                                                     \
                for (size_t i = 0; i < NV; i++) acc[h][i] = FMA(kc[i], qc, acc[h][i]);                  \
            }                                                                                           \
        }                                                                                               \
        for (size_t i = 0; i < NV; i++) {                                                               \
            const size_t j = (t0 + i / VT) * TERN_KEY_TILE + i % VT * (W);                              \
            if (j >= n) break;                                                                          \
            for (size_t h = 0; h < (GH); h++) {                                                         \
                float * sc = scores + h * sstride + j;                                                  \
                if (j + (W) <= n) {                                                                     \
                    STORE(sc, MUL(acc[h][i], vscale));                                                  \
                } else {                                                                                \
                    float tmp[W];                                                                       \
                    STORE(tmp, MUL(acc[h][i], vscale));                                                 \
                    memcpy(sc, tmp, (n - j) * sizeof(float));                                           \
                }                                                                                       \
            }                                                                                           \
        }                                                                                               \
    }

#define ATTN_PV_CHUNKS(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, GH, CH)                            \
    {                                                                                                   \
        VEC o[GH][CH];                                                                                  \
        for (size_t h = 0; h < (GH); h++) {                                                             \
            for (size_t i = 0; i < (CH); i++) o[h][i] = ZERO;                                           \
        }                                                                                               \
        /* V's rows ahead, on the first pass over them: two lines a row, as above */                    \
        const size_t pf_rows = c == 0 && n > ATTN_PF_ROWS ? n - ATTN_PF_ROWS : 0;                       \
        for (size_t j = 0; j < n; j++) {                                                                \
            if (j < pf_rows) {                                                                          \
                const char * r = (const char *) V + (j + ATTN_PF_ROWS) * stride * es;                   \
                __builtin_prefetch(r);                                                                  \
                __builtin_prefetch(r + hd * es / 2);                                                    \
            }                                                                                           \
            VEC vj[CH];                                                                                 \
            for (size_t i = 0; i < (CH); i++) {                                                         \
                const size_t e = j * stride + c + i * (W);                                              \
                vj[i] = f32 ? LOADF((const float *) V + e) : LOADH((const uint16_t *) V + e);           \
            }                                                                                           \
            for (size_t h = 0; h < (GH); h++) {                                                         \
                const VEC sj = SET1(scores[h * sstride + j]);                                           \
                for (size_t i = 0; i < (CH); i++) o[h][i] = FMA(sj, vj[i], o[h][i]);                    \
            }                                                                                           \
        }                                                                                               \
        for (size_t h = 0; h < (GH); h++) {                                                             \
            for (size_t i = 0; i < (CH); i++) STORE(out + h * hd + c + i * (W), o[h][i]);               \
        }                                                                                               \
    }

#define ATTN_HEADS(FN, ATTR, VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, NT, CH)                 \
    ATTR static inline void FN(size_t hd, size_t n, const void * K, const void * V, size_t stride, bool f32,\
                               const float * q, float scale, float * scores, size_t sstride, float * out, int pass) {\
        const size_t es = f32 ? sizeof(float) : sizeof(uint16_t);                                       \
        if (pass == 0) {                                                                                \
            const size_t tiles = (n + TERN_KEY_TILE - 1) / TERN_KEY_TILE, tile_elems = hd * TERN_KEY_TILE;\
            const VEC vscale = SET1(scale);                                                             \
            size_t t0 = 0;                                                                              \
            for (; t0 + (NT) <= tiles; t0 += (NT)) ATTN_SCORE_TILES(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, NT)\
            if ((NT) > 4 && t0 + 4 <= tiles) {                                                          \
                ATTN_SCORE_TILES(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, 4)              \
                t0 += 4;                                                                                \
            }                                                                                           \
            if ((NT) > 2 && t0 + 2 <= tiles) {                                                          \
                ATTN_SCORE_TILES(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, 2)              \
                t0 += 2;                                                                                \
            }                                                                                           \
            for (; t0 < tiles; t0++) ATTN_SCORE_TILES(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, MUL, GH, 1)\
            return;                                                                                     \
        }                                                                                               \
        size_t c = 0;                                                                                   \
        for (; c + (CH) * (W) <= hd; c += (CH) * (W)) ATTN_PV_CHUNKS(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, GH, CH)\
        for (; c < hd; c += (W)) ATTN_PV_CHUNKS(VEC, W, ZERO, LOADF, LOADH, FMA, SET1, STORE, GH, 1)    \
    }

#define ATTN_DRIVER(FN, ATTR, W, H4, H1, SOFTMAX)                                                         \
    ATTR static void FN(size_t hd, size_t g, size_t n, const void * K, const void * V, size_t stride, bool f32, \
                        const float * q, float scale, float * scores, float * out, float * part_max,      \
                        double * part_sum) {                                                              \
        if (hd % (W) || !n) {                                                                           \
            attn_c(hd, g, n, K, V, stride, f32, q, scale, scores, out, part_max, part_sum);             \
            return;                                                                                     \
        }                                                                                               \
        for (int pass = 0; pass < 2; pass++) {                                                          \
            size_t h = 0;                                                                               \
            for (; h + 4 <= g; h += 4) H4(hd, n, K, V, stride, f32, q + h * hd, scale, scores + h * n, n, out + h * hd, pass); \
            for (; h < g; h++) H1(hd, n, K, V, stride, f32, q + h * hd, scale, scores + h * n, n, out + h * hd, pass); \
            if (pass == 0) SOFTMAX(g, n, scores, part_max, part_sum);                                   \
        }                                                                                               \
    }

AVX2 static void to_f16_avx2(size_t n, const float * x, uint16_t * y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm_storeu_si128((__m128i *) (y + i), _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    }
    to_f16_c(n - i, x + i, y + i);
}

AVX2 static void from_f16_avx2(size_t n, const uint16_t * x, float * y) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) (x + i))));
    from_f16_c(n - i, x + i, y + i);
}

AVX2 static void round_f16_avx2(size_t n, float * x) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT);
        _mm256_storeu_ps(x + i, _mm256_cvtph_ps(h));
    }
    round_f16_c(n - i, x + i);
}


AVX2 static int32_t hsum8_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

// u8 x s8 widened to int16 and multiplied by vpmaddwd: products <= 255 * 128 and pair sums
// <= 65280 are exact in int32. (vpmaddubsw would be one instruction fewer, but its int16 pair
// sums saturate above 32767, which these operands reach.)
AVX2 static void dot_u8s8x2_avx2(size_t n, const uint8_t * a, const uint8_t * b, const int8_t * w, int32_t * da,
                                 int32_t * db) {
    __m256i acc_a = _mm256_setzero_si256(), acc_b = acc_a;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m256i vw = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *) (w + i)));
        const __m256i va = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (a + i)));
        const __m256i vb = _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (b + i)));
        acc_a = _mm256_add_epi32(acc_a, _mm256_madd_epi16(va, vw));
        acc_b = _mm256_add_epi32(acc_b, _mm256_madd_epi16(vb, vw));
    }
    int32_t ta, tb;
    dot_u8s8x2_c(n - i, a + i, b + i, w + i, &ta, &tb);
    *da = hsum8_epi32(acc_a) + ta;
    *db = hsum8_epi32(acc_b) + tb;
}

// tern_expf's steps 8 lanes at a time. scalbnf(j, n) has no AVX2 instruction: j * 2^(n/2) is
// exact (|n| <= 192 keeps both halves' powers normal), and the second factor 2^(n - n/2)
// rounds once, as scalbnf does, also into subnormals and to infinity.
AVX2 static __m256 pow2_avx2(__m256i k) {
    return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k, _mm256_set1_epi32(127)), 23));
}

// tern_expf(x) lane by lane.
AVX2 static __m256 exp_avx2(__m256 x) {
    const __m256 r = _mm256_set1_ps(0x1.8p23f), one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    const __m256 z = _mm256_fmadd_ps(x, _mm256_set1_ps(0x1.715476p+0f), r);
    const __m256 nn = _mm256_sub_ps(z, r);
    const __m256 b = _mm256_fnmadd_ps(nn, _mm256_set1_ps(0x1.7f7d1cp-20f),
                                      _mm256_fnmadd_ps(nn, _mm256_set1_ps(0x1.62e4p-1f), x));
    const __m256 uu = _mm256_mul_ps(b, b);
    const __m256 j = _mm256_fmadd_ps(
        _mm256_fmadd_ps(_mm256_fmadd_ps(_mm256_set1_ps(0x1.0e4020p-7f), b, _mm256_set1_ps(0x1.573e2ep-5f)), uu,
                        _mm256_fmadd_ps(_mm256_set1_ps(0x1.555e66p-3f), b, _mm256_set1_ps(0x1.fffdb6p-2f))),
        uu, _mm256_fmadd_ps(_mm256_set1_ps(0x1.ffffecp-1f), b, one));
    const __m256i ni = _mm256_cvtps_epi32(nn), n1 = _mm256_srai_epi32(ni, 1), n2 = _mm256_sub_epi32(ni, n1);
    __m256 e = _mm256_mul_ps(_mm256_mul_ps(j, pow2_avx2(n1)), pow2_avx2(n2));
    const __m256 absn = _mm256_andnot_ps(_mm256_set1_ps(-0.0f), nn);
    const __m256 big = _mm256_cmp_ps(absn, _mm256_set1_ps(192), _CMP_GT_OQ);
    const __m256 sat = _mm256_blendv_ps(_mm256_set1_ps(INFINITY), zero, _mm256_cmp_ps(nn, zero, _CMP_LE_OQ));
    e = _mm256_blendv_ps(e, sat, big);
    return _mm256_blendv_ps(e, nn, _mm256_cmp_ps(nn, nn, _CMP_UNORD_Q));     // NaN in, NaN out
}

// rmsnorm for vectors of DL doubles and W floats: ADD8(acc, x) widens the float squares of
// x[0..8) as the portable loop makes them and adds them to the chains' vectors acc[0..8/DL)
// lane by lane; then the portable tail and sum, and y as two float products each (the
// portable loop's), W at a time.
#define RMSNORM(FN, ATTR, VECD, DL, ZEROD, ADD8, STOREPD, VEC, W, SET1, LOADU, MUL, STOREU)              \
    ATTR static void FN(size_t n, const float * x, const float * w, float eps, float * y) {            \
        VECD acc[TERN_RMS_CHAINS / (DL)];                                                               \
        for (size_t v = 0; v < TERN_RMS_CHAINS / (DL); v++) acc[v] = ZEROD;                             \
        size_t i = 0;                                                                                   \
        for (; i + TERN_RMS_CHAINS <= n; i += TERN_RMS_CHAINS) {                                        \
            for (size_t v = 0; v < TERN_RMS_CHAINS / 8; v++) ADD8(acc + v * (8 / (DL)), x + i + 8 * v); \
        }                                                                                               \
        double part[TERN_RMS_CHAINS];                                                                   \
        for (size_t v = 0; v < TERN_RMS_CHAINS / (DL); v++) STOREPD(part + (DL) * v, acc[v]);           \
        const float scale = rms_inv(n, i, x, eps, part);                                                \
        const VEC vs = SET1(scale);                                                                     \
        size_t j = 0;                                                                                   \
        for (; j + (W) <= n; j += (W)) STOREU(y + j, MUL(MUL(LOADU(x + j), vs), LOADU(w + j)));         \
        for (; j < n; j++) y[j] = x[j] * scale * w[j];                                                  \
    }

// Chain c of the 32 is lane c % 4 of vector c / 4.
AVX2 static inline void rms_add8_avx2(__m256d * acc, const float * x) {
    const __m256 xv = _mm256_loadu_ps(x), sq = _mm256_mul_ps(xv, xv);
    acc[0] = _mm256_add_pd(acc[0], _mm256_cvtps_pd(_mm256_castps256_ps128(sq)));
    acc[1] = _mm256_add_pd(acc[1], _mm256_cvtps_pd(_mm256_extractf128_ps(sq, 1)));
}
RMSNORM(rmsnorm_avx2, AVX2, __m256d, 4, _mm256_setzero_pd(), rms_add8_avx2, _mm256_storeu_pd, __m256, 8, _mm256_set1_ps,
        _mm256_loadu_ps, _mm256_mul_ps, _mm256_storeu_ps)

AVX2 static void silu_mul_avx2(size_t n, float * g, const float * u) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 x = _mm256_loadu_ps(g + i), e = exp_avx2(_mm256_sub_ps(zero, x));
        _mm256_storeu_ps(g + i, _mm256_mul_ps(_mm256_div_ps(x, _mm256_add_ps(one, e)), _mm256_loadu_ps(u + i)));
    }
    silu_mul_c(n - i, g + i, u + i);
}

// scale_i32_c for one vector width: the same product per element, W at a time.
#define SCALE_I32(SUFFIX, ATTR, VEC, W, SET1, CVT, LOADI, LOADF, MUL, DIV, STORE)                              \
    ATTR static void scale_i32_##SUFFIX(size_t m, size_t n, const int32_t * acc, size_t acc_stride,              \
                                        const float * row_scale, const float * f, float * y, size_t y_stride) { \
        const VEC d = SET1(127.0f);                                                                             \
        for (size_t t = 0; t < m; t++, acc += acc_stride, y += y_stride) {                                      \
            const VEC vf = SET1(f[t]);                                                                          \
            size_t i = 0;                                                                                       \
            for (; i + (W) <= n; i += (W)) {                                                                    \
                const VEC a = CVT(LOADI(acc + i));                                                              \
                const VEC s = row_scale ? DIV(MUL(LOADF(row_scale + i), vf), d) : vf;                           \
                STORE(y + i, MUL(a, s));                                                                        \
            }                                                                                                   \
            scale_row_c(n - i, acc + i, row_scale ? row_scale + i : NULL, f[t], y + i);                         \
        }                                                                                                       \
    }
#define LOADI8(p) _mm256_loadu_si256((const __m256i *) (p))
#define LOADI16(p) _mm512_loadu_si512((const void *) (p))

SCALE_I32(avx2, AVX2, __m256, 8, _mm256_set1_ps, _mm256_cvtepi32_ps, LOADI8, _mm256_loadu_ps, _mm256_mul_ps,
          _mm256_div_ps, _mm256_storeu_ps)

// The 8 floats of e widened and added to the chains s0 (lanes 0..3) and s1 (lanes 4..7).
AVX2 static inline void sum8_pd(__m256 e, __m256d * s0, __m256d * s1) {
    *s0 = _mm256_add_pd(*s0, _mm256_cvtps_pd(_mm256_castps256_ps128(e)));
    *s1 = _mm256_add_pd(*s1, _mm256_cvtps_pd(_mm256_extractf128_ps(e, 1)));
}

// softmax_rows 8 lanes at a time: the same max and exponentials; the double sum in another order.
AVX2 static void softmax_avx2(size_t g, size_t n, float * scores, float * part_max, double * part_sum) {
    for (size_t h = 0; h < g; h++) {
        float * sc = scores + h * n;
        __m256 vmx = _mm256_set1_ps(-INFINITY);
        size_t j = 0;
        for (; j + 8 <= n; j += 8) vmx = _mm256_max_ps(_mm256_loadu_ps(sc + j), vmx);    // NaN scores are skipped
        // The last n - j lanes: masked loads and stores, the lanes past n -inf for the max, 0 in the sum.
        const __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32((int) (n - j)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        const __m256 tailf = _mm256_castsi256_ps(tail);
        vmx = _mm256_max_ps(_mm256_blendv_ps(_mm256_set1_ps(-INFINITY), _mm256_maskload_ps(sc + j, tail), tailf), vmx);
        __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(vmx), _mm256_extractf128_ps(vmx, 1));
        m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
        m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
        const float mx = _mm_cvtss_f32(m4);
        const __m256 vm = _mm256_set1_ps(mx);
        __m256d s0 = _mm256_setzero_pd(), s1 = s0;
        for (j = 0; j + 8 <= n; j += 8) {
            const __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(sc + j), vm));
            _mm256_storeu_ps(sc + j, e);
            sum8_pd(e, &s0, &s1);
        }
        if (j < n) {
            const __m256 e = _mm256_and_ps(exp_avx2(_mm256_sub_ps(_mm256_maskload_ps(sc + j, tail), vm)), tailf);
            _mm256_maskstore_ps(sc + j, tail, e);
            sum8_pd(e, &s0, &s1);
        }
        double part[4];
        _mm256_storeu_pd(part, _mm256_add_pd(s0, s1));
        const double sum = (part[0] + part[1]) + (part[2] + part[3]);
        if (part_max) {
            part_max[h] = mx;
            part_sum[h] = sum;
            continue;
        }
        const float inv = (float) (1.0 / sum);
        const __m256 vi = _mm256_set1_ps(inv);
        for (j = 0; j + 8 <= n; j += 8) _mm256_storeu_ps(sc + j, _mm256_mul_ps(_mm256_loadu_ps(sc + j), vi));
        for (; j < n; j++) sc[j] *= inv;
    }
}

#define LOADH8(p) _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *) (p)))
ATTN_HEADS(attn4_avx2, AVX2, __m256, 8, _mm256_setzero_ps(), _mm256_loadu_ps, LOADH8, _mm256_fmadd_ps, _mm256_set1_ps,
           _mm256_storeu_ps, _mm256_mul_ps, 4, 1, 2)
ATTN_HEADS(attn1_avx2, AVX2, __m256, 8, _mm256_setzero_ps(), _mm256_loadu_ps, LOADH8, _mm256_fmadd_ps, _mm256_set1_ps,
           _mm256_storeu_ps, _mm256_mul_ps, 1, 2, 4)
ATTN_DRIVER(attn_avx2, AVX2, 8, attn4_avx2, attn1_avx2, softmax_avx2)

static const struct tern_vec_ops avx2 = {
    "avx2", dot_f16_avx2, dot_f32_avx2, dot_q8_avx2, axpy_f16_avx2, axpy_f32_avx2, dot_u8s8x2_avx2, to_f16_avx2,
    from_f16_avx2, round_f16_avx2, attn_avx2, rmsnorm_avx2, silu_mul_avx2, scale_i32_avx2,
};

#define LOAD16_F16(j) _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) (a + (j))))
#define LOAD16_F32(j) _mm512_loadu_ps(a + (j))
#define LOAD16_Q8(j) _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *) (a + (j)))))
#define HI256(w) _mm512_extracti64x4_epi64(w, 1)
#define Q8_TO_PS16(v) _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(v))
#define LOAD16X2_F16(j, lo, hi) LOAD_X2(j, lo, hi, __m512i, _mm512_loadu_si512, _mm512_castsi512_si256, HI256, _mm512_cvtph_ps)
#define LOAD16X2_F32(j, lo, hi) do { lo = LOAD16_F32(j); hi = LOAD16_F32((j) + 16); } while (0)
#define LOAD16X2_Q8(j, lo, hi) LOAD_X2(j, lo, hi, __m256i, _mm256_loadu_si256, _mm256_castsi256_si128, HI128, Q8_TO_PS16)
DOT_FUNCS(avx512, AVX512, DOT16_BODY, LOAD16_F16, LOAD16X2_F16, LOAD16_F32, LOAD16X2_F32, LOAD16_Q8, LOAD16X2_Q8)

// tern_expf(x) 16 lanes at a time (_mm512_scalef_ps is the scalbnf).
AVX512 static __m512 exp_avx512(__m512 x) {
    const __m512 r = _mm512_set1_ps(0x1.8p23f), one = _mm512_set1_ps(1.0f), zero = _mm512_setzero_ps();
    const __m512 z = _mm512_fmadd_ps(x, _mm512_set1_ps(0x1.715476p+0f), r);
    const __m512 nn = _mm512_sub_ps(z, r);
    const __m512 b = _mm512_fnmadd_ps(nn, _mm512_set1_ps(0x1.7f7d1cp-20f),
                                      _mm512_fnmadd_ps(nn, _mm512_set1_ps(0x1.62e4p-1f), x));
    const __m512 uu = _mm512_mul_ps(b, b);
    const __m512 j = _mm512_fmadd_ps(
        _mm512_fmadd_ps(_mm512_fmadd_ps(_mm512_set1_ps(0x1.0e4020p-7f), b, _mm512_set1_ps(0x1.573e2ep-5f)), uu,
                        _mm512_fmadd_ps(_mm512_set1_ps(0x1.555e66p-3f), b, _mm512_set1_ps(0x1.fffdb6p-2f))),
        uu, _mm512_fmadd_ps(_mm512_set1_ps(0x1.ffffecp-1f), b, one));
    __m512 e = _mm512_scalef_ps(j, nn);
    const __mmask16 big = _mm512_cmp_ps_mask(_mm512_abs_ps(nn), _mm512_set1_ps(192), _CMP_GT_OQ);
    if (big) {
        const __m512 sat = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(nn, zero, _CMP_LE_OQ), _mm512_set1_ps(INFINITY), zero);
        e = _mm512_mask_blend_ps(big, e, sat);
    }
    return e;
}

SCALE_I32(avx512, AVX512, __m512, 16, _mm512_set1_ps, _mm512_cvtepi32_ps, LOADI16, _mm512_loadu_ps, _mm512_mul_ps,
          _mm512_div_ps, _mm512_storeu_ps)

// Chain c of the 32 is lane c % 8 of vector c / 8.
AVX512 static inline void rms_add8_avx512(__m512d * acc, const float * x) {
    const __m256 xv = _mm256_loadu_ps(x);
    acc[0] = _mm512_add_pd(acc[0], _mm512_cvtps_pd(_mm256_mul_ps(xv, xv)));
}
RMSNORM(rmsnorm_avx512, AVX512, __m512d, 8, _mm512_setzero_pd(), rms_add8_avx512, _mm512_storeu_pd, __m512, 16,
        _mm512_set1_ps, _mm512_loadu_ps, _mm512_mul_ps, _mm512_storeu_ps)

AVX512 static void silu_mul_avx512(size_t n, float * g, const float * u) {
    const __m512 one = _mm512_set1_ps(1.0f), zero = _mm512_setzero_ps();
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m512 x = _mm512_loadu_ps(g + i), e = exp_avx512(_mm512_sub_ps(zero, x));
        _mm512_storeu_ps(g + i, _mm512_mul_ps(_mm512_div_ps(x, _mm512_add_ps(one, e)), _mm512_loadu_ps(u + i)));
    }
    silu_mul_c(n - i, g + i, u + i);
}

// The first min(r, 16) lanes.
AVX512 static inline __mmask16 lanes16(size_t r) {
    return r >= 16 ? (__mmask16) 0xffff : (__mmask16) ((1u << r) - 1);
}

// softmax_rows 16 lanes at a time: the same max and exponentials; the double sum in another
// order. The last vector is masked: its lanes past n are -inf for the max and 0 in the sum.
AVX512 static void softmax_avx512(size_t g, size_t n, float * scores, float * part_max, double * part_sum) {
    const __m512 ninf = _mm512_set1_ps(-INFINITY);
    for (size_t h = 0; h < g; h++) {
        float * sc = scores + h * n;
        __m512 vmx = ninf;
        for (size_t j = 0; j < n; j += 16) {      // NaN scores are skipped
            vmx = _mm512_max_ps(_mm512_mask_loadu_ps(ninf, lanes16(n - j), sc + j), vmx);
        }
        const float mx = _mm512_reduce_max_ps(vmx);
        const __m512 vm = _mm512_set1_ps(mx);
        __m512d s0 = _mm512_setzero_pd(), s1 = s0;
        for (size_t j = 0; j < n; j += 16) {
            const __mmask16 k = lanes16(n - j);
            const __m512 e = _mm512_maskz_mov_ps(k, exp_avx512(_mm512_sub_ps(_mm512_maskz_loadu_ps(k, sc + j), vm)));
            _mm512_mask_storeu_ps(sc + j, k, e);
            s0 = _mm512_add_pd(s0, _mm512_cvtps_pd(_mm512_castps512_ps256(e)));
            s1 = _mm512_add_pd(s1, _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(e), 1))));
        }
        const double sum = _mm512_reduce_add_pd(_mm512_add_pd(s0, s1));
        if (part_max) {
            part_max[h] = mx;
            part_sum[h] = sum;
            continue;
        }
        const __m512 vi = _mm512_set1_ps((float) (1.0 / sum));
        for (size_t j = 0; j < n; j += 16) {
            const __mmask16 k = lanes16(n - j);
            _mm512_mask_storeu_ps(sc + j, k, _mm512_mul_ps(_mm512_maskz_loadu_ps(k, sc + j), vi));
        }
    }
}

#define LOADH16(p) _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *) (p)))
ATTN_HEADS(attn4_avx512, AVX512, __m512, 16, _mm512_setzero_ps(), _mm512_loadu_ps, LOADH16, _mm512_fmadd_ps,
           _mm512_set1_ps, _mm512_storeu_ps, _mm512_mul_ps, 4, 4, 4)
ATTN_HEADS(attn1_avx512, AVX512, __m512, 16, _mm512_setzero_ps(), _mm512_loadu_ps, LOADH16, _mm512_fmadd_ps,
           _mm512_set1_ps, _mm512_storeu_ps, _mm512_mul_ps, 1, 8, 8)
ATTN_DRIVER(attn_avx512, AVX512, 16, attn4_avx512, attn1_avx512, softmax_avx512)

static const struct tern_vec_ops avx512 = {
    "avx512bw", dot_f16_avx512, dot_f32_avx512, dot_q8_avx512, axpy_f16_avx2, axpy_f32_avx2, dot_u8s8x2_avx2,
    to_f16_avx2, from_f16_avx2, round_f16_avx2, attn_avx512, rmsnorm_avx512, silu_mul_avx512, scale_i32_avx512,
};

// AVX-512 VNNI: vpdpbusd multiplies u8 by s8 and adds groups of 4 into int32 lanes, exactly.
__attribute__((target("avx512f,avx512bw,avx512vnni")))
static void dot_u8s8x2_vnni(size_t n, const uint8_t * a, const uint8_t * b, const int8_t * w, int32_t * da, int32_t * db) {
    __m512i acc_a = _mm512_setzero_si512(), acc_b = _mm512_setzero_si512();
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        const __m512i vw = _mm512_loadu_si512((const void *) (w + i));
        acc_a = _mm512_dpbusd_epi32(acc_a, _mm512_loadu_si512((const void *) (a + i)), vw);
        acc_b = _mm512_dpbusd_epi32(acc_b, _mm512_loadu_si512((const void *) (b + i)), vw);
    }
    int32_t ta, tb;
    dot_u8s8x2_c(n - i, a + i, b + i, w + i, &ta, &tb);
    *da = _mm512_reduce_add_epi32(acc_a) + ta;
    *db = _mm512_reduce_add_epi32(acc_b) + tb;
}

static const struct tern_vec_ops avx512vnni = {
    "avx512vnni", dot_f16_avx512, dot_f32_avx512, dot_q8_avx512, axpy_f16_avx2, axpy_f32_avx2, dot_u8s8x2_vnni,
    to_f16_avx2, from_f16_avx2, round_f16_avx2, attn_avx512, rmsnorm_avx512, silu_mul_avx512, scale_i32_avx512,
};
#endif

// Best first; the last (portable) runs everywhere.
static const struct tern_vec_ops * const tables[] = {
#if defined(__x86_64__)
    &avx512vnni, &avx512, &avx2,
#endif
    &portable,
};

const struct tern_vec_ops * const * tern_vec_ops_all(size_t * n) {
    *n = sizeof(tables) / sizeof(tables[0]);
    return tables;
}

uint32_t tern_vec_ops_features(const struct tern_vec_ops * ops) {
    enum tern_isa isa;
    return tern_isa_from_name(ops->name, &isa) ? tern_isa_features(isa) : UINT32_MAX;
}

static const struct tern_vec_ops * chosen;

static void choose(void) {
    const uint32_t usable = tern_cpu_get()->usable;
    size_t i = 0;
    while ((tern_vec_ops_features(tables[i]) & ~usable) != 0) i++;
    chosen = tables[i];
}

const struct tern_vec_ops * tern_vec_ops_get(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, choose);
    return chosen;
}
