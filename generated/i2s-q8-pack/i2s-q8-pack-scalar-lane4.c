// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-pack-lane4.c.j2
//   Config:    configs/kernels.toml family #31 (i2s-q8-pack, isa scalar)
//   Generator: codegen/gen.py
//
// i2s weight packing, lane4 layout: ternary int8 rows -> the panels of the lane4 gemm kernels.
//
// A vector of vbytes bytes holds L = vbytes/4 rows x 16 k: its 32-bit lane l belongs to ONE row,
// and byte q of lane l holds, in bits 2f+1:2f (f = 0..3), the code w+1 of k = 4f + q of that row.
// Shift by 2f and mask 3 give a vector whose lane l is 4 consecutive k (4f .. 4f+3) of row l:
// one u8 x s8 dot (vpdpbusd, sdot) against 4 broadcast activations then consumes 4 k of L rows,
// and each accumulator lane is one output channel (no horizontal sums).
//
// Panel p holds rows [p*nr, p*nr + nr), nr a multiple of L; rows past n are zero weights. With
// kc = round_up(k, kb), kb a multiple of 16:
//   panel bytes = nr * kc / 4, ordered (kc/16 groups, nr/L row vectors, vbytes bytes)
//   byte 4l + q of vector (g, v) = sum over f of code(row v*L + l, k = 16g + 4f + q) << 2f
// Positions past k hold code 1 (weight 0) and contribute nothing.

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tern/kernels.h"

void tern_i2s_q8_pack_ukernel__scalar_lane4(
    size_t n,                   // output channels (rows of w)
    size_t k,                   // input features
    size_t nr,                  // rows per panel (the gemm tile's NR), a multiple of vbytes/4
    size_t kb,                  // k per block (the gemm tile's KB), a multiple of 16
    size_t vbytes,              // vector bytes the gemm kernel loads per step
    const int8_t * w,           // (n, w_stride) ternary weights in {-1, 0, +1}
    size_t w_stride,            // elements between rows of w
    void * packed)              // (ceil(n/nr), kc/16, nr/L, vbytes) bytes
{
    const size_t lanes = vbytes / 4;
    assert(vbytes % 4 == 0 && nr % lanes == 0 && kb % 16 == 0 && w_stride >= k);
    const size_t kc = (k + kb - 1) / kb * kb;
    const size_t panels = (n + nr - 1) / nr;
    const size_t panel_bytes = nr * kc / 4;
    uint8_t * out = packed;
    memset(out, 0x55, panels * panel_bytes);

    for (size_t o = 0; o < n; o++) {
        const size_t p = o / nr, v = o % nr / lanes, l = o % lanes;
        const int8_t * row = w + o * w_stride;
        uint8_t * dst = out + p * panel_bytes + v * vbytes + 4 * l;
        const size_t group_bytes = nr / lanes * vbytes;
        size_t g = 0;
        // Whole groups, 4 k a word: byte q of word f is row[16g + 4f + q], and w + 1 is taken
        // of the 4 bytes at once without carries between them (-1 = 0xff -> 0, 0 -> 1, 1 -> 2),
        // so byte q of the OR of the shifted words is the byte the layout wants.
        for (; 16 * g + 16 <= k; g++, dst += group_bytes) {
            uint32_t word = 0;
            for (size_t f = 0; f < 4; f++) {
                const uint8_t * b = (const uint8_t *) row + 16 * g + 4 * f;
                const uint32_t x = (uint32_t) b[0] | (uint32_t) b[1] << 8 | (uint32_t) b[2] << 16 | (uint32_t) b[3] << 24;
                const uint32_t code = ((x & 0x7f7f7f7fu) + 0x01010101u) ^ (x & 0x80808080u);
                assert((code & 0xfcfcfcfcu) == 0 && (code & code >> 1 & 0x01010101u) == 0);
                word |= code << (2 * f);
            }
            for (size_t q = 0; q < 4; q++) dst[q] = (uint8_t) (word >> (8 * q));
        }
        // The last, partial group: positions past k are weight 0.
        for (; g * 16 < k; g++, dst += group_bytes) {
            for (size_t q = 0; q < 4; q++) {
                unsigned byte = 0;
                for (size_t f = 0; f < 4; f++) {
                    const size_t kk = 16 * g + 4 * f + q;
                    const int val = kk < k ? row[kk] : 0;
                    assert(val >= -1 && val <= 1);
                    byte |= (unsigned) (val + 1) << (2 * f);
                }
                dst[q] = (uint8_t) byte;
            }
        }
    }
}
