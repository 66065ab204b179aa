// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86-lane4.c.j2
//   Config:    configs/kernels.toml family #36 (i2s-q8-gemm, isa avx2)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx2 (maddubs), lane4 layout: 1 tokens x 16 channels, k-block 128.
// A 32-byte vector holds 8 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask
// give, per field f, a vector whose lane l is k 4f..4f+3 of row l. Against 4 activations of a
// token broadcast to every lane, one maddubs consumes 4 k of 8 rows: the tile is an outer
// product of 2 row vector(s) and 1 token(s) in 8 accumulators (4 sets of fields), and the unpack (shift,
// and) runs on other ports than the multiply-adds. Accumulator lanes are output channels.
// maddubs: a pair of products is in [-512, 508]; at most 32 pairs per int16 lane per k-block,
// so every partial sum lies in [-16384, 16256] and widens by madd(., 1) into int32 once per block.
// The int16 sums use the plain add (the saturating one issues where the multiply does on some
// cores) and pass through an empty asm (CHAIN), which keeps the compiler from rebalancing the
// chains into a tree of spilled products; they never wrap, so the sum is exact either way.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <immintrin.h>

#include "tern/kernels.h"

// An empty asm the sum passes through: the compiler can neither see nor reassociate the chain.
#define CHAIN(v) __asm__("" : "+v"(v))

// 4 activations (k .. k+3) of one token in every 32-bit lane.
static inline __m256i bcast4(const int8_t * p) {
    int32_t x;
    memcpy(&x, p, sizeof(x));
    return _mm256_set1_epi32(x);
}

void tern_i2s_q8_gemm_ukernel_1x16k128__avx2_maddubs_lane4(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 128
    const void * restrict w,    // (kc/16, 2, 32) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 16);
    assert(kc % 128 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const __m256i vmask3 = _mm256_set1_epi8(3);
    const __m256i vone16 = _mm256_set1_epi16(1);
    __m256i vacc0x0s0 = _mm256_setzero_si256();
    __m256i vacc0x0s1 = _mm256_setzero_si256();
    __m256i vacc0x0s2 = _mm256_setzero_si256();
    __m256i vacc0x0s3 = _mm256_setzero_si256();
    __m256i vacc0x1s0 = _mm256_setzero_si256();
    __m256i vacc0x1s1 = _mm256_setzero_si256();
    __m256i vacc0x1s2 = _mm256_setzero_si256();
    __m256i vacc0x1s3 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 128) {
        __m256i vp0x0s0 = _mm256_setzero_si256();
        __m256i vp0x0s1 = _mm256_setzero_si256();
        __m256i vp0x0s2 = _mm256_setzero_si256();
        __m256i vp0x0s3 = _mm256_setzero_si256();
        __m256i vp0x1s0 = _mm256_setzero_si256();
        __m256i vp0x1s1 = _mm256_setzero_si256();
        __m256i vp0x1s2 = _mm256_setzero_si256();
        __m256i vp0x1s3 = _mm256_setzero_si256();
        {   // k 0 .. 15 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 0));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 32));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 0);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 4);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 8);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 12);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 16 .. 31 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 64));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 96));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 16);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 20);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 24);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 28);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 32 .. 47 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 128));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 160));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 32);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 36);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 40);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 44);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 48 .. 63 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 192));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 224));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 48);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 52);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 56);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 60);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 64 .. 79 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 256));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 288));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 64);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 68);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 72);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 76);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 80 .. 95 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 320));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 352));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 80);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 84);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 88);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 92);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 96 .. 111 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 384));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 416));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 96);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 100);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 104);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 108);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        {   // k 112 .. 127 of the block
            const __m256i vw0 = _mm256_loadu_si256((const __m256i *) (wp + 448));
            const __m256i vw1 = _mm256_loadu_si256((const __m256i *) (wp + 480));
            {
                const __m256i vq0 = _mm256_and_si256(vw0, vmask3);
                const __m256i vq1 = _mm256_and_si256(vw1, vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 112);
                vp0x0s0 = _mm256_add_epi16(vp0x0s0, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s0);
                vp0x1s0 = _mm256_add_epi16(vp0x1s0, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s0);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 2), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 2), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 116);
                vp0x0s1 = _mm256_add_epi16(vp0x0s1, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s1);
                vp0x1s1 = _mm256_add_epi16(vp0x1s1, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s1);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 4), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 4), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 120);
                vp0x0s2 = _mm256_add_epi16(vp0x0s2, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s2);
                vp0x1s2 = _mm256_add_epi16(vp0x1s2, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s2);
            }
            {
                const __m256i vq0 = _mm256_and_si256(_mm256_srli_epi16(vw0, 6), vmask3);
                const __m256i vq1 = _mm256_and_si256(_mm256_srli_epi16(vw1, 6), vmask3);
                const __m256i va0 = bcast4(a0 + k0 + 124);
                vp0x0s3 = _mm256_add_epi16(vp0x0s3, _mm256_maddubs_epi16(vq0, va0));
                CHAIN(vp0x0s3);
                vp0x1s3 = _mm256_add_epi16(vp0x1s3, _mm256_maddubs_epi16(vq1, va0));
                CHAIN(vp0x1s3);
            }
        }
        vacc0x0s0 = _mm256_add_epi32(vacc0x0s0, _mm256_madd_epi16(vp0x0s0, vone16));
        vacc0x0s1 = _mm256_add_epi32(vacc0x0s1, _mm256_madd_epi16(vp0x0s1, vone16));
        vacc0x0s2 = _mm256_add_epi32(vacc0x0s2, _mm256_madd_epi16(vp0x0s2, vone16));
        vacc0x0s3 = _mm256_add_epi32(vacc0x0s3, _mm256_madd_epi16(vp0x0s3, vone16));
        vacc0x1s0 = _mm256_add_epi32(vacc0x1s0, _mm256_madd_epi16(vp0x1s0, vone16));
        vacc0x1s1 = _mm256_add_epi32(vacc0x1s1, _mm256_madd_epi16(vp0x1s1, vone16));
        vacc0x1s2 = _mm256_add_epi32(vacc0x1s2, _mm256_madd_epi16(vp0x1s2, vone16));
        vacc0x1s3 = _mm256_add_epi32(vacc0x1s3, _mm256_madd_epi16(vp0x1s3, vone16));
        wp += 512;
    }

    // Lane l of row vector v is channel v*8 + l: subtract the activation sum and store.
    {
        const __m256i vsum = _mm256_set1_epi32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const __m256i vc0 = _mm256_sub_epi32(_mm256_add_epi32(_mm256_add_epi32(_mm256_add_epi32(vacc0x0s0, vacc0x0s1), vacc0x0s2), vacc0x0s3), vsum);
        const __m256i vc1 = _mm256_sub_epi32(_mm256_add_epi32(_mm256_add_epi32(_mm256_add_epi32(vacc0x1s0, vacc0x1s1), vacc0x1s2), vacc0x1s3), vsum);
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
}
