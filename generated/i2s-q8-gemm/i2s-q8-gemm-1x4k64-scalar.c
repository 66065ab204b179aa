// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-gemm-scalar.c.j2
//   Config:    configs/kernels.toml family #2 (i2s-q8-gemm, isa scalar)
//   Generator: codegen/gen.py
//
// i2s x q8 GEMM tile, portable C: 1 tokens x 4 channels, k-block 64.
// c[t][o] = sum_k (code - 1) * a[t][k] = sum_k code * a[t][k] - a_sum[t], exact in int32.
// Panel layout: templates/i2s/i2s-q8-pack.c.j2 (vbytes = 16).

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/kernels.h"

void tern_i2s_q8_gemm_ukernel_1x4k64__scalar(
    size_t mr,                  // tokens in this tile, 1..1
    size_t nc,                  // channels to store, 1..4
    size_t kc,                  // packed k, a multiple of 64
    const void * restrict w,    // (kc/64, 4, 16) packed codes
    const void * restrict a,    // (mr, a_stride) int8 activations
    size_t a_stride,            // bytes between token rows of a
    const int32_t * restrict a_sum, // (mr) sum of each token's activations
    int32_t * restrict c,       // (mr, c_stride) int32 output
    size_t c_stride)            // elements between token rows of c
{
    assert(mr >= 1 && mr <= 1);
    assert(nc >= 1 && nc <= 4);
    assert(kc % 64 == 0);

    const uint8_t * wp = w;
    int32_t acc[1][4] = {{0}};
    for (size_t k0 = 0; k0 < kc; k0 += 64) {
        for (size_t r = 0; r < 4; r++) {
            const uint8_t * row = wp + r * 16;
            for (size_t s = 0; s < 1; s++) {
                for (size_t i = 0; i < 4; i++) {
                    for (size_t j = 0; j < 16; j++) {
                        const int32_t code = (row[s * 16 + j] >> (6 - 2 * i)) & 3;
                        const size_t kk = k0 + s * 64 + i * 16 + j;
                        for (size_t t = 0; t < mr; t++) {
                            acc[t][r] += code * ((const int8_t *) a)[t * a_stride + kk];
                        }
                    }
                }
            }
        }
        wp += 64;
    }
    for (size_t t = 0; t < mr; t++) {
        for (size_t r = 0; r < nc; r++) {
            c[t * c_stride + r] = acc[t][r] - a_sum[t];
        }
    }
}
