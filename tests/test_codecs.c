// The ternary codecs (tern/codec.h) against the layouts as their authors define them:
//  1. TQ2_0 and TQ1_0 (llama.cpp's ggml-common.h / dequantize_row_tq*_0, written out again
//     here from shared/fixtures/llamacpp-tq-tiny/README.md), the HF packed uint8 layout
//     (transformers' pack_weights) and latent absmean: decode(independent encode(w)) == w and
//     independent decode(encode(w)) == w, with the right per-row scales.
//  2. A TQ tensor whose blocks disagree within a row is refused, naming the tensor, the row
//     and the count of distinct scales; rows that differ from each other are fine.
//  3. Codes that are not ternary (2-bit code 3) and short payloads are refused in one line.

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tern/codec.h"
#include "tern/ops.h"

#define QK 256

static void random_ternary(int8_t * w, size_t count, uint64_t * seed) {
    for (size_t i = 0; i < count; i++) w[i] = (int8_t) (rng_next(seed) % 3) - 1;
}

// ggml-common.h block_tq2_0 {qs[64]; d}: value j*4 + l*32 + m is (qs[j + m] >> 2l) & 3.
static void ref_tq2_encode(const int8_t * w, size_t k, size_t n, const float * d, uint8_t * out) {
    for (size_t r = 0; r < n; r++) {
        for (size_t b = 0; b < k / QK; b++, out += 66) {
            memset(out, 0, 64);
            for (size_t e = 0; e < QK; e++) {
                const size_t j = e / 128 * 32, l = e % 128 / 32, m = e % 32;
                out[j + m] |= (uint8_t) ((w[r * k + b * QK + e] + 1) << (2 * l));
            }
            const uint16_t h = tern_f32_to_f16(d[r]);
            memcpy(out + 64, &h, 2);
        }
    }
}

// Digit n of a TQ1_0 byte is ((uint8_t) (b * 3^n) * 3) >> 8 (dequantize_row_tq1_0).
static int ref_trit(uint8_t b, int n) {
    uint8_t q = b;
    for (int i = 0; i < n; i++) q = (uint8_t) (q * 3);
    return (((unsigned) q * 3) >> 8) - 1;
}

// block_tq1_0 {qs[48]; qh[4]; d}: values 0..159 from qs[0..31] (n*32 + m), 160..239 from
// qs[32..47] (160 + n*16 + m), 240..255 from qh (240 + n*4 + j).
static void ref_tq1_decode(const uint8_t * in, size_t k, size_t n, int8_t * w, float * d) {
    for (size_t r = 0; r < n; r++) {
        for (size_t b = 0; b < k / QK; b++, in += 54) {
            int8_t * x = w + r * k + b * QK;
            for (int t = 0; t < 5; t++) {
                for (size_t m = 0; m < 32; m++) x[t * 32 + m] = (int8_t) ref_trit(in[m], t);
                for (size_t m = 0; m < 16; m++) x[160 + t * 16 + m] = (int8_t) ref_trit(in[32 + m], t);
            }
            for (int t = 0; t < 4; t++) {
                for (size_t j = 0; j < 4; j++) x[240 + t * 4 + j] = (int8_t) ref_trit(in[48 + j], t);
            }
            uint16_t h;
            memcpy(&h, in + 52, 2);
            d[r] = tern_f16_to_f32(h);
        }
    }
}

// transformers integrations/bitnet.py: packed[r][i] holds rows r + q*n/4 at bits 2q, value w + 1.
static void ref_hf_pack(const int8_t * w, size_t k, size_t n, uint8_t * out) {
    memset(out, 0, n / 4 * k);
    for (size_t q = 0; q < 4; q++) {
        for (size_t r = 0; r < n / 4; r++) {
            for (size_t i = 0; i < k; i++) out[r * k + i] |= (uint8_t) ((w[(r + q * n / 4) * k + i] + 1) << (2 * q));
        }
    }
}

static int decode(const struct tern_tensor_src * t, float * scales, int8_t * w, char * err, size_t err_size) {
    const struct tern_codec * c = tern_codec_get(t->codec);
    if (c->scales(t, scales, err, err_size)) return -1;
    return c->rows(t, 0, t->n, scales, w, err, err_size);
}

static void tq_round_trips(void) {
    uint64_t seed = 3;
    const size_t k = 2 * QK, n = 6;
    int8_t w[2 * QK * 6], back[2 * QK * 6];
    float d[6], got[6];
    uint8_t buf[6 * 2 * 66];
    for (size_t r = 0; r < n; r++) d[r] = 0.01f * (float) (1 + r % 3);     // rows differ: fine
    random_ternary(w, k * n, &seed);
    char err[300];
    // TQ2_0: the independent encoder -> tern's decoder; tern's encoder -> the same bytes.
    ref_tq2_encode(w, k, n, d, buf);
    struct tern_tensor_src t = { .name = "t", .codec = TERN_CODEC_TQ2_0, .k = k, .n = n, .data = buf, .nbytes = sizeof(buf) };
    CHECK(decode(&t, got, back, err, sizeof(err)) == 0, "TQ2_0 decode: %s", err);
    CHECK(memcmp(w, back, sizeof(w)) == 0, "TQ2_0 decodes to the encoded values");
    for (size_t r = 0; r < n; r++) CHECK(got[r] == tern_f16_to_f32(tern_f32_to_f16(d[r])), "TQ2_0 row %zu scale", r);
    uint8_t mine[sizeof(buf)];
    tern_codec_get(TERN_CODEC_TQ2_0)->encode(w, k, n, d, mine);
    CHECK(memcmp(mine, buf, sizeof(buf)) == 0, "TQ2_0 encoder writes llama.cpp's layout");
    // A block of row 4 with another scale: refused, naming tensor, row and count.
    const uint16_t other = tern_f32_to_f16(0.5f);
    memcpy(buf + (4 * 2 + 1) * 66 + 64, &other, 2);
    CHECK(decode(&t, got, back, err, sizeof(err)) != 0 && strstr(err, "'t'") && strstr(err, "row 4 has 2 distinct block scales") &&
          !strchr(err, '\n'), "TQ2_0 with disagreeing block scales: '%s'", err);
    // Code 3 is not ternary.
    ref_tq2_encode(w, k, n, d, buf);
    buf[5] |= 3;
    CHECK(decode(&t, got, back, err, sizeof(err)) != 0 && strstr(err, "code 3"), "TQ2_0 code 3: '%s'", err);
    t.nbytes = 100;
    CHECK(decode(&t, got, back, err, sizeof(err)) != 0 && strstr(err, "holds 100 bytes"), "TQ2_0 short payload: '%s'", err);

    // TQ1_0: tern's encoder -> the independent decoder, and back through tern's decoder.
    uint8_t buf1[6 * 2 * 54];
    tern_codec_get(TERN_CODEC_TQ1_0)->encode(w, k, n, d, buf1);
    float d1[6];
    ref_tq1_decode(buf1, k, n, back, d1);
    CHECK(memcmp(w, back, sizeof(w)) == 0, "TQ1_0 encoder writes what llama.cpp's decoder reads");
    struct tern_tensor_src t1 = { .name = "t1", .codec = TERN_CODEC_TQ1_0, .k = k, .n = n, .data = buf1, .nbytes = sizeof(buf1) };
    memset(back, 9, sizeof(back));
    CHECK(decode(&t1, got, back, err, sizeof(err)) == 0 && memcmp(w, back, sizeof(w)) == 0, "TQ1_0 round trip: %s", err);
    for (size_t r = 0; r < n; r++) CHECK(got[r] == d1[r], "TQ1_0 row %zu scale", r);
    // Every byte value decodes to trits (base 3 with a fixed-point offset): exhaustive.
    int mismatch = 0;
    for (unsigned q = 0; q < 243; q++) {
        const uint8_t b = (uint8_t) ((q * 256 + 242) / 243);
        unsigned v = q;
        for (int t = 4; t >= 0; t--, v /= 3) mismatch += ref_trit(b, t) != (int) (v % 3) - 1;
    }
    CHECK(mismatch == 0, "TQ1_0 digits of all 243 values: %d wrong", mismatch);
}

static void hf_and_latent(void) {
    uint64_t seed = 9;
    const size_t k = 40, n = 12;
    int8_t w[40 * 12], back[40 * 12];
    float scales[12];
    uint8_t packed[3 * 40];
    random_ternary(w, k * n, &seed);
    ref_hf_pack(w, k, n, packed);
    char err[300];
    // autobitlinear (2B4T): weight_scale multiplies; bitlinear (Falcon3): it divides.
    struct tern_tensor_src t = { .name = "hf", .codec = TERN_CODEC_HF_PACKED, .k = k, .n = n, .data = packed,
                                 .nbytes = sizeof(packed), .hf_scale = 4.0f };
    CHECK(decode(&t, scales, back, err, sizeof(err)) == 0 && memcmp(w, back, sizeof(w)) == 0, "HF packed decode: %s", err);
    CHECK(scales[0] == 4.0f && scales[11] == 4.0f, "HF multiplying scale");
    t.hf_scale_divides = true;
    CHECK(decode(&t, scales, back, err, sizeof(err)) == 0 && scales[5] == 0.25f, "HF dividing scale");
    uint8_t mine[sizeof(packed)];
    tern_codec_get(TERN_CODEC_HF_PACKED)->encode(w, k, n, scales, mine);
    CHECK(memcmp(mine, packed, sizeof(packed)) == 0, "HF encoder packs as transformers does");
    t.n = 10;
    CHECK(decode(&t, scales, back, err, sizeof(err)) != 0 && strstr(err, "divisible by 4"), "HF rows %% 4: '%s'", err);

    // Latent F32 as BitNet's converter does it (weight_quant): s = 1 / mean |W|, round(W * s) clamped.
    float lw[40 * 12];
    double sum = 0;
    for (size_t i = 0; i < k * n; i++) {
        lw[i] = (float) ((double) (rng_next(&seed) % 2001) / 1000.0 - 1.0) * 0.05f;
        sum += fabs((double) lw[i]);
    }
    struct tern_tensor_src tl = { .name = "lat", .codec = TERN_CODEC_F32, .k = k, .n = n, .data = (const uint8_t *) lw,
                                  .nbytes = sizeof(lw) };
    CHECK(decode(&tl, scales, back, err, sizeof(err)) == 0, "latent: %s", err);
    const float s = (float) (sum / (double) (k * n)), inv = 1.0f / s;
    int bad = 0;
    for (size_t i = 0; i < k * n; i++) {
        const float q = nearbyintf(lw[i] * inv);
        bad += back[i] != (int8_t) (q > 1 ? 1 : q < -1 ? -1 : q);
    }
    CHECK(scales[0] == s && bad == 0, "latent absmean ternarization (%d values differ)", bad);
}

int main(void) {
    tq_round_trips();
    hf_and_latent();
    return check_summary("test_codecs");
}
