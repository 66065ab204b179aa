// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-arm.c.j2
//   Config:    configs/kernels.toml family #30 (--probe, isa neondot)
//   Generator: codegen/gen.py
//
// Compute probe, neondot: the int8 multiply-accumulate peak of one core with sdot,
// 24 independent chains x 8 steps per round.
// sdot: 16 MACs into int32 lanes per instruction, as the i2s kernels use it.
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <arm_neon.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+w"(v))

uint64_t tern_u8s8_mac_probe__neondot_sdot(size_t iters, uint64_t * lanes_sum) {
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
    int32x4_t vacc12 = vdupq_n_s32(0);
    OPAQUE(vacc12);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc13 = vdupq_n_s32(0);
    OPAQUE(vacc13);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc14 = vdupq_n_s32(0);
    OPAQUE(vacc14);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc15 = vdupq_n_s32(0);
    OPAQUE(vacc15);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc16 = vdupq_n_s32(0);
    OPAQUE(vacc16);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc17 = vdupq_n_s32(0);
    OPAQUE(vacc17);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc18 = vdupq_n_s32(0);
    OPAQUE(vacc18);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc19 = vdupq_n_s32(0);
    OPAQUE(vacc19);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc20 = vdupq_n_s32(0);
    OPAQUE(vacc20);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc21 = vdupq_n_s32(0);
    OPAQUE(vacc21);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc22 = vdupq_n_s32(0);
    OPAQUE(vacc22);    // chains the compiler cannot prove equal, or it merges them into one
    int32x4_t vacc23 = vdupq_n_s32(0);
    OPAQUE(vacc23);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
        OPAQUE(vw);
        vacc0 = vdotq_s32(vacc0, vw, va);
        vacc1 = vdotq_s32(vacc1, vw, va);
        vacc2 = vdotq_s32(vacc2, vw, va);
        vacc3 = vdotq_s32(vacc3, vw, va);
        vacc4 = vdotq_s32(vacc4, vw, va);
        vacc5 = vdotq_s32(vacc5, vw, va);
        vacc6 = vdotq_s32(vacc6, vw, va);
        vacc7 = vdotq_s32(vacc7, vw, va);
        vacc8 = vdotq_s32(vacc8, vw, va);
        vacc9 = vdotq_s32(vacc9, vw, va);
        vacc10 = vdotq_s32(vacc10, vw, va);
        vacc11 = vdotq_s32(vacc11, vw, va);
        vacc12 = vdotq_s32(vacc12, vw, va);
        vacc13 = vdotq_s32(vacc13, vw, va);
        vacc14 = vdotq_s32(vacc14, vw, va);
        vacc15 = vdotq_s32(vacc15, vw, va);
        vacc16 = vdotq_s32(vacc16, vw, va);
        vacc17 = vdotq_s32(vacc17, vw, va);
        vacc18 = vdotq_s32(vacc18, vw, va);
        vacc19 = vdotq_s32(vacc19, vw, va);
        vacc20 = vdotq_s32(vacc20, vw, va);
        vacc21 = vdotq_s32(vacc21, vw, va);
        vacc22 = vdotq_s32(vacc22, vw, va);
        vacc23 = vdotq_s32(vacc23, vw, va);
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
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc12);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc13);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc14);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc15);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc16);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc17);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc18);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc19);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc20);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc21);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc22);
    sum += (uint64_t) (int64_t) vaddlvq_s32(vacc23);
    *lanes_sum = sum;
    return (uint64_t) iters * 3072;
}
