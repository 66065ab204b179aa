// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-arm.c.j2
//   Config:    configs/kernels.toml family #30 (--probe, isa neon)
//   Generator: codegen/gen.py
//
// Compute probe, neon: the int8 multiply-accumulate peak of one core with smlal,
// 12 independent chains x 8 steps per round.
// smlal + smlal2 per step (16 MACs into int16 lanes), widened by sadalp into int32 once per
// round: the i2s kernels' sequence.
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+w"(v))

uint64_t tern_u8s8_mac_probe__neon_smlal(size_t iters, uint64_t * lanes_sum) {
    int8x16_t vw = vdupq_n_s8(1), va = vdupq_n_s8(1);
    int32x4_t vacc0 = vdupq_n_s32(0);
    OPAQUE(vacc0);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc1 = vdupq_n_s32(0);
    OPAQUE(vacc1);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc2 = vdupq_n_s32(0);
    OPAQUE(vacc2);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc3 = vdupq_n_s32(0);
    OPAQUE(vacc3);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc4 = vdupq_n_s32(0);
    OPAQUE(vacc4);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc5 = vdupq_n_s32(0);
    OPAQUE(vacc5);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc6 = vdupq_n_s32(0);
    OPAQUE(vacc6);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc7 = vdupq_n_s32(0);
    OPAQUE(vacc7);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc8 = vdupq_n_s32(0);
    OPAQUE(vacc8);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc9 = vdupq_n_s32(0);
    OPAQUE(vacc9);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc10 = vdupq_n_s32(0);
    OPAQUE(vacc10);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc11 = vdupq_n_s32(0);
    OPAQUE(vacc11);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        int16x8_t vp0 = vdupq_n_s16(0);
        OPAQUE(vp0);
        int16x8_t vp1 = vdupq_n_s16(0);
        OPAQUE(vp1);
        int16x8_t vp2 = vdupq_n_s16(0);
        OPAQUE(vp2);
        int16x8_t vp3 = vdupq_n_s16(0);
        OPAQUE(vp3);
        int16x8_t vp4 = vdupq_n_s16(0);
        OPAQUE(vp4);
        int16x8_t vp5 = vdupq_n_s16(0);
        OPAQUE(vp5);
        int16x8_t vp6 = vdupq_n_s16(0);
        OPAQUE(vp6);
        int16x8_t vp7 = vdupq_n_s16(0);
        OPAQUE(vp7);
        int16x8_t vp8 = vdupq_n_s16(0);
        OPAQUE(vp8);
        int16x8_t vp9 = vdupq_n_s16(0);
        OPAQUE(vp9);
        int16x8_t vp10 = vdupq_n_s16(0);
        OPAQUE(vp10);
        int16x8_t vp11 = vdupq_n_s16(0);
        OPAQUE(vp11);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        OPAQUE(vw);
        vp0 = vmlal_s8(vp0, vget_low_s8(vw), vget_low_s8(va));
        vp0 = vmlal_high_s8(vp0, vw, va);
        vp1 = vmlal_s8(vp1, vget_low_s8(vw), vget_low_s8(va));
        vp1 = vmlal_high_s8(vp1, vw, va);
        vp2 = vmlal_s8(vp2, vget_low_s8(vw), vget_low_s8(va));
        vp2 = vmlal_high_s8(vp2, vw, va);
        vp3 = vmlal_s8(vp3, vget_low_s8(vw), vget_low_s8(va));
        vp3 = vmlal_high_s8(vp3, vw, va);
        vp4 = vmlal_s8(vp4, vget_low_s8(vw), vget_low_s8(va));
        vp4 = vmlal_high_s8(vp4, vw, va);
        vp5 = vmlal_s8(vp5, vget_low_s8(vw), vget_low_s8(va));
        vp5 = vmlal_high_s8(vp5, vw, va);
        vp6 = vmlal_s8(vp6, vget_low_s8(vw), vget_low_s8(va));
        vp6 = vmlal_high_s8(vp6, vw, va);
        vp7 = vmlal_s8(vp7, vget_low_s8(vw), vget_low_s8(va));
        vp7 = vmlal_high_s8(vp7, vw, va);
        vp8 = vmlal_s8(vp8, vget_low_s8(vw), vget_low_s8(va));
        vp8 = vmlal_high_s8(vp8, vw, va);
        vp9 = vmlal_s8(vp9, vget_low_s8(vw), vget_low_s8(va));
        vp9 = vmlal_high_s8(vp9, vw, va);
        vp10 = vmlal_s8(vp10, vget_low_s8(vw), vget_low_s8(va));
        vp10 = vmlal_high_s8(vp10, vw, va);
        vp11 = vmlal_s8(vp11, vget_low_s8(vw), vget_low_s8(va));
        vp11 = vmlal_high_s8(vp11, vw, va);
        vacc0 = vpadalq_s16(vacc0, vp0);
        vacc1 = vpadalq_s16(vacc1, vp1);
        vacc2 = vpadalq_s16(vacc2, vp2);
        vacc3 = vpadalq_s16(vacc3, vp3);
        vacc4 = vpadalq_s16(vacc4, vp4);
        vacc5 = vpadalq_s16(vacc5, vp5);
        vacc6 = vpadalq_s16(vacc6, vp6);
        vacc7 = vpadalq_s16(vacc7, vp7);
        vacc8 = vpadalq_s16(vacc8, vp8);
        vacc9 = vpadalq_s16(vacc9, vp9);
        vacc10 = vpadalq_s16(vacc10, vp10);
        vacc11 = vpadalq_s16(vacc11, vp11);
    }
    uint64_t sum = 0;
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc0);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc1);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc2);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc3);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc4);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc5);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc6);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc7);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc8);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc9);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc10);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc11);
    *lanes_sum = sum;
    return (uint64_t) iters * 1536;
}
