// The ternary encodings (see tern/codec.h).

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tern/codec.h"
#include "tern/gguf.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"

#define QK_K 256
#define TQ2_0_BYTES 66          // qs[64], f16 d
#define TQ1_0_BYTES 54          // qs[48], qh[4], f16 d

static int fail(char * err, size_t err_size, const struct tern_tensor_src * t, const char * what) {
    snprintf(err, err_size, "tensor '%s': %s", t->name, what);
    return -1;
}

static int need_bytes(const struct tern_tensor_src * t, size_t need, char * err, size_t err_size) {
    if (t->nbytes >= need) return 0;
    snprintf(err, err_size, "tensor '%s' holds %zu bytes, %zu x %zu values need %zu", t->name, t->nbytes, t->n, t->k, need);
    return -1;
}

static void fill(float * row_scale, size_t n, float s) {
    for (size_t r = 0; r < n; r++) row_scale[r] = s;
}

// ---------------------------------------------------------------------------- I2_S

static int i2s_scales(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size) {
    float s;
    char inner[200];
    if (tern_i2s_disk_scale(t->data, t->nbytes, t->k * t->n, &s, inner, sizeof(inner))) return fail(err, err_size, t, inner);
    fill(row_scale, t->n, s);
    return 0;
}

static int i2s_rows(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                    char * err, size_t err_size) {
    (void) row_scale;
    char inner[200];
    if (tern_i2s_disk_decode_range(t->data, t->nbytes, t->k * t->n, r0 * t->k, count * t->k, dst, inner, sizeof(inner))) {
        return fail(err, err_size, t, inner);
    }
    return 0;
}

// ---------------------------------------------------------------------------- TQ2_0, TQ1_0

static float block_d(const uint8_t * block, size_t block_bytes) {
    uint16_t h;
    memcpy(&h, block + block_bytes - 2, 2);
    return tern_f16_to_f32(h);
}

// Every block of a row must carry the same scale: the kernels apply one per row.
static int tq_scales(const struct tern_tensor_src * t, size_t block_bytes, float * row_scale, char * err, size_t err_size) {
    const size_t per_row = t->k / QK_K;
    if (need_bytes(t, t->n * per_row * block_bytes, err, err_size)) return -1;
    for (size_t r = 0; r < t->n; r++) {
        const uint8_t * row = t->data + r * per_row * block_bytes;
        const float d = block_d(row, block_bytes);
        size_t distinct = 1;
        float seen[8] = { d };
        for (size_t b = 1; b < per_row; b++) {
            const float db = block_d(row + b * block_bytes, block_bytes);
            bool known = false;
            for (size_t i = 0; i < distinct && i < 8; i++) known |= seen[i] == db;
            if (!known) {
                if (distinct < 8) seen[distinct] = db;
                distinct++;
            }
        }
        if (distinct > 1) {
            snprintf(err, err_size, "tensor '%s': row %zu has %zu distinct block scales; tern needs one scale per row "
                     "(a ternary model quantized from ternary weights has one)", t->name, r, distinct);
            return -1;
        }
        if (!isfinite(d)) return fail(err, err_size, t, "a block scale is not finite");
        row_scale[r] = d;
    }
    return 0;
}

static int tq2_scales(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size) {
    return tq_scales(t, TQ2_0_BYTES, row_scale, err, err_size);
}

static int tq1_scales(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size) {
    return tq_scales(t, TQ1_0_BYTES, row_scale, err, err_size);
}

// TQ2_0 (ggml-common.h block_tq2_0): value j*4 + l*32 + m of a block (j in {0, 32}, l in 0..3,
// m in 0..31) is (qs[j + m] >> 2l) & 3, minus one.
static int tq2_rows(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                    char * err, size_t err_size) {
    (void) row_scale;
    const size_t blocks = count * t->k / QK_K;
    const uint8_t * b = t->data + r0 * t->k / QK_K * TQ2_0_BYTES;
    for (size_t i = 0; i < blocks; i++, b += TQ2_0_BYTES, dst += QK_K) {
        unsigned bad = 0;
        for (size_t j = 0; j < 64; j += 32) {
            for (size_t l = 0; l < 4; l++) {
                for (size_t m = 0; m < 32; m++) {
                    const unsigned q = (b[j + m] >> (2 * l)) & 3;
                    bad |= q == 3;
                    dst[j * 4 + l * 32 + m] = (int8_t) ((int) q - 1);
                }
            }
        }
        if (bad) return fail(err, err_size, t, "a TQ2_0 value has code 3 (only 0, 1, 2 = -1, 0, +1 exist)");
    }
    return 0;
}

// TQ1_0: base-3 digits as a fixed-point fraction; digit n of byte b is ((uint8_t) (b * 3^n) * 3) >> 8.
// Values 0..159 from qs[0..31] (n*32 + m), 160..239 from qs[32..47] (160 + n*16 + m), 240..255
// from qh[0..3] (240 + n*4 + j).
static int8_t trit(uint8_t b, unsigned n) {
    static const uint8_t pow3[5] = { 1, 3, 9, 27, 81 };
    const uint8_t q = (uint8_t) (b * pow3[n]);
    return (int8_t) ((((unsigned) q * 3) >> 8) - 1);
}

static int tq1_rows(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                    char * err, size_t err_size) {
    (void) row_scale;
    (void) err;
    (void) err_size;
    const size_t blocks = count * t->k / QK_K;
    const uint8_t * b = t->data + r0 * t->k / QK_K * TQ1_0_BYTES;
    for (size_t i = 0; i < blocks; i++, b += TQ1_0_BYTES, dst += QK_K) {
        for (unsigned n = 0; n < 5; n++) {
            for (size_t m = 0; m < 32; m++) dst[n * 32 + m] = trit(b[m], n);
            for (size_t m = 0; m < 16; m++) dst[160 + n * 16 + m] = trit(b[32 + m], n);
        }
        for (unsigned n = 0; n < 4; n++) {
            for (size_t j = 0; j < 4; j++) dst[240 + n * 4 + j] = trit(b[48 + j], n);
        }
    }
    return 0;
}

// llama.cpp's quantize_row_tq2_0_ref with every value already ternary.
static void tq2_encode(const int8_t * w, size_t k, size_t n, const float * row_scale, uint8_t * dst) {
    for (size_t r = 0; r < n; r++) {
        const uint16_t d = tern_f32_to_f16(row_scale[r]);
        for (size_t b = 0; b < k / QK_K; b++, dst += TQ2_0_BYTES) {
            const int8_t * x = w + r * k + b * QK_K;
            for (size_t j = 0; j < 64; j += 32) {
                for (size_t m = 0; m < 32; m++) {
                    unsigned q = 0;
                    for (unsigned l = 0; l < 4; l++) q |= (unsigned) (x[j * 4 + l * 32 + m] + 1) << (2 * l);
                    dst[j + m] = (uint8_t) q;
                }
            }
            memcpy(dst + 64, &d, 2);
        }
    }
}

// llama.cpp's quantize_row_tq1_0_ref: the first trit is the most significant digit, and the
// byte is ceil(q * 256 / 243) so that the decoder's ((b * 3^n) * 3) >> 8 reads digit n.
static uint8_t trits_byte(const int8_t * x, size_t stride, unsigned count) {
    unsigned q = 0;
    for (unsigned i = 0; i < count; i++) q = q * 3 + (unsigned) (x[i * stride] + 1);
    for (unsigned i = count; i < 5; i++) q *= 3;
    return (uint8_t) ((q * 256 + 242) / 243);
}

static void tq1_encode(const int8_t * w, size_t k, size_t n, const float * row_scale, uint8_t * dst) {
    for (size_t r = 0; r < n; r++) {
        const uint16_t d = tern_f32_to_f16(row_scale[r]);
        for (size_t b = 0; b < k / QK_K; b++, dst += TQ1_0_BYTES) {
            const int8_t * x = w + r * k + b * QK_K;
            for (size_t m = 0; m < 32; m++) dst[m] = trits_byte(x + m, 32, 5);
            for (size_t m = 0; m < 16; m++) dst[32 + m] = trits_byte(x + 160 + m, 16, 5);
            for (size_t j = 0; j < 4; j++) dst[48 + j] = trits_byte(x + 240 + j, 4, 4);
            memcpy(dst + 52, &d, 2);
        }
    }
}

static size_t tq2_bytes(size_t k, size_t n) { return n * (k / QK_K) * TQ2_0_BYTES; }
static size_t tq1_bytes(size_t k, size_t n) { return n * (k / QK_K) * TQ1_0_BYTES; }

// ---------------------------------------------------------------------------- HF packed uint8

// [n/4, k] bytes: bits 2i..2i+1 of packed row r hold row r + i*n/4, value = w + 1
// (transformers' integrations/bitnet.py pack_weights).
static int hf_scales(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size) {
    if (t->n % 4) return fail(err, err_size, t, "packed uint8 weights need a row count divisible by 4");
    if (need_bytes(t, t->n / 4 * t->k, err, err_size)) return -1;
    if (!(t->hf_scale > 0) || !isfinite(t->hf_scale)) return fail(err, err_size, t, "weight_scale is not a positive finite number");
    fill(row_scale, t->n, t->hf_scale_divides ? 1.0f / t->hf_scale : t->hf_scale);
    return 0;
}

static int hf_rows(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                   char * err, size_t err_size) {
    (void) row_scale;
    const size_t quarter = t->n / 4;
    for (size_t r = r0; r < r0 + count; r++, dst += t->k) {
        const uint8_t * src = t->data + (r % quarter) * t->k;
        const unsigned shift = 2 * (unsigned) (r / quarter);
        for (size_t i = 0; i < t->k; i++) {
            const unsigned q = (src[i] >> shift) & 3;
            if (q == 3) return fail(err, err_size, t, "a packed value has code 3 (only 0, 1, 2 = -1, 0, +1 exist)");
            dst[i] = (int8_t) ((int) q - 1);
        }
    }
    return 0;
}

static size_t hf_bytes(size_t k, size_t n) { return n / 4 * k; }

static void hf_encode(const int8_t * w, size_t k, size_t n, const float * row_scale, uint8_t * dst) {
    (void) row_scale;
    const size_t quarter = n / 4;
    memset(dst, 0, quarter * k);
    for (size_t r = 0; r < n; r++) {
        for (size_t i = 0; i < k; i++) dst[(r % quarter) * k + i] |= (uint8_t) ((w[r * k + i] + 1) << (2 * (r / quarter)));
    }
}

// ---------------------------------------------------------------------------- latent weights

static float latent_at(const struct tern_tensor_src * t, size_t i) {
    uint16_t h;
    float f;
    switch (t->codec) {
    case TERN_CODEC_F32: memcpy(&f, t->data + 4 * i, 4); return f;
    case TERN_CODEC_F16: memcpy(&h, t->data + 2 * i, 2); return tern_f16_to_f32(h);
    default: memcpy(&h, t->data + 2 * i, 2); return tern_bf16_to_f32(h);
    }
}

// s = mean |W| over the whole tensor (BitNet's absmean, DESIGN §5).
static int latent_scales(const struct tern_tensor_src * t, float * row_scale, char * err, size_t err_size) {
    const size_t esize = t->codec == TERN_CODEC_F32 ? 4 : 2, count = t->k * t->n;
    if (need_bytes(t, count * esize, err, err_size)) return -1;
    double sum = 0;
    for (size_t i = 0; i < count; i++) sum += fabs((double) latent_at(t, i));
    const float s = (float) (sum / (double) count);
    if (!isfinite(s)) return fail(err, err_size, t, "holds a non-finite value");
    fill(row_scale, t->n, s);
    return 0;
}

static int latent_rows(const struct tern_tensor_src * t, size_t r0, size_t count, const float * row_scale, int8_t * dst,
                       char * err, size_t err_size) {
    (void) err;
    (void) err_size;
    const float inv = row_scale[r0] > 0 ? 1.0f / row_scale[r0] : 0.0f;
    for (size_t i = 0; i < count * t->k; i++) {
        const float q = nearbyintf(latent_at(t, r0 * t->k + i) * inv);
        dst[i] = (int8_t) (q > 1 ? 1 : q < -1 ? -1 : q);
    }
    return 0;
}

static size_t i2s_bytes(size_t k, size_t n) { return tern_i2s_disk_bytes(k * n); }

// One scale per tensor: the first row's.
static void i2s_encode(const int8_t * w, size_t k, size_t n, const float * row_scale, uint8_t * dst) {
    tern_i2s_disk_encode(w, k * n, row_scale[0], dst);
}

// ---------------------------------------------------------------------------- the table

static const struct tern_codec codecs[TERN_CODEC_COUNT] = {
    [TERN_CODEC_I2S] = { "I2_S", TERN_GGML_I2_S, 1, i2s_scales, i2s_rows, i2s_bytes, i2s_encode },
    [TERN_CODEC_TQ2_0] = { "TQ2_0", TERN_GGML_TQ2_0, QK_K, tq2_scales, tq2_rows, tq2_bytes, tq2_encode },
    [TERN_CODEC_TQ1_0] = { "TQ1_0", TERN_GGML_TQ1_0, QK_K, tq1_scales, tq1_rows, tq1_bytes, tq1_encode },
    [TERN_CODEC_HF_PACKED] = { "U8 (packed ternary)", UINT32_MAX, 1, hf_scales, hf_rows, hf_bytes, hf_encode },
    [TERN_CODEC_F32] = { "F32", TERN_GGML_F32, 1, latent_scales, latent_rows, NULL, NULL },
    [TERN_CODEC_F16] = { "F16", TERN_GGML_F16, 1, latent_scales, latent_rows, NULL, NULL },
    [TERN_CODEC_BF16] = { "BF16", TERN_GGML_BF16, 1, latent_scales, latent_rows, NULL, NULL },
};

const struct tern_codec * tern_codec_get(enum tern_codec_id id) {
    return (unsigned) id < TERN_CODEC_COUNT ? &codecs[id] : NULL;
}

bool tern_codec_of_ggml(uint32_t ggml_type, enum tern_codec_id * id) {
    for (int i = 0; i < TERN_CODEC_COUNT; i++) {
        if (codecs[i].ggml_type == ggml_type) {
            *id = (enum tern_codec_id) i;
            return true;
        }
    }
    return false;
}
