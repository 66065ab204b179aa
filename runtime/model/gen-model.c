// Random-weight models of a preset's shapes (see tern/gen_model.h).

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(TERN_HAVE_CJSON)
#include <cjson/cJSON.h>
#endif

#include "tern/bpe_bytes.h"
#include "tern/file.h"
#include "tern/gen_model.h"
#include "tern/gguf.h"
#include "tern/i2s_disk.h"
#include "tern/ops.h"

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

static uint64_t next(uint64_t * s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double uniform(uint64_t * s) { return (double) (next(s) >> 11) * 0x1p-53; }

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
            uint64_t r = next(&s);
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
            const uint64_t r = next(&s);
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

// ---------------------------------------------------------------------------- vocabularies

struct vocab {
    char ** text;
    size_t * len;
    int32_t * type;
    float * score;
    size_t n;
    char ** merges;
    size_t n_merges;
};

static void vocab_free(struct vocab * v) {
    for (size_t i = 0; v->text && i < v->n; i++) free(v->text[i]);
    for (size_t i = 0; v->merges && i < v->n_merges; i++) free(v->merges[i]);
    free(v->text);
    free(v->len);
    free(v->type);
    free(v->score);
    free(v->merges);
    memset(v, 0, sizeof(*v));
}

static int vocab_alloc(struct vocab * v, size_t n, size_t n_merges) {
    v->n = n;
    v->n_merges = n_merges;
    v->text = calloc(n, sizeof(char *));
    v->len = calloc(n, sizeof(size_t));
    v->type = calloc(n, sizeof(int32_t));
    v->score = calloc(n, sizeof(float));
    v->merges = calloc(n_merges ? n_merges : 1, sizeof(char *));
    return v->text && v->len && v->type && v->score && v->merges ? 0 : -1;
}

static const char * const llama3_specials[] = {
    "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
    "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
    "<|eom_id|>", "<|eot_id|>",
};

// 256 byte tokens (GPT-2 order: printable bytes first), random merges of existing tokens,
// then special tokens: 256 of them (as Llama-3, BOS at n - 256) for big vocabularies, else 10.
static int synthetic_vocab(struct vocab * v, size_t n, uint64_t seed, char * err, size_t err_size) {
    const size_t n_special = n >= 4096 ? 256 : 10;
    if (n < 256 + n_special + 1) {
        snprintf(err, err_size, "a vocabulary of %zu tokens is too small (at least %zu)", n, 256 + n_special + 1);
        return -1;
    }
    const size_t n_merges = n - 256 - n_special;
    if (vocab_alloc(v, n, n_merges)) goto oom;
    // Hash set of texts so merges never produce a duplicate.
    size_t cap = 1;
    while (cap < 2 * n) cap <<= 1;
    int32_t * slots = malloc(cap * sizeof(int32_t));
    if (!slots) goto oom;
    memset(slots, 0xff, cap * sizeof(int32_t));
    // Byte tokens in GPT-2's order: by code point of the byte-to-unicode map.
    uint16_t byte_cp[256];
    int16_t cp_byte[TERN_GPT2_CODEPOINTS];
    tern_gpt2_byte_map(byte_cp, cp_byte);
    size_t id = 0;
    for (uint32_t cp = 0; cp < TERN_GPT2_CODEPOINTS; cp++) {
        if (cp_byte[cp] < 0) continue;
        char buf[4];
        const size_t l = tern_utf8_put(cp, buf);
        v->text[id] = malloc(l);
        if (!v->text[id]) goto oom_slots;
        memcpy(v->text[id], buf, l);
        v->len[id] = l;
        v->type[id] = 1;
        size_t h = tern_fnv1a(buf, l) & (cap - 1);
        while (slots[h] >= 0) h = (h + 1) & (cap - 1);
        slots[h] = (int32_t) id++;
    }
    uint64_t s = seed ^ 0x5eed;
    // Merges join printable-ASCII tokens only (ids 0..93 are bytes 33..126; the space byte
    // is id 220 in GPT-2 order): a random model's text then prints without control bytes.
    int32_t * printable_ids = malloc((n_merges + 96) * sizeof(int32_t));
    if (!printable_ids) goto oom_slots;
    size_t n_printable = 0;
    for (size_t i = 0; i < 94; i++) printable_ids[n_printable++] = (int32_t) i;
    printable_ids[n_printable++] = 220;
    for (size_t m = 0; m < n_merges;) {
        const size_t a = (size_t) printable_ids[next(&s) % n_printable], b = (size_t) printable_ids[next(&s) % n_printable];
        const size_t l = v->len[a] + v->len[b];
        if (l > 24) continue;
        char buf[32];
        memcpy(buf, v->text[a], v->len[a]);
        memcpy(buf + v->len[a], v->text[b], v->len[b]);
        size_t h = tern_fnv1a(buf, l) & (cap - 1);
        bool dup = false;
        while (slots[h] >= 0) {
            const int32_t o = slots[h];
            if (v->len[o] == l && memcmp(v->text[o], buf, l) == 0) {
                dup = true;
                break;
            }
            h = (h + 1) & (cap - 1);
        }
        if (dup) continue;
        v->text[id] = malloc(l);
        v->merges[m] = malloc(l + 2);
        if (!v->text[id] || !v->merges[m]) goto oom_slots;
        memcpy(v->text[id], buf, l);
        v->len[id] = l;
        v->type[id] = 1;
        memcpy(v->merges[m], v->text[a], v->len[a]);
        v->merges[m][v->len[a]] = ' ';
        memcpy(v->merges[m] + v->len[a] + 1, v->text[b], v->len[b]);
        v->merges[m][l + 1] = '\0';
        printable_ids[n_printable++] = (int32_t) id;
        slots[h] = (int32_t) id++;
        m++;
    }
    free(printable_ids);
    free(slots);
    for (size_t i = 0; i < n_special; i++, id++) {
        char buf[64];
        if (i < 10) {
            snprintf(buf, sizeof(buf), "%s", llama3_specials[i]);
        } else {
            snprintf(buf, sizeof(buf), "<|reserved_special_token_%zu|>", i - 7);
        }
        v->text[id] = strdup(buf);
        if (!v->text[id]) goto oom;
        v->len[id] = strlen(buf);
        v->type[id] = 3;
    }
    for (size_t i = 0; i < n; i++) v->score[i] = -1000.0f;
    return 0;
oom_slots:
    free(slots);
oom:
    snprintf(err, err_size, "out of memory building the vocabulary");
    return -1;
}

#if defined(TERN_HAVE_CJSON)
// A Hugging Face tokenizer.json (model.type BPE, byte level): vocab, merges, added tokens.
static int json_vocab(struct vocab * v, const char * path, char * err, size_t err_size) {
    char * text = tern_read_file(path, "", (size_t) 1 << 30, NULL, err, err_size);
    if (!text) return -1;
    cJSON * root = cJSON_Parse(text);
    free(text);
    int rc = -1;
    const cJSON * model = cJSON_GetObjectItemCaseSensitive(root, "model");
    const cJSON * vocab = cJSON_GetObjectItemCaseSensitive(model, "vocab");
    const cJSON * merges = cJSON_GetObjectItemCaseSensitive(model, "merges");
    const cJSON * added = cJSON_GetObjectItemCaseSensitive(root, "added_tokens");
    if (!root || !cJSON_IsObject(vocab) || !cJSON_IsArray(merges)) {
        snprintf(err, err_size, "%s: not a BPE tokenizer.json (model.vocab / model.merges missing)", path);
        goto done;
    }
    size_t n = 0;
    const cJSON * it;
    cJSON_ArrayForEach(it, vocab) {
        if (!cJSON_IsNumber(it) || it->valuedouble < 0 || it->valuedouble >= (1 << 24)) goto bad_id;
        if ((size_t) it->valueint + 1 > n) n = (size_t) it->valueint + 1;
    }
    cJSON_ArrayForEach(it, added) {
        const cJSON * id = cJSON_GetObjectItemCaseSensitive(it, "id");
        if (!cJSON_IsNumber(id) || id->valuedouble < 0 || id->valuedouble >= (1 << 24)) goto bad_id;
        if ((size_t) id->valueint + 1 > n) n = (size_t) id->valueint + 1;
    }
    if (vocab_alloc(v, n, (size_t) cJSON_GetArraySize(merges))) {
        snprintf(err, err_size, "out of memory reading %s", path);
        goto done;
    }
    cJSON_ArrayForEach(it, vocab) {
        v->text[it->valueint] = strdup(it->string);
        v->len[it->valueint] = strlen(it->string);
        v->type[it->valueint] = 1;
    }
    cJSON_ArrayForEach(it, added) {
        const cJSON * id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON * content = cJSON_GetObjectItemCaseSensitive(it, "content");
        const cJSON * special = cJSON_GetObjectItemCaseSensitive(it, "special");
        if (!cJSON_IsString(content)) goto bad_id;
        free(v->text[id->valueint]);
        v->text[id->valueint] = strdup(content->valuestring);
        v->len[id->valueint] = strlen(content->valuestring);
        v->type[id->valueint] = cJSON_IsTrue(special) ? 3 : 4;
    }
    for (size_t i = 0; i < n; i++) {
        if (!v->text[i]) {
            snprintf(err, err_size, "%s: token id %zu is not defined", path, i);
            goto done;
        }
    }
    size_t m = 0;
    cJSON_ArrayForEach(it, merges) {
        if (cJSON_IsString(it)) {
            v->merges[m] = strdup(it->valuestring);
        } else if (cJSON_IsArray(it) && cJSON_GetArraySize(it) == 2 && cJSON_IsString(cJSON_GetArrayItem(it, 0)) &&
                   cJSON_IsString(cJSON_GetArrayItem(it, 1))) {
            const char * a = cJSON_GetArrayItem(it, 0)->valuestring, * b = cJSON_GetArrayItem(it, 1)->valuestring;
            v->merges[m] = malloc(strlen(a) + strlen(b) + 2);
            if (v->merges[m]) sprintf(v->merges[m], "%s %s", a, b);
        } else {
            snprintf(err, err_size, "%s: merge %zu is neither \"a b\" nor [a, b]", path, m);
            goto done;
        }
        m++;
    }
    rc = 0;
    goto done;
bad_id:
    snprintf(err, err_size, "%s: a token id is not a number in 0..16M", path);
done:
    cJSON_Delete(root);
    return rc;
}
#endif

// ---------------------------------------------------------------------------- the file

static void add_vocab_keys(struct tern_gguf_writer * w, const struct vocab * v, int32_t bos, int32_t eos) {
    tern_gguf_add_str(w, "tokenizer.ggml.model", "gpt2");
    tern_gguf_add_str_arr(w, "tokenizer.ggml.tokens", (const char * const *) v->text, v->len, v->n);
    tern_gguf_add_f32_arr(w, "tokenizer.ggml.scores", v->score, v->n);
    tern_gguf_add_i32_arr(w, "tokenizer.ggml.token_type", v->type, v->n);
    tern_gguf_add_str_arr(w, "tokenizer.ggml.merges", (const char * const *) v->merges, NULL, v->n_merges);
    if (bos >= 0) tern_gguf_add_u32(w, "tokenizer.ggml.bos_token_id", (uint32_t) bos);
    if (eos >= 0) {
        tern_gguf_add_u32(w, "tokenizer.ggml.eos_token_id", (uint32_t) eos);
        tern_gguf_add_u32(w, "tokenizer.ggml.padding_token_id", (uint32_t) eos);
    }
}

static int32_t find_text(const struct vocab * v, const char * s) {
    for (size_t i = v->n; i-- > 0;) {
        if (v->len[i] == strlen(s) && memcmp(v->text[i], s, v->len[i]) == 0) return (int32_t) i;
    }
    return -1;
}

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
    struct vocab v = { 0 };
    int rc;
    if (o->vocab_json) {
#if defined(TERN_HAVE_CJSON)
        rc = json_vocab(&v, o->vocab_json, err, err_size);
        if (!rc) hp.vocab = (uint32_t) v.n;
#else
        snprintf(err, err_size, "this build has no JSON reader (cJSON): --vocab is not available");
        rc = -1;
#endif
    } else {
        rc = synthetic_vocab(&v, hp.vocab, o->seed, err, err_size);
    }
    if (rc) {
        vocab_free(&v);
        return -1;
    }
    struct tern_gguf_writer * w = tern_gguf_writer_new();
    const size_t n_tensors = 3 + 11 * (size_t) hp.layers;
    struct tensor_gen * gens = calloc(n_tensors, sizeof(*gens));
    if (!w || !gens) {
        snprintf(err, err_size, "out of memory");
        vocab_free(&v);
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
    tern_gguf_add_bool(w, "tokenizer.ggml.add_bos_token", true);
    if (!o->vocab_only) {
        tern_gguf_add_f32(w, KEY("attention.layer_norm_rms_epsilon"), 1e-5f);
        tern_gguf_add_f32(w, KEY("rope.freq_base"), 500000.0f);
        tern_gguf_add_u32(w, "general.file_type", 40);      // bitnet.cpp's I2_S file type
    }
#undef KEY
    add_vocab_keys(w, &v, find_text(&v, "<|begin_of_text|>"), find_text(&v, "<|end_of_text|>"));
    tern_gguf_add_u32(w, "general.quantization_version", 2);
    size_t g = 0;
    uint64_t seed = o->seed;
    char name[96];
#define TERNARY_TYPE (o->latent ? o->latent_type : TERN_GGML_I2_S)
#define TENSOR(type_, kind_, k_, n_, fmt, ...)                                                                  \
    do {                                                                                                        \
        gens[g] = (struct tensor_gen) { .kind = kind_, .seed = next(&seed), .k = k_, .n = n_, .latent = o->latent, .latent_type = o->latent_type }; \
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
    vocab_free(&v);
    return rc;
}
