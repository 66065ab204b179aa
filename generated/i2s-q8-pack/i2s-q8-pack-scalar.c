// Auto-generated file. Do not edit!
//   Template:  templates/i2s/i2s-q8-pack.c.j2
//   Config:    configs/kernels.toml family #0 (i2s-q8-pack, isa scalar)
//   Generator: codegen/gen.py
//
// i2s weight packing: ternary int8 rows -> the panel layout every i2s gemm kernel reads.
//
// Panel p holds rows [p*nr, p*nr + nr); rows past n are zero weights. With kc = round_up(k, kb):
//   panel bytes = nr * kc / 4, ordered (kc/kb blocks, nr rows, kb/4 bytes)
//   inside a row's kb/4 bytes: kb/(4*vbytes) steps of vbytes bytes; byte j of step s holds
//   the codes w+1 of k = s*4*vbytes + i*vbytes + j (i = 0..3) in bits 7:6, 5:4, 3:2, 1:0.
// With vbytes = 32 one row's step is exactly bitnet.cpp's 128-value I2_S block (DESIGN §5),
// so the shift-and-mask of one vector yields codes aligned with consecutive activations.

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tern/kernels.h"

void tern_i2s_q8_pack_ukernel__scalar(
    size_t n,                   // output channels (rows of w)
    size_t k,                   // input features
    size_t nr,                  // rows per panel (the gemm tile's NR)
    size_t kb,                  // k per block (the gemm tile's KB)
    size_t vbytes,              // vector bytes the gemm kernel loads per step
    const int8_t * w,           // (n, w_stride) ternary weights in {-1, 0, +1}
    size_t w_stride,            // elements between rows of w
    void * packed)              // (ceil(n/nr), kc/kb, nr, kb/4) bytes
{
    assert(nr >= 1 && kb % (4 * vbytes) == 0 && w_stride >= k);
    const size_t kc = (k + kb - 1) / kb * kb;
    const size_t panels = (n + nr - 1) / nr;
    const size_t row_bytes = kb / 4;
    uint8_t * out = packed;
    // Code 1 (weight 0) everywhere first: padding rows and the k tail then contribute nothing.
    memset(out, 0x55, panels * nr * kc / 4);

    // One output byte at a time: byte j of step s holds k = base + i*vbytes for fields i = 0..3
    // (bits 7:6 down to 1:0), base = s*4*vbytes + j; positions past k keep code 1.
    for (size_t o = 0; o < n; o++) {
        const size_t p = o / nr, r = o % nr;
        const int8_t * row = w + o * w_stride;
        for (size_t blk = 0; blk * kb < k; blk++) {
            uint8_t * dst = out + ((p * (kc / kb) + blk) * nr + r) * row_bytes;
            for (size_t step = 0; step < kb / (4 * vbytes); step++) {
                const size_t base = blk * kb + step * 4 * vbytes;
                if (base + 4 * vbytes <= k) {
                    for (size_t j = 0; j < vbytes; j++) {
                        const int8_t * v = row + base + j;
                        assert(v[0] >= -1 && v[0] <= 1 && v[vbytes] >= -1 && v[vbytes] <= 1);
                        assert(v[2 * vbytes] >= -1 && v[2 * vbytes] <= 1 && v[3 * vbytes] >= -1 && v[3 * vbytes] <= 1);
                        dst[step * vbytes + j] = (uint8_t) ((unsigned) (v[0] + 1) << 6 | (unsigned) (v[vbytes] + 1) << 4 |
                                                            (unsigned) (v[2 * vbytes] + 1) << 2 | (unsigned) (v[3 * vbytes] + 1));
                    }
                    continue;
                }
                for (size_t j = 0; j < vbytes; j++) {            // the ragged end of k
                    unsigned byte = 0;
                    for (size_t i = 0; i < 4; i++) {
                        const size_t kk = base + i * vbytes + j;
                        const int v = kk < k ? row[kk] : 0;
                        assert(v >= -1 && v <= 1);
                        byte |= (unsigned) (v + 1) << (6 - 2 * i);
                    }
                    dst[step * vbytes + j] = (uint8_t) byte;
                }
            }
        }
    }
}
