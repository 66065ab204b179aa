// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-arm.c.j2
//   Config:    configs/kernels.toml family #7 (i2s-q8-gemm, isa neon)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, neon (smlal): 4 tokens x 4 channels, k-block 64.
// Each 16-byte vector of a row holds 64 codes (w + 1 in {0, 1, 2}); shift and mask give four
// vectors aligned with consecutive activations.
// smlal: products code * a are in [-256, 254]; 8 of them per int16 lane per k-block
// stay within int16 (<= 128 * 256 = 32768 in magnitude), widened by sadalp once per block.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_4x4k64__neon_smlal(
    size_t mr,                  // tokens in this tile, 1..4
    size_t nc,                  // channels to store, 1..4
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/64, 4, 16) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 4);
    assert(nc >= 1 && nc <= 4);
    assert(kc % 64 == 0);

    const uint8_t * wp = w;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;
    const int8_t * a1 = mr > 1 ? a0 + a_stride : a0;
    const int8_t * a2 = mr > 2 ? a1 + a_stride : a1;
    const int8_t * a3 = mr > 3 ? a2 + a_stride : a2;

    const uint8x16_t vmask3 = vdupq_n_u8(3);
    int32x4_t vacc0x0 = vdupq_n_s32(0);
    int32x4_t vacc0x1 = vdupq_n_s32(0);
    int32x4_t vacc0x2 = vdupq_n_s32(0);
    int32x4_t vacc0x3 = vdupq_n_s32(0);
    int32x4_t vacc1x0 = vdupq_n_s32(0);
    int32x4_t vacc1x1 = vdupq_n_s32(0);
    int32x4_t vacc1x2 = vdupq_n_s32(0);
    int32x4_t vacc1x3 = vdupq_n_s32(0);
    int32x4_t vacc2x0 = vdupq_n_s32(0);
    int32x4_t vacc2x1 = vdupq_n_s32(0);
    int32x4_t vacc2x2 = vdupq_n_s32(0);
    int32x4_t vacc2x3 = vdupq_n_s32(0);
    int32x4_t vacc3x0 = vdupq_n_s32(0);
    int32x4_t vacc3x1 = vdupq_n_s32(0);
    int32x4_t vacc3x2 = vdupq_n_s32(0);
    int32x4_t vacc3x3 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // channel 0
        int16x8_t vp0 = vdupq_n_s16(0);
        int16x8_t vp1 = vdupq_n_s16(0);
        int16x8_t vp2 = vdupq_n_s16(0);
        int16x8_t vp3 = vdupq_n_s16(0);
        const uint8x16_t vw0 = vld1q_u8(wp + 0);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_0), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_0), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_0), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_0), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_1), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_1), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_1), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_1), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_2), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_2), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_2), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_2), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_3), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_3), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_3), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_3), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_3, va);
        }
        vacc0x0 = vpadalq_s16(vacc0x0, vp0);
        vacc1x0 = vpadalq_s16(vacc1x0, vp1);
        vacc2x0 = vpadalq_s16(vacc2x0, vp2);
        vacc3x0 = vpadalq_s16(vacc3x0, vp3);
        }
        {   // channel 1
        int16x8_t vp0 = vdupq_n_s16(0);
        int16x8_t vp1 = vdupq_n_s16(0);
        int16x8_t vp2 = vdupq_n_s16(0);
        int16x8_t vp3 = vdupq_n_s16(0);
        const uint8x16_t vw0 = vld1q_u8(wp + 16);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_0), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_0), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_0), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_0), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_1), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_1), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_1), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_1), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_2), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_2), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_2), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_2), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_3), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_3), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_3), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_3), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_3, va);
        }
        vacc0x1 = vpadalq_s16(vacc0x1, vp0);
        vacc1x1 = vpadalq_s16(vacc1x1, vp1);
        vacc2x1 = vpadalq_s16(vacc2x1, vp2);
        vacc3x1 = vpadalq_s16(vacc3x1, vp3);
        }
        {   // channel 2
        int16x8_t vp0 = vdupq_n_s16(0);
        int16x8_t vp1 = vdupq_n_s16(0);
        int16x8_t vp2 = vdupq_n_s16(0);
        int16x8_t vp3 = vdupq_n_s16(0);
        const uint8x16_t vw0 = vld1q_u8(wp + 32);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_0), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_0), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_0), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_0), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_1), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_1), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_1), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_1), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_2), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_2), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_2), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_2), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_3), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_3), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_3), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_3), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_3, va);
        }
        vacc0x2 = vpadalq_s16(vacc0x2, vp0);
        vacc1x2 = vpadalq_s16(vacc1x2, vp1);
        vacc2x2 = vpadalq_s16(vacc2x2, vp2);
        vacc3x2 = vpadalq_s16(vacc3x2, vp3);
        }
        {   // channel 3
        int16x8_t vp0 = vdupq_n_s16(0);
        int16x8_t vp1 = vdupq_n_s16(0);
        int16x8_t vp2 = vdupq_n_s16(0);
        int16x8_t vp3 = vdupq_n_s16(0);
        const uint8x16_t vw0 = vld1q_u8(wp + 48);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_0), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_0), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_0), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_0), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_1), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_1), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_1), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_1), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_2), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_2), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_2), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_2), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vp0 = vmlal_s8(vp0, vget_low_s8(vq0_3), vget_low_s8(va));
            vp0 = vmlal_high_s8(vp0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vp1 = vmlal_s8(vp1, vget_low_s8(vq0_3), vget_low_s8(va));
            vp1 = vmlal_high_s8(vp1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vp2 = vmlal_s8(vp2, vget_low_s8(vq0_3), vget_low_s8(va));
            vp2 = vmlal_high_s8(vp2, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vp3 = vmlal_s8(vp3, vget_low_s8(vq0_3), vget_low_s8(va));
            vp3 = vmlal_high_s8(vp3, vq0_3, va);
        }
        vacc0x3 = vpadalq_s16(vacc0x3, vp0);
        vacc1x3 = vpadalq_s16(vacc1x3, vp1);
        vacc2x3 = vpadalq_s16(vacc2x3, vp2);
        vacc3x3 = vpadalq_s16(vacc3x3, vp3);
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
    if (mr > 1) {
        int32_t row[4];
        row[0] = vaddvq_s32(vacc1x0);
        row[1] = vaddvq_s32(vacc1x1);
        row[2] = vaddvq_s32(vacc1x2);
        row[3] = vaddvq_s32(vacc1x3);
        for (size_t r = 0; r < nc; r++) {
            c[1 * c_stride + r] = row[r] - a_sum[1];
        }
    }
    if (mr > 2) {
        int32_t row[4];
        row[0] = vaddvq_s32(vacc2x0);
        row[1] = vaddvq_s32(vacc2x1);
        row[2] = vaddvq_s32(vacc2x2);
        row[3] = vaddvq_s32(vacc2x3);
        for (size_t r = 0; r < nc; r++) {
            c[2 * c_stride + r] = row[r] - a_sum[2];
        }
    }
    if (mr > 3) {
        int32_t row[4];
        row[0] = vaddvq_s32(vacc3x0);
        row[1] = vaddvq_s32(vacc3x1);
        row[2] = vaddvq_s32(vacc3x2);
        row[3] = vaddvq_s32(vacc3x3);
        for (size_t r = 0; r < nc; r++) {
            c[3 * c_stride + r] = row[r] - a_sum[3];
        }
    }
}
