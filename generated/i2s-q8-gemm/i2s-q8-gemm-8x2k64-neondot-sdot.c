// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-arm.c.j2
//   Config:    configs/kernels.toml family #8 (i2s-q8-gemm, isa neondot)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, neondot (sdot): 8 tokens x 2 channels, k-block 64.
// Each 16-byte vector of a row holds 64 codes (w + 1 in {0, 1, 2}); shift and mask give four
// vectors aligned with consecutive activations.
// sdot multiplies the codes (as s8, they are 0..2) by the activations into int32 lanes.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_8x2k64__neondot_sdot(
    size_t mr,                  // tokens in this tile, 1..8
    size_t nc,                  // channels to store, 1..2
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/64, 2, 16) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 8);
    assert(nc >= 1 && nc <= 2);
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

    const uint8x16_t vmask3 = vdupq_n_u8(3);
    int32x4_t vacc0x0 = vdupq_n_s32(0);
    int32x4_t vacc0x1 = vdupq_n_s32(0);
    int32x4_t vacc1x0 = vdupq_n_s32(0);
    int32x4_t vacc1x1 = vdupq_n_s32(0);
    int32x4_t vacc2x0 = vdupq_n_s32(0);
    int32x4_t vacc2x1 = vdupq_n_s32(0);
    int32x4_t vacc3x0 = vdupq_n_s32(0);
    int32x4_t vacc3x1 = vdupq_n_s32(0);
    int32x4_t vacc4x0 = vdupq_n_s32(0);
    int32x4_t vacc4x1 = vdupq_n_s32(0);
    int32x4_t vacc5x0 = vdupq_n_s32(0);
    int32x4_t vacc5x1 = vdupq_n_s32(0);
    int32x4_t vacc6x0 = vdupq_n_s32(0);
    int32x4_t vacc6x1 = vdupq_n_s32(0);
    int32x4_t vacc7x0 = vdupq_n_s32(0);
    int32x4_t vacc7x1 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // channel 0
        const uint8x16_t vw0 = vld1q_u8(wp + 0);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vacc1x0 = vdotq_s32(vacc1x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vacc2x0 = vdotq_s32(vacc2x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vacc3x0 = vdotq_s32(vacc3x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 0);
            vacc4x0 = vdotq_s32(vacc4x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 0);
            vacc5x0 = vdotq_s32(vacc5x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 0);
            vacc6x0 = vdotq_s32(vacc6x0, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 0);
            vacc7x0 = vdotq_s32(vacc7x0, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vacc1x0 = vdotq_s32(vacc1x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vacc2x0 = vdotq_s32(vacc2x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vacc3x0 = vdotq_s32(vacc3x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 16);
            vacc4x0 = vdotq_s32(vacc4x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 16);
            vacc5x0 = vdotq_s32(vacc5x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 16);
            vacc6x0 = vdotq_s32(vacc6x0, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 16);
            vacc7x0 = vdotq_s32(vacc7x0, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vacc1x0 = vdotq_s32(vacc1x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vacc2x0 = vdotq_s32(vacc2x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vacc3x0 = vdotq_s32(vacc3x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 32);
            vacc4x0 = vdotq_s32(vacc4x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 32);
            vacc5x0 = vdotq_s32(vacc5x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 32);
            vacc6x0 = vdotq_s32(vacc6x0, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 32);
            vacc7x0 = vdotq_s32(vacc7x0, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x0 = vdotq_s32(vacc0x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vacc1x0 = vdotq_s32(vacc1x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vacc2x0 = vdotq_s32(vacc2x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vacc3x0 = vdotq_s32(vacc3x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 48);
            vacc4x0 = vdotq_s32(vacc4x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 48);
            vacc5x0 = vdotq_s32(vacc5x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 48);
            vacc6x0 = vdotq_s32(vacc6x0, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 48);
            vacc7x0 = vdotq_s32(vacc7x0, vq0_3, va);
        }
        }
        {   // channel 1
        const uint8x16_t vw0 = vld1q_u8(wp + 16);
        const int8x16_t vq0_0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 0);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 0);
            vacc1x1 = vdotq_s32(vacc1x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 0);
            vacc2x1 = vdotq_s32(vacc2x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 0);
            vacc3x1 = vdotq_s32(vacc3x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 0);
            vacc4x1 = vdotq_s32(vacc4x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 0);
            vacc5x1 = vdotq_s32(vacc5x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 0);
            vacc6x1 = vdotq_s32(vacc6x1, vq0_0, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 0);
            vacc7x1 = vdotq_s32(vacc7x1, vq0_0, va);
        }
        const int8x16_t vq0_1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 16);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 16);
            vacc1x1 = vdotq_s32(vacc1x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 16);
            vacc2x1 = vdotq_s32(vacc2x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 16);
            vacc3x1 = vdotq_s32(vacc3x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 16);
            vacc4x1 = vdotq_s32(vacc4x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 16);
            vacc5x1 = vdotq_s32(vacc5x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 16);
            vacc6x1 = vdotq_s32(vacc6x1, vq0_1, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 16);
            vacc7x1 = vdotq_s32(vacc7x1, vq0_1, va);
        }
        const int8x16_t vq0_2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 32);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 32);
            vacc1x1 = vdotq_s32(vacc1x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 32);
            vacc2x1 = vdotq_s32(vacc2x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 32);
            vacc3x1 = vdotq_s32(vacc3x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 32);
            vacc4x1 = vdotq_s32(vacc4x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 32);
            vacc5x1 = vdotq_s32(vacc5x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 32);
            vacc6x1 = vdotq_s32(vacc6x1, vq0_2, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 32);
            vacc7x1 = vdotq_s32(vacc7x1, vq0_2, va);
        }
        const int8x16_t vq0_3 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
        {
            const int8x16_t va = vld1q_s8(a0 + k0 + 48);
            vacc0x1 = vdotq_s32(vacc0x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a1 + k0 + 48);
            vacc1x1 = vdotq_s32(vacc1x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a2 + k0 + 48);
            vacc2x1 = vdotq_s32(vacc2x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a3 + k0 + 48);
            vacc3x1 = vdotq_s32(vacc3x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a4 + k0 + 48);
            vacc4x1 = vdotq_s32(vacc4x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a5 + k0 + 48);
            vacc5x1 = vdotq_s32(vacc5x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a6 + k0 + 48);
            vacc6x1 = vdotq_s32(vacc6x1, vq0_3, va);
        }
        {
            const int8x16_t va = vld1q_s8(a7 + k0 + 48);
            vacc7x1 = vdotq_s32(vacc7x1, vq0_3, va);
        }
        }
        wp += 32;
    }

    {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc0x0);
        row[1] = vaddvq_s32(vacc0x1);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r] - a_sum[0];
        }
    }
    if (mr > 1) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc1x0);
        row[1] = vaddvq_s32(vacc1x1);
        for (size_t r = 0; r < nc; r++) {
            c[1 * c_stride + r] = row[r] - a_sum[1];
        }
    }
    if (mr > 2) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc2x0);
        row[1] = vaddvq_s32(vacc2x1);
        for (size_t r = 0; r < nc; r++) {
            c[2 * c_stride + r] = row[r] - a_sum[2];
        }
    }
    if (mr > 3) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc3x0);
        row[1] = vaddvq_s32(vacc3x1);
        for (size_t r = 0; r < nc; r++) {
            c[3 * c_stride + r] = row[r] - a_sum[3];
        }
    }
    if (mr > 4) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc4x0);
        row[1] = vaddvq_s32(vacc4x1);
        for (size_t r = 0; r < nc; r++) {
            c[4 * c_stride + r] = row[r] - a_sum[4];
        }
    }
    if (mr > 5) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc5x0);
        row[1] = vaddvq_s32(vacc5x1);
        for (size_t r = 0; r < nc; r++) {
            c[5 * c_stride + r] = row[r] - a_sum[5];
        }
    }
    if (mr > 6) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc6x0);
        row[1] = vaddvq_s32(vacc6x1);
        for (size_t r = 0; r < nc; r++) {
            c[6 * c_stride + r] = row[r] - a_sum[6];
        }
    }
    if (mr > 7) {
        int32_t row[2];
        row[0] = vaddvq_s32(vacc7x0);
        row[1] = vaddvq_s32(vacc7x1);
        for (size_t r = 0; r < nc; r++) {
            c[7 * c_stride + r] = row[r] - a_sum[7];
        }
    }
}
