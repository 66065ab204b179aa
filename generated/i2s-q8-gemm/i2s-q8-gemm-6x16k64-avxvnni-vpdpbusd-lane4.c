// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86-lane4.c.j2
//   Config:    configs/kernels.toml family #34 (i2s-q8-gemm, isa avxvnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avxvnni (vpdpbusd), lane4 layout: 6 tokens x 16 channels, k-block 64.
// A 32-byte vector holds 8 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask
// give, per field f, a vector whose lane l is k 4f..4f+3 of row l. Against 4 activations of a
// token broadcast to every lane, one vpdpbusd consumes 4 k of 8 rows: the tile is an outer
// product of 2 row vector(s) and 6 token(s) in 12 accumulators, and the unpack (shift,
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

void tern_i2s_q8_gemm_ukernel_6x16k64__avxvnni_vpdpbusd_lane4(
    size_t mr,                  // tokens in this tile, 1..6
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 2, 32) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 6);
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

    const __m256i vmask3 = _mm256_set1_epi8(3);
    __m256i vacc0x0s0 = _mm256_setzero_si256();
    __m256i vacc0x1s0 = _mm256_setzero_si256();
    __m256i vacc1x0s0 = _mm256_setzero_si256();
    __m256i vacc1x1s0 = _mm256_setzero_si256();
    __m256i vacc2x0s0 = _mm256_setzero_si256();
    __m256i vacc2x1s0 = _mm256_setzero_si256();
    __m256i vacc3x0s0 = _mm256_setzero_si256();
    __m256i vacc3x1s0 = _mm256_setzero_si256();
    __m256i vacc4x0s0 = _mm256_setzero_si256();
    __m256i vacc4x1s0 = _mm256_setzero_si256();
    __m256i vacc5x0s0 = _mm256_setzero_si256();
    __m256i vacc5x1s0 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // k 0 .. 15 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 0));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 32));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 0);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 0);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 0);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 0);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 0);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 0);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 4);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 4);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 4);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 4);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 4);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 4);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 8);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 8);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 8);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 8);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 8);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 8);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 12);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 12);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 12);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 12);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 12);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 12);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
        }
        {   // k 16 .. 31 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 64));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 96));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 16);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 16);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 16);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 16);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 16);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 16);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 20);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 20);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 20);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 20);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 20);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 20);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 24);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 24);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 24);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 24);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 24);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 24);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 28);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 28);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 28);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 28);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 28);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 28);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
        }
        {   // k 32 .. 47 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 128));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 160));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 32);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 32);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 32);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 32);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 32);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 32);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 36);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 36);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 36);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 36);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 36);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 36);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 40);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 40);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 40);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 40);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 40);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 40);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 44);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 44);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 44);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 44);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 44);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 44);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
        }
        {   // k 48 .. 63 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 192));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 224));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 48);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 48);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 48);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 48);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 48);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 48);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 52);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 52);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 52);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 52);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 52);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 52);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 56);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 56);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 56);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 56);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 56);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 56);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 60);
                vacc0x0s0 = _mm256_dpbusd_avx_epi32(vacc0x0s0, vq0, va0);
                vacc0x1s0 = _mm256_dpbusd_avx_epi32(vacc0x1s0, vq1, va0);
                const __m256i va1 = bcast4(a1 + k0 + 60);
                vacc1x0s0 = _mm256_dpbusd_avx_epi32(vacc1x0s0, vq0, va1);
                vacc1x1s0 = _mm256_dpbusd_avx_epi32(vacc1x1s0, vq1, va1);
                const __m256i va2 = bcast4(a2 + k0 + 60);
                vacc2x0s0 = _mm256_dpbusd_avx_epi32(vacc2x0s0, vq0, va2);
                vacc2x1s0 = _mm256_dpbusd_avx_epi32(vacc2x1s0, vq1, va2);
                const __m256i va3 = bcast4(a3 + k0 + 60);
                vacc3x0s0 = _mm256_dpbusd_avx_epi32(vacc3x0s0, vq0, va3);
                vacc3x1s0 = _mm256_dpbusd_avx_epi32(vacc3x1s0, vq1, va3);
                const __m256i va4 = bcast4(a4 + k0 + 60);
                vacc4x0s0 = _mm256_dpbusd_avx_epi32(vacc4x0s0, vq0, va4);
                vacc4x1s0 = _mm256_dpbusd_avx_epi32(vacc4x1s0, vq1, va4);
                const __m256i va5 = bcast4(a5 + k0 + 60);
                vacc5x0s0 = _mm256_dpbusd_avx_epi32(vacc5x0s0, vq0, va5);
                vacc5x1s0 = _mm256_dpbusd_avx_epi32(vacc5x1s0, vq1, va5);
            }
        }
        wp += 256;
    }

    // Lane l of row vector v is channel v*8 + l: subtract the activation sum and store.
    {
        const __m256i vsum = _mm256_set1_epi32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc0x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc0x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[0 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 1) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[1]);
        int32_t * ct = c + 1 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc1x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc1x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[1 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 2) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[2]);
        int32_t * ct = c + 2 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc2x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc2x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[2 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 3) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[3]);
        int32_t * ct = c + 3 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc3x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc3x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[3 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 4) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[4]);
        int32_t * ct = c + 4 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc4x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc4x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[4 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 5) {
        const __m256i vsum = _mm256_set1_epi32(a_sum[5]);
        int32_t * ct = c + 5 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(vacc5x0s0, vsum);
        const __m256i vc1 = _mm256_sub_epi32(vacc5x1s0, vsum);
        if (nc == 16) {
            _mm256_storeu_si256((void *) (ct + 0), vc0);
            _mm256_storeu_si256((void *) (ct + 8), vc1);
        } else {
            int32_t tmp[16];
            _mm256_storeu_si256((void *) (tmp + 0), vc0);
            _mm256_storeu_si256((void *) (tmp + 8), vc1);
            for (size_t r = 0; r < nc; r++) {
                c[5 * c_stride + r] = tmp[r];
            }
        }
    }
}
