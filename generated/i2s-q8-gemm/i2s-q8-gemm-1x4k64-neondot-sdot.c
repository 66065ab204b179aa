// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-arm.c.j2
//   Config:    configs/kernels.toml family #8 (i2s-q8-gemm, isa neondot)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, neondot (sdot): 1 tokens x 4 channels, k-block 64.
// Each 16-byte vector of a row holds 64 codes (w + 1 in {0, 1, 2}); shift and mask give four
// vectors aligned with consecutive activations.
// sdot multiplies the codes (as s8, they are 0..2) by the activations into int32 lanes.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_1x4k64__neondot_sdot(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..4
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/64, 4, 16) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 4);
    assert(kc % 64 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const uint8x16_t vmask3 = vdupq_n_u8(3);
    int32x4_t vacc0x0 = vdupq_n_s32(0);
    int32x4_t vacc0x1 = vdupq_n_s32(0);
    int32x4_t vacc0x2 = vdupq_n_s32(0);
    int32x4_t vacc0x3 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // channel 0
        const uint8x16_t vw0 = vld1q_u8(wp + 0);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_3, va);
        }
        }
        {   // channel 1
        const uint8x16_t vw0 = vld1q_u8(wp + 16);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_3, va);
        }
        }
        {   // channel 2
        const uint8x16_t vw0 = vld1q_u8(wp + 32);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x2 = vdotq_s32(vacc0x2, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x2 = vdotq_s32(vacc0x2, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x2 = vdotq_s32(vacc0x2, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x2 = vdotq_s32(vacc0x2, vq0_3, va);
        }
        }
        {   // channel 3
        const uint8x16_t vw0 = vld1q_u8(wp + 48);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x3 = vdotq_s32(vacc0x3, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x3 = vdotq_s32(vacc0x3, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x3 = vdotq_s32(vacc0x3, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x3 = vdotq_s32(vacc0x3, vq0_3, va);
        }
        }
        wp += 64;
    }

    {
        int32_t row[4];
        row[0] = vaddvq_s32(vacc0x0);
        row[1] = vaddvq_s32(vacc0x1);
        row[2] = vaddvq_s32(vacc0x2);
        row[3] = vaddvq_s32(vacc0x3);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
}
