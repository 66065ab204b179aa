// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-gemm-scalar.c.j2
//   Config:    configs/kernels.toml family #17 (tl2-q8-gemm, isa scalar)
//   Generator: codegen/gen.py
//
// tl2 x q8 GEMM tile, portable C: 4 tokens x 16 channels, k-block 96, groups of 3.
// c[t][r] = sum over groups of T_t,g[index(r, g)] (negated where tl2's sign bit is set; for lutg4
// T[index_p] - T[index_n]). Layout: templates/lut/lut-q8-pack.c.j2; tables: templates/lut/lut-q8-prep.c.j2.

#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "tern/kernels.h"

static inline int32_t entry(const uint8_t * table, unsigned idx) {
    return (int16_t) (uint16_t) (table[idx] | table[16 + idx] << 8);
}

void tern_tl2_q8_gemm_ukernel_4x16k96g3__scalar(
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
    int32_t acc[4][16] = {{0}};
    for (size_t g = 0; g < kc / 3; g++) {
        const uint8_t * unit = wp + g / 2 * 20;
        for (size_t r = 0; r < 16; r++) {
            const unsigned idx = g % 2 ? unit[r] >> 4 : unit[r] & 15;
            const int neg = (unit[16 + g % 2 * 2 + r / 8] >> (r % 8)) & 1;
            for (size_t t = 0; t < mr; t++) {
                const uint8_t * table = (const uint8_t *) a + t * a_stride + g * 32;
                acc[t][r] += neg ? -entry(table, idx) : entry(table, idx);
            }
        }
    }
    for (size_t t = 0; t < mr; t++) {
        for (size_t r = 0; r < nc; r++) {
            c[t * c_stride + r] = acc[t][r];
        }
    }
}
