// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #3 (i2s-q8-gemm, isa avx2)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx2 (maddubs): 4 tokens x 2 channels, k-block 128.
// Each 32-byte vector of a row holds 4 * 32 codes (w + 1 in {0, 1, 2}); shift and mask give
// four vectors aligned with consecutive activations. Codes stay unsigned so u8 x s8
// maddubs applies: a pair of products is in [-512, 508], the 4 pairs summed per k-block
// stay within int16 (|sum| <= 2048 * 1), then madd(., 1) widens to int32 once per block.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

static inline int32_t hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(s);
}

void tern_i2s_q8_gemm_ukernel_4x2k128__avx2_maddubs(
    size_t mr,                  // tokens in this tile, 1..4
    size_t nc,                  // channels to store, 1..2
    size_t kc,                  // packed k, a multiple of 128
    const void * restrict w,    // (kc/128, 2, 32) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 4);
    assert(nc >= 1 && nc <= 2);
    assert(kc % 128 == 0);

    const uint8_t * wp = w;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;
    const int8_t * a1 = mr > 1 ? a0 + a_stride : a0;
    const int8_t * a2 = mr > 2 ? a1 + a_stride : a1;
    const int8_t * a3 = mr > 3 ? a2 + a_stride : a2;

    const __m256i vmask3 = _mm256_set1_epi8(3);
    const __m256i vone16 = _mm256_set1_epi16(1);
    __m256i vacc0x0 = _mm256_setzero_si256();
    __m256i vacc0x1 = _mm256_setzero_si256();
    __m256i vacc1x0 = _mm256_setzero_si256();
    __m256i vacc1x1 = _mm256_setzero_si256();
    __m256i vacc2x0 = _mm256_setzero_si256();
    __m256i vacc2x1 = _mm256_setzero_si256();
    __m256i vacc3x0 = _mm256_setzero_si256();
    __m256i vacc3x1 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 128) {
        {   // channel 0
        __m256i vp0 = _mm256_setzero_si256();
        __m256i vp1 = _mm256_setzero_si256();
        __m256i vp2 = _mm256_setzero_si256();
        __m256i vp3 = _mm256_setzero_si256();
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 0));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 0))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 0))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 0))));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 32))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 32))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 32))));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 64))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 64))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 64))));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 96))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 96))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 96))));
        vacc0x0 = _mm256_add_epi32(vacc0x0, _mm256_madd_epi16(vp0, vone16));
        vacc1x0 = _mm256_add_epi32(vacc1x0, _mm256_madd_epi16(vp1, vone16));
        vacc2x0 = _mm256_add_epi32(vacc2x0, _mm256_madd_epi16(vp2, vone16));
        vacc3x0 = _mm256_add_epi32(vacc3x0, _mm256_madd_epi16(vp3, vone16));
        }
        {   // channel 1
        __m256i vp0 = _mm256_setzero_si256();
        __m256i vp1 = _mm256_setzero_si256();
        __m256i vp2 = _mm256_setzero_si256();
        __m256i vp3 = _mm256_setzero_si256();
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 32));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 0))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 0))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_0, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 0))));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 32))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 32))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_1, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 32))));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 64))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 64))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_2, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 64))));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96))));
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a1 + k0 + 96))));
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a2 + k0 + 96))));
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vq0_3, _mm256_loadu_si256((const __m256i *) (a3 + k0 + 96))));
        vacc0x1 = _mm256_add_epi32(vacc0x1, _mm256_madd_epi16(vp0, vone16));
        vacc1x1 = _mm256_add_epi32(vacc1x1, _mm256_madd_epi16(vp1, vone16));
        vacc2x1 = _mm256_add_epi32(vacc2x1, _mm256_madd_epi16(vp2, vone16));
        vacc3x1 = _mm256_add_epi32(vacc3x1, _mm256_madd_epi16(vp3, vone16));
        }
        wp += 64;
    }

    {
        int32_t row[2];
        row[0] = hsum_epi32(vacc0x0);
        row[1] = hsum_epi32(vacc0x1);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
    if (mr > 1) {
        int32_t row[2];
        row[0] = hsum_epi32(vacc1x0);
        row[1] = hsum_epi32(vacc1x1);
        for (size_t r = 0; r < nc; r++) {
            c[1 * c_stride + r] = row[r] - a_sum[1];
        }
    }
    if (mr > 2) {
        int32_t row[2];
        row[0] = hsum_epi32(vacc2x0);
        row[1] = hsum_epi32(vacc2x1);
        for (size_t r = 0; r < nc; r++) {
            c[2 * c_stride + r] = row[r] - a_sum[2];
        }
    }
    if (mr > 3) {
        int32_t row[2];
        row[0] = hsum_epi32(vacc3x0);
        row[1] = hsum_epi32(vacc3x1);
        for (size_t r = 0; r < nc; r++) {
            c[3 * c_stride + r] = row[r] - a_sum[3];
        }
    }
}
