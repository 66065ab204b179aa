// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-pack.c.j2
//   Config:    configs/kernels.toml family #9 (tl1-q8-pack, isa scalar)
//   Generator: codegen/gen.py
//
// tl1 weight packing: ternary int8 rows -> the panel layout of every tl1 gemm kernel.
// A group is 2 consecutive weights of one row.
//   index = 3 * (w0 + 1) + (w1 + 1), 0..8 (4 bits): 2 bits per weight.
// Panel p holds rows [p*nr, p*nr + nr); rows past n and k past the end are zero weights. With
// kc = round_up(k, kb), per block of kb, in group order:
//   per pair of groups: nr bytes, byte r = index(row r, group 2j) | index(row r, group 2j+1) << 4

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tern/kernels.h"

// The 4-bit codes of one group of weights (missing ones are 0).
static void group_codes(const int8_t * w, size_t count, unsigned * lo, unsigned * hi, unsigned * sign) {
    int v[2] = { 0 };
    for (size_t i = 0; i < count; i++) {
        assert(w[i] >= -1 && w[i] <= 1);
        v[i] = w[i];
    }
    *lo = (unsigned) (3 * (v[0] + 1) + (v[1] + 1));
    *hi = 0;
    *sign = 0;
}

void tern_tl1_q8_pack_ukernel__scalar(
    size_t n,                   // output channels (rows of w)
    size_t k,                   // input features
    size_t nr,                  // rows per panel (the gemm tile's NR)
    size_t kb,                  // k per block (the gemm tile's KB)
    size_t vbytes,              // unused: the layout does not depend on the vector width
    const int8_t * w,           // (n, w_stride) ternary weights in {-1, 0, +1}
    size_t w_stride,            // elements between rows of w
    void * packed)              // (ceil(n/nr), panel bytes)
{
    (void) vbytes;
    assert(nr % 8 == 0 && kb % (2 * 2) == 0 && w_stride >= k);
    const size_t kc = (k + kb - 1) / kb * kb;
    const size_t groups = kc / 2;
    // A unit: nr index bytes of a pair of groups.
    const size_t unit_groups = 2;
    const size_t unit_bytes = nr;
    const size_t panel_bytes = groups / unit_groups * unit_bytes;
    const size_t panels = (n + nr - 1) / nr;
    uint8_t * out = packed;
    memset(out, 0, panels * panel_bytes);          // index 0 = all-zero weights in every format but tl1
    for (size_t p = 0; p < panels; p++) {
        for (size_t r = 0; r < nr; r++) {
            const size_t o = p * nr + r;
            for (size_t g = 0; g < groups; g++) {
                const size_t k0 = g * 2;
                const size_t count = o < n && k0 < k ? (k - k0 < 2 ? k - k0 : 2) : 0;
                unsigned lo, hi, sign;
                group_codes(o < n ? w + o * w_stride + k0 : NULL, count, &lo, &hi, &sign);
                uint8_t * unit = out + p * panel_bytes + g / unit_groups * unit_bytes;
                unit[r] |= (uint8_t) (g % 2 ? lo << 4 : lo);
                (void) hi;
            }
        }
    }
}
