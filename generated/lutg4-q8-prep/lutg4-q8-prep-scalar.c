// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-prep.c.j2
//   Config:    configs/kernels.toml family #23 (lutg4-q8-prep, isa scalar)
//   Generator: codegen/gen.py
//
// lutg4 activation prep (scalar): per-token int8 quantization (DESIGN §2), then one 16-entry int16
// table per group of 4 activations, stored as 16 low bytes then 16 high bytes (32 bytes per
// group) so byte shuffles (pshufb / tbl) can look entries up exactly.
//   T[m] = sum of a_i over the bits i of m                       (16 entries, |T| <= 512)

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>


#include "tern/kernels.h"

static void quantize_row(size_t k, size_t kc, const float * x, int8_t * a, int32_t * a_sum, float * amax_out) {
    assert(kc >= k);
    float amax = 0.0f;
    for (size_t i = 0; i < k; i++) {
        amax = fmaxf(amax, fabsf(x[i]));
    }
    amax = fmaxf(amax, 1e-5f);
    const float scale = 127.0f / amax;
    int32_t sum = 0;
    for (size_t i = 0; i < k; i++) {
        const int32_t q = tern_quantize_q8(x[i], scale);
        a[i] = (int8_t) q;
        sum += q;
    }
    memset(a + k, 0, kc - k);
    *a_sum = sum;
    *amax_out = amax;
}

void tern_lutg4_q8_prep_ukernel__scalar(
    size_t k,                   // features of this token
    size_t kc,                  // padded k (a multiple of 8)
    const float * x,            // (k) f32
    void * a_out,               // (kc / 4, 32) tables: low bytes, high bytes
    int32_t * a_sum,            // (1) sum of the int8 activations
    float * amax_out)           // (1) max(|x|, 1e-5)
{
    assert(kc >= k && kc % 4 == 0);
    uint8_t * out = a_out;
    const size_t groups = kc / 4;
    // The int8 row goes to the end of the output: group g's table (bytes 32g..32g+31) is written
    // after group g is read and never reaches a later group's activations.
    int8_t * q = (int8_t *) out + groups * 32 - kc;
    quantize_row(k, kc, x, q, a_sum, amax_out);
    for (size_t g = 0; g < groups; g++) {
        int32_t a[4];
        for (int i = 0; i < 4; i++) {
            a[i] = q[g * 4 + (size_t) i];
        }
        int16_t t[16] = { 0 };
        for (int m = 0; m < 16; m++) {
            t[m] = (int16_t) ((m & 1 ? a[0] : 0) + (m & 2 ? a[1] : 0) + (m & 4 ? a[2] : 0) + (m & 8 ? a[3] : 0));
        }
        uint8_t * dst = out + g * 32;
        for (int e = 0; e < 16; e++) {
            dst[e] = (uint8_t) ((uint16_t) t[e] & 0xff);
            dst[16 + e] = (uint8_t) ((uint16_t) t[e] >> 8);
        }
    }
}
