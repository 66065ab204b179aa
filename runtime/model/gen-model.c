// Random-weight models of a preset's shapes (see tern/gen_model.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tern/gen_model.h"
#include "tern/codec.h"
#include "tern/gguf.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"
#include "tern/presets.h"
#include "tern/rng.h"

#include "tern/gen_vocab.h"

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
    uint32_t type;               // the tensor's GGML type
    bool latent;                 // TERNARY: latent values of type latent_type
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
        if (t->type == TERN_GGML_I2_S) {
            tern_i2s_disk_encode(w, count, (float) ((double) nnz * v / (double) count), dst);
        } else if (t->type == TERN_GGML_TQ2_0 || t->type == TERN_GGML_TQ1_0) {
            // llama.cpp's block scale of ternary values t * v is v (exact in f16: 8 significant bits).
            enum tern_codec_id id;
            tern_codec_of_ggml(t->type, &id);
            float * row_scale = malloc(t->n * sizeof(float));
            if (!row_scale) {
                free(w);
                return -1;
            }
            for (size_t r = 0; r < t->n; r++) row_scale[r] = v;
            tern_codec_get(id)->encode(w, t->k, t->n, row_scale, dst);
            free(row_scale);
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
        float block[32];
        for (size_t i = 0; i < count; i++) {
            const uint64_t r = tern_splitmix64(&s);
            const double u4 = (double) (r & 0xffff) + (double) (r >> 16 & 0xffff) + (double) (r >> 32 & 0xffff) +
                              (double) (r >> 48);
            const double z = (u4 / 65536.0 - 2.0) * 1.7320508075688772;
            const float x = (float) (sigma * z);
            if (t->type == TERN_GGML_F16) {
                const uint16_t h = tern_f32_to_f16(x);
                memcpy(dst + 2 * i, &h, 2);
                continue;
            }
            // Q8_0 (as bitnet.cpp's quantizer writes an embedding whose width is not a multiple
            // of 256): per 32 values one f16 scale d = max|x| / 127 and round(x / d).
            block[i % 32] = x;
            if (i % 32 != 31) continue;
            float amax = 0;
            for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(block[j]));
            const uint16_t d = tern_f32_to_f16(amax / 127.0f);
            const float inv = tern_f16_to_f32(d) > 0 ? 1.0f / tern_f16_to_f32(d) : 0.0f;
            uint8_t * b = dst + i / 32 * 34;
            memcpy(b, &d, 2);
            for (int j = 0; j < 32; j++) {
                const float q = nearbyintf(block[j] * inv);
                b[2 + j] = (uint8_t) (int8_t) (q > 127 ? 127 : q < -127 ? -127 : q);
            }
        }
        break;
    }
    }
    (void) nbytes;
    return 0;
}

// ---------------------------------------------------------------------------- the file

// A tensor of the file: its generator, and its entry in the writer.
static void add_tensor(struct tern_gguf_writer * w, struct tensor_gen * gen, uint64_t * seed, const struct tern_gen_options * o,
                       const char * name, uint32_t type, enum kind kind, size_t k, size_t n) {
    *gen = (struct tensor_gen) { .kind = kind, .type = type, .seed = tern_splitmix64(seed), .k = k, .n = n,
                                 .latent = o->latent, .latent_type = o->latent_type };
    const uint64_t ne[2] = { k, n };
    tern_gguf_add_tensor(w, name, type, n > 1 ? 2 : 1, ne, NULL, fill_tensor, gen);
}

int tern_gen_model(const struct tern_gen_options * o, char * err, size_t err_size) {
    struct tern_hparams hp;
    bool tied;
    const char * tokenizer;
    if (!tern_preset_find(o->preset, &hp, &tied, &tokenizer)) {
        snprintf(err, err_size, "unknown preset '%s' (see tern gen-model --help)", o->preset);
        return -1;
    }
    if (o->latent && o->latent_type != TERN_GGML_F32 && o->latent_type != TERN_GGML_F16 && o->latent_type != TERN_GGML_BF16) {
        snprintf(err, err_size, "latent weights are F32, F16 or BF16");
        return -1;
    }
    struct tern_gen_vocab v = { 0 };
    int rc = o->vocab_json ? tern_gen_vocab_json(&v, o->vocab_json, err, err_size)
                           : tern_gen_vocab_synthetic(&v, !strcmp(tokenizer, "falcon3") ? TERN_GEN_VOCAB_FALCON3
                                                          : !strcmp(tokenizer, "llama2-spm") ? TERN_GEN_VOCAB_LLAMA2_SPM
                                                          : TERN_GEN_VOCAB_LLAMA3, hp.n_vocab, o->seed, err, err_size);
    if (rc) {
        tern_gen_vocab_free(&v);
        return -1;
    }
    if (o->vocab_json) hp.n_vocab = (uint32_t) v.n;
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    struct tensor_gen * gens = calloc(3 + n_specs * (size_t) hp.n_layer, sizeof(*gens));
    if (!w || !gens) {
        snprintf(err, err_size, "out of memory");
        tern_gen_vocab_free(&v);
        tern_gguf_writer_free(w);
        free(gens);
        return -1;
    }
    // The metadata of bitnet.cpp's files (Microsoft's ggml-model-i2_s.gguf for 2B4T), in its order.
    char key[96];
    const char * a = hp.arch_name;
    const struct tern_dims d = tern_hparams_dims(&hp);
    tern_gguf_add_str(w, "general.architecture", a);
    tern_gguf_add_str(w, "general.name", o->vocab_only ? "tern vocabulary" : "tern random-weight model (not trained)");
#define KEY(suffix) (snprintf(key, sizeof(key), "%s." suffix, a), key)
    if (!o->vocab_only) {
        tern_gguf_add_u32(w, KEY("vocab_size"), hp.n_vocab);
        tern_gguf_add_u32(w, KEY("context_length"), hp.n_ctx_train);
        tern_gguf_add_u32(w, KEY("embedding_length"), hp.n_embd);
        tern_gguf_add_u32(w, KEY("block_count"), hp.n_layer);
        tern_gguf_add_u32(w, KEY("feed_forward_length"), hp.n_ff);
        tern_gguf_add_u32(w, KEY("rope.dimension_count"), hp.head_dim);
        tern_gguf_add_u32(w, KEY("attention.head_count"), hp.n_head);
        tern_gguf_add_u32(w, KEY("attention.head_count_kv"), hp.n_head_kv);
        if (hp.n_embd != hp.n_head * hp.head_dim) {          // as llama.cpp's converters: only when it differs
            tern_gguf_add_u32(w, KEY("attention.key_length"), hp.head_dim);
            tern_gguf_add_u32(w, KEY("attention.value_length"), hp.head_dim);
        }
    }
    if (!o->vocab_only) {
        tern_gguf_add_f32(w, KEY("attention.layer_norm_rms_epsilon"), hp.rms_eps);
        tern_gguf_add_f32(w, KEY("rope.freq_base"), hp.rope_theta);
        tern_gguf_add_u32(w, "general.file_type", 40);      // bitnet.cpp's I2_S file type
    }
#undef KEY
    tern_gen_vocab_add_keys(w, &v);
    tern_gguf_add_u32(w, "general.quantization_version", 2);
    size_t g = 0;
    uint64_t seed = o->seed;
    if (!o->vocab_only) {
        // bitnet.cpp's quantizer keeps dense matrices F16 when the width is a multiple of 256, else Q8_0.
        const uint32_t dense = hp.n_embd % 256 == 0 ? TERN_GGML_F16 : TERN_GGML_Q8_0;
        const uint32_t ternary = o->latent ? o->latent_type : o->ternary_type ? o->ternary_type : TERN_GGML_I2_S;
        if ((ternary == TERN_GGML_TQ2_0 || ternary == TERN_GGML_TQ1_0) && (hp.n_embd % 256 || hp.n_ff % 256 || d.q % 256)) {
            snprintf(err, err_size, "%s's rows (%u, %u) are not multiples of 256: %s cannot hold them", o->preset,
                     hp.n_embd, hp.n_ff, tern_ggml_type_name(ternary));
            tern_gguf_writer_free(w);
            free(gens);
            tern_gen_vocab_free(&v);
            return -1;
        }
        add_tensor(w, &gens[g++], &seed, o, "token_embd.weight", dense, EMBED, d.embd, hp.n_vocab);
        add_tensor(w, &gens[g++], &seed, o, "output_norm.weight", TERN_GGML_F32, NORM, d.embd, 1);
        if (!tied) add_tensor(w, &gens[g++], &seed, o, "output.weight", dense, EMBED, d.embd, hp.n_vocab);
        for (uint32_t l = 0; l < hp.n_layer; l++) {
            for (size_t i = 0; i < n_specs; i++) {
                if (!tern_arch_has(hp.arch, &spec[i])) continue;
                char name[96];
                snprintf(name, sizeof(name), "blk.%u.%s.weight", l, spec[i].name);
                const size_t k = tern_dim_size(&d, spec[i].k), n = spec[i].role == TERN_TENSOR_NORM ? 1 : tern_dim_size(&d, spec[i].n);
                add_tensor(w, &gens[g++], &seed, o, name, spec[i].role == TERN_TENSOR_NORM ? TERN_GGML_F32 : ternary,
                           spec[i].role == TERN_TENSOR_NORM ? NORM : TERNARY, k, n);
            }
        }
    }
    rc = tern_gguf_writer_write(w, o->out, err, err_size);
    tern_gguf_writer_free(w);
    free(gens);
    tern_gen_vocab_free(&v);
    return rc;
}
