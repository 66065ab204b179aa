// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-x86.c.j2
//   Config:    configs/kernels.toml family #28 (--probe, isa avx2)
//   Generator: codegen/gen.py
//
// Compute probe, avx2: the u8 x s8 multiply-accumulate peak of one core with maddubs on
// 32-byte vectors, 4 independent chains x 64 steps per round.
// maddubs + int16 add per step, widened by madd(., 1) into int32 once per round: the i2s
// kernels' sequence (32 MACs per maddubs).
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+v"(v))

uint64_t tern_u8s8_mac_probe__avx2_maddubs(size_t iters, uint64_t * lanes_sum) {
    __m256i va = _mm256_set1_epi8(1);
    const __m256i vone16 = _mm256_set1_epi16(1);
    __m256i vw0 = va;
    OPAQUE(vw0);      // weights the compiler cannot prove equal, or the chains share products
    __m256i vw1 = va;
    OPAQUE(vw1);      // weights the compiler cannot prove equal, or the chains share products
    __m256i vw2 = va;
    OPAQUE(vw2);      // weights the compiler cannot prove equal, or the chains share products
    __m256i vw3 = va;
    OPAQUE(vw3);      // weights the compiler cannot prove equal, or the chains share products
    __m256i vacc0 = _mm256_setzero_si256();
    OPAQUE(vacc0);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc1 = _mm256_setzero_si256();
    OPAQUE(vacc1);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc2 = _mm256_setzero_si256();
    OPAQUE(vacc2);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc3 = _mm256_setzero_si256();
    OPAQUE(vacc3);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        __m256i vp0 = _mm256_setzero_si256();
        __m256i vp1 = _mm256_setzero_si256();
        __m256i vp2 = _mm256_setzero_si256();
        __m256i vp3 = _mm256_setzero_si256();
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm256_add_epi16(vp0, _mm256_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm256_add_epi16(vp1, _mm256_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm256_add_epi16(vp2, _mm256_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm256_add_epi16(vp3, _mm256_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vacc0 = _mm256_add_epi32(vacc0, _mm256_madd_epi16(vp0, vone16));
        vacc1 = _mm256_add_epi32(vacc1, _mm256_madd_epi16(vp1, vone16));
        vacc2 = _mm256_add_epi32(vacc2, _mm256_madd_epi16(vp2, vone16));
        vacc3 = _mm256_add_epi32(vacc3, _mm256_madd_epi16(vp3, vone16));
    }
    int32_t lanes[4 * 8];
    _mm256_storeu_si256((void *) (lanes + 0), vacc0);
    _mm256_storeu_si256((void *) (lanes + 8), vacc1);
    _mm256_storeu_si256((void *) (lanes + 16), vacc2);
    _mm256_storeu_si256((void *) (lanes + 24), vacc3);
    uint64_t sum = 0;
    for (size_t i = 0; i < 4 * 8; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    *lanes_sum = sum;
    return (uint64_t) iters * 8192;
}
