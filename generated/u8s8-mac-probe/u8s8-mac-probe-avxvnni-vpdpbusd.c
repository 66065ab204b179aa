// Auto-generated file. Do not edit!
//   Template:  templates/probe/u8s8-mac-probe-x86.c.j2
//   Config:    configs/kernels.toml family #28 (--probe, isa avxvnni)
//   Generator: codegen/gen.py
//
// Compute probe, avxvnni: the u8 x s8 multiply-accumulate peak of one core with vpdpbusd on
// 32-byte vectors, 12 independent chains x 8 steps per round.
// vpdpbusd: 32 MACs into int32 lanes per instruction, as the i2s kernels use it.
// Operands and initial sums pass through an empty asm so the compiler can neither fold, hoist
// nor merge the chains.

#include <stddef.h>
#include <stdint.h>

#include <immintrin.h>

#include "tern/kernels.h"

#define OPAQUE(v) __asm__ volatile("" : "+v"(v))

uint64_t tern_u8s8_mac_probe__avxvnni_vpdpbusd(size_t iters, uint64_t * lanes_sum) {
    __m256i va = _mm256_set1_epi8(1);
    __m256i vw = va;
    __m256i vacc0 = _mm256_setzero_si256();
    OPAQUE(vacc0);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc1 = _mm256_setzero_si256();
    OPAQUE(vacc1);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc2 = _mm256_setzero_si256();
    OPAQUE(vacc2);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc3 = _mm256_setzero_si256();
    OPAQUE(vacc3);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc4 = _mm256_setzero_si256();
    OPAQUE(vacc4);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc5 = _mm256_setzero_si256();
    OPAQUE(vacc5);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc6 = _mm256_setzero_si256();
    OPAQUE(vacc6);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc7 = _mm256_setzero_si256();
    OPAQUE(vacc7);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc8 = _mm256_setzero_si256();
    OPAQUE(vacc8);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc9 = _mm256_setzero_si256();
    OPAQUE(vacc9);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc10 = _mm256_setzero_si256();
    OPAQUE(vacc10);    // chains the compiler cannot prove equal, or it merges them into one
    __m256i vacc11 = _mm256_setzero_si256();
    OPAQUE(vacc11);    // chains the compiler cannot prove equal, or it merges them into one
    for (size_t it = 0; it < iters; it++) {
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
        OPAQUE(vw);
        vacc0 = _mm256_dpbusd_avx_epi32(vacc0, vw, va);
        vacc1 = _mm256_dpbusd_avx_epi32(vacc1, vw, va);
        vacc2 = _mm256_dpbusd_avx_epi32(vacc2, vw, va);
        vacc3 = _mm256_dpbusd_avx_epi32(vacc3, vw, va);
        vacc4 = _mm256_dpbusd_avx_epi32(vacc4, vw, va);
        vacc5 = _mm256_dpbusd_avx_epi32(vacc5, vw, va);
        vacc6 = _mm256_dpbusd_avx_epi32(vacc6, vw, va);
        vacc7 = _mm256_dpbusd_avx_epi32(vacc7, vw, va);
        vacc8 = _mm256_dpbusd_avx_epi32(vacc8, vw, va);
        vacc9 = _mm256_dpbusd_avx_epi32(vacc9, vw, va);
        vacc10 = _mm256_dpbusd_avx_epi32(vacc10, vw, va);
        vacc11 = _mm256_dpbusd_avx_epi32(vacc11, vw, va);
    }
    int32_t lanes[12 * 8];
    _mm256_storeu_si256((void *) (lanes + 0), vacc0);
    _mm256_storeu_si256((void *) (lanes + 8), vacc1);
    _mm256_storeu_si256((void *) (lanes + 16), vacc2);
    _mm256_storeu_si256((void *) (lanes + 24), vacc3);
    _mm256_storeu_si256((void *) (lanes + 32), vacc4);
    _mm256_storeu_si256((void *) (lanes + 40), vacc5);
    _mm256_storeu_si256((void *) (lanes + 48), vacc6);
    _mm256_storeu_si256((void *) (lanes + 56), vacc7);
    _mm256_storeu_si256((void *) (lanes + 64), vacc8);
    _mm256_storeu_si256((void *) (lanes + 72), vacc9);
    _mm256_storeu_si256((void *) (lanes + 80), vacc10);
    _mm256_storeu_si256((void *) (lanes + 88), vacc11);
    uint64_t sum = 0;
    for (size_t i = 0; i < 12 * 8; i++) {
        sum += (uint64_t) (int64_t) lanes[i];
    }
    *lanes_sum = sum;
    return (uint64_t) iters * 3072;
}
