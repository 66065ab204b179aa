// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #5 (i2s-q8-gemm, isa avx512bw)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx512bw (maddubs): 1 tokens x 4 channels, k-block 256.
// Each 64-byte vector of a row holds 4 * 64 codes (w + 1 in {0, 1, 2}); shift and mask give
// four vectors aligned with consecutive activations. Codes stay unsigned so u8 x s8
// maddubs applies: a pair of products is in [-512, 508], the 4 pairs summed per k-block
// stay within int16 (|sum| <= 2048 * 1), then madd(., 1) widens to int32 once per block.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"


void tern_i2s_q8_gemm_ukernel_1x4k256__avx512bw_maddubs(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..4
    size_t kc,                  // packed k, a multiple of 256
    const void * restrict w,    // (kc/256, 4, 64) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 4);
    assert(kc % 256 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const __m512i vmask3 = _mm512_set1_epi8(3);
    const __m512i vone16 = _mm512_set1_epi16(1);
    __m512i vacc0x0 = _mm512_setzero_si512();
    __m512i vacc0x1 = _mm512_setzero_si512();
    __m512i vacc0x2 = _mm512_setzero_si512();
    __m512i vacc0x3 = _mm512_setzero_si512();

    for (size_t k0 = 0; k0 < kc; k0 += 256) {
        {   // channel 0
        __m512i vp0 = _mm512_setzero_si512();
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 0));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0))));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64))));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128))));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192))));
        vacc0x0 = _mm512_add_epi32(vacc0x0, _mm512_madd_epi16(vp0, vone16));
        }
        {   // channel 1
        __m512i vp0 = _mm512_setzero_si512();
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 64));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0))));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64))));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128))));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192))));
        vacc0x1 = _mm512_add_epi32(vacc0x1, _mm512_madd_epi16(vp0, vone16));
        }
        {   // channel 2
        __m512i vp0 = _mm512_setzero_si512();
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 128));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0))));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64))));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128))));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192))));
        vacc0x2 = _mm512_add_epi32(vacc0x2, _mm512_madd_epi16(vp0, vone16));
        }
        {   // channel 3
        __m512i vp0 = _mm512_setzero_si512();
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 192));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0))));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64))));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128))));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192))));
        vacc0x3 = _mm512_add_epi32(vacc0x3, _mm512_madd_epi16(vp0, vone16));
        }
        wp += 256;
    }

    {
        int32_t row[4];
        row[0] = _mm512_reduce_add_epi32(vacc0x0);
        row[1] = _mm512_reduce_add_epi32(vacc0x1);
        row[2] = _mm512_reduce_add_epi32(vacc0x2);
        row[3] = _mm512_reduce_add_epi32(vacc0x3);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
}
