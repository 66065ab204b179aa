// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86-lane4.c.j2
//   Config:    configs/kernels.toml family #34 (i2s-q8-gemm, isa avxvnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avxvnni (vpdpbusd), lane4 layout: 12 tokens x 8 channels, k-block 64.
// A 32-byte vector holds 8 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask
// give, per field f, a vector whose lane l is k 4f..4f+3 of row l. Against 4 activations of a
// token broadcast to every lane, one vpdpbusd consumes 4 k of 8 rows: the tile is an outer
// product of 1 row vector(s) and 12 token(s) in 12 accumulators, and the unpack (shift,
// and) runs on other ports than the multiply-adds. Accumulator lanes are output channels.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <immintrin.h>

#include "tern/kernels.h"

// 4 activations (k .. k+3) of one token in every 32-bit lane.
static inline __m256i bcast4(const int8_t * p) {
    int32_t x;
    memcpy(&x, p, sizeof(x));
    return _mm256_set1_epi32(x);
}

void tern_i2s_q8_gemm_ukernel_12x8k64__avxvnni_vpdpbusd_lane4(
    size_t mr,                  // tokens in this tile, 1..12
    size_t nc,                  // channels to store, 1..8
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 1, 32) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 12);
    assert(nc >= 1 && nc <= 8);
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

    const __m256i vmask3 = _mm256_set1_epi8(3);
    __m256i vacc0x0s0 = _mm256_setzero_si256();
    __m256i vacc1x0s0 = _mm256_setzero_si256();
    __m256i vacc2x0s0 = _mm256_setzero_si256();
    __m256i vacc3x0s0 = _mm256_setzero_si256();
    __m256i vacc4x0s0 = _mm256_setzero_si256();
    __m256i vacc5x0s0 = _mm256_setzero_si256();
    __m256i vacc6x0s0 = _mm256_setzero_si256();
    __m256i vacc7x0s0 = _mm256_setzero_si256();
    __m256i vacc8x0s0 = _mm256_setzero_si256();
    __m256i vacc9x0s0 = _mm256_setzero_si256();
    __m256i vacc10x0s0 = _mm256_setzero_si256();
    __m256i vacc11x0s0 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // k 0 .. 15 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 0));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 0);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 0);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 0);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 0);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 0);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 0);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 0);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 0);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 0);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 0);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 0);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 0);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 4);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 4);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 4);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 4);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 4);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 4);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 4);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 4);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 4);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 4);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 4);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 4);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 8);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 8);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 8);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 8);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 8);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 8);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 8);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 8);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 8);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 8);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 8);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 8);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 12);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 12);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 12);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 12);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 12);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 12);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 12);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 12);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 12);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 12);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 12);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 12);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
        }
        {   // k 16 .. 31 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 32));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 16);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 16);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 16);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 16);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 16);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 16);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 16);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 16);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 16);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 16);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 16);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 16);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 20);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 20);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 20);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 20);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 20);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 20);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 20);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 20);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 20);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 20);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 20);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 20);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 24);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 24);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 24);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 24);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 24);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 24);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 24);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 24);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 24);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 24);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 24);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 24);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 28);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 28);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 28);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 28);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 28);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 28);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 28);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 28);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 28);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 28);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 28);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 28);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
        }
        {   // k 32 .. 47 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 64));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 32);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 32);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 32);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 32);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 32);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 32);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 32);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 32);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 32);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 32);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 32);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 32);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 36);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 36);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 36);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 36);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 36);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 36);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 36);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 36);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 36);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 36);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 36);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 36);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 40);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 40);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 40);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 40);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 40);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 40);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 40);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 40);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 40);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 40);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 40);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 40);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 44);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 44);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 44);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 44);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 44);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 44);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 44);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 44);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 44);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 44);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 44);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 44);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
        }
        {   // k 48 .. 63 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 96));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 48);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 48);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 48);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 48);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 48);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 48);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 48);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 48);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 48);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 48);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 48);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 48);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 52);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 52);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 52);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 52);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 52);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 52);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 52);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 52);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 52);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 52);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 52);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 52);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 56);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 56);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 56);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 56);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 56);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 56);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 56);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 56);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 56);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 56);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 56);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 56);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 60);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                const __m256i va1 = bcast4(a1 + k0 + 60);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                const __m256i va2 = bcast4(a2 + k0 + 60);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                const __m256i va3 = bcast4(a3 + k0 + 60);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                const __m256i va4 = bcast4(a4 + k0 + 60);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                const __m256i va5 = bcast4(a5 + k0 + 60);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                const __m256i va6 = bcast4(a6 + k0 + 60);
                vacc6x0s0 = _mm256_dpbusd_avx_epi32(vacc6x0s0, vq0, va6);
                const __m256i va7 = bcast4(a7 + k0 + 60);
                vacc7x0s0 = _mm256_dpbusd_avx_epi32(vacc7x0s0, vq0, va7);
                const __m256i va8 = bcast4(a8 + k0 + 60);
                vacc8x0s0 = _mm256_dpbusd_avx_epi32(vacc8x0s0, vq0, va8);
                const __m256i va9 = bcast4(a9 + k0 + 60);
                vacc9x0s0 = _mm256_dpbusd_avx_epi32(vacc9x0s0, vq0, va9);
                const __m256i va10 = bcast4(a10 + k0 + 60);
                vacc10x0s0 = _mm256_dpbusd_avx_epi32(vacc10x0s0, vq0, va10);
                const __m256i va11 = bcast4(a11 + k0 + 60);
                vacc11x0s0 = _mm256_dpbusd_avx_epi32(vacc11x0s0, vq0, va11);
            }
        }
        wp += 128;
    }

    // Lane l of row vector v is channel v*8 + l: subtract the activation sum and store.
    {
        const __m256i vsum = _mm256_set1_epi32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc0x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[0 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 1) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[1]);
        int32_t * ct = c + 1 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc1x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[1 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 2) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[2]);
        int32_t * ct = c + 2 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc2x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[2 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 3) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[3]);
        int32_t * ct = c + 3 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc3x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[3 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 4) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[4]);
        int32_t * ct = c + 4 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc4x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[4 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 5) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[5]);
        int32_t * ct = c + 5 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc5x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[5 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 6) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[6]);
        int32_t * ct = c + 6 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc6x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[6 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 7) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[7]);
        int32_t * ct = c + 7 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc7x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[7 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 8) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[8]);
        int32_t * ct = c + 8 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc8x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[8 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 9) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[9]);
        int32_t * ct = c + 9 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc9x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[9 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 10) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[10]);
        int32_t * ct = c + 10 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc10x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[10 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 11) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[11]);
        int32_t * ct = c + 11 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc11x0s0, vsum);
        if (nc == 8) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
        } else {
            int32_t tmp[8];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            for (size_t r = 0; r < nc; r++) {
                c[11 * c_stride + r] = tmp[r];
            }
        }
    }
}
