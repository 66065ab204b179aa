// The scalar reference: plain loops that follow DESIGN §2 literally. It is the oracle every
// kernel variant is compared with, bit for bit, and shares no code with the kernels.
#pragma once

#include <stddef.h>
#include <stdint.h>

// One token: xq = clamp(round_half_even(x * (127 / amax)), -128, 127); returns amax.
float tern_ref_quantize(size_t k, const float * x, int8_t * xq);

// acc[t][o] = sum_k w[o][k] * xq[t][k], exact.
void tern_ref_gemm(
    size_t m, size_t n, size_t k,
    const int8_t * w,      // (n, k) ternary
    const int8_t * xq,     // (m, k) int8
    int32_t * acc);        // (m, n)

// y = (float) acc * (w_scale * amax / 127), the factor computed in that order in f32.
float tern_ref_epilogue(int32_t acc, float w_scale, float amax);

// The whole BitLinear: y (m, n) from x (m, k) f32. 0, or -1 if out of memory (y untouched).
int tern_ref_linear(size_t m, size_t n, size_t k, const int8_t * w, float w_scale, const float * x, float * y);
