// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #4 (i2s-q8-gemm, isa avxvnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avxvnni (vpdpbusd): 1 tokens x 4 channels, k-block 128.
// Each 32-byte vector of a row holds 4 * 32 codes (w + 1 in {0, 1, 2}); shift and mask give
// four vectors aligned with consecutive activations. Codes stay unsigned so u8 x s8
// vpdpbusd accumulates straight into int32 (4 products per lane, no saturation).
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

void tern_i2s_q8_gemm_ukernel_1x4k128__avxvnni_vpdpbusd(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..4
    size_t kc,                  // packed k, a multiple of 128
    const void * restrict w,    // (kc/128, 4, 32) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 4);
    assert(kc % 128 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const __m256i vmask3 = _mm256_set1_epi8(3);
    __m256i vacc0x0 = _mm256_setzero_si256();
    __m256i vacc0x1 = _mm256_setzero_si256();
    __m256i vacc0x2 = _mm256_setzero_si256();
    __m256i vacc0x3 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 128) {
        {   // channel 0
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 0));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vacc0x0 = _mm256_dpbusd_avx_epi32(vacc0x0, vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0)));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vacc0x0 = _mm256_dpbusd_avx_epi32(vacc0x0, vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32)));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vacc0x0 = _mm256_dpbusd_avx_epi32(vacc0x0, vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64)));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vacc0x0 = _mm256_dpbusd_avx_epi32(vacc0x0, vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96)));
        }
        {   // channel 1
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 32));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vacc0x1 = _mm256_dpbusd_avx_epi32(vacc0x1, vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0)));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vacc0x1 = _mm256_dpbusd_avx_epi32(vacc0x1, vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32)));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vacc0x1 = _mm256_dpbusd_avx_epi32(vacc0x1, vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64)));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vacc0x1 = _mm256_dpbusd_avx_epi32(vacc0x1, vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96)));
        }
        {   // channel 2
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 64));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vacc0x2 = _mm256_dpbusd_avx_epi32(vacc0x2, vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0)));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vacc0x2 = _mm256_dpbusd_avx_epi32(vacc0x2, vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32)));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vacc0x2 = _mm256_dpbusd_avx_epi32(vacc0x2, vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64)));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vacc0x2 = _mm256_dpbusd_avx_epi32(vacc0x2, vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96)));
        }
        {   // channel 3
        const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 96));
        const __m256i vq0_0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
        vacc0x3 = _mm256_dpbusd_avx_epi32(vacc0x3, vq0_0, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 0)));
        const __m256i vq0_1 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
        vacc0x3 = _mm256_dpbusd_avx_epi32(vacc0x3, vq0_1, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 32)));
        const __m256i vq0_2 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
        vacc0x3 = _mm256_dpbusd_avx_epi32(vacc0x3, vq0_2, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 64)));
        const __m256i vq0_3 = _mm256_and_si256(vw0, vmask3);
        vacc0x3 = _mm256_dpbusd_avx_epi32(vacc0x3, vq0_3, _mm256_loadu_si256((const __m256i *) (a0 + k0 + 96)));
        }
        wp += 128;
    }

    {
        int32_t row[4];
        row[0] = hsum_epi32(vacc0x0);
        row[1] = hsum_epi32(vacc0x1);
        row[2] = hsum_epi32(vacc0x2);
        row[3] = hsum_epi32(vacc0x3);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
}
