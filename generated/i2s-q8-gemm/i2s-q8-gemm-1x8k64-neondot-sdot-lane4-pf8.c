// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-arm-lane4.c.j2
//   Config:    configs/kernels.toml family #37 (i2s-q8-gemm, isa neondot)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, neondot (sdot), lane4 layout: 1 tokens x 8 channels, k-block 64.
// A 16-byte vector holds 4 rows x 16 k (templates/i2s/i2s-q8-pack-lane4.c.j2): shift and mask give,
// per field f, a vector whose lane l is k 4f..4f+3 of row l. sdot by element f of a token's 16
// activations (k 4f..4f+3 broadcast by the instruction itself) consumes 4 k of 4 rows: the tile
// is an outer product of 2 row vector(s) and 1 token(s) in 8 accumulators (4 sets of fields).
// Codes (0..2) are valid s8, so sdot applies. Accumulator lanes are output channels.
// Decode streams the panel once: each k-block prefetches the block 8 ahead (1024 bytes).
// The activation sum is subtracted at the end: sum (t + 1) a = sum t a + sum a (DESIGN §5).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_1x8k64__neondot_sdot_lane4_pf8(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..8
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/16, 2, 16) packed codes, lane4 layout
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 8);
    assert(kc % 64 == 0);

    const uint8_t * wp = w;
    (void) mr;          // one token: nothing to clamp
    (void) a_stride;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const int8_t * a0 = a;

    const uint8x16_t vmask3 = vdupq_n_u8(3);
    int32x4_t vacc0x0s0 = vdupq_n_s32(0);
    int32x4_t vacc0x0s1 = vdupq_n_s32(0);
    int32x4_t vacc0x0s2 = vdupq_n_s32(0);
    int32x4_t vacc0x0s3 = vdupq_n_s32(0);
    int32x4_t vacc0x1s0 = vdupq_n_s32(0);
    int32x4_t vacc0x1s1 = vdupq_n_s32(0);
    int32x4_t vacc0x1s2 = vdupq_n_s32(0);
    int32x4_t vacc0x1s3 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        __builtin_prefetch(wp + 1024);
        __builtin_prefetch(wp + 1088);
        {   // k 0 .. 15 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 0);
            const uint8x16_t vw0 = vld1q_u8(wp + 0);
            const uint8x16_t vw1 = vld1q_u8(wp + 16);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                vacc0x0s1 = vdotq_laneq_s32(vacc0x0s1, vq0, va0, 1);
                vacc0x1s1 = vdotq_laneq_s32(vacc0x1s1, vq1, va0, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                vacc0x0s2 = vdotq_laneq_s32(vacc0x0s2, vq0, va0, 2);
                vacc0x1s2 = vdotq_laneq_s32(vacc0x1s2, vq1, va0, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                vacc0x0s3 = vdotq_laneq_s32(vacc0x0s3, vq0, va0, 3);
                vacc0x1s3 = vdotq_laneq_s32(vacc0x1s3, vq1, va0, 3);
            }
        }
        {   // k 16 .. 31 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 16);
            const uint8x16_t vw0 = vld1q_u8(wp + 32);
            const uint8x16_t vw1 = vld1q_u8(wp + 48);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                vacc0x0s1 = vdotq_laneq_s32(vacc0x0s1, vq0, va0, 1);
                vacc0x1s1 = vdotq_laneq_s32(vacc0x1s1, vq1, va0, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                vacc0x0s2 = vdotq_laneq_s32(vacc0x0s2, vq0, va0, 2);
                vacc0x1s2 = vdotq_laneq_s32(vacc0x1s2, vq1, va0, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                vacc0x0s3 = vdotq_laneq_s32(vacc0x0s3, vq0, va0, 3);
                vacc0x1s3 = vdotq_laneq_s32(vacc0x1s3, vq1, va0, 3);
            }
        }
        {   // k 32 .. 47 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 32);
            const uint8x16_t vw0 = vld1q_u8(wp + 64);
            const uint8x16_t vw1 = vld1q_u8(wp + 80);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                vacc0x0s1 = vdotq_laneq_s32(vacc0x0s1, vq0, va0, 1);
                vacc0x1s1 = vdotq_laneq_s32(vacc0x1s1, vq1, va0, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                vacc0x0s2 = vdotq_laneq_s32(vacc0x0s2, vq0, va0, 2);
                vacc0x1s2 = vdotq_laneq_s32(vacc0x1s2, vq1, va0, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                vacc0x0s3 = vdotq_laneq_s32(vacc0x0s3, vq0, va0, 3);
                vacc0x1s3 = vdotq_laneq_s32(vacc0x1s3, vq1, va0, 3);
            }
        }
        {   // k 48 .. 63 of the block
            const int8x16_t va0 = vld1q_s8(a0 + k0 + 48);
            const uint8x16_t vw0 = vld1q_u8(wp + 96);
            const uint8x16_t vw1 = vld1q_u8(wp + 112);
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vw0, vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vw1, vmask3));
                vacc0x0s0 = vdotq_laneq_s32(vacc0x0s0, vq0, va0, 0);
                vacc0x1s0 = vdotq_laneq_s32(vacc0x1s0, vq1, va0, 0);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 2), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 2), vmask3));
                vacc0x0s1 = vdotq_laneq_s32(vacc0x0s1, vq0, va0, 1);
                vacc0x1s1 = vdotq_laneq_s32(vacc0x1s1, vq1, va0, 1);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw0, 4), vmask3));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vandq_u8(vshrq_n_u8(vw1, 4), vmask3));
                vacc0x0s2 = vdotq_laneq_s32(vacc0x0s2, vq0, va0, 2);
                vacc0x1s2 = vdotq_laneq_s32(vacc0x1s2, vq1, va0, 2);
            }
            {
                const int8x16_t vq0 = vreinterpretq_s8_u8(vshrq_n_u8(vw0, 6));
                const int8x16_t vq1 = vreinterpretq_s8_u8(vshrq_n_u8(vw1, 6));
                vacc0x0s3 = vdotq_laneq_s32(vacc0x0s3, vq0, va0, 3);
                vacc0x1s3 = vdotq_laneq_s32(vacc0x1s3, vq1, va0, 3);
            }
        }
        wp += 128;
    }

    // Lane l of row vector v is channel v*4 + l: subtract the activation sum and store.
    {
        const int32x4_t vsum = vdupq_n_s32(a_sum[0]);
        int32_t * ct = c + 0 * c_stride;
        const int32x4_t vc0 = vsubq_s32(vaddq_s32(vaddq_s32(vaddq_s32(vacc0x0s0, vacc0x0s1), vacc0x0s2), vacc0x0s3), vsum);
        const int32x4_t vc1 = vsubq_s32(vaddq_s32(vaddq_s32(vaddq_s32(vacc0x1s0, vacc0x1s1), vacc0x1s2), vacc0x1s3), vsum);
        if (nc == 8) {
            vst1q_s32(ct + 0, vc0);
            vst1q_s32(ct + 4, vc1);
        } else {
            int32_t tmp[8];
            vst1q_s32(tmp + 0, vc0);
            vst1q_s32(tmp + 4, vc1);
            for (size_t r = 0; r < nc; r++) {
                c[0 * c_stride + r] = tmp[r];
            }
        }
    }
}
