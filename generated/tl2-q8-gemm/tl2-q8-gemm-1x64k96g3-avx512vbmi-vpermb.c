// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #20 (tl2-q8-gemm, isa avx512vbmi)
//   Generator: codegen/gen.py
//
// tl2 x q8 GEMM tile, avx512vbmi (vpermb): 1 tokens x 64 channels, k-block 96, groups of 3.
// Lookups run along output channels: one 64-byte vector holds the 4-bit indices of 64 rows
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
// 2, 3: the same for unpackhi) holds this row of the 64-row vector.
static const uint8_t row_of[4][16] = {
    { 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23 },
    { 32, 33, 34, 35, 36, 37, 38, 39, 48, 49, 50, 51, 52, 53, 54, 55 },
    { 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31 },
    { 40, 41, 42, 43, 44, 45, 46, 47, 56, 57, 58, 59, 60, 61, 62, 63 },
};

// The group's 14 int16 entries T and their negations as one 64-byte vpermb table:
// bytes 0..15 low bytes of T, 16..31 low bytes of -T, 32..47 high bytes of T, 48..63 of -T.
// Index (sign << 4 | |v|) then selects the low byte, index | 32 the high byte.
static inline __m512i signed_table(const uint8_t * table, __m512i vsplit) {
    const __m256i t16 = _mm256_or_si256(_mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) table)),
                                        _mm256_slli_epi16(_mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *) (table + 16))), 8));
    const __m512i both = _mm512_inserti64x4(_mm512_castsi256_si512(t16), _mm256_sub_epi16(_mm256_setzero_si256(), t16), 1);
    return _mm512_permutexvar_epi8(vsplit, both);
}

void tern_tl2_q8_gemm_ukernel_1x64k96g3__avx512vbmi_vpermb(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..64
    size_t kc,                  // packed k, a multiple of 96
    const void * restrict w,    // one packed panel of 64 channels
    const void * restrict a,    // (mr, a_stride) tables, 32 bytes per group
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // unused: tables are signed
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 64);
    assert(kc % 96 == 0);
    (void) a_sum;
    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const uint8_t * a0 = a;
    const __m512i vmask4 = _mm512_set1_epi8(0x0f);
    const __m512i vsplit = _mm512_set_epi8(63, 61, 59, 57, 55, 53, 51, 49, 47, 45, 43, 41, 39, 37, 35, 33, 31, 29, 27, 25, 23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1, 62, 60, 58, 56, 54, 52, 50, 48, 46, 44, 42, 40, 38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    const __m512i v16 = _mm512_set1_epi8(16), v32 = _mm512_set1_epi8(32);
    __m512i vacc0_0_0 = _mm512_setzero_si512();
    __m512i vacc0_0_1 = _mm512_setzero_si512();
    __m512i vacc0_0_2 = _mm512_setzero_si512();
    __m512i vacc0_0_3 = _mm512_setzero_si512();

    for (size_t k0 = 0; k0 < kc; k0 += 96) {
        __m512i vs0_0_a = _mm512_setzero_si512(), vs0_0_b = _mm512_setzero_si512();
        for (size_t u = 0; u < 16; u++) {
            const uint8_t * unit = wp + u * 80;
            const size_t g0 = k0 / 3 + u * 2;   // first group of this unit
            // One signed table per (group, token), shared by all 1 index vectors.
            const __m512i vtab0_0 = signed_table(a0 + (g0 + 0) * 32, vsplit);
            const __m512i vtab0_1 = signed_table(a0 + (g0 + 1) * 32, vsplit);
            {
                const __m512i vw = _mm512_loadu_si512((const void *) (unit + 0));
                const __m512i vlo = _mm512_and_si512(vw, vmask4);
                const __m512i vhi = _mm512_and_si512(_mm512_srli_epi16(vw, 4), vmask4);
                // Sign bits of group g0+0: bit r = row r of these 64 rows, a byte mask as is.
                uint64_t bits0;
                __builtin_memcpy(&bits0, unit + 64, 8);
                const __mmask64 kneg0 = _cvtu64_mask64(bits0);
                {
                    const __m512i vtab = vtab0_0;
                    const __m512i vidx = _mm512_mask_add_epi8(vlo, kneg0, vlo, v16);
                    const __m512i vrlo = _mm512_permutexvar_epi8(vidx, vtab);
                    const __m512i vrhi = _mm512_permutexvar_epi8(_mm512_or_si512(vidx, v32), vtab);
                    const __m512i va = _mm512_unpacklo_epi8(vrlo, vrhi), vb = _mm512_unpackhi_epi8(vrlo, vrhi);
                    vs0_0_a = _mm512_add_epi16(vs0_0_a, va);
                    vs0_0_b = _mm512_add_epi16(vs0_0_b, vb);
                }
                // Sign bits of group g0+1: bit r = row r of these 64 rows, a byte mask as is.
                uint64_t bits1;
                __builtin_memcpy(&bits1, unit + 72, 8);
                const __mmask64 kneg1 = _cvtu64_mask64(bits1);
                {
                    const __m512i vtab = vtab0_1;
                    const __m512i vidx = _mm512_mask_add_epi8(vhi, kneg1, vhi, v16);
                    const __m512i vrlo = _mm512_permutexvar_epi8(vidx, vtab);
                    const __m512i vrhi = _mm512_permutexvar_epi8(_mm512_or_si512(vidx, v32), vtab);
                    const __m512i va = _mm512_unpacklo_epi8(vrlo, vrhi), vb = _mm512_unpackhi_epi8(vrlo, vrhi);
                    vs0_0_a = _mm512_add_epi16(vs0_0_a, va);
                    vs0_0_b = _mm512_add_epi16(vs0_0_b, vb);
                }
            }
        }
        vacc0_0_0 = _mm512_add_epi32(vacc0_0_0, _mm512_cvtepi16_epi32(_mm512_castsi512_si256(vs0_0_a)));
        vacc0_0_1 = _mm512_add_epi32(vacc0_0_1, _mm512_cvtepi16_epi32(_mm512_extracti64x4_epi64(vs0_0_a, 1)));
        vacc0_0_2 = _mm512_add_epi32(vacc0_0_2, _mm512_cvtepi16_epi32(_mm512_castsi512_si256(vs0_0_b)));
        vacc0_0_3 = _mm512_add_epi32(vacc0_0_3, _mm512_cvtepi16_epi32(_mm512_extracti64x4_epi64(vs0_0_b, 1)));
        wp += 1280;
    }

    int32_t lanes[4][16];
    {
        int32_t row[64];
        _mm512_storeu_si512((void *) lanes[0], vacc0_0_0);
        _mm512_storeu_si512((void *) lanes[1], vacc0_0_1);
        _mm512_storeu_si512((void *) lanes[2], vacc0_0_2);
        _mm512_storeu_si512((void *) lanes[3], vacc0_0_3);
        for (int q = 0; q < 4; q++) {
            for (int e = 0; e < 16; e++) {
                row[0 + row_of[q][e]] = lanes[q][e];
            }
        }
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r];
        }
    }
}
