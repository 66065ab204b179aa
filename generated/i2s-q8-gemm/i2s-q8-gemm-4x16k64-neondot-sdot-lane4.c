// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-arm-lane4.c.j2
//   Config:    configs/kernels.toml family #37 (i2s-q8-gemm, isa neondot)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, neondot (sdot), lane4 layout: 4 tokens x 16 channels, k-block 64.
// A 16-byte vector holds 4 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask give,
// per field f, a vector whose lane l is k 4f..4f+3 of row l. sdot by element f of a token's 16
// activations (k 4f..4f+3 broadcast by the instruction itself) consumes 4 k of 4 rows: the tile
// is an outer product of 4 row vector(s) and 4 token(s) in 16 accumulators.
// Codes (0..2) are valid s8, so sdot applies. Accumulator lanes are output channels.
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_4x16k64__neondot_sdot_lane4(
    size_t mr,                  // tokens in this tile, 1..4
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 4, 16) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 4);
    assert(nc >= 1 && nc <= 16);
    assert(kc % 64 == 0);

    const uint8_t * wp = w;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;
    const int8_t * a1 = mr > 1 ? a0 + a_stride : a0;
    const int8_t * a2 = mr > 2 ? a1 + a_stride : a1;
    const int8_t * a3 = mr > 3 ? a2 + a_stride : a2;

    const uint8x16_t vmask3 = vdupq_n_u8(3);
    int32x4_t vacc0x0s0 = vdupq_n_s32(0);
    int32x4_t vacc0x1s0 = vdupq_n_s32(0);
    int32x4_t vacc0x2s0 = vdupq_n_s32(0);
    int32x4_t vacc0x3s0 = vdupq_n_s32(0);
    int32x4_t vacc1x0s0 = vdupq_n_s32(0);
    int32x4_t vacc1x1s0 = vdupq_n_s32(0);
    int32x4_t vacc1x2s0 = vdupq_n_s32(0);
    int32x4_t vacc1x3s0 = vdupq_n_s32(0);
    int32x4_t vacc2x0s0 = vdupq_n_s32(0);
    int32x4_t vacc2x1s0 = vdupq_n_s32(0);
    int32x4_t vacc2x2s0 = vdupq_n_s32(0);
    int32x4_t vacc2x3s0 = vdupq_n_s32(0);
    int32x4_t vacc3x0s0 = vdupq_n_s32(0);
    int32x4_t vacc3x1s0 = vdupq_n_s32(0);
    int32x4_t vacc3x2s0 = vdupq_n_s32(0);
    int32x4_t vacc3x3s0 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        {   // k 0 .. 15 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 0);
            const int8x16_t va1 = vld1q_s8(a1 + k0 + 0);
            const int8x16_t va2 = vld1q_s8(a2 + k0 + 0);
            const int8x16_t va3 = vld1q_s8(a3 + k0 + 0);
            const uint8x16_t vw0 = vld1q_u8(wp + 0);
            const uint8x16_t vw1 = vld1q_u8(wp + 16);
            const uint8x16_t vw2 = vld1q_u8(wp + 32);
            const uint8x16_t vw3 = vld1q_u8(wp + 48);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vw2, vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vw3, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 0);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 0);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 0);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 0);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 0);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 0);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 0);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 0);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 0);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 0);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 0);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 0);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 0);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 2), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 2), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 1);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 1);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 1);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 1);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 1);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 1);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 1);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 1);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 1);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 1);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 1);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 1);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 1);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 1);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 1);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 4), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 4), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 2);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 2);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 2);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 2);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 2);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 2);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 2);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 2);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 2);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 2);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 2);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 2);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 2);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 2);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 2);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vshrq_n_u8(vw2, 6));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vshrq_n_u8(vw3, 6));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 3);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 3);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 3);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 3);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 3);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 3);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 3);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 3);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 3);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 3);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 3);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 3);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 3);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 3);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 3);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 3);
            }
        }
        {   // k 16 .. 31 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 16);
            const int8x16_t va1 = vld1q_s8(a1 + k0 + 16);
            const int8x16_t va2 = vld1q_s8(a2 + k0 + 16);
            const int8x16_t va3 = vld1q_s8(a3 + k0 + 16);
            const uint8x16_t vw0 = vld1q_u8(wp + 64);
            const uint8x16_t vw1 = vld1q_u8(wp + 80);
            const uint8x16_t vw2 = vld1q_u8(wp + 96);
            const uint8x16_t vw3 = vld1q_u8(wp + 112);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vw2, vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vw3, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 0);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 0);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 0);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 0);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 0);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 0);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 0);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 0);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 0);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 0);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 0);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 0);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 0);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 2), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 2), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 1);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 1);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 1);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 1);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 1);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 1);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 1);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 1);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 1);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 1);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 1);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 1);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 1);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 1);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 1);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 4), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 4), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 2);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 2);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 2);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 2);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 2);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 2);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 2);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 2);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 2);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 2);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 2);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 2);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 2);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 2);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 2);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vshrq_n_u8(vw2, 6));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vshrq_n_u8(vw3, 6));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 3);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 3);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 3);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 3);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 3);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 3);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 3);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 3);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 3);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 3);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 3);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 3);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 3);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 3);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 3);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 3);
            }
        }
        {   // k 32 .. 47 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 32);
            const int8x16_t va1 = vld1q_s8(a1 + k0 + 32);
            const int8x16_t va2 = vld1q_s8(a2 + k0 + 32);
            const int8x16_t va3 = vld1q_s8(a3 + k0 + 32);
            const uint8x16_t vw0 = vld1q_u8(wp + 128);
            const uint8x16_t vw1 = vld1q_u8(wp + 144);
            const uint8x16_t vw2 = vld1q_u8(wp + 160);
            const uint8x16_t vw3 = vld1q_u8(wp + 176);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vw2, vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vw3, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 0);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 0);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 0);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 0);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 0);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 0);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 0);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 0);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 0);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 0);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 0);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 0);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 0);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 2), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 2), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 1);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 1);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 1);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 1);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 1);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 1);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 1);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 1);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 1);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 1);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 1);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 1);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 1);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 1);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 1);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 4), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 4), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 2);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 2);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 2);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 2);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 2);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 2);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 2);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 2);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 2);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 2);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 2);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 2);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 2);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 2);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 2);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vshrq_n_u8(vw2, 6));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vshrq_n_u8(vw3, 6));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 3);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 3);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 3);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 3);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 3);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 3);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 3);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 3);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 3);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 3);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 3);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 3);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 3);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 3);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 3);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 3);
            }
        }
        {   // k 48 .. 63 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 48);
            const int8x16_t va1 = vld1q_s8(a1 + k0 + 48);
            const int8x16_t va2 = vld1q_s8(a2 + k0 + 48);
            const int8x16_t va3 = vld1q_s8(a3 + k0 + 48);
            const uint8x16_t vw0 = vld1q_u8(wp + 192);
            const uint8x16_t vw1 = vld1q_u8(wp + 208);
            const uint8x16_t vw2 = vld1q_u8(wp + 224);
            const uint8x16_t vw3 = vld1q_u8(wp + 240);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vw2, vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vw3, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 0);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 0);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 0);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 0);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 0);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 0);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 0);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 0);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 0);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 0);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 0);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 0);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 0);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 2), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 2), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 1);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 1);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 1);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 1);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 1);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 1);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 1);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 1);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 1);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 1);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 1);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 1);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 1);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 1);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 1);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw2, 4), vmask3));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw3, 4), vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 2);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 2);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 2);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 2);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 2);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 2);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 2);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 2);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 2);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 2);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 2);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 2);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 2);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 2);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 2);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                const int8x16_t vq2 = vreinterpretq_s8_u8(vshrq_n_u8(vw2, 6));
                const int8x16_t vq3 = vreinterpretq_s8_u8(vshrq_n_u8(vw3, 6));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 3);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 3);
                vacc0x2s0 = vdotq_laneq_s32(vacc0x2s0, vq2, va0, 3);
                vacc0x3s0 = vdotq_laneq_s32(vacc0x3s0, vq3, va0, 3);
                vacc1x0s0 = vdotq_laneq_s32(vacc1x0s0, vq0, va1, 3);
                vacc1x1s0 = vdotq_laneq_s32(vacc1x1s0, vq1, va1, 3);
                vacc1x2s0 = vdotq_laneq_s32(vacc1x2s0, vq2, va1, 3);
                vacc1x3s0 = vdotq_laneq_s32(vacc1x3s0, vq3, va1, 3);
                vacc2x0s0 = vdotq_laneq_s32(vacc2x0s0, vq0, va2, 3);
                vacc2x1s0 = vdotq_laneq_s32(vacc2x1s0, vq1, va2, 3);
                vacc2x2s0 = vdotq_laneq_s32(vacc2x2s0, vq2, va2, 3);
                vacc2x3s0 = vdotq_laneq_s32(vacc2x3s0, vq3, va2, 3);
                vacc3x0s0 = vdotq_laneq_s32(vacc3x0s0, vq0, va3, 3);
                vacc3x1s0 = vdotq_laneq_s32(vacc3x1s0, vq1, va3, 3);
                vacc3x2s0 = vdotq_laneq_s32(vacc3x2s0, vq2, va3, 3);
                vacc3x3s0 = vdotq_laneq_s32(vacc3x3s0, vq3, va3, 3);
            }
        }
        wp += 256;
    }

    // Lane l of row vector v is channel v*4 + l: subtract the activation sum and store.
    {
        const int32x4_t vsum = vdupq_n_s32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const int32x4_t vc0 = vsubq_s32(vacc0x0s0, vsum);
        const int32x4_t vc1 = vsubq_s32(vacc0x1s0, vsum);
        const int32x4_t vc2 = vsubq_s32(vacc0x2s0, vsum);
        const int32x4_t vc3 = vsubq_s32(vacc0x3s0, vsum);
        if (nc == 16) {
            vst1q_s32(ct + 0, vc0);
            vst1q_s32(ct + 4, vc1);
            vst1q_s32(ct + 8, vc2);
            vst1q_s32(ct + 12, vc3);
        } else {
            int32_t tmp[16];
            vst1q_s32(tmp + 0, vc0);
            vst1q_s32(tmp + 4, vc1);
            vst1q_s32(tmp + 8, vc2);
            vst1q_s32(tmp + 12, vc3);
            for (size_t r = 0; r < nc; r++) {
                c[0 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 1) {
        const int32x4_t vsum = vdupq_n_s32(a_sum[1]);
        int32_t * ct = c + 1 * c_stride;
        const int32x4_t vc0 = vsubq_s32(vacc1x0s0, vsum);
        const int32x4_t vc1 = vsubq_s32(vacc1x1s0, vsum);
        const int32x4_t vc2 = vsubq_s32(vacc1x2s0, vsum);
        const int32x4_t vc3 = vsubq_s32(vacc1x3s0, vsum);
        if (nc == 16) {
            vst1q_s32(ct + 0, vc0);
            vst1q_s32(ct + 4, vc1);
            vst1q_s32(ct + 8, vc2);
            vst1q_s32(ct + 12, vc3);
        } else {
            int32_t tmp[16];
            vst1q_s32(tmp + 0, vc0);
            vst1q_s32(tmp + 4, vc1);
            vst1q_s32(tmp + 8, vc2);
            vst1q_s32(tmp + 12, vc3);
            for (size_t r = 0; r < nc; r++) {
                c[1 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 2) {
        const int32x4_t vsum = vdupq_n_s32(a_sum[2]);
        int32_t * ct = c + 2 * c_stride;
        const int32x4_t vc0 = vsubq_s32(vacc2x0s0, vsum);
        const int32x4_t vc1 = vsubq_s32(vacc2x1s0, vsum);
        const int32x4_t vc2 = vsubq_s32(vacc2x2s0, vsum);
        const int32x4_t vc3 = vsubq_s32(vacc2x3s0, vsum);
        if (nc == 16) {
            vst1q_s32(ct + 0, vc0);
            vst1q_s32(ct + 4, vc1);
            vst1q_s32(ct + 8, vc2);
            vst1q_s32(ct + 12, vc3);
        } else {
            int32_t tmp[16];
            vst1q_s32(tmp + 0, vc0);
            vst1q_s32(tmp + 4, vc1);
            vst1q_s32(tmp + 8, vc2);
            vst1q_s32(tmp + 12, vc3);
            for (size_t r = 0; r < nc; r++) {
                c[2 * c_stride + r] = tmp[r];
            }
        }
    }
    if (mr > 3) {
        const int32x4_t vsum = vdupq_n_s32(a_sum[3]);
        int32_t * ct = c + 3 * c_stride;
        const int32x4_t vc0 = vsubq_s32(vacc3x0s0, vsum);
        const int32x4_t vc1 = vsubq_s32(vacc3x1s0, vsum);
        const int32x4_t vc2 = vsubq_s32(vacc3x2s0, vsum);
        const int32x4_t vc3 = vsubq_s32(vacc3x3s0, vsum);
        if (nc == 16) {
            vst1q_s32(ct + 0, vc0);
            vst1q_s32(ct + 4, vc1);
            vst1q_s32(ct + 8, vc2);
            vst1q_s32(ct + 12, vc3);
        } else {
            int32_t tmp[16];
            vst1q_s32(tmp + 0, vc0);
            vst1q_s32(tmp + 4, vc1);
            vst1q_s32(tmp + 8, vc2);
            vst1q_s32(tmp + 12, vc3);
            for (size_t r = 0; r < nc; r++) {
                c[3 * c_stride + r] = tmp[r];
            }
        }
    }
}
