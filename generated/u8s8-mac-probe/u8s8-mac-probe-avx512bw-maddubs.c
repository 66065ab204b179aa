// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-x86.c.j2
//   Config:    configs/kernels.toml family #28 (--probe, isa avx512bw)
//   Generator: codegen/gen.py
//
// Compute probe, avx512bw: the u8 x s8 multiply-accumulate peak of one core with maddubs on
// 64-byte vectors, 12 independent chains x 8 steps per round.
// maddubs + int16 add per step, widened by madd(., 1) into int32 once per round: the i2s
// kernels' sequence (64 MACs per maddubs).
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+v"(v))
#define OPAQUE2(v, w) __asm__ volatile("" : "+v"(v), "+v"(w))

uint64_t tern_u8s8_mac_probe__avx512bw_maddubs(size_t iters, uint64_t * lanes_sum) {
    __m512i va = _mm512_set1_epi8(1);
    const __m512i vone16 = _mm512_set1_epi16(1);
    __m512i vw0 = va;
    __m512i vw1 = va;
    __m512i vw2 = va;
    __m512i vw3 = va;
    __m512i vw4 = va;
    __m512i vw5 = va;
    __m512i vw6 = va;
    __m512i vw7 = va;
    __m512i vw8 = va;
    __m512i vw9 = va;
    __m512i vw10 = va;
    __m512i vw11 = va;
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
    __m512i vacc8 = _mm512_setzero_si512();
    OPAQUE(vacc8);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc9 = _mm512_setzero_si512();
    OPAQUE(vacc9);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc10 = _mm512_setzero_si512();
    OPAQUE(vacc10);    // chains the compiler cannot prove equal, or it merges them into one
    __m512i vacc11 = _mm512_setzero_si512();
    OPAQUE(vacc11);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        __m512i vp0 = _mm512_setzero_si512();
        __m512i vp1 = _mm512_setzero_si512();
        __m512i vp2 = _mm512_setzero_si512();
        __m512i vp3 = _mm512_setzero_si512();
        __m512i vp4 = _mm512_setzero_si512();
        __m512i vp5 = _mm512_setzero_si512();
        __m512i vp6 = _mm512_setzero_si512();
        __m512i vp7 = _mm512_setzero_si512();
        __m512i vp8 = _mm512_setzero_si512();
        __m512i vp9 = _mm512_setzero_si512();
        __m512i vp10 = _mm512_setzero_si512();
        __m512i vp11 = _mm512_setzero_si512();
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp0 = _mm512_add_epi16(vp0, _mm512_maddubs_epi16(vw0, va));
        OPAQUE2(vp0, vw0);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp1 = _mm512_add_epi16(vp1, _mm512_maddubs_epi16(vw1, va));
        OPAQUE2(vp1, vw1);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp2 = _mm512_add_epi16(vp2, _mm512_maddubs_epi16(vw2, va));
        OPAQUE2(vp2, vw2);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp3 = _mm512_add_epi16(vp3, _mm512_maddubs_epi16(vw3, va));
        OPAQUE2(vp3, vw3);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp4 = _mm512_add_epi16(vp4, _mm512_maddubs_epi16(vw4, va));
        OPAQUE2(vp4, vw4);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp5 = _mm512_add_epi16(vp5, _mm512_maddubs_epi16(vw5, va));
        OPAQUE2(vp5, vw5);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp6 = _mm512_add_epi16(vp6, _mm512_maddubs_epi16(vw6, va));
        OPAQUE2(vp6, vw6);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp7 = _mm512_add_epi16(vp7, _mm512_maddubs_epi16(vw7, va));
        OPAQUE2(vp7, vw7);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp8 = _mm512_add_epi16(vp8, _mm512_maddubs_epi16(vw8, va));
        OPAQUE2(vp8, vw8);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp9 = _mm512_add_epi16(vp9, _mm512_maddubs_epi16(vw9, va));
        OPAQUE2(vp9, vw9);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp10 = _mm512_add_epi16(vp10, _mm512_maddubs_epi16(vw10, va));
        OPAQUE2(vp10, vw10);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vp11 = _mm512_add_epi16(vp11, _mm512_maddubs_epi16(vw11, va));
        OPAQUE2(vp11, vw11);   // the step is done and the operand renewed: nothing to share, hoist or sink
        vacc0 = _mm512_add_epi32(vacc0, _mm512_madd_epi16(vp0, vone16));
        vacc1 = _mm512_add_epi32(vacc1, _mm512_madd_epi16(vp1, vone16));
        vacc2 = _mm512_add_epi32(vacc2, _mm512_madd_epi16(vp2, vone16));
        vacc3 = _mm512_add_epi32(vacc3, _mm512_madd_epi16(vp3, vone16));
        vacc4 = _mm512_add_epi32(vacc4, _mm512_madd_epi16(vp4, vone16));
        vacc5 = _mm512_add_epi32(vacc5, _mm512_madd_epi16(vp5, vone16));
        vacc6 = _mm512_add_epi32(vacc6, _mm512_madd_epi16(vp6, vone16));
        vacc7 = _mm512_add_epi32(vacc7, _mm512_madd_epi16(vp7, vone16));
        vacc8 = _mm512_add_epi32(vacc8, _mm512_madd_epi16(vp8, vone16));
        vacc9 = _mm512_add_epi32(vacc9, _mm512_madd_epi16(vp9, vone16));
        vacc10 = _mm512_add_epi32(vacc10, _mm512_madd_epi16(vp10, vone16));
        vacc11 = _mm512_add_epi32(vacc11, _mm512_madd_epi16(vp11, vone16));
    }
    int32_t lanes[12 * 16];
    _mm512_storeu_si512((void *) (lanes + 0), vacc0);
    _mm512_storeu_si512((void *) (lanes + 16), vacc1);
    _mm512_storeu_si512((void *) (lanes + 32), vacc2);
    _mm512_storeu_si512((void *) (lanes + 48), vacc3);
    _mm512_storeu_si512((void *) (lanes + 64), vacc4);
    _mm512_storeu_si512((void *) (lanes + 80), vacc5);
    _mm512_storeu_si512((void *) (lanes + 96), vacc6);
    _mm512_storeu_si512((void *) (lanes + 112), vacc7);
    _mm512_storeu_si512((void *) (lanes + 128), vacc8);
    _mm512_storeu_si512((void *) (lanes + 144), vacc9);
    _mm512_storeu_si512((void *) (lanes + 160), vacc10);
    _mm512_storeu_si512((void *) (lanes + 176), vacc11);
    uint64_t sum = 0;
    for (size_t i = 0; i < 12 * 16; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    *lanes_sum = sum;
    return (uint64_t) iters * 6144;
}
