// What the hand-written x86 vector routines (vec.c, dense.c) share: the target() attributes
// of the ISA tokens they run under, and a horizontal sum. Include only on x86-64.
#pragma once

#include <immintrin.h>

// Each routine runs where the features of its ISA token are usable, so these target() lists
// must stay within that token's flags in configs/isa.toml.
#define AVX2 __attribute__((target("avx2,fma,f16c")))
#define AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,fma,f16c")))

AVX2 static inline float hsum8(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
