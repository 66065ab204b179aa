// Auto-generated file. Do not edit!
//   Template:  templates/q8/q8-prep.c.j2
//   Config:    configs/kernels.toml family #1 (i2s-q8-prep, isa neon)
//   Generator: codegen/gen.py
//
// Per-token int8 activation quantization (DESIGN §2), neon: the int8 row zero-padded to kc
// and its sum, which lets i2s kernels keep the weight codes unsigned.

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arm_neon.h>

#include "tern/kernels.h"

static void quantize_row(size_t k, size_t kc, const float * x, int8_t * a, int32_t * a_sum, float * amax_out) {
    assert(kc >= k);
    const size_t kv = k / 8 * 8;

    float32x4_t vmax = vdupq_n_f32(0.0f);
    for (size_t i = 0; i < kv; i += 4) {
        vmax = vmaxq_f32(vmax, vabsq_f32(vld1q_f32(x + i)));
    }
    float amax = vmaxvq_f32(vmax);
    for (size_t i = kv; i < k; i++) {
        amax = fmaxf(amax, fabsf(x[i]));
    }
    amax = fmaxf(amax, 1e-5f);
    const float scale = 127.0f / amax;

    const float32x4_t vscale = vdupq_n_f32(scale);
    int32x4_t vsum = vdupq_n_s32(0);
    for (size_t i = 0; i < kv; i += 8) {
        int32x4_t q0 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x + i), vscale));
        int32x4_t q1 = vcvtnq_s32_f32(vmulq_f32(vld1q_f32(x + i + 4), vscale));
        q0 = vminq_s32(vmaxq_s32(q0, vdupq_n_s32(-128)), vdupq_n_s32(127));
        q1 = vminq_s32(vmaxq_s32(q1, vdupq_n_s32(-128)), vdupq_n_s32(127));
        vsum = vaddq_s32(vsum, vaddq_s32(q0, q1));
        const int16x8_t q16 = vcombine_s16(vmovn_s32(q0), vmovn_s32(q1));
        vst1_s8(a + i, vmovn_s16(q16));
    }
    int32_t sum = vaddvq_s32(vsum);
    for (size_t i = kv; i < k; i++) {
        const int32_t q = tern_quantize_q8(x[i], scale);
        a[i] = (int8_t) q;
        sum += q;
    }
    memset(a + k, 0, kc - k);
    *a_sum = sum;
    *amax_out = amax;
}

void tern_i2s_q8_prep_ukernel__neon(
    size_t k,                   // features of this token
    size_t kc,                  // padded length of a (>= k)
    const float * x,            // (k) f32
    void * a,                   // (kc) int8
    int32_t * a_sum,            // (1) sum of a
    float * amax)               // (1) max(|x|, 1e-5)
{
    quantize_row(k, kc, x, a, a_sum, amax);
}
