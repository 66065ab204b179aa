// Non-ternary operations (see tern/ops.h): conversions, norms, RoPE.

#include <math.h>
#include <string.h>

#include "tern/cpu.h"
#include "tern/ops.h"

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

void tern_rope_norm(float * x, size_t n_head, size_t dim, const float * cos_sin) {
    const size_t half = dim / 2;
    for (size_t h = 0; h < n_head; h++) {
        float * v = x + h * dim;
        for (size_t i = 0; i < half; i++) {
            const float c = cos_sin[i], s = cos_sin[half + i];
            const float x0 = v[2 * i], x1 = v[2 * i + 1];
            v[2 * i] = x0 * c - x1 * s;
            v[2 * i + 1] = x0 * s + x1 * c;
        }
    }
}

// ---------------------------------------------------------------------------- exp, gates

// ggml_v_expf, one value: x = n ln2 + b with n = round(x / ln2) (the 1.5 * 2^23 trick),
// e^b by a degree-5 polynomial, then scaled by 2^n; |n| > 192 saturates to 0 or inf.
float tern_expf(float x) {
    const float r = 0x1.8p23f;
    const float z = fmaf(x, 0x1.715476p+0f, r);
    const float n = z - r;
    const float b = fmaf(-n, 0x1.7f7d1cp-20f, fmaf(-n, 0x1.62e4p-1f, x));
    const float u = b * b;
    const float j = fmaf(fmaf(fmaf(0x1.0e4020p-7f, b, 0x1.573e2ep-5f), u, fmaf(0x1.555e66p-3f, b, 0x1.fffdb6p-2f)), u,
                         fmaf(0x1.ffffecp-1f, b, 1.0f));
    if (n != n) return n;
    if (fabsf(n) > 192) return n <= 0 ? 0.0f : INFINITY;
    return scalbnf(j, (int) n);
}

#if defined(__x86_64__)
#include <immintrin.h>

// The same arithmetic 16 lanes at a time (_mm512_scalef_ps is the scalbnf).
__attribute__((target("avx512f,avx512dq,fma"))) static void silu_mul_avx512(size_t n, float * g, const float * u) {
    const __m512 r = _mm512_set1_ps(0x1.8p23f), one = _mm512_set1_ps(1.0f), zero = _mm512_setzero_ps();
    for (size_t i = 0; i < n; i += 16) {
        const __m512 x = _mm512_loadu_ps(g + i), mx = _mm512_sub_ps(zero, x);
        const __m512 z = _mm512_fmadd_ps(mx, _mm512_set1_ps(0x1.715476p+0f), r);
        const __m512 nn = _mm512_sub_ps(z, r);
        const __m512 b = _mm512_fnmadd_ps(nn, _mm512_set1_ps(0x1.7f7d1cp-20f),
                                          _mm512_fnmadd_ps(nn, _mm512_set1_ps(0x1.62e4p-1f), mx));
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
        _mm512_storeu_ps(g + i, _mm512_mul_ps(_mm512_div_ps(x, _mm512_add_ps(one, e)), _mm512_loadu_ps(u + i)));
    }
}
#endif

void tern_silu_mul(size_t n, float * g, const float * u) {
    size_t i = 0;
#if defined(__x86_64__)
    const uint32_t need = TERN_CPU_AVX512F | TERN_CPU_AVX512DQ | TERN_CPU_FMA;
    if ((tern_cpu_get()->usable & need) == need) {
        silu_mul_avx512(n / 16 * 16, g, u);
        i = n / 16 * 16;
    }
#endif
    for (; i < n; i++) g[i] = g[i] / (1.0f + tern_expf(-g[i])) * u[i];
}

void tern_relu2_mul(size_t n, float * g, const float * u) {
    for (size_t i = 0; i < n; i++) {
        const float r = g[i] > 0 ? g[i] : 0.0f;
        g[i] = r * r * u[i];
    }
}
