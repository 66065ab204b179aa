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
    tern_vec_ops_get()->rmsnorm(n, x, w, eps, y);
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

void tern_attn_merge(size_t hd, size_t g, size_t parts, const float * outs, const float * maxs, const double * sums,
                     float * out) {
    for (size_t h = 0; h < g; h++) {
        float mx = -INFINITY;
        for (size_t p = 0; p < parts; p++) mx = maxs[p * g + h] > mx ? maxs[p * g + h] : mx;
        // Each part weighted by e^(its max - the max), normalized once at the end.
        double total = 0;
        float * o = out + h * hd;
        for (size_t i = 0; i < hd; i++) o[i] = 0;
        for (size_t p = 0; p < parts; p++) {
            const float e = tern_expf(maxs[p * g + h] - mx);
            const float * op = outs + (p * g + h) * hd;
            total += (double) e * sums[p * g + h];
            for (size_t i = 0; i < hd; i++) o[i] += e * op[i];
        }
        const float inv = (float) (1.0 / total);
        for (size_t i = 0; i < hd; i++) o[i] *= inv;
    }
}

void tern_silu_mul(size_t n, float * g, const float * u) {
    tern_vec_ops_get()->silu_mul(n, g, u);
}

void tern_relu2_mul(size_t n, float * restrict g, const float * restrict u) {
    for (size_t i = 0; i < n; i++) {
        // relu by a bit mask (g > 0 ? g : +0, NaN -> +0): with a branch or a select the compiler
        // keeps it scalar (it will not compute g * g where g may not be used).
        uint32_t bits;
        memcpy(&bits, &g[i], sizeof(bits));
        bits &= -(uint32_t) (g[i] > 0);
        float r;
        memcpy(&r, &bits, sizeof(r));
        g[i] = r * r * u[i];
    }
}
