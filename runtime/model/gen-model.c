// Random-weight models of a preset's shapes (see tern/gen_model.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gen_model.h"
#include "tern/gguf.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"
#include "tern/rng.h"

#include "gen-vocab.h"

static const struct tern_preset_hparams presets[] = {
#define TERN_MODEL_PRESET(name, arch, hidden, ffn, layers, heads, kv_heads, head_dim, vocab) \
    { name, arch, hidden, ffn, layers, heads, kv_heads, head_dim, vocab },
#include "models.inc"
#undef TERN_MODEL_PRESET
};

bool tern_preset_hparams(const char * name, struct tern_preset_hparams * out) {
    for (size_t i = 0; i < sizeof(presets) / sizeof(presets[0]); i++) {
        if (strcmp(presets[i].name, name) == 0) {
            *out = presets[i];
            return true;
        }
    }
    return false;
}

const char * tern_preset_list(size_t i) {
    return i < sizeof(presets) / sizeof(presets[0]) ? presets[i].name : NULL;
}

// ---------------------------------------------------------------------------- random numbers


static double uniform(uint64_t * s) { return (double) (tern_splitmix64(s) >> 11) * 0x1p-53; }

static double normal(uint64_t * s) {
    const double u = uniform(s) + 0x1p-54, v = uniform(s);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

// ---------------------------------------------------------------------------- tensors

enum kind { TERNARY, NORM, EMBED };

struct tensor_gen {
    enum kind kind;
    bool latent;                 // TERNARY: latent values of type latent_type instead of I2_S
    uint32_t latent_type;
    uint64_t seed;
    size_t k, n;                 // row length, rows
};

static int fill_tensor(void * ctx, uint8_t * dst, size_t nbytes) {
    const struct tensor_gen * t = ctx;
    uint64_t s = t->seed;
    const size_t count = t->k * t->n;
    switch (t->kind) {
    case TERNARY: {
        // P(-1, 0, +1) = (5, 6, 5) / 16, 4 random bits per weight (as ~40 % zeros in trained
        // models); scale g / sqrt(0.625 K), g ~ U(0.75, 1.25): unit-ish outputs.
        static const int8_t from_bits[16] = { -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1 };
        int8_t * w = malloc(count);
        if (!w) return -1;
        for (size_t i = 0; i < count; i += 16) {
            uint64_t r = tern_splitmix64(&s);
            for (size_t j = i; j < i + 16 && j < count; j++, r >>= 4) w[j] = from_bits[r & 15];
        }
        // v is rounded to 8 significant bits so that t * v is exact in F32, F16 and BF16; the
        // I2_S scale is what the loader derives from such latent weights (mean |W|, DESIGN §5),
        // so an I2_S file and its latent twin of the same seed run bit-identically.
        const float g = (float) ((0.75 + 0.5 * uniform(&s)) / sqrt(0.625 * (double) t->k));
        union { float f; uint32_t u; } gb = { .f = g };
        const float v = tern_bf16_to_f32((uint16_t) ((gb.u + 0x8000u) >> 16));      // 8 significant bits
        size_t nnz = 0;
        for (size_t i = 0; i < count; i++) nnz += w[i] != 0;
        if (!t->latent) {
            tern_i2s_disk_encode(w, count, (float) ((double) nnz * v / (double) count), dst);
        } else {
            for (size_t i = 0; i < count; i++) {
                const float x = (float) w[i] * v;
                if (t->latent_type == TERN_GGML_F32) {
                    memcpy(dst + 4 * i, &x, 4);
                } else {
                    union { float f; uint32_t u; } b = { .f = x };
                    const uint16_t h = t->latent_type == TERN_GGML_F16 ? tern_f32_to_f16(x) : (uint16_t) (b.u >> 16);
                    memcpy(dst + 2 * i, &h, 2);
                }
            }
        }
        free(w);
        break;
    }
    case NORM:
        for (size_t i = 0; i < count; i++) {
            const float v = (float) (1.0 + 0.1 * normal(&s));
            memcpy(dst + 4 * i, &v, 4);
        }
        break;
    case EMBED: {
        // logits of std ~2 through the tied output; a sum of four uniforms (Irwin-Hall, scaled
        // to unit variance) is normal enough and 10x cheaper than Box-Muller for 300M values.
        const double sigma = 2.0 / sqrt((double) t->k);
        for (size_t i = 0; i < count; i++) {
            const uint64_t r = tern_splitmix64(&s);
            const double u4 = (double) (r & 0xffff) + (double) (r >> 16 & 0xffff) + (double) (r >> 32 & 0xffff) +
                              (double) (r >> 48);
            const double z = (u4 / 65536.0 - 2.0) * 1.7320508075688772;
            const uint16_t h = tern_f32_to_f16((float) (sigma * z));
            memcpy(dst + 2 * i, &h, 2);
        }
        break;
    }
    }
    (void) nbytes;
    return 0;
}

// ---------------------------------------------------------------------------- the file

int tern_gen_model(const struct tern_gen_options * o, char * err, size_t err_size) {
    struct tern_preset_hparams hp;
    if (!tern_preset_hparams(o->preset, &hp)) {
        snprintf(err, err_size, "unknown preset '%s' (see tern gen-model --help)", o->preset);
        return -1;
    }
    if (o->latent && o->latent_type != TERN_GGML_F32 && o->latent_type != TERN_GGML_F16 && o->latent_type != TERN_GGML_BF16) {
        snprintf(err, err_size, "latent weights are F32, F16 or BF16");
        return -1;
    }
    if (strcmp(hp.arch, "bitnet-b1.58") != 0) {
        snprintf(err, err_size, "preset '%s' is arch %s; tern generates and runs bitnet-b1.58 models", o->preset, hp.arch);
        return -1;
    }
    struct tern_gen_vocab v = { 0 };
    int rc = o->vocab_json ? tern_gen_vocab_json(&v, o->vocab_json, err, err_size)
                           : tern_gen_vocab_synthetic(&v, TERN_GEN_VOCAB_LLAMA3, hp.vocab, o->seed, err, err_size);
    if (rc) {
        tern_gen_vocab_free(&v);
        return -1;
    }
    if (o->vocab_json) hp.vocab = (uint32_t) v.n;
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    const size_t n_tensors = 3 + 11 * (size_t) hp.layers;
    struct tensor_gen * gens = calloc(n_tensors, sizeof(*gens));
    if (!w || !gens) {
        snprintf(err, err_size, "out of memory");
        tern_gen_vocab_free(&v);
        tern_gguf_writer_free(w);
        free(gens);
        return -1;
    }
    // The metadata of Microsoft's ggml-model-i2_s.gguf, in its order.
    char key[96];
    const char * a = hp.arch;
    tern_gguf_add_str(w, "general.architecture", a);
    tern_gguf_add_str(w, "general.name", o->vocab_only ? "tern vocabulary" : "tern random-weight model (not trained)");
#define KEY(suffix) (snprintf(key, sizeof(key), "%s." suffix, a), key)
    if (!o->vocab_only) {
        tern_gguf_add_u32(w, KEY("vocab_size"), hp.vocab);
        tern_gguf_add_u32(w, KEY("context_length"), 4096);
        tern_gguf_add_u32(w, KEY("embedding_length"), hp.hidden);
        tern_gguf_add_u32(w, KEY("block_count"), hp.layers);
        tern_gguf_add_u32(w, KEY("feed_forward_length"), hp.ffn);
        tern_gguf_add_u32(w, KEY("rope.dimension_count"), hp.head_dim);
        tern_gguf_add_u32(w, KEY("attention.head_count"), hp.heads);
        tern_gguf_add_u32(w, KEY("attention.head_count_kv"), hp.kv_heads);
    }
    if (!o->vocab_only) {
        tern_gguf_add_f32(w, KEY("attention.layer_norm_rms_epsilon"), 1e-5f);
        tern_gguf_add_f32(w, KEY("rope.freq_base"), 500000.0f);
        tern_gguf_add_u32(w, "general.file_type", 40);      // bitnet.cpp's I2_S file type
    }
#undef KEY
    tern_gen_vocab_add_keys(w, &v);
    tern_gguf_add_u32(w, "general.quantization_version", 2);
    size_t g = 0;
    uint64_t seed = o->seed;
    char name[96];
#define TERNARY_TYPE (o->latent ? o->latent_type : TERN_GGML_I2_S)
#define TENSOR(type_, kind_, k_, n_, fmt, ...)                                                                  \
    do {                                                                                                        \
        gens[g] = (struct tensor_gen) { .kind = kind_, .seed = tern_splitmix64(&seed), .k = k_, .n = n_, .latent = o->latent, .latent_type = o->latent_type }; \
        snprintf(name, sizeof(name), fmt, __VA_ARGS__);                                                         \
        const uint64_t ne_[2] = { k_, n_ };                                                                     \
        tern_gguf_add_tensor(w, name, type_, (n_) > 1 ? 2 : 1, ne_, NULL, fill_tensor, &gens[g]);                \
        g++;                                                                                                    \
    } while (0)
    if (!o->vocab_only) {
        const size_t d = hp.hidden, ff = hp.ffn, qd = (size_t) hp.heads * hp.head_dim, kvd = (size_t) hp.kv_heads * hp.head_dim;
        TENSOR(TERN_GGML_F16, EMBED, d, hp.vocab, "%s", "token_embd.weight");
        TENSOR(TERN_GGML_F32, NORM, d, 1, "%s", "output_norm.weight");
        for (uint32_t l = 0; l < hp.layers; l++) {
            TENSOR(TERN_GGML_F32, NORM, d, 1, "blk.%u.attn_norm.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, d, qd, "blk.%u.attn_q.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, d, kvd, "blk.%u.attn_k.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, d, kvd, "blk.%u.attn_v.weight", l);
            TENSOR(TERN_GGML_F32, NORM, qd, 1, "blk.%u.attn_sub_norm.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, qd, d, "blk.%u.attn_output.weight", l);
            TENSOR(TERN_GGML_F32, NORM, d, 1, "blk.%u.ffn_norm.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, d, ff, "blk.%u.ffn_gate.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, d, ff, "blk.%u.ffn_up.weight", l);
            TENSOR(TERN_GGML_F32, NORM, ff, 1, "blk.%u.ffn_sub_norm.weight", l);
            TENSOR(TERNARY_TYPE, TERNARY, ff, d, "blk.%u.ffn_down.weight", l);
        }
    }
#undef TENSOR
#undef TERNARY_TYPE
    rc = tern_gguf_writer_write(w, o->out, err, err_size);
    tern_gguf_writer_free(w);
    free(gens);
    tern_gen_vocab_free(&v);
    return rc;
}
