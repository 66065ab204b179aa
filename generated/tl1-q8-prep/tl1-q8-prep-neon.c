// Auto-generated file. Do not edit!
//   Template:  templates/lut/lut-q8-prep.c.j2
//   Config:    configs/kernels.toml family #10 (tl1-q8-prep, isa neon)
//   Generator: codegen/gen.py
//
// tl1 activation prep (neon): per-token int8 quantization (DESIGN §2), then one 16-entry int16
// table per group of 2 activations, stored as 16 low bytes then 16 high bytes (32 bytes per
// group) so byte shuffles (pshufb / tbl) can look entries up exactly.
//   T[3 * (w0 + 1) + (w1 + 1)] = w0 * a0 + w1 * a1             (9 entries, |T| <= 256)

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

void tern_tl1_q8_prep_ukernel__neon(
    size_t k,                   // features of this token
    size_t kc,                  // padded k (a multiple of 4)
    const float * x,            // (k) f32
    void * a_out,               // (kc / 2, 32) tables: low bytes, high bytes
    int32_t * a_sum,            // (1) sum of the int8 activations
    float * amax_out)           // (1) max(|x|, 1e-5)
{
    assert(kc >= k && kc % 2 == 0);
    uint8_t * out = a_out;
    const size_t groups = kc / 2;
    // The int8 row goes to the end of the output: group g's table (bytes 32g..32g+31) is written
    // after group g is read and never reaches a later group's activations.
    int8_t * q = (int8_t *) out + groups * 32 - kc;
    quantize_row(k, kc, x, q, a_sum, amax_out);
    // Entry e = sum_i C[i][e] * a_i, 8 entries per int16x8 (multiply by the coefficient row);
    // uzp1 / uzp2 on the bytes then give the 16 low bytes and the 16 high bytes.
    static const int16_t c0[16] = { -1, -1, -1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0 };
    const int16x8_t vc0_0 = vld1q_s16(c0), vc0_1 = vld1q_s16(c0 + 8);
    static const int16_t c1[16] = { -1, 0, 1, -1, 0, 1, -1, 0, 1, 0, 0, 0, 0, 0, 0, 0 };
    const int16x8_t vc1_0 = vld1q_s16(c1), vc1_1 = vld1q_s16(c1 + 8);
    for (size_t g = 0; g < groups; g++) {
        const int8_t * ag = q + g * 2;
        int16x8_t t0 = vmulq_n_s16(vc0_0, ag[0]), t1 = vmulq_n_s16(vc0_1, ag[0]);
        t0 = vmlaq_n_s16(t0, vc1_0, ag[1]);
        t1 = vmlaq_n_s16(t1, vc1_1, ag[1]);
        const uint8x16_t b0 = vreinterpretq_u8_s16(t0), b1 = vreinterpretq_u8_s16(t1);
        vst1q_u8(out + g * 32, vuzp1q_u8(b0, b1));
        vst1q_u8(out + g * 32 + 16, vuzp2q_u8(b0, b1));
    }
}
