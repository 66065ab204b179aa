// Non-ternary operations (see tern/ops.h): conversions, norms, RoPE and dense matmuls.

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tern/linear.h"
#include "tern/ops.h"
#include "tern/pool.h"

float tern_f16_to_f32(uint16_t h) {
    const uint32_t sign = (uint32_t) (h >> 15) << 31, exp = (h >> 10) & 0x1f, man = h & 0x3ff;
    union { uint32_t u; float f; } v;
    if (exp == 0) {
        // zero or subnormal: man * 2^-24, exact in float
        const float f = (float) man * 0x1p-24f;
        return sign ? -f : f;
    }
    // inf, or NaN made quiet with its payload kept (as F16C and aarch64 FCVT do)
    v.u = exp == 31 ? sign | 0x7f800000u | man << 13 | (man ? 0x400000u : 0) : sign | (exp + 112) << 23 | man << 13;
    return v.f;
}

uint16_t tern_f32_to_f16(float f) {
    union { float f; uint32_t u; } v = { .f = f };
    const uint32_t sign = (v.u >> 16) & 0x8000, abs = v.u & 0x7fffffff;
    if (abs > 0x7f800000u) return (uint16_t) (sign | 0x7e00 | (abs >> 13 & 0x3ff));   // NaN: quiet, payload's top bits
    if (abs >= 0x477ff000u) return (uint16_t) (sign | 0x7c00);                // rounds past 65504: inf
    if (abs < 0x38800000u) {                                                   // below 2^-14: subnormal
        union { uint32_t u; float f; } a = { .u = abs };
        return (uint16_t) (sign | (uint32_t) nearbyintf(a.f * 0x1p24f));    // multiple of 2^-24, RNE
    }
    const uint32_t mant_odd = (abs >> 13) & 1;
    const uint32_t r = abs + 0xfff + mant_odd;                                 // round to nearest even
    return (uint16_t) (sign | ((r >> 13) - (112u << 10)));      // a mantissa carry bumps the exponent
}

void tern_rmsnorm(float * y, const float * x, const float * w, size_t n, float eps) {
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += (double) (x[i] * x[i]);
    const float mean = (float) (sum / (double) n);
    const float scale = 1.0f / sqrtf(mean + eps);
    for (size_t i = 0; i < n; i++) y[i] = x[i] * scale * w[i];
}

void tern_rope_table(float * cos_sin, size_t n, size_t pos0, size_t dim, float base) {
    const size_t half = dim / 2;
    const float theta_scale = powf(base, -2.0f / (float) dim);
    for (size_t t = 0; t < n; t++) {
        float theta = (float) (pos0 + t);
        float * cs = cos_sin + t * dim;
        for (size_t i = 0; i < half; i++) {
            cs[i] = cosf(theta);
            cs[half + i] = sinf(theta);
            theta *= theta_scale;
        }
    }
}

void tern_rope_neox(float * x, size_t n_head, size_t dim, const float * cos_sin) {
    const size_t half = dim / 2;
    for (size_t h = 0; h < n_head; h++) {
        float * v = x + h * dim;
        for (size_t i = 0; i < half; i++) {
            const float c = cos_sin[i], s = cos_sin[half + i];
            const float x0 = v[i], x1 = v[i + half];
            v[i] = x0 * c - x1 * s;
            v[i + half] = x0 * s + x1 * c;
        }
    }
}

// ---------------------------------------------------------------------------- dense

const char * tern_dense_type_name(enum tern_dense_type type) {
    switch (type) {
    case TERN_DENSE_F32: return "f32";
    case TERN_DENSE_F16: return "f16";
    case TERN_DENSE_Q8: return "q8";
    }
    return "?";
}

size_t tern_dense_bytes(const struct tern_dense * D) {
    switch (D->type) {
    case TERN_DENSE_F32: return D->n * D->k * 4;
    case TERN_DENSE_F16: return D->n * D->k * 2;
    case TERN_DENSE_Q8: return D->n * D->k + D->n * 8;
    }
    return 0;
}

void tern_dense_free(struct tern_dense * D) {
    free(D->owned);
    memset(D, 0, sizeof(*D));
}

void tern_dense_row(const struct tern_dense * D, size_t r, float * out) {
    switch (D->type) {
    case TERN_DENSE_F32:
        memcpy(out, (const float *) D->w + r * D->k, D->k * sizeof(float));
        break;
    case TERN_DENSE_F16:
        tern_vec_ops_get()->from_f16(D->k, (const uint16_t *) D->w + r * D->k, out);
        break;
    case TERN_DENSE_Q8: {
        const int8_t * row = (const int8_t *) D->w + r * D->k;
        for (size_t i = 0; i < D->k; i++) out[i] = (float) row[i] * D->scale[r];
        break;
    }
    }
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

struct dense_job {
    const struct tern_dense * D;
    const struct tern_vec_ops * ops;
    struct tern_pool * pool;
    size_t m, chunk, chunks;
    const float * x;
    float * y;
    // q8 rows on a CPU with u8 x s8 dot products: each token as two int8 terms, x ~ s_hi*q_hi +
    // s_lo*q_lo (the second quantizes the first's error: ~14 bits in all), stored as q + 128.
    uint8_t * xq;              // (m, 2, k)
    float * xs;                // (m, 2)
};

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
    const float * x = job->x + t * D->k;
    if (job->xq) {
        int32_t hi, lo;
        job->ops->dot_u8s8x2(D->k, job->xq + 2 * t * D->k, job->xq + (2 * t + 1) * D->k, (const int8_t *) D->w + r * D->k,
                             &hi, &lo);
        const int32_t bias = 128 * D->rowsum[r];     // sum (q + 128) w = sum q w + 128 sum w
        return D->scale[r] * (job->xs[2 * t] * (float) (hi - bias) + job->xs[2 * t + 1] * (float) (lo - bias));
    }
    switch (D->type) {
    case TERN_DENSE_F32: return job->ops->dot_f32(D->k, (const float *) D->w + r * D->k, x);
    case TERN_DENSE_F16: return job->ops->dot_f16(D->k, (const uint16_t *) D->w + r * D->k, x);
    case TERN_DENSE_Q8: return job->ops->dot_q8(D->k, (const int8_t *) D->w + r * D->k, x) * D->scale[r];
    }
    return 0;
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
                       float * y) {
    struct dense_job job = { .D = D, .ops = tern_vec_ops_get(), .pool = pool, .m = m, .x = x, .y = y };
    if (D->type == TERN_DENSE_Q8 && job.ops->dot_u8s8x2 && D->rowsum) {
        job.xq = malloc(2 * m * D->k);
        job.xs = malloc(2 * m * sizeof(float));
        if (!job.xq || !job.xs) {
            free(job.xq);
            free(job.xs);
            job.xq = NULL;
            job.xs = NULL;
        }
        for (size_t t = 0; job.xq && t < m; t++) {
            quantize_two_terms(D->k, x + t * D->k, job.xq + 2 * t * D->k, job.xq + (2 * t + 1) * D->k, job.xs + 2 * t);
        }
    }
    const int threads = pool ? (nth > 0 && nth < tern_pool_size(pool) ? nth : tern_pool_size(pool)) : 1;
    if (threads <= 1) {
        dense_rows(&job, 0, D->n);
    } else {
        job.chunk = 256;
        job.chunks = (D->n + job.chunk - 1) / job.chunk;
        tern_pool_run(pool, threads, dense_task, &job);
    }
    free(job.xq);
    free(job.xs);
}
