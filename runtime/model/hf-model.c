// A Hugging Face checkpoint folder as a GGUF model (see tern/hf_model.h).

#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tern/alloc.h"
#include "tern/gen_vocab.h"
#include "tern/err.h"
#include "tern/hf_config.h"
#include "tern/hf_model.h"
#include "tern/hf_ternary.h"
#include "tern/ops.h"
#include "tern/safetensors.h"

struct tern_hf_model {
    char dir[512];
    struct tern_hf_folder folder;
    struct tern_st st;
    const struct tern_arch * arch;
    bool packed;                        // uint8 + weight_scale; else latent weights
    bool scale_divides;                 // bitlinear
    uint32_t latent_dtype;
    struct tern_gen_vocab vocab;        // from tokenizer.json (has_vocab)
    bool has_vocab;
    uint8_t * meta;                     // the in-memory GGUF of the keys
    struct tern_gguf_tensor * tensors;  // under GGUF names; the array g->tensors points to
    const struct tern_st_tensor ** src; // (n_tensors) where each came from
    float * scales;                     // (n_tensors) packed: weight_scale
    char * names;                       // storage of the GGUF names
    size_t n_tensors;
    char storage[96];
};

bool tern_path_is_dir(const char * path) {
    struct stat s;
    return stat(path, &s) == 0 && S_ISDIR(s.st_mode);
}

// ---------------------------------------------------------------------------- tensors

static bool ggml_type_of(uint32_t st_dtype, uint32_t * type) {
    switch (st_dtype) {
    case TERN_ST_F32: *type = TERN_GGML_F32; return true;
    case TERN_ST_F16: *type = TERN_GGML_F16; return true;
    case TERN_ST_BF16: *type = TERN_GGML_BF16; return true;
    default: return false;
    }
}

static float scalar_at(const struct tern_st_tensor * t) {
    uint16_t h;
    float f = NAN;
    switch (t->dtype) {
    case TERN_ST_F32: memcpy(&f, t->data, 4); break;
    case TERN_ST_F16: memcpy(&h, t->data, 2); f = tern_f16_to_f32(h); break;
    case TERN_ST_BF16: memcpy(&h, t->data, 2); f = tern_bf16_to_f32(h); break;
    default: break;
    }
    return f;
}

// One GGUF tensor from its Hugging Face counterpart; 1 if the checkpoint has none.
static int map_tensor(struct tern_hf_model * h, const char * gguf, bool ternary, char ** names, char * err, size_t err_size) {
    char hf[200];
    if (!tern_arch_hf_name(h->arch, gguf, hf, sizeof(hf))) return 1;
    const struct tern_st_tensor * t = tern_st_find(&h->st, hf);
    if (!t) return 1;
    struct tern_gguf_tensor * g = &h->tensors[h->n_tensors];
    const size_t len = strlen(gguf);
    memcpy(*names, gguf, len);
    *g = (struct tern_gguf_tensor) { .name = { *names, len }, .n_dims = t->n_dims ? t->n_dims : 1, .data = t->data,
                                     .nbytes = t->nbytes };
    *names += len;
    for (int d = 0; d < 4; d++) g->ne[d] = d < TERN_ST_MAX_DIMS ? t->ne[d] : 1;
    if (t->n_dims > 2) return tern_errf(err, err_size, "%s has %u dimensions; a weight has at most 2", hf, t->n_dims);
    if (ternary && t->dtype == TERN_ST_U8) {
        if (t->n_dims != 2) return tern_errf(err, err_size, "%s is packed uint8 but not a matrix", hf);
        g->type = TERN_GGML_HF_PACKED;
        g->ne[1] = 4 * t->shape[0];           // [out/4, in] packs out rows
        char scale_name[220];
        snprintf(scale_name, sizeof(scale_name), "%s_scale", hf);
        const struct tern_st_tensor * s = tern_st_find(&h->st, scale_name);
        if (!s || s->n_elements != 1) return tern_errf(err, err_size, "%s is packed uint8 but %s is missing or not one value", hf, scale_name);
        h->scales[h->n_tensors] = scalar_at(s);
        if (!isfinite(h->scales[h->n_tensors])) return tern_errf(err, err_size, "%s is not a finite F32/F16/BF16 value", scale_name);
        h->packed = true;
    } else if (!ggml_type_of(t->dtype, &g->type)) {
        return tern_errf(err, err_size, "%s is %s; tern reads F32, F16 and BF16 tensors%s", hf, tern_st_dtype_name(t->dtype),
                    ternary ? " and packed U8 ternary weights" : "");
    } else if (ternary) {
        h->latent_dtype = t->dtype;
    }
    h->src[h->n_tensors++] = t;
    return 0;
}

// Every tensor the architecture has, under its GGUF name.
static int map_tensors(struct tern_hf_model * h, const struct tern_hf_config * c, char * err, size_t err_size) {
    size_t n_specs;
    const struct tern_layer_tensor * spec = tern_layer_tensors(&n_specs);
    const size_t cap = 3 + n_specs * c->num_hidden_layers;
    h->tensors = calloc(cap, sizeof(*h->tensors));
    h->src = calloc(cap, sizeof(*h->src));
    h->scales = calloc(cap, sizeof(float));
    h->names = malloc(cap * 64);
    if (!h->tensors || !h->src || !h->scales || !h->names) return tern_errf(err, err_size, "out of memory");
    char * names = h->names;
    char name[64];
    static const char * const globals[] = { "token_embd.weight", "output_norm.weight", "output.weight" };
    for (size_t i = 0; i < 3; i++) {
        if (i == 2 && c->has_tie_word_embeddings && c->tie_word_embeddings) continue;   // lm_head, if stored, is the embedding
        const int rc = map_tensor(h, globals[i], false, &names, err, err_size);
        if (rc < 0) return -1;
        if (rc > 0 && i < 2) {
            char hf[96];
            tern_arch_hf_name(h->arch, globals[i], hf, sizeof(hf));
            return tern_errf(err, err_size, "%s/model.safetensors has no %s", h->dir, hf);
        }
    }
    for (uint32_t l = 0; l < c->num_hidden_layers; l++) {
        for (size_t i = 0; i < n_specs; i++) {
            if (!tern_arch_has(h->arch, &spec[i])) continue;
            snprintf(name, sizeof(name), "blk.%u.%s.weight", l, spec[i].name);
            const int rc = map_tensor(h, name, spec[i].role == TERN_TENSOR_LINEAR, &names, err, err_size);
            if (rc < 0) return -1;
            if (rc > 0) {
                char hf[128];
                tern_arch_hf_name(h->arch, name, hf, sizeof(hf));
                return tern_errf(err, err_size, "the checkpoint has no %s (%s needs it as %s)", hf, c->architecture, name);
            }
        }
    }
    return 0;
}

// ---------------------------------------------------------------------------- keys

static int32_t token_id(const struct tern_gen_vocab * v, const char * text) {
    for (size_t i = 0; text && i < v->n; i++) {
        if (v->len[i] == strlen(text) && memcmp(v->text[i], text, v->len[i]) == 0) return (int32_t) i;
    }
    return -1;
}

// tokenizer.json (if any) with the ids tokenizer_config.json and config.json name, padded
// to the embedding's rows as llama.cpp's converter pads it.
static int read_vocab(struct tern_hf_model * h, const struct tern_hf_config * c, char * err, size_t err_size) {
    char path[600];
    snprintf(path, sizeof(path), "%s/tokenizer.json", h->dir);
    struct stat st;
    if (stat(path, &st) != 0) return 0;          // weights only: tern logits --tokens still works
    if (tern_gen_vocab_json(&h->vocab, path, err, err_size)) return -1;
    h->has_vocab = true;
    struct tern_gen_vocab * v = &h->vocab;
    const struct tern_hf_tokenizer_config * t = h->folder.has_tokenizer_config ? &h->folder.tok : NULL;
    const int32_t bos = t ? token_id(v, t->bos_token) : -1, eos = t ? token_id(v, t->eos_token) : -1;
    if (bos >= 0) v->bos = bos;
    else if (c->has_bos_token_id) v->bos = c->bos_token_id;
    if (eos >= 0) v->eos = eos;
    else if (c->n_eos) v->eos = c->eos_token_id[0];
    if (t && t->has_add_bos_token) v->add_bos = t->add_bos_token;
    if (t && t->has_add_eos_token) v->add_eos = t->add_eos_token;
    const size_t rows = (size_t) h->tensors[0].ne[1];
    if (v->n > rows) return tern_errf(err, err_size, "tokenizer.json has %zu tokens, the embedding only %zu rows", v->n, rows);
    if (v->n < rows) {
        if (tern_resize(&v->text, rows, sizeof(*v->text)) || tern_resize(&v->len, rows, sizeof(*v->len)) ||
            tern_resize(&v->type, rows, sizeof(*v->type)) || tern_resize(&v->score, rows, sizeof(*v->score))) {
            return tern_errf(err, err_size, "out of memory");
        }
        for (size_t i = v->n; i < rows; i++) {
            char pad[32];
            snprintf(pad, sizeof(pad), "[PAD%zu]", i);
            v->text[i] = strdup(pad);
            if (!v->text[i]) return tern_errf(err, err_size, "out of memory");
            v->len[i] = strlen(pad);
            v->type[i] = 5;                     // unused: never produced by tokenizing
            v->score[i] = 0;
            v->n = i + 1;
        }
    }
    return 0;
}

void tern_hf_model_add_keys(const struct tern_hf_model * h, struct tern_gguf_writer * w) {
    const struct tern_hf_config * c = &h->folder.config;
    const char * a = h->arch->name;
    char key[128], name[sizeof(h->dir)];
    snprintf(name, sizeof(name), "%s", h->dir);
    tern_gguf_add_str(w, "general.architecture", a);
    tern_gguf_add_str(w, "general.name", basename(name));
#define KEY(suffix) (snprintf(key, sizeof(key), "%s." suffix, a), key)
    tern_gguf_add_u32(w, KEY("vocab_size"), (uint32_t) h->tensors[0].ne[1]);
    tern_gguf_add_u32(w, KEY("context_length"), c->has_max_position_embeddings ? c->max_position_embeddings : 4096);
    tern_gguf_add_u32(w, KEY("embedding_length"), c->hidden_size);
    tern_gguf_add_u32(w, KEY("block_count"), c->num_hidden_layers);
    tern_gguf_add_u32(w, KEY("feed_forward_length"), c->intermediate_size);
    tern_gguf_add_u32(w, KEY("rope.dimension_count"), c->head_dim);
    tern_gguf_add_u32(w, KEY("attention.head_count"), c->num_attention_heads);
    tern_gguf_add_u32(w, KEY("attention.head_count_kv"), c->num_key_value_heads);
    if (c->hidden_size != c->num_attention_heads * c->head_dim) {
        tern_gguf_add_u32(w, KEY("attention.key_length"), c->head_dim);
        tern_gguf_add_u32(w, KEY("attention.value_length"), c->head_dim);
    }
    tern_gguf_add_f32(w, KEY("attention.layer_norm_rms_epsilon"), c->has_rms_norm_eps ? (float) c->rms_norm_eps : h->arch->rms_eps);
    tern_gguf_add_f32(w, KEY("rope.freq_base"), c->has_rope_theta ? (float) c->rope_theta : h->arch->rope_theta);
    tern_gguf_add_u32(w, "general.file_type", 40);      // bitnet.cpp's I2_S file type
#undef KEY
    if (h->has_vocab) tern_gen_vocab_add_keys(w, &h->vocab);
    if (h->folder.has_tokenizer_config && h->folder.tok.chat_template) {
        tern_gguf_add_str(w, "tokenizer.chat_template", h->folder.tok.chat_template);
    }
    tern_gguf_add_u32(w, "general.quantization_version", 2);
}

// ---------------------------------------------------------------------------- the folder

// The family, its graph and its storage, from config.json: one line when tern cannot run it.
static int check_config(struct tern_hf_model * h, const struct tern_hf_config * c, char * err, size_t err_size) {
    h->arch = tern_arch_find_hf(c->architecture);
    if (!h->arch) {
        char known[200] = "";
        for (size_t i = 0; tern_arch_get(i); i++) {
            const size_t at = strlen(known);
            snprintf(known + at, sizeof(known) - at, "%s%s", i ? ", " : "", tern_arch_get(i)->hf.architectures[0]);
        }
        return tern_errf(err, err_size, "%s/config.json: architecture '%s' is not supported (tern runs %s)", h->dir,
                    c->architecture[0] ? c->architecture : "(none)", known);
    }
    // A config whose activation is not the graph's would run, and give garbage.
    if (c->hidden_act[0] && strcmp(c->hidden_act, h->arch->hf.hidden_act) != 0) {
        return tern_errf(err, err_size, "%s/config.json: hidden_act '%s', but %s models use %s", h->dir, c->hidden_act,
                    c->architecture, h->arch->hf.hidden_act);
    }
    if (c->has_rope_scaling && strcmp(c->rope_scaling_type, "default") != 0 &&
        !(c->has_rope_scaling_factor && c->rope_scaling_factor == 1.0)) {
        return tern_errf(err, err_size, "%s/config.json: rope_scaling '%s' is not supported", h->dir, c->rope_scaling_type);
    }
    if (c->quant.present && c->quant.quant_method[0] && strcmp(c->quant.quant_method, "bitnet") != 0) {
        return tern_errf(err, err_size, "%s/config.json: quant_method '%s' is not BitNet's ternary format", h->dir,
                    c->quant.quant_method);
    }
    enum tern_hf_linear_class lc;
    if (!tern_hf_linear_class_from_name(c->quant.linear_class, &lc)) {
        return tern_errf(err, err_size, "%s/config.json: linear_class '%s' is neither bitlinear nor autobitlinear", h->dir,
                    c->quant.linear_class);
    }
    h->scale_divides = lc == TERN_HF_BITLINEAR;
    return 0;
}

int tern_hf_model_open(struct tern_hf_model ** out, const char * dir, struct tern_gguf * g, char * err, size_t err_size) {
    *out = NULL;
    memset(g, 0, sizeof(*g));
    struct tern_hf_model * h = calloc(1, sizeof(*h));
    if (!h) return tern_errf(err, err_size, "out of memory");
    snprintf(h->dir, sizeof(h->dir), "%s", dir);
    const size_t n = strlen(h->dir);
    if (n > 1 && h->dir[n - 1] == '/') h->dir[n - 1] = '\0';
    int rc = tern_hf_folder_read(&h->folder, h->dir, err, err_size);
    const struct tern_hf_config * c = &h->folder.config;
    if (!rc) rc = check_config(h, c, err, err_size);
    if (!rc) rc = tern_st_open_dir(&h->st, h->dir, err, err_size);
    if (!rc) rc = map_tensors(h, c, err, err_size);
    if (!rc) rc = read_vocab(h, c, err, err_size);
    if (!rc) {
        snprintf(h->storage, sizeof(h->storage), h->packed ? "packed uint8 + weight_scale (%s)" : "latent %s weights",
                 h->packed ? (h->scale_divides ? "bitlinear: divided" : "autobitlinear: multiplied")
                           : tern_st_dtype_name(h->latent_dtype));
        struct tern_gguf_writer * w = tern_gguf_writer_new();
        size_t size = 0;
        if (!w) rc = tern_errf(err, err_size, "out of memory");
        if (!rc) {
            tern_hf_model_add_keys(h, w);
            rc = tern_gguf_writer_write_mem(w, &h->meta, &size, err, err_size);
        }
        tern_gguf_writer_free(w);
        if (!rc) rc = tern_gguf_parse(g, h->meta, size, err, err_size);
    }
    if (rc) {
        tern_gguf_close(g);
        tern_hf_model_close(h);
        return -1;
    }
    free(g->tensors);
    g->tensors = malloc(h->n_tensors * sizeof(*g->tensors));
    if (!g->tensors) {
        tern_gguf_close(g);
        tern_hf_model_close(h);
        return tern_errf(err, err_size, "out of memory");
    }
    memcpy(g->tensors, h->tensors, h->n_tensors * sizeof(*g->tensors));
    g->n_tensors = h->n_tensors;
    *out = h;
    return 0;
}

void tern_hf_model_close(struct tern_hf_model * h) {
    if (!h) return;
    tern_st_close(&h->st);
    tern_hf_folder_free(&h->folder);
    if (h->has_vocab) tern_gen_vocab_free(&h->vocab);
    free(h->meta);
    free(h->tensors);
    free(h->src);
    free(h->scales);
    free(h->names);
    free(h);
}

const struct tern_arch * tern_hf_model_arch(const struct tern_hf_model * h) {
    return h->arch;
}

const char * tern_hf_model_storage(const struct tern_hf_model * h) {
    return h->storage;
}

static size_t index_of(const struct tern_hf_model * h, const struct tern_gguf_tensor * t) {
    for (size_t i = 0; i < h->n_tensors; i++) {
        if (h->tensors[i].data == t->data && h->tensors[i].name.len == t->name.len &&
            memcmp(h->tensors[i].name.ptr, t->name.ptr, t->name.len) == 0) {
            return i;
        }
    }
    return SIZE_MAX;
}

bool tern_hf_model_scale(const struct tern_hf_model * h, const struct tern_gguf_tensor * t, float * scale, bool * divides) {
    const size_t i = index_of(h, t);
    if (i == SIZE_MAX || t->type != TERN_GGML_HF_PACKED) return false;
    *scale = h->scales[i];
    *divides = h->scale_divides;
    return true;
}

void tern_hf_model_drop(const struct tern_hf_model * h, const struct tern_gguf_tensor * t) {
    const size_t i = index_of(h, t);
    if (i != SIZE_MAX) tern_st_drop(&h->st, h->src[i]);
}
