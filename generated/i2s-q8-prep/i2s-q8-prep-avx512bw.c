// Auto-generated file. Do not edit!
//   Template:  templates/q8/q8-prep.c.j2
//   Config:    configs/kernels.toml family #1 (i2s-q8-prep, isa avx512bw)
//   Generator: codegen/gen.py
//
// Per-token int8 activation quantization (DESIGN §2), avx512bw: the int8 row zero-padded to kc
// and its sum, which lets i2s kernels keep the weight codes unsigned.

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <immintrin.h>

#include "tern/kernels.h"

static void quantize_row(size_t k, size_t kc, const float * x, int8_t * a, int32_t * a_sum, float * amax_out) {
    assert(kc >= k);
    const size_t kv = k / 16 * 16;

    __m512 vmax = _mm512_setzero_ps();
    for (size_t i = 0; i < kv; i += 16) {
        vmax = _mm512_max_ps(vmax, _mm512_abs_ps(_mm512_loadu_ps(x + i)));
    }
    float amax = _mm512_reduce_max_ps(vmax);
    for (size_t i = kv; i < k; i++) {
        amax = fmaxf(amax, fabsf(x[i]));
    }
    amax = fmaxf(amax, 1e-5f);
    const float scale = 127.0f / amax;

    const __m512 vscale = _mm512_set1_ps(scale);
    const __m512i vlo = _mm512_set1_epi32(-128);
    const __m512i vhi = _mm512_set1_epi32(127);
    __m512i vsum = _mm512_setzero_si512();
    for (size_t i = 0; i < kv; i += 16) {
        __m512i q = _mm512_cvtps_epi32(_mm512_mul_ps(_mm512_loadu_ps(x + i), vscale));
        q = _mm512_min_epi32(_mm512_max_epi32(q, vlo), vhi);
        vsum = _mm512_add_epi32(vsum, q);
        _mm_storeu_si128((__m128i *) (a + i), _mm512_cvtepi32_epi8(q));
    }
    int32_t sum = _mm512_reduce_add_epi32(vsum);
    for (size_t i = kv; i < k; i++) {
        const int32_t q = tern_quantize_q8(x[i], scale);
        a[i] = (int8_t) q;
        sum += q;
    }
    memset(a + k, 0, kc - k);
    *a_sum = sum;
    *amax_out = amax;
}

void tern_i2s_q8_prep_ukernel__avx512bw(
    size_t k,                   // features of this token
    size_t kc,                  // padded length of a (>= k)
    const float * x,            // (k) f32
    void * a,                   // (kc) int8
    int32_t * a_sum,            // (1) sum of a
    float * amax)               // (1) max(|x|, 1e-5)
{
    quantize_row(k, kc, x, a, a_sum, amax);
}
