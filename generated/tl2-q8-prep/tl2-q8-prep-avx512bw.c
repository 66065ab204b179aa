// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-prep.c.j2
//   Config:    configs/kernels.toml family #16 (tl2-q8-prep, isa avx512bw)
//   Generator: codegen/gen.py
//
// tl2 activation prep (avx512bw): per-token int8 quantization (DESIGN §2), then one 16-entry int16
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

void tern_tl2_q8_prep_ukernel__avx512bw(
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
