// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #18 (tl2-q8-gemm, isa avx2)
//   Generator: codegen/gen.py
//
// tl2 x q8 GEMM tile, avx2 (pshufb): 1 tokens x 32 channels, k-block 96, groups of 3.
// Lookups run along output channels: one 32-byte vector holds the 4-bit indices of 32 rows
// for one group, and pshufb looks all of them up in that group's table (16 low bytes and 16 high
// bytes, broadcast to every 128-bit lane), so the int16 entries are exact. int16 partial sums
// per k-block (32 groups, |entry| <= 384) cannot overflow; they are widened to
// int32 once per block. unpacklo/hi interleave rows per 128-bit lane; the store undoes it.

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

// int32 element e of widened accumulator q (0: low half of the unpacklo sums, 1: high half,
// 2, 3: the same for unpackhi) holds this row of the 32-row vector.
static const uint8_t row_of[4][8] = {
    { 0, 1, 2, 3, 4, 5, 6, 7 },
    { 16, 17, 18, 19, 20, 21, 22, 23 },
    { 8, 9, 10, 11, 12, 13, 14, 15 },
    { 24, 25, 26, 27, 28, 29, 30, 31 },
};

void tern_tl2_q8_gemm_ukernel_1x32k96g3__avx2_pshufb(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..32
    size_t kc,                  // packed k, a multiple of 96
    const void * restrict w,    // one packed panel of 32 channels
    const void * restrict a,    // (mr, a_stride) tables, 32 bytes per group
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // unused: tables are signed
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 32);
    assert(kc % 96 == 0);
    (void) a_sum;
    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const uint8_t * a0 = a;
    const __m256i vmask4 = _mm256_set1_epi8(0x0f);
    const __m256i vsel_a = _mm256_set_epi16(128, 64, 32, 16, 8, 4, 2, 1, 128, 64, 32, 16, 8, 4, 2, 1);
    const __m256i vsel_b = _mm256_set_epi16(-32768, 16384, 8192, 4096, 2048, 1024, 512, 256, -32768, 16384, 8192, 4096, 2048, 1024, 512, 256);
    const __m256i vpick = _mm256_set_epi8(3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
    __m256i vacc0_0_0 = _mm256_setzero_si256();
    __m256i vacc0_0_1 = _mm256_setzero_si256();
    __m256i vacc0_0_2 = _mm256_setzero_si256();
    __m256i vacc0_0_3 = _mm256_setzero_si256();

    for (size_t k0 = 0; k0 < kc; k0 += 96) {
        __m256i vs0_0_a = _mm256_setzero_si256(), vs0_0_b = _mm256_setzero_si256();
        for (size_t u = 0; u < 16; u++) {
            const uint8_t * unit = wp + u * 40;
            const size_t g0 = k0 / 3 + u * 2;   // first group of this unit
            {
                const __m256i vw = _mm256_loadu_si256((const __m256i *) (unit + 0));
                const __m256i vlo = _mm256_and_si256(vw, vmask4);
                const __m256i vhi = _mm256_and_si256(_mm256_srli_epi16(vw, 4), vmask4);
                // Sign bits of group g0+0 for these 32 rows, as one 16-bit word per 16 rows,
                // repeated across that 128-bit lane's 8 int16 lanes; rows of the unpacklo sums are
                // bits 0..7 of the word, rows of the unpackhi sums bits 8..15.
                uint32_t bits0;
                __builtin_memcpy(&bits0, unit + 32, 4);
                const __m256i vword0 = _mm256_shuffle_epi8(_mm256_set1_epi32((int) bits0), vpick);
                const __m256i vneg0_a = _mm256_cmpeq_epi16(_mm256_and_si256(vword0, vsel_a), vsel_a);
                const __m256i vneg0_b = _mm256_cmpeq_epi16(_mm256_and_si256(vword0, vsel_b), vsel_b);
                {
                    const uint8_t * table = a0 + (g0 + 0) * 32;
                    const __m256i vtlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) (table)));
                    const __m256i vthi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) (table + 16)));
                    const __m256i vrlo = _mm256_shuffle_epi8(vtlo, vlo), vrhi = _mm256_shuffle_epi8(vthi, vlo);
                    __m256i va = _mm256_unpacklo_epi8(vrlo, vrhi), vb = _mm256_unpackhi_epi8(vrlo, vrhi);
                    va = _mm256_sub_epi16(_mm256_xor_si256(va, vneg0_a), vneg0_a);
                    vb = _mm256_sub_epi16(_mm256_xor_si256(vb, vneg0_b), vneg0_b);
                    vs0_0_a = _mm256_add_epi16(vs0_0_a, va);
                    vs0_0_b = _mm256_add_epi16(vs0_0_b, vb);
                }
                // Sign bits of group g0+1 for these 32 rows, as one 16-bit word per 16 rows,
                // repeated across that 128-bit lane's 8 int16 lanes; rows of the unpacklo sums are
                // bits 0..7 of the word, rows of the unpackhi sums bits 8..15.
                uint32_t bits1;
                __builtin_memcpy(&bits1, unit + 36, 4);
                const __m256i vword1 = _mm256_shuffle_epi8(_mm256_set1_epi32((int) bits1), vpick);
                const __m256i vneg1_a = _mm256_cmpeq_epi16(_mm256_and_si256(vword1, vsel_a), vsel_a);
                const __m256i vneg1_b = _mm256_cmpeq_epi16(_mm256_and_si256(vword1, vsel_b), vsel_b);
                {
                    const uint8_t * table = a0 + (g0 + 1) * 32;
                    const __m256i vtlo = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) (table)));
                    const __m256i vthi = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) (table + 16)));
                    const __m256i vrlo = _mm256_shuffle_epi8(vtlo, vhi), vrhi = _mm256_shuffle_epi8(vthi, vhi);
                    __m256i va = _mm256_unpacklo_epi8(vrlo, vrhi), vb = _mm256_unpackhi_epi8(vrlo, vrhi);
                    va = _mm256_sub_epi16(_mm256_xor_si256(va, vneg1_a), vneg1_a);
                    vb = _mm256_sub_epi16(_mm256_xor_si256(vb, vneg1_b), vneg1_b);
                    vs0_0_a = _mm256_add_epi16(vs0_0_a, va);
                    vs0_0_b = _mm256_add_epi16(vs0_0_b, vb);
                }
            }
        }
        vacc0_0_0 = _mm256_add_epi32(vacc0_0_0, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(vs0_0_a)));
        vacc0_0_1 = _mm256_add_epi32(vacc0_0_1, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(vs0_0_a, 1)));
        vacc0_0_2 = _mm256_add_epi32(vacc0_0_2, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(vs0_0_b)));
        vacc0_0_3 = _mm256_add_epi32(vacc0_0_3, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(vs0_0_b, 1)));
        wp += 640;
    }

    int32_t lanes[4][8];
    {
        int32_t row[32];
        _mm256_storeu_si256((void *) lanes[0], vacc0_0_0);
        _mm256_storeu_si256((void *) lanes[1], vacc0_0_1);
        _mm256_storeu_si256((void *) lanes[2], vacc0_0_2);
        _mm256_storeu_si256((void *) lanes[3], vacc0_0_3);
        for (int q = 0; q < 4; q++) {
            for (int e = 0; e < 8; e++) {
                row[0 + row_of[q][e]] = lanes[q][e];
            }
        }
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r];
        }
    }
}
