// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-prep.c.j2
//   Config:    configs/kernels.toml family #16 (tl2-q8-prep, isa avx2)
//   Generator: codegen/gen.py
//
// tl2 activation prep (avx2): per-token int8 quantization (DESIGN §2), then one 16-entry int16
// table per group of 3 activations, stored as 16 low bytes then 16 high bytes (32 bytes per
// group) so byte shuffles (pshufb / tbl) can look entries up exactly.
//   T[v] = w0 * a0 + w1 * a1 + w2 * a2 for v = 9 w0 + 3 w1 + w2 in 0..13  (|T| <= 384; the kernel
//   negates for v < 0)

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

void tern_tl2_q8_prep_ukernel__avx2(
    size_t k,                   // features of this token
    size_t kc,                  // padded k (a multiple of 6)
    const float * x,            // (k) f32
    void * a_out,               // (kc / 3, 32) tables: low bytes, high bytes
    int32_t * a_sum,            // (1) sum of the int8 activations
    float * amax_out)           // (1) max(|x|, 1e-5)
{
    assert(kc >= k && kc % 3 == 0);
    uint8_t * out = a_out;
    const size_t groups = kc / 3;
    // The int8 row goes to the end of the output: group g's table (bytes 32g..32g+31) is written
    // after group g is read and never reaches a later group's activations.
    int8_t * q = (int8_t *) out + groups * 32 - kc;
    quantize_row(k, kc, x, q, a_sum, amax_out);
    // Entry e = sum_i C[i][e] * a_i with C in {-1, 0, 1}: sign_epi16 applies a coefficient row to
    // a broadcast activation for all 16 entries at once; a byte shuffle + qword permute then
    // lays the int16 entries out as 16 low bytes and 16 high bytes.
    const __m256i vc0 = _mm256_setr_epi16(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    const __m256i vc1 = _mm256_setr_epi16(0, 0, 1, 1, 1, -1, -1, -1, 0, 0, 0, 1, 1, 1, 0, 0);
    const __m256i vc2 = _mm256_setr_epi16(0, 1, -1, 0, 1, -1, 0, 1, -1, 0, 1, -1, 0, 1, 0, 0);
    const __m256i vsplit = _mm256_setr_epi8(0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15,
                                            0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15);
    for (size_t g = 0; g < groups; g++) {
        const int8_t * ag = q + g * 3;
        __m256i t = _mm256_sign_epi16(_mm256_set1_epi16(ag[0]), vc0);
        t = _mm256_add_epi16(t, _mm256_sign_epi16(_mm256_set1_epi16(ag[1]), vc1));
        t = _mm256_add_epi16(t, _mm256_sign_epi16(_mm256_set1_epi16(ag[2]), vc2));
        // per 128-bit lane: 8 low bytes, 8 high bytes; qwords 0, 2, 1, 3 = 16 low, then 16 high
        t = _mm256_permute4x64_epi64(_mm256_shuffle_epi8(t, vsplit), 0xd8);
        _mm256_storeu_si256((__m256i *) (out + g * 32), t);
    }
}
