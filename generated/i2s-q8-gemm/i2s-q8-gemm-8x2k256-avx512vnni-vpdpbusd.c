// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #6 (i2s-q8-gemm, isa avx512vnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx512vnni (vpdpbusd): 8 tokens x 2 channels, k-block 256.
// Each 64-byte vector of a row holds 4 * 64 codes (w + 1 in {0, 1, 2}); shift and mask give
// four vectors aligned with consecutive activations. Codes stay unsigned so u8 x s8
// vpdpbusd accumulates straight into int32 (4 products per lane, no saturation).
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"


void tern_i2s_q8_gemm_ukernel_8x2k256__avx512vnni_vpdpbusd(
    size_t mr,                  // tokens in this tile, 1..8
    size_t nc,                  // channels to store, 1..2
    size_t kc,                  // packed k, a multiple of 256
    const void * restrict w,    // (kc/256, 2, 64) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 8);
    assert(nc >= 1 && nc <= 2);
    assert(kc % 256 == 0);

    const uint8_t * wp = w;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;
    const int8_t * a1 = mr > 1 ? a0 + a_stride : a0;
    const int8_t * a2 = mr > 2 ? a1 + a_stride : a1;
    const int8_t * a3 = mr > 3 ? a2 + a_stride : a2;
    const int8_t * a4 = mr > 4 ? a3 + a_stride : a3;
    const int8_t * a5 = mr > 5 ? a4 + a_stride : a4;
    const int8_t * a6 = mr > 6 ? a5 + a_stride : a5;
    const int8_t * a7 = mr > 7 ? a6 + a_stride : a6;

    const __m512i vmask3 = _mm512_set1_epi8(3);
    __m512i vacc0x0 = _mm512_setzero_si512();
    __m512i vacc0x1 = _mm512_setzero_si512();
    __m512i vacc1x0 = _mm512_setzero_si512();
    __m512i vacc1x1 = _mm512_setzero_si512();
    __m512i vacc2x0 = _mm512_setzero_si512();
    __m512i vacc2x1 = _mm512_setzero_si512();
    __m512i vacc3x0 = _mm512_setzero_si512();
    __m512i vacc3x1 = _mm512_setzero_si512();
    __m512i vacc4x0 = _mm512_setzero_si512();
    __m512i vacc4x1 = _mm512_setzero_si512();
    __m512i vacc5x0 = _mm512_setzero_si512();
    __m512i vacc5x1 = _mm512_setzero_si512();
    __m512i vacc6x0 = _mm512_setzero_si512();
    __m512i vacc6x1 = _mm512_setzero_si512();
    __m512i vacc7x0 = _mm512_setzero_si512();
    __m512i vacc7x1 = _mm512_setzero_si512();

    for (size_t k0 = 0; k0 < kc; k0 += 256) {
        {   // channel 0
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 0));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        vacc1x0 = _mm512_dpbusd_epi32(vacc1x0, vq0_0, _mm512_loadu_si512((const void *) (a1 + k0 + 0)));
        vacc2x0 = _mm512_dpbusd_epi32(vacc2x0, vq0_0, _mm512_loadu_si512((const void *) (a2 + k0 + 0)));
        vacc3x0 = _mm512_dpbusd_epi32(vacc3x0, vq0_0, _mm512_loadu_si512((const void *) (a3 + k0 + 0)));
        vacc4x0 = _mm512_dpbusd_epi32(vacc4x0, vq0_0, _mm512_loadu_si512((const void *) (a4 + k0 + 0)));
        vacc5x0 = _mm512_dpbusd_epi32(vacc5x0, vq0_0, _mm512_loadu_si512((const void *) (a5 + k0 + 0)));
        vacc6x0 = _mm512_dpbusd_epi32(vacc6x0, vq0_0, _mm512_loadu_si512((const void *) (a6 + k0 + 0)));
        vacc7x0 = _mm512_dpbusd_epi32(vacc7x0, vq0_0, _mm512_loadu_si512((const void *) (a7 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        vacc1x0 = _mm512_dpbusd_epi32(vacc1x0, vq0_1, _mm512_loadu_si512((const void *) (a1 + k0 + 64)));
        vacc2x0 = _mm512_dpbusd_epi32(vacc2x0, vq0_1, _mm512_loadu_si512((const void *) (a2 + k0 + 64)));
        vacc3x0 = _mm512_dpbusd_epi32(vacc3x0, vq0_1, _mm512_loadu_si512((const void *) (a3 + k0 + 64)));
        vacc4x0 = _mm512_dpbusd_epi32(vacc4x0, vq0_1, _mm512_loadu_si512((const void *) (a4 + k0 + 64)));
        vacc5x0 = _mm512_dpbusd_epi32(vacc5x0, vq0_1, _mm512_loadu_si512((const void *) (a5 + k0 + 64)));
        vacc6x0 = _mm512_dpbusd_epi32(vacc6x0, vq0_1, _mm512_loadu_si512((const void *) (a6 + k0 + 64)));
        vacc7x0 = _mm512_dpbusd_epi32(vacc7x0, vq0_1, _mm512_loadu_si512((const void *) (a7 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        vacc1x0 = _mm512_dpbusd_epi32(vacc1x0, vq0_2, _mm512_loadu_si512((const void *) (a1 + k0 + 128)));
        vacc2x0 = _mm512_dpbusd_epi32(vacc2x0, vq0_2, _mm512_loadu_si512((const void *) (a2 + k0 + 128)));
        vacc3x0 = _mm512_dpbusd_epi32(vacc3x0, vq0_2, _mm512_loadu_si512((const void *) (a3 + k0 + 128)));
        vacc4x0 = _mm512_dpbusd_epi32(vacc4x0, vq0_2, _mm512_loadu_si512((const void *) (a4 + k0 + 128)));
        vacc5x0 = _mm512_dpbusd_epi32(vacc5x0, vq0_2, _mm512_loadu_si512((const void *) (a5 + k0 + 128)));
        vacc6x0 = _mm512_dpbusd_epi32(vacc6x0, vq0_2, _mm512_loadu_si512((const void *) (a6 + k0 + 128)));
        vacc7x0 = _mm512_dpbusd_epi32(vacc7x0, vq0_2, _mm512_loadu_si512((const void *) (a7 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        vacc1x0 = _mm512_dpbusd_epi32(vacc1x0, vq0_3, _mm512_loadu_si512((const void *) (a1 + k0 + 192)));
        vacc2x0 = _mm512_dpbusd_epi32(vacc2x0, vq0_3, _mm512_loadu_si512((const void *) (a2 + k0 + 192)));
        vacc3x0 = _mm512_dpbusd_epi32(vacc3x0, vq0_3, _mm512_loadu_si512((const void *) (a3 + k0 + 192)));
        vacc4x0 = _mm512_dpbusd_epi32(vacc4x0, vq0_3, _mm512_loadu_si512((const void *) (a4 + k0 + 192)));
        vacc5x0 = _mm512_dpbusd_epi32(vacc5x0, vq0_3, _mm512_loadu_si512((const void *) (a5 + k0 + 192)));
        vacc6x0 = _mm512_dpbusd_epi32(vacc6x0, vq0_3, _mm512_loadu_si512((const void *) (a6 + k0 + 192)));
        vacc7x0 = _mm512_dpbusd_epi32(vacc7x0, vq0_3, _mm512_loadu_si512((const void *) (a7 + k0 + 192)));
        }
        {   // channel 1
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 64));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        vacc1x1 = _mm512_dpbusd_epi32(vacc1x1, vq0_0, _mm512_loadu_si512((const void *) (a1 + k0 + 0)));
        vacc2x1 = _mm512_dpbusd_epi32(vacc2x1, vq0_0, _mm512_loadu_si512((const void *) (a2 + k0 + 0)));
        vacc3x1 = _mm512_dpbusd_epi32(vacc3x1, vq0_0, _mm512_loadu_si512((const void *) (a3 + k0 + 0)));
        vacc4x1 = _mm512_dpbusd_epi32(vacc4x1, vq0_0, _mm512_loadu_si512((const void *) (a4 + k0 + 0)));
        vacc5x1 = _mm512_dpbusd_epi32(vacc5x1, vq0_0, _mm512_loadu_si512((const void *) (a5 + k0 + 0)));
        vacc6x1 = _mm512_dpbusd_epi32(vacc6x1, vq0_0, _mm512_loadu_si512((const void *) (a6 + k0 + 0)));
        vacc7x1 = _mm512_dpbusd_epi32(vacc7x1, vq0_0, _mm512_loadu_si512((const void *) (a7 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        vacc1x1 = _mm512_dpbusd_epi32(vacc1x1, vq0_1, _mm512_loadu_si512((const void *) (a1 + k0 + 64)));
        vacc2x1 = _mm512_dpbusd_epi32(vacc2x1, vq0_1, _mm512_loadu_si512((const void *) (a2 + k0 + 64)));
        vacc3x1 = _mm512_dpbusd_epi32(vacc3x1, vq0_1, _mm512_loadu_si512((const void *) (a3 + k0 + 64)));
        vacc4x1 = _mm512_dpbusd_epi32(vacc4x1, vq0_1, _mm512_loadu_si512((const void *) (a4 + k0 + 64)));
        vacc5x1 = _mm512_dpbusd_epi32(vacc5x1, vq0_1, _mm512_loadu_si512((const void *) (a5 + k0 + 64)));
        vacc6x1 = _mm512_dpbusd_epi32(vacc6x1, vq0_1, _mm512_loadu_si512((const void *) (a6 + k0 + 64)));
        vacc7x1 = _mm512_dpbusd_epi32(vacc7x1, vq0_1, _mm512_loadu_si512((const void *) (a7 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        vacc1x1 = _mm512_dpbusd_epi32(vacc1x1, vq0_2, _mm512_loadu_si512((const void *) (a1 + k0 + 128)));
        vacc2x1 = _mm512_dpbusd_epi32(vacc2x1, vq0_2, _mm512_loadu_si512((const void *) (a2 + k0 + 128)));
        vacc3x1 = _mm512_dpbusd_epi32(vacc3x1, vq0_2, _mm512_loadu_si512((const void *) (a3 + k0 + 128)));
        vacc4x1 = _mm512_dpbusd_epi32(vacc4x1, vq0_2, _mm512_loadu_si512((const void *) (a4 + k0 + 128)));
        vacc5x1 = _mm512_dpbusd_epi32(vacc5x1, vq0_2, _mm512_loadu_si512((const void *) (a5 + k0 + 128)));
        vacc6x1 = _mm512_dpbusd_epi32(vacc6x1, vq0_2, _mm512_loadu_si512((const void *) (a6 + k0 + 128)));
        vacc7x1 = _mm512_dpbusd_epi32(vacc7x1, vq0_2, _mm512_loadu_si512((const void *) (a7 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        vacc1x1 = _mm512_dpbusd_epi32(vacc1x1, vq0_3, _mm512_loadu_si512((const void *) (a1 + k0 + 192)));
        vacc2x1 = _mm512_dpbusd_epi32(vacc2x1, vq0_3, _mm512_loadu_si512((const void *) (a2 + k0 + 192)));
        vacc3x1 = _mm512_dpbusd_epi32(vacc3x1, vq0_3, _mm512_loadu_si512((const void *) (a3 + k0 + 192)));
        vacc4x1 = _mm512_dpbusd_epi32(vacc4x1, vq0_3, _mm512_loadu_si512((const void *) (a4 + k0 + 192)));
        vacc5x1 = _mm512_dpbusd_epi32(vacc5x1, vq0_3, _mm512_loadu_si512((const void *) (a5 + k0 + 192)));
        vacc6x1 = _mm512_dpbusd_epi32(vacc6x1, vq0_3, _mm512_loadu_si512((const void *) (a6 + k0 + 192)));
        vacc7x1 = _mm512_dpbusd_epi32(vacc7x1, vq0_3, _mm512_loadu_si512((const void *) (a7 + k0 + 192)));
        }
        wp += 128;
    }

    {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc0x0);
        row[1] = _mm512_reduce_add_epi32(vacc0x1);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
    if (mr > 1) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc1x0);
        row[1] = _mm512_reduce_add_epi32(vacc1x1);
        for (size_t r = 0; r < nc; r++) {
            c[1 * c_stride + r] = row[r] - a_sum[1];
        }
    }
    if (mr > 2) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc2x0);
        row[1] = _mm512_reduce_add_epi32(vacc2x1);
        for (size_t r = 0; r < nc; r++) {
            c[2 * c_stride + r] = row[r] - a_sum[2];
        }
    }
    if (mr > 3) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc3x0);
        row[1] = _mm512_reduce_add_epi32(vacc3x1);
        for (size_t r = 0; r < nc; r++) {
            c[3 * c_stride + r] = row[r] - a_sum[3];
        }
    }
    if (mr > 4) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc4x0);
        row[1] = _mm512_reduce_add_epi32(vacc4x1);
        for (size_t r = 0; r < nc; r++) {
            c[4 * c_stride + r] = row[r] - a_sum[4];
        }
    }
    if (mr > 5) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc5x0);
        row[1] = _mm512_reduce_add_epi32(vacc5x1);
        for (size_t r = 0; r < nc; r++) {
            c[5 * c_stride + r] = row[r] - a_sum[5];
        }
    }
    if (mr > 6) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc6x0);
        row[1] = _mm512_reduce_add_epi32(vacc6x1);
        for (size_t r = 0; r < nc; r++) {
            c[6 * c_stride + r] = row[r] - a_sum[6];
        }
    }
    if (mr > 7) {
        int32_t row[2];
        row[0] = _mm512_reduce_add_epi32(vacc7x0);
        row[1] = _mm512_reduce_add_epi32(vacc7x1);
        for (size_t r = 0; r < nc; r++) {
            c[7 * c_stride + r] = row[r] - a_sum[7];
        }
    }
}
