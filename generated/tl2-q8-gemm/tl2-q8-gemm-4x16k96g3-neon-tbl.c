// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-gemm-arm.c.j2
//   Config:    configs/kernels.toml family #21 (tl2-q8-gemm, isa neon)
//   Generator: codegen/gen.py
//
// tl2 x q8 GEMM tile, neon (tbl): 4 tokens x 16 channels, k-block 96, groups of 3.
// Lookups run along output channels: one 16-byte vector holds the 4-bit indices of 16 rows for
// one group and tbl looks all of them up in that group's table (16 low bytes, 16 high bytes), so
// entries are exact int16. int16 partial sums per k-block (32 groups, |entry| <= 384)
// cannot overflow; they are widened to int32 once per block.

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

void tern_tl2_q8_gemm_ukernel_4x16k96g3__neon_tbl(
    size_t mr,                  // tokens in this tile, 1..4
    size_t nc,                  // channels to store, 1..16
    size_t kc,                  // packed k, a multiple of 96
    const void * restrict w,    // one packed panel of 16 channels
    const void * restrict a,    // (mr, a_stride) tables, 32 bytes per group
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // unused: tables are signed
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 4);
    assert(nc >= 1 && nc <= 16);
    assert(kc % 96 == 0);
    (void) a_sum;
    const uint8_t * wp = w;
    // Rows past mr alias the last valid row: loads stay in bounds, results are not stored.
    const uint8_t * a0 = a;
    const uint8_t * a1 = mr > 1 ? a0 + a_stride : a0;
    const uint8_t * a2 = mr > 2 ? a1 + a_stride : a1;
    const uint8_t * a3 = mr > 3 ? a2 + a_stride : a2;
    const uint8x16_t vmask4 = vdupq_n_u8(0x0f);
    static const uint16_t sel[16] = { 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768 };
    const uint16x8_t vsel_lo = vld1q_u16(sel), vsel_hi = vld1q_u16(sel + 8);
    int32x4_t vacc0_0_0 = vdupq_n_s32(0), vacc0_0_1 = vdupq_n_s32(0);
    int32x4_t vacc0_0_2 = vdupq_n_s32(0), vacc0_0_3 = vdupq_n_s32(0);
    int32x4_t vacc1_0_0 = vdupq_n_s32(0), vacc1_0_1 = vdupq_n_s32(0);
    int32x4_t vacc1_0_2 = vdupq_n_s32(0), vacc1_0_3 = vdupq_n_s32(0);
    int32x4_t vacc2_0_0 = vdupq_n_s32(0), vacc2_0_1 = vdupq_n_s32(0);
    int32x4_t vacc2_0_2 = vdupq_n_s32(0), vacc2_0_3 = vdupq_n_s32(0);
    int32x4_t vacc3_0_0 = vdupq_n_s32(0), vacc3_0_1 = vdupq_n_s32(0);
    int32x4_t vacc3_0_2 = vdupq_n_s32(0), vacc3_0_3 = vdupq_n_s32(0);

    for (size_t k0 = 0; k0 < kc; k0 += 96) {
        int16x8_t vs0_0_lo = vdupq_n_s16(0), vs0_0_hi = vdupq_n_s16(0);   // rows 0..7, 8..15
        int16x8_t vs1_0_lo = vdupq_n_s16(0), vs1_0_hi = vdupq_n_s16(0);   // rows 0..7, 8..15
        int16x8_t vs2_0_lo = vdupq_n_s16(0), vs2_0_hi = vdupq_n_s16(0);   // rows 0..7, 8..15
        int16x8_t vs3_0_lo = vdupq_n_s16(0), vs3_0_hi = vdupq_n_s16(0);   // rows 0..7, 8..15
        for (size_t u = 0; u < 16; u++) {
            const uint8_t * unit = wp + u * 20;
            const size_t g0 = k0 / 3 + u * 2;
            {
                const uint8x16_t vw = vld1q_u8(unit + 0);
                const uint8x16_t vlo = vandq_u8(vw, vmask4);
                const uint8x16_t vhi = vshrq_n_u8(vw, 4);
                uint16_t bits0;
                __builtin_memcpy(&bits0, unit + 16, 2);
                const int16x8_t vneg0_lo = vreinterpretq_s16_u16(vtstq_u16(vdupq_n_u16(bits0), vsel_lo));
                const int16x8_t vneg0_hi = vreinterpretq_s16_u16(vtstq_u16(vdupq_n_u16(bits0), vsel_hi));
                {
                    const uint8_t * table = a0 + (g0 + 0) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vlo), vrhi = vqtbl1q_u8(vthi, vlo);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg0_lo), vneg0_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg0_hi), vneg0_hi);
                    vs0_0_lo = vaddq_s16(vs0_0_lo, v0);
                    vs0_0_hi = vaddq_s16(vs0_0_hi, v1);
                }
                {
                    const uint8_t * table = a1 + (g0 + 0) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vlo), vrhi = vqtbl1q_u8(vthi, vlo);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg0_lo), vneg0_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg0_hi), vneg0_hi);
                    vs1_0_lo = vaddq_s16(vs1_0_lo, v0);
                    vs1_0_hi = vaddq_s16(vs1_0_hi, v1);
                }
                {
                    const uint8_t * table = a2 + (g0 + 0) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vlo), vrhi = vqtbl1q_u8(vthi, vlo);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg0_lo), vneg0_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg0_hi), vneg0_hi);
                    vs2_0_lo = vaddq_s16(vs2_0_lo, v0);
                    vs2_0_hi = vaddq_s16(vs2_0_hi, v1);
                }
                {
                    const uint8_t * table = a3 + (g0 + 0) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vlo), vrhi = vqtbl1q_u8(vthi, vlo);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg0_lo), vneg0_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg0_hi), vneg0_hi);
                    vs3_0_lo = vaddq_s16(vs3_0_lo, v0);
                    vs3_0_hi = vaddq_s16(vs3_0_hi, v1);
                }
                uint16_t bits1;
                __builtin_memcpy(&bits1, unit + 18, 2);
                const int16x8_t vneg1_lo = vreinterpretq_s16_u16(vtstq_u16(vdupq_n_u16(bits1), vsel_lo));
                const int16x8_t vneg1_hi = vreinterpretq_s16_u16(vtstq_u16(vdupq_n_u16(bits1), vsel_hi));
                {
                    const uint8_t * table = a0 + (g0 + 1) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vhi), vrhi = vqtbl1q_u8(vthi, vhi);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg1_lo), vneg1_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg1_hi), vneg1_hi);
                    vs0_0_lo = vaddq_s16(vs0_0_lo, v0);
                    vs0_0_hi = vaddq_s16(vs0_0_hi, v1);
                }
                {
                    const uint8_t * table = a1 + (g0 + 1) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vhi), vrhi = vqtbl1q_u8(vthi, vhi);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg1_lo), vneg1_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg1_hi), vneg1_hi);
                    vs1_0_lo = vaddq_s16(vs1_0_lo, v0);
                    vs1_0_hi = vaddq_s16(vs1_0_hi, v1);
                }
                {
                    const uint8_t * table = a2 + (g0 + 1) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vhi), vrhi = vqtbl1q_u8(vthi, vhi);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg1_lo), vneg1_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg1_hi), vneg1_hi);
                    vs2_0_lo = vaddq_s16(vs2_0_lo, v0);
                    vs2_0_hi = vaddq_s16(vs2_0_hi, v1);
                }
                {
                    const uint8_t * table = a3 + (g0 + 1) * 32;
                    const uint8x16_t vtlo = vld1q_u8(table), vthi = vld1q_u8(table + 16);
                    const uint8x16_t vrlo = vqtbl1q_u8(vtlo, vhi), vrhi = vqtbl1q_u8(vthi, vhi);
                    int16x8_t v0 = vreinterpretq_s16_u8(vzip1q_u8(vrlo, vrhi)), v1 = vreinterpretq_s16_u8(vzip2q_u8(vrlo, vrhi));
                    v0 = vsubq_s16(veorq_s16(v0, vneg1_lo), vneg1_lo);
                    v1 = vsubq_s16(veorq_s16(v1, vneg1_hi), vneg1_hi);
                    vs3_0_lo = vaddq_s16(vs3_0_lo, v0);
                    vs3_0_hi = vaddq_s16(vs3_0_hi, v1);
                }
            }
        }
        vacc0_0_0 = vaddw_s16(vacc0_0_0, vget_low_s16(vs0_0_lo));
        vacc0_0_1 = vaddw_high_s16(vacc0_0_1, vs0_0_lo);
        vacc0_0_2 = vaddw_s16(vacc0_0_2, vget_low_s16(vs0_0_hi));
        vacc0_0_3 = vaddw_high_s16(vacc0_0_3, vs0_0_hi);
        vacc1_0_0 = vaddw_s16(vacc1_0_0, vget_low_s16(vs1_0_lo));
        vacc1_0_1 = vaddw_high_s16(vacc1_0_1, vs1_0_lo);
        vacc1_0_2 = vaddw_s16(vacc1_0_2, vget_low_s16(vs1_0_hi));
        vacc1_0_3 = vaddw_high_s16(vacc1_0_3, vs1_0_hi);
        vacc2_0_0 = vaddw_s16(vacc2_0_0, vget_low_s16(vs2_0_lo));
        vacc2_0_1 = vaddw_high_s16(vacc2_0_1, vs2_0_lo);
        vacc2_0_2 = vaddw_s16(vacc2_0_2, vget_low_s16(vs2_0_hi));
        vacc2_0_3 = vaddw_high_s16(vacc2_0_3, vs2_0_hi);
        vacc3_0_0 = vaddw_s16(vacc3_0_0, vget_low_s16(vs3_0_lo));
        vacc3_0_1 = vaddw_high_s16(vacc3_0_1, vs3_0_lo);
        vacc3_0_2 = vaddw_s16(vacc3_0_2, vget_low_s16(vs3_0_hi));
        vacc3_0_3 = vaddw_high_s16(vacc3_0_3, vs3_0_hi);
        wp += 320;
    }

    {
        int32_t row[16];
        vst1q_s32(row + 0, vacc0_0_0);
        vst1q_s32(row + 4, vacc0_0_1);
        vst1q_s32(row + 8, vacc0_0_2);
        vst1q_s32(row + 12, vacc0_0_3);
        for (size_t r = 0; r < nc; r++) {
            c[0 * c_stride + r] = row[r];
        }
    }
    if (mr > 1) {
        int32_t row[16];
        vst1q_s32(row + 0, vacc1_0_0);
        vst1q_s32(row + 4, vacc1_0_1);
        vst1q_s32(row + 8, vacc1_0_2);
        vst1q_s32(row + 12, vacc1_0_3);
        for (size_t r = 0; r < nc; r++) {
            c[1 * c_stride + r] = row[r];
        }
    }
    if (mr > 2) {
        int32_t row[16];
        vst1q_s32(row + 0, vacc2_0_0);
        vst1q_s32(row + 4, vacc2_0_1);
        vst1q_s32(row + 8, vacc2_0_2);
        vst1q_s32(row + 12, vacc2_0_3);
        for (size_t r = 0; r < nc; r++) {
            c[2 * c_stride + r] = row[r];
        }
    }
    if (mr > 3) {
        int32_t row[16];
        vst1q_s32(row + 0, vacc3_0_0);
        vst1q_s32(row + 4, vacc3_0_1);
        vst1q_s32(row + 8, vacc3_0_2);
        vst1q_s32(row + 12, vacc3_0_3);
        for (size_t r = 0; r < nc; r++) {
            c[3 * c_stride + r] = row[r];
        }
    }
}
