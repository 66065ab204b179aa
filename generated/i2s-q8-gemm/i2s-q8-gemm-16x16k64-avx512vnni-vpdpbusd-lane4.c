// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86-lane4.c.j2
//   Config:    configs/kernels.toml family #32 (i2s-q8-gemm, isa avx512vnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx512vnni (vpdpbusd), lane4 layout: 16 tokens x 16 channels, k-block 64.
// A 64-byte vector holds 16 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask
// give, per field f, a vector whose lane l is k 4f..4f+3 of row l. Against 4 activations of a
// token broadcast to every lane, one vpdpbusd consumes 4 k of 16 rows: the tile is an outer
// product of 1 row vector(s) and 16 token(s) in 16 accumulators, and the unpack (shift,
// and) runs on other ports than the multiply-adds. Accumulator lanes are output channels.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <immintrin.h>

#include "tern/kernels.h"

// 4 activations (k .. k+3) of one token in every 32-bit lane.
static inline __m512i bcast4(const int8_t * p) {
    int32_t x;
    memcpy(&x, p, sizeof(x));
    return _mm512_set1_epi32(x);
}

void tern_i2s_q8_gemm_ukernel_16x16k64__avx512vnni_vpdpbusd_lane4(
    size_t mr,                  // tokens in this tile, 1..16
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 1, 64) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 16);
    assert(nc >= 1 && nc <= 16);
    assert(kc % 64 == 0);

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
    const int8_t * a8 = mr > 8 ? a7 + a_stride : a7;
    const int8_t * a9 = mr > 9 ? a8 + a_stride : a8;
    const int8_t * a10 = mr > 10 ? a9 + a_stride : a9;
    const int8_t * a11 = mr > 11 ? a10 + a_stride : a10;
    const int8_t * a12 = mr > 12 ? a11 + a_stride : a11;
    const int8_t * a13 = mr > 13 ? a12 + a_stride : a12;
    const int8_t * a14 = mr > 14 ? a13 + a_stride : a13;
    const int8_t * a15 = mr > 15 ? a14 + a_stride : a14;

    const __m512i vmask3 = _mm512_set1_epi8(3);
    __m512i vacc0x0s0 = _mm512_setzero_si512();
    __m512i vacc1x0s0 = _mm512_setzero_si512();
    __m512i vacc2x0s0 = _mm512_setzero_si512();
    __m512i vacc3x0s0 = _mm512_setzero_si512();
    __m512i vacc4x0s0 = _mm512_setzero_si512();
    __m512i vacc5x0s0 = _mm512_setzero_si512();
    __m512i vacc6x0s0 = _mm512_setzero_si512();
    __m512i vacc7x0s0 = _mm512_setzero_si512();
    __m512i vacc8x0s0 = _mm512_setzero_si512();
    __m512i vacc9x0s0 = _mm512_setzero_si512();
    __m512i vacc10x0s0 = _mm512_setzero_si512();
    __m512i vacc11x0s0 = _mm512_setzero_si512();
    __m512i vacc12x0s0 = _mm512_setzero_si512();
    __m512i vacc13x0s0 = _mm512_setzero_si512();
    __m512i vacc14x0s0 = _mm512_setzero_si512();
    __m512i vacc15x0s0 = _mm512_setzero_si512();

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // k 0 .. 15 of the block
            const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 0));
            {
                const __m512i vq0 = _mm512_and_si512(vw0, vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 0);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 0);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 0);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 0);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 0);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 0);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 0);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 0);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 0);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 0);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 0);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 0);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 0);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 0);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 0);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 0);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 4);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 4);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 4);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 4);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 4);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 4);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 4);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 4);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 4);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 4);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 4);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 4);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 4);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 4);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 4);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 4);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 8);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 8);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 8);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 8);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 8);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 8);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 8);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 8);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 8);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 8);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 8);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 8);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 8);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 8);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 8);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 8);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 12);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 12);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 12);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 12);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 12);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 12);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 12);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 12);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 12);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 12);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 12);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 12);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 12);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 12);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 12);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 12);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
        }
        {   // k 16 .. 31 of the block
            const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 64));
            {
                const __m512i vq0 = _mm512_and_si512(vw0, vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 16);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 16);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 16);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 16);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 16);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 16);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 16);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 16);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 16);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 16);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 16);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 16);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 16);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 16);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 16);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 16);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 20);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 20);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 20);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 20);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 20);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 20);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 20);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 20);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 20);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 20);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 20);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 20);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 20);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 20);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 20);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 20);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 24);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 24);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 24);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 24);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 24);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 24);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 24);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 24);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 24);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 24);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 24);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 24);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 24);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 24);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 24);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 24);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 28);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 28);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 28);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 28);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 28);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 28);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 28);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 28);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 28);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 28);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 28);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 28);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 28);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 28);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 28);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 28);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
        }
        {   // k 32 .. 47 of the block
            const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 128));
            {
                const __m512i vq0 = _mm512_and_si512(vw0, vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 32);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 32);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 32);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 32);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 32);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 32);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 32);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 32);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 32);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 32);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 32);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 32);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 32);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 32);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 32);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 32);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 36);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 36);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 36);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 36);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 36);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 36);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 36);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 36);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 36);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 36);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 36);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 36);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 36);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 36);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 36);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 36);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 40);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 40);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 40);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 40);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 40);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 40);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 40);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 40);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 40);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 40);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 40);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 40);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 40);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 40);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 40);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 40);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 44);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 44);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 44);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 44);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 44);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 44);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 44);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 44);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 44);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 44);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 44);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 44);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 44);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 44);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 44);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 44);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
        }
        {   // k 48 .. 63 of the block
            const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 192));
            {
                const __m512i vq0 = _mm512_and_si512(vw0, vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 48);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 48);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 48);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 48);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 48);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 48);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 48);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 48);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 48);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 48);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 48);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 48);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 48);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 48);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 48);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 48);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 52);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 52);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 52);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 52);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 52);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 52);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 52);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 52);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 52);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 52);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 52);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 52);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 52);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 52);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 52);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 52);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 56);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 56);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 56);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 56);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 56);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 56);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 56);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 56);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 56);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 56);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 56);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 56);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 56);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 56);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 56);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 56);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
            {
                const __m512i vq0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
                const __m512i va0 = bcast4(a0 + k0 + 60);
                vacc0x0s0 = _mm512_dpbusd_epi32(vacc0x0s0, vq0, va0);
                const __m512i va1 = bcast4(a1 + k0 + 60);
                vacc1x0s0 = _mm512_dpbusd_epi32(vacc1x0s0, vq0, va1);
                const __m512i va2 = bcast4(a2 + k0 + 60);
                vacc2x0s0 = _mm512_dpbusd_epi32(vacc2x0s0, vq0, va2);
                const __m512i va3 = bcast4(a3 + k0 + 60);
                vacc3x0s0 = _mm512_dpbusd_epi32(vacc3x0s0, vq0, va3);
                const __m512i va4 = bcast4(a4 + k0 + 60);
                vacc4x0s0 = _mm512_dpbusd_epi32(vacc4x0s0, vq0, va4);
                const __m512i va5 = bcast4(a5 + k0 + 60);
                vacc5x0s0 = _mm512_dpbusd_epi32(vacc5x0s0, vq0, va5);
                const __m512i va6 = bcast4(a6 + k0 + 60);
                vacc6x0s0 = _mm512_dpbusd_epi32(vacc6x0s0, vq0, va6);
                const __m512i va7 = bcast4(a7 + k0 + 60);
                vacc7x0s0 = _mm512_dpbusd_epi32(vacc7x0s0, vq0, va7);
                const __m512i va8 = bcast4(a8 + k0 + 60);
                vacc8x0s0 = _mm512_dpbusd_epi32(vacc8x0s0, vq0, va8);
                const __m512i va9 = bcast4(a9 + k0 + 60);
                vacc9x0s0 = _mm512_dpbusd_epi32(vacc9x0s0, vq0, va9);
                const __m512i va10 = bcast4(a10 + k0 + 60);
                vacc10x0s0 = _mm512_dpbusd_epi32(vacc10x0s0, vq0, va10);
                const __m512i va11 = bcast4(a11 + k0 + 60);
                vacc11x0s0 = _mm512_dpbusd_epi32(vacc11x0s0, vq0, va11);
                const __m512i va12 = bcast4(a12 + k0 + 60);
                vacc12x0s0 = _mm512_dpbusd_epi32(vacc12x0s0, vq0, va12);
                const __m512i va13 = bcast4(a13 + k0 + 60);
                vacc13x0s0 = _mm512_dpbusd_epi32(vacc13x0s0, vq0, va13);
                const __m512i va14 = bcast4(a14 + k0 + 60);
                vacc14x0s0 = _mm512_dpbusd_epi32(vacc14x0s0, vq0, va14);
                const __m512i va15 = bcast4(a15 + k0 + 60);
                vacc15x0s0 = _mm512_dpbusd_epi32(vacc15x0s0, vq0, va15);
            }
        }
        wp += 256;
    }

    // Lane l of row vector v is channel v*16 + l: subtract the activation sum and store.
    {
        const __m512i vsum = _mm512_set1_epi32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc0x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[0 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 1) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[1]);
        int32_t * ct = c + 1 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc1x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[1 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 2) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[2]);
        int32_t * ct = c + 2 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc2x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[2 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 3) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[3]);
        int32_t * ct = c + 3 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc3x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[3 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 4) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[4]);
        int32_t * ct = c + 4 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc4x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[4 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 5) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[5]);
        int32_t * ct = c + 5 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc5x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[5 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 6) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[6]);
        int32_t * ct = c + 6 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc6x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[6 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 7) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[7]);
        int32_t * ct = c + 7 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc7x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[7 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 8) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[8]);
        int32_t * ct = c + 8 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc8x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[8 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 9) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[9]);
        int32_t * ct = c + 9 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc9x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[9 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 10) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[10]);
        int32_t * ct = c + 10 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc10x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[10 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 11) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[11]);
        int32_t * ct = c + 11 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc11x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[11 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 12) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[12]);
        int32_t * ct = c + 12 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc12x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[12 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 13) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[13]);
        int32_t * ct = c + 13 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc13x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[13 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 14) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[14]);
        int32_t * ct = c + 14 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc14x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[14 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 15) {
        const __m512i vsum = _mm512_set1_epi32(a_sum[15]);
        int32_t * ct = c + 15 * c_stride;
        const __m512i vc0 = _mm512_sub_epi32(vacc15x0s0, vsum);
        if (nc == 16) {
            _mm512_storeu_si512((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[16];
            _mm512_storeu_si512((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[15 * c_stride + r] = tmp[r];
            }
        }
    }
}
