// Auto-generated file. Do not edit!
//   Template:  templates/q8/q8-prep.c.j2
//   Config:    configs/kernels.toml family #1 (i2s-q8-prep, isa avx2)
//   Generator: codegen/gen.py
//
// Per-token int8 activation quantization (DESIGN §2), avx2: the int8 row zero-padded to kc
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
    const size_t kv = k / 8 * 8;

    const __m256 vabs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff));
    __m256 vmax = _mm256_setzero_ps();
    for (size_t i = 0; i < kv; i += 8) {
        vmax = _mm256_max_ps(vmax, _mm256_and_ps(_mm256_loadu_ps(x + i), vabs_mask));
    }
    __m128 m4 = _mm_max_ps(_mm256_castps256_ps128(vmax), _mm256_extractf128_ps(vmax, 1));
    m4 = _mm_max_ps(m4, _mm_movehl_ps(m4, m4));
    m4 = _mm_max_ss(m4, _mm_movehdup_ps(m4));
    float amax = _mm_cvtss_f32(m4);
    for (size_t i = kv; i < k; i++) {
        amax = fmaxf(amax, fabsf(x[i]));
    }
    amax = fmaxf(amax, 1e-5f);
    const float scale = 127.0f / amax;

    const __m256 vscale = _mm256_set1_ps(scale);
    const __m256i vlo = _mm256_set1_epi32(-128);
    const __m256i vhi = _mm256_set1_epi32(127);
    __m256i vsum = _mm256_setzero_si256();
    for (size_t i = 0; i < kv; i += 8) {
        __m256i q = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(x + i), vscale));
        q = _mm256_min_epi32(_mm256_max_epi32(q, vlo), vhi);
        vsum = _mm256_add_epi32(vsum, q);
        __m128i q16 = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
        _mm_storel_epi64((__m128i *) (a + i), _mm_packs_epi16(q16, q16));
    }
    __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(vsum), _mm256_extracti128_si256(vsum, 1));
    s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(1, 0, 3, 2)));
    s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(2, 3, 0, 1)));
    int32_t sum = _mm_cvtsi128_si32(s4);
    for (size_t i = kv; i < k; i++) {
        const int32_t q = tern_quantize_q8(x[i], scale);
        a[i] = (int8_t) q;
        sum += q;
    }
    memset(a + k, 0, kc - k);
    *a_sum = sum;
    *amax_out = amax;
}

void tern_i2s_q8_prep_ukernel__avx2(
    size_t k,                   // features of this token
    size_t kc,                  // padded length of a (>= k)
    const float * x,            // (k) f32
    void * a,                   // (kc) int8
    int32_t * a_sum,            // (1) sum of a
    float * amax)               // (1) max(|x|, 1e-5)
{
    quantize_row(k, kc, x, a, a_sum, amax);
}
