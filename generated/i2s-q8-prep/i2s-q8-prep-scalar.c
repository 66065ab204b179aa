// Auto-generated file. Do not edit!
//   Template:  templates/q8/q8-prep.c.j2
//   Config:    configs/kernels.toml family #1 (i2s-q8-prep, isa scalar)
//   Generator: codegen/gen.py
//
// Per-token int8 activation quantization (DESIGN §2), scalar: the int8 row zero-padded to kc
// and its sum, which lets i2s kernels keep the weight codes unsigned.

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

void tern_i2s_q8_prep_ukernel__scalar(
    size_t k,                   // features of this token
    size_t kc,                  // padded length of a (>= k)
    const float * x,            // (k) f32
    void * a,                   // (kc) int8
    int32_t * a_sum,            // (1) sum of a
    float * amax)               // (1) max(|x|, 1e-5)
{
    quantize_row(k, kc, x, a, a_sum, amax);
}
