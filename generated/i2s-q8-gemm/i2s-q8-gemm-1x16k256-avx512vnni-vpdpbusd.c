// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-x86.c.j2
//   Config:    configs/kernels.toml family #6 (i2s-q8-gemm, isa avx512vnni)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, avx512vnni (vpdpbusd): 1 tokens x 16 channels, k-block 256.
// Each 64-byte vector of a row holds 4 * 64 codes (w + 1 in {0, 1, 2}); shift and mask give
// four vectors aligned with consecutive activations. Codes stay unsigned so u8 x s8
// vpdpbusd accumulates straight into int32 (4 products per lane, no saturation).
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"


void tern_i2s_q8_gemm_ukernel_1x16k256__avx512vnni_vpdpbusd(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 256
    const void * restrict w,    // (kc/256, 16, 64) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 16);
    assert(kc % 256 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const __m512i vmask3 = _mm512_set1_epi8(3);
    __m512i vacc0x0 = _mm512_setzero_si512();
    __m512i vacc0x1 = _mm512_setzero_si512();
    __m512i vacc0x2 = _mm512_setzero_si512();
    __m512i vacc0x3 = _mm512_setzero_si512();
    __m512i vacc0x4 = _mm512_setzero_si512();
    __m512i vacc0x5 = _mm512_setzero_si512();
    __m512i vacc0x6 = _mm512_setzero_si512();
    __m512i vacc0x7 = _mm512_setzero_si512();
    __m512i vacc0x8 = _mm512_setzero_si512();
    __m512i vacc0x9 = _mm512_setzero_si512();
    __m512i vacc0x10 = _mm512_setzero_si512();
    __m512i vacc0x11 = _mm512_setzero_si512();
    __m512i vacc0x12 = _mm512_setzero_si512();
    __m512i vacc0x13 = _mm512_setzero_si512();
    __m512i vacc0x14 = _mm512_setzero_si512();
    __m512i vacc0x15 = _mm512_setzero_si512();

    for (size_t k0 = 0; k0 < kc; k0 += 256) {
        {   // channel 0
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 0));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x0 = _mm512_dpbusd_epi32(vacc0x0, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 1
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 64));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x1 = _mm512_dpbusd_epi32(vacc0x1, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 2
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 128));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x2 = _mm512_dpbusd_epi32(vacc0x2, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x2 = _mm512_dpbusd_epi32(vacc0x2, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x2 = _mm512_dpbusd_epi32(vacc0x2, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x2 = _mm512_dpbusd_epi32(vacc0x2, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 3
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 192));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x3 = _mm512_dpbusd_epi32(vacc0x3, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x3 = _mm512_dpbusd_epi32(vacc0x3, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x3 = _mm512_dpbusd_epi32(vacc0x3, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x3 = _mm512_dpbusd_epi32(vacc0x3, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 4
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 256));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x4 = _mm512_dpbusd_epi32(vacc0x4, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x4 = _mm512_dpbusd_epi32(vacc0x4, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x4 = _mm512_dpbusd_epi32(vacc0x4, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x4 = _mm512_dpbusd_epi32(vacc0x4, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 5
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 320));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x5 = _mm512_dpbusd_epi32(vacc0x5, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x5 = _mm512_dpbusd_epi32(vacc0x5, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x5 = _mm512_dpbusd_epi32(vacc0x5, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x5 = _mm512_dpbusd_epi32(vacc0x5, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 6
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 384));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x6 = _mm512_dpbusd_epi32(vacc0x6, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x6 = _mm512_dpbusd_epi32(vacc0x6, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x6 = _mm512_dpbusd_epi32(vacc0x6, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x6 = _mm512_dpbusd_epi32(vacc0x6, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 7
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 448));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x7 = _mm512_dpbusd_epi32(vacc0x7, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x7 = _mm512_dpbusd_epi32(vacc0x7, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x7 = _mm512_dpbusd_epi32(vacc0x7, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x7 = _mm512_dpbusd_epi32(vacc0x7, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 8
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 512));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x8 = _mm512_dpbusd_epi32(vacc0x8, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x8 = _mm512_dpbusd_epi32(vacc0x8, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x8 = _mm512_dpbusd_epi32(vacc0x8, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x8 = _mm512_dpbusd_epi32(vacc0x8, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 9
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 576));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x9 = _mm512_dpbusd_epi32(vacc0x9, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x9 = _mm512_dpbusd_epi32(vacc0x9, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x9 = _mm512_dpbusd_epi32(vacc0x9, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x9 = _mm512_dpbusd_epi32(vacc0x9, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 10
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 640));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x10 = _mm512_dpbusd_epi32(vacc0x10, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x10 = _mm512_dpbusd_epi32(vacc0x10, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x10 = _mm512_dpbusd_epi32(vacc0x10, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x10 = _mm512_dpbusd_epi32(vacc0x10, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 11
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 704));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x11 = _mm512_dpbusd_epi32(vacc0x11, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x11 = _mm512_dpbusd_epi32(vacc0x11, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x11 = _mm512_dpbusd_epi32(vacc0x11, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x11 = _mm512_dpbusd_epi32(vacc0x11, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 12
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 768));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x12 = _mm512_dpbusd_epi32(vacc0x12, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x12 = _mm512_dpbusd_epi32(vacc0x12, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x12 = _mm512_dpbusd_epi32(vacc0x12, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x12 = _mm512_dpbusd_epi32(vacc0x12, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 13
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 832));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x13 = _mm512_dpbusd_epi32(vacc0x13, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x13 = _mm512_dpbusd_epi32(vacc0x13, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x13 = _mm512_dpbusd_epi32(vacc0x13, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x13 = _mm512_dpbusd_epi32(vacc0x13, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 14
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 896));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x14 = _mm512_dpbusd_epi32(vacc0x14, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x14 = _mm512_dpbusd_epi32(vacc0x14, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x14 = _mm512_dpbusd_epi32(vacc0x14, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x14 = _mm512_dpbusd_epi32(vacc0x14, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        {   // channel 15
        const __m512i vw0 = _mm512_loadu_si512((const void *) (wp + 960));
        const __m512i vq0_0 = _mm512_and_si512(_mm512_srli_epi16(vw0, 6), vmask3);
        vacc0x15 = _mm512_dpbusd_epi32(vacc0x15, vq0_0, _mm512_loadu_si512((const void *) (a0 + k0 + 0)));
        const __m512i vq0_1 = _mm512_and_si512(_mm512_srli_epi16(vw0, 4), vmask3);
        vacc0x15 = _mm512_dpbusd_epi32(vacc0x15, vq0_1, _mm512_loadu_si512((const void *) (a0 + k0 + 64)));
        const __m512i vq0_2 = _mm512_and_si512(_mm512_srli_epi16(vw0, 2), vmask3);
        vacc0x15 = _mm512_dpbusd_epi32(vacc0x15, vq0_2, _mm512_loadu_si512((const void *) (a0 + k0 + 128)));
        const __m512i vq0_3 = _mm512_and_si512(vw0, vmask3);
        vacc0x15 = _mm512_dpbusd_epi32(vacc0x15, vq0_3, _mm512_loadu_si512((const void *) (a0 + k0 + 192)));
        }
        wp += 1024;
    }

    {
        int32_t row[16];
        row[0] = _mm512_reduce_add_epi32(vacc0x0);
        row[1] = _mm512_reduce_add_epi32(vacc0x1);
        row[2] = _mm512_reduce_add_epi32(vacc0x2);
        row[3] = _mm512_reduce_add_epi32(vacc0x3);
        row[4] = _mm512_reduce_add_epi32(vacc0x4);
        row[5] = _mm512_reduce_add_epi32(vacc0x5);
        row[6] = _mm512_reduce_add_epi32(vacc0x6);
        row[7] = _mm512_reduce_add_epi32(vacc0x7);
        row[8] = _mm512_reduce_add_epi32(vacc0x8);
        row[9] = _mm512_reduce_add_epi32(vacc0x9);
        row[10] = _mm512_reduce_add_epi32(vacc0x10);
        row[11] = _mm512_reduce_add_epi32(vacc0x11);
        row[12] = _mm512_reduce_add_epi32(vacc0x12);
        row[13] = _mm512_reduce_add_epi32(vacc0x13);
        row[14] = _mm512_reduce_add_epi32(vacc0x14);
        row[15] = _mm512_reduce_add_epi32(vacc0x15);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
}
