// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-x86.c.j2
//   Config:    configs/kernels.toml family #28 (--probe, isa avx512bw)
//   Generator: codegen/gen.py
//
// Compute probe, avx512bw: the u8 x s8 multiply-accumulate peak of one core with maddubs on
// 64-byte vectors, 8 independent chains x 64 steps per round.
// maddubs + int16 add per step, widened by madd(., 1) into int32 once per round: the i2s
// kernels' sequence (64 MACs per maddubs).
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+v"(v))

uint64_t tern_u8s8_mac_probe__avx512bw_maddubs(size_t iters, uint64_t * lanes_sum) {
    __m512i va = _mm512_set1_epi8(1);
    const __m512i vone16 = _mm512_set1_epi16(1);
    __m512i vw0 = va;
    OPAQUE(vw0);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw1 = va;
    OPAQUE(vw1);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw2 = va;
    OPAQUE(vw2);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw3 = va;
    OPAQUE(vw3);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw4 = va;
    OPAQUE(vw4);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw5 = va;
    OPAQUE(vw5);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw6 = va;
    OPAQUE(vw6);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vw7 = va;
    OPAQUE(vw7);      // weights the compiler cannot prove equal, or the chains share products
    __m512i vacc0 = _mm512_setzero_si512();
    OPAQUE(vacc0);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc1 = _mm512_setzero_si512();
    OPAQUE(vacc1);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc2 = _mm512_setzero_si512();
    OPAQUE(vacc2);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc3 = _mm512_setzero_si512();
    OPAQUE(vacc3);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc4 = _mm512_setzero_si512();
    OPAQUE(vacc4);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc5 = _mm512_setzero_si512();
    OPAQUE(vacc5);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc6 = _mm512_setzero_si512();
    OPAQUE(vacc6);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc7 = _mm512_setzero_si512();
    OPAQUE(vacc7);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        __m512i vp0 = _mm512_setzero_si512();
        __m512i vp1 = _mm512_setzero_si512();
        __m512i vp2 = _mm512_setzero_si512();
        __m512i vp3 = _mm512_setzero_si512();
        __m512i vp4 = _mm512_setzero_si512();
        __m512i vp5 = _mm512_setzero_si512();
        __m512i vp6 = _mm512_setzero_si512();
        __m512i vp7 = _mm512_setzero_si512();
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        OPAQUE(va);     // a new operand each step: no product is shared, hoisted or sunk
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE(vp0);   // kept a chain of adds, not reassociated
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE(vp1);   // kept a chain of adds, not reassociated
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE(vp2);   // kept a chain of adds, not reassociated
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE(vp3);   // kept a chain of adds, not reassociated
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE(vp4);   // kept a chain of adds, not reassociated
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE(vp5);   // kept a chain of adds, not reassociated
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE(vp6);   // kept a chain of adds, not reassociated
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE(vp7);   // kept a chain of adds, not reassociated
        vacc0 = _mm512_add_epi32(vacc0, _mm512_madd_epi16(vp0, vone16));
        vacc1 = _mm512_add_epi32(vacc1, _mm512_madd_epi16(vp1, vone16));
        vacc2 = _mm512_add_epi32(vacc2, _mm512_madd_epi16(vp2, vone16));
        vacc3 = _mm512_add_epi32(vacc3, _mm512_madd_epi16(vp3, vone16));
        vacc4 = _mm512_add_epi32(vacc4, _mm512_madd_epi16(vp4, vone16));
        vacc5 = _mm512_add_epi32(vacc5, _mm512_madd_epi16(vp5, vone16));
        vacc6 = _mm512_add_epi32(vacc6, _mm512_madd_epi16(vp6, vone16));
        vacc7 = _mm512_add_epi32(vacc7, _mm512_madd_epi16(vp7, vone16));
    }
    int32_t lanes[8 * 16];
    _mm512_storeu_si512((void *) (lanes + 0), vacc0);
    _mm512_storeu_si512((void *) (lanes + 16), vacc1);
    _mm512_storeu_si512((void *) (lanes + 32), vacc2);
    _mm512_storeu_si512((void *) (lanes + 48), vacc3);
    _mm512_storeu_si512((void *) (lanes + 64), vacc4);
    _mm512_storeu_si512((void *) (lanes + 80), vacc5);
    _mm512_storeu_si512((void *) (lanes + 96), vacc6);
    _mm512_storeu_si512((void *) (lanes + 112), vacc7);
    uint64_t sum = 0;
    for (size_t i = 0; i < 8 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    *lanes_sum = sum;
    return (uint64_t) iters * 32768;
}
